"""One catalog of user-facing strings, English and Simplified Chinese.

The catalog is the union of the ``STRINGS`` dicts of every module in ``ui/strings/``: one module
per lesson (``ui/strings/<lesson>.py``: its ``<lesson>.*`` keys, its navigation entry and the
labels only it uses), ``common.py`` for what several lessons share, and one module per feature
that spans the lessons (``classroom.py``). ``t(key)`` looks a key up
in the current language; tests fail when a key lacks a language.
"""
from __future__ import annotations

import functools
import importlib
import pkgutil
import threading

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

LANGUAGES = {"en": "English", "zh": "简体中文"}
DEFAULT_LANGUAGE = "en"
LANG_KEY = "lang"


def modules() -> dict[str, dict[str, dict[str, str]]]:
    """module name -> its STRINGS, for every module of ui/strings/."""
    import ui.strings as package

    return {info.name: getattr(importlib.import_module(f"ui.strings.{info.name}"), "STRINGS", {})
            for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name)}


@functools.lru_cache(maxsize=1)
def catalog() -> dict[str, dict[str, str]]:
    """key -> {"en": ..., "zh": ...}, all modules merged (tests forbid conflicting duplicates)."""
    merged: dict[str, dict[str, str]] = {}
    for strings in modules().values():
        for key, entry in strings.items():
            merged.setdefault(key, entry)
    return merged


# The language of the script runs a thread is running. Streamlit runs a session's script runs
# one after another in its script thread, and the language changes only in a whole-page run
# (the switch is in the sidebar, outside every fragment), which language_switch() records here.
# t() is called a few hundred times a run, and each st.session_state read goes through several
# layers of Streamlit: reading it once per run was 5 % of the server's time.
_runs = threading.local()


def current_language() -> str:
    ctx = get_script_run_ctx()
    known = getattr(_runs, "language", None)  # (the script run context, its language)
    if ctx is not None and known is not None and known[0] is ctx:
        return known[1]
    lang = st.session_state.get(LANG_KEY)
    if lang not in LANGUAGES:
        lang = st.query_params.get(LANG_KEY, DEFAULT_LANGUAGE)
    lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    if ctx is not None:
        _runs.language = (ctx, lang)
    return lang


def t(key: str, default: str | None = None, **fmt) -> str:
    """The string for ``key`` in the current language, formatted with ``fmt``.

    A key missing from the catalog gives ``default`` when one is passed (for keys built at run
    time, e.g. ``t(f"series.{name}", default=name)``), else the key itself: visible on screen,
    and tests/ui/test_i18n.py fails on unknown literal keys in pages.
    """
    entry = catalog().get(key)
    if entry is None:
        return key if default is None else default
    text = entry.get(current_language()) or entry[DEFAULT_LANGUAGE]
    return text.format(**fmt) if fmt else text


def has(key: str) -> bool:
    return key in catalog()


def language_switch() -> None:
    """English / 简体中文 in the sidebar; the choice is kept in the URL (?lang=zh). The router
    calls it first in every whole-page run: the language is read anew (it may have changed)."""
    _runs.language = None
    if LANG_KEY not in st.session_state:
        st.session_state[LANG_KEY] = current_language()
    st.sidebar.radio("Language / 语言", options=list(LANGUAGES), format_func=LANGUAGES.get,
                     key=LANG_KEY, horizontal=True)
    if st.session_state[LANG_KEY] == DEFAULT_LANGUAGE:
        st.query_params.pop(LANG_KEY, None)
    else:
        st.query_params[LANG_KEY] = st.session_state[LANG_KEY]
