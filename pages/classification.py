"""Classification: a decision boundary under the points, like TF Playground."""
import numpy as np

from core.tasks import classification as task
from ui.charts.plane import boundary_layers, heatmap_frame
from ui.data_source import data_source
from ui.frames import Plot
from ui.i18n import t
from ui.charts.network import diagram_frames, network_layers
from ui.training_page import Frame, TrainingPage, ViewOption, render
from ui.raster import probabilities_to_rgb, quantize

BOUNDARY_RESOLUTION = 100  # a 100×100 heat map per frame
DIAGRAM_RESOLUTION = 12  # each neuron's map: 12×12 cells (TensorFlow Playground draws 10×10)
GROUPS = [
    ("settings.data", ["dataset", "classes", "points", "noise", "test_fraction", "features", "data_seed"]),
    ("settings.network", ["hidden", "activation", "dropout"]),
    ("settings.training", ["optimizer", "lr", "weight_decay", "l1", "batch_size", "steps", "seed",
                           "device"]),
]


def view(cfg: task.ClassificationConfig):
    """The problem and its points as columns (x, y, label, split, split_label): the train
    points, then the test points."""
    problem = task.problem(cfg)
    n_train, n_test = len(problem.y_train), len(problem.y_test)
    points = np.concatenate([problem.x_train, problem.x_test])  # (N, 2)
    dots = {"x": points[:, 0], "y": points[:, 1],
            "label": np.concatenate([problem.y_train, problem.y_test]).astype(str),
            "split": ["train"] * n_train + ["test"] * n_test,
            "split_label": [t("split.train")] * n_train + [t("split.test")] * n_test}
    return problem, dots


def picture(frame: Frame):
    problem, dots = frame.view
    rgb = None
    if frame.snapshot is not None:
        probs = task.class_probabilities(frame.cfg, frame.snapshot.weights, problem.extent,
                                         BOUNDARY_RESOLUTION)
        if np.isfinite(probs).all():
            if frame.options["discretize"]:
                probs = task.discretize(probs)
            rgb = probabilities_to_rgb(quantize(probs))
    return Plot(boundary_layers, (heatmap_frame(rgb, problem.extent), dots),
                {"extent": problem.extent})


def diagram(frame: Frame):
    """The whole network, every neuron a small map, redrawn with every frame."""
    problem, _ = frame.view
    cfg = frame.cfg
    d = task.network_diagram(cfg, frame.snapshot.weights, problem.extent, DIAGRAM_RESOLUTION)
    if not all(np.isfinite(m).all() for m in d.neurons):
        return None
    names = [list(d.names[0])] + d.names[1:-1] + [
        [t("classification.class_name", n=c) for c in range(cfg.n_classes)]]
    frames = diagram_frames(names, d.neurons, d.links, d.biases,
                            more=t("classification.more_neurons"))
    return Plot(network_layers, frames[:4],
                {**frames[4], "title": t("classification.diagram")})


def describe(cfg) -> str:
    """The network of the current settings, as the intro's Net(2 → 10 → 2)."""
    net = " → ".join(str(n) for n in (len(cfg.features), *cfg.hidden, cfg.n_classes))
    data = t(f"choice.{cfg.dataset}") if cfg.own is None else t("classification.own_points")
    return t("classification.now", net=net, data=data, points=cfg.n_points)


def export(frame: Frame):
    from core.supervised import state_dict_from_weights

    cfg = frame.cfg
    return state_dict_from_weights(cfg, len(cfg.features), cfg.n_classes, frame.snapshot.weights)


render(TrainingPage(task="classification", picture=picture, view=view, groups=GROUPS,
                    export=export, diagram=diagram, describe=describe, can_continue=True,
                    view_options=(ViewOption("discretize"),), presets=task.PRESETS,
                    data_source=lambda cfg: data_source("classification", cfg,
                                                        task.builtin_points),
                    curves=("train_loss", "test_loss"),
                    metrics=("train_loss", "test_loss", "train_accuracy", "test_accuracy")))
