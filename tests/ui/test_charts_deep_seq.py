"""Charts of the RNN regression and CIFAR-10 pages, checked as data and Vega-Lite specs."""
import math

import numpy as np

from ui.charts_deep_seq import SEQ_COLORS, class_accuracy_chart, sequence_chart, sequence_frame


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


def test_class_accuracy_chart_has_one_bar_per_class_with_test_images():
    names = ["airplane", "automobile", "bird"]
    spec = class_accuracy_chart(names, [0.5, None, 1.0]).to_dict()
    rows = next(iter(spec["datasets"].values()))
    assert [(r["class"], r["accuracy"]) for r in rows] == [("airplane", 0.5), ("bird", 1.0)]
    bars = spec["layer"][0]["encoding"]
    assert bars["x"]["scale"]["domain"] == [0, 1] and bars["y"]["sort"] == names
    assert spec["height"] == 26 * 3
