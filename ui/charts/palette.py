"""Colours that several kinds of chart share (an optimizer keeps its colour everywhere)."""
from __future__ import annotations

from collections.abc import Sequence

import altair as alt

# Five hues far apart (Streamlit's paired light/dark blues and reds made SGD/Momentum and
# RMSprop/Adam look alike); the optimizers page gives the "Loss curves" chart the same ones.
OPTIMIZER_COLORS = {"SGD": "#1f77b4", "Momentum": "#2ca02c", "RMSprop": "#ff7f0e",
                    "Adam": "#9467bd", "Adagrad": "#8c564b"}


def optimizer_color(names: Sequence[str], legend: bool = True) -> alt.Color:
    domain = [n for n in OPTIMIZER_COLORS if n in names] or list(OPTIMIZER_COLORS)
    return alt.Color("optimizer:N", title=None,
                     legend=alt.Legend(orient="top", columns=3) if legend else None,
                     scale=alt.Scale(domain=domain, range=[OPTIMIZER_COLORS[n] for n in domain]))
