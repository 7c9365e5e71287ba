"""Optimizers: SGD, Momentum, RMSprop, Adam and Adagrad race on the same data,
then walk a 2-D loss surface."""
import numpy as np
import pandas as pd
import streamlit as st

from core.loss_surface import SURFACES, LossSurfaceConfig, contours, optimizer_paths
from core.optim import OPTIMIZERS
from core.tasks import optimizers as task
from ui.charts.curves import race_chart, race_frames
from ui.charts.palette import OPTIMIZER_COLORS
from ui.charts.plane import contour_frame, lines_over_points, paths_frame, surface_chart
from ui.controls import log_options
from ui.frames import Plot
from ui.i18n import t
from ui.training_page import Frame, TrainingPage, ViewOption, render

PAGE = "optimizers"
GROUPS = [
    ("settings.training", ["optimizers", "lr", "batch_size", "epochs", "device"]),
    ("optimizers.group.hyper", ["momentum", "rmsprop_alpha", "adam_beta1", "adam_beta2"]),
    ("settings.data", ["points", "hidden", "seed"]),
]
# the race chart's own log scale and smoothing: drawing only, the run is the same
VIEW_OPTIONS = (ViewOption("log", False),
                ViewOption("smoothing", 0.8, lo=0.0, hi=0.98, step=0.02))


