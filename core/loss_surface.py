"""Optimizers on a 2-D loss surface: see the update rules, not only their loss curves.

A network's loss lives in thousands of dimensions; here the "weights" are just a point (x, y)
and the loss is a formula, so each optimizer's path can be drawn over the contour lines:

* ``bowl``: the elongated quadratic 0.1·x² + 2·y². Steep across (y), flat along (x): plain SGD
  zig-zags across the valley and crawls along it; Momentum builds up speed along x; RMSprop and
  Adam rescale each coordinate and head straight in.
* ``rosenbrock``: (1 - x)² + 100·(y - x²)², a curved, flat-bottomed valley with its minimum at
  (1, 1): finding the valley is easy, following it is hard.

The paths use the very same torch optimizers (and hyperparameters) as the Optimizers page; the
point is a ``requires_grad`` tensor of two float64 numbers.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from collections.abc import Callable

import numpy as np
import torch

from core.config import ConfigError, param
from core.optim import OPTIMIZERS, make_optimizer


def bowl(x, y):
    """An elongated quadratic bowl; minimum 0 at (0, 0). Works on tensors and arrays alike."""
    return 0.1 * x ** 2 + 2 * y ** 2


def rosenbrock(x, y):
    """Rosenbrock's banana valley; minimum 0 at (1, 1)."""
    return (1 - x) ** 2 + 100 * (y - x ** 2) ** 2


@dataclass(frozen=True)
class Surface:
    name: str
    formula: str
    fn: Callable
    extent: tuple[float, float, float, float]  # x0, x1, y0, y1 of the view
    minimum: tuple[float, float]
    levels: tuple[float, ...]  # contour levels, log-spaced: the interesting part is near 0
    # suggested settings: what shows the differences on this surface
    start: tuple[float, float]
    lr: float
    steps: int


SURFACES: dict[str, Surface] = {
    "bowl": Surface("bowl", "0.1·x² + 2·y²", bowl, (-5.5, 1.5, -2.5, 2.5), (0.0, 0.0),
                    tuple(np.geomspace(0.02, 15, 12).round(3)), (-5.0, -2.0), 0.3, 60),
    "rosenbrock": Surface("rosenbrock", "(1 − x)² + 100·(y − x²)²", rosenbrock,
                          (-2.0, 2.0, -1.0, 3.0), (1.0, 1.0),
                          tuple(np.geomspace(0.05, 2000, 14).round(3)), (-1.5, 2.0), 0.002, 400),
}


@dataclass(frozen=True)
class LossSurfaceConfig:
    """Settings of the 2-D view; :meth:`suggested` gives each surface's own defaults."""

    surface: str = param("bowl", choices=tuple(SURFACES))
    optimizers: tuple[str, ...] = param(OPTIMIZERS, choices=OPTIMIZERS)
    lr: float = param(0.3, lo=1e-5, hi=10.0, log=True, help="learning rate, the same for all")
    steps: int = param(60, lo=1, hi=2000)
    start_x: float = param(-5.0, lo=-10.0, hi=10.0)
    start_y: float = param(-2.0, lo=-10.0, hi=10.0)
    momentum: float = param(0.8, lo=0.0, hi=0.99)
    rmsprop_alpha: float = param(0.9, lo=0.0, hi=0.999)
    adam_beta1: float = param(0.9, lo=0.0, hi=0.999)
    adam_beta2: float = param(0.99, lo=0.0, hi=0.9999)

    def check(self) -> None:
        if len(set(self.optimizers)) != len(self.optimizers):
            raise ConfigError("optimizers: each optimizer may appear once")

    @classmethod
    def suggested(cls, surface: str, **changes) -> LossSurfaceConfig:
        s = SURFACES[surface]
        base = dict(surface=surface, lr=s.lr, steps=s.steps, start_x=s.start[0], start_y=s.start[1])
        return cls(**{**base, **changes})


@dataclass(frozen=True)
class Path:
    """Where one optimizer went: points (k + 1, 2) from the start, the loss at each point."""

    name: str
    points: np.ndarray  # (k + 1, 2) float64, row 0 = the start
    losses: np.ndarray  # (k + 1,)
    diverged_at: int | None  # the step whose update made the point non-finite or huge

    @property
    def final_loss(self) -> float:
        return float(self.losses[-1])


BLOW_UP = 1e6  # a coordinate beyond this is called diverged (the picture would be meaningless)


