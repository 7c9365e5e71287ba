"""core/catalog.py is the one list of lessons: every file a lesson needs is where its name says,
nothing lists a lesson the catalog does not know, and the README agrees with it."""
import ast
import importlib
import re
import subprocess

import pytest

from core.catalog import LESSONS, SECTIONS, lesson
from core.registry import get_task, task_names
from tests.conftest import ROOT
from ui.i18n import catalog, modules

README = (ROOT / "README.md").read_text(encoding="utf-8")
NAMES = [entry.name for entry in LESSONS]


def test_names_and_sections():
    assert len(NAMES) == len(set(NAMES))
    assert {entry.section for entry in LESSONS} == set(SECTIONS)
    assert lesson("dropout").trainable and not lesson("tensors").trainable
    with pytest.raises(KeyError):
        lesson("nope")


@pytest.mark.parametrize("entry", LESSONS, ids=NAMES)
def test_every_file_of_a_lesson_is_where_its_name_says(entry):
    assert (ROOT / entry.page).is_file()
    assert entry.thumbnail.is_file()
    strings = importlib.import_module(entry.strings).STRINGS
    assert f"nav.{entry.name}" in strings and f"home.{entry.name}" in strings
    importlib.import_module(entry.core)
    if entry.trainable:
        assert get_task(entry.name).name == entry.name


def test_nothing_outside_the_catalog():
    # besides the lessons: pages the router names itself (home, the class board)
    router = (ROOT / "streamlit_app.py").read_text(encoding="utf-8")
    own = set(re.findall(r'st\.Page\("pages/(\w+)\.py"', router))
    assert "home" in own
    pages = {p.stem for p in (ROOT / "pages").glob("*.py")} - own
    tasks = {p.stem for p in (ROOT / "core" / "tasks").glob("*.py")} - {"__init__"}
    assert pages == set(NAMES)
    assert tasks == {entry.name for entry in LESSONS if entry.trainable} == set(task_names())
    # besides one module per lesson: common.py and a module per feature that spans lessons
    assert set(NAMES) <= set(modules())


# ------------------------------------------------------------------ adding a lesson touches only its own files
# The README's recipe: a lesson is its core module, its page, its strings, one catalog line and
# its tests. Every other file must work for a new lesson without naming it. Two checks:
# no hand-typed list of lessons anywhere, and no code outside a lesson's own files that needs
# one particular lesson, except the features below, which are built on particular lessons.
BUILT_ON_A_LESSON = {
    "core/own_data.py": "your own data trains the classification and regression networks",
    "core/__main__.py": "train --data CSV: a classification CSV names several input columns",
    "core/codegen.py": "a script trained on your own data reads the CSV the way its lesson does",
    "ui/data_source.py": "the own-data panel of classification and regression",
    "ui/warmup.py": "warms torch up by computing a classification picture once per server",
    "ui/workers.py": "a worker process warms up on a classification run",
    "bench/bench_cnn_epoch.py": "measures the CNN lesson's epoch against a bare loop",
    "bench/boundary_frame.py": "measures classification's boundary picture",
    "bench/core_vs_bare.py": "measures classification's and regression's loops against bare ones",
    "bench/sweep.py": "measures a sweep of classification runs",
}
# Collections naming three or more lessons: none a new lesson has to join.
LISTS_OF_LESSONS = {
    "tests/browser/test_walk.py": "the URLs published before the catalog, which must keep working",
    "tests/browser/thumbnails.py": "opt-in: lessons photographed before training (slow runs)",
    "tests/core/test_challenges.py": "optional smaller settings per page (others run at defaults)",
    "tests/ui/test_strings_basics.py": "tests of the four basics pages' run-time string keys",
    "tests/app/test_runs.py": "small settings per page, and the setting each one changes between "
                              "its two runs, so the Runs panel's test of every page takes seconds",
}


def _python_files() -> list[str]:
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard",
                             "*.py"], cwd=ROOT, capture_output=True, text=True, check=True)
    return [path for path in listed.stdout.split() if (ROOT / path).is_file()]


def _own_files(entry) -> set[str]:
    return {entry.page, f"ui/strings/{entry.name}.py", entry.core.replace(".", "/") + ".py"}


def _lessons_needed(tree: ast.AST) -> set[str]:
    """Lessons this code names as lessons: imports of their modules, get_task("x"), lesson("x"),
    a comparison with a lesson's name, their page path or a string key of theirs."""
    modules = {}
    for entry in LESSONS:
        for module in (entry.core, entry.strings, f"pages.{entry.name}"):
            modules[module] = entry.name
    needed = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            for name in [node.module] + [f"{node.module}.{a.name}" for a in node.names]:
                needed.add(modules.get(name))
        elif isinstance(node, ast.Import):
            needed.update(modules.get(a.name) for a in node.names)
        elif (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)
              and getattr(node.func, "id", getattr(node.func, "attr", None)) in ("get_task", "lesson")):
            needed.add(node.args[0].value)
        elif isinstance(node, ast.Compare):
            for side in [node.left, *node.comparators]:
                needed.update(e.value for e in [side, *getattr(side, "elts", [])]
                              if isinstance(e, ast.Constant))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            needed.update(name for name in NAMES
                          if node.value in (f"pages/{name}.py", f"nav.{name}", f"home.{name}")
                          or node.value.startswith(f"{name}."))
    return needed & set(NAMES)


