"""Colours that several kinds of chart share (an optimizer keeps its colour everywhere)."""
from __future__ import annotations

from collections.abc import Sequence

import altair as alt

# Streamlit's category colours in the course's order: the same colours as the shared
# "Loss curves" chart next to the race (ui.training_page draws its series in that order).
OPTIMIZER_COLORS = {"SGD": "#0068c9", "Momentum": "#83c9ff", "RMSprop": "#ff2b2b",
                    "Adam": "#ffabab", "Adagrad": "#29b09d"}


def optimizer_color(names: Sequence[str], legend: bool = True) -> alt.Color:
    domain = [n for n in OPTIMIZER_COLORS if n in names] or list(OPTIMIZER_COLORS)
    return alt.Color("optimizer:N", title=None,
                     legend=alt.Legend(orient="top", columns=3) if legend else None,
                     scale=alt.Scale(domain=domain, range=[OPTIMIZER_COLORS[n] for n in domain]))
