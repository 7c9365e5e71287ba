"""Dropout vs overfitting: two big nets on 20 noisy points.

The course's experiment: 20 training points and 20 test points on the line y = x, each with its
own noise 0.3·N(0, 1). Two networks 1 → 300 → 300 → 1 with ReLU are far too big for 20 points:

* ``overfit`` has nothing to stop it: it bends through the training points, noise included,
  and its test loss grows as its training loss shrinks;
* ``dropout`` zeroes each hidden unit with probability p at every training step (and scales the
  survivors by 1/(1-p)), so no unit can rely on another; its line stays closer to y = x.

Both start from the same initial weights (Dropout has no weights, so seeding before each build
gives the same numbers) and both use Adam lr 0.01 on the whole training set for 500 steps.

train() vs eval(): in ``model.train()`` mode Dropout draws a fresh random mask at every forward
pass, so the same input gives a different, noisy answer each time; ``model.eval()`` switches the
masks off (every unit is kept, nothing is rescaled) and the answer is deterministic. Test losses
and the drawn lines use eval(); the picture also keeps one train()-mode prediction to compare.

The course puts Dropout before the ReLU; :func:`core.models.build_mlp` puts it after. For ReLU the
two are the same numbers: relu(m·z/(1-p)) = m·relu(z)/(1-p) for a mask m of 0s and 1s.
"""
from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Iterator

import numpy as np
import torch
from torch import nn

from core import codegen
from core.config import DEVICE_CHOICES, param
from core.devices import resolve_device
from core.models import build_mlp, mlp_source
from core.registry import Task
from core.snapshots import Snapshot, divergence

NETS = ("overfit", "dropout")
CURVE_POINTS = 100  # x positions of the drawn lines
FRAME_EVERY = 10  # the course redraws every 10 steps


@dataclass(frozen=True)
class DropoutConfig:
    dropout: float = param(0.5, lo=0.0, hi=0.9, help="probability of zeroing a hidden unit")
    hidden: int = param(300, lo=10, hi=1000, help="units in each of the two hidden layers")
    points: int = param(20, lo=5, hi=500, help="training points (and as many test points)")
    noise: float = param(0.3, lo=0.0, hi=1.0, help="y = x + noise·N(0, 1)")
    lr: float = param(0.01, lo=1e-4, hi=1.0, log=True, help="Adam learning rate, both nets")
    steps: int = param(500, lo=1, hi=5000, help="Adam steps on the whole training set")
    # Dropout does not win on every draw of 20 noisy points: at these defaults its test loss
    # ends below the overfit net's for 7 of seeds 0-9 (not for 1, 4 and 7). Seed 0 is one of 7.
    seed: int = param(0, lo=0, hi=2**31 - 1, help="data, initial weights and dropout masks")
    device: str = param("cpu", choices=DEVICE_CHOICES)


def make_dropout_data(n_points: int, noise: float, generator: torch.Generator):
    """The course's data: train and test on the same x = linspace(-1, 1), independent noise."""
    x = torch.linspace(-1, 1, n_points).unsqueeze(1)  # (N, 1)
    y = x + noise * torch.normal(torch.zeros(n_points, 1), 1.0, generator=generator)
    test_x = torch.linspace(-1, 1, n_points).unsqueeze(1)
    test_y = test_x + noise * torch.normal(torch.zeros(n_points, 1), 1.0, generator=generator)
    return x, y, test_x, test_y


def make_data(cfg: DropoutConfig) -> tuple[torch.Tensor, ...]:
    generator = torch.Generator().manual_seed(cfg.seed)
    device = resolve_device(cfg.device)
    return tuple(t.to(device) for t in make_dropout_data(cfg.points, cfg.noise, generator))


