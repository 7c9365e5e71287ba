"""One catalog, two languages: a key without a translation fails here."""
import re

import pytest

from core.config import specs
from core.registry import get_task, task_names
from tests.conftest import ROOT
from ui.i18n import LANGUAGES, catalog, modules
from core.catalog import LESSONS, SECTIONS

KEY_IN_CODE = re.compile(r"""\bt\(\s*["']([A-Za-z0-9_.]+)["']""")


def test_every_key_has_every_language():
    missing = [(key, lang) for key, entry in catalog().items() for lang in LANGUAGES
               if not str(entry.get(lang, "")).strip()]
    assert not missing, missing


def test_no_key_is_defined_twice_with_different_text():
    seen, conflicts = {}, []
    for module, strings in modules().items():
        for key, entry in strings.items():
            if key in seen and seen[key][1] != entry:
                conflicts.append(f"{key}: {seen[key][0]} vs {module}")
            seen.setdefault(key, (module, entry))
    assert not conflicts, conflicts


def test_chinese_is_really_chinese_for_sentences():
    """Sentences (not symbols like 'x²' or 'ReLU') must carry CJK characters in zh."""
    def words(text):  # English words outside `code` and {placeholders}
        prose = re.sub(r"`[^`]*`|{[^}]*}|\S*[_()]\S*|\w+\.\w+", " ", text)  # and identifiers
        return re.findall(r"[A-Za-z]{3,}", prose)

    untranslated = [key for key, entry in catalog().items()
                    if len(words(entry["en"])) >= 4 and not re.search(r"[\u4e00-\u9fff]", entry["zh"])]
    assert not untranslated, untranslated


def test_placeholders_match_between_languages():
    field = re.compile(r"{(\w+)")
    for key, entry in catalog().items():
        assert set(field.findall(entry["en"])) == set(field.findall(entry["zh"])), key


def test_every_key_used_in_code_exists():
    used = set()
    for folder in ("pages", "ui"):
        for path in (ROOT / folder).rglob("*.py"):
            used |= set(KEY_IN_CODE.findall(path.read_text(encoding="utf-8")))
    unknown = sorted(k for k in used if k not in catalog())
    assert not unknown, unknown


def test_navigation_and_home_keys():
    for section in SECTIONS:
        assert f"nav.section.{section}" in catalog()
    for entry in LESSONS:
        assert f"nav.{entry.name}" in catalog() and f"home.{entry.name}" in catalog()


@pytest.mark.parametrize("name", task_names())
def test_every_setting_of_every_task_has_a_label(name):
    missing = [s.name for s in specs(get_task(name).config) if f"param.{s.name}" not in catalog()]
    assert not missing, f"{name}: add param.<field> labels for {missing}"


def _language_within_one_run():
    import streamlit as st

    from ui.i18n import LANG_KEY, current_language, language_switch

    st.session_state[LANG_KEY] = "en"
    seen = [current_language()]
    st.session_state[LANG_KEY] = "zh"  # (only a whole-page run's switch changes it in the app)
    seen.append(current_language())  # read once per run: still this run's language
    language_switch()  # what the router runs first in a whole-page run: read anew
    seen.append(current_language())
    st.session_state["seen"] = seen


def test_the_language_is_read_once_per_run_and_anew_by_the_switch():
    """current_language() keeps the language a script run read (t() is called hundreds of times
    a run); the switch, first in every whole-page run, reads it again, so a change is never
    missed by a later run in the same script thread."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(_language_within_one_run).run()
    assert not at.exception
    assert at.session_state["seen"] == ["en", "en", "zh"]
