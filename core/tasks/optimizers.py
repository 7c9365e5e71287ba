"""Optimizers race: SGD, Momentum, RMSprop, Adam and Adagrad on the same problem.

The course's experiment, made fair on purpose:

* one dataset, y = x² + 0.1·N(0, 1) on 1000 points of [-1, 1];
* one network Net(1 → 20 → 1) built once from the seed and deep-copied for every optimizer, so
  every optimizer starts from the very same weights;
* one stream of shuffled mini-batches (32 points, a fresh shuffle each epoch, the last batch of an
  epoch is the 8 leftover points, as the course's DataLoader), and every optimizer takes a step on
  the same batch before the next batch is drawn.

So the only difference between the curves is the update rule. At step 1 every network sees the
same batch with the same weights: the five first losses are equal, to the last bit.

Divergence: a race goes on when one runner falls. An optimizer whose loss becomes NaN/inf drops
out (its curve ends there and the snapshot says so in ``extra["dropped"]``); the others keep
training. Only when every enabled optimizer has diverged does the run end with a Divergence.
"""
from __future__ import annotations

import copy
import dataclasses
import math
from dataclasses import dataclass
from collections.abc import Iterator

import numpy as np
import torch
from torch import nn

from core import codegen
from core.config import DEVICE_CHOICES, ConfigError, param
from core.data import make_optimizer_data
from core.devices import resolve_device
from core.models import build_mlp, mlp_source
from core.optim import OPTIMIZERS, make_optimizer, optimizer_source
from core.registry import Task
from core.snapshots import Snapshot, divergence
from core.train import batch_indices, weights_vector

CURVE_POINTS = 60  # x positions where each network's fitted curve is recorded at frame steps
MAX_FRAMES = 100  # fitted curves are kept for at most this many steps of a run


@dataclass(frozen=True)
class OptimizersConfig:
    optimizers: tuple[str, ...] = param(OPTIMIZERS, choices=OPTIMIZERS,
                                        help="which optimizers race (the course: the first four)")
    lr: float = param(0.01, lo=1e-4, hi=10.0, log=True, help="learning rate, the same for all")
    batch_size: int = param(32, lo=1, hi=1000, help="points per mini-batch")
    epochs: int = param(12, lo=1, hi=100, help="passes over the 1000 points")
    hidden: int = param(20, lo=1, hi=256, help="units of the hidden layer: Net(1 → hidden → 1)")
    momentum: float = param(0.8, lo=0.0, hi=0.99, help="Momentum: SGD(momentum=...)")
    rmsprop_alpha: float = param(0.9, lo=0.0, hi=0.999,
                                 help="RMSprop: decay of the running mean of squared gradients")
    adam_beta1: float = param(0.9, lo=0.0, hi=0.999, help="Adam: decay of the gradient mean")
    adam_beta2: float = param(0.99, lo=0.0, hi=0.9999,
                              help="Adam: decay of the squared-gradient mean")
    points: int = param(1000, lo=10, hi=10000, help="the course: 1000")
    # At these defaults every curve falls for seeds 0-9, and Adam and RMSprop end below SGD for
    # 9 of them (seed 4: RMSprop 0.027 vs SGD 0.022). Seed 0 is one of the 9.
    seed: int = param(0, lo=0, hi=2**31 - 1,
                      help="data, batch order and the shared initial weights")
    device: str = param("cpu", choices=DEVICE_CHOICES)

    def check(self) -> None:
        if len(set(self.optimizers)) != len(self.optimizers):
            raise ConfigError("optimizers: each optimizer may appear once")

    @property
    def steps_per_epoch(self) -> int:
        return math.ceil(self.points / self.batch_size)  # the last batch may be short

    @property
    def steps(self) -> int:
        return self.epochs * self.steps_per_epoch

    @property
    def enabled(self) -> tuple[str, ...]:
        """The enabled optimizers, always in the course's order (SGD first)."""
        return tuple(name for name in OPTIMIZERS if name in self.optimizers)


def build_optimizers(cfg: OptimizersConfig, nets: dict[str, nn.Module]) -> dict[str, torch.optim.Optimizer]:
    """One torch optimizer per network, with the settings' hyperparameters."""
    return {
        name: make_optimizer(name, net.parameters(), cfg.lr, momentum=cfg.momentum,
                             alpha=cfg.rmsprop_alpha, betas=(cfg.adam_beta1, cfg.adam_beta2))
        for name, net in nets.items()
    }


def make_nets(cfg: OptimizersConfig) -> dict[str, nn.Module]:
    """One seeded Net(1 → hidden → 1), deep-copied: every optimizer starts from the same weights."""
    torch.manual_seed(cfg.seed)
    base = build_mlp(1, (cfg.hidden,), 1, "relu").to(resolve_device(cfg.device))
    return {name: copy.deepcopy(base) for name in cfg.enabled}


