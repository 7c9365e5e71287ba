"""Bars: probabilities, accuracy per class, timings. Pure Altair builders, no Streamlit."""
from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import numpy as np
import pandas as pd

from ui.charts.curves import log_axis


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
        y=alt.Y("seconds:Q", title=y_title, scale=alt.Scale(type="log"), axis=log_axis(y_title)),
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


def digit_probabilities_frame(probabilities: Sequence[float]) -> pd.DataFrame:
    """One row per digit 0..9: its probability, and whether it is the most likely one."""
    p = np.asarray(probabilities, dtype=float)
    return pd.DataFrame({"digit": np.arange(len(p)), "probability": p,
                         "best": np.arange(len(p)) == int(p.argmax())})


def digit_probabilities_bars(frame: pd.DataFrame, *, title: str, x_title: str,
                             height: int = 200) -> alt.Chart:
    """A :func:`digit_probabilities_frame` as one bar per digit, the most likely highlighted
    (the spec holds no probability: ui/frames.py compiles it once)."""
    return alt.Chart(frame).mark_bar().encode(
        x=alt.X("digit:O", title=x_title, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("probability:Q", scale=alt.Scale(domain=[0, 1]), title=None),
        color=alt.condition(alt.datum.best, alt.value("#f59322"), alt.value("#0877bd")),
        tooltip=["digit:O", alt.Tooltip("probability:Q", format=".3f")],
    ).properties(title=title, height=height)


def probabilities_chart(probabilities: Sequence[float], *, title: str, x_title: str,
                        height: int = 200) -> alt.Chart:
    """One bar per digit 0..9; the most likely one highlighted."""
    return digit_probabilities_bars(digit_probabilities_frame(probabilities), title=title,
                                    x_title=x_title, height=height)


def class_accuracy_chart(names: Sequence[str], accuracy: Sequence[float | None], *,
                         title: str = "", x_title: str = "accuracy", height: int | None = None) -> alt.Chart:
    """One horizontal bar per class, 0 to 100 %; a class without test images gets no bar."""
    data = pd.DataFrame({"class": list(names),
                         "accuracy": [np.nan if a is None else float(a) for a in accuracy]})
    data = data[np.isfinite(data["accuracy"])]
    bars = alt.Chart(data).mark_bar(color="#0877bd").encode(
        x=alt.X("accuracy:Q", title=x_title, scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format="%")),
        y=alt.Y("class:N", title=None, sort=list(names), axis=alt.Axis(labelOverlap=False)),
        tooltip=["class:N", alt.Tooltip("accuracy:Q", format=".1%")],
    )
    text = bars.mark_text(align="left", dx=3).encode(text=alt.Text("accuracy:Q", format=".0%"))
    height = height or 26 * len(names)  # every class name readable
    return alt.layer(bars, text).properties(height=height, title=title)
