"""Classification: separate point clouds (the course's two Gaussian blobs, Net(2 → 10 → 2))."""
from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Iterator

import numpy as np
import torch
from torch import nn

from core import codegen
from core.config import ConfigError, param
from core.data import (CLASSIFICATION_DATASETS, FEATURES, add_features, make_classification,
                       split_train_test)
from core.devices import resolve_device
from core.registry import Task
from core.snapshots import Snapshot
from core.supervised import (NetworkSettings, build_model, build_optimizer,
                             first_layer_from_weights, grid, predict_from_weights)
from core.train import SupervisedData, supervised_run


@dataclass(frozen=True)
class ClassificationConfig(NetworkSettings):
    dataset: str = param("blobs", choices=CLASSIFICATION_DATASETS)
    classes: int = param(2, lo=2, hi=4, help="number of spiral arms (the spiral only)")
    points: int = param(200, lo=20, hi=2000, help="the course: 100 per class")
    noise: float = param(0.5, lo=0.0, hi=2.0, help="0.5 gives the course's blobs, σ = 1")
    # The course trains on all 200 points; we hold 20% out to show generalization.
    test_fraction: float = param(0.2, lo=0.0, hi=0.5)
    features: tuple[str, ...] = param(("x1", "x2"), choices=FEATURES)
    # The course's values for the shared settings:
    lr: float = param(0.02, lo=1e-4, hi=10.0, log=True, help="learning rate")
    steps: int = param(100, lo=1, hi=5000, help="optimizer updates")

    @property
    def n_classes(self) -> int:
        return self.classes if self.dataset == "spiral" else 2

    def check(self) -> None:
        if len(set(self.features)) != len(self.features):
            raise ConfigError("features: each input may appear once")
        if self.points - round(self.test_fraction * self.points) < self.n_classes:
            raise ConfigError("test_fraction leaves too few training points")


@dataclass(frozen=True)
class ClassificationProblem:
    """The raw 2-D points (what is drawn) and the plot's extent."""

    x_train: np.ndarray  # (N, 2)
    y_train: np.ndarray  # (N,)
    x_test: np.ndarray
    y_test: np.ndarray
    extent: tuple[float, float, float, float]  # x0, x1, y0, y1
    n_classes: int


def _raw_points(cfg: ClassificationConfig):
    generator = torch.Generator().manual_seed(cfg.seed)
    x, y = make_classification(cfg.dataset, cfg.points, cfg.noise, generator, cfg.classes)
    if cfg.test_fraction > 0:
        split = split_train_test(x, y, cfg.test_fraction, generator)
    else:
        split = (x, y, x[:0], y[:0])
    return split, generator


def make_data(cfg: ClassificationConfig) -> tuple[SupervisedData, torch.Generator]:
    (x_train, y_train, x_test, y_test), generator = _raw_points(cfg)
    device = resolve_device(cfg.device)
    data = SupervisedData(add_features(x_train, cfg.features).to(device), y_train.to(device),
                          add_features(x_test, cfg.features).to(device), y_test.to(device))
    return data, generator


def problem(cfg: ClassificationConfig) -> ClassificationProblem:
    (x_train, y_train, x_test, y_test), _ = _raw_points(cfg)
    everything = torch.cat((x_train, x_test)).numpy()
    half = float(np.abs(everything).max()) * 1.1 + 0.5  # a square view centred on 0
    return ClassificationProblem(x_train.numpy(), y_train.numpy(), x_test.numpy(),
                                 y_test.numpy(), (-half, half, -half, half), cfg.n_classes)


def _grid_inputs(cfg: ClassificationConfig, extent, resolution: int) -> torch.Tensor:
    xs, ys = grid(extent, resolution)
    gx, gy = np.meshgrid(xs, ys)  # (res, res), row 0 = top of the picture
    points = torch.from_numpy(np.stack((gx.ravel(), gy.ravel()), 1))
    return add_features(points, cfg.features)


def class_probabilities(cfg: ClassificationConfig, weights: torch.Tensor, extent,
                        resolution: int = 100) -> np.ndarray:
    """Softmax over the plane: (res, res, classes) float32, row 0 at the top."""
    logits = predict_from_weights(cfg, len(cfg.features), cfg.n_classes, weights,
                                  _grid_inputs(cfg, extent, resolution))
    return torch.softmax(logits, 1).view(resolution, resolution, -1).numpy()


def neuron_maps(cfg: ClassificationConfig, weights: torch.Tensor, extent,
                resolution: int = 40) -> np.ndarray:
    """First hidden layer's activations over the plane: (hidden, res, res) float32."""
    act = first_layer_from_weights(cfg, len(cfg.features), cfg.n_classes, weights,
                                   _grid_inputs(cfg, extent, resolution))
    return act.T.reshape(-1, resolution, resolution).numpy()


def train(cfg: ClassificationConfig) -> Iterator[Snapshot]:
    data, generator = make_data(cfg)
    model = build_model(cfg, len(cfg.features), cfg.n_classes)
    optimizer = build_optimizer(cfg, model)
    yield from supervised_run(model, nn.CrossEntropyLoss(), optimizer, data, steps=cfg.steps,
                              batch_size=cfg.batch_size, generator=generator, classify=True)


def result(cfg: ClassificationConfig, last: Snapshot) -> dict:
    s = last.scalars
    out = {"final_loss": s["train_loss"], "steps": last.step}
    if "test_accuracy" in s:
        out["accuracy"] = s["test_accuracy"]
        out["test_loss"] = s["test_loss"]
    elif "final_train_accuracy" in s:
        out["accuracy"] = s["final_train_accuracy"]
    if "final_train_accuracy" in s:
        out["train_accuracy"] = s["final_train_accuracy"]
    return out


def code(cfg: ClassificationConfig) -> str:
    from core import data as data_module

    maker = data_module.CLASSIFICATION_MAKERS[cfg.dataset]
    has_test = cfg.test_fraction > 0
    classes_arg = f", {cfg.classes}" if cfg.dataset == "spiral" else ""
    functions = [maker]
    lines = f"x, y = {maker.__name__}({cfg.points}, {cfg.noise!r}, generator{classes_arg})\n"
    if has_test:
        functions.append(split_train_test)
        lines += (f"x_train, y_train, x_test, y_test = split_train_test(x, y, "
                  f"{cfg.test_fraction!r}, generator)\n")
    else:
        lines += "x_train, y_train = x, y  # the course trains on every point\n"
    if cfg.features != ("x1", "x2"):
        functions.append(add_features)
        lines += f"x_train = add_features(x_train, {cfg.features!r})  # extra input columns\n"
        if has_test:
            lines += f"x_test = add_features(x_test, {cfg.features!r})\n"
    lines += "x_train, y_train = x_train.to(DEVICE), y_train.to(DEVICE)\n"
    if has_test:
        lines += "x_test, y_test = x_test.to(DEVICE), y_test.to(DEVICE)\n"
    parts = codegen.mlp_parts(
        cfg, functions, lines, len(cfg.features), cfg.n_classes,
        "loss_fn = nn.CrossEntropyLoss()  # takes raw scores and class indices",
        classify=True, has_test=has_test)
    return codegen.script(f"Classification: {cfg.dataset}, {cfg.n_classes} classes.",
                          "classification", cfg, parts)


TASK = Task(
    name="classification",
    summary="separate two Gaussian blobs (or moons, circles, XOR, spiral) with Net(2→10→2), SGD 0.02",
    config=ClassificationConfig,
    train=train,
    result=result,
    code=code,
)