def make_nets(cfg: DropoutConfig) -> dict[str, nn.Sequential]:
    """The two nets, with the same initial weights; the dropout net also has Dropout(p)."""
    device = resolve_device(cfg.device)
    torch.manual_seed(cfg.seed)
    overfit = build_mlp(1, (cfg.hidden,) * 2, 1, "relu").to(device)
    torch.manual_seed(cfg.seed)  # again: Dropout adds no weights, so the weights are the same
    dropped = build_mlp(1, (cfg.hidden,) * 2, 1, "relu", cfg.dropout).to(device)
    return {"overfit": overfit, "dropout": dropped}


def curve_x() -> np.ndarray:
    return np.linspace(-1, 1, CURVE_POINTS, dtype=np.float32)


def _picture(nets: dict[str, nn.Module], grid: torch.Tensor, step: int) -> dict[str, list[float]]:
    """Both fitted lines in eval() mode, and the dropout net once in train() mode.

    The train()-mode forward pass draws dropout masks; it runs inside ``fork_rng`` with its own
    seed so that the training's random numbers (and so the script's) are left untouched.
    """
    with torch.no_grad():
        for net in nets.values():
            net.eval()
        picture = {name: net(grid).view(-1).cpu().tolist() for name, net in nets.items()}
        for net in nets.values():
            net.train()
        devices = [grid.device] if grid.device.type == "cuda" else []
        with torch.random.fork_rng(devices=devices):
            torch.manual_seed(step)
            picture["dropout_train_mode"] = nets["dropout"](grid).view(-1).cpu().tolist()
    return picture


def train(cfg: DropoutConfig) -> Iterator[Snapshot]:
    """One Snapshot per step. Scalars: each net's training loss (as trained: dropout on) and its
    test loss in eval() mode after the step. Fitted lines every 10 steps, first and last."""
    x, y, test_x, test_y = make_data(cfg)
    nets = make_nets(cfg)
    optimizers = {name: torch.optim.Adam(net.parameters(), lr=cfg.lr) for name, net in nets.items()}
    loss_fn = nn.MSELoss()
    grid = torch.from_numpy(curve_x()).unsqueeze(1).to(x.device)

    for step in range(1, cfg.steps + 1):
        # The course's order: both forward passes, both losses, then both updates.
        pred = {name: net(x) for name, net in nets.items()}
        losses = {name: loss_fn(pred[name], y) for name in NETS}
        for name in NETS:
            optimizers[name].zero_grad()
        for name in NETS:
            losses[name].backward()
        for name in NETS:
            optimizers[name].step()

        scalars = {f"{name}_train": losses[name].item() for name in NETS}
        with torch.no_grad():  # test loss in eval() mode: dropout off
            for name, net in nets.items():
                net.eval()
                scalars[f"{name}_test"] = loss_fn(net(test_x), test_y).item()
                net.train()
        # named as in the message: "the overfit train loss became nan"
        stop = divergence(step, {f"{k.replace('_', ' ')} loss": v for k, v in scalars.items()})
        if stop is not None:
            yield Snapshot(step, cfg.steps, scalars, divergence=stop)
            return
        last = step == cfg.steps
        picture = _picture(nets, grid, step) if (step == 1 or step % FRAME_EVERY == 0 or last) else None
        # the weights (2 × 90k numbers) only once, at the end: for the .pt download
        weights = {name: {k: v.detach().cpu().clone() for k, v in net.state_dict().items()}
                   for name, net in nets.items()} if last else None
        yield Snapshot(step, cfg.steps, scalars, picture=picture, weights=weights)


def result(cfg: DropoutConfig, last: Snapshot) -> dict:
    s = last.scalars
    return {
        "final_loss": {name: s[f"{name}_train"] for name in NETS},
        "test_loss": {name: s[f"{name}_test"] for name in NETS},
        "steps": last.step,
    }


def report(cfg: DropoutConfig, last: Snapshot) -> str:
    r = result(cfg, last)
    lines = [f"after {last.step} steps      train loss   test loss"]
    for name in NETS:
        lines.append(f"  {name:<8}          {r['final_loss'][name]:.6f}    {r['test_loss'][name]:.6f}")
    return "\n".join(lines)


