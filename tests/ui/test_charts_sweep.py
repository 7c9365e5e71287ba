"""The sweep's pictures: every cell drawn, the best marked, diverged cells written, clicks
select a run."""
import json

import numpy as np
import pandas as pd

from ui.charts.sweep import PICK, runs_scatter, sweep_heatmap, sweep_line


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
    points = pd.DataFrame({"x": ["0.1", "1"], "value": [0.3, 0.1], "color": ["0", "1"],
                           "run": [1, 3]})
    spec = runs_scatter(points, x_title="lr", metric_title="loss", color_title="seed",
                        x_order=["0.1", "1"]).to_dict()
    assert spec["mark"]["type"] == "circle" and spec["params"][0]["name"] == PICK
