"""Widgets built from a config dataclass: defaults and ranges come from ``core.config.param``.

``config_controls(RegressionConfig, page="regression")`` draws one widget per field and returns
the config instance. Settings live in the URL: a link opens the same settings, and values that
are garbage or out of range fall back to the default with a short notice.
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import streamlit as st

from core.config import (ConfigError, ParamSpec, changed_fields, from_strings, parse_value,
                         specs)
from ui.i18n import DEFAULT_LANGUAGE, LANG_KEY, current_language, has, t


def _widget_key(page: str, name: str) -> str:
    return f"{page}.{name}"


def label(name: str) -> str:
    return t(f"param.{name}", default=name.replace("_", " "))


def _choice_label(value: Any) -> str:
    return t(f"choice.{value}", default=str(value))


def log_options(lo: float, hi: float, *extra: float) -> list[float]:
    """1, 2, 5 steps per decade between lo and hi (plus the given values): a log-scale slider."""
    values = set(extra)
    for exponent in range(math.floor(math.log10(lo)), math.ceil(math.log10(hi)) + 1):
        for mantissa in (1, 2, 5):
            v = float(f"{mantissa}e{exponent}")
            if lo <= v <= hi:
                values.add(v)
    return sorted(values)


def _load_url_once(cls: type, page: str) -> None:
    """On the first run of a page in this session, seed its widgets from the URL."""
    flag = f"{page}.__from_url"
    if st.session_state.get(flag):
        return
    st.session_state[flag] = True
    field_names = {s.name for s in specs(cls)}
    given = {k: v for k, v in st.query_params.to_dict().items() if k in field_names}
    cfg, problems = from_strings(cls, given, strict=False)
    for s in specs(cls):
        st.session_state[_widget_key(page, s.name)] = widget_value(s, getattr(cfg, s.name))
    st.session_state[f"{page}.__url_problems"] = problems


def widget_value(spec: ParamSpec, value: Any) -> Any:
    """A setting as its widget holds it: a list for a multiselect, text for a list of numbers
    ("8,4,2", typed as on the CLI and in the URL), else the value itself."""
    if spec.kind is tuple:
        return list(value) if spec.choices is not None else ",".join(str(v) for v in value)
    return value


def widget_states(cls: type, page: str) -> tuple:
    """What the settings' widgets hold now: a part of the page rerun on its own compares it
    with what it was drawn with, to notice a button whose callback changed a setting."""
    return tuple(st.session_state.get(_widget_key(page, s.name)) for s in specs(cls))


def settings_in_session(cls: type, page: str) -> Any:
    """The settings the page's widgets hold now (for a part of a page drawn outside
    :func:`config_controls`); the defaults when they do not make a valid config."""
    values = {}
    for s in specs(cls):
        held = st.session_state.get(_widget_key(page, s.name), widget_value(s, s.default))
        values[s.name] = ",".join(map(str, held)) if isinstance(held, list) else str(held)
    cfg, problems = from_strings(cls, values, strict=False)
    return cls() if problems else cfg


def help_text_for(page: str, spec: ParamSpec) -> str | None:
    """The tooltip: help.<page>.<field> or help.<field> from the catalog; else the config's own
    (English) help, shown only in English."""
    for key in (f"help.{page}.{spec.name}", f"help.{spec.name}"):
        if has(key):
            return t(key)
    return (spec.help or None) if current_language() == DEFAULT_LANGUAGE else None


def _resend_after_a_language_switch(key: str) -> None:
    """Streamlit 1.67's select boxes keep showing the label the browser last held (their value
    travels as the formatted label): a box set from the URL still read "spiral" after a switch
    to 简体中文. Setting the value again, once per switch, sends the box its new label."""
    seen = f"{key}.language"
    language = current_language()
    if st.session_state.get(seen, language) != language:
        st.session_state[key] = st.session_state[key]
    st.session_state[seen] = language


def _draw_widget(spec: ParamSpec, key: str, container, page: str = "",
                 disabled: bool = False) -> Any:
    text = label(spec.name)
    help_text = help_text_for(page, spec)
    if key not in st.session_state:
        st.session_state[key] = widget_value(spec, spec.default)
    # a page switch and back keeps the settings; a setting the others make unused is greyed
    keep = {"persist_state": "session", "disabled": disabled}
    if spec.kind is bool:
        return container.toggle(text, key=key, help=help_text, **keep)
    # Labels are looked up now, in this run's language (a format_func may run elsewhere).
    names = {c: _choice_label(c) for c in spec.choices or ()}
    if spec.kind is tuple and spec.choices is None:
        # Text parsed by the config code (the CLI's and the URL's parser): a bad entry raises
        # ConfigError, which config_controls turns into the page's notice.
        return parse_value(spec, container.text_input(text, key=key, help=help_text, **keep))
    if spec.choices is not None:
        _resend_after_a_language_switch(key)
    if spec.kind is tuple:
        return tuple(container.multiselect(text, options=list(spec.choices), key=key,
                                           format_func=names.get, help=help_text, **keep))
    if spec.choices is not None:
        if st.session_state[key] not in spec.choices:
            st.session_state[key] = spec.default
        return container.selectbox(text, options=list(spec.choices), key=key,
                                   format_func=names.get, help=help_text, **keep)
    if spec.kind is float and spec.log:
        options = log_options(spec.lo, spec.hi, spec.default, st.session_state[key])
        return container.select_slider(text, options=options, key=key, help=help_text,
                                       format_func=lambda v: f"{v:g}", **keep)
    if spec.kind is float:
        step = _nice_step(spec.lo, spec.hi)
        decimals = max(0, -math.floor(math.log10(step)))  # the value shown is the value used
        return container.slider(text, min_value=float(spec.lo), max_value=float(spec.hi),
                                step=step, format=f"%.{decimals}f", key=key, help=help_text,
                                **keep)
    if spec.kind is int and spec.lo is not None and spec.hi is not None and spec.hi - spec.lo <= 256:
        return container.slider(text, min_value=int(spec.lo), max_value=int(spec.hi), key=key,
                                help=help_text, **keep)
    return container.number_input(text, min_value=spec.lo, max_value=spec.hi, step=1, key=key,
                                  help=help_text, **keep)


def _nice_step(lo: float, hi: float) -> float:
    return 10 ** math.floor(math.log10((hi - lo) / 100)) if hi > lo else 0.01


def config_controls(cls: type, *, page: str, groups: Sequence[tuple[str, Sequence[str]]] | None = None,
                    container=None, locked: Mapping[str, str] | None = None,
                    pinned: Sequence[str] = (), pinned_container=None,
                    fixed: Mapping[str, Any] | None = None) -> tuple[Any, str | None]:
    """Draw the settings of ``cls``; return (config, error message or None).

    groups: [(title key, [field names]), ...] shown as tabs; fields not listed go last.
    locked: settings fixed at these values (their text form), drawn as fixed text, not widgets
    (a student link, a challenge). pinned: settings drawn in ``pinned_container`` instead
    (presenter mode shows them on the page itself). fixed: settings this session always
    uses, whatever a link says: no widget, not in the link (the template's checkpoint folder).
    """
    container = container or st.sidebar
    locked = dict(locked or {})
    _load_url_once(cls, page)
    all_specs = {s.name: s for s in specs(cls)}
    problems = st.session_state.get(f"{page}.__url_problems")
    if problems:
        container.warning(t("settings.url_fallback", problems="; ".join(problems)))

    values: dict[str, Any] = dict(fixed or {})
    for name, text in locked.items():  # parsed like any setting; the caller checked them
        values[name] = parse_value(all_specs[name], text)
        st.session_state[_widget_key(page, name)] = widget_value(all_specs[name], values[name])
    free = [n for n in all_specs if n not in locked and n not in values]
    here = [n for n in free if n not in pinned]
    if pinned_container is not None and pinned:
        shown_pins = [n for n in pinned if n in free]
        for box, name in zip(pinned_container.columns(max(1, len(shown_pins))), shown_pins, strict=False):
            values[name] = _draw_widget(all_specs[name], _widget_key(page, name), box, page)
    if groups:
        listed = [n for _, names in groups for n in names]
        rest = [n for n in here if n not in listed]
        titles = [t(title) for title, _ in groups]
        layout = list(zip(container.tabs(titles),
                          [[n for n in names if n in here] for _, names in groups], strict=False))
        if rest:
            layout[-1][1].extend(rest)
    else:
        layout = [(container, here)]
    unreadable = None
    for box, names in layout:
        for name in names:
            unused = getattr(cls, "unused_settings", None)
            idle = unused is not None and name in unused(values)
            try:
                values[name] = _draw_widget(all_specs[name], _widget_key(page, name), box, page,
                                            disabled=idle)
            except ConfigError as err:
                unreadable = unreadable or str(err)
    if locked:
        box = container.container(border=True)
        box.caption(t("classroom.locked_title"))
        for name, text in locked.items():
            box.text_input(f"🔒 {label(name)}", value=_locked_text(all_specs[name], text),
                           disabled=True, key=f"{page}.__locked.{name}")

    container.button(t("settings.reset"), key=f"{page}.__reset", on_click=_reset,
                     args=(cls, page, locked))
    try:
        if unreadable:
            raise ConfigError(unreadable)
        cfg = cls(**values)
        from core.config import validate

        validate(cfg)
        error = None
    except (ConfigError, TypeError, ValueError) as err:
        cfg, error = cls(), str(err)
    _write_url(cfg if error is None else None, page, cls, skip=set(fixed or ()))
    return cfg, error


def forget_url_problems(page: str) -> None:
    """The notice about a bad link has been read once the user trains (a button callback)."""
    st.session_state[f"{page}.__url_problems"] = []


def _locked_text(spec: ParamSpec, text: str) -> str:
    if spec.kind is tuple and spec.choices is not None:
        return ", ".join(_choice_label(v) for v in text.split(","))
    return _choice_label(text) if spec.choices is not None else text


def _reset(cls: type, page: str, locked: Mapping[str, str] | None = None) -> None:
    for s in specs(cls):
        if locked and s.name in locked:
            continue
        st.session_state[_widget_key(page, s.name)] = widget_value(s, s.default)
    st.session_state[f"{page}.__url_problems"] = []


def apply_settings(cls: type, page: str, settings: dict[str, str]) -> None:
    """Put a run's settings (text, as core.config.to_strings writes them) into the controls;
    the URL follows on the next run of the script. Call it from a widget's callback, before
    the controls are drawn."""
    cfg, _ = from_strings(cls, settings, strict=False)
    for s in specs(cls):
        st.session_state[_widget_key(page, s.name)] = widget_value(s, getattr(cfg, s.name))
    st.session_state[f"{page}.__url_problems"] = []


def set_settings(cls: type, page: str, values: Mapping[str, Any]) -> None:
    """Set some of the controls to these values, the others kept (from a widget's callback,
    before the controls are drawn)."""
    by_name = {s.name: s for s in specs(cls)}
    for name, value in values.items():
        st.session_state[_widget_key(page, name)] = widget_value(by_name[name], value)


def _write_url(cfg: Any, page: str, cls: type, skip: set[str]) -> None:
    """Only settings that differ from the defaults go into the URL, so links stay short."""
    if cfg is None:
        return
    wanted = changed_fields(cfg)
    for name in (s.name for s in specs(cls) if s.name not in skip):
        if name in wanted:
            if st.query_params.get(name) != wanted[name]:
                st.query_params[name] = wanted[name]
        elif name in st.query_params:
            del st.query_params[name]


# URL parameters of the whole app, not of one page: a student's class and nickname go along
# from page to page, so a reload keeps the student in the class (ui/class_board.py).
CLASS_KEY, NICKNAME_KEY = "class", "nick"
APP_KEYS = frozenset({LANG_KEY, CLASS_KEY, NICKNAME_KEY})


def keep_only_page_params(allowed: set[str]) -> None:
    """Drop URL parameters that belong to another page (kept: the app's, APP_KEYS)."""
    for key in list(st.query_params.keys()):
        if key not in allowed and key not in APP_KEYS:
            del st.query_params[key]