# ----------------------------------------------------------------------------- the script
_TRAINING = """\
test_ofit = test_drop = float('nan')  # measured every few steps below
for step in range(1, STEPS + 1):
    pred_ofit = net_overfitting(x)
    pred_drop = net_dropped(x)  # train() mode: a fresh dropout mask every pass
    loss_ofit = loss_fn(pred_ofit, y)
    loss_drop = loss_fn(pred_drop, y)
    optimizer_ofit.zero_grad()
    optimizer_drop.zero_grad()
    loss_ofit.backward()
    loss_drop.backward()
    optimizer_ofit.step()
    optimizer_drop.step()
    if not (math.isfinite(loss_ofit.item()) and math.isfinite(loss_drop.item())):
        print(f"diverged at step {step}; try a smaller learning rate")
        break
    if step % REPORT_EVERY == 0 or step == STEPS:
        net_overfitting.eval()  # eval(): dropout off for testing
        net_dropped.eval()
        with torch.no_grad():
            test_ofit = loss_fn(net_overfitting(test_x), test_y).item()
            test_drop = loss_fn(net_dropped(test_x), test_y).item()
        net_overfitting.train()  # back to train() mode
        net_dropped.train()
        print(f"step {step:4d}  test loss: overfitting {test_ofit:.6f}  dropout {test_drop:.6f}")
"""

_RESULTS = """\
print("test_loss", json.dumps({"overfit": test_ofit, "dropout": test_drop}))
print("final_loss", json.dumps({"overfit": loss_ofit.item(), "dropout": loss_drop.item()}))
"""


def code(cfg: DropoutConfig) -> str:
    """A standalone script: the course's two nets, trained with the same float operations."""
    values = {"SEED": cfg.seed, "STEPS": cfg.steps, "REPORT_EVERY": max(1, cfg.steps // 10),
              "POINTS": cfg.points, "NOISE": cfg.noise, "LR": cfg.lr,
              "DEVICE": codegen.device(cfg)}
    data = (codegen.embed(make_dropout_data) + "\n\n\n"
            "generator = torch.Generator().manual_seed(SEED)\n"
            "x, y, test_x, test_y = make_dropout_data(POINTS, NOISE, generator)\n"
            "x, y, test_x, test_y = x.to(DEVICE), y.to(DEVICE), test_x.to(DEVICE), test_y.to(DEVICE)\n")
    nets = ("torch.manual_seed(SEED)\n"
            f"net_overfitting = {mlp_source(1, (cfg.hidden,) * 2, 1, 'relu')}.to(DEVICE)\n"
            "torch.manual_seed(SEED)  # Dropout has no weights: the same initial weights again\n"
            f"net_dropped = {mlp_source(1, (cfg.hidden,) * 2, 1, 'relu', cfg.dropout)}.to(DEVICE)\n"
            "optimizer_ofit = torch.optim.Adam(net_overfitting.parameters(), lr=LR)\n"
            "optimizer_drop = torch.optim.Adam(net_dropped.parameters(), lr=LR)\n"
            "loss_fn = nn.MSELoss()\n")
    parts = [
        ("settings", codegen.settings(["import json", "import math", "", "import torch",
                                       "from torch import nn"], values)),
        ("data: the playground's own function", data),
        ("two nets with the same initial weights; one drops units", nets),
        ("training: the whole training set every step", _TRAINING),
        ("results", _RESULTS),
    ]
    return codegen.script(f"Dropout vs overfitting: two 1 → {cfg.hidden} → {cfg.hidden} → 1 nets "
                          f"on {cfg.points} noisy points.", "dropout", cfg, parts)


TASK = Task(
    name="dropout",
    summary="two 1→300→300→1 nets on 20 noisy points, with and without Dropout(0.5), Adam 0.01",
    config=DropoutConfig,
    train=train,
    result=result,
    code=code,
    report=report,
    metrics=("test_loss.dropout", "test_loss.overfit", "final_loss.dropout", "final_loss.overfit"),
)
