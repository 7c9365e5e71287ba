"""Dropout vs overfitting: two big nets on 20 points, one with dropout."""
import numpy as np
import pandas as pd

from core.tasks import dropout as task
from ui.charts.plane import lines_over_points
from ui.frames import Plot
from ui.i18n import t
from ui.training_page import Frame, TrainingPage, ViewOption, render

PAGE = "dropout"
GROUPS = [
    ("settings.network", ["dropout", "hidden"]),
    ("settings.training", ["lr", "steps", "device"]),
    ("settings.data", ["points", "noise", "seed"]),
]
# the course's colours: magenta training points, cyan test points, red and blue lines
POINT_COLORS = {"train": "#d62ad6", "test": "#17becf"}
LINE_COLORS = {"overfit": "#d62728", "dropout": "#1f3fbf", "dropout_train_mode": "#7fb2ff"}
# The loss curves keep the picture's meaning: red the overfitting net, blue the dropout net
# (pale: its loss on the training points).
CURVE_COLORS = {"overfit_train": "#ff9896", "overfit_test": "#d62728",
                "dropout_train": "#7fb2ff", "dropout_test": "#1f3fbf"}


def view(cfg: task.DropoutConfig):
    x, y, test_x, test_y = (v.cpu().view(-1).numpy() for v in task.make_data(cfg))
    points = pd.concat([
        pd.DataFrame({"x": x, "y": y, "split": t("dropout.split.train")}),
        pd.DataFrame({"x": test_x, "y": test_y, "split": t("dropout.split.test")}),
    ], ignore_index=True)
    ys = points["y"]
    y_domain = (min(-2.5, float(ys.min()) - 0.2), max(2.5, float(ys.max()) + 0.2))  # course: ±2.5
    return points, task.curve_x(), y_domain


def _line_names() -> dict[str, str]:
    return {"overfit": t("dropout.line.overfit"), "dropout": t("dropout.line.dropout"),
            "dropout_train_mode": t("dropout.line.train_mode")}


def picture(frame: Frame):
    """Train/test points, both nets' lines in eval() mode (and the train()-mode line if asked);
    a ui.frames.Plot, so live frames only swap the data."""
    points, xs, y_domain = frame.view
    snap = frame.snapshot
    names = _line_names()
    keys = []
    if snap is not None:
        keys = ["overfit", "dropout"]
        if frame.options["train_mode"]:
            keys.append("dropout_train_mode")
    frames = [pd.DataFrame({"x": xs, "y": snap.picture[k], "series": names[k]}) for k in keys]
    lines = pd.concat(frames, ignore_index=True) if frames else \
        pd.DataFrame({"x": [], "y": [], "series": []})
    point_colors = {t("dropout.split.train"): POINT_COLORS["train"],
                    t("dropout.split.test"): POINT_COLORS["test"]}
    return Plot(lines_over_points, (points, lines), {
        "colors": {names[k]: LINE_COLORS[k] for k in keys}, "y_domain": y_domain,
        "dashed": [names["dropout"]], "point_colors": point_colors, "height": 380})


def extra(frame: Frame, box) -> None:
    """train() vs eval() at this step, and who generalizes better."""
    snap = frame.snapshot
    gap = float(np.mean(np.abs(np.subtract(snap.picture["dropout_train_mode"],
                                           snap.picture["dropout"]))))
    box.markdown(t("dropout.explain", gap=gap))
    s = snap.scalars
    key = "dropout.verdict_better" if s["dropout_test"] < s["overfit_test"] else "dropout.verdict_worse"
    box.info(t(key, drop=s["dropout_test"], ofit=s["overfit_test"]))


def export(frame: Frame) -> dict:
    """The .pt download: {"overfit": state_dict, "dropout": state_dict} after the last step
    (a stopped run kept no weights: the file then holds an empty dict)."""
    return frame.snapshot.weights or {}


render(TrainingPage(task=PAGE, picture=picture, view=view, groups=GROUPS, export=export,
                    curves=("overfit_train", "dropout_train", "overfit_test", "dropout_test"),
                    metrics=("overfit_test", "dropout_test", "overfit_train", "dropout_train"),
                    extra=extra, view_options=(ViewOption("train_mode"),),
                    curve_colors=CURVE_COLORS))