def make_data(cfg: OptimizersConfig) -> tuple[torch.Tensor, torch.Tensor, torch.Generator]:
    """The course's points; the same generator then shuffles the mini-batches."""
    generator = torch.Generator().manual_seed(cfg.seed)
    x, y = make_optimizer_data(generator, cfg.points)
    device = resolve_device(cfg.device)
    return x.to(device), y.to(device), generator


def curve_x() -> np.ndarray:
    return np.linspace(-1, 1, CURVE_POINTS, dtype=np.float32)


@torch.no_grad()
def _curves(nets: dict[str, nn.Module], grid: torch.Tensor) -> dict[str, dict]:
    """The picture: each network's fitted curve on the grid."""
    return {"curves": {name: net(grid).view(-1).cpu().tolist() for name, net in nets.items()}}


def _weights(nets: dict[str, nn.Module]) -> dict[str, torch.Tensor]:
    """Each network's weights as one flat vector (61 numbers at hidden 20)."""
    return {name: weights_vector(net) for name, net in nets.items()}


def state_dicts(cfg: OptimizersConfig, weights: dict[str, torch.Tensor]) -> dict[str, dict[str, torch.Tensor]]:
    """{optimizer: state_dict} of a snapshot's weights: what the .pt download holds."""
    out = {}
    for name, vector in weights.items():
        net = build_mlp(1, (cfg.hidden,), 1, "relu")
        torch.nn.utils.vector_to_parameters(vector, net.parameters())
        out[name] = net.state_dict()
    return out


def train(cfg: OptimizersConfig) -> Iterator[Snapshot]:
    """One Snapshot per mini-batch step; scalars: each racing optimizer's batch loss.

    The loss is the batch's loss before the update, as the course records it. At frame steps
    the picture holds each network's fitted curve on :func:`curve_x` (60 numbers per network)
    and its weights.
    The last snapshot's ``extra["full_loss"]`` is each network's MSE on all the points.
    """
    x, y, generator = make_data(cfg)
    nets = make_nets(cfg)
    optimizers = build_optimizers(cfg, nets)
    loss_fn = nn.MSELoss()
    batches = batch_indices(len(x), cfg.batch_size, generator)
    grid = torch.from_numpy(curve_x()).unsqueeze(1).to(x.device)
    every_frame = max(1, math.ceil(cfg.steps / MAX_FRAMES))
    dropped: dict[str, int] = {}  # optimizer -> the step where its loss stopped being finite
    first_stop = None  # the Divergence of the first optimizer to drop out

    for step in range(1, cfg.steps + 1):
        idx = next(batches)  # the same batch for every optimizer
        xb, yb = x[idx], y[idx]
        scalars: dict[str, float] = {}
        for name in list(nets):
            loss = loss_fn(nets[name](xb), yb)
            optimizers[name].zero_grad()
            loss.backward()
            optimizers[name].step()
            value = loss.item()
            stop = divergence(step, {f"{name} loss": value})
            if stop is None:
                scalars[name] = value
            else:  # this runner is out; the others go on
                first_stop = first_stop or stop
                dropped[name] = step
                del nets[name], optimizers[name]
        extra = {"dropped": dict(dropped)} if dropped else {}
        if not nets:  # everyone diverged: the run ends here, named after the first to fall
            yield Snapshot(step, cfg.steps, scalars, extra=extra,
                           divergence=dataclasses.replace(first_stop, step=step))
            return
        last = step == cfg.steps
        picture = weights = None
        if step == 1 or step % every_frame == 0 or last:
            picture, weights = _curves(nets, grid), _weights(nets)
        if last:
            with torch.no_grad():
                full = {name: loss_fn(net(x), y).item() for name, net in nets.items()}
            for name, value in full.items():
                if divergence(step, {name: value}):  # the last update broke the weights
                    dropped[name] = step
            extra = {"full_loss": full, **({"dropped": dict(dropped)} if dropped else {})}
        yield Snapshot(step, cfg.steps, scalars, picture=picture, weights=weights, extra=extra)


def result(cfg: OptimizersConfig, last: Snapshot) -> dict:
    """``final_loss``: each optimizer's MSE on all the points after training (NaN if it dropped
    out), or its last batch loss when the run was stopped early; ``last_batch_loss`` as the
    course's curve ends."""
    dropped = last.extra.get("dropped", {})
    full = last.extra.get("full_loss", {})
    final, batch = {}, {}
    for name in cfg.enabled:
        batch[name] = last.scalars.get(name, float("nan"))
        final[name] = float("nan") if name in dropped else full.get(name, batch[name])
    out = {"final_loss": final, "last_batch_loss": batch, "steps": last.step}
    if dropped:
        out["dropped"] = dropped
    return out


