"""Grids of cells (heat maps): confusion matrices, hidden states over time, which sample
lands in which batch. Pure Altair builders, no Streamlit."""
from __future__ import annotations

import colorsys
import json
from collections.abc import Sequence

import altair as alt
import numpy as np
import pandas as pd


def confusion_frame(matrix: np.ndarray) -> pd.DataFrame:
    """10x10 counts as rows (true, predicted, count); ``light``: a cell dark enough (over half
    the largest count) for white text."""
    matrix = np.asarray(matrix)
    n = matrix.shape[0]
    rows, cols = np.meshgrid(np.arange(n), np.arange(n), indexing="ij")
    counts = matrix.ravel().astype(int)
    return pd.DataFrame({"true": rows.ravel(), "predicted": cols.ravel(), "count": counts,
                         "diagonal": rows.ravel() == cols.ravel(),
                         "light": counts > max(int(matrix.max()), 1) / 2})


def confusion_layers(frame: pd.DataFrame, *, title: str, true_title: str, predicted_title: str,
                     size: int = 320) -> alt.LayerChart:
    """A :func:`confusion_frame` as a heat map with the numbers written in: row = true, column =
    predicted. Nothing in the spec depends on the counts, so a live frame only swaps the data
    (ui/frames.py)."""
    base = alt.Chart(frame).encode(
        x=alt.X("predicted:O", title=predicted_title, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("true:O", title=true_title),
    )
    cells = base.mark_rect().encode(
        color=alt.Color("count:Q", scale=alt.Scale(scheme="blues"), legend=None),
        tooltip=["true:O", "predicted:O", "count:Q"],
    )
    text = base.mark_text(fontSize=11).encode(
        text=alt.Text("count:Q"),
        color=alt.condition(alt.datum.light, alt.value("white"), alt.value("#333")),
    )
    return alt.layer(cells, text).properties(title=title, width=size, height=size)


def confusion_chart(matrix: np.ndarray, *, title: str, true_title: str, predicted_title: str,
                    size: int = 320) -> alt.LayerChart:
    """10x10 counts as a heat map with the numbers written in: row = true, column = predicted."""
    return confusion_layers(confusion_frame(matrix), title=title, true_title=true_title,
                            predicted_title=predicted_title, size=size)


def hidden_state_chart(hidden: np.ndarray, *, title: str, x_title: str, y_title: str,
                       height: int = 340) -> alt.Chart:
    """The LSTM's hidden state after each row: x = row 1..28, y = hidden unit, colour = value.

    LSTM outputs h = o * tanh(c) lie in (-1, 1): a fixed colour range makes frames comparable.
    """
    hidden = np.asarray(hidden, dtype=float)
    rows, units = np.meshgrid(np.arange(1, hidden.shape[0] + 1), np.arange(hidden.shape[1]),
                              indexing="ij")
    frame = pd.DataFrame({"row": rows.ravel(), "unit": units.ravel(), "value": hidden.ravel()})
    return alt.Chart(frame).mark_rect().encode(
        x=alt.X("row:O", title=x_title, axis=alt.Axis(labelAngle=0, values=[1, 7, 14, 21, 28])),
        y=alt.Y("unit:O", title=y_title, axis=alt.Axis(labels=False, ticks=False)),
        # a colour bar shorter than the cells: the default one ran past them, cut at "−1"
        # (``height`` holds the title and axis too: 260 left cells 140 px tall)
        color=alt.Color("value:Q", scale=alt.Scale(scheme="redblue", domain=[-1, 1], reverse=True),
                        title=None, legend=alt.Legend(gradientLength=height // 2)),
        tooltip=["row:O", "unit:O", alt.Tooltip("value:Q", format=".3f")],
    ).properties(title=title, height=height, width=alt.Step(12))  # 28 rows x 12 px: fits a column


def row_answers_chart(probabilities: np.ndarray, *, title: str, x_title: str, y_title: str,
                      height: int = 250) -> alt.Chart:
    """(28, 10) probabilities after each row: what the net would answer if it stopped there."""
    probabilities = np.asarray(probabilities, dtype=float)
    rows, digits = np.meshgrid(np.arange(1, probabilities.shape[0] + 1), np.arange(10),
                               indexing="ij")
    frame = pd.DataFrame({"row": rows.ravel(), "digit": digits.ravel(),
                          "probability": probabilities.ravel()})
    return alt.Chart(frame).mark_rect().encode(
        x=alt.X("row:O", title=x_title, axis=alt.Axis(labelAngle=0, values=[1, 7, 14, 21, 28])),
        y=alt.Y("digit:O", title=y_title, axis=alt.Axis(labelOverlap=False)),
        color=alt.Color("probability:Q", scale=alt.Scale(scheme="greys", domain=[0, 1]), title=None),
        tooltip=["row:O", "digit:O", alt.Tooltip("probability:Q", format=".3f")],
    ).properties(title=title, height=height, width=alt.Step(15))


# The course's colours while an epoch has at most 10 batches; more get evenly spaced hues
# (see batch_colors), so 14 batches of 3 never share a colour as a repeating list did.
BATCH_COLORS = ["#0877bd", "#f59322", "#2ca02c", "#9467bd", "#d62728", "#8c564b", "#e377c2",
                "#17becf", "#bcbd22", "#7f7f7f"]
DROPPED_COLOR, WAITING_COLOR = "#bbbbbb", "#eeeeee"
GRID_WIDTH, GRID_HEIGHT = 280, 320  # px the cells may take: with axis and legend, the picture
# column of a 1280 px page


def batch_colors(n: int) -> list[str]:
    """n distinct colours: the course's ten, or n hues around the wheel, neighbours told
    apart by alternating lightness."""
    if n <= len(BATCH_COLORS):
        return BATCH_COLORS[:n]
    return ["#{:02x}{:02x}{:02x}".format(*(round(255 * c) for c in colorsys.hls_to_rgb(
        0.85 * i / n, 0.42 if i % 2 == 0 else 0.58, 0.7))) for i in range(n)]


def batch_frame(records: Sequence, n_points: int, epochs: int, upto: int) -> pd.DataFrame:
    """One row per (epoch, sample): which batch took it among the first ``upto`` batches.

    records: core.tasks.batch.BatchRecord list in delivery order. Samples not delivered yet
    have batch "" (drawn grey); after the last batch of an epoch they are "dropped".
    slot is the batch's number inside its epoch (1-based: the colour), position the sample's
    place inside its batch (1-based, the cell's text).
    """
    delivered: dict[tuple[int, int], tuple[int, int, int]] = {}
    finished_epochs = set()
    first_step = {}
    for n, record in enumerate(records[:upto]):
        first_step.setdefault(record.epoch, record.step)
        for position, index in enumerate(record.indices, start=1):
            delivered[(record.epoch, index)] = (record.step, record.step - first_step[record.epoch] + 1,
                                                position)
        if n + 1 == len(records) or records[n + 1].epoch != record.epoch:
            finished_epochs.add(record.epoch)
    current = records[upto - 1] if 0 < upto <= len(records) else None
    rows = []
    for epoch in range(epochs):
        for index in range(n_points):
            step, slot, position = delivered.get((epoch, index), (None, None, None))
            if step is not None:
                label = f"batch {step}"
            elif epoch in finished_epochs:
                label = "dropped"
            else:
                label = ""
            rows.append({
                "epoch": epoch, "sample": index, "batch": label,
                "slot": str(slot) if slot is not None else label,
                "position": "" if position is None else str(position),
                "current": bool(current is not None and current.epoch == epoch
                                and index in current.indices),
            })
    return pd.DataFrame(rows)


def batch_grid(frame: pd.DataFrame, *, batches_per_epoch: int, x_title: str = "sample index",
               y_title: str = "epoch", legend_title: str = "batch of its epoch",
               dropped: str = "dropped") -> alt.Chart:
    """A grid epoch × sample coloured by the batch of its epoch; the batch being delivered is
    outlined. Square cells sized so the grid fits GRID_WIDTH × GRID_HEIGHT (44 px at most: the
    course's 10 × 3 grid is large, 40 × 20 still fits its column)."""
    n_samples = max(frame["sample"].nunique(), 1) if len(frame) else 1
    n_epochs = max(frame["epoch"].nunique(), 1) if len(frame) else 1
    cell = max(7, min(44, GRID_WIDTH // n_samples, GRID_HEIGHT // n_epochs))
    slots = [str(k) for k in range(1, batches_per_epoch + 1)]
    shown = slots + (["dropped"] if (frame["slot"] == "dropped").any() else [])
    domain = slots + ["dropped", ""]
    colors = batch_colors(len(slots)) + [DROPPED_COLOR, WAITING_COLOR]
    base = alt.Chart(frame).encode(
        x=alt.X("sample:O", title=x_title,
                axis=alt.Axis(labelAngle=0, values=list(range(0, n_samples, 1 if cell >= 20 else 5)))),
        y=alt.Y("epoch:O", title=y_title,
                axis=alt.Axis(values=list(range(0, n_epochs, 1 if cell >= 14 else 5)))),
    )
    cells = base.mark_rect().encode(
        color=alt.Color("slot:N", scale=alt.Scale(domain=domain, range=colors),
                        # (a top legend squashes this layered chart in Streamlit: keep it right;
                        # two columns of short labels when an epoch has many batches)
                        legend=alt.Legend(title=legend_title, values=shown,
                                          columns=1 if len(slots) <= 8 else 2,
                                          labelExpr=f"datum.value === 'dropped' ? {json.dumps(dropped)} "
                                                    ": datum.label")),
        # the batch being delivered gets a black outline, the others a white gap
        stroke=alt.condition(alt.datum.current, alt.value("black"), alt.value("white")),
        strokeWidth=alt.condition(alt.datum.current, alt.value(3), alt.value(1 if cell < 20 else 2)),
        tooltip=["epoch:O", "sample:O", "batch:N", "slot:N", "position:N"],
    )
    # the place in the batch, where a cell is big enough to read it
    text = base.mark_text(color="white", fontWeight="bold", fontSize=min(12, cell // 2 + 2),
                          opacity=1 if cell >= 16 else 0).encode(text="position:N")
    return alt.layer(cells, text).properties(width=alt.Step(cell), height=alt.Step(cell))
