"""Autograd lab against hand-computed gradients; the three training ways against each other."""
from __future__ import annotations

import numpy as np
import pytest

from core import autograd_lab as al


@pytest.mark.parametrize("seed", range(5))
def test_mean_of_squares_gives_v_over_two_for_any_entries(seed):
    v = np.random.default_rng(seed).uniform(-10, 10, (2, 2)).round(3)
    r = al.gradients("mean(v*v)", v.tolist())
    # out = (1/4) sum v^2  =>  d out / d v = 2 v / 4 = v / 2
    np.testing.assert_allclose(r.v_grad, v / 2, rtol=1e-6)
    assert r.out == pytest.approx(float(np.mean(v * v)), rel=1e-6)


def test_course_numbers_and_graph():
    r = al.gradients("mean(v*v)", [[1, 2], [3, 4]])
    assert r.out == 7.5 and r.v_grad == [[0.5, 1.0], [1.5, 2.0]]  # the course's printout
    assert r.nodes == ["out = 7.5", "MeanBackward0", "MulBackward0", "v (2, 2) AccumulateGrad"]
    # v enters v * v twice, so two arrows run from v to MulBackward0: four edges in all
    assert r.dot.startswith("digraph") and r.dot.count("->") == 4


def test_shifted_expression_gradient():
    v = np.array([[1.0, -2.0], [0.5, 3.0]])
    r = al.gradients("mean(3*(v+2)**2)", v.tolist())
    np.testing.assert_allclose(r.v_grad, 6 * (v + 2) / 4, rtol=1e-6)  # d/dv 3(v+2)^2 / n
    assert "AddBackward0" in r.nodes


def test_layer_expression_gradient_by_hand():
    v = np.array([[1.0, 2.0], [-0.5, 0.25]])
    w = np.array([[0.3], [-0.7]])
    r = al.gradients("sum(sigmoid(v @ w))", v.tolist(), w.tolist())
    z = v @ w
    s = 1 / (1 + np.exp(-z))
    ds = s * (1 - s)  # (2, 1)
    np.testing.assert_allclose(r.v_grad, ds @ w.T, rtol=1e-5)  # d out / d v_ij = s'(z_i) w_j
    np.testing.assert_allclose(r.w_grad, v.T @ ds, rtol=1e-5)  # d out / d w_j = sum_i s'(z_i) v_ij
    assert {"v (2, 2) AccumulateGrad", "w (2, 1) AccumulateGrad", "MmBackward0"} <= set(r.nodes)


def test_backward_with_a_gradient_is_a_vector_jacobian_product():
    v = np.array([[1.0, 2.0], [3.0, 4.0]])
    g = np.array([[0.1, 1.0], [0.0001, -2.0]])
    r = al.vector_backward(v.tolist(), g.tolist())
    np.testing.assert_allclose(r.v_grad, 2 * v * g, rtol=1e-6)
    assert "scalar" in r.error_without_gradient
    same_as_mean = al.vector_backward(v.tolist(), np.full((2, 2), 0.25).tolist())
    np.testing.assert_allclose(same_as_mean.v_grad, v / 2)


def test_no_grad_and_detach():
    rows = {r.code: r for r in al.tracking_rows([[1, 2], [3, 4]])}
    assert rows["y = v * v"].requires_grad and rows["y = v * v"].grad_fn == "MulBackward0"
    assert not rows["with torch.no_grad(): y = v * v"].requires_grad
    assert rows["with torch.no_grad(): y = v * v"].grad_fn == "None"
    d = rows["d = v.detach()"]
    assert not d.requires_grad and d.shares_memory_with_v  # same numbers, no history


def test_gradients_accumulate_without_zero_grad():
    v = np.array([[1.0, 2.0], [3.0, 4.0]])
    history = al.accumulation(v.tolist(), 3)
    for k, grad in enumerate(history, start=1):
        np.testing.assert_allclose(grad, k * v / 2)
    for grad in al.accumulation(v.tolist(), 3, zero_grad=True):
        np.testing.assert_allclose(grad, v / 2)


@pytest.mark.parametrize("x, limit", [([0.5, -1.0, 2.0], 1000.0), ([-3.0, 1.0], 10.0), ([-0.1, -0.2], 50.0)])
def test_dynamic_graph_follows_the_data(x, limit):
    r = al.dynamic_graph(x, limit)
    norm = np.linalg.norm(x)
    k = 1
    while 2**k * norm < limit:  # smallest k >= 1 with ||2^k x|| >= limit
        k += 1
    sign = 1.0 if sum(x) > 0 else -1.0
    assert r.doublings == k
    assert r.branch == ("sum" if sign > 0 else "neg_sum")
    np.testing.assert_allclose(r.x_grad, [sign * 2.0**k] * len(x))
    assert r.nodes.count("MulBackward0") == k  # one node per loop turn: the graph has the data's shape
    assert ("NegBackward0" in r.nodes) == (sign < 0)


def test_three_ways_give_the_same_curve():
    r = al.train_three_ways(steps=25)  # the course's sizes, fewer steps
    assert set(r.losses) == {"numpy", "autograd", "module"}
    assert all(len(c) == 25 for c in r.losses.values())
    assert r.max_abs_diff < 1e-5
    for a in r.losses.values():
        for b in r.losses.values():
            np.testing.assert_allclose(a, b, atol=1e-5, rtol=0)
    # the first loss by an independent line of NumPy
    p = al.make_problem(0)
    first = np.square(np.maximum(p["x"] @ p["w1"], 0) @ p["w2"] - p["y"]).sum()
    assert r.losses["module"][0] == pytest.approx(first, rel=1e-12)
    assert r.losses["numpy"][-1] < 0.5 * r.losses["numpy"][0]  # it does learn


def test_three_ways_small_problem_long_run():
    r = al.train_three_ways(steps=200, lr=1e-3, seed=3, n=8, d_in=5, h=4, d_out=2)
    assert r.max_abs_diff < 1e-5
    with pytest.raises(ValueError):
        al.train_three_ways(steps=0)
