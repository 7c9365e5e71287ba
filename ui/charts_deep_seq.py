"""Charts of the RNN regression and CIFAR-10 pages: pure Altair builders, no Streamlit."""
from __future__ import annotations

from typing import Mapping, Sequence

import altair as alt
import numpy as np
import pandas as pd

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
                   y_domain: tuple[float, float] = (-1.6, 1.6), height: int = 300,
                   title: str = "", points: bool = True) -> alt.Chart:
    """Lines over time, one per series, in ``order`` (target, prediction, input)."""
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
