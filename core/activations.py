"""Activation functions, their derivatives from autograd, and softmax with a temperature.

The course plots relu, sigmoid, tanh and softplus on x in [-5, 5], each with its own y range;
leaky relu, elu and gelu are added here. Derivatives are not typed in: autograd computes them.
"""
from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Callable, Sequence

import torch
import torch.nn.functional as F


@dataclass(frozen=True)
class Activation:
    name: str
    code: str  # how it is called
    fn: Callable[[torch.Tensor, float], torch.Tensor]  # (x, parameter) -> y
    y_range: tuple[float, float]  # the course's plot range (our choice for the new three)
    derivative_latex: str  # the textbook formula, shown next to autograd's numbers
    param_name: str = ""  # "negative_slope" / "alpha" for the two with a parameter
    param_default: float = 0.0


ACTIVATIONS: dict[str, Activation] = {
    a.name: a
    for a in (
        Activation("relu", "F.relu(x)", lambda x, p: F.relu(x), (-1.0, 5.0), r"\mathbb{1}[x > 0]"),
        Activation("sigmoid", "torch.sigmoid(x)", lambda x, p: torch.sigmoid(x), (-0.2, 1.2),
                   r"\sigma(x)\,(1-\sigma(x))"),
        Activation("tanh", "torch.tanh(x)", lambda x, p: torch.tanh(x), (-1.2, 1.2), r"1-\tanh^2(x)"),
        Activation("softplus", "F.softplus(x)", lambda x, p: F.softplus(x), (-0.2, 6.0), r"\sigma(x)"),
        Activation(
            "leaky_relu",
            "F.leaky_relu(x, negative_slope)",
            lambda x, p: F.leaky_relu(x, negative_slope=p),
            (-1.0, 5.0),
            r"1 \text{ if } x>0 \text{ else slope}",
            "negative_slope",
            0.01,
        ),
        Activation(
            "elu",
            "F.elu(x, alpha)",
            lambda x, p: F.elu(x, alpha=p),
            (-1.2, 5.0),
            r"1 \text{ if } x>0 \text{ else } \alpha e^{x}",
            "alpha",
            1.0,
        ),
        Activation("gelu", "F.gelu(x)", lambda x, p: F.gelu(x), (-1.0, 5.0), r"\Phi(x) + x\,\varphi(x)"),
    )
}
COURSE = ("relu", "sigmoid", "tanh", "softplus")


@dataclass(frozen=True)
class Curve:
    name: str
    x: list[float]
    y: list[float]
    dy: list[float]  # dy/dx from autograd
    y_range: tuple[float, float]


def evaluate(name: str, x: torch.Tensor, param: float | None = None) -> tuple[torch.Tensor, torch.Tensor]:
    """(f(x), f'(x)) for an element-wise activation; the derivative comes from autograd.

    Because f acts on each entry on its own, the Jacobian is diagonal, and the gradient of
    ``f(x).sum()`` with respect to x is exactly that diagonal: f'(x_i) for every i.
    """
    act = ACTIVATIONS[name]
    p = act.param_default if param is None else float(param)
    xg = x.detach().clone().requires_grad_(True)
    y = act.fn(xg, p)
    (dy,) = torch.autograd.grad(y.sum(), xg)
    return y.detach(), dy


def curves(
    names: Sequence[str] = COURSE,
    lo: float = -5.0,
    hi: float = 5.0,
    points: int = 200,
    params: dict[str, float] | None = None,
) -> list[Curve]:
    """Each activation and its derivative on ``torch.linspace(lo, hi, points)`` (the course's grid)."""
    if not lo < hi:
        raise ValueError("lo must be below hi")
    if points < 2:
        raise ValueError("need at least two points")
    params = params or {}
    x = torch.linspace(lo, hi, points)
    out = []
    for name in names:
        y, dy = evaluate(name, x, params.get(name))
        out.append(Curve(name, x.tolist(), y.tolist(), dy.tolist(), ACTIVATIONS[name].y_range))
    return out


@dataclass(frozen=True)
class SoftmaxResult:
    logits: list[float]
    temperature: float
    probabilities: list[float]  # softmax(logits / T), sums to 1
    entropy: float  # in nats: 0 for one-hot, log(n) for uniform


def softmax(logits: Sequence[float], temperature: float = 1.0) -> SoftmaxResult:
    """``F.softmax(z / T, dim=0)``: T -> 0 picks the largest entry, T -> inf spreads evenly."""
    if temperature <= 0:
        raise ValueError("temperature must be positive")
    if len(logits) == 0:
        raise ValueError("need at least one value")
    z = torch.tensor(list(logits), dtype=torch.float64)
    p = F.softmax(z / temperature, dim=0)
    logp = F.log_softmax(z / temperature, dim=0)  # stable even where p underflows to 0
    entropy = float(-(p * logp).sum())
    return SoftmaxResult(list(map(float, z)), float(temperature), p.tolist(), entropy)
