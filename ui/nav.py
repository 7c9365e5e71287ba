"""The page catalog, in the course's order: the router and the home page both read it."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class PageEntry:
    name: str  # also the i18n keys nav.<name> and home.<name>, and the CLI name where trainable
    section: str  # nav.section.<section>
    icon: str  # a Material icon

    @property
    def path(self) -> str:
        return f"pages/{self.name}.py"

    @property
    def exists(self) -> bool:
        return (ROOT / self.path).is_file()


CATALOG = (
    PageEntry("tensors", "basics", ":material/grid_on:"),
    PageEntry("autograd", "basics", ":material/account_tree:"),
    PageEntry("activations", "basics", ":material/show_chart:"),
    PageEntry("regression", "build", ":material/timeline:"),
    PageEntry("classification", "build", ":material/scatter_plot:"),
    PageEntry("quick_build", "build", ":material/construction:"),
    PageEntry("save_restore", "build", ":material/save:"),
    PageEntry("batch", "build", ":material/view_module:"),
    PageEntry("optimizers", "build", ":material/speed:"),
    PageEntry("dropout", "build", ":material/blur_on:"),
    PageEntry("cnn", "deep", ":material/image:"),
    PageEntry("lstm", "deep", ":material/view_list:"),
    PageEntry("rnn", "deep", ":material/waves:"),
    PageEntry("cifar10", "deep", ":material/photo_library:"),
    PageEntry("template", "deep", ":material/folder_copy:"),
    PageEntry("devices", "hardware", ":material/memory:"),
)
SECTIONS = ("basics", "build", "deep", "hardware")


def available() -> list[PageEntry]:
    """The catalog's pages that exist in this checkout."""
    return [p for p in CATALOG if p.exists]
