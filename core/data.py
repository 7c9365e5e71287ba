"""Toy datasets, made from a seeded ``torch.Generator``.

Each maker is small and self-contained (only ``torch`` and ``math``) on purpose: the generated
"show the code" scripts embed their source verbatim, so the script and the page make the very
same numbers.

Shapes: regression makers return x (N, 1), y (N, 1) float32; classification makers return
x (N, 2) float32 and y (N,) int64 class labels.
"""
from __future__ import annotations

import math

import torch

REGRESSION_TARGETS = ("square", "sin", "abs", "step")
CLASSIFICATION_DATASETS = ("blobs", "moons", "circles", "xor", "spiral")
FEATURES = ("x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)")


# ----------------------------------------------------------------------------- regression
def make_regression(n_points: int, target: str, noise: float, generator: torch.Generator):
    """The course's curve: y = x² + noise·U(0, 1) on x in [-1, 1] (and a few other targets)."""
    x = torch.linspace(-1, 1, n_points).unsqueeze(1)  # (N, 1)
    if target == "square":
        clean = x.pow(2)
    elif target == "sin":
        clean = torch.sin(3 * x)
    elif target == "abs":
        clean = x.abs()
    elif target == "step":
        clean = (x > 0).float()
    else:
        raise ValueError(f"unknown target {target!r}")
    y = clean + noise * torch.rand(x.size(), generator=generator)  # uniform noise, as the course
    return x, y


# ------------------------------------------------------------------------- classification
def make_blobs(n_points: int, noise: float, generator: torch.Generator):
    """The course's two Gaussian clouds N(+2, σ) (class 0) and N(-2, σ) (class 1); σ = 2·noise."""
    half = n_points // 2
    std = 2 * noise  # noise 0.5 gives the course's σ = 1
    n_data = torch.ones(half, 2)
    x0 = torch.normal(2 * n_data, std, generator=generator)
    x1 = torch.normal(-2 * n_data, std, generator=generator)
    x = torch.cat((x0, x1), 0)
    y = torch.cat((torch.zeros(half), torch.ones(half))).long()
    return x, y


def make_moons(n_points: int, noise: float, generator: torch.Generator):
    """Two interleaving half circles of radius 2."""
    half = n_points // 2
    angle = math.pi * torch.rand(half, generator=generator)
    upper = torch.stack((2 * torch.cos(angle) - 1, 2 * torch.sin(angle) - 0.5), 1)
    angle = math.pi * torch.rand(half, generator=generator)
    lower = torch.stack((1 - 2 * torch.cos(angle), 0.5 - 2 * torch.sin(angle)), 1)
    x = torch.cat((upper, lower), 0) + 0.5 * noise * torch.randn(2 * half, 2, generator=generator)
    y = torch.cat((torch.zeros(half), torch.ones(half))).long()
    return x, y


def make_circles(n_points: int, noise: float, generator: torch.Generator):
    """A disc of radius < 1.5 (class 0) inside a ring of radius 2.5 to 4 (class 1)."""
    half = n_points // 2
    radius = torch.cat((1.5 * torch.rand(half, generator=generator),
                        2.5 + 1.5 * torch.rand(half, generator=generator)))
    angle = 2 * math.pi * torch.rand(2 * half, generator=generator)
    x = torch.stack((radius * torch.cos(angle), radius * torch.sin(angle)), 1)
    x = x + 0.5 * noise * torch.randn(2 * half, 2, generator=generator)
    y = torch.cat((torch.zeros(half), torch.ones(half))).long()
    return x, y


def make_xor(n_points: int, noise: float, generator: torch.Generator):
    """Uniform points in [-4, 4]²; the class is whether x1 and x2 have the same sign."""
    x = 8 * torch.rand(n_points, 2, generator=generator) - 4
    y = (x[:, 0] * x[:, 1] < 0).long()  # labels come from the clean position
    x = x + 0.5 * noise * torch.randn(n_points, 2, generator=generator)
    return x, y


def make_spiral(n_points: int, noise: float, generator: torch.Generator, classes: int = 2):
    """``classes`` interleaved spiral arms reaching radius 4."""
    per_class = n_points // classes
    xs, ys = [], []
    for c in range(classes):
        t = torch.linspace(0, 1, per_class)
        radius = 0.3 + 3.7 * t
        angle = 1.75 * 2 * math.pi * t + 2 * math.pi * c / classes
        arm = torch.stack((radius * torch.sin(angle), radius * torch.cos(angle)), 1)
        xs.append(arm + 0.3 * noise * torch.randn(per_class, 2, generator=generator))
        ys.append(torch.full((per_class,), c))
    return torch.cat(xs, 0), torch.cat(ys).long()


CLASSIFICATION_MAKERS = {
    "blobs": make_blobs,
    "moons": make_moons,
    "circles": make_circles,
    "xor": make_xor,
    "spiral": make_spiral,
}


def make_classification(dataset: str, n_points: int, noise: float, generator: torch.Generator,
                        classes: int = 2):
    """Dispatch to one of the makers above; only the spiral takes a number of classes."""
    if dataset == "spiral":
        return make_spiral(n_points, noise, generator, classes)
    return CLASSIFICATION_MAKERS[dataset](n_points, noise, generator)


def split_train_test(x: torch.Tensor, y: torch.Tensor, test_fraction: float,
                     generator: torch.Generator):
    """Shuffle once, then hold the first ``test_fraction`` of the points out for testing."""
    order = torch.randperm(len(x), generator=generator)
    n_test = int(round(test_fraction * len(x)))
    test, train = order[:n_test], order[n_test:]
    return x[train], y[train], x[test], y[test]


def add_features(x: torch.Tensor, features: tuple) -> torch.Tensor:
    """TensorFlow-Playground inputs: (N, 2) points -> (N, len(features)) columns."""
    x1, x2 = x[:, 0], x[:, 1]
    columns = {
        "x1": x1, "x2": x2, "x1^2": x1 * x1, "x2^2": x2 * x2, "x1*x2": x1 * x2,
        "sin(x1)": torch.sin(x1), "sin(x2)": torch.sin(x2),
    }
    return torch.stack([columns[name] for name in features], 1)


# ------------------------------------------------------------------ other pages' toy data
def make_optimizer_data(generator: torch.Generator, n_points: int = 1000):
    """The optimizers lesson: y = x² + 0.1·N(0, 1), 1000 points on [-1, 1]."""
    x = torch.linspace(-1, 1, n_points).unsqueeze(1)
    y = x.pow(2) + 0.1 * torch.normal(torch.zeros(x.size()), 1.0, generator=generator)
    return x, y


def make_batch_data(n_points: int = 10):
    """The DataLoader lesson: x = 1..10, y = 10..1."""
    return torch.linspace(1, 10, n_points), torch.linspace(10, 1, n_points)
