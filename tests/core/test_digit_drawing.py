"""A drawn digit made MNIST-like, checked against MNIST itself; what the networks make of it."""
import numpy as np
import pytest
import torch
import torch.nn.functional as F

from core import mnist
from core.digit_drawing import canvas_ink, is_blank, prepare_digit, strongest_filters
from core.tasks import cnn, lstm


def redrawn(digit: np.ndarray, top: int, left: int, scale: int = 10) -> np.ndarray:
    """An MNIST digit drawn again, big and anywhere, as dark ink on a 500x500 white page."""
    big = F.interpolate(torch.from_numpy(digit)[None, None], scale_factor=scale,
                        mode="bilinear")[0, 0].numpy()
    page = np.full((500, 500), 255.0, dtype=np.float32)
    page[top:top + big.shape[0], left:left + big.shape[1]] = 255 * (1 - big)
    return page


def test_a_redrawn_mnist_digit_comes_back_close_to_itself():
    """MNIST digits are already boxed and centred: undoing a move and a zoom must find them."""
    pixels, _ = mnist.read_subset()
    scores = []
    for i in range(40):
        digit = pixels[i].reshape(28, 28).astype(np.float32) / 255
        moved = prepare_digit(redrawn(digit, 37, 81))[0].numpy()
        elsewhere = prepare_digit(redrawn(digit, 101, 9, scale=12))[0].numpy()
        # place and size hardly matter (the centring moves by whole pixels, as MNIST's did)
        assert np.corrcoef(moved.ravel(), elsewhere.ravel())[0, 1] > 0.85
        scores.append((np.abs(moved - digit).mean(),
                       np.corrcoef(moved.ravel(), digit.ravel())[0, 1]))
    error, correlation = np.array(scores).T
    assert error.mean() < 0.06 and correlation.mean() > 0.92 and correlation.min() > 0.75


def test_canvas_ink_from_rgba():
    rgba = np.zeros((50, 40, 4), dtype=np.uint8)  # transparent background
    rgba[10:30, 5:9] = (255, 255, 255, 255)  # a white stroke
    rgba[40:45, 20:25] = (255, 255, 255, 128)  # half transparent
    ink = canvas_ink(rgba)
    assert ink.shape == (50, 40) and ink[15, 6] == pytest.approx(1.0) and ink[0, 0] == 0
    assert ink[42, 22] == pytest.approx(128 / 255)
    assert is_blank(canvas_ink(np.zeros((5, 5, 4), np.uint8)))
    with pytest.raises(ValueError):
        canvas_ink(np.zeros((5, 5, 3)))


def test_strongest_filters_by_mean_activation():
    maps = np.zeros((5, 4, 4), np.float32)
    maps[3] = 2.0
    maps[1, 0, 0] = 16.0  # mean 1.0
    maps[4, :2] = 1.0  # mean 0.5
    assert strongest_filters(maps, 3) == [3, 1, 4]


def test_the_networks_read_a_drawn_digit():
    digit = prepare_digit(redrawn(mnist.read_subset()[0][0].reshape(28, 28) / 255.0, 50, 50))
    model = cnn.build_model(cnn.CNNConfig(conv1_channels=4, conv2_channels=6)).eval()
    probabilities = cnn.class_probabilities(model, digit)[0]
    assert probabilities.shape == (10,) and probabilities.sum() == pytest.approx(1.0, abs=1e-5)
    maps = cnn.feature_maps(model, digit)
    assert maps["conv1"].shape == (4, 28, 28) and len(strongest_filters(maps["conv1"])) == 4
    rnn = lstm.build_model(lstm.LSTMConfig(hidden_size=8)).eval()
    _, answers = lstm.read_rows(rnn, digit)
    assert answers.shape == (28, 10) and answers[-1].sum() == pytest.approx(1.0, abs=1e-5)


def test_prepare_digit_makes_mnist_like_input():
    paper = np.full((60, 40), 255, dtype=np.uint8)  # dark ink on white paper, off centre
    paper[5:45, 8:14] = 0  # a thick vertical stroke: a "1"
    digit = prepare_digit(paper)
    assert digit.shape == (1, 28, 28)
    img = digit[0].numpy()
    assert img.max() == pytest.approx(1.0, abs=0.05) and img[0, 0] == 0.0  # white on black
    rows, _ = np.nonzero(img > 0.1)
    assert rows.max() - rows.min() + 1 <= 20  # fits the 20x20 box
    ys, xs = np.mgrid[0:28, 0:28]
    assert abs((ys * img).sum() / img.sum() - 14) < 1.0  # centre of mass in the middle
    assert abs((xs * img).sum() / img.sum() - 14) < 1.0
    assert prepare_digit(np.zeros((10, 10))).abs().sum() == 0  # blank stays blank
    with pytest.raises(ValueError):
        prepare_digit(np.zeros((3, 4, 5)))


