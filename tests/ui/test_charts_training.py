"""Chart builders of the Optimizers and Dropout pages (ui.charts_training), without a browser."""
import json

import numpy as np
import pandas as pd

from ui.charts_training import (OPTIMIZER_COLORS, contour_frame, ema, lines_over_points,
                                paths_frame, race_chart, race_frames, surface_chart)


def test_ema_by_hand():
    # weight 0.5: s1 = 0.5·1 = 0.5 -> /0.5 = 1; s2 = 0.25 + 0.5·3 = 1.75 -> /0.75 = 2.333...
    np.testing.assert_allclose(ema([1.0, 3.0], 0.5), [1.0, 1.75 / 0.75])
    np.testing.assert_allclose(ema([1.0, 2.0, 3.0], 0.0), [1.0, 2.0, 3.0])
    np.testing.assert_allclose(ema([4.0, 4.0, 4.0], 0.9), [4.0, 4.0, 4.0])  # no pull towards 0


def test_ema_skips_a_dropped_optimizer():
    out = ema([1.0, np.nan, 3.0], 0.5)
    assert np.isnan(out[1])
    np.testing.assert_allclose(out[[0, 2]], [1.0, 1.75 / 0.75])


def test_race_frames_raw_and_smoothed_without_nan():
    raw, smooth = race_frames([1, 2, 3], {"SGD": [0.3, 0.2, 0.1], "Adam": [0.3, np.nan, np.nan]},
                              0.5)
    assert list(raw.columns) == list(smooth.columns) == ["step", "optimizer", "value"]
    assert list(raw[raw.optimizer == "SGD"]["value"]) == [0.3, 0.2, 0.1]
    np.testing.assert_allclose(smooth[smooth.optimizer == "SGD"]["value"],
                               ema([0.3, 0.2, 0.1], 0.5))
    assert len(raw[raw.optimizer == "Adam"]) == 1  # dropped out after step 1
    assert np.isfinite(raw["value"]).all() and np.isfinite(smooth["value"]).all()


def test_race_chart_fixed_range_or_log():
    frames = race_frames([1, 2, 3], {"SGD": [0.3, 0.2, 0.1], "Adam": [0.3, 0.1, 0.05]}, 0.5)
    linear = race_chart(*frames, names=["Adam", "SGD"], x_max=10).to_dict()
    y = linear["layer"][0]["encoding"]["y"]["scale"]
    assert y["domain"] == [0, 0.2] and y["clamp"] is True  # the course's ylim((0, 0.2))
    raw, smooth = (layer["encoding"]["color"] for layer in linear["layer"])
    assert smooth["scale"]["domain"] == ["SGD", "Adam"]  # the course's order, whatever given
    assert smooth["scale"]["range"] == [OPTIMIZER_COLORS["SGD"], OPTIMIZER_COLORS["Adam"]]
    assert raw["legend"] is None and smooth["legend"]["orient"] == "top"  # one bold legend
    log = race_chart(*frames, log=True).to_dict()
    assert log["layer"][0]["encoding"]["y"]["scale"] == {"type": "log"}
    marks = [layer["mark"] for layer in linear["layer"]]
    assert marks[0]["opacity"] < 1 and marks[1]["strokeWidth"] > marks[0]["strokeWidth"]


def test_race_chart_spec_does_not_depend_on_the_data():
    """ui.frames compiles a chart once per options and swaps the data: it must not matter."""
    a = race_frames([1, 2], {"SGD": [0.3, 0.2]}, 0.5)
    b = race_frames([1, 2, 3], {"SGD": [5.0, 1.0, 0.1]}, 0.5)
    spec_a, spec_b = race_chart(*a, log=True).to_dict(), race_chart(*b, log=True).to_dict()
    for spec in (spec_a, spec_b):
        spec.pop("datasets")
        spec.pop("data", None)
        for layer in spec["layer"]:
            layer.pop("data", None)
    assert spec_a == spec_b


def test_race_chart_of_nothing_still_builds():
    empty = race_frames([], {}, 0.5)
    json.dumps(race_chart(*empty).to_dict())
    json.dumps(race_chart(*empty, log=True).to_dict())


def test_lines_over_points_dashes_only_the_chosen_series():
    points = pd.DataFrame({"x": [0.0, 0.5], "y": [0.0, 0.5], "split": ["train", "test"]})
    lines = pd.DataFrame({"x": [0, 1, 0, 1], "y": [0, 1, 0, 1], "series": ["a", "a", "b", "b"]})
    spec = lines_over_points(points, lines, colors={"a": "#f00", "b": "#00f"},
                             y_domain=(-1, 1), dashed=["b"],
                             point_colors={"train": "#111", "test": "#222"}).to_dict()
    line = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "line")
    assert line["encoding"]["color"]["scale"]["domain"] == ["a", "b"]
    assert line["encoding"]["color"]["scale"]["range"] == ["#f00", "#00f"]
    assert line["encoding"]["strokeDash"]["scale"]["range"] == [[1, 0], [6, 4]]


def test_surface_chart_layers():
    segments = np.array([[0.0, 0.0, 1.0, 1.0], [1.0, 1.0, 2.0, 1.0]])
    contours = contour_frame(segments, np.array([0.1, 1.0]))
    assert list(contours.columns) == ["x", "y", "x2", "y2", "level"]
    paths = paths_frame({"SGD": np.array([[0.0, 0.0], [0.5, 0.2]])}, {"SGD": np.array([1.0, 0.5])})
    assert list(paths["step"]) == [0, 1]
    spec = surface_chart(contours, paths, extent=(-2, 2, -1, 1), minimum=(0, 0)).to_dict()
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["rule", "line", "circle", "point"]
    assert spec["width"] == 420 and spec["height"] == 210  # equal units on both axes
    assert spec["layer"][0]["encoding"]["x"]["scale"]["domain"] == [-2, 2]
