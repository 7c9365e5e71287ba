"""Regression: fit a noisy curve with a small network (the course's Net(1 → 10 → 1), SGD 0.2)."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np
import torch
from torch import nn

from core import codegen, own_data
from core.config import ConfigError, param
from core.data import REGRESSION_TARGETS, make_regression, split_train_test
from core.devices import resolve_device
from core.own_data import OwnData
from core.registry import Task
from core.snapshots import Snapshot
from core.supervised import NetworkSettings, build_model, build_optimizer, predict_from_weights
from core.train import SupervisedData, supervised_run


@dataclass(frozen=True)
class RegressionConfig(NetworkSettings):
    target: str = param("square", choices=REGRESSION_TARGETS, help="the curve to fit")
    points: int = param(100, lo=10, hi=2000)
    noise: float = param(0.2, lo=0.0, hi=1.0, help="y = f(x) + noise·U(0, 1)")
    test_fraction: float = param(0.0, lo=0.0, hi=0.5, help="the course fits all 100 points")
    # The course's values for the shared settings:
    lr: float = param(0.2, lo=1e-4, hi=10.0, log=True, help="learning rate")
    steps: int = param(200, lo=1, hi=5000, help="optimizer updates")
    # Your own points instead of the curve (CLI --data, or the page's upload/draw); data, not a
    # setting: never in a URL. target, points and noise are then unused.
    own: OwnData | None = field(default=None)

    @property
    def n_points(self) -> int:
        return self.points if self.own is None else len(self.own)

    def check(self) -> None:
        super().check()
        if self.n_points - round(self.test_fraction * self.n_points) < 2:
            raise ConfigError("test_fraction leaves fewer than 2 training points")


@dataclass(frozen=True)
class RegressionProblem:
    """Everything a picture needs besides the weights: the points and the curve's x grid."""

    x_train: np.ndarray  # (N,)
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    curve_x: np.ndarray  # (200,) where the fitted line is drawn


def builtin_points(cfg: RegressionConfig) -> OwnData:
    """The built-in curve's points as OwnData: to export them, or to start a drawing (the
    points on screen: drawn from the data seed, like :func:`make_data`'s)."""
    x, y = make_regression(cfg.points, cfg.target, cfg.noise,
                           torch.Generator().manual_seed(cfg.data_seed))
    return own_data.regression_from_points(x.numpy(), y.numpy(), f"regression_{cfg.target}.csv")


def make_data(cfg: RegressionConfig) -> tuple[SupervisedData, torch.Generator]:
    """Same seed -> same points (and the generator continues into mini-batch shuffling)."""
    generator = torch.Generator().manual_seed(cfg.data_seed)
    if cfg.own is not None:
        x, y = cfg.own.points()
    else:
        x, y = make_regression(cfg.points, cfg.target, cfg.noise, generator)
    if cfg.test_fraction > 0:
        x_train, y_train, x_test, y_test = split_train_test(x, y, cfg.test_fraction, generator)
    else:
        x_train, y_train, x_test, y_test = x, y, x[:0], y[:0]  # no test points
    device = resolve_device(cfg.device)
    tensors = (t.to(device) for t in (x_train, y_train, x_test, y_test))
    return SupervisedData(*tensors), generator


def problem(cfg: RegressionConfig) -> RegressionProblem:
    data, _ = make_data(cfg)
    x_train, y_train, x_test, y_test = (t.detach().cpu().numpy().ravel()  # (N, 1) -> (N,)
                                        for t in (data.x_train, data.y_train, data.x_test, data.y_test))
    low, high = -1.0, 1.0  # the built-in curves live on [-1, 1]
    if cfg.own is not None:  # your own x may be anywhere: the line spans the data, and a bit
        xs = np.concatenate((x_train, x_test))
        margin = 0.05 * float(xs.max() - xs.min())
        low, high = float(xs.min()) - margin, float(xs.max()) + margin
    return RegressionProblem(x_train, y_train, x_test, y_test,
                             np.linspace(low, high, 200, dtype=np.float32))


def fitted_curve(cfg: RegressionConfig, weights: torch.Tensor, xs: np.ndarray) -> np.ndarray:
    """The network's prediction on ``xs`` for a weights snapshot: the red line of the course."""
    x = torch.from_numpy(np.asarray(xs, dtype=np.float32)).unsqueeze(1)
    return predict_from_weights(cfg, 1, 1, weights, x).squeeze(1).numpy()


def train(cfg: RegressionConfig) -> Iterator[Snapshot]:
    data, generator = make_data(cfg)
    model = build_model(cfg, 1, 1)
    optimizer = build_optimizer(cfg, model)
    yield from supervised_run(model, nn.MSELoss(), optimizer, data, steps=cfg.steps,
                              batch_size=cfg.batch_size, generator=generator, l1=cfg.l1)


def result(cfg: RegressionConfig, last: Snapshot) -> dict:
    out = {"final_loss": last.scalars["train_loss"], "steps": last.step}
    if cfg.own is not None:
        out["data"] = cfg.own.describe()
    for key in ("final_train_loss", "test_loss"):
        if key in last.scalars:
            out[key] = last.scalars[key]
    return out


def script_data(cfg: RegressionConfig) -> tuple[list, str]:
    """The data part of a generated script: the functions to embed and the lines calling them."""
    if cfg.own is not None:
        functions, data_lines = own_data.script_data(cfg.own)
    else:
        data_lines = (f"x, y = make_regression({cfg.points}, {cfg.target!r}, {cfg.noise!r}, "
                      "generator)\n")
        functions = [make_regression]
    if cfg.test_fraction > 0:
        functions.append(split_train_test)
        data_lines += (f"x_train, y_train, x_test, y_test = split_train_test(x, y, "
                       f"{cfg.test_fraction!r}, generator)\n"
                       "x_test, y_test = x_test.to(DEVICE), y_test.to(DEVICE)\n")
    else:
        data_lines += "x_train, y_train = x, y  # the course fits every point\n"
    data_lines += "x_train, y_train = x_train.to(DEVICE), y_train.to(DEVICE)\n"
    return functions, data_lines


def code_parts(cfg: RegressionConfig) -> list[codegen.Part]:
    functions, data_lines = script_data(cfg)
    return codegen.mlp_parts(cfg, functions, data_lines, 1, 1,
                             "loss_fn = nn.MSELoss()  # mean squared error",
                             classify=False, has_test=cfg.test_fraction > 0)


def code(cfg: RegressionConfig) -> str:
    title = (f"Regression: fit your points ({cfg.own.source}) with a small network."
             if cfg.own is not None else
             f"Regression: fit y = {cfg.target}(x) + noise with a small network.")
    return codegen.script(title, "regression", cfg, code_parts(cfg))


TASK = Task(
    name="regression",
    summary="fit a noisy curve y = x² + 0.2·U(0,1) with Net(1→10→1), SGD 0.2, 200 steps",
    config=RegressionConfig,
    train=train,
    result=result,
    code=code,
    metrics=("final_loss", "test_loss"),
)
