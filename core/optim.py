"""The course's five optimizers, by name, with its hyperparameters as defaults.

One table says which torch class each name is and which hyperparameters it takes; the optimizer
itself (:func:`make_optimizer`) and the same optimizer as code for a generated script
(:func:`optimizer_source`) are both read from it.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import torch

# The course's hyperparameters (the optimizers lesson).
MOMENTUM = 0.8
RMSPROP_ALPHA = 0.9
ADAM_BETAS = (0.9, 0.99)

# name -> (torch.optim class, the hyperparameters it takes besides lr and weight_decay)
OPTIMIZER_TABLE: dict[str, tuple[str, tuple[str, ...]]] = {
    "SGD": ("SGD", ()),
    "Momentum": ("SGD", ("momentum",)),  # SGD with momentum
    "RMSprop": ("RMSprop", ("alpha",)),
    "Adam": ("Adam", ("betas",)),
    "Adagrad": ("Adagrad", ()),
}
OPTIMIZERS = tuple(OPTIMIZER_TABLE)


def optimizer_arguments(name: str, lr: float, weight_decay: float = 0.0, *,
                        momentum: float = MOMENTUM, alpha: float = RMSPROP_ALPHA,
                        betas: tuple[float, float] = ADAM_BETAS) -> tuple[str, dict[str, Any]]:
    """(torch.optim class name, keyword arguments) of the optimizer called ``name``."""
    if name not in OPTIMIZER_TABLE:
        raise ValueError(f"unknown optimizer {name!r}")
    cls, takes = OPTIMIZER_TABLE[name]
    given = {"momentum": momentum, "alpha": alpha, "betas": tuple(betas)}
    return cls, {"lr": lr, **{k: given[k] for k in takes}, "weight_decay": weight_decay}


def make_optimizer(name: str, params: Iterable[torch.nn.Parameter], lr: float,
                   weight_decay: float = 0.0, **hyper: Any) -> torch.optim.Optimizer:
    """SGD, Momentum (SGD with momentum), RMSprop, Adam or Adagrad; weight_decay is L2.

    ``hyper``: momentum, alpha (RMSprop) or betas (Adam), the course's values by default.
    """
    cls, kwargs = optimizer_arguments(name, lr, weight_decay, **hyper)
    return getattr(torch.optim, cls)(params, **kwargs)


def optimizer_source(name: str, lr: float, weight_decay: float = 0.0, *,
                     params: str = "model.parameters()", **hyper: Any) -> str:
    """The same optimizer as one line of code for a generated script (weight_decay written
    only when it is not 0)."""
    cls, kwargs = optimizer_arguments(name, lr, weight_decay, **hyper)
    if not weight_decay:
        del kwargs["weight_decay"]
    args = ", ".join(f"{k}={v!r}" for k, v in kwargs.items())
    return f"torch.optim.{cls}({params}, {args})"
