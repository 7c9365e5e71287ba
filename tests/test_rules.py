"""The project's rules, checked: ruff is clean (ruff.toml), and core/ never imports streamlit."""
import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

CORE = ROOT / "core"


def ruff_command() -> list[str]:
    """ruff from this interpreter's environment (the pinned one), else from PATH."""
    here = Path(sys.executable).with_name("ruff")
    if here.exists():
        return [str(here)]
    if shutil.which("ruff"):
        return ["ruff"]
    pytest.fail("ruff is not installed: `make test` installs requirements.txt, which pins it")


def test_ruff_finds_nothing():
    proc = subprocess.run([*ruff_command(), "check", "--no-cache", "--output-format", "concise",
                           str(ROOT)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def imported_names(source: str) -> set[str]:
    """Every module a file imports: import statements, and the text handed to
    ``importlib.import_module`` / ``__import__`` (where it is written as a string)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
        elif isinstance(node, ast.Call):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if called in ("import_module", "__import__") and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    names.add(first.value)
    return names


def test_the_boundary_check_sees_every_way_of_importing():
    source = ("import streamlit as st\nfrom streamlit import session_state\n"
              "import importlib\nimportlib.import_module('streamlit.runtime')\n__import__('ui.i18n')\n")
    assert imported_names(source) == {"streamlit", "importlib", "streamlit.runtime", "ui.i18n"}


@pytest.mark.parametrize("path", sorted(CORE.rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT)))
def test_core_never_imports_streamlit_or_the_ui(path):
    """core/ is plain Python: the CLI, the tests and worker processes use it without a browser."""
    banned = [name for name in imported_names(path.read_text(encoding="utf-8"))
              if name.split(".")[0] in ("streamlit", "ui", "pages")]
    assert not banned, f"{path.relative_to(ROOT)} imports {banned}"
