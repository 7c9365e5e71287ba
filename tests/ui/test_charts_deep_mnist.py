"""ui.charts_deep_mnist: pictures of the MNIST pages, checked without a browser."""
import numpy as np

from ui import charts_deep_mnist as charts


def data_of(chart):
    """The rows an Altair chart (or the first layer of a layered one) was built from."""
    spec = chart.to_dict()
    values = next(iter(spec["datasets"].values()))
    return values


def test_upscale_and_digit_frames():
    img = np.array([[0.0, 1.0], [0.5, 0.0]])
    big = charts.upscale(img, 3)
    assert big.shape == (6, 6) and (big[:3, 3:] == 1.0).all() and (big[3:, :3] == 0.5).all()
    digit = np.zeros((28, 28))
    digit[10:18, 12:16] = 1.0
    rgb = charts.digit_rgb(digit, correct=False, factor=2, border=2)
    assert rgb.shape == (56, 56, 3) and rgb.dtype == np.uint8
    assert (rgb[0, 0] == charts.WRONG).all() and (rgb[-1, 30] == charts.WRONG).all()
    assert (rgb[20, 24] == 255).all()  # ink is white
    assert (rgb[6, 6] == 0).all()  # background black inside the frame
    plain = charts.digit_rgb(digit, factor=1)
    assert (plain[0, 0] == 0).all()  # no frame without a verdict
    assert (charts.digit_rgb(digit, correct=True)[0, 0] == charts.RIGHT).all()


def test_signed_map_colours_sign():
    rgb = charts.signed_map_rgb(np.array([[1.0, -1.0], [0.0, 0.0]]), factor=2)
    assert rgb.shape == (4, 4, 3)
    assert rgb[0, 0, 2] > rgb[0, 0, 0]  # positive: blue
    assert rgb[0, 2, 0] > rgb[0, 2, 2]  # negative: orange
    assert (rgb[2, 0] == 255).all()  # zero: white


def test_confusion_chart_cells_hold_the_counts():
    matrix = np.zeros((10, 10), int)
    matrix[3, 5] = 7
    matrix[2, 2] = 4
    chart = charts.confusion_chart(matrix, title="T", true_title="true", predicted_title="pred")
    rows = data_of(chart)
    assert len(rows) == 100
    cell = next(r for r in rows if r["true"] == 3 and r["predicted"] == 5)
    assert cell["count"] == 7 and not cell["diagonal"]
    assert sum(r["count"] for r in rows) == 11


def test_probabilities_chart_marks_the_best_digit():
    p = np.full(10, 0.05)
    p[6] = 0.55
    rows = data_of(charts.probabilities_chart(p, title="T", x_title="digit"))
    assert [r["digit"] for r in rows if r["best"]] == [6]


def test_hidden_state_and_row_answers_layout():
    hidden = np.arange(28 * 3, dtype=float).reshape(28, 3) / 100
    rows = data_of(charts.hidden_state_chart(hidden, title="T", x_title="row", y_title="unit"))
    assert len(rows) == 84
    cell = next(r for r in rows if r["row"] == 5 and r["unit"] == 2)  # rows are 1-based
    assert cell["value"] == hidden[4, 2]
    probs = np.zeros((28, 10))
    probs[:, 3] = 1.0
    rows = data_of(charts.row_answers_chart(probs, title="T", x_title="row", y_title="digit"))
    assert {r["digit"] for r in rows if r["probability"] == 1.0} == {3}


def test_epoch_frame_and_chart():
    history = [{"epoch": 1, "train_loss": 1.0, "accuracy": 0.5},
               {"epoch": 2, "train_loss": 0.5, "accuracy": 0.8}]
    frame = charts.epoch_frame(history, {"train_loss": "train", "accuracy": "acc",
                                         "test_loss": "test"})
    assert len(frame) == 4 and set(frame["series"]) == {"train", "acc"}
    spec = charts.epoch_chart(frame, title="T", y_title="y", x_title="epoch", epochs=4,
                              resumed_after=1).to_dict()
    assert "layer" in spec  # the dashed rule where the run resumed