def test_no_code_outside_a_lessons_files_needs_that_lesson():
    owned = set().union(*(_own_files(entry) for entry in LESSONS)) | {"core/catalog.py"}
    found = {}
    for path in _python_files():
        if path.startswith("tests/") or path in owned:  # tests use lessons as examples
            continue
        needed = _lessons_needed(ast.parse((ROOT / path).read_text(encoding="utf-8")))
        if needed:
            found[path] = sorted(needed)
    unexplained = {path: names for path, names in found.items() if path not in BUILT_ON_A_LESSON}
    assert not unexplained, f"name these lessons in the catalog or their own files: {unexplained}"
    assert sorted(set(BUILT_ON_A_LESSON) - set(found)) == []  # no stale reasons


def test_no_hand_typed_list_of_lessons():
    found = set()
    for path in _python_files():
        for node in ast.walk(ast.parse((ROOT / path).read_text(encoding="utf-8"))):
            if isinstance(node, (ast.List, ast.Tuple, ast.Set, ast.Dict)):
                items = node.keys if isinstance(node, ast.Dict) else node.elts
                names = {item.value for item in items if isinstance(item, ast.Constant)}
                if len(names & set(NAMES)) >= 3:
                    found.add(path)
    assert sorted(found - set(LISTS_OF_LESSONS)) == [], "read core/catalog.py instead"
    assert sorted(set(LISTS_OF_LESSONS) - found) == []


def test_a_lessons_own_keys_live_in_its_strings_module():
    """ui/strings/<lesson>.py holds every <lesson>.* key: a translator reviews a lesson in one
    file."""
    misplaced = [(key, module) for module, strings in modules().items() for key in strings
                 if key.split(".")[0] in NAMES and key.split(".")[0] != module]
    assert not misplaced, misplaced


def test_the_readme_lists_the_lessons_in_the_catalogs_order():
    table = README.split("## The pages", 1)[1].split("\n\n", 2)[1]
    titles = [row.split("|")[2].strip() for row in table.splitlines()[2:]]
    assert titles == [catalog()[f"nav.{name}"]["en"] for name in NAMES]


def _architecture() -> dict[str, str]:
    """The README's architecture tree: path -> what it holds. An entry is a line whose first
    word ends in .py or /, indented two spaces per folder level; other lines continue the text."""
    block = README.split("## Architecture", 1)[1].split("```", 2)[1]
    entries: dict[str, str] = {}
    folders: list[str] = []
    for line in block.strip("\n").splitlines():
        match = re.match(r"^( *)([\w.]+(?:\.py|/))\s+(\S.*)$", line)
        if match is None or len(match.group(1)) % 2 or len(match.group(1)) // 2 > len(folders):
            continue  # the text of the entry above, carried on
        depth = len(match.group(1)) // 2
        del folders[depth:]
        path = "".join(folders) + match.group(2)
        entries[path] = match.group(3)
        if path.endswith("/"):
            folders.append(match.group(2))
    return entries


# Folders with a module per lesson: the catalog names those; the others are listed one by one.
PER_LESSON = ("core/tasks/", "ui/strings/", "pages/")


def test_the_readme_architecture_is_the_tree():
    """Every module under core/ and ui/ has its line in the README's architecture, and every
    path there exists. A lesson's own modules are covered by their folder's line."""
    listed = _architecture()
    lesson_modules = {path for entry in LESSONS for path in (
        entry.core.replace(".", "/") + ".py", entry.strings.replace(".", "/") + ".py", entry.page)
        if path.startswith(tuple(PER_LESSON))}
    tree = {str(path.relative_to(ROOT)) for top in ("core", "ui") for path in
            (ROOT / top).rglob("*.py") if path.name != "__init__.py"}
    tree |= {str(path.relative_to(ROOT)) + "/" for top in ("core", "ui")
             for path in (ROOT / top).rglob("*") if path.is_dir() and path.name != "__pycache__"}
    missing = sorted(tree - lesson_modules - set(listed))
    assert not missing, f"describe these in the README's architecture: {missing}"
    gone = sorted(path for path in listed if not (ROOT / path).exists())
    assert not gone, f"the README's architecture lists what is not in the tree: {gone}"
    assert set(PER_LESSON) <= set(listed)
    listed_lessons = sorted(path for path in listed if path in lesson_modules)
    assert not listed_lessons, f"lesson modules are the catalog's, not listed: {listed_lessons}"
