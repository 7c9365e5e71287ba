"""Save & restore: train the course's Net(1 → 10 → 1), save it two ways, restore both.

The course trains ``net1`` (SGD 0.5, 100 steps on y = x² + 0.2·U(0, 1)), then

* ``torch.save(net1, 'net.pkl')``: the whole model, restored as ``net2 = torch.load(...)``;
* ``torch.save(net1.state_dict(), 'net_params.pkl')``: only the weights, loaded into a freshly
  built ``net3``,

and draws the three fitted lines side by side: they are the same line. Here the files are bytes
in memory; the state_dict is restored through the same safe loader as an uploaded file.
"""
from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Iterator

import numpy as np
import torch
from torch import nn

from core import codegen
from core.checkpoint_io import (default_load_refuses_whole_model, load_state_dict_upload,
                                load_whole_model_trusted, save_state_dict, save_whole_model)
from core.config import param
from core.models import build_mlp, mlp_source
from core.registry import Task
from core.snapshots import Snapshot
from core.supervised import build_model, build_optimizer
from core.tasks import regression
from core.tasks.regression import RegressionConfig, make_data
from core.train import supervised_run

NETS = ("net1", "net2", "net3")  # trained, restored whole, restored from the state_dict


@dataclass(frozen=True)
class SaveRestoreConfig(RegressionConfig):
    # The course's values for this lesson (the rest as on the Regression page).
    lr: float = param(0.5, lo=1e-4, hi=10.0, log=True, help="learning rate")
    steps: int = param(100, lo=1, hi=5000, help="optimizer updates")


@dataclass
class Restored:
    """What saving and restoring produced (kept on the last snapshot's ``extra``)."""

    whole_model: bytes  # torch.save(net1)
    state_dict: bytes  # torch.save(net1.state_dict())
    x: np.ndarray  # (N,) the training points' x
    predictions: dict[str, np.ndarray]  # net name -> (N,) predictions at x
    whole_equal: bool  # net2's predictions == net1's, bit for bit
    state_dict_equal: bool  # net3's predictions == net1's
    default_load_refuses_whole_model: bool  # plain torch.load (weights_only=True) says no


def fresh_model(cfg: SaveRestoreConfig) -> nn.Module:
    """The architecture alone, as code (the course's ``net3``): what a state_dict is loaded into."""
    return build_mlp(1, cfg.hidden, 1, cfg.activation, cfg.dropout)


@torch.no_grad()
def _predict(model: nn.Module, x: torch.Tensor) -> torch.Tensor:
    model.eval()  # dropout (if any) off: the three nets must compute the same function
    return model(x).cpu()


def predict_curve(model: nn.Module, xs: np.ndarray) -> np.ndarray:
    """A (restored or uploaded) net's line over ``xs`` (N,), in eval mode on the CPU."""
    x = torch.from_numpy(np.asarray(xs, dtype=np.float32)).unsqueeze(1)
    return _predict(model.cpu(), x).squeeze(1).numpy()


def mse_on(model: nn.Module, x: np.ndarray, y: np.ndarray) -> float:
    """Mean squared error of ``model`` on points (N,), (N,): how well uploaded weights fit."""
    prediction = predict_curve(model, x)
    return float(np.mean((prediction.astype(np.float64) - np.asarray(y, np.float64)) ** 2))


def save_and_restore(cfg: SaveRestoreConfig, net1: nn.Module, x: torch.Tensor) -> Restored:
    """Save ``net1`` both ways, restore ``net2`` (whole) and ``net3`` (state_dict), predict x."""
    whole = save_whole_model(net1)
    params = save_state_dict(net1)
    # All three on net1's device: the same kernels, so "equal" can mean bit for bit.
    net2 = load_whole_model_trusted(whole).to(x.device)  # our own bytes, just written: trusted
    net3 = fresh_model(cfg).to(x.device)
    outcome = load_state_dict_upload(params, net3)
    if not outcome.ok:  # cannot happen for our own file; say so loudly if it ever does
        raise RuntimeError(f"restoring our own state_dict failed: {outcome.message}")
    preds = {"net1": _predict(net1, x), "net2": _predict(net2, x), "net3": _predict(net3, x)}
    net1.train()
    x_cpu = x.cpu()
    return Restored(
        whole_model=whole,
        state_dict=params,
        x=x_cpu.squeeze(1).numpy(),
        predictions={k: v.squeeze(1).numpy() for k, v in preds.items()},
        whole_equal=torch.equal(preds["net1"], preds["net2"]),
        state_dict_equal=torch.equal(preds["net1"], preds["net3"]),
        default_load_refuses_whole_model=default_load_refuses_whole_model(whole),
    )


