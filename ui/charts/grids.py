"""Grids of cells (heat maps): confusion matrices, hidden states over time, which sample
lands in which batch. Pure Altair builders, no Streamlit."""
from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import numpy as np
import pandas as pd


def confusion_chart(matrix: np.ndarray, *, title: str, true_title: str, predicted_title: str,
                    size: int = 320) -> alt.Chart:
    """10x10 counts as a heat map with the numbers written in: row = true, column = predicted."""
    matrix = np.asarray(matrix)
    n = matrix.shape[0]
    rows, cols = np.meshgrid(np.arange(n), np.arange(n), indexing="ij")
    frame = pd.DataFrame({"true": rows.ravel(), "predicted": cols.ravel(),
                          "count": matrix.ravel().astype(int)})
    frame["diagonal"] = frame["true"] == frame["predicted"]
    base = alt.Chart(frame).encode(
        x=alt.X("predicted:O", title=predicted_title, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("true:O", title=true_title),
    )
    cells = base.mark_rect().encode(
        color=alt.Color("count:Q", scale=alt.Scale(scheme="blues"), legend=None),
        tooltip=["true:O", "predicted:O", "count:Q"],
    )
    limit = max(int(matrix.max()), 1) / 2
    text = base.mark_text(fontSize=11).encode(
        text=alt.Text("count:Q"),
        color=alt.condition(alt.datum.count > limit, alt.value("white"), alt.value("#333")),
    )
    return alt.layer(cells, text).properties(title=title, width=size, height=size)


def hidden_state_chart(hidden: np.ndarray, *, title: str, x_title: str, y_title: str,
                       height: int = 260) -> alt.Chart:
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
        color=alt.Color("value:Q", scale=alt.Scale(scheme="redblue", domain=[-1, 1], reverse=True),
                        title=None),
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


BATCH_COLORS = ["#0877bd", "#f59322", "#2ca02c", "#9467bd", "#d62728", "#8c564b", "#e377c2",
                "#17becf", "#bcbd22", "#7f7f7f"]


def batch_frame(records: Sequence, n_points: int, epochs: int, upto: int) -> pd.DataFrame:
    """One row per (epoch, sample): which batch took it among the first ``upto`` batches.

    records: core.tasks.batch.BatchRecord list in delivery order. Samples not delivered yet
    have batch "" (drawn grey); after the last batch of an epoch they are "dropped".
    position is the sample's place inside its batch (1-based), shown as the cell's text.
    """
    delivered: dict[tuple[int, int], tuple[int, int]] = {}
    finished_epochs = set()
    for n, record in enumerate(records[:upto]):
        for position, index in enumerate(record.indices, start=1):
            delivered[(record.epoch, index)] = (record.step, position)
        if n + 1 == len(records) or records[n + 1].epoch != record.epoch:
            finished_epochs.add(record.epoch)
    current = records[upto - 1] if 0 < upto <= len(records) else None
    rows = []
    for epoch in range(epochs):
        for index in range(n_points):
            step, position = delivered.get((epoch, index), (None, None))
            if step is not None:
                label = f"batch {step}"
            elif epoch in finished_epochs:
                label = "dropped"
            else:
                label = ""
            rows.append({
                "epoch": epoch, "sample": index, "batch": label,
                "position": "" if position is None else str(position),
                "current": bool(current is not None and current.epoch == epoch
                                and index in current.indices),
            })
    return pd.DataFrame(rows)


def batch_grid(frame: pd.DataFrame, *, x_title: str = "sample index",
               y_title: str = "epoch", height_per_epoch: int = 44) -> alt.Chart:
    """A grid epoch × sample coloured by batch; the batch being delivered is outlined."""
    steps = sorted({b for b in frame["batch"] if b.startswith("batch ")},
                   key=lambda b: int(b.split()[1]))
    domain = steps + ["dropped", ""]
    colors = [BATCH_COLORS[i % len(BATCH_COLORS)] for i in range(len(steps))] + ["#bbbbbb", "#eeeeee"]
    base = alt.Chart(frame).encode(
        x=alt.X("sample:O", title=x_title, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("epoch:O", title=y_title),
    )
    cells = base.mark_rect().encode(
        color=alt.Color("batch:N", scale=alt.Scale(domain=domain, range=colors),
                        # (a top legend squashes this layered chart in Streamlit: keep it right)
                        legend=alt.Legend(title=None, values=steps + ["dropped"])),
        # the batch being delivered gets a black outline, the others a white gap
        stroke=alt.condition(alt.datum.current, alt.value("black"), alt.value("white")),
        strokeWidth=alt.condition(alt.datum.current, alt.value(3), alt.value(2)),
        tooltip=["epoch:O", "sample:O", "batch:N", "position:N"],
    )
    text = base.mark_text(color="white", fontWeight="bold").encode(text="position:N")
    n_epochs = frame["epoch"].nunique() if len(frame) else 1
    return alt.layer(cells, text).properties(height=height_per_epoch * n_epochs)