def optimizer_path(cfg: LossSurfaceConfig, name: str) -> Path:
    """Run one torch optimizer for ``cfg.steps`` steps from the start point."""
    fn = SURFACES[cfg.surface].fn
    point = torch.tensor([cfg.start_x, cfg.start_y], dtype=torch.float64, requires_grad=True)
    optimizer = make_optimizer(name, [point], cfg.lr, momentum=cfg.momentum,
                               alpha=cfg.rmsprop_alpha, betas=(cfg.adam_beta1, cfg.adam_beta2))
    points = [point.detach().clone()]
    losses = []
    diverged_at = None
    for step in range(1, cfg.steps + 1):
        loss = fn(point[0], point[1])
        losses.append(loss.item())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        now = point.detach().clone()
        if not all(math.isfinite(v) and abs(v) < BLOW_UP for v in now.tolist()):
            diverged_at = step
            break
        points.append(now)
    with torch.no_grad():
        if diverged_at is None:
            losses.append(fn(point[0], point[1]).item())
    return Path(name, torch.stack(points).numpy(), np.asarray(losses[:len(points)]), diverged_at)


def optimizer_paths(cfg: LossSurfaceConfig) -> dict[str, Path]:
    """Every enabled optimizer's path, in the course's order."""
    return {name: optimizer_path(cfg, name) for name in OPTIMIZERS if name in cfg.optimizers}


# ------------------------------------------------------------------------- contour lines
@dataclass(frozen=True)
class Contours:
    xs: np.ndarray  # (nx,)
    ys: np.ndarray  # (ny,)
    z: np.ndarray  # (ny, nx): z[i, j] = f(xs[j], ys[i])
    segments: np.ndarray  # (m, 4): x0, y0, x1, y1 of each contour line piece
    segment_level: np.ndarray  # (m,): the level each piece belongs to


def surface_grid(surface: str, resolution: int = 120) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    s = SURFACES[surface]
    x0, x1, y0, y1 = s.extent
    xs, ys = np.linspace(x0, x1, resolution), np.linspace(y0, y1, resolution)
    gx, gy = np.meshgrid(xs, ys)  # (ny, nx)
    return xs, ys, s.fn(gx, gy)


def contour_segments(xs: np.ndarray, ys: np.ndarray, z: np.ndarray,
                     level: float) -> np.ndarray:
    """Marching squares: the pieces of the line z = level, as rows (x0, y0, x1, y1).

    Each grid cell whose corners are not all on one side of the level is crossed by the line;
    where it crosses an edge is found by linear interpolation between the edge's two corners.
    """
    above = z > level
    pieces = []
    ny, nx = z.shape
    # cells with mixed corners: only those are visited
    mixed = (above[:-1, :-1] != above[1:, :-1]) | (above[:-1, :-1] != above[:-1, 1:]) | \
            (above[:-1, :-1] != above[1:, 1:])
    for i, j in zip(*np.nonzero(mixed), strict=True):
        # corners counter-clockwise from bottom-left: (i, j), (i, j+1), (i+1, j+1), (i+1, j)
        corners = [(i, j), (i, j + 1), (i + 1, j + 1), (i + 1, j)]
        crossings = []
        for (a, b), (c, d) in zip(corners, corners[1:] + corners[:1], strict=True):
            za, zb = z[a, b], z[c, d]
            if (za > level) != (zb > level):
                t = (level - za) / (zb - za)
                crossings.append((xs[b] + t * (xs[d] - xs[b]), ys[a] + t * (ys[c] - ys[a])))
        if len(crossings) == 2:
            pieces.append((*crossings[0], *crossings[1]))
        elif len(crossings) == 4:  # a saddle: two pieces; pair them by the cell's centre value
            centre_above = z[i:i + 2, j:j + 2].mean() > level
            if centre_above == above[i, j]:  # corners 0 and 2 joined: cut off corners 1, 3
                pairs = ((0, 1), (2, 3))
            else:  # corners 1 and 3 joined: cut off corners 0 and 2
                pairs = ((3, 0), (1, 2))
            for p, q in pairs:
                pieces.append((*crossings[p], *crossings[q]))
    return np.asarray(pieces, dtype=np.float64).reshape(-1, 4)


def contours(surface: str, resolution: int = 120) -> Contours:
    """The surface on a grid and its contour lines at the surface's levels."""
    xs, ys, z = surface_grid(surface, resolution)
    segs, lv = [], []
    for level in SURFACES[surface].levels:
        piece = contour_segments(xs, ys, z, level)
        segs.append(piece)
        lv.append(np.full(len(piece), level))
    return Contours(xs, ys, z, np.concatenate(segs), np.concatenate(lv))
