"""The router and the home page, in both languages."""
from tests.app.conftest import no_exceptions, open_page, texts
from core.catalog import LESSONS


def test_home_lists_every_lesson_of_the_catalog():
    at = open_page()
    no_exceptions(at)
    assert at.title[0].value == "PyTorch Playground"
    captions = [c.value for c in at.caption]
    assert sum(1 for c in captions if c) >= len(LESSONS)


def test_home_in_chinese():
    at = open_page(lang="zh")
    no_exceptions(at)
    assert at.title[0].value == "PyTorch 游乐场"
    assert "基础" in texts(at)


def test_language_switch_changes_the_page():
    at = open_page()
    at.radio(key="lang").set_value("zh").run()
    no_exceptions(at)
    assert at.title[0].value == "PyTorch 游乐场"
