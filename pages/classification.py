"""Classification (SPEC page 5): a decision boundary under the points, like TF Playground."""
import numpy as np
import pandas as pd

from core.tasks import classification as task
from ui.charts.plane import boundary_layers, image_frame
from ui.data_source import data_source
from ui.frames import Plot
from ui.i18n import t
from ui.training_page import TrainingPage, render
from ui.raster import png_data_url, probabilities_to_rgb, signed_to_rgb

BOUNDARY_RESOLUTION = 100  # a 100×100 raster per frame
NEURON_RESOLUTION = 40
GROUPS = [
    ("settings.data", ["dataset", "classes", "points", "noise", "test_fraction", "features", "data_seed"]),
    ("settings.network", ["hidden", "activation", "dropout"]),
    ("settings.training", ["optimizer", "lr", "weight_decay", "l1", "batch_size", "steps", "seed",
                           "device"]),
]


def view(cfg: task.ClassificationConfig):
    problem = task.problem(cfg)
    dots = pd.concat([
        pd.DataFrame({"x": problem.x_train[:, 0], "y": problem.x_train[:, 1],
                      "label": problem.y_train.astype(str), "split": "train",
                      "split_label": t("split.train")}),
        pd.DataFrame({"x": problem.x_test[:, 0], "y": problem.x_test[:, 1],
                      "label": problem.y_test.astype(str), "split": "test",
                      "split_label": t("split.test")}),
    ], ignore_index=True)
    return problem, dots


def picture(moment):
    cfg, the_view, snap = moment.settings, moment.view, moment.snapshot
    problem, dots = the_view
    url = None
    if snap is not None:
        probs = task.class_probabilities(cfg, snap.picture, problem.extent, BOUNDARY_RESOLUTION)
        if np.isfinite(probs).all():
            url = png_data_url(probabilities_to_rgb(probs))
    return Plot(boundary_layers, (image_frame(url, problem.extent), dots),
                {"extent": problem.extent, "labels": sorted(dots["label"].unique())})


def hidden_units(moment, box):
    """TF Playground's favourite view: what each first-layer neuron responds to."""
    cfg, the_view, snap = moment.settings, moment.view, moment.snapshot
    problem, _ = the_view
    maps = task.network_diagram(cfg, snap.picture, problem.extent, NEURON_RESOLUTION).neurons[1]
    if not np.isfinite(maps).all():
        return
    box.markdown(f"**{t('classification.neurons')}**")
    box.caption(t("classification.neurons_help"))
    shown = maps[:32]
    images = [signed_to_rgb(m) for m in shown]
    box.image(images, width=72, caption=[f"h{i + 1}" for i in range(len(images))])
    if len(maps) > len(shown):
        box.caption(t("classification.neurons_more", n=len(maps) - len(shown)))
    probs = task.class_probabilities(cfg, snap.picture, problem.extent, NEURON_RESOLUTION)
    box.image(probabilities_to_rgb(probs), width=144, caption=t("classification.output"))


def export(moment):
    from core.supervised import state_dict_from_weights

    cfg, snap = moment.settings, moment.snapshot
    return state_dict_from_weights(cfg, len(cfg.features), cfg.n_classes, snap.picture)


render(TrainingPage(task="classification", picture=picture, view=view, groups=GROUPS,
                    extra=hidden_units, export=export,
                    data_source=lambda cfg: data_source("classification", cfg,
                                                        task.builtin_points),
                    curves=("train_loss", "test_loss"),
                    metrics=("train_loss", "test_loss", "train_accuracy", "test_accuracy")))
