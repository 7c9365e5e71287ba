"""core/catalog.py is the one list of lessons: every file a lesson needs is where its name says,
nothing lists a lesson the catalog does not know, and the README agrees with it."""
import importlib
import re

import pytest

from core.catalog import LESSONS, SECTIONS, lesson
from core.registry import get_task, task_names
from tests.conftest import ROOT
from ui.i18n import catalog, modules

README = (ROOT / "README.md").read_text(encoding="utf-8")
NAMES = [entry.name for entry in LESSONS]


def test_names_and_sections():
    assert len(NAMES) == len(set(NAMES)) == 16
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


def test_the_readme_architecture_names_files_that_exist():
    block = README.split("## Architecture", 1)[1].split("```", 2)[1]
    folder = ""
    named = []
    for line in block.splitlines():
        if re.match(r"^[a-z_]+/ ", line):
            folder = line.split()[0]
        for word in re.findall(r"(?<![\w/])([a-z0-9_]+(?:/[a-z0-9_]*)?(?:\.py)?)(?=[ ,]|$)", line[:20]):
            if word.endswith((".py", "/")):
                named.append(word if line.startswith(word) else folder + word)
    assert len(named) > 10
    missing = [path for path in named if not (ROOT / path).exists()]
    assert not missing, missing
    # and the UI package's modules and folders are all described there
    ui = {p.name + ("/" if p.is_dir() else "") for p in (ROOT / "ui").iterdir()
          if not p.name.startswith("__")}
    assert sorted(name for name in ui if f"ui/{name}" not in named) == []
