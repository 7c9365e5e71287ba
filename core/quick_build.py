"""Quick build: one network written two ways.

The course first writes its network as a ``torch.nn.Module`` subclass (layers named ``hidden``
and ``predict``, the ReLU called inside ``forward``), then builds "the same" network in one
expression with ``torch.nn.Sequential``. Printed, they look different: Sequential lists the ReLU
as a layer of its own and numbers its layers 0, 1, 2. Their parameters are the same shapes under
other names, so once the weights are copied across (renaming the keys) both compute exactly the
same outputs.
"""
from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import nn

from core.config import param
from core.models import build_mlp, count_parameters


class Net(nn.Module):
    """The course's network: a hidden Linear layer, ReLU, an output Linear layer."""

    def __init__(self, n_feature: int, n_hidden: int, n_output: int) -> None:
        super().__init__()
        self.hidden = nn.Linear(n_feature, n_hidden)  # hidden layer
        self.predict = nn.Linear(n_hidden, n_output)  # output layer

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.relu(self.hidden(x))  # activation function for the hidden layer
        return self.predict(x)  # linear output


def sequential_net(n_feature: int, n_hidden: int, n_output: int) -> nn.Sequential:
    """``nn.Sequential(Linear, ReLU, Linear)``: the playground's own MLP builder, one hidden layer."""
    return build_mlp(n_feature, (n_hidden,), n_output, "relu")


# Net's parameter names -> Sequential's. The ReLU (index 1) holds no parameters, so the output
# layer is number 2.
KEY_MAP = {
    "hidden.weight": "0.weight",
    "hidden.bias": "0.bias",
    "predict.weight": "2.weight",
    "predict.bias": "2.bias",
}


def net_to_sequential_state(state: dict[str, torch.Tensor]) -> dict[str, torch.Tensor]:
    """Rename a Net state_dict's keys so that a Sequential accepts it."""
    return {KEY_MAP[k]: v for k, v in state.items()}


def sequential_to_net_state(state: dict[str, torch.Tensor]) -> dict[str, torch.Tensor]:
    """The reverse renaming: a Sequential state_dict for a Net."""
    back = {v: k for k, v in KEY_MAP.items()}
    return {back[k]: v for k, v in state.items()}


def copy_weights(source: nn.Module, target: nn.Module) -> None:
    """Copy every parameter of ``source`` into ``target`` (Net -> Sequential or the reverse)."""
    state = source.state_dict()
    if isinstance(source, Net) and isinstance(target, nn.Sequential):
        state = net_to_sequential_state(state)
    elif isinstance(source, nn.Sequential) and isinstance(target, Net):
        state = sequential_to_net_state(state)
    target.load_state_dict(state)  # strict: every key must match, shapes too


@dataclass(frozen=True)
class QuickBuildConfig:
    n_feature: int = param(1, lo=1, hi=8, help="inputs")
    n_hidden: int = param(10, lo=1, hi=64, help="units in the hidden layer")
    n_output: int = param(1, lo=1, hi=8, help="outputs")
    seed: int = param(1, lo=0, hi=2**31 - 1, help="seeds both networks' initial weights")
    samples: int = param(5, lo=1, hi=20, help="input rows to compare the outputs on")


@dataclass(frozen=True)
class QuickBuildReport:
    net_repr: str  # print(net1)
    sequential_repr: str  # print(net2)
    net_parameters: int
    sequential_parameters: int
    inputs: torch.Tensor  # (samples, n_feature)
    net_out: torch.Tensor  # (samples, n_output)
    sequential_before: torch.Tensor  # net2's outputs with its own random initial weights
    sequential_after: torch.Tensor  # net2's outputs once net1's weights are copied in
    diff_before: float  # max |net1 - net2| before copying
    diff_after: float  # the same after copying: exactly 0

    @property
    def identical(self) -> bool:
        return torch.equal(self.net_out, self.sequential_after)


def parameter_formula(n_feature: int, n_hidden: int, n_output: int) -> int:
    """Weights plus biases of both layers: (in + 1)·hidden + (hidden + 1)·out."""
    return (n_feature + 1) * n_hidden + (n_hidden + 1) * n_output


def inputs_for(cfg: QuickBuildConfig) -> torch.Tensor:
    """One input: evenly spaced x in [-1, 1] (the course's range); more: seeded uniform rows."""
    if cfg.n_feature == 1:
        return torch.linspace(-1, 1, cfg.samples).unsqueeze(1)
    g = torch.Generator().manual_seed(cfg.seed)
    return 2 * torch.rand(cfg.samples, cfg.n_feature, generator=g) - 1


@torch.no_grad()
def compare(cfg: QuickBuildConfig, x: torch.Tensor | None = None) -> QuickBuildReport:
    """Build both nets (each with its own random weights), compare, copy net1 -> net2, compare.

    x: (samples, n_feature) inputs; by default :func:`inputs_for` (a page passes a fine grid
    to draw both nets' outputs as curves).
    """
    torch.manual_seed(cfg.seed)
    net1 = Net(cfg.n_feature, cfg.n_hidden, cfg.n_output)
    net2 = sequential_net(cfg.n_feature, cfg.n_hidden, cfg.n_output)  # drawn after net1: other weights
    x = inputs_for(cfg) if x is None else x
    out1 = net1(x)
    before = net2(x)
    copy_weights(net1, net2)
    after = net2(x)
    return QuickBuildReport(
        net_repr=str(net1),
        sequential_repr=str(net2),
        net_parameters=count_parameters(net1),
        sequential_parameters=count_parameters(net2),
        inputs=x,
        net_out=out1,
        sequential_before=before,
        sequential_after=after,
        diff_before=(out1 - before).abs().max().item(),
        diff_after=(out1 - after).abs().max().item(),
    )
