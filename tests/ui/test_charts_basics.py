"""Chart builders of the Basics and Hardware pages: the data and encodings they produce."""
from __future__ import annotations

import pandas as pd

from ui import charts_basics as cb


def _data(spec: dict) -> list[dict]:
    """The rows of the first dataset of a chart spec (Altair inlines data as named datasets)."""
    return next(iter(spec["datasets"].values()))


def test_activation_chart_has_function_and_derivative_in_the_course_range():
    spec = cb.activation_chart([0.0, 1.0], [0.0, 1.0], [0.5, 1.0], title="relu", y_range=(-1, 5),
                               labels=("f", "df")).to_dict()
    rows = _data(spec)
    assert {r["series"] for r in rows} == {"f", "df"} and len(rows) == 4
    assert spec["encoding"]["y"]["scale"]["domain"] == [-1, 5]
    assert spec["title"] == "relu"


def test_overlapping_curves_keep_every_curve_visible():
    losses = {"a": [3.0, 2.0, 0.0], "b": [3.0, 2.0, 1.0], "c": [3.0, 2.0, 1.0]}
    spec = cb.overlapping_curves(losses).to_dict()
    rows = _data(spec)
    assert len(rows) == 8  # the zero of "a" cannot be drawn on a log axis
    widths = spec["encoding"]["strokeWidth"]["scale"]["range"]
    assert widths == sorted(widths, reverse=True) and len(set(widths)) == 3  # widest first
    assert spec["encoding"]["y"]["scale"]["type"] == "log"


def test_difference_frame_is_absolute_difference_to_the_reference():
    frame = cb.difference_frame({"ref": [1.0, 2.0], "x": [1.5, 1.0], "y": [1.0, 2.0]}, "ref")
    assert set(frame["series"]) == {"x", "y"}
    assert frame[frame.series == "x"]["value"].tolist() == [0.5, 1.0]
    chart = cb.difference_chart(frame, y_title="d").to_dict()
    assert len(_data(chart)) == 2  # y's zeros are dropped


def test_probability_bars_use_a_fixed_unit_axis():
    spec = cb.probability_bars(["z0", "z1"], [0.25, 0.75], y_title="p").to_dict()
    assert spec["layer"][0]["encoding"]["y"]["scale"]["domain"] == [0, 1]
    assert [r["p"] for r in _data(spec)] == [0.25, 0.75]


def test_timing_and_speedup_charts():
    frame = pd.DataFrame({"device": ["cpu", "cpu"], "size": [128, 256], "seconds": [1e-4, 5e-4]})
    spec = cb.timing_chart(frame, x_title="n", y_title="s").to_dict()
    assert spec["layer"][0]["encoding"]["x"]["scale"] == {"type": "log", "base": 2}
    assert spec["layer"][0]["encoding"]["x"]["axis"]["values"] == [128, 256]
    speed = pd.DataFrame({"device": ["cuda:0"], "work": ["matmul 128"], "speedup": [3.0]})
    spec = cb.speedup_chart(speed, y_title="x").to_dict()
    assert any(r.get("speedup") == 3.0 for r in _data(spec))
