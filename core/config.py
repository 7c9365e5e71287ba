"""Configs as frozen dataclasses: defaults, ranges and help live in one place.

Every task's settings are a frozen dataclass whose fields are declared with :func:`param`.
The same declaration feeds three readers:

* the CLI (``--lr 0.1``): one flag per field,
* the page controls (slider ranges, select options),
* the URL (``?lr=0.1``): settings as query parameters, parsed with fallback.

So a default or a range is written exactly once.
"""
from __future__ import annotations

import dataclasses
import functools
import math
import typing
from dataclasses import dataclass
from collections.abc import Mapping, Sequence
from typing import Any

DEVICE_CHOICES = "devices"  # marker: the choices are the devices this machine really has


class ConfigError(ValueError):
    """A setting that cannot be used (unknown, unparsable or out of range)."""


def param(
    default: Any,
    *,
    lo: float | None = None,
    hi: float | None = None,
    choices: Sequence[Any] | str | None = None,
    log: bool = False,
    help: str = "",
) -> Any:
    """Declare a config field with its range: ``lr: float = param(0.2, lo=1e-4, hi=10, log=True)``."""
    meta = {"lo": lo, "hi": hi, "choices": choices, "log": log, "help": help}
    if isinstance(default, (list, dict, set)):
        raise TypeError("use a tuple for sequence defaults: configs are frozen")
    return dataclasses.field(default=default, metadata=meta)


def course_default(base: type, name: str, default: Any) -> Any:
    """The setting ``name`` declared in ``base``, with this lesson's default (same range, same
    help): ``lr: float = course_default(DigitSettings, "lr", 0.01)``."""
    return dataclasses.field(default=default, metadata=base.__dataclass_fields__[name].metadata)


@dataclass(frozen=True)
class ParamSpec:
    """What a UI or a parser needs to know about one field."""

    name: str
    kind: type  # int, float, str, bool or tuple
    item: type | None  # element type for tuple fields
    default: Any
    lo: float | None
    hi: float | None
    choices: tuple | None
    log: bool
    help: str

    @property
    def flag(self) -> str:
        return "--" + self.name.replace("_", "-")


@functools.cache
def specs(cls: type) -> tuple[ParamSpec, ...]:
    """The fields of a config class, in declaration order.

    Read once per class: a class's fields never change, and every parse of a URL, flag or
    class-board submission asks again, as does a page on every rerun (2.6 % of the server's
    time for a student's first run, profiled). Evaluating the annotations alone compiles each
    one (~5 ms per config class)."""
    hints = typing.get_type_hints(cls)
    out = []
    for f in dataclasses.fields(cls):
        if "lo" not in f.metadata:  # not declared with param(): data, not a setting (no flag,
            continue  # no URL value, no widget), e.g. a user's own points
        kind, item = _kind_of(hints[f.name])
        choices = f.metadata.get("choices")
        if choices == DEVICE_CHOICES:
            from core.devices import available_devices  # late: avoids probing devices on import

            choices = tuple(available_devices())
        out.append(
            ParamSpec(
                name=f.name,
                kind=kind,
                item=item,
                default=f.default,
                lo=f.metadata.get("lo"),
                hi=f.metadata.get("hi"),
                choices=tuple(choices) if choices is not None else None,
                log=bool(f.metadata.get("log")),
                help=f.metadata.get("help", ""),
            )
        )
    return tuple(out)


def spec_of(cls: type, name: str) -> ParamSpec:
    for s in specs(cls):
        if s.name == name:
            return s
    raise KeyError(name)


def _kind_of(hint: Any) -> tuple[type, type | None]:
    origin = typing.get_origin(hint)
    if origin is tuple:
        args = typing.get_args(hint)
        return tuple, args[0] if args else str
    if hint in (int, float, str, bool):
        return hint, None
    raise TypeError(f"unsupported config field type: {hint!r}")


