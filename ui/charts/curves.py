"""Curves over steps or time: loss curves (the training page frame, the optimizers' race,
the autograd methods, epochs) and sequences (RNN regression). Pure Altair builders, no Streamlit."""
from __future__ import annotations

from collections.abc import Mapping, Sequence

import altair as alt
import numpy as np
import pandas as pd

from core.smoothing import ema
from ui.charts import Columns
from ui.charts.palette import OPTIMIZER_COLORS, optimizer_color

MAX_POINTS_PER_SERIES = 400  # curves are thinned to this: a frame must stay small


# A log axis labels whole decades only (1, 0.1, 0.01): Vega's own log ticks, thinned where
# they overlap, left odd labels such as 0.4, 0.05, 0.01. Its "nice" domain spans at least one
# decade, so two labels always show.
DECADES = [10.0 ** e for e in range(-20, 21)]


def log_axis(title: str | None = None) -> alt.Axis:
    return alt.Axis(title=title, values=DECADES, format="~g")


def thin(steps: np.ndarray, limit: int = MAX_POINTS_PER_SERIES) -> np.ndarray:
    """Indices keeping at most ``limit`` evenly spaced points, always the last one."""
    n = len(steps)
    if n <= limit:
        return np.arange(n)
    idx = np.linspace(0, n - 1, limit).round().astype(int)
    return np.unique(idx)


def curves_frame(steps: Sequence[int], series: dict[str, Sequence[float]]) -> Columns:
    """Long format (step, series, value) from {name: values aligned with steps (NaN = absent)}.

    Each series is thinned on its own, among its own points: a test loss measured every 50
    steps keeps every measurement, however many training steps lie between them. Columns, not
    a DataFrame: the training page makes them anew with every live frame (see ui/frames.py).
    """
    steps = np.asarray(steps)
    kept_steps, names, kept_values = [], [], []
    for name, values in series.items():
        values = np.asarray(values, dtype=float)
        present = np.flatnonzero(np.isfinite(values))
        keep = present[thin(present)]
        kept_steps.append(steps[keep])
        names += [name] * len(keep)
        kept_values.append(values[keep])
    if not names:
        return {"step": np.empty(0, steps.dtype), "series": [], "value": np.empty(0)}
    return {"step": np.concatenate(kept_steps), "series": names,
            "value": np.concatenate(kept_values)}


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
        # steps are whole numbers: no 0.5 tick on a run of two epochs
        x=alt.X("step:Q", title=x_title, scale=x_scale, axis=alt.Axis(tickMinStep=1)),
        y=alt.Y("value:Q", title=y_title, scale=y_scale,
                axis=log_axis(y_title) if log else alt.Undefined),
        color=color,
        tooltip=["series:N", "step:Q", alt.Tooltip("value:Q", format=".4g")],
    )
    rule = alt.Chart(cursor).mark_rule(color="#888", strokeDash=[4, 3]).encode(x="step:Q")
    return alt.layer(lines, rule).properties(title=title, height=height)


def overlapping_curves(losses: dict[str, Sequence[float]], *, y_title: str = "loss",
                       height: int = 400) -> alt.Chart:
    """Curves that should coincide, drawn so that all stay visible: widest first, dashed on top."""
    names = list(losses)
    frame = pd.concat([pd.DataFrame({"step": np.arange(1, len(v) + 1), "value": v, "series": k})
                       for k, v in losses.items()], ignore_index=True)
    frame = frame[np.isfinite(frame["value"]) & (frame["value"] > 0)]  # a log axis cannot show 0
    widths = [7, 4, 1.5][: len(names)] + [1.5] * max(0, len(names) - 3)
    dashes = [[1, 0], [8, 4], [2, 2]][: len(names)] + [[1, 0]] * max(0, len(names) - 3)
    return alt.Chart(frame).mark_line(clip=True).encode(
        x=alt.X("step:Q", title="step"),
        y=alt.Y("value:Q", title=y_title, scale=alt.Scale(type="log"), axis=log_axis(y_title)),
        color=alt.Color("series:N", title=None, legend=alt.Legend(orient="top"), sort=names),
        strokeWidth=alt.StrokeWidth("series:N", legend=None, sort=names,
                                    scale=alt.Scale(domain=names, range=widths)),
        strokeDash=alt.StrokeDash("series:N", legend=None, sort=names,
                                  scale=alt.Scale(domain=names, range=dashes)),
        tooltip=["series:N", "step:Q", alt.Tooltip("value:Q", format=".6g")],
    ).properties(height=height)


def difference_frame(losses: dict[str, Sequence[float]], reference: str) -> pd.DataFrame:
    """|curve - reference| per step for every other curve, long format (step, series, value)."""
    ref = np.asarray(losses[reference], dtype=float)
    frames = []
    for name, values in losses.items():
        if name == reference:
            continue
        diff = np.abs(np.asarray(values, dtype=float) - ref)
        frames.append(pd.DataFrame({"step": np.arange(1, len(diff) + 1), "series": name, "value": diff}))
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(
        {"step": [], "series": [], "value": []})


def difference_chart(frame: pd.DataFrame, *, y_title: str, height: int = 320) -> alt.Chart:
    """The tiny differences on a log axis; exact zeros are dropped (log(0) does not exist)."""
    shown = frame[frame["value"] > 0]
    return alt.Chart(shown).mark_circle(size=18).encode(
        x=alt.X("step:Q", title="step"),
        y=alt.Y("value:Q", title=y_title, scale=alt.Scale(type="log"), axis=log_axis(y_title)),
        color=alt.Color("series:N", title=None, legend=alt.Legend(orient="top")),
        tooltip=["series:N", "step:Q", alt.Tooltip("value:Q", format=".3g")],
    ).properties(height=height)


