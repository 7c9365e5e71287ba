"""The sweep's pictures: every cell drawn, the best marked, diverged cells written, clicks
select a run."""
import json

import numpy as np
import pandas as pd
import pytest

from ui.charts.sweep import PICK, runs_parallel, sweep_heatmap, sweep_line


def _cells():
    return pd.DataFrame({"x": ["0.1", "0.1", "1", "1"], "y": ["2", "8", "2", "8"],
                         "mean": [0.3, np.nan, 0.1, np.nan], "lo": [0.2, np.nan, 0.05, np.nan],
                         "hi": [0.4, np.nan, 0.15, np.nan],
                         "text": ["0.3", "× diverged", "0.1", "…"],
                         "state": ["done", "diverged", "done", "waiting"],
                         "best": [False, False, True, False], "dark": [True, False, False, False],
                         "run": [1, 2, 3, -1]})


def test_heatmap_layers_best_marker_and_selection():
    spec = sweep_heatmap(_cells(), x_title="lr", y_title="hidden", metric_title="final loss",
                         goal="min", x_order=["0.1", "1"], y_order=["2", "8"]).to_dict()
    text = json.dumps(spec)
    assert len(spec["layer"]) == 3  # every cell (clickable), its text, the best cell's frame
    assert '"stroke": "#d62728"' in text and "datum.best" in text
    assert f'"name": "{PICK}"' in text and '"fields": ["run"]' in text
    assert '"reverse": true' in text  # a loss: the bright end is the low one
    # Streamlit's chart element draws nothing at all for a spec with "scale": null.
    assert '"scale": null' not in text


def test_every_cell_is_one_clickable_mark_and_waiting_cells_move_no_scale():
    spec = sweep_heatmap(_cells(), x_title="lr", y_title="hidden", metric_title="final loss",
                         goal="min", x_order=["0.1", "1"], y_order=["2", "8"]).to_dict()
    cells = spec["layer"][0]
    assert cells["mark"]["type"] == "rect" and "transform" not in cells
    assert spec["params"][0]["views"] == [cells["name"]]
    color = cells["encoding"]["color"]
    assert color["condition"]["field"] == "shade" and color["value"] == "#eeeeee"
    rows = next(iter(spec["datasets"].values()))
    # Cells without a finished run take the lowest finished mean: no NaN for Vega-Lite to
    # drop, and neither end of the colour scale moves.
    assert [r["shade"] for r in rows] == [0.3, 0.1, 0.1, 0.1]
    assert [r["about"] for r in rows][:2] == ["lr 0.1, hidden 2: 0.3", "lr 0.1, hidden 8: × diverged"]


def test_line_with_error_bars_and_scatter():
    frame = _cells()[_cells()["y"] == "2"]
    spec = sweep_line(frame, x_title="lr", metric_title="loss", x_order=["0.1", "1"]).to_dict()
    assert len(spec["layer"]) == 5 and '"y2"' in json.dumps(spec)


def test_parallel_coordinates_one_line_per_run_across_settings_to_the_metric():
    runs = pd.DataFrame({"run": [1, 2, 3], "value": [0.5, 0.1, 0.3],
                         "lr": ["0.1", "1", "10"], "hidden": ["8", "8", "2"]})
    axes = [("lr", "Learning rate", ["0.1", "1", "10"]), ("hidden", "Hidden", ["2", "8"])]
    spec = runs_parallel(runs, axes=axes, metric_title="final loss", goal="min").to_dict()
    rules, lines, labels = spec["layer"]
    data = spec["datasets"]
    points = pd.DataFrame(data[lines["data"]["name"]])
    assert lines["mark"]["type"] == "line" and lines["encoding"]["detail"]["field"] == "run"
    assert lines["encoding"]["x"]["sort"] == ["Learning rate", "Hidden", "final loss"]
    assert spec["params"][0]["name"] == PICK and spec["params"][0]["views"] == [lines["name"]]
    # Each run crosses every axis once: a setting's values evenly spaced in their order,
    # the metric from its lowest (0) to its highest (1) value.
    run2 = points[points["run"] == 2].set_index("axis")["pos"].to_dict()
    assert run2 == {"Learning rate": 0.5, "Hidden": 1.0, "final loss": 0.0}
    assert points[points["axis"] == "final loss"]["pos"].tolist() == pytest.approx([1, 0, 0.5])
    assert len(pd.DataFrame(data[rules["data"]["name"]])) == 3  # one vertical axis each
    ticks = pd.DataFrame(data[labels["data"]["name"]])
    assert ticks[ticks["axis"] == "final loss"]["label"].tolist() == ["0.1", "0.3", "0.5"]
    assert ticks[ticks["axis"] == "Hidden"]["label"].tolist() == ["2", "8"]
    assert '"reverse": true' in json.dumps(lines) and '"scale": null' not in json.dumps(spec)
    # Each line says which run it is (its aria-label: what a screen reader or a test finds).
    assert lines["encoding"]["description"]["field"] == "about"
    assert set(points[points["run"] == 2]["about"]) == {"#2: Learning rate 1, Hidden 8: 0.1"}


def test_parallel_coordinates_with_one_value_and_one_run():
    runs = pd.DataFrame({"run": [4], "value": [0.2], "lr": ["0.1"]})
    spec = runs_parallel(runs, axes=[("lr", "lr", ["0.1"])], metric_title="accuracy",
                         goal="max").to_dict()
    lines = spec["layer"][1]
    points = pd.DataFrame(spec["datasets"][lines["data"]["name"]])
    assert points["pos"].tolist() == [0.5, 0.0]  # a lone value mid-axis; no NaN from 0/0
    assert '"reverse": false' in json.dumps(lines)
