"""Charts of the Optimizers and Dropout pages (pure Altair builders: data in, ``alt.Chart`` out).

* :func:`race_chart`: one loss curve per optimizer, raw (faint) and smoothed (bold), y 0–0.2 as
  the course's plot or a log scale;
* :func:`lines_over_points`: fitted lines over data points (the optimizers' five fits, the
  overfit and dropout nets over train/test points);
* :func:`surface_chart`: contour lines of a 2-D loss surface with each optimizer's path.
"""
from __future__ import annotations

from typing import Sequence

import altair as alt
import numpy as np
import pandas as pd

from core.smoothing import ema
from ui.charts import thin

# Streamlit's category colours in the course's order: the same colours as the shared
# "Loss curves" chart next to the race (ui.live draws its series in that order).
OPTIMIZER_COLORS = {"SGD": "#0068c9", "Momentum": "#83c9ff", "RMSprop": "#ff2b2b",
                    "Adam": "#ffabab", "Adagrad": "#29b09d"}


def race_frames(steps: Sequence[int], series: dict[str, Sequence[float]],
                smooth: float) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Two long frames (step, optimizer, value): the raw curves and the smoothed ones."""
    steps = np.asarray(steps)
    keep = thin(steps)
    raw, smoothed = [], []
    for name, values in series.items():
        values = np.asarray(values, dtype=float)
        for out, ys in ((raw, values), (smoothed, ema(values, smooth))):
            frame = pd.DataFrame({"step": steps[keep], "optimizer": name, "value": ys[keep]})
            out.append(frame[np.isfinite(frame["value"])])
    empty = pd.DataFrame({"step": [], "optimizer": [], "value": []})
    return (pd.concat(raw, ignore_index=True) if raw else empty,
            pd.concat(smoothed, ignore_index=True) if smoothed else empty.copy())


def _optimizer_color(names: Sequence[str], legend: bool = True) -> alt.Color:
    domain = [n for n in OPTIMIZER_COLORS if n in names] or list(OPTIMIZER_COLORS)
    return alt.Color("optimizer:N", title=None,
                     legend=alt.Legend(orient="top", columns=3) if legend else None,
                     scale=alt.Scale(domain=domain, range=[OPTIMIZER_COLORS[n] for n in domain]))


def race_chart(raw: pd.DataFrame, smoothed: pd.DataFrame, *,
               names: Sequence[str] = tuple(OPTIMIZER_COLORS), log: bool = False,
               y_domain: tuple[float, float] = (0, 0.2), x_max: int | None = None,
               title: str = "", y_title: str = "loss", width: int = 520,
               height: int = 320) -> alt.LayerChart:
    """Raw curves thin and faint, smoothed curves bold; y fixed to ``y_domain`` unless log.

    One frame per layer and a spec that depends on the options only, never on the data
    (``names`` are the optimizers racing): ui.frames compiles it once and swaps the data.
    """
    y_scale = alt.Scale(type="log") if log else alt.Scale(domain=list(y_domain), clamp=True)
    x_scale = alt.Scale(domain=[0, x_max]) if x_max else alt.Undefined
    x = alt.X("step:Q", title="step", scale=x_scale)
    y = alt.Y("value:Q", title=y_title, scale=y_scale)
    faint = alt.Chart(raw).mark_line(strokeWidth=1, opacity=0.3, clip=True).encode(
        x=x, y=y, color=_optimizer_color(names, legend=False))
    bold = alt.Chart(smoothed).mark_line(strokeWidth=2.5, clip=True).encode(
        x=x, y=y, color=_optimizer_color(names),
        tooltip=["optimizer:N", "step:Q", alt.Tooltip("value:Q", format=".4f", title=y_title)])
    return alt.layer(faint, bold).resolve_legend(color="independent").properties(title=title, width=width, height=height)


def lines_over_points(points: pd.DataFrame, lines: pd.DataFrame, *, colors: dict[str, str],
                      y_domain: tuple[float, float], dashed: Sequence[str] = (),
                      point_colors: dict[str, str] | None = None, title: str = "",
                      width: int = 460, height: int = 320) -> alt.LayerChart:
    """Points (x, y, split) under fitted lines (x, y, series).

    ``colors`` lists the series drawn, in legend order, with their colours; ``dashed`` the
    series drawn dashed. Like :func:`race_chart`, the spec depends on the options only.
    """
    y_scale = alt.Scale(domain=list(y_domain), nice=False)
    x_scale = alt.Scale(domain=[-1.05, 1.05], nice=False)
    point_colors = point_colors or {"train": "#bbbbbb"}
    dots = alt.Chart(points).mark_circle(size=40, opacity=0.6).encode(
        x=alt.X("x:Q", scale=x_scale),
        y=alt.Y("y:Q", scale=y_scale),
        color=alt.Color("split:N", legend=alt.Legend(orient="bottom", title=None),
                        scale=alt.Scale(domain=list(point_colors),
                                        range=list(point_colors.values()))),
    )
    series = list(colors)
    line_layer = alt.Chart(lines).mark_line(strokeWidth=3, clip=True).encode(
        x=alt.X("x:Q", scale=x_scale),
        y=alt.Y("y:Q", scale=y_scale),
        color=alt.Color("series:N", title=None, legend=alt.Legend(orient="top"),
                        scale=alt.Scale(domain=series, range=[colors[s] for s in series])),
        strokeDash=alt.StrokeDash("series:N", legend=None, scale=alt.Scale(
            domain=series, range=[[6, 4] if s in dashed else [1, 0] for s in series])),
    )
    return alt.layer(dots, line_layer).resolve_scale(color="independent").properties(
        title=title, width=width, height=height)


def contour_frame(segments: np.ndarray, levels: np.ndarray) -> pd.DataFrame:
    """(x, y, x2, y2, level) rows for the contour line pieces."""
    return pd.DataFrame({"x": segments[:, 0], "y": segments[:, 1], "x2": segments[:, 2],
                         "y2": segments[:, 3], "level": levels})


def paths_frame(paths: dict[str, np.ndarray], losses: dict[str, np.ndarray]) -> pd.DataFrame:
    """(optimizer, step, x, y, loss) rows, step 0 = the start point."""
    frames = [pd.DataFrame({"optimizer": name, "step": np.arange(len(p)), "x": p[:, 0],
                            "y": p[:, 1], "loss": losses[name][:len(p)]})
              for name, p in paths.items()]
    if not frames:
        return pd.DataFrame({"optimizer": [], "step": [], "x": [], "y": [], "loss": []})
    return pd.concat(frames, ignore_index=True)


def surface_chart(contours: pd.DataFrame, paths: pd.DataFrame, *,
                  extent: tuple[float, float, float, float], minimum: tuple[float, float],
                  title: str = "", size: int = 420) -> alt.Chart:
    """Contour lines (shaded by log level), each optimizer's path, the minimum as a star."""
    x0, x1, y0, y1 = extent
    x_scale = alt.Scale(domain=[x0, x1], nice=False)
    y_scale = alt.Scale(domain=[y0, y1], nice=False)
    width = size
    height = max(200, int(round(size * (y1 - y0) / (x1 - x0))))  # equal units on both axes
    lines = alt.Chart(contours).mark_rule(strokeWidth=1).encode(
        x=alt.X("x:Q", scale=x_scale, title="x"), y=alt.Y("y:Q", scale=y_scale, title="y"),
        x2="x2:Q", y2="y2:Q",
        color=alt.Color("level:Q", scale=alt.Scale(type="log", scheme="greys", reverse=True),
                        legend=None),
    )
    names = list(dict.fromkeys(paths["optimizer"])) if len(paths) else []
    color = _optimizer_color(names)
    trail = alt.Chart(paths).mark_line(strokeWidth=2, clip=True).encode(
        x=alt.X("x:Q", scale=x_scale), y=alt.Y("y:Q", scale=y_scale), order="step:Q",
        color=color)
    dots = alt.Chart(paths).mark_circle(size=14, clip=True).encode(
        x=alt.X("x:Q", scale=x_scale), y=alt.Y("y:Q", scale=y_scale),
        color=_optimizer_color(names, legend=False),  # the lines' legend is enough
        tooltip=["optimizer:N", "step:Q", alt.Tooltip("x:Q", format=".3f"),
                 alt.Tooltip("y:Q", format=".3f"), alt.Tooltip("loss:Q", format=".4g")])
    star = alt.Chart(pd.DataFrame({"x": [minimum[0]], "y": [minimum[1]]})).mark_point(
        shape="diamond", size=160, filled=True, color="black").encode(
        x=alt.X("x:Q", scale=x_scale), y=alt.Y("y:Q", scale=y_scale))
    return alt.layer(lines, trail, dots, star).resolve_scale(color="independent").properties(
        title=title, width=width, height=height)