def epoch_frame(history: Sequence[dict], names: dict[str, str]) -> pd.DataFrame:
    """Per-epoch rows {epoch, train_loss, ...} -> long format (epoch, series, value)."""
    rows = [{"epoch": h["epoch"], "series": label, "value": h[key]}
            for h in history for key, label in names.items() if key in h]
    return pd.DataFrame(rows, columns=["epoch", "series", "value"])


def epoch_chart(frame: pd.DataFrame, *, title: str, y_title: str, x_title: str, epochs: int,
                resumed_after: int = 0, order: Sequence[str] | None = None,
                height: int = 260) -> alt.Chart:
    """Lines with a dot per epoch; a dashed rule where a resumed run picked up.

    order: the series in legend/colour order (else alphabetical), to match the page's other chart.
    """
    scale = alt.Scale(domain=list(order)) if order else alt.Undefined
    chart = alt.Chart(frame).mark_line(point=True).encode(
        x=alt.X("epoch:Q", title=x_title, scale=alt.Scale(domain=[0, max(epochs, 1)]),
                axis=alt.Axis(tickMinStep=1)),
        y=alt.Y("value:Q", title=y_title),
        color=alt.Color("series:N", title=None, legend=alt.Legend(orient="top"), scale=scale),
        tooltip=["series:N", "epoch:Q", alt.Tooltip("value:Q", format=".4f")],
    )
    if resumed_after:
        rule = alt.Chart(pd.DataFrame({"epoch": [resumed_after]})).mark_rule(
            color="#888", strokeDash=[4, 3]).encode(x="epoch:Q")
        chart = alt.layer(chart, rule)
    return chart.properties(title=title, height=height)


# the course's colours: target red, prediction blue; the input in grey
SEQ_COLORS = ("#d62728", "#1f77b4", "#9e9e9e")


def sequence_frame(t: Sequence[float], series: Mapping[str, Sequence[float]]) -> pd.DataFrame:
    """Long format (t, series, value), non-finite values dropped (never draw garbage)."""
    frames = [pd.DataFrame({"t": np.asarray(t, float), "series": name, "value": np.asarray(v, float)})
              for name, v in series.items()]
    data = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(
        {"t": [], "series": [], "value": []})
    return data[np.isfinite(data["value"])]


def sequence_chart(data: pd.DataFrame, *, order: Sequence[str], x_title: str = "t",
                   y_domain: tuple[float, float] = (-1.6, 1.6), height: int = 420,
                   title: str = "", points: bool = True) -> alt.Chart:
    """Lines over time, one per series, in ``order`` (target, prediction, input).

    ``height`` holds the title, legend and x axis too (Streamlit fits the whole chart):
    300 left a plot about 100 px tall."""
    color = alt.Color("series:N", title=None, legend=alt.Legend(orient="top"),
                      scale=alt.Scale(domain=list(order), range=list(SEQ_COLORS[:len(order)])),
                      sort=list(order))
    dash = alt.StrokeDash("series:N", legend=None, sort=list(order),
                          scale=alt.Scale(domain=list(order), range=[[1, 0], [1, 0], [4, 3]][:len(order)]))
    line = alt.Chart(data).mark_line(strokeWidth=2.5, clip=True, point=points).encode(
        x=alt.X("t:Q", title=x_title, scale=alt.Scale(zero=False, nice=False)),
        y=alt.Y("value:Q", title=None, scale=alt.Scale(domain=list(y_domain), nice=False)),
        color=color, strokeDash=dash,
        tooltip=["series:N", alt.Tooltip("t:Q", format=".3f"), alt.Tooltip("value:Q", format=".4f")],
    )
    return line.properties(height=height, title=title)


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


def race_chart(raw: pd.DataFrame, smoothed: pd.DataFrame, *,
               names: Sequence[str] = tuple(OPTIMIZER_COLORS), log: bool = False,
               y_domain: tuple[float, float] = (0, 0.2), x_max: int | None = None,
               title: str = "", y_title: str = "loss", x_title: str = "step", width: int = 400,
               height: int = 320) -> alt.LayerChart:
    """Raw curves thin and faint, smoothed curves bold; y fixed to ``y_domain`` unless log.

    One frame per layer and a spec that depends on the options only, never on the data
    (``names`` are the optimizers racing): ui.frames compiles it once and swaps the data.
    """
    y_scale = alt.Scale(type="log") if log else alt.Scale(domain=list(y_domain), clamp=True)
    x_scale = alt.Scale(domain=[0, x_max]) if x_max else alt.Undefined
    x = alt.X("step:Q", title=x_title, scale=x_scale)
    y = alt.Y("value:Q", title=y_title, scale=y_scale,
              axis=log_axis(y_title) if log else alt.Undefined)
    faint = alt.Chart(raw).mark_line(strokeWidth=1, opacity=0.3, clip=True).encode(
        x=x, y=y, color=optimizer_color(names, legend=False))
    bold = alt.Chart(smoothed).mark_line(strokeWidth=2.5, clip=True).encode(
        x=x, y=y, color=optimizer_color(names),
        tooltip=["optimizer:N", "step:Q", alt.Tooltip("value:Q", format=".4f", title=y_title)])
    return (alt.layer(faint, bold).resolve_legend(color="independent")
            .properties(title=title, width=width, height=height))
