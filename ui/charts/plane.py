"""Points and functions in the x-y plane: fitted lines over data, decision boundaries,
activation functions, loss surfaces with paths. Pure Altair builders, no Streamlit."""
from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import numpy as np
import pandas as pd

from ui.charts import Columns
from ui.charts.palette import optimizer_color
from ui.raster import CLASS_HEX, color_runs


def scatter_points(points: pd.DataFrame, *, color_field: str = "label") -> alt.Chart:
    """Points with columns x, y, label, split ("train" filled, "test" hollow) and split_label
    (what the legend says, e.g. translated)."""
    # One scale for outline and fill: an unscaled fill took Vega's default palette, so the
    # orange class was filled blue. Class k is always CLASS_HEX[k], whatever classes these
    # rows hold: a live frame's compiled spec (ui/frames.py) serves every class count.
    palette = alt.Scale(domain=[str(k) for k in range(len(CLASS_HEX))], range=CLASS_HEX)
    return alt.Chart(points).mark_point(size=45, strokeWidth=1.5, opacity=1).encode(
        x=alt.X("x:Q"), y=alt.Y("y:Q"),
        color=alt.Color(f"{color_field}:N", legend=None, scale=palette),
        fill=alt.condition(alt.datum.split == "train",
                           alt.Fill(f"{color_field}:N", legend=None, scale=palette),
                           alt.value("white")),
        # The legend's markers are characters in its labels: filled (train, the first entry)
        # and hollow (test), as the points. Vega-Lite draws its own symbols with the fill
        # condition's "white" and no stroke, blank on white whatever the legend says.
        shape=alt.Shape("split_label:N", legend=alt.Legend(
            orient="bottom", title=None, symbolOpacity=0, symbolSize=0,
            labelExpr="(datum.index === 0 ? '● ' : '□ ') + datum.label"),
            sort=None, scale=alt.Scale(range=["circle", "square"])),
        tooltip=["x:Q", "y:Q", f"{color_field}:N", "split_label:N"],
    )


# Each rect reaches this far (in cells) under its right and lower neighbours, which are drawn
# after it: rects that only touch leave a pale anti-aliased seam along every fractional edge.
SEAM_OVERLAP = 0.5


def heatmap_frame(rgb: np.ndarray | None,
                  extent: tuple[float, float, float, float]) -> Columns:
    """(x, x2, y, y2, color) rects drawing an (H, W, 3) picture (row 0 at the top) over
    ``extent``, one rect per run of equal colour along a row; no rows when there is no picture.
    Columns, not a DataFrame: a live frame makes one every time (see ui/frames.py).

    Rects, not a PNG in an image mark: Vega draws an image mark whose url changed only once the
    new image has loaded, so every live frame showed a blank picture for a moment (a flicker);
    rects are drawn in the same pass as the points.
    """
    if rgb is None:
        nothing = np.empty(0, np.float32)
        return {"x": nothing, "x2": nothing, "y": nothing, "y2": nothing, "color": []}
    x0, x1, y0, y1 = extent
    h, w, _ = rgb.shape
    dx, dy = (x1 - x0) / w, (y1 - y0) / h
    rows, starts, stops, colors = color_runs(rgb)
    right = np.where(stops < w, stops + SEAM_OVERLAP, w)
    below = np.where(rows < h - 1, rows + 1 + SEAM_OVERLAP, h)
    return {"x": (x0 + starts * dx).astype(np.float32),
            "x2": (x0 + right * dx).astype(np.float32),
            "y": (y1 - rows * dy).astype(np.float32),
            "y2": (y1 - below * dy).astype(np.float32),
            "color": colors}


def boundary_chart(rgb: np.ndarray | None, extent: tuple[float, float, float, float],
                   points: pd.DataFrame, *, size: int = 400, title: str = "") -> alt.LayerChart:
    """A decision boundary heat map ((H, W, 3) colours, see :func:`heatmap_frame`) under the
    train/test points."""
    return boundary_layers(pd.DataFrame(heatmap_frame(rgb, extent)), points, extent=extent,
                           size=size, title=title)


BOUNDARY_EXTRA_HEIGHT = 70  # measured: the x axis, legend and title take 126 px, the y axis 58
SURFACE_EXTRA_HEIGHT = 190  # measured: the title, a two-row legend and the x axis


def equal_unit_ranges(extent: tuple[float, float, float, float]) -> tuple[list, list]:
    """x and y scale ranges with equal units on both axes whatever size Streamlit gives the
    view (a column, a stretched width, fullscreen): the largest plot of the extent's shape that
    fits, at the bottom left next to both axes. ``width`` and ``height`` are Vega's signals
    for the view inside the axes and legend."""
    x0, x1, y0, y1 = extent
    ratio = (y1 - y0) / (x1 - x0)
    plot_width = f"min(width, height / {ratio:.6g})"
    return ([0, alt.ExprRef(plot_width)],
            [alt.ExprRef("height"), alt.ExprRef(f"height - {ratio:.6g} * {plot_width}")])


