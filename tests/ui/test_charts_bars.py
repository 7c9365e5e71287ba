"""ui.charts.bars: probabilities, accuracy per class, timings as data and Vega-Lite specs."""
import numpy as np
import pandas as pd

from ui.charts.bars import (
    class_accuracy_chart,
    probabilities_chart,
    probability_bars,
    speedup_chart,
    timing_chart,
)


def _data(spec: dict) -> list[dict]:
    """The rows of the first dataset of a chart spec (Altair inlines data as named datasets)."""
    return next(iter(spec["datasets"].values()))


def data_of(chart):
    """The rows an Altair chart (or the first layer of a layered one) was built from."""
    spec = chart.to_dict()
    values = next(iter(spec["datasets"].values()))
    return values


def test_probability_bars_use_a_fixed_unit_axis():
    spec = probability_bars(["z0", "z1"], [0.25, 0.75], y_title="p").to_dict()
    assert spec["layer"][0]["encoding"]["y"]["scale"]["domain"] == [0, 1]
    assert [r["p"] for r in _data(spec)] == [0.25, 0.75]


def test_timing_and_speedup_charts():
    frame = pd.DataFrame({"device": ["cpu", "cpu"], "size": [128, 256], "seconds": [1e-4, 5e-4]})
    spec = timing_chart(frame, x_title="n", y_title="s").to_dict()
    assert spec["layer"][0]["encoding"]["x"]["scale"] == {"type": "log", "base": 2}
    assert spec["layer"][0]["encoding"]["x"]["axis"]["values"] == [128, 256]
    speed = pd.DataFrame({"device": ["cuda:0"], "work": ["matmul 128"], "speedup": [3.0]})
    spec = speedup_chart(speed, y_title="x").to_dict()
    assert any(r.get("speedup") == 3.0 for r in _data(spec))


def test_probabilities_chart_marks_the_best_digit():
    p = np.full(10, 0.05)
    p[6] = 0.55
    rows = data_of(probabilities_chart(p, title="T", x_title="digit"))
    assert [r["digit"] for r in rows if r["best"]] == [6]


def test_class_accuracy_chart_has_one_bar_per_class_with_test_images():
    names = ["airplane", "automobile", "bird"]
    spec = class_accuracy_chart(names, [0.5, None, 1.0]).to_dict()
    rows = next(iter(spec["datasets"].values()))
    assert [(r["class"], r["accuracy"]) for r in rows] == [("airplane", 0.5), ("bird", 1.0)]
    bars = spec["layer"][0]["encoding"]
    assert bars["x"]["scale"]["domain"] == [0, 1] and bars["y"]["sort"] == names
    assert spec["height"] == 26 * 3
