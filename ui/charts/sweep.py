"""The pictures of a sweep: a heat map over two settings, a line with error bars over one, and
every run as a line across parallel axes. Pure Altair builders, no Streamlit.

A cell (a point, a line) carries the number of one of its runs in the field ``run``: a page that
passes ``on_select`` to ``st.altair_chart`` learns which run was clicked from the selection
named :data:`PICK`.
"""
from __future__ import annotations

import math
from collections.abc import Sequence

import altair as alt
import pandas as pd

PICK = "pick"  # the selection's name: clicking a cell or a point selects its run
BEST_COLOR = "#d62728"
WAITING_COLOR = "#eeeeee"  # a cell with no finished run (yet)
SCHEME = "viridis"


def _pick() -> alt.Parameter:
    return alt.selection_point(name=PICK, fields=["run"], on="click", clear=False)


def _color(goal: str, title: str, field: str) -> alt.Color:
    # The better end is always the bright one: losses (min) reversed, accuracies (max) not.
    return alt.Color(f"{field}:Q", title=title,
                     scale=alt.Scale(scheme=SCHEME, reverse=goal == "min"),
                     legend=alt.Legend(orient="right"))


def sweep_heatmap(frame: pd.DataFrame, *, x_title: str, y_title: str, metric_title: str,
                  goal: str, x_order: Sequence[str], y_order: Sequence[str],
                  size: int = 360) -> alt.LayerChart:
    """frame: one row per cell with x, y (text), mean (NaN: none finished), text (what to
    write in the cell), state ("done", "diverged", "waiting", "failed"), best (bool), dark
    (bool: white text on a dark cell), run (int)."""
    # Every cell is one mark of one layer, so every cell is clickable. Vega-Lite leaves out
    # the rows whose colour field is NaN: the colour reads "shade", the mean where a run
    # finished and elsewhere the lowest finished mean (which moves neither end of the scale),
    # and cells not done are grey by the condition.
    finite = frame["mean"].map(math.isfinite)
    filler = float(frame["mean"][finite].min()) if finite.any() else 0.0
    # What a screen reader says of a cell (its aria-label), e.g. "lr 0.1, hidden 8: 0.3".
    about = (x_title + " " + frame["x"].astype(str) + ", " + y_title + " "
             + frame["y"].astype(str) + ": " + frame["text"].astype(str))
    data = frame.assign(shade=frame["mean"].where(finite, filler), about=about)
    base = alt.Chart(data).encode(
        x=alt.X("x:N", title=x_title, sort=list(x_order), axis=alt.Axis(labelAngle=0)),
        y=alt.Y("y:N", title=y_title, sort=list(reversed(y_order))),
        tooltip=[alt.Tooltip("x:N", title=x_title), alt.Tooltip("y:N", title=y_title),
                 alt.Tooltip("text:N", title=metric_title), alt.Tooltip("run:Q", title="run")],
        description="about:N",
    )
    cells = base.mark_rect(stroke="white", strokeWidth=1).encode(
        color=alt.when(alt.datum.state == "done").then(_color(goal, metric_title, "shade"))
        .otherwise(alt.value(WAITING_COLOR))).add_params(_pick())
    # Fixed colours by condition, never a field with scale=None: Streamlit's chart element
    # cannot draw a spec holding "scale": null (the whole heat map stayed blank).
    ink = (alt.when(alt.datum.state == "diverged").then(alt.value(BEST_COLOR))
           .when(alt.datum.dark).then(alt.value("white")).otherwise(alt.value("#222")))
    text = base.mark_text(fontSize=12).encode(text="text:N", color=ink)
    # The best cell framed in red (a frame leaves its figure readable; a marker covered it).
    best = base.transform_filter("datum.best").mark_rect(
        filled=False, stroke=BEST_COLOR, strokeWidth=4)
    return alt.layer(cells, text, best).properties(width=size, height=size)