def boundary_layers(heatmap: pd.DataFrame, points: pd.DataFrame, *,
                    extent: tuple[float, float, float, float], size: int = 400,
                    title: str = "") -> alt.LayerChart:
    """Layers: the boundary heat map (see :func:`heatmap_frame`), then the points."""
    x0, x1, y0, y1 = extent
    x_range, y_range = equal_unit_ranges(extent)  # a square for a square extent
    x_scale = alt.Scale(domain=[x0, x1], nice=False, range=x_range)
    y_scale = alt.Scale(domain=[y0, y1], nice=False, range=y_range)
    # aria off: a screen reader gains nothing from 2,000 unlabelled rects
    picture = alt.Chart(heatmap).mark_rect(strokeWidth=0, aria=False).encode(
        x=alt.X("x:Q", scale=x_scale), x2="x2:Q", y=alt.Y("y:Q", scale=y_scale), y2="y2:Q",
        color=alt.Color("color:N", scale=None))
    pts = scatter_points(points).encode(
        x=alt.X("x:Q", scale=x_scale, title="x1"), y=alt.Y("y:Q", scale=y_scale, title="x2"))
    # the view is size wide; the extra height is for the x axis, the legend and the title, so
    # the square takes the width. A canvas, always: it paints thousands of rects without
    # building an SVG node for each (a 4 s replay took 5.4 s against 7.2-10 s as SVG on a
    # quiet machine; README, "Heat map on a canvas"),
    # and it is fixed because Streamlit picks SVG under 2,000 rows and a canvas above, and
    # the heat map's rows vary from frame to frame: a change of renderer redraws the chart
    # from nothing (a blank frame).
    return alt.layer(picture, pts).properties(width=size, height=size + BOUNDARY_EXTRA_HEIGHT,
                                              title=title,
                                              usermeta={"embedOptions": {"renderer": "canvas"}})


# 400 px (and the y axis) fit the picture column of a 1280 px page; 460 ran past it
def fit_chart(points: pd.DataFrame, curve: pd.DataFrame | None, *, y_domain: tuple[float, float],
              width: int = 400, height: int = 340, title: str = "") -> alt.LayerChart:
    """Regression: points (x, y, split, split_label) and the fitted curve (x, y) in red."""
    if curve is None:
        curve = pd.DataFrame({"x": [], "y": []})
    return fit_layers(points, curve, y_domain=y_domain, width=width, height=height, title=title)


def fit_layers(points: pd.DataFrame, curve: pd.DataFrame, *, y_domain: tuple[float, float],
               x_domain: tuple[float, float] = (-1.05, 1.05), width: int = 400,
               height: int = 340, title: str = "") -> alt.LayerChart:
    """Layers: the points, then the fitted curve (no rows: no curve yet)."""
    y_scale = alt.Scale(domain=list(y_domain), nice=False)
    dots = alt.Chart(points).mark_circle(size=40, opacity=0.75).encode(
        x=alt.X("x:Q", scale=alt.Scale(domain=list(x_domain), nice=False)),
        y=alt.Y("y:Q", scale=y_scale),
        color=alt.Color("split_label:N", legend=alt.Legend(orient="top", title=None),
                        sort=None, scale=alt.Scale(range=["#0877bd", "#f59322"])),
    )
    line = alt.Chart(curve).mark_line(color="#d62728", strokeWidth=4, clip=True).encode(
        x="x:Q", y=alt.Y("y:Q", scale=y_scale))
    return alt.layer(dots, line).properties(width=width, height=height, title=title)


FUNCTION_COLOR = "#d62728"  # the course plots its activations in red


DERIVATIVE_COLOR = "#1f77b4"


def activation_chart(x: Sequence[float], y: Sequence[float], dy: Sequence[float], *, title: str = "",
                     y_range: tuple[float, float], labels: tuple[str, str] = ("f(x)", "f'(x)"),
                     height: int = 330) -> alt.Chart:
    """One activation and its derivative on one chart, y clipped to the course's range."""
    frame = pd.concat([
        pd.DataFrame({"x": x, "value": y, "series": labels[0]}),
        pd.DataFrame({"x": x, "value": dy, "series": labels[1]}),
    ], ignore_index=True)
    return alt.Chart(frame).mark_line(strokeWidth=2.5, clip=True).encode(
        x=alt.X("x:Q", title="x"),
        y=alt.Y("value:Q", title=None, scale=alt.Scale(domain=list(y_range), nice=False)),
        color=alt.Color("series:N", title=None, legend=alt.Legend(orient="top"),
                        scale=alt.Scale(domain=list(labels), range=[FUNCTION_COLOR, DERIVATIVE_COLOR])),
        strokeDash=alt.StrokeDash("series:N", legend=None,
                                  scale=alt.Scale(domain=list(labels), range=[[1, 0], [6, 3]])),
        tooltip=["series:N", alt.Tooltip("x:Q", format=".3f"), alt.Tooltip("value:Q", format=".4f")],
    ).properties(title=title, height=height)


