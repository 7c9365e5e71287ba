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


# ----------------------------------------------------------------------------- the page contract
PAGES = ROOT / "pages"
# Pages may keep state of their own in the session only where no frame stands behind them,
# each for the reason given. Training pages get everything from ui.training_page.Frame.
SESSION_ALLOWED = {
    "autograd.py": "not a training page: keeps its Compute button's result across reruns",
    "devices.py": "not a training page: keeps its timing buttons' results across reruns",
}


def contract_breaks(source: str) -> set[str]:
    """What a page does behind the training frame's back: ``st.session_state``, ``st.stop``,
    a private key of the controls (``"template.__from_url"``), or ``t(k) if has(k) else k``
    where ``t(k, default=k)`` says it."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr in ("session_state", "stop"):
            if isinstance(node.value, ast.Name) and node.value.id in ("st", "streamlit"):
                found.add(f"st.{node.attr}")
        elif isinstance(node, ast.ImportFrom) and node.module == "streamlit":
            found.update(f"st.{a.name}" for a in node.names if a.name in ("session_state", "stop"))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if ".__" in node.value and not node.value.startswith("__"):
                found.add("private control key")
        elif isinstance(node, ast.JoinedStr):
            if any(isinstance(v, ast.Constant) and ".__" in str(v.value) for v in node.values):
                found.add("private control key")
        elif (isinstance(node, ast.IfExp) and isinstance(node.test, ast.Call)
              and getattr(node.test.func, "id", "") == "has"):
            found.add("t-if-has")
    return found


def test_the_contract_check_sees_each_way_round_the_frame():
    source = ("import streamlit as st\nfrom streamlit import stop\n"
              "x = st.session_state.get('a')\nst.stop()\ny = st.session_state['page.__from_url']\n"
              "z = t(k) if has(k) else k\nw = f'{page}.__url_problems'\n")
    assert contract_breaks(source) == {"st.session_state", "st.stop", "private control key",
                                       "t-if-has"}
    assert contract_breaks("z = t(k, default=k)\nst.write(frame.options['log'])\n") == set()


@pytest.mark.parametrize("path", sorted(PAGES.glob("*.py")), ids=lambda p: p.name)
def test_pages_keep_to_the_frame(path):
    """Page callbacks get one ui.training_page.Frame; a page never reaches into the session,
    stops the script, or reads the controls' private flags (README, "How to add a lesson")."""
    breaks = contract_breaks(path.read_text(encoding="utf-8"))
    if path.name in SESSION_ALLOWED:
        breaks.discard("st.session_state")
    assert not breaks, f"pages/{path.name}: {sorted(breaks)}"


def test_the_allow_list_is_still_needed():
    for name in SESSION_ALLOWED:
        assert "st.session_state" in contract_breaks((PAGES / name).read_text(encoding="utf-8")), name


def test_the_first_paint_imports_neither_torch_nor_altair():
    """streamlit_app.py runs before every page, and pages/home.py is a fresh server's first
    page: what they import at the top must not import torch (seconds), which ui/warmup.py
    imports only after the first page is drawn, nor Altair and pandas (0.8 s: presenter mode's
    import of them pushed the cold-start figure of `make bench` from 1.33 to 1.6-2.1)."""
    modules = []
    for script in ("streamlit_app.py", "pages/home.py"):
        tree = ast.parse((ROOT / script).read_text())
        modules += [node.module for node in tree.body if isinstance(node, ast.ImportFrom)]
        modules += [alias.name for node in tree.body if isinstance(node, ast.Import)
                    for alias in node.names]
    probe = "import sys\n" + "".join(f"import {m}\n" for m in modules) + \
        "print([m for m in ('torch', 'altair') if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True,
                         text=True, check=True)
    assert out.stdout.strip() == "[]", f"{out.stdout.strip()} imported by one of {modules}"
