"""ui.raster: colours, heat-map runs and the digit/filter pictures, without a browser."""
import numpy as np
import pandas as pd

from ui.charts.plane import SEAM_OVERLAP, boundary_chart, heatmap_frame
from ui.frames import as_dataframe
from ui.raster import (
    RIGHT,
    SHADES,
    WRONG,
    color_runs,
    digit_rgb,
    probabilities_to_rgb,
    quantize,
    signed_map_rgb,
    signed_to_rgb,
    upscale,
)


def test_boundary_chart_layers_heatmap_and_points():
    points = pd.DataFrame({"x": [1.0, -1.0], "y": [1.0, -1.0], "label": ["0", "1"],
                           "split": ["train", "test"], "split_label": ["train", "test"]})
    spec = boundary_chart(np.zeros((4, 4, 3), np.uint8), (-2, 2, -2, 2), points).to_dict()
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert marks == ["rect", "point"]
    assert spec["layer"][0]["encoding"]["color"] == {"field": "color", "type": "nominal",
                                                     "scale": None}  # the colours as given
    assert spec["usermeta"] == {"embedOptions": {"renderer": "canvas"}}  # whatever the row count
    without = boundary_chart(None, (-2, 2, -2, 2), points).to_dict()
    assert without["layer"][0]["mark"]["type"] == "rect"  # same structure, no rows


def test_color_runs_redraw_the_picture_pixel_for_pixel():
    rng = np.random.default_rng(0)
    rgb = rng.choice(np.array([[0, 0, 0], [255, 128, 1], [9, 9, 9]], np.uint8),
                     size=(7, 11))  # (7, 11, 3): many runs, some one pixel long
    rows, starts, stops, colors = color_runs(rgb)
    redrawn = np.zeros_like(rgb)
    for r, a, b, c in zip(rows, starts, stops, colors, strict=True):
        redrawn[r, a:b] = [int(c[1:3], 16), int(c[3:5], 16), int(c[5:7], 16)]
    assert np.array_equal(redrawn, rgb)
    # runs are maximal: neighbours in a row differ, so no fewer rects could draw it
    same_row = rows[1:] == rows[:-1]
    assert all(colors[i] != colors[i + 1] for i in np.nonzero(same_row)[0])
    assert len(rows) == 7 + int((rgb[:, 1:] != rgb[:, :-1]).any(-1).sum())


def test_heatmap_rects_cover_the_extent_and_overlap_only_inside():
    rgb = np.zeros((2, 4, 3), np.uint8)
    rgb[:, 2:] = 200  # two runs a row
    frame = as_dataframe(heatmap_frame(rgb, (-2.0, 2.0, 0.0, 1.0)))  # cells 1 wide, 0.5 high
    assert frame[["x", "x2", "y", "y2"]].values.tolist() == [
        [-2, 0 + SEAM_OVERLAP, 1, 0.5 - 0.5 * SEAM_OVERLAP], [0, 2, 1, 0.5 - 0.5 * SEAM_OVERLAP],
        [-2, 0 + SEAM_OVERLAP, 0.5, 0], [0, 2, 0.5, 0]]
    assert frame["color"].tolist() == ["#000000", "#c8c8c8"] * 2


def test_quantize_to_shades():
    probs = np.array([[0.0, 1.0], [0.51, 0.49], [0.3333, 0.6667]], np.float32)
    shades = quantize(probs) * SHADES
    assert np.allclose(shades, np.round(shades)) and np.allclose(quantize(probs), probs, atol=1 / 60)


def test_probability_colours():
    probs = np.zeros((2, 2, 2), np.float32)
    probs[0, 0] = [1, 0]  # sure of class 0: orange dominates
    probs[0, 1] = [0, 1]  # sure of class 1: blue dominates
    probs[1, :] = [0.5, 0.5]  # unsure: pale grey, close to white
    rgb = probabilities_to_rgb(probs)
    assert rgb[0, 0, 0] > rgb[0, 0, 2] and rgb[0, 1, 2] > rgb[0, 1, 0]
    assert rgb[1, 0].min() > 190


def test_signed_colours():
    rgb = signed_to_rgb(np.array([[-1.0, 0.0, 1.0]]))
    assert tuple(rgb[0, 1]) == (255, 255, 255)
    assert rgb[0, 2, 2] > rgb[0, 2, 0] and rgb[0, 0, 0] > rgb[0, 0, 2]


def test_upscale_and_digit_frames():
    img = np.array([[0.0, 1.0], [0.5, 0.0]])
    big = upscale(img, 3)
    assert big.shape == (6, 6) and (big[:3, 3:] == 1.0).all() and (big[3:, :3] == 0.5).all()
    digit = np.zeros((28, 28))
    digit[10:18, 12:16] = 1.0
    rgb = digit_rgb(digit, correct=False, factor=2, border=2)
    assert rgb.shape == (56, 56, 3) and rgb.dtype == np.uint8
    assert (rgb[0, 0] == WRONG).all() and (rgb[-1, 30] == WRONG).all()
    assert (rgb[20, 24] == 255).all()  # ink is white
    assert (rgb[6, 6] == 0).all()  # background black inside the frame
    plain = digit_rgb(digit, factor=1)
    assert (plain[0, 0] == 0).all()  # no frame without a verdict
    assert (digit_rgb(digit, correct=True)[0, 0] == RIGHT).all()


def test_signed_map_colours_sign():
    rgb = signed_map_rgb(np.array([[1.0, -1.0], [0.0, 0.0]]), factor=2)
    assert rgb.shape == (4, 4, 3)
    assert rgb[0, 0, 2] > rgb[0, 0, 0]  # positive: blue
    assert rgb[0, 2, 0] > rgb[0, 2, 2]  # negative: orange
    assert (rgb[2, 0] == 255).all()  # zero: white


def test_mosaic_puts_gaps_and_frames_between_tiles():
    """CNN filters touched and wrapped 15 + 1: one picture, 8 a row, 6 px apart, framed."""
    from ui.raster import mosaic

    tiles = [np.full((5, 5, 3), 255, np.uint8) for _ in range(16)]  # all white: dead filters
    picture = mosaic(tiles, columns=8)
    assert picture.shape == (2 * 7 + 6, 8 * 7 + 7 * 6, 3)
    assert (picture[0, 0] == 170).all()  # the frame shows around a white tile
    assert (picture[3, 7:13] == 255).all()  # the gap between the first two tiles
    assert (picture[7:13, 3] == 255).all()  # the gap between the rows
