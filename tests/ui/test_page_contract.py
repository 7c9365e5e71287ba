"""The training page contract (ui/training_page.py's docstring): callbacks get one Moment, pages
never reach behind the frame, view() returns data or raises Unavailable, t(key, default=)."""
import re

import torch

from core.catalog import LESSONS
from core.config import specs
from core.registry import get_task
from core.snapshots import Snapshot
from tests.conftest import ROOT
from ui.i18n import t
from ui.training_page import Moment, Run, moment

PAGES = {entry.name: (ROOT / entry.page).read_text(encoding="utf-8") for entry in LESSONS}
TRAINING_PAGES = {name: source for name, source in PAGES.items() if "TrainingPage(" in source}


def test_no_page_reaches_behind_the_frame():
    for name, source in TRAINING_PAGES.items():
        assert "st.stop(" not in source, name  # view() raises Unavailable instead
        assert "run_key(" not in source, name  # the run comes in the Moment
        assert "__from_url" not in source and "__url_problems" not in source, name
        # settings come in the Moment or render()'s PageState, never from the widgets' keys
        state = "\n".join(line for line in source.splitlines() if "session_state" in line)
        fields = [s.name for s in specs(get_task(name).config)]
        assert [f for f in fields if f"{name}.{f}" in state or "{PAGE}." + f in state] == []


def test_no_hand_made_fallback_for_missing_strings():
    for folder in ("pages", "ui"):
        for path in (ROOT / folder).rglob("*.py"):
            source = path.read_text(encoding="utf-8")
            assert not re.search(r"t\((\w+)\) if has\(\1\) else", source), path


def test_t_falls_back_to_the_default_then_the_key():
    assert t("no.such.key", default="plain") == "plain"
    assert t("no.such.key") == "no.such.key"
    assert t("live.train", default="x") == "Train"


def snapshots():
    return [Snapshot(1, 3, {"train_loss": 1.0}, picture=torch.zeros(2)),
            Snapshot(2, 3, {"train_loss": 0.5}),
            Snapshot(3, 3, {"train_loss": 0.25}, picture=torch.ones(2))]


def test_a_moment_of_a_run_carries_its_history_and_latest_picture():
    run = Run(1, "cfg", "view", snapshots(), status="done")
    shown = moment(run, 1, {"log": True})
    assert shown.settings == "cfg" and shown.view == "view" and shown.options == {"log": True}
    assert shown.snapshot is run.snapshots[0]  # step 2 has no picture: the latest before it
    assert [s.step for s in shown.history] == [1, 2]
    before = Moment("cfg", "view")
    assert before.snapshot is None and before.run is None and list(before.history) == []
