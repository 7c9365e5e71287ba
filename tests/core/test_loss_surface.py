"""Optimizer paths on 2-D loss surfaces (core.loss_surface): hand-computed steps, descent,
divergence, and contour lines that really lie on their level."""
from __future__ import annotations

import math

import numpy as np
import pytest
import torch

from core.loss_surface import (SURFACES, LossSurfaceConfig, bowl, contour_segments, contours,
                               optimizer_path, optimizer_paths, rosenbrock)

torch.set_num_threads(1)


def test_surfaces_have_their_minimum_where_they_say():
    for s in SURFACES.values():
        mx, my = s.minimum
        assert s.fn(mx, my) == 0
        assert s.fn(mx + 0.1, my) > 0 and s.fn(mx, my - 0.1) > 0


def test_first_sgd_step_by_hand_on_the_bowl():
    # f = 0.1 x² + 2 y²: grad = (0.2 x, 4 y) = (-1, -8) at (-5, -2); lr 0.3
    cfg = LossSurfaceConfig.suggested("bowl", steps=1, optimizers=("SGD",))
    path = optimizer_path(cfg, "SGD")
    np.testing.assert_allclose(path.points, [[-5.0, -2.0], [-5 + 0.3 * 1, -2 + 0.3 * 8]])
    assert path.losses[0] == pytest.approx(0.1 * 25 + 2 * 4)


def test_first_sgd_step_by_hand_on_rosenbrock():
    # df/dx = -2(1 - x) - 400 x (y - x²) = -5 - 150 = -155 at (-1.5, 2); df/dy = 200 (y - x²) = -50
    cfg = LossSurfaceConfig.suggested("rosenbrock", steps=1, lr=0.002)
    path = optimizer_path(cfg, "SGD")
    np.testing.assert_allclose(path.points[1], [-1.5 + 0.002 * 155, 2.0 + 0.002 * 50])


def test_momentum_second_step_by_hand():
    # v1 = g0; v2 = 0.8 v1 + g1; p2 = p1 - lr v2 (torch's SGD momentum, no dampening)
    cfg = LossSurfaceConfig.suggested("bowl", steps=2, lr=0.1)
    path = optimizer_path(cfg, "Momentum")
    grad = lambda p: np.array([0.2 * p[0], 4 * p[1]])  # noqa: E731
    p0 = np.array([-5.0, -2.0])
    v = grad(p0)
    p1 = p0 - 0.1 * v
    v = 0.8 * v + grad(p1)
    p2 = p1 - 0.1 * v
    np.testing.assert_allclose(path.points, [p0, p1, p2])


def test_adam_first_step_moves_lr_along_each_axis():
    # bias-corrected m/sqrt(v) = g/|g| on the first step: every coordinate moves by lr
    cfg = LossSurfaceConfig.suggested("bowl", steps=1)
    path = optimizer_path(cfg, "Adam")
    np.testing.assert_allclose(path.points[1], [-5 + 0.3, -2 + 0.3], rtol=1e-7)


@pytest.mark.parametrize("surface", list(SURFACES))
def test_every_optimizer_descends_at_the_suggested_settings(surface):
    cfg = LossSurfaceConfig.suggested(surface)
    paths = optimizer_paths(cfg)
    assert list(paths) == ["SGD", "Momentum", "RMSprop", "Adam", "Adagrad"]
    start = SURFACES[surface].fn(cfg.start_x, cfg.start_y)
    for name, path in paths.items():
        assert path.diverged_at is None, name
        assert len(path.points) == cfg.steps + 1 == len(path.losses)
        assert path.final_loss < 0.8 * start, name
    # on the bowl, momentum and the adaptive methods beat plain SGD's crawl along x
    if surface == "bowl":
        for name in ("Momentum", "RMSprop"):
            assert paths[name].final_loss < paths["SGD"].final_loss


def test_a_too_large_step_diverges_and_the_path_stops():
    cfg = LossSurfaceConfig.suggested("rosenbrock", lr=0.003, steps=50)
    paths = optimizer_paths(cfg)
    assert paths["SGD"].diverged_at is not None
    assert len(paths["SGD"].points) == paths["SGD"].diverged_at  # the start, then the good steps
    assert np.isfinite(paths["SGD"].points).all()
    assert paths["Adam"].diverged_at is None  # Adam's step is about lr whatever the gradient


def test_contour_segments_of_a_circle():
    xs = np.linspace(-2, 2, 81)
    ys = np.linspace(-2, 2, 81)
    gx, gy = np.meshgrid(xs, ys)
    segments = contour_segments(xs, ys, gx ** 2 + gy ** 2, 1.0)
    radii = np.hypot(segments[:, [0, 2]], segments[:, [1, 3]])
    np.testing.assert_allclose(radii, 1.0, atol=0.01)  # on the circle, up to interpolation
    length = np.hypot(segments[:, 2] - segments[:, 0], segments[:, 3] - segments[:, 1]).sum()
    assert length == pytest.approx(2 * math.pi, rel=0.01)


def test_contour_saddle_cells_give_two_pieces():
    xs = ys = np.array([0.0, 1.0])
    z = np.array([[1.0, 0.0], [0.0, 1.0]])  # corners above, below, above, below: a saddle
    assert contour_segments(xs, ys, z, 0.5).shape == (2, 4)


def test_surface_contours_lie_on_their_levels():
    for name in SURFACES:
        c = contours(name, resolution=100)
        assert len(c.segments) > 100 and len(c.segment_level) == len(c.segments)
        fn = SURFACES[name].fn
        values = fn(c.segments[:, 0], c.segments[:, 1])
        # linear interpolation on a 100-point grid: close to the level, relative to its size
        assert np.median(np.abs(values - c.segment_level) / c.segment_level) < 0.02
        assert set(np.unique(c.segment_level)) <= set(SURFACES[name].levels)


def test_formulas_agree_between_numpy_and_torch():
    p = np.array([0.3, -0.7])
    t = torch.tensor(p)
    for fn in (bowl, rosenbrock):
        assert fn(p[0], p[1]) == pytest.approx(fn(t[0], t[1]).item())
