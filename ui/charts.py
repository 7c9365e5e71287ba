"""Pure Altair chart builders: data in, ``alt.Chart`` out (no Streamlit, testable anywhere)."""
from __future__ import annotations

from typing import Sequence

import altair as alt
import numpy as np
import pandas as pd

from ui.raster import CLASS_HEX

MAX_POINTS_PER_SERIES = 400  # curves are thinned to this: a frame must stay small


def thin(steps: np.ndarray, limit: int = MAX_POINTS_PER_SERIES) -> np.ndarray:
    """Indices keeping at most ``limit`` evenly spaced points, always the last one."""
    n = len(steps)
    if n <= limit:
        return np.arange(n)
    idx = np.linspace(0, n - 1, limit).round().astype(int)
    return np.unique(idx)


def curves_frame(steps: Sequence[int], series: dict[str, Sequence[float]]) -> pd.DataFrame:
    """Long format (step, series, value) from {name: values aligned with steps (NaN = absent)}."""
    steps = np.asarray(steps)
    keep = thin(steps)
    frames = []
    for name, values in series.items():
        values = np.asarray(values, dtype=float)[keep]
        frame = pd.DataFrame({"step": steps[keep], "series": name, "value": values})
        frames.append(frame[np.isfinite(frame["value"])])
    if not frames:
        return pd.DataFrame({"step": [], "series": [], "value": []})
    return pd.concat(frames, ignore_index=True)


def line_curves(data: pd.DataFrame, *, title: str = "", y_title: str = "loss",
                x_title: str = "step", log: bool = False,
                y_domain: tuple[float, float] | None = None, x_max: int | None = None,
                height: int = 220, colors: dict[str, str] | None = None,
                cursor_step: int | None = None) -> alt.Chart:
    """One line per series; optional log scale, fixed y range and a vertical cursor at a step."""
    cursor = pd.DataFrame({"step": [] if cursor_step is None else [cursor_step]})
    return curves_layers(data, cursor, title=title, y_title=y_title, x_title=x_title, log=log,
                         y_domain=y_domain, x_max=x_max, height=height, colors=colors)


def curves_layers(data: pd.DataFrame, cursor: pd.DataFrame, *, title: str = "",
                  y_title: str = "loss", x_title: str = "step", log: bool = False,
                  y_domain: tuple[float, float] | None = None, x_max: int | None = None,
                  height: int = 220, colors: dict[str, str] | None = None) -> alt.LayerChart:
    """Curves (step, series, value) and a cursor rule at ``cursor.step`` (empty: no cursor)."""
    if log:
        y_scale = alt.Scale(type="log")
    elif y_domain:
        y_scale = alt.Scale(domain=list(y_domain), clamp=True)
    else:
        y_scale = alt.Scale(zero=False)
    x_scale = alt.Scale(domain=[0, x_max]) if x_max else alt.Undefined
    legend = alt.Legend(orient="top", columns=3, labelLimit=180)  # wraps: long names stay whole
    color = alt.Color("series:N", title=None, legend=legend, sort=None)
    if colors:
        color = alt.Color("series:N", title=None, legend=legend,
                          scale=alt.Scale(domain=list(colors), range=list(colors.values())))
    lines = alt.Chart(data).mark_line(strokeWidth=2, clip=True).encode(
        x=alt.X("step:Q", title=x_title, scale=x_scale),
        y=alt.Y("value:Q", title=y_title, scale=y_scale),
        color=color,
        tooltip=["series:N", "step:Q", alt.Tooltip("value:Q", format=".4g")],
    )
    rule = alt.Chart(cursor).mark_rule(color="#888", strokeDash=[4, 3]).encode(x="step:Q")
    return alt.layer(lines, rule).properties(title=title, height=height)