def view(cfg: task.OptimizersConfig):
    """The data points (every 5th is enough to see the parabola) and the fitted curves' x."""
    x, y, _ = task.make_data(cfg)
    x, y = x.cpu().view(-1).numpy(), y.cpu().view(-1).numpy()
    step = max(1, len(x) // 200)
    points = pd.DataFrame({"x": x[::step], "y": y[::step], "split": t("optimizers.points")})
    return points, task.curve_x()


def picture(frame: Frame):
    """Before training: the data. While and after training: the race, up to the snapshot.

    Returned as a ui.frames.Plot: the chart is compiled once, live frames only swap the data.
    """
    points, _ = frame.view
    cfg, snap, run = frame.cfg, frame.snapshot, frame.run
    if snap is None or run is None:
        return Plot(lines_over_points, (points, pd.DataFrame({"x": [], "y": [], "series": []})),
                    {"colors": {n: OPTIMIZER_COLORS[n] for n in cfg.enabled},
                     "y_domain": (-0.4, 1.4), "title": t("optimizers.before"),
                     "point_colors": {t("optimizers.points"): "#bbbbbb"}})
    shown = run.snapshots[:snap.step]  # snapshot i holds step i + 1
    steps = [s.step for s in shown]
    series = {name: [s.scalars.get(name, np.nan) for s in shown] for name in cfg.enabled}
    frames = race_frames(steps, series, frame.options["smoothing"])
    return Plot(race_chart, frames, {
        "names": list(cfg.enabled), "log": frame.options["log"],
        "x_max": cfg.steps, "title": t("optimizers.race_title"), "y_title": t("axis.loss"),
        "x_title": t("metric.step")})


def fits(frame: Frame):
    """Beside the race, live: each net's fitted curve at this step, over the data. (The
    frame's usual loss curves would repeat the race.)"""
    points, xs = frame.view
    curves = frame.snapshot.picture["curves"]
    lines = pd.concat([pd.DataFrame({"x": xs, "y": ys, "series": name})
                       for name, ys in curves.items()], ignore_index=True)
    return Plot(lines_over_points, (points, lines), {
        "colors": {name: OPTIMIZER_COLORS[name] for name in frame.cfg.enabled},
        "y_domain": (-0.4, 1.4), "title": t("optimizers.fits"), "width": 330, "height": 460,
        "legend_columns": 3, "point_colors": {t("optimizers.points"): "#bbbbbb"}})


def extra(frame: Frame, box) -> None:
    """Dropped-out optimizers and the final table."""
    cfg, snap = frame.cfg, frame.snapshot
    for name, step in snap.extra.get("dropped", {}).items():
        box.warning(t("optimizers.dropped", name=name, step=step))
    full = snap.extra.get("full_loss")
    if full:
        box.markdown(t("optimizers.final_table", points=cfg.points))
        table = pd.DataFrame({t("optimizers.col_optimizer"): list(full),
                              t("optimizers.col_loss"): [round(v, 6) for v in full.values()]})
        box.dataframe(table.sort_values(t("optimizers.col_loss")), hide_index=True)


@st.cache_data(show_spinner=False, max_entries=32)
def surface_paths(cfg: LossSurfaceConfig):
    paths = optimizer_paths(cfg)
    return ({n: p.points for n, p in paths.items()}, {n: p.losses for n, p in paths.items()},
            {n: p.diverged_at for n, p in paths.items()})


@st.cache_data(show_spinner=False)
def surface_contours(name: str) -> pd.DataFrame:
    c = contours(name)
    return contour_frame(c.segments, c.segment_level)


def loss_surface_section(settings: task.OptimizersConfig) -> None:
    """Each optimizer's path over a 2-D surface, with the sidebar's optimizers and settings."""
    st.divider()
    st.subheader(t("optimizers.surface_title"))
    st.markdown(t("optimizers.surface_intro"))
    c1, c2, c3, c4, c5 = st.columns([2, 2, 2, 1, 1])
    labels = {s: t(f"optimizers.surface.{s}") for s in SURFACES}  # in this run's language
    name = c1.selectbox(t("optimizers.surface"), list(SURFACES), key=f"{PAGE}.surface",
                        format_func=labels.get)
    s = SURFACES[name]
    # each surface keeps its own learning rate, steps and start: a good lr differs a lot
    lr = c2.select_slider(t("optimizers.surface_lr"), log_options(1e-4, 1.0, s.lr), value=s.lr,
                          key=f"{PAGE}.surface_lr.{name}", format_func=lambda v: f"{v:g}")
    steps = c3.slider(t("optimizers.surface_steps"), 1, 1000, value=s.steps,
                      key=f"{PAGE}.surface_steps.{name}")
    x0, x1, y0, y1 = s.extent
    start_x = c4.number_input(t("optimizers.start_x"), x0, x1, value=s.start[0], step=0.1,
                              key=f"{PAGE}.start_x.{name}")
    start_y = c5.number_input(t("optimizers.start_y"), y0, y1, value=s.start[1], step=0.1,
                              key=f"{PAGE}.start_y.{name}")
    chosen = settings.enabled
    if not chosen:
        st.info(t("optimizers.surface_none"))
        return
    cfg = LossSurfaceConfig(
        surface=name, optimizers=chosen, lr=float(lr), steps=int(steps),
        start_x=float(start_x), start_y=float(start_y), momentum=settings.momentum,
        rmsprop_alpha=settings.rmsprop_alpha, adam_beta1=settings.adam_beta1,
        adam_beta2=settings.adam_beta2)
    points, losses, diverged = surface_paths(cfg)
    chart = surface_chart(surface_contours(name), paths_frame(points, losses), extent=s.extent,
                          minimum=s.minimum, title=t(f"optimizers.surface.{name}"))
    left, right = st.columns([3, 2])
    left.altair_chart(chart)
    with right:
        for opt, path_losses in losses.items():
            if diverged[opt] is not None:
                st.warning(t("optimizers.surface_diverged", name=opt, step=diverged[opt]))
            else:
                st.markdown(t("optimizers.surface_result", name=opt, loss=float(path_losses[-1]),
                              steps=len(path_losses) - 1))


def export(frame: Frame) -> dict:
    """The .pt download: {optimizer: state_dict} of every network still in the race."""
    return task.state_dicts(frame.cfg, frame.snapshot.weights)


shown = render(TrainingPage(task=PAGE, picture=picture, view=view, groups=GROUPS,
                            curves=OPTIMIZERS, metrics=OPTIMIZERS, extra=extra, export=export,
                            side=fits,
                            picture_width=1.4, view_options=VIEW_OPTIONS))
loss_surface_section(shown.cfg)
