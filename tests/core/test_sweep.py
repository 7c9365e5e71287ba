"""Sweep grids and run records (no Ray): parsing with the URL/CLI parser, expansion, limits,
reading results; run_one against the plain training loop."""
import csv
import io
import math

import pytest

from core.config import ConfigError, from_strings, spec_of
from core.registry import get_task
from core.runs import (RunRecord, differences, differing_keys, flat_metrics, history_csv, label,
                       thin_curves)
from core.snapshots import last
from core.sweep import (MAX_RUNS, Axis, best_run, cells, expand, parse_axis, run_one,
                        suggested_values, sweepable)
from core.tasks.classification import ClassificationConfig as C


def test_axis_parses_with_the_cli_parser():
    assert parse_axis(C, "lr", " 0.003, 0.03,0.3") == Axis("lr", (0.003, 0.03, 0.3))
    assert parse_axis(C, "hidden", "2,8,32").values == ((2,), (8,), (32,))
    assert parse_axis(C, "hidden", "8, 16/8").values == ((8,), (16, 8))  # "/" between layers
    assert parse_axis(C, "optimizer", "SGD,Adam").values == ("SGD", "Adam")
    assert parse_axis(C, "batch-size", "0,16").name == "batch_size"


@pytest.mark.parametrize("name, text, fragment", [
    ("lr", "", "empty"),
    ("lr", " , ", "empty"),
    ("lr", "0.1,,0.2", "empty value"),
    ("lr", "0.1,99", "above the maximum"),
    ("lr", "0.1,nan", "not a finite number"),
    ("hidden", "2,eight", "cannot read"),
    ("optimizer", "SGD,Adamm", "not one of"),
    ("hidden", "2,2", "listed twice"),
    ("nosuch", "1,2", "unknown setting"),
    ("features", "x1,x2", "cannot be swept"),
])
def test_bad_axes_are_one_clear_error(name, text, fragment):
    with pytest.raises(ConfigError, match=fragment):
        parse_axis(C, name, text)


def test_expand_every_combination_first_axis_slowest():
    axes = [parse_axis(C, "lr", "0.01,0.1"), parse_axis(C, "hidden", "2,8,32")]
    configs = expand(C, {"dataset": "spiral"}, axes)
    assert [(c.lr, c.hidden) for c in configs] == [
        (0.01, (2,)), (0.01, (8,)), (0.01, (32,)), (0.1, (2,)), (0.1, (8,)), (0.1, (32,))]
    assert all(c.dataset == "spiral" and c.steps == C().steps for c in configs)


def test_seeds_repeat_each_combination():
    configs = expand(C, {"seed": "5"}, [parse_axis(C, "lr", "0.01,0.1")], seeds=3)
    assert [(c.lr, c.seed) for c in configs] == [
        (0.01, 5), (0.01, 6), (0.01, 7), (0.1, 5), (0.1, 6), (0.1, 7)]


def test_grid_limits():
    big = [parse_axis(C, "hidden", ",".join(str(h) for h in range(1, 101))),
           parse_axis(C, "lr", ",".join(f"{0.001 * k:.3f}" for k in range(1, 12)))]
    assert len(big[0].values) * len(big[1].values) > MAX_RUNS
    with pytest.raises(ConfigError, match="1,100 runs; at most 1,000"):
        expand(C, {}, big)
    with pytest.raises(ConfigError, match="seeds"):
        expand(C, {}, [parse_axis(C, "lr", "0.1")], seeds=0)
    with pytest.raises(ConfigError, match="seed is already swept"):
        expand(C, {}, [parse_axis(C, "seed", "1,2")], seeds=2)
    with pytest.raises(ConfigError, match="above the maximum"):  # fixed values are checked too
        expand(C, {"noise": "7"}, [parse_axis(C, "lr", "0.1,0.2")])


def test_a_combination_the_config_refuses_is_an_error_before_running():
    from core.tasks.batch import BatchConfig

    with pytest.raises(ConfigError, match="drop_last"):
        expand(BatchConfig, {"drop_last": "true", "points": "10"},
               [parse_axis(BatchConfig, "batch_size", "5,20")])


def test_sweepable_fields_and_suggestions_are_in_range():
    names = {s.name for s in sweepable(C)}
    assert {"lr", "hidden", "optimizer", "dataset", "seed", "dropout"} <= names
    assert "features" not in names
    lr = spec_of(C, "lr")
    assert suggested_values(lr, 0.02) == [0.002, 0.02, 0.2]
    assert suggested_values(spec_of(C, "hidden"), (10,)) == [(2,), (10,), (40,)]
    assert suggested_values(spec_of(C, "hidden"), (8, 1)) == [(2, 1), (8, 1), (32, 4)]
    assert suggested_values(spec_of(C, "dataset"), "blobs")[0] == "blobs"
    for spec in sweepable(C):  # every suggestion parses back through the URL/CLI parser
        if spec.name != "device":
            text = ",".join("/".join(map(str, v)) if isinstance(v, tuple) else str(v)
                            for v in suggested_values(spec, spec.default))
            parse_axis(C, spec.name, text)


