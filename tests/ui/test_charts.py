"""Chart builders are pure: data in, a valid Vega-Lite spec out."""
import numpy as np
import pandas as pd
from PIL import Image
import io

from ui.charts import boundary_chart, curves_frame, fit_chart, line_curves, thin
from ui.raster import png_bytes, png_data_url, probabilities_to_rgb, signed_to_rgb


def test_thin_keeps_the_last_point_and_a_bounded_count():
    idx = thin(np.arange(5000), 400)
    assert len(idx) <= 400 and idx[0] == 0 and idx[-1] == 4999
    assert len(thin(np.arange(10), 400)) == 10


def test_curves_frame_drops_missing_values():
    frame = curves_frame([1, 2, 3], {"train": [1.0, 0.5, 0.25], "test": [np.nan, 0.6, np.nan]})
    assert len(frame) == 4 and set(frame["series"]) == {"train", "test"}


def test_line_curves_spec():
    frame = curves_frame([1, 2, 3], {"train": [1.0, 0.5, 0.25]})
    spec = line_curves(frame, log=True, cursor_step=2, x_max=10).to_dict()
    assert spec["layer"][0]["encoding"]["y"]["scale"]["type"] == "log"
    assert spec["layer"][1]["mark"]["type"] == "rule"
    assert spec["datasets"][spec["layer"][1]["data"]["name"]] == [{"step": 2}]


def test_boundary_chart_layers_image_and_points():
    points = pd.DataFrame({"x": [1.0, -1.0], "y": [1.0, -1.0], "label": ["0", "1"],
                           "split": ["train", "test"], "split_label": ["train", "test"]})
    url = png_data_url(np.zeros((4, 4, 3), np.uint8))
    spec = boundary_chart(url, (-2, 2, -2, 2), points).to_dict()
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert marks == ["image", "point"]
    without = boundary_chart(None, (-2, 2, -2, 2), points).to_dict()
    assert without["layer"][0]["mark"]["type"] == "image"  # same structure, no image rows


def test_fit_chart_without_a_curve():
    points = pd.DataFrame({"x": [0.0], "y": [0.0], "split": ["train"], "split_label": ["train"]})
    spec = fit_chart(points, None, y_domain=(0, 1)).to_dict()
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["circle", "line"]


def test_probability_colours():
    probs = np.zeros((2, 2, 2), np.float32)
    probs[0, 0] = [1, 0]  # sure of class 0: orange dominates
    probs[0, 1] = [0, 1]  # sure of class 1: blue dominates
    probs[1, :] = [0.5, 0.5]  # unsure: pale grey, close to white
    rgb = probabilities_to_rgb(probs)
    assert rgb[0, 0, 0] > rgb[0, 0, 2] and rgb[0, 1, 2] > rgb[0, 1, 0]
    assert rgb[1, 0].min() > 190


def test_signed_colours_and_png_round_trip():
    rgb = signed_to_rgb(np.array([[-1.0, 0.0, 1.0]]))
    assert tuple(rgb[0, 1]) == (255, 255, 255)
    assert rgb[0, 2, 2] > rgb[0, 2, 0] and rgb[0, 0, 0] > rgb[0, 0, 2]
    image = Image.open(io.BytesIO(png_bytes(rgb)))
    assert image.size == (3, 1) and np.array_equal(np.array(image), rgb)
