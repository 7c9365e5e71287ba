"""The class board's scatter: one point per submitted run. Pure Altair builder, no Streamlit.

Nicknames reach the chart only as data (tooltips and Vega render text, never HTML).
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from ui.charts.curves import log_axis

SELECTION = "pick"  # the point selection's name: st.altair_chart returns it under this key


def board_scatter(frame: pd.DataFrame, *, x: str, y: str, colour: str, x_title: str,
                  y_title: str, colour_title: str, log_x: bool, height: int = 360) -> alt.Chart:
    """``frame``: one row per run with columns id, nickname and the named x, y, colour (text
    such as ``"8"`` or ``"16,8"``: one width per layer, ordered as numbers, not as text)."""
    order = sorted(frame[colour].unique(), key=_as_numbers)
    pick = alt.selection_point(name=SELECTION, fields=["id"], on="click")
    scale = alt.Scale(type="log") if log_x else alt.Scale(zero=False)
    return (
        alt.Chart(frame)
        .mark_circle(size=140, opacity=0.85, stroke="black", strokeWidth=0.5)
        .encode(
            x=alt.X(f"{x}:Q", title=x_title, scale=scale,
                    axis=log_axis(x_title) if log_x else alt.Undefined),
            y=alt.Y(f"{y}:Q", title=y_title, scale=alt.Scale(zero=False)),
            color=alt.Color(f"{colour}:O", title=colour_title, sort=order,
                            scale=alt.Scale(scheme="viridis")),
            tooltip=[alt.Tooltip("nickname:N"), alt.Tooltip(f"{x}:Q", title=x_title),
                     alt.Tooltip(f"{y}:Q", title=y_title, format=".4f"),
                     alt.Tooltip(f"{colour}:O", title=colour_title)],
        )
        .add_params(pick)
        .properties(height=height)
    )


def _as_numbers(text: str) -> tuple:
    try:
        return tuple(float(part) for part in str(text).split(","))
    except ValueError:
        return (float("inf"),)
