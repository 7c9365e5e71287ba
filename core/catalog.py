"""The lessons, in the course's order: one line each, read by everything that lists them.

A lesson's ``name`` is its URL (``/regression``), its page file (``pages/regression.py``), its
strings module and key prefix (``ui/strings/regression.py``, ``regression.*``), its home page
picture (``ui/thumbnails/regression.png``) and, where it trains, its CLI name and task module
(``python -m core train regression`` runs ``core/tasks/regression.py``). The router
(streamlit_app.py), the home page, :mod:`core.registry` (so ``python -m core list``), the browser
walk and the README check all read :data:`LESSONS`; nothing else lists lessons by hand.

Plain Python: core never imports streamlit, and the UI reads this module like any other.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TASKS = "core.tasks"  # a lesson whose core module lives here trains (Train button, CLI verbs)


@dataclass(frozen=True)
class Lesson:
    name: str  # URL path, file stem, strings prefix, CLI name: see the module docstring
    section: str  # basics | build | deep | hardware (strings nav.section.<section>)
    icon: str  # a Material icon, shown in the navigation and on the home page
    core: str  # the module that computes what the page shows

    @property
    def trainable(self) -> bool:
        return self.core == f"{TASKS}.{self.name}"

    @property
    def page(self) -> str:
        return f"pages/{self.name}.py"

    @property
    def strings(self) -> str:
        return f"ui.strings.{self.name}"

    @property
    def thumbnail(self) -> Path:
        return ROOT / "ui" / "thumbnails" / f"{self.name}.png"

    @property
    def exists(self) -> bool:
        """Whether its page is in this checkout (a lesson can be listed before it is written)."""
        return (ROOT / self.page).is_file()


def _task(name: str, section: str, icon: str) -> Lesson:
    """A trainable lesson: its core module is core/tasks/<name>.py."""
    return Lesson(name, section, icon, f"{TASKS}.{name}")


SECTIONS = ("basics", "build", "deep", "hardware")
LESSONS = (
    Lesson("tensors", "basics", ":material/grid_on:", "core.tensor_lab"),
    Lesson("autograd", "basics", ":material/account_tree:", "core.autograd_lab"),
    Lesson("activations", "basics", ":material/show_chart:", "core.activations"),
    _task("regression", "build", ":material/timeline:"),
    _task("classification", "build", ":material/scatter_plot:"),
    Lesson("quick_build", "build", ":material/construction:", "core.quick_build"),
    _task("save_restore", "build", ":material/save:"),
    _task("batch", "build", ":material/view_module:"),
    _task("optimizers", "build", ":material/speed:"),
    _task("dropout", "build", ":material/blur_on:"),
    _task("cnn", "deep", ":material/image:"),
    _task("lstm", "deep", ":material/view_list:"),
    _task("rnn", "deep", ":material/waves:"),
    _task("cifar10", "deep", ":material/photo_library:"),
    _task("template", "deep", ":material/folder_copy:"),
    Lesson("devices", "hardware", ":material/memory:", "core.device_lab"),
)


def lesson(name: str) -> Lesson:
    """The lesson called ``name``; KeyError for any other name."""
    for entry in LESSONS:
        if entry.name == name:
            return entry
    raise KeyError(name)


def available() -> list[Lesson]:
    """The lessons whose page exists in this checkout."""
    return [entry for entry in LESSONS if entry.exists]
