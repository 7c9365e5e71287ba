"""Activations against NumPy formulas; autograd's derivatives against finite differences."""
from __future__ import annotations

import numpy as np
import pytest
import torch

from core import activations as act

X = np.linspace(-4.9, 4.9, 50)  # no point at exactly 0, where relu-like functions have a kink


@pytest.mark.parametrize("name", list(act.ACTIVATIONS))
def test_derivative_matches_central_finite_differences(name):
    x = torch.tensor(X, dtype=torch.float64)
    _, dy = act.evaluate(name, x)
    h = 1e-6
    fd = (act.evaluate(name, x + h)[0] - act.evaluate(name, x - h)[0]) / (2 * h)
    np.testing.assert_allclose(dy.numpy(), fd.numpy(), atol=1e-6)


def test_values_match_numpy_formulas():
    x = torch.tensor(X, dtype=torch.float64)
    ref = {
        "relu": np.maximum(X, 0),
        "sigmoid": 1 / (1 + np.exp(-X)),
        "tanh": np.tanh(X),
        "softplus": np.log1p(np.exp(X)),
        "leaky_relu": np.where(X > 0, X, 0.01 * X),
        "elu": np.where(X > 0, X, np.expm1(X)),
    }
    for name, expected in ref.items():
        np.testing.assert_allclose(act.evaluate(name, x)[0].numpy(), expected, rtol=1e-12, atol=1e-12)


def test_parameters_change_the_curve():
    x = torch.tensor([-2.0, 3.0], dtype=torch.float64)
    _, d = act.evaluate("leaky_relu", x, 0.2)
    assert d.tolist() == pytest.approx([0.2, 1.0])
    y, _ = act.evaluate("elu", x, 0.5)
    assert y[0].item() == pytest.approx(0.5 * np.expm1(-2.0))


def test_course_curves_fit_the_course_ranges():
    curves = act.curves()  # relu, sigmoid, tanh, softplus on linspace(-5, 5, 200)
    ranges = {"relu": (-1, 5), "sigmoid": (-0.2, 1.2), "tanh": (-1.2, 1.2), "softplus": (-0.2, 6)}
    assert [c.name for c in curves] == list(ranges)
    for c in curves:
        assert c.y_range == ranges[c.name]
        assert len(c.x) == 200 and c.x[0] == -5 and c.x[-1] == 5
        lo, hi = c.y_range
        assert lo <= min(c.y) and max(c.y) <= hi


def test_curves_reject_bad_grids():
    with pytest.raises(ValueError):
        act.curves(lo=1, hi=1)


def test_softmax_against_numpy():
    z = np.array([1.0, 2.0, 3.0, -1.0])
    for t in (0.1, 1.0, 4.0):
        e = np.exp(z / t - np.max(z / t))
        r = act.softmax(z.tolist(), t)
        np.testing.assert_allclose(r.probabilities, e / e.sum(), rtol=1e-12)
        assert sum(r.probabilities) == pytest.approx(1.0)


def test_softmax_temperature_extremes():
    z = [1.0, 2.0, 3.0]
    cold = act.softmax(z, 0.01)
    assert cold.probabilities[2] == pytest.approx(1.0) and cold.entropy < 1e-6
    hot = act.softmax(z, 1e4)
    assert hot.entropy == pytest.approx(np.log(3), rel=1e-6)
    with pytest.raises(ValueError):
        act.softmax(z, 0.0)
