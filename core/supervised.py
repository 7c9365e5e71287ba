"""What the Regression and Classification pages share: the network settings, building the
problem (data, model, optimizer) from them, and redrawing a model from a weights snapshot."""
from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import torch
from torch import nn

from core.config import DEVICE_CHOICES, ConfigError, param
from core.devices import resolve_device
from core.models import ACTIVATIONS, build_mlp
from core.optim import OPTIMIZERS, make_optimizer


MAX_HIDDEN_LAYERS = 6  # TensorFlow Playground's limit too


@dataclass(frozen=True)
class NetworkSettings:
    """Network and training settings common to both pages (subclasses set the course's values)."""

    hidden: tuple[int, ...] = param((10,), lo=1, hi=128,
                                    help="units of each hidden layer, e.g. 8,4,2 (at most 6 layers)")
    activation: str = param("relu", choices=ACTIVATIONS)
    dropout: float = param(0.0, lo=0.0, hi=0.9, help="dropout rate after each hidden layer")
    optimizer: str = param("SGD", choices=OPTIMIZERS)
    lr: float = param(0.2, lo=1e-4, hi=10.0, log=True, help="learning rate")
    weight_decay: float = param(0.0, lo=0.0, hi=0.1, help="L2 penalty (the optimizer's weight decay)")
    l1: float = param(0.0, lo=0.0, hi=0.1, help="L1 penalty: l1 · Σ|w| over the weights is added to the loss")
    batch_size: int = param(0, lo=0, hi=2000, help="0 = the whole training set every step")
    steps: int = param(200, lo=1, hi=5000, help="optimizer updates")
    seed: int = param(0, lo=0, hi=2**31 - 1, help="the initial weights")
    data_seed: int = param(0, lo=0, hi=2**31 - 1, help="the points (and the mini-batch order)")
    device: str = param("cpu", choices=DEVICE_CHOICES)

    def check(self) -> None:
        if len(self.hidden) > MAX_HIDDEN_LAYERS:
            raise ConfigError(f"hidden: at most {MAX_HIDDEN_LAYERS} hidden layers")


def build_model(cfg: NetworkSettings, n_in: int, n_out: int) -> nn.Module:
    """Seed torch's global generator right before building: same seed, same initial weights."""
    torch.manual_seed(cfg.seed)
    model = build_mlp(n_in, cfg.hidden, n_out, cfg.activation, cfg.dropout)
    return model.to(resolve_device(cfg.device))


def build_optimizer(cfg: NetworkSettings, model: nn.Module) -> torch.optim.Optimizer:
    return make_optimizer(cfg.optimizer, model.parameters(), cfg.lr, cfg.weight_decay)


# ------------------------------------------------------------ redrawing from a weights vector
@functools.lru_cache(maxsize=64)
def _architecture(n_in: int, hidden: tuple[int, ...], n_out: int, activation: str) -> nn.Module:
    """An architecture to evaluate weight snapshots with (never trained, never mutated)."""
    return build_mlp(n_in, hidden, n_out, activation, 0.0).eval()


def _weights_dict(model: nn.Module, vector: torch.Tensor) -> dict[str, torch.Tensor]:
    out, start = {}, 0
    for name, p in model.named_parameters():
        out[name] = vector[start:start + p.numel()].view_as(p)
        start += p.numel()
    return out


@torch.no_grad()
def predict_from_weights(cfg: NetworkSettings, n_in: int, n_out: int, weights: torch.Tensor,
                         x: torch.Tensor) -> torch.Tensor:
    """Run the network whose parameters are the flat ``weights`` on ``x`` (eval mode, CPU).

    Dropout modules hold no parameters, so a dropout-free twin has the same weight layout once
    the parameter names are matched by position.
    """
    net = _architecture(n_in, tuple(cfg.hidden), n_out, cfg.activation)
    return torch.func.functional_call(net, _weights_dict(net, weights), (x,))


@torch.no_grad()
def layer_outputs(cfg: NetworkSettings, n_in: int, n_out: int, weights: torch.Tensor,
                  x: torch.Tensor) -> list[torch.Tensor]:
    """What every neuron outputs for the inputs ``x`` (N, n_in): one (N, width) tensor per hidden
    layer (after its activation), then the output layer's raw scores (N, n_out)."""
    net = _architecture(n_in, tuple(cfg.hidden), n_out, cfg.activation)
    params = _weights_dict(net, weights)
    outputs, h = [], x
    for i, module in enumerate(net):
        if isinstance(module, nn.Linear):
            h = h @ params[f"{i}.weight"].T + params[f"{i}.bias"]
            if i == len(net) - 1:
                outputs.append(h)  # the output layer has no activation
        else:
            h = module(h)
            outputs.append(h)
    return outputs


def linear_weights(cfg: NetworkSettings, n_in: int, n_out: int,
                   weights: torch.Tensor) -> list[tuple[np.ndarray, np.ndarray]]:
    """(weight (out, in), bias (out,)) of every nn.Linear in order: the links of the diagram."""
    net = _architecture(n_in, tuple(cfg.hidden), n_out, cfg.activation)
    params = _weights_dict(net, weights)
    return [(params[f"{i}.weight"].numpy().copy(), params[f"{i}.bias"].numpy().copy())
            for i, m in enumerate(net) if isinstance(m, nn.Linear)]


def grid(extent: tuple[float, float, float, float], resolution: int) -> tuple[np.ndarray, np.ndarray]:
    """Pixel-centre coordinates: xs (res,), ys (res,), ys from top to bottom (image order)."""
    x0, x1, y0, y1 = extent
    xs = np.linspace(x0, x1, resolution, dtype=np.float32)
    ys = np.linspace(y1, y0, resolution, dtype=np.float32)
    return xs, ys


def state_dict_from_weights(cfg: NetworkSettings, n_in: int, n_out: int,
                            weights: torch.Tensor) -> dict[str, torch.Tensor]:
    """The state_dict of the trained network (dropout layers included) for a weights snapshot."""
    model = build_mlp(n_in, cfg.hidden, n_out, cfg.activation, cfg.dropout)
    torch.nn.utils.vector_to_parameters(weights.clone(), model.parameters())
    return model.state_dict()
