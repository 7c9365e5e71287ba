"""Charts of the Batch training, Quick build and Save & restore pages (pure Altair builders)."""
from __future__ import annotations

from typing import Sequence

import altair as alt
import pandas as pd

from ui.charts import fit_chart

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


def outputs_chart(frame: pd.DataFrame, *, title: str = "", height: int = 260) -> alt.Chart:
    """Quick build: output curves (x, output, net) of net1 and net2, dashed for net2."""
    return alt.Chart(frame).mark_line(strokeWidth=3, clip=True).encode(
        x=alt.X("x:Q"),
        y=alt.Y("output:Q", scale=alt.Scale(zero=False)),
        color=alt.Color("net:N", legend=alt.Legend(orient="top", title=None)),
        strokeDash=alt.StrokeDash("net:N", legend=None),
    ).properties(title=title, height=height)


def three_fits(points: pd.DataFrame, curves: dict[str, pd.DataFrame], *,
               y_domain: tuple[float, float], titles: dict[str, str],
               height: int = 240) -> alt.HConcatChart:
    """Save & restore: the course's three subplots, one fit_chart per net, side by side."""
    charts = [fit_chart(points, curve, y_domain=y_domain, height=height, title=titles[name])
              .properties(width=220) for name, curve in curves.items()]
    return alt.hconcat(*charts)
