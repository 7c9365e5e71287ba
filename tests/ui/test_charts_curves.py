"""ui.charts.curves: loss curves and sequences as data and Vega-Lite specs, without a browser."""
import json
import math

import numpy as np

from ui.charts.curves import (
    SEQ_COLORS,
    curves_frame,
    difference_chart,
    difference_frame,
    ema,
    epoch_chart,
    epoch_frame,
    line_curves,
    overlapping_curves,
    race_chart,
    race_frames,
    sequence_chart,
    sequence_frame,
    thin,
)
from ui.charts.palette import OPTIMIZER_COLORS
from ui.frames import as_dataframe


def _data(spec: dict) -> list[dict]:
    """The rows of the first dataset of a chart spec (Altair inlines data as named datasets)."""
    return next(iter(spec["datasets"].values()))


def test_thin_keeps_the_last_point_and_a_bounded_count():
    idx = thin(np.arange(5000), 400)
    assert len(idx) <= 400 and idx[0] == 0 and idx[-1] == 4999
    assert len(thin(np.arange(10), 400)) == 10


def test_curves_frame_drops_missing_values():
    frame = as_dataframe(curves_frame([1, 2, 3], {"train": [1.0, 0.5, 0.25],
                                                  "test": [np.nan, 0.6, np.nan]}))
    assert len(frame) == 4 and set(frame["series"]) == {"train", "test"}


def test_line_curves_spec():
    frame = as_dataframe(curves_frame([1, 2, 3], {"train": [1.0, 0.5, 0.25]}))
    spec = line_curves(frame, log=True, cursor_step=2, x_max=10).to_dict()
    assert spec["layer"][0]["encoding"]["y"]["scale"]["type"] == "log"
    assert spec["layer"][1]["mark"]["type"] == "rule"
    assert spec["datasets"][spec["layer"][1]["data"]["name"]] == [{"step": 2}]


def test_overlapping_curves_keep_every_curve_visible():
    losses = {"a": [3.0, 2.0, 0.0], "b": [3.0, 2.0, 1.0], "c": [3.0, 2.0, 1.0]}
    spec = overlapping_curves(losses).to_dict()
    rows = _data(spec)
    assert len(rows) == 8  # the zero of "a" cannot be drawn on a log axis
    widths = spec["encoding"]["strokeWidth"]["scale"]["range"]
    assert widths == sorted(widths, reverse=True) and len(set(widths)) == 3  # widest first
    assert spec["encoding"]["y"]["scale"]["type"] == "log"


def test_difference_frame_is_absolute_difference_to_the_reference():
    frame = difference_frame({"ref": [1.0, 2.0], "x": [1.5, 1.0], "y": [1.0, 2.0]}, "ref")
    assert set(frame["series"]) == {"x", "y"}
    assert frame[frame.series == "x"]["value"].tolist() == [0.5, 1.0]
    chart = difference_chart(frame, y_title="d").to_dict()
    assert len(_data(chart)) == 2  # y's zeros are dropped


def test_epoch_frame_and_chart():
    history = [{"epoch": 1, "train_loss": 1.0, "accuracy": 0.5},
               {"epoch": 2, "train_loss": 0.5, "accuracy": 0.8}]
    frame = epoch_frame(history, {"train_loss": "train", "accuracy": "acc",
                                         "test_loss": "test"})
    assert len(frame) == 4 and set(frame["series"]) == {"train", "acc"}
    spec = epoch_chart(frame, title="T", y_title="y", x_title="epoch", epochs=4,
                              resumed_after=1).to_dict()
    assert "layer" in spec  # the dashed rule where the run resumed


def test_sequence_frame_is_long_format_without_non_finite_values():
    frame = sequence_frame([0.0, 0.5, 1.0], {"target": [1.0, 0.0, -1.0], "prediction": [0.9, math.nan, math.inf]})
    assert list(frame.columns) == ["t", "series", "value"]
    assert frame[frame.series == "target"]["value"].tolist() == [1.0, 0.0, -1.0]
    assert frame[frame.series == "prediction"]["t"].tolist() == [0.0]  # nan and inf dropped


def test_sequence_chart_colours_follow_the_given_order():
    names = ["target cos(t)", "prediction", "input sin(t)"]
    frame = sequence_frame(np.linspace(0, 1, 5), {n: np.zeros(5) for n in names})
    spec = sequence_chart(frame, order=names, title="Window 1").to_dict()
    color = spec["encoding"]["color"]["scale"]
    assert color["domain"] == names and color["range"] == list(SEQ_COLORS)
    assert spec["encoding"]["y"]["scale"]["domain"] == [-1.6, 1.6]
    assert spec["title"] == "Window 1"


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


def test_sparse_test_points_survive_thinning():
    """Defect: thinning all series on the training steps' grid dropped the test points (1,000
    steps: the test curve started at step 700; 5,000 steps: one point)."""
    steps = np.arange(1, 5001)
    train = np.linspace(1, 0.1, 5000)
    test = np.full(5000, np.nan)
    test[49::50] = np.linspace(0.8, 2.7, 100)  # every 50 steps: the overfitting story
    frame = as_dataframe(curves_frame(steps, {"train": train, "test": test}))
    tested = frame[frame.series == "test"]
    assert list(tested.step) == list(range(50, 5001, 50))  # all 100, the rise included
    assert len(frame[frame.series == "train"]) <= 400


def test_log_axes_label_whole_decades_only():
    """Log axes showed odd labels (0.4 / 0.05 / 0.01) where Vega thinned its 1-9 ticks."""
    from ui.charts.bars import timing_chart
    import pandas as pd

    from ui.charts.curves import DECADES, curves_layers

    data = pd.DataFrame({"step": [1, 2], "series": ["a", "a"], "value": [0.5, 0.02]})
    spec = curves_layers(data, pd.DataFrame({"step": []}), log=True).to_dict()
    axis = spec["layer"][0]["encoding"]["y"]["axis"]
    assert axis["values"] == DECADES and 0.01 in DECADES and 0.05 not in DECADES
    linear = curves_layers(data, pd.DataFrame({"step": []}), log=False).to_dict()
    assert "axis" not in linear["layer"][0]["encoding"]["y"]
    timing = pd.DataFrame({"device": ["cpu"], "size": [64], "seconds": [0.001]})
    timing_spec = timing_chart(timing, x_title="n", y_title="s").to_dict()
    assert timing_spec["layer"][0]["encoding"]["y"]["axis"]["values"] == DECADES


def test_optimizers_have_hues_far_apart():
    """SGD/Momentum and RMSprop/Adam were light and dark shades of one hue."""
    from ui.charts.palette import OPTIMIZER_COLORS

    def rgb(hex_colour):
        return [int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)]

    colours = [rgb(c) for c in OPTIMIZER_COLORS.values()]
    for i, a in enumerate(colours):
        for b in colours[i + 1:]:
            assert sum((x - y) ** 2 for x, y in zip(a, b, strict=True)) ** 0.5 > 100