def outputs_chart(frame: pd.DataFrame, *, title: str = "", height: int = 260) -> alt.Chart:
    """Quick build: output curves (x, output, net) of net1 and net2, dashed for net2."""
    return alt.Chart(frame).mark_line(strokeWidth=3, clip=True).encode(
        x=alt.X("x:Q"),
        y=alt.Y("output:Q", scale=alt.Scale(zero=False)),
        color=alt.Color("net:N", legend=alt.Legend(orient="top", title=None)),
        strokeDash=alt.StrokeDash("net:N", legend=None),
    ).properties(title=title, height=height)


def three_fits(points: pd.DataFrame, curves: dict[str, pd.DataFrame], *,
               y_domain: tuple[float, float], titles: dict[str, str],
               height: int = 240) -> alt.HConcatChart:
    """Save & restore: the course's three subplots, one fit_chart per net, side by side."""
    charts = [fit_chart(points, curve, y_domain=y_domain, height=height, title=titles[name])
              .properties(width=220) for name, curve in curves.items()]
    return alt.hconcat(*charts)


def lines_over_points(points: pd.DataFrame, lines: pd.DataFrame, *, colors: dict[str, str],
                      y_domain: tuple[float, float], dashed: Sequence[str] = (),
                      point_colors: dict[str, str] | None = None, title: str = "",
                      width: int = 400, height: int = 320,
                      legend_columns: int | None = None) -> alt.LayerChart:
    """Points (x, y, split) under fitted lines (x, y, series).

    ``colors`` lists the series drawn, in legend order, with their colours; ``dashed`` the
    series drawn dashed; ``legend_columns`` wraps the lines' legend (five optimizers in a
    narrow column). Like :func:`race_chart`, the spec depends on the options only.
    """
    y_scale = alt.Scale(domain=list(y_domain), nice=False)
    x_scale = alt.Scale(domain=[-1.05, 1.05], nice=False)
    point_colors = point_colors or {"train": "#bbbbbb"}
    dots = alt.Chart(points).mark_circle(size=40, opacity=0.6).encode(
        x=alt.X("x:Q", scale=x_scale),
        y=alt.Y("y:Q", scale=y_scale),
        color=alt.Color("split:N", legend=alt.Legend(orient="bottom", title=None, labelLimit=0),
                        scale=alt.Scale(domain=list(point_colors),
                                        range=list(point_colors.values()))),
    )
    series = list(colors)
    line_layer = alt.Chart(lines).mark_line(strokeWidth=3, clip=True).encode(
        x=alt.X("x:Q", scale=x_scale),
        y=alt.Y("y:Q", scale=y_scale),
        color=alt.Color("series:N", title=None,
                        legend=alt.Legend(orient="top", columns=legend_columns or alt.Undefined),
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
    x_range, y_range = equal_unit_ranges(extent)  # equal units on both axes, also stretched
    x_scale = alt.Scale(domain=[x0, x1], nice=False, range=x_range)
    y_scale = alt.Scale(domain=[y0, y1], nice=False, range=y_range)
    width = size
    height = int(round(size * (y1 - y0) / (x1 - x0))) + SURFACE_EXTRA_HEIGHT
    lines = alt.Chart(contours).mark_rule(strokeWidth=1).encode(
        x=alt.X("x:Q", scale=x_scale, title="x"), y=alt.Y("y:Q", scale=y_scale, title="y"),
        x2="x2:Q", y2="y2:Q",
        color=alt.Color("level:Q", scale=alt.Scale(type="log", scheme="greys", reverse=True),
                        legend=None),
    )
    names = list(dict.fromkeys(paths["optimizer"])) if len(paths) else []
    color = optimizer_color(names)
    trail = alt.Chart(paths).mark_line(strokeWidth=2, clip=True).encode(
        x=alt.X("x:Q", scale=x_scale), y=alt.Y("y:Q", scale=y_scale), order="step:Q",
        color=color)
    dots = alt.Chart(paths).mark_circle(size=14, clip=True).encode(
        x=alt.X("x:Q", scale=x_scale), y=alt.Y("y:Q", scale=y_scale),
        color=optimizer_color(names, legend=False),  # the lines' legend is enough
        tooltip=["optimizer:N", "step:Q", alt.Tooltip("x:Q", format=".3f"),
                 alt.Tooltip("y:Q", format=".3f"), alt.Tooltip("loss:Q", format=".4g")])
    star = alt.Chart(pd.DataFrame({"x": [minimum[0]], "y": [minimum[1]]})).mark_point(
        shape="diamond", size=160, filled=True, color="black").encode(
        x=alt.X("x:Q", scale=x_scale), y=alt.Y("y:Q", scale=y_scale))
    return alt.layer(lines, trail, dots, star).resolve_scale(color="independent").properties(
        title=title, width=width, height=height)
