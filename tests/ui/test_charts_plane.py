"""ui.charts.plane: fits, boundaries, activations and loss surfaces as data and Vega-Lite specs."""
import numpy as np
import pandas as pd

from ui.charts.plane import (
    activation_chart,
    contour_frame,
    fit_chart,
    lines_over_points,
    paths_frame,
    surface_chart,
)


def _data(spec: dict) -> list[dict]:
    """The rows of the first dataset of a chart spec (Altair inlines data as named datasets)."""
    return next(iter(spec["datasets"].values()))


def test_fit_chart_without_a_curve():
    points = pd.DataFrame({"x": [0.0], "y": [0.0], "split": ["train"], "split_label": ["train"]})
    spec = fit_chart(points, None, y_domain=(0, 1)).to_dict()
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["circle", "line"]


def test_activation_chart_has_function_and_derivative_in_the_course_range():
    spec = activation_chart([0.0, 1.0], [0.0, 1.0], [0.5, 1.0], title="relu", y_range=(-1, 5),
                               labels=("f", "df")).to_dict()
    rows = _data(spec)
    assert {r["series"] for r in rows} == {"f", "df"} and len(rows) == 4
    assert spec["encoding"]["y"]["scale"]["domain"] == [-1, 5]
    assert spec["title"] == "relu"


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
    assert spec["width"] == 420 and spec["height"] == 210 + 190  # the plot, title, legend
    assert spec["layer"][0]["encoding"]["y"]["scale"]["range"] == [
        {"expr": "height"}, {"expr": "height - 0.5 * min(width, height / 0.5)"}]
    assert spec["layer"][0]["encoding"]["x"]["scale"]["domain"] == [-2, 2]


def test_training_points_are_filled_with_their_class_colour():
    """Defect: the fill had no scale, so Vega's default palette filled orange points blue and a
    3-class spiral's green class red."""
    from ui.charts.plane import scatter_points
    from ui.raster import CLASS_HEX

    points = pd.DataFrame({"x": [0.0, 1.0, 2.0], "y": [0.0, 1.0, 2.0], "label": ["0", "1", "2"],
                           "split": "train", "split_label": "train"})
    encoding = scatter_points(points).to_dict()["encoding"]
    fill = encoding["fill"]["condition"]
    assert fill["scale"] == encoding["color"]["scale"]
    colour_of = dict(zip(fill["scale"]["domain"], fill["scale"]["range"], strict=True))
    assert [colour_of[label] for label in ("0", "1", "2")] == CLASS_HEX[:3]


def test_boundary_plot_keeps_equal_units_whatever_the_view_size():
    """Defect 4: 12×12 units were drawn 342×270 px (and stretched fullscreen): both scales now
    span the largest square that fits the view, by Vega expressions of its width and height."""
    from ui.charts.plane import boundary_chart

    points = pd.DataFrame({"x": [0.0], "y": [0.0], "label": ["0"], "split": ["train"],
                           "split_label": ["train"]})
    spec = boundary_chart(None, (-6, 6, -6, 6), points).to_dict()
    x = spec["layer"][0]["encoding"]["x"]["scale"]
    y = spec["layer"][0]["encoding"]["y"]["scale"]
    side = "min(width, height / 1)"
    assert x["range"] == [0, {"expr": side}]
    assert y["range"] == [{"expr": "height"}, {"expr": f"height - 1 * {side}"}]