def sweep_line(frame: pd.DataFrame, *, x_title: str, metric_title: str,
               x_order: Sequence[str], height: int = 300) -> alt.LayerChart:
    """frame: one row per value of the swept setting: x (text), mean, lo, hi (mean -/+ the
    spread over seeds), state, best, run. Diverged values are red crosses on the axis."""
    base = alt.Chart(frame).encode(
        x=alt.X("x:N", title=x_title, sort=list(x_order), axis=alt.Axis(labelAngle=0)))
    finished = base.transform_filter("isValid(datum.mean) && isFinite(datum.mean)")
    y = alt.Y("mean:Q", title=metric_title, scale=alt.Scale(zero=False))
    line = finished.mark_line(color="#0068c9").encode(y=y)
    bars = finished.mark_rule(color="#0068c9").encode(y="lo:Q", y2="hi:Q")
    points = finished.mark_point(filled=True, size=80, color="#0068c9").encode(
        y=y, tooltip=[alt.Tooltip("x:N", title=x_title), alt.Tooltip("text:N", title=metric_title),
                      "run:Q"]).add_params(_pick())
    best = finished.transform_filter("datum.best").mark_point(
        shape="diamond", size=300, strokeWidth=3, color=BEST_COLOR).encode(y=y)
    diverged = base.transform_filter("datum.state == 'diverged'").mark_point(
        shape="cross", size=150, color=BEST_COLOR, filled=True).encode(
        y=alt.value(height - 8), tooltip=[alt.Tooltip("x:N", title=x_title), "text:N"])
    return alt.layer(line, bars, points, best, diverged).properties(height=height)


def runs_parallel(runs: pd.DataFrame, *, axes: Sequence[tuple[str, str, Sequence[str]]],
                  metric_title: str, goal: str, height: int = 280) -> alt.LayerChart:
    """Every finished run as a line across parallel axes, one per swept setting and the
    metric last (TensorBoard's HParams view): which values lead to good runs, at a glance.

    runs: one row per finished run: run (int), value (its metric, finite) and a text column
    per setting axis. axes: (column, title, its values in order) per setting axis. Each axis
    runs from 0 (bottom) to 1 (top): a setting's values evenly spaced in their order, the
    metric from its lowest to its highest value. The line's colour is the metric's (the
    better end bright, as in the heat map); clicking a line selects its run (:data:`PICK`).
    """
    titles = [title for _, title, _ in axes] + [metric_title]
    # What a screen reader says of a line (its aria-label), e.g. "#3: lr 0.2, hidden 8: 0.31":
    # a heat-map cell's wording after the run's number (no words to translate but the titles).
    about = "#" + runs["run"].astype(str) + ": "
    if axes:
        settings = [title + " " + runs[column].astype(str) for column, title, _ in axes]
        about += pd.concat(settings, axis=1).agg(", ".join, axis=1) + ": "
    about += runs["value"].map(lambda v: f"{v:.4g}")
    parts, ticks = [], []
    for column, title, order in axes:
        where = {v: i / (len(order) - 1) if len(order) > 1 else 0.5 for i, v in enumerate(order)}
        parts.append(pd.DataFrame({"run": runs["run"], "axis": title, "about": about,
                                   "pos": runs[column].map(where), "value": runs["value"]}))
        ticks += [{"axis": title, "pos": p, "label": v} for v, p in where.items()]
    lo, hi = float(runs["value"].min()), float(runs["value"].max())
    span = (hi - lo) or 1.0
    parts.append(pd.DataFrame({"run": runs["run"], "axis": metric_title, "about": about,
                               "pos": (runs["value"] - lo) / span, "value": runs["value"]}))
    ticks += [{"axis": metric_title, "pos": p, "label": f"{lo + p * span:.3g}"}
              for p in ((0.0, 0.5, 1.0) if hi > lo else (0.0,))]
    x = alt.X("axis:N", sort=titles, title=None,
              axis=alt.Axis(orient="top", labelAngle=0, domain=False, ticks=False,
                            labelLimit=200))
    y = alt.Y("pos:Q", axis=None, scale=alt.Scale(domain=[-0.05, 1.05]))
    lines = alt.Chart(pd.concat(parts, ignore_index=True)).mark_line(
        strokeWidth=2.5, opacity=0.7).encode(
        x=x, y=y, detail="run:N", color=_color(goal, metric_title, "value"),
        tooltip=["run:Q", alt.Tooltip("value:Q", title=metric_title, format=".4g")],
        description="about:N",
    ).add_params(_pick())
    rules = alt.Chart(pd.DataFrame({"axis": titles})).mark_rule(color="#888").encode(x=x)
    labels = alt.Chart(pd.DataFrame(ticks)).mark_text(
        align="left", dx=5, fontSize=12, fontWeight="bold", color="#222").encode(
        x=x, y=y, text="label:N")
    return alt.layer(rules, lines, labels).properties(height=height)
