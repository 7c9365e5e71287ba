"""The training page's pure helpers."""

import torch

from core.snapshots import Divergence, Snapshot
from ui.training_page import history_csv, picture_snapshot, scalar_series


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


def test_history_csv_has_a_row_per_step():
    text = history_csv(snaps())
    lines = text.strip().splitlines()
    assert lines[0].split(",") == ["step", "train_loss", "test_loss"] and len(lines) == 5
