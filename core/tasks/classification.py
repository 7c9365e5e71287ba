"""Classification: separate point clouds (the course's two Gaussian blobs, Net(2 → 10 → 2))."""
from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import torch
from torch import nn

from core import codegen, own_data
from core.config import ConfigError, param
from core.data import (CLASSIFICATION_DATASETS, FEATURES, add_features, make_classification,
                       split_train_test)
from core.devices import resolve_device
from core.own_data import OwnData
from core.registry import Task
from core.snapshots import Snapshot
from core.supervised import (NetworkSettings, build_model, build_optimizer, grid, layer_outputs,
                             linear_weights, predict_from_weights)
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
    # Your own points instead of the dataset (CLI --data, or the page's upload/draw); data,
    # not a setting: never in a URL. dataset, classes, points and noise are then unused.
    own: OwnData | None = field(default=None)

    @property
    def n_classes(self) -> int:
        if self.own is not None:
            return len(self.own.classes)
        return self.classes if self.dataset == "spiral" else 2

    @property
    def n_points(self) -> int:
        return self.points if self.own is None else len(self.own)

    @staticmethod
    def unused_settings(values: Mapping[str, Any]) -> set[str]:
        """Settings that the others make idle (a page greys them out): classes off the spiral."""
        return set() if values.get("dataset", "spiral") == "spiral" else {"classes"}

    def check(self) -> None:
        super().check()
        if len(set(self.features)) != len(self.features):
            raise ConfigError("features: each input may appear once")
        if self.n_points - round(self.test_fraction * self.n_points) < self.n_classes:
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
    generator = torch.Generator().manual_seed(cfg.data_seed)
    if cfg.own is not None:
        x, y = cfg.own.points()
    else:
        x, y = make_classification(cfg.dataset, cfg.points, cfg.noise, generator, cfg.classes)
    if cfg.test_fraction > 0:
        split = split_train_test(x, y, cfg.test_fraction, generator)
    else:
        split = (x, y, x[:0], y[:0])
    return split, generator


def builtin_points(cfg: ClassificationConfig) -> OwnData:
    """The built-in dataset's points as OwnData: to export them, or to start a drawing (the
    points on screen: drawn from the data seed, like :func:`problem`'s)."""
    generator = torch.Generator().manual_seed(cfg.data_seed)
    x, y = make_classification(cfg.dataset, cfg.points, cfg.noise, generator, cfg.classes)
    n_classes = cfg.classes if cfg.dataset == "spiral" else 2
    return own_data.classification_from_points(x.numpy(), y.numpy(), n_classes,
                                               f"classification_{cfg.dataset}.csv")


def make_data(cfg: ClassificationConfig) -> tuple[SupervisedData, torch.Generator]:
    (x_train, y_train, x_test, y_test), generator = _raw_points(cfg)
    device = resolve_device(cfg.device)
    data = SupervisedData(add_features(x_train, cfg.features).to(device), y_train.to(device),
                          add_features(x_test, cfg.features).to(device), y_test.to(device))
    return data, generator


# The settings that decide the points (what `_raw_points` reads); the others only train.
DATA_SETTINGS = ("dataset", "classes", "points", "noise", "test_fraction", "data_seed")


def problem(cfg: ClassificationConfig) -> ClassificationProblem:
    """The points and extent to draw for these settings.

    A built-in dataset is made once per process for each data setting and shared, read-only:
    a page draws it on every rerun, and a class of 100 students with their own seeds all draw
    the same points (it was 7.5 % of the server's time in the 100-student class). It is
    deterministic, and no user's data: your own points (``cfg.own``) are never kept."""
    if cfg.own is not None:
        return _make_problem(cfg)
    return _builtin_problem(ClassificationConfig(**{k: getattr(cfg, k) for k in DATA_SETTINGS}))


@functools.lru_cache(maxsize=64)
def _builtin_problem(data: ClassificationConfig) -> ClassificationProblem:
    made = _make_problem(data)
    for array in (made.x_train, made.y_train, made.x_test, made.y_test):
        array.setflags(write=False)  # shared by every session: nobody may change it
    return made


def _make_problem(cfg: ClassificationConfig) -> ClassificationProblem:
    (x_train, y_train, x_test, y_test), _ = _raw_points(cfg)
    everything = torch.cat((x_train, x_test)).numpy()
    return ClassificationProblem(x_train.numpy(), y_train.numpy(), x_test.numpy(),
                                 y_test.numpy(), square_extent(everything, cfg.own is None),
                                 cfg.n_classes)


def square_extent(points: np.ndarray, around_zero: bool) -> tuple[float, float, float, float]:
    """A square view of (N, 2) points: centred on 0 for the built-in datasets, on the data's
    middle for your own (whose numbers may be anywhere), with a margin."""
    if around_zero:
        half = float(np.abs(points).max()) * 1.1 + 0.5
        return (-half, half, -half, half)
    low, high = points.min(0), points.max(0)
    middle = (low + high) / 2
    half = float((high - low).max()) / 2 * 1.1 or 1.0
    return (float(middle[0]) - half, float(middle[0]) + half,
            float(middle[1]) - half, float(middle[1]) + half)


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


