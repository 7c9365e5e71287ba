"""Headless CLI over the same code path as the pages.

    python -m core list
    python -m core train NAME [--lr 0.1 --steps 50 ...] [--more N] [--json]
    python -m core code NAME [--lr 0.1 ...] [--more N] > script.py

--more N continues the run by N steps, as a page's Continue button does (MLP pages).

Bad input (unknown page, unknown flag, out-of-range value) prints one line and exits 2.
A diverged run prints what happened and exits 1.
"""
from __future__ import annotations

import argparse
import json
import math
import sys
import time
from typing import Any, Sequence

from core.config import ConfigError, from_strings, specs
from core.registry import TaskUnavailable, get_task, task_names
from core.snapshots import last
from core.train import continued

EXIT_USAGE = 2
EXIT_DIVERGED = 1


class _OneLineParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse would print the whole usage block
        _fail(message)


def _fail(message: str) -> None:
    print(f"error: {message}", file=sys.stderr)
    raise SystemExit(EXIT_USAGE)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__.strip())
        return 0
    command, rest = argv[0], argv[1:]
    if command == "list":
        return _list()
    if command not in ("train", "code"):
        _fail(f"unknown command {command!r} (use list, train or code)")
    if not rest or rest[0].startswith("-"):
        _fail(f"{command} needs a page name: {', '.join(task_names())}")
    name, flags = rest[0], rest[1:]
    try:
        task = get_task(name)
    except KeyError:
        _fail(f"unknown page {name!r} (choose from: {', '.join(task_names())})")
    cfg, as_json = _parse_flags(task, command, flags)
    try:
        if command == "code":
            if task.code is None:
                _fail(f"page {name!r} has no generated script")
            print(task.code(cfg), end="")
            return 0
        return _train(task, cfg, as_json)
    except (ConfigError, TaskUnavailable) as err:
        _fail(str(err))
    return 0


def _list() -> int:
    for name in task_names():
        print(f"{name:<14} {get_task(name).summary}")
    return 0


def _parse_flags(task: Any, command: str, flags: list[str]) -> tuple[Any, bool]:
    parser = _OneLineParser(prog=f"python -m core {command} {task.name}", add_help=False)
    for s in specs(task.config):
        names = [s.flag] + ([f"--{s.name}"] if "_" in s.name else [])
        parser.add_argument(*names, dest=s.name, default=None, metavar="VALUE", help=s.help)
    if command == "train":
        parser.add_argument("--json", action="store_true", help="last line: one JSON object")
    if "steps" in task.config.__dataclass_fields__:
        parser.add_argument("--more", default=None, metavar="N",
                            help="continue the run by N steps (the page's Continue)")
    args = vars(parser.parse_args(flags))
    as_json = bool(args.pop("json", False))
    more = args.pop("more", None)
    given = {k: v for k, v in args.items() if v is not None}
    try:
        cfg, _ = from_strings(task.config, given, strict=True)
        if more is not None:
            cfg = continued(cfg, _integer("more", more))
    except ConfigError as err:
        _fail(str(err))
    except TypeError as err:  # a config whose own check refused the combination
        _fail(str(err))
    return cfg, as_json


def _integer(name: str, text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise ConfigError(f"{name}: cannot read {text!r} as an integer") from None


def _train(task: Any, cfg: Any, as_json: bool) -> int:
    started = time.perf_counter()
    final = last(task.train(cfg))
    seconds = time.perf_counter() - started
    figures = {"page": task.name, **task.result(cfg, final)}
    figures.setdefault("steps", final.step)
    figures.setdefault("device", getattr(cfg, "device", "cpu"))
    figures["seconds"] = round(seconds, 4)
    if final.divergence is not None:
        d = final.divergence
        figures["diverged"] = {"step": d.step, "message": d.message, "hint": d.hint}
    if task.report is not None:
        print(task.report(cfg, final))
    if final.divergence is not None:
        print(final.divergence.message, final.divergence.hint)
    print(_human(figures))
    if as_json:
        print(json.dumps(_json_safe(figures), sort_keys=True))
    return EXIT_DIVERGED if final.divergence is not None else 0


def _human(figures: dict) -> str:
    parts = []
    for key, value in figures.items():
        if key in ("page", "diverged"):
            continue
        if isinstance(value, dict):
            value = "{" + ", ".join(f"{k}: {_fmt(v)}" for k, v in value.items()) + "}"
        parts.append(f"{key}={_fmt(value)}")
    return f"{figures['page']}: " + "  ".join(parts)


def _fmt(value: Any) -> str:
    return f"{value:.6g}" if isinstance(value, float) else str(value)


def _json_safe(value: Any) -> Any:
    """JSON has no NaN/inf: a diverged loss becomes null."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
    return value


if __name__ == "__main__":
    sys.exit(main())