def scatter_points(points: pd.DataFrame, *, color_field: str = "label") -> alt.Chart:
    """Points with columns x, y, label, split ("train" filled, "test" hollow) and split_label
    (what the legend says, e.g. translated)."""
    labels = sorted(points[color_field].unique()) if len(points) else []
    return alt.Chart(points).mark_point(size=45, strokeWidth=1.5, opacity=1).encode(
        x=alt.X("x:Q"), y=alt.Y("y:Q"),
        color=alt.Color(f"{color_field}:N", legend=None,
                        scale=alt.Scale(domain=labels, range=CLASS_HEX[:max(len(labels), 1)])),
        fill=alt.condition(alt.datum.split == "train", alt.Color(f"{color_field}:N"),
                           alt.value("white")),
        shape=alt.Shape("split_label:N", legend=alt.Legend(orient="bottom", title=None),
                        sort=None, scale=alt.Scale(range=["circle", "square"])),
        tooltip=["x:Q", "y:Q", f"{color_field}:N", "split_label:N"],
    )


def image_frame(image_url: str | None, extent: tuple[float, float, float, float]) -> pd.DataFrame:
    """One row placing a PNG (data URL) over ``extent``; no rows when there is no image."""
    x0, x1, y0, y1 = extent
    if image_url is None:
        return pd.DataFrame({"x": [], "x2": [], "y": [], "y2": [], "url": []})
    return pd.DataFrame({"x": [x0], "x2": [x1], "y": [y1], "y2": [y0], "url": [image_url]})


def boundary_chart(image_url: str | None, extent: tuple[float, float, float, float],
                   points: pd.DataFrame, *, size: int = 400, title: str = "") -> alt.LayerChart:
    """A raster decision boundary (PNG data URL) under the train/test points."""
    return boundary_layers(image_frame(image_url, extent), points, extent=extent, size=size,
                           title=title)


def boundary_layers(image: pd.DataFrame, points: pd.DataFrame, *,
                    extent: tuple[float, float, float, float], size: int = 400,
                    title: str = "") -> alt.LayerChart:
    """Layers: the boundary image (see :func:`image_frame`), then the points."""
    x0, x1, y0, y1 = extent
    x_scale = alt.Scale(domain=[x0, x1], nice=False)
    y_scale = alt.Scale(domain=[y0, y1], nice=False)
    picture = alt.Chart(image).mark_image(aspect=False).encode(
        x=alt.X("x:Q", scale=x_scale), x2="x2:Q", y=alt.Y("y:Q", scale=y_scale), y2="y2:Q",
        url="url:N")
    pts = scatter_points(points).encode(
        x=alt.X("x:Q", scale=x_scale, title="x1"), y=alt.Y("y:Q", scale=y_scale, title="x2"))
    return alt.layer(picture, pts).properties(width=size, height=size, title=title)


def fit_chart(points: pd.DataFrame, curve: pd.DataFrame | None, *, y_domain: tuple[float, float],
              width: int = 460, height: int = 340, title: str = "") -> alt.LayerChart:
    """Regression: points (x, y, split, split_label) and the fitted curve (x, y) in red."""
    if curve is None:
        curve = pd.DataFrame({"x": [], "y": []})
    return fit_layers(points, curve, y_domain=y_domain, width=width, height=height, title=title)


def fit_layers(points: pd.DataFrame, curve: pd.DataFrame, *, y_domain: tuple[float, float],
               width: int = 460, height: int = 340, title: str = "") -> alt.LayerChart:
    """Layers: the points, then the fitted curve (no rows: no curve yet)."""
    y_scale = alt.Scale(domain=list(y_domain), nice=False)
    dots = alt.Chart(points).mark_circle(size=40, opacity=0.75).encode(
        x=alt.X("x:Q", scale=alt.Scale(domain=[-1.05, 1.05], nice=False)),
        y=alt.Y("y:Q", scale=y_scale),
        color=alt.Color("split_label:N", legend=alt.Legend(orient="top", title=None),
                        sort=None, scale=alt.Scale(range=["#0877bd", "#f59322"])),
    )
    line = alt.Chart(curve).mark_line(color="#d62728", strokeWidth=4, clip=True).encode(
        x="x:Q", y=alt.Y("y:Q", scale=y_scale))
    return alt.layer(dots, line).properties(width=width, height=height, title=title)