def train(cfg: SaveRestoreConfig) -> Iterator[Snapshot]:
    """The Regression page's loop with these settings; the last snapshot also carries the save."""
    data, generator = make_data(cfg)
    model = build_model(cfg, 1, 1)
    optimizer = build_optimizer(cfg, model)
    for snapshot in supervised_run(model, nn.MSELoss(), optimizer, data, steps=cfg.steps,
                                   batch_size=cfg.batch_size, generator=generator, l1=cfg.l1):
        if snapshot.done and snapshot.divergence is None:
            snapshot.extra["restored"] = save_and_restore(cfg, model, data.x_train)
        yield snapshot


def result(cfg: SaveRestoreConfig, last: Snapshot) -> dict:
    out = {"final_loss": last.scalars["train_loss"], "steps": last.step}
    restored: Restored | None = last.extra.get("restored")
    if restored is not None:
        out.update({
            "whole_model_equal": restored.whole_equal,
            "state_dict_equal": restored.state_dict_equal,
            "whole_model_bytes": len(restored.whole_model),
            "state_dict_bytes": len(restored.state_dict),
            "default_load_refuses_whole_model": restored.default_load_refuses_whole_model,
        })
    return out


def report(cfg: SaveRestoreConfig, last: Snapshot) -> str:
    restored: Restored | None = last.extra.get("restored")
    if restored is None:
        return "nothing saved: the run did not finish"
    same = {True: "identical", False: "DIFFERENT"}
    return "\n".join([
        f"torch.save(net1)              {len(restored.whole_model):6d} bytes",
        f"torch.save(net1.state_dict()) {len(restored.state_dict):6d} bytes",
        f"net2 = torch.load(whole model, weights_only=False): predictions {same[restored.whole_equal]}",
        f"net3.load_state_dict(torch.load(state_dict, weights_only=True)): predictions "
        f"{same[restored.state_dict_equal]}",
        "plain torch.load(whole model) with the default weights_only=True: "
        + ("refused" if restored.default_load_refuses_whole_model else "loaded"),
    ])


def code(cfg: SaveRestoreConfig) -> str:
    """The Regression script for these settings, then the course's save / restore / compare."""
    architecture = mlp_source(1, cfg.hidden, 1, cfg.activation, cfg.dropout)
    save_part = (
        'torch.save(model, "net.pkl")  # the whole model: its class and its weights, pickled\n'
        'torch.save(model.state_dict(), "net_params.pkl")  # only the weights (a dict of tensors)\n'
        "\n"
        "# A whole-model pickle can run code while it loads: weights_only=False only for a file\n"
        "# you made yourself (the default, weights_only=True, refuses it).\n"
        'net2 = torch.load("net.pkl", weights_only=False)\n'
        f"net3 = {architecture}.to(DEVICE)\n"
        'net3.load_state_dict(torch.load("net_params.pkl", weights_only=True))\n'
        "\n"
        "net2.eval()\n"
        "net3.eval()\n"
        "with torch.no_grad():\n"
        "    p1, p2, p3 = model(x_train), net2(x_train), net3(x_train)\n"
        'print("net2 (whole model) predicts the same:", torch.equal(p1, p2))\n'
        'print("net3 (state_dict) predicts the same: ", torch.equal(p1, p3))\n'
    )
    *training, results = regression.code_parts(cfg)
    parts = [*training, ("save two ways, restore both (the course's save / restore_net / "
                         "restore_params)", save_part), results]  # the final loss prints last
    return codegen.script("Save & restore: train a small network, save it two ways, restore both.",
                          "save_restore", cfg, parts)


TASK = Task(
    name="save_restore",
    summary="train Net(1→10→1) (SGD 0.5, 100 steps), save whole model + state_dict, restore both",
    config=SaveRestoreConfig,
    train=train,
    result=result,
    code=code,
    report=report,
)
