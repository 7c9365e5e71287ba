"""The course's five optimizers, by name, with its hyperparameters as defaults."""
from __future__ import annotations

from typing import Iterable

import torch

OPTIMIZERS = ("SGD", "Momentum", "RMSprop", "Adam", "Adagrad")

# The course's hyperparameters (the optimizers lesson).
MOMENTUM = 0.8
RMSPROP_ALPHA = 0.9
ADAM_BETAS = (0.9, 0.99)


def make_optimizer(name: str, params: Iterable[torch.nn.Parameter], lr: float,
                   weight_decay: float = 0.0, *, momentum: float = MOMENTUM,
                   alpha: float = RMSPROP_ALPHA,
                   betas: tuple[float, float] = ADAM_BETAS) -> torch.optim.Optimizer:
    """SGD, Momentum (SGD with momentum), RMSprop, Adam or Adagrad; weight_decay is L2."""
    if name == "SGD":
        return torch.optim.SGD(params, lr=lr, weight_decay=weight_decay)
    if name == "Momentum":
        return torch.optim.SGD(params, lr=lr, momentum=momentum, weight_decay=weight_decay)
    if name == "RMSprop":
        return torch.optim.RMSprop(params, lr=lr, alpha=alpha, weight_decay=weight_decay)
    if name == "Adam":
        return torch.optim.Adam(params, lr=lr, betas=betas, weight_decay=weight_decay)
    if name == "Adagrad":
        return torch.optim.Adagrad(params, lr=lr, weight_decay=weight_decay)
    raise ValueError(f"unknown optimizer {name!r}")


def optimizer_source(name: str, lr: float, weight_decay: float = 0.0, *,
                     params: str = "model.parameters()", momentum: float = MOMENTUM,
                     alpha: float = RMSPROP_ALPHA,
                     betas: tuple[float, float] = ADAM_BETAS) -> str:
    """The same optimizer as one line of code for a generated script."""
    extra = f", weight_decay={weight_decay!r}" if weight_decay else ""
    if name == "SGD":
        return f"torch.optim.SGD({params}, lr={lr!r}{extra})"
    if name == "Momentum":
        return f"torch.optim.SGD({params}, lr={lr!r}, momentum={momentum!r}{extra})"
    if name == "RMSprop":
        return f"torch.optim.RMSprop({params}, lr={lr!r}, alpha={alpha!r}{extra})"
    if name == "Adam":
        return f"torch.optim.Adam({params}, lr={lr!r}, betas={tuple(betas)!r}{extra})"
    if name == "Adagrad":
        return f"torch.optim.Adagrad({params}, lr={lr!r}{extra})"
    raise ValueError(f"unknown optimizer {name!r}")