def parse_value(spec: ParamSpec, text: str) -> Any:
    """Parse one setting from text (a CLI flag or a URL value) and check its range."""
    text = str(text).strip()
    try:
        if spec.kind is bool:
            low = text.lower()
            if low in ("1", "true", "yes", "on"):
                value: Any = True
            elif low in ("0", "false", "no", "off"):
                value = False
            else:
                raise ValueError(text)
        elif spec.kind is tuple:
            parts = [p.strip() for p in text.split(",") if p.strip()]
            value = tuple(spec.item(p) for p in parts)  # type: ignore[misc]
        else:
            value = spec.kind(text)
    except ValueError:
        raise ConfigError(f"{spec.name}: cannot read {text!r} as {_type_name(spec)}") from None
    check_value(spec, value)
    return value


def check_value(spec: ParamSpec, value: Any) -> None:
    """Raise ConfigError when ``value`` is outside the field's declared range or choices."""
    items = value if spec.kind is tuple else (value,)
    if spec.kind is tuple and not items:
        raise ConfigError(f"{spec.name}: needs at least one value")
    for v in items:
        if isinstance(v, float) and not math.isfinite(v):
            raise ConfigError(f"{spec.name}: {v} is not a finite number")
        if spec.choices is not None and v not in spec.choices:
            allowed = ", ".join(str(c) for c in spec.choices)
            raise ConfigError(f"{spec.name}: {v!r} is not one of {allowed}")
        if spec.lo is not None and v < spec.lo:
            raise ConfigError(f"{spec.name}: {v} is below the minimum {spec.lo}")
        if spec.hi is not None and v > spec.hi:
            raise ConfigError(f"{spec.name}: {v} is above the maximum {spec.hi}")


def validate(cfg: Any) -> None:
    """Check every field of a config instance against its declaration."""
    for s in specs(type(cfg)):
        check_value(s, getattr(cfg, s.name))
    extra = getattr(cfg, "check", None)  # optional cross-field rule, e.g. batch <= points
    if callable(extra):
        extra()


def from_strings(cls: type, values: Mapping[str, str], *, strict: bool = True) -> tuple[Any, list[str]]:
    """Build a config from text values (CLI or URL).

    strict=True raises ConfigError on the first bad value; strict=False keeps the default for
    any bad or unknown value and returns the list of problems, for a short notice on the page.
    """
    known = {s.name: s for s in specs(cls)}
    chosen: dict[str, Any] = {}
    problems: list[str] = []
    for key, text in values.items():
        name = key.replace("-", "_")
        if name not in known:
            if strict:
                raise ConfigError(f"unknown setting {key!r}")
            continue  # URLs carry other keys too (language, page state)
        try:
            chosen[name] = parse_value(known[name], text)
        except ConfigError as err:
            if strict:
                raise
            problems.append(str(err))
    cfg = cls(**chosen)
    try:
        validate(cfg)
    except ConfigError as err:
        if strict:
            raise
        problems.append(str(err))
        cfg = cls()
    return cfg, problems


def to_strings(cfg: Any) -> dict[str, str]:
    """The inverse of :func:`from_strings`, for links and generated commands."""
    return {s.name: value_text(getattr(cfg, s.name)) for s in specs(type(cfg))}


def value_text(value: Any) -> str:
    """One setting's value as :func:`parse_value` reads it: ``true``, ``8,4,2``, ``0.2``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return ",".join(str(x) for x in value)
    return str(value)


def changed_fields(cfg: Any) -> dict[str, str]:
    """Only the settings that differ from the defaults, as text."""
    default = to_strings(type(cfg)())
    return {k: v for k, v in to_strings(cfg).items() if default[k] != v}


def _type_name(spec: ParamSpec) -> str:
    if spec.kind is tuple:
        return f"a comma-separated list of {spec.item.__name__}"  # type: ignore[union-attr]
    return {int: "an integer", float: "a number", str: "text", bool: "true/false"}[spec.kind]