def report(cfg: OptimizersConfig, last: Snapshot) -> str:
    lines = [f"{cfg.steps} steps ({cfg.epochs} epochs of {cfg.steps_per_epoch} batches), "
             "final MSE on all points:"]
    res = result(cfg, last)
    for name, value in sorted(res["final_loss"].items(), key=lambda kv: (math.isnan(kv[1]), kv[1])):
        note = f"  (diverged at step {res['dropped'][name]})" if name in res.get("dropped", {}) else ""
        lines.append(f"  {name:<9} {value:.6f}{note}")
    return "\n".join(lines)


# ----------------------------------------------------------------------------- the script
_DATA = """\
generator = torch.Generator().manual_seed(SEED)  # data randomness, then batch order
x, y = make_optimizer_data(generator, POINTS)
x, y = x.to(DEVICE), y.to(DEVICE)
batches = batch_indices(len(x), BATCH_SIZE, generator)  # reshuffled every epoch
"""

_RACE = """\
for step in range(1, STEPS + 1):
    idx = next(batches)
    xb, yb = x[idx], y[idx]
    losses = {}  # this step's batch loss per optimizer
    for name in list(nets):
        loss = loss_fn(nets[name](xb), yb)
        optimizers[name].zero_grad()
        loss.backward()
        optimizers[name].step()
        if not math.isfinite(loss.item()):  # this one diverged: it drops out
            print(f"{name} diverged at step {step}; try a smaller learning rate")
            del nets[name], optimizers[name]
        else:
            losses[name] = loss.item()
    if step % REPORT_EVERY == 0:
        print(f"step {step:5d}  " + "  ".join(f"{n} {l:.4f}" for n, l in losses.items()))
    if not nets:
        break
"""

_RESULTS = """\
final_loss = {}
for name in RACERS:
    final_loss[name] = None  # diverged (JSON has no NaN)
    if name in nets:
        with torch.no_grad():
            value = loss_fn(nets[name](x), y).item()
        if math.isfinite(value):
            final_loss[name] = value
    print(f"{name:<9} {final_loss[name]}")
print("final_loss", json.dumps(final_loss))
"""


def code(cfg: OptimizersConfig) -> str:
    """A standalone script racing the same optimizers with the same float operations."""
    betas = (cfg.adam_beta1, cfg.adam_beta2)
    opt_lines = "\n".join(
        f"    {name!r}: "
        + optimizer_source(name, cfg.lr, params=f"nets[{name!r}].parameters()",
                           momentum=cfg.momentum, alpha=cfg.rmsprop_alpha, betas=betas) + ","
        for name in cfg.enabled)
    values = {"SEED": cfg.seed, "POINTS": cfg.points, "BATCH_SIZE": cfg.batch_size,
              "EPOCHS": cfg.epochs,
              "STEPS": codegen.Code("EPOCHS * math.ceil(POINTS / BATCH_SIZE)"
                                    "  # the last batch of an epoch may be short"),
              "REPORT_EVERY": max(1, cfg.steps // 10), "RACERS": list(cfg.enabled),
              "DEVICE": codegen.device(cfg)}
    imports = ["import copy", "import json", "import math", "", "import torch", "from torch import nn"]
    nets = ("torch.manual_seed(SEED)\n"
            f"base = {mlp_source(1, (cfg.hidden,), 1, 'relu')}.to(DEVICE)\n"
            "nets = {name: copy.deepcopy(base) for name in RACERS}\n"
            "optimizers = {\n" + opt_lines + "\n}\n"
            "loss_fn = nn.MSELoss()\n")
    parts = [
        ("settings", codegen.settings(imports, values)),
        ("data: the playground's own functions",
         codegen.embed(make_optimizer_data, batch_indices) + "\n\n\n" + _DATA),
        ("one network, copied: every optimizer starts from the same weights", nets),
        ("the race: every optimizer steps on the same batch", _RACE),
        ("results: each network's MSE on all the points", _RESULTS),
    ]
    return codegen.script("Optimizers race: the same net, the same batches, different update rules.",
                          "optimizers", cfg, parts)


TASK = Task(
    name="optimizers",
    summary="race SGD, Momentum, RMSprop, Adam, Adagrad on y = x² + noise, Net(1→20→1), 12 epochs",
    config=OptimizersConfig,
    train=train,
    result=result,
    code=code,
    report=report,
    metrics=tuple(f"{kind}.{name}" for kind in ("final_loss", "last_batch_loss")
                  for name in OPTIMIZERS),
)
