"""The server's Streamlit settings (.streamlit/config.toml) that the classroom depends on.

Python 3.11's ast conversion keeps its recursion counter per interpreter, not per thread
(CPython gh-106905): two threads building ast trees at once can fail with "SystemError: AST
constructor recursion depth mismatch", which a student of a 30-student CNN class saw instead of
the page. Two things did that in every session's thread: Streamlit's "magic" (a bare expression
drawn as st.write), which parses each page on its first run, and the generated script's class
sources (read once now: core/codegen.py, source_of). The config turns magic off, so a page is
compiled straight from its text; these tests hold that in place.
"""
import ast
import tomllib

import pytest
from streamlit import config
from streamlit.runtime.scriptrunner import magic
from streamlit.runtime.scriptrunner.script_cache import ScriptCache

from tests.conftest import ROOT

SCRIPTS = [ROOT / "streamlit_app.py", *sorted((ROOT / "pages").glob("*.py"))]


def magic_writes(source: str) -> int:
    """How many st.write calls Streamlit's magic would add to this script."""
    tree = magic.add_magic(source, "<page>")
    return sum(isinstance(node, ast.Attribute) and node.attr == "transparent_write"
               for node in ast.walk(tree))


def test_magic_is_off_in_the_servers_config():
    settings = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert settings["runner"]["magicEnabled"] is False


def test_the_check_sees_a_page_that_relies_on_magic():
    assert magic_writes('"""Docstring."""\nimport streamlit as st\nx = 3\nx\nst.write(x)\n') == 1
    assert magic_writes("def f():\n    'doc'\n    for i in range(2):\n        i, i * 2\n") == 1
    assert magic_writes('"""Docstring."""\nimport streamlit as st\nst.write(3)\n') == 0


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_no_page_relies_on_magic(script):
    """With magic off, a bare expression would silently show nothing: write st.write(...)."""
    assert magic_writes(script.read_text(encoding="utf-8")) == 0


def test_compiling_a_page_uses_no_ast_with_the_servers_config(monkeypatch):
    """Streamlit's script cache, set as the config sets it, compiles every page without
    building an ast tree (the conversion that is not thread-safe)."""
    def no_ast(*args, **kwargs):
        raise AssertionError("a page was parsed into an ast tree (Streamlit's magic)")

    monkeypatch.setattr(magic, "add_magic", no_ast)
    before = config.get_option("runner.magicEnabled")
    settings = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    config.set_option("runner.magicEnabled", settings["runner"]["magicEnabled"])
    try:
        cache = ScriptCache()
        for script in SCRIPTS:
            assert cache.get_bytecode(str(script)).co_filename == str(script)
    finally:
        config.set_option("runner.magicEnabled", before)