def test_run_one_equals_the_plain_run():
    task = get_task("classification")
    cfg, _ = from_strings(C, {"lr": "0.3", "hidden": "8", "steps": "40", "seed": "2"})
    record, figures = run_one("classification", cfg, number=7)
    final = last(task.train(cfg))
    assert record.status == "done" and record.number == 7 and record.source == "sweep"
    assert math.isclose(figures["final_loss"], final.scalars["train_loss"], abs_tol=1e-6)
    assert record.metrics["final_loss"] == figures["final_loss"]
    assert record.changed == {"lr": "0.3", "hidden": "8", "steps": "40", "seed": "2"}
    curve = record.curves["train_loss"]
    assert tuple(curve[-1]) == (40, figures["final_loss"]) and curve.shape == (40, 2)


def test_a_diverged_run_is_a_record_not_an_exception():
    from core.tasks.regression import RegressionConfig

    record, figures = run_one("regression", RegressionConfig(lr=10.0), number=1)
    assert record.status == "diverged" and "learning rate" in record.message
    assert not math.isfinite(record.metrics["final_loss"]) and figures["diverged"]["step"] >= 1


def _record(number, lr, hidden, loss, status="done", seed="0"):
    settings = {"lr": lr, "hidden": hidden, "seed": seed, "steps": "100"}
    changed = {k: v for k, v in settings.items() if (k, v) not in (("seed", "0"), ("steps", "100"))}
    return RunRecord(number=number, page="classification", settings=settings, changed=changed,
                     metrics={"final_loss": loss, "accuracy": 1 - loss}, seconds=0.5,
                     status=status)


def test_best_and_cells_over_seeds():
    runs = [_record(1, "0.1", "2", 0.5, seed="0"), _record(2, "0.1", "2", 0.3, seed="1"),
            _record(3, "1.0", "2", float("nan"), status="diverged"),
            _record(4, "0.1", "8", 0.2), _record(5, "0.1", "8", 0.1, status="cancelled")]
    assert best_run(runs, "final_loss").number == 4
    assert best_run(runs, "accuracy").number == 4
    assert best_run(runs[2:3], "final_loss") is None
    by_cell = {c.values: c for c in cells(runs, ["lr", "hidden"], "final_loss")}
    assert by_cell[("0.1", "2")].mean == pytest.approx(0.4)
    assert by_cell[("0.1", "2")].std == pytest.approx(0.1)
    assert by_cell[("1.0", "2")].diverged == 1 and math.isnan(by_cell[("1.0", "2")].mean)
    assert by_cell[("0.1", "8")].finished == 1 and by_cell[("0.1", "8")].numbers == (4, 5)


def test_labels_differences_and_csv():
    a, b = _record(1, "0.2", "32", 0.25), _record(2, "0.02", "32", 0.5)
    assert label(a) == "lr 0.2, hidden 32"
    assert differing_keys([a, b]) == ["lr"] and label(b, differing_keys([a, b])) == "lr 0.02"
    assert label(a, []) == "run 1"
    assert differences(a, b) == [("lr", "0.2", "0.02")]
    rows = list(csv.DictReader(io.StringIO(history_csv([a, b]))))
    assert [r["run"] for r in rows] == ["1", "2"] and rows[0]["lr"] == "0.2"
    assert float(rows[1]["final_loss"]) == 0.5 and rows[0]["label"] == "lr 0.2, hidden 32"


def test_flat_metrics_and_thin_curves():
    figures = {"final_loss": {"SGD": 0.1, "Adam": 0.2}, "steps": 5, "device": "cpu",
               "ok": True, "batches": [[1, 2]]}
    assert flat_metrics(figures) == {"final_loss.SGD": 0.1, "final_loss.Adam": 0.2, "steps": 5.0}
    curves = thin_curves(((s, {"loss": 1.0 / s}) for s in range(1, 1001)), max_points=100)
    assert len(curves["loss"]) <= 101 and tuple(curves["loss"][-1]) == (1000, 0.001)
    assert tuple(curves["loss"][0]) == (1, 1.0)


def test_history_keeps_weights_of_the_newest_runs_within_budget():
    import torch

    from core.runs import RunHistory, snapshots_bytes
    from core.snapshots import Snapshot

    def snaps(floats):
        return [Snapshot(1, 1, {"train_loss": 0.1}, picture=torch.zeros(floats))]

    small = snapshots_bytes(snaps(1000))  # 4 kB of floats and one snapshot's objects
    history = RunHistory(keep_weights=3, budget_bytes=4 * small, max_records=5)
    for _ in range(4):
        history.add(_record(history.next_number(), "0.1", "2", 0.5), snaps(1000))
    assert [e.snapshots is not None for e in history.entries] == [False, True, True, True]
    history.add(_record(history.next_number(), "0.1", "2", 0.5), snaps(2000))  # 8 kB more
    assert [e.snapshots is not None for e in history.entries] == [False, False, True, True,
                                                                    True]  # 3 runs, in budget
    assert history.weights_bytes() == 2 * small + snapshots_bytes(snaps(2000)) <= 4 * small
    history.add(_record(history.next_number(), "0.1", "2", 0.5))  # a sweep's: no weights
    assert [e.record.number for e in history.entries] == [2, 3, 4, 5, 6]
    assert history.forgotten == 1 and history.get(1) is None and history.get(5).snapshots
