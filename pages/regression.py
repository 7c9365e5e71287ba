"""Regression: fit a noisy curve and watch the red line bend."""
import pandas as pd

from core.tasks import regression as task
from ui.charts.plane import fit_layers
from ui.data_source import data_source
from ui.frames import Plot
from ui.i18n import t
from ui.training_page import Frame, TrainingPage, render

GROUPS = [
    ("settings.data", ["target", "points", "noise", "test_fraction", "data_seed"]),
    ("settings.network", ["hidden", "activation", "dropout"]),
    ("settings.training", ["optimizer", "lr", "weight_decay", "l1", "batch_size", "steps", "seed",
                           "device"]),
]


def points(problem: task.RegressionProblem) -> pd.DataFrame:
    return pd.concat([
        pd.DataFrame({"x": problem.x_train, "y": problem.y_train, "split": "train",
                      "split_label": t("split.train")}),
        pd.DataFrame({"x": problem.x_test, "y": problem.y_test, "split": "test",
                      "split_label": t("split.test")}),
    ], ignore_index=True)


def view(cfg: task.RegressionConfig):
    problem = task.problem(cfg)
    ys = points(problem)["y"]
    pad = 0.15 * float(ys.max() - ys.min()) + 0.05
    return problem, points(problem), (float(ys.min()) - pad, float(ys.max()) + pad)


def picture(frame: Frame):
    problem, dots, y_domain = frame.view
    curve = pd.DataFrame({"x": [], "y": []})  # no line before training
    if frame.snapshot is not None:
        fitted = task.fitted_curve(frame.cfg, frame.snapshot.weights, problem.curve_x)
        if pd.notna(fitted).all():
            # A line that leaves the chart is drawn along its edge (and said so under it),
            # never silently cut away.
            curve = pd.DataFrame({"x": problem.curve_x, "y": fitted.clip(*y_domain)})
    x_domain = (float(problem.curve_x[0]), float(problem.curve_x[-1]))
    return Plot(fit_layers, (dots, curve), {"y_domain": y_domain, "x_domain": x_domain})


def off_chart(frame: Frame, box):
    """Under a finished (or scrubbed) run: say so when the fitted line leaves the chart."""
    problem, _, (low, high) = frame.view
    fitted = task.fitted_curve(frame.cfg, frame.snapshot.weights, problem.curve_x)
    outside = (fitted < low) | (fitted > high)
    if pd.notna(fitted).all() and outside.any():
        box.warning(t("regression.off_chart", share=float(outside.mean()),
                      low=float(fitted.min()), high=float(fitted.max())))


def describe(cfg) -> str:
    """The network and data of the current settings (the intro tells the course's)."""
    net = " → ".join(str(n) for n in (1, *cfg.hidden, 1))
    data = t("regression.own_points") if cfg.own is not None else f"y = {cfg.target}(x)"
    return t("regression.now", net=net, data=data, points=cfg.n_points)


def export(frame: Frame):
    from core.supervised import state_dict_from_weights

    return state_dict_from_weights(frame.cfg, 1, 1, frame.snapshot.weights)


render(TrainingPage(task="regression", picture=picture, view=view, groups=GROUPS,
                    export=export, extra=off_chart, describe=describe, can_continue=True,
                    data_source=lambda cfg: data_source("regression", cfg, task.builtin_points),
                    metrics=("train_loss", "test_loss")))
