"""The training page's pure helpers, and a run's life apart from the script that draws it."""
import threading
import time

import torch

from core.snapshots import Divergence, Snapshot
from ui import training_page
from ui.training_page import (Run, history_csv, latest_values, leave_other_pages, picture_snapshot,
                              run_key, scalar_series)


def snaps():
    return [Snapshot(1, 4, {"train_loss": 1.0}, picture=torch.zeros(2)),
            Snapshot(2, 4, {"train_loss": 0.5, "test_loss": 0.7}),
            Snapshot(3, 4, {"train_loss": 0.25}, picture=torch.ones(2)),
            Snapshot(4, 4, {"train_loss": float("nan")}, divergence=Divergence(4, "loss"))]


def test_picture_snapshot_is_the_latest_with_weights():
    history = snaps()
    assert picture_snapshot(history, 1) is history[0]
    assert picture_snapshot(history, 3) is history[2]


def test_scalar_series_aligns_missing_values():
    steps, series = scalar_series(snaps(), ["train_loss", "test_loss", "absent"], 2)
    assert steps == [1, 2, 3] and "absent" not in series
    assert series["test_loss"][1] == 0.7 and series["test_loss"][0] != series["test_loss"][0]


def test_latest_values_keep_each_figures_last_finite_number():
    history = snaps()
    assert latest_values(history, 0) == {"train_loss": 1.0}
    assert latest_values(history, 2) == {"train_loss": 0.25, "test_loss": 0.7}
    assert latest_values(history, 3) == {"train_loss": 0.25, "test_loss": 0.7}  # NaN skipped
    inf = [Snapshot(1, 2, {"train_loss": 2.0}), Snapshot(2, 2, {"train_loss": float("inf")})]
    assert latest_values(inf, 1) == {"train_loss": 2.0}


def test_history_csv_has_a_row_per_step():
    text = history_csv(snaps())
    lines = text.strip().splitlines()
    assert lines[0].split(",") == ["step", "train_loss", "test_loss"] and len(lines) == 5


# ----------------------------------------------------------------------------- a run's life
def endless(closed: threading.Event):
    """Snapshots for ever, a little apart; records that it was closed (its worker cancelled)."""
    try:
        step = 0
        while True:
            step += 1
            time.sleep(0.01)
            yield Snapshot(step, 10**9, {"train_loss": 1.0 / step})
    finally:
        closed.set()


def started_run(number: int = 1) -> tuple[Run, threading.Event]:
    closed = threading.Event()
    run = Run(number, cfg=None, view=None)
    run.start(endless(closed))
    return run, closed


def test_a_run_goes_on_without_a_script_drawing_it_until_cancelled():
    run, closed = started_run()
    time.sleep(0.3)
    run.watched = time.perf_counter()  # a script run drawing it (as _follow does)
    assert run.running and len(run.snapshots) > 3
    run.cancel()
    assert run.ended.wait(5) and closed.wait(5)
    assert run.status == "stopped"
    kept = len(run.snapshots)
    time.sleep(0.1)
    assert len(run.snapshots) == kept


def test_a_run_nobody_draws_ends_by_itself(monkeypatch):
    monkeypatch.setattr(training_page, "UNWATCHED_SECONDS", 0.2)  # its browser left
    run, closed = started_run()
    assert run.ended.wait(5) and closed.wait(5)
    assert run.status == "stopped"


def test_leaving_a_page_ends_its_run_not_the_shown_pages():
    here, _ = started_run(1)
    elsewhere, closed = started_run(2)
    session = {run_key("classification"): here, run_key("regression"): elsewhere, "x": 1}
    leave_other_pages("classification", session)
    assert elsewhere.ended.wait(5) and closed.wait(5) and elsewhere.status == "stopped"
    assert here.running
    here.cancel()
    assert here.ended.wait(5)


def test_a_failed_run_keeps_its_error_for_the_page():
    def failing():
        yield Snapshot(1, 3, {"train_loss": 1.0})
        raise RuntimeError("the training process stopped unexpectedly")

    run = Run(1, cfg=None, view=None)
    run.start(failing())
    assert run.ended.wait(5)
    assert run.status == "stopped" and isinstance(run.error, RuntimeError)
    assert len(run.snapshots) == 1
