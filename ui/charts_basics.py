"""Chart builders of the Basics and Hardware pages: data in, ``alt.Chart`` out (no Streamlit)."""
from __future__ import annotations

from typing import Sequence

import altair as alt
import numpy as np
import pandas as pd

FUNCTION_COLOR = "#d62728"  # the course plots its activations in red
DERIVATIVE_COLOR = "#1f77b4"


# Streamlit fits the whole chart (title, legend, axis titles) into ``height``: the heights below
# leave the plot itself about two thirds of it.


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
        y=alt.Y("value:Q", title=y_title, scale=alt.Scale(type="log")),
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
        y=alt.Y("value:Q", title=y_title, scale=alt.Scale(type="log")),
        color=alt.Color("series:N", title=None, legend=alt.Legend(orient="top")),
        tooltip=["series:N", "step:Q", alt.Tooltip("value:Q", format=".3g")],
    ).properties(height=height)


def probability_bars(labels: Sequence[str], probabilities: Sequence[float], *, y_title: str,
                     height: int = 320) -> alt.Chart:
    """Softmax output as bars on a fixed 0..1 axis, so a temperature change is visible as such."""
    frame = pd.DataFrame({"entry": list(labels), "p": list(probabilities)})
    bars = alt.Chart(frame).mark_bar(color="#ee4c2c").encode(
        x=alt.X("entry:N", title=None, sort=list(labels)),
        y=alt.Y("p:Q", title=y_title, scale=alt.Scale(domain=[0, 1])),
        tooltip=["entry:N", alt.Tooltip("p:Q", format=".4f")],
    )
    text = bars.mark_text(dy=-6, color="#333").encode(text=alt.Text("p:Q", format=".3f"))
    return alt.layer(bars, text).properties(height=height)


def timing_chart(frame: pd.DataFrame, *, x_title: str, y_title: str, height: int = 380) -> alt.Chart:
    """Seconds per matrix size, one line per device, log-log (columns device, size, seconds)."""
    base = alt.Chart(frame).encode(
        x=alt.X("size:Q", title=x_title, scale=alt.Scale(type="log", base=2),
                axis=alt.Axis(values=sorted({int(v) for v in frame["size"]}))),  # ticks at the sizes
        y=alt.Y("seconds:Q", title=y_title, scale=alt.Scale(type="log")),
        color=alt.Color("device:N", title=None, legend=alt.Legend(orient="top")),
        tooltip=["device:N", "size:Q", alt.Tooltip("seconds:Q", format=".3g")],
    )
    return alt.layer(base.mark_line(), base.mark_point(filled=True, size=50)).properties(height=height)


def speedup_chart(frame: pd.DataFrame, *, y_title: str, height: int = 360) -> alt.Chart:
    """Bars of cpu time / device time (columns device, work, speedup); the rule marks 1x."""
    bars = alt.Chart(frame).mark_bar().encode(
        x=alt.X("work:N", title=None, sort=list(dict.fromkeys(frame["work"]))),
        xOffset="device:N",
        y=alt.Y("speedup:Q", title=y_title),
        color=alt.Color("device:N", title=None, legend=alt.Legend(orient="top")),
        tooltip=["device:N", "work:N", alt.Tooltip("speedup:Q", format=".2f")],
    )
    one = alt.Chart(pd.DataFrame({"y": [1.0]})).mark_rule(color="#888", strokeDash=[4, 3]).encode(y="y:Q")
    return alt.layer(bars, one).properties(height=height)