# Named settings that set several controls at once (the page's presets), the classroom's spiral:
# extra input features make it easy for one small layer; from x1, x2 alone it takes depth.
PRESETS: dict[str, dict[str, str]] = {
    "spiral: features": {"dataset": "spiral", "classes": "2", "noise": "0.2",
                         "features": "x1,x2,x1^2,x2^2,x1*x2,sin(x1),sin(x2)", "hidden": "8",
                         "activation": "tanh", "optimizer": "Adam", "lr": "0.03",
                         "steps": "600", "l1": "0.0", "weight_decay": "0.0"},
    "spiral: deep net": {"dataset": "spiral", "classes": "2", "noise": "0.2",
                         "features": "x1,x2", "hidden": "8,8,8,8", "activation": "tanh",
                         "optimizer": "Adam", "lr": "0.03", "steps": "1500", "l1": "0.0",
                         "weight_decay": "0.0"},
}


def discretize(probabilities: np.ndarray) -> np.ndarray:
    """TensorFlow Playground's "discretize output": each pixel all in its most likely class.

    (res, res, classes) probabilities -> the same shape, one-hot along the last axis.
    """
    winner = probabilities.argmax(-1)
    return np.eye(probabilities.shape[-1], dtype=probabilities.dtype)[winner]


@dataclass(frozen=True)
class NetworkDiagram:
    """Everything TensorFlow Playground's network picture shows, for one weights snapshot.

    neurons: one (units, res, res) array per column of the diagram: the input features over the
             plane, each hidden layer's activations, then the output's class probabilities.
    links:   one (units_out, units_in) weight matrix per pair of neighbouring columns.
    biases:  one (units_out,) vector per hidden or output column.
    """

    names: list[list[str]]  # a label per neuron, per column ("x1", "h2.3", "class 1")
    neurons: list[np.ndarray]
    links: list[np.ndarray]
    biases: list[np.ndarray]


def network_diagram(cfg: ClassificationConfig, weights: torch.Tensor, extent,
                    resolution: int = 24) -> NetworkDiagram:
    """Every neuron of every layer as a small map of its response over the plane, and every
    link's weight (see :class:`NetworkDiagram`)."""
    inputs = _grid_inputs(cfg, extent, resolution)  # (res·res, features)
    outputs = layer_outputs(cfg, len(cfg.features), cfg.n_classes, weights, inputs)
    outputs[-1] = torch.softmax(outputs[-1], 1)  # scores -> class probabilities

    def as_maps(values: torch.Tensor) -> np.ndarray:  # (res·res, units) -> (units, res, res)
        return values.T.reshape(-1, resolution, resolution).numpy().astype(np.float32)

    names = [list(cfg.features)]
    names += [[f"h{layer + 1}.{unit + 1}" for unit in range(width)]
              for layer, width in enumerate(cfg.hidden)]
    names.append([f"class {c}" for c in range(cfg.n_classes)])
    links = linear_weights(cfg, len(cfg.features), cfg.n_classes, weights)
    return NetworkDiagram(names, [as_maps(inputs)] + [as_maps(o) for o in outputs],
                          [w for w, _ in links], [b for _, b in links])


def train(cfg: ClassificationConfig) -> Iterator[Snapshot]:
    data, generator = make_data(cfg)
    model = build_model(cfg, len(cfg.features), cfg.n_classes)
    optimizer = build_optimizer(cfg, model)
    yield from supervised_run(model, nn.CrossEntropyLoss(), optimizer, data, steps=cfg.steps,
                              batch_size=cfg.batch_size, generator=generator, classify=True,
                              l1=cfg.l1)


def result(cfg: ClassificationConfig, last: Snapshot) -> dict:
    s = last.scalars
    out = {"final_loss": s["train_loss"], "steps": last.step}
    if cfg.own is not None:
        out["data"] = cfg.own.describe()
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

    has_test = cfg.test_fraction > 0
    if cfg.own is not None:
        functions, lines = own_data.script_data(cfg.own)
        title = f"Classification: your points ({cfg.own.source}), {cfg.n_classes} classes."
    else:
        maker = data_module.CLASSIFICATION_MAKERS[cfg.dataset]
        classes_arg = f", {cfg.classes}" if cfg.dataset == "spiral" else ""
        functions = [maker]
        lines = f"x, y = {maker.__name__}({cfg.points}, {cfg.noise!r}, generator{classes_arg})\n"
        title = f"Classification: {cfg.dataset}, {cfg.n_classes} classes."
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
    return codegen.script(title, "classification", cfg, parts)


TASK = Task(
    name="classification",
    summary="separate two Gaussian blobs (or moons, circles, XOR, spiral) with Net(2→10→2), SGD 0.02",
    config=ClassificationConfig,
    train=train,
    result=result,
    code=code,
    metrics=("accuracy", "test_loss", "final_loss", "train_accuracy"),
)
