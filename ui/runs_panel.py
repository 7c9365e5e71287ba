"""The Runs panel of a training page: every run of the page in this session, in a sortable
table, overlaid on one chart, two compared side by side, one opened again, all as CSV.

What a run keeps, and for how long, is core's business (core/runs.py: the newest runs keep
their snapshots within a budget, older ones their settings, figures and thinned curves).
The history lives in ``st.session_state`` (one per page and browser session), never in a
cross-session cache.
"""
from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import streamlit as st

from core.runs import (KEEP_WEIGHTS, WEIGHTS_BUDGET_BYTES, RunHistory, RunRecord, differences,
                       differing_keys, history_csv, label, record_run, thin_curves)
from ui.charts.curves import curves_layers
from ui.controls import apply_settings
from ui.controls import label as setting_label
from ui.frames import draw
from ui.i18n import t

SHOWN_METRICS = ("final_loss", "test_loss", "accuracy")  # table columns, when a page has them


def history(page: str) -> RunHistory:
    key = f"{page}.history"
    if key not in st.session_state:
        st.session_state[key] = RunHistory()
    return st.session_state[key]


def remember(task: Any, run: Any) -> None:
    """Add a finished, diverged or stopped run of the frame to the page's history, once."""
    if run.number is not None or not run.snapshots:
        return
    h = history(task.name)
    run.number = h.next_number()
    curves = thin_curves((s.step, s.scalars) for s in run.snapshots)
    record = record_run(task, run.cfg, run.last, curves, seconds=run.seconds,
                        number=run.number, stopped=run.status == "stopped")
    h.add(record, run.snapshots)


def open_run(config_cls: type, page: str, number: int) -> None:
    """Callback: the run's settings go back into the controls (and so into the URL)."""
    entry = history(page).get(number)
    if entry is not None:
        apply_settings(config_cls, page, entry.record.settings)
        st.session_state[f"{page}.opened"] = number


def runs_table(records: Sequence[RunRecord]) -> pa.Table:
    """One row per run, as an Arrow table: ``st.dataframe`` sends it as it is, where a
    DataFrame made from rows went through pandas twice (built, then turned into Arrow): about
    1 ms of the server's time on every run's last frame. A metric a run lacks is empty."""
    columns = {t("runs.col.run"): [r.number for r in records],
               t("runs.col.settings"): [label(r) for r in records],
               t("runs.col.status"): [t(f"runs.status.{r.status}") for r in records],
               t("runs.col.seconds"): [float(r.seconds) for r in records],
               t("runs.col.source"): [t(f"runs.source.{r.source}") for r in records]}
    for m in SHOWN_METRICS:
        if any(m in x.metrics for x in records):
            columns[t(f"runs.metric.{m}")] = pa.array(  # NaN (a diverged run) empty too
                [r.metrics.get(m) for r in records], pa.float64(), from_pandas=True)
    return pa.table(columns)


def overlay_frame(records: Sequence[RunRecord], curve_names: Sequence[str]) -> pd.DataFrame:
    """Long format (step, series, value): each run's curves, named by what differs."""
    keys = differing_keys(records)
    frames = []
    for r in records:
        for name in curve_names:
            points = r.curves.get(name)
            if points is None or not len(points):
                continue
            series = f"#{r.number} {label(r, keys)} · {t(f'series.{name}', default=name)}"
            frame = pd.DataFrame({"step": points[:, 0], "series": series, "value": points[:, 1]})
            frames.append(frame[np.isfinite(frame["value"])])
    if not frames:
        return pd.DataFrame({"step": [], "series": [], "value": []})
    return pd.concat(frames, ignore_index=True)


def render(page: Any, task: Any) -> None:
    """The panel, under the page's training area. ``page``: the ui.training_page.TrainingPage."""
    h = history(task.name)
    if not h.entries:
        return
    st.subheader(t("runs.title"))
    st.caption(t("runs.kept", n=len(h.entries), keep=KEEP_WEIGHTS,
                 mb=WEIGHTS_BUDGET_BYTES // 2**20))
    records = h.records
    table = runs_table(records)
    event = st.dataframe(table, hide_index=True, on_select="rerun",
                         selection_mode="multi-row", key=f"{task.name}.runs_table")
    chosen = [records[i] for i in event.selection.rows if i < len(records)]
    if chosen:
        log = bool(st.session_state.get(f"{page.task}.log_curves"))
        _overlay(chosen, page.curves, log, key=f"{task.name}.overlay")
    else:
        st.caption(t("runs.select_hint"))
    _open_and_download(task, records)
    _compare(page, task, h, chosen)


def _overlay(records: Sequence[RunRecord], curve_names: Sequence[str], log: bool, key: str,
             cursor_step: int | None = None) -> None:
    frame = overlay_frame(records, curve_names)
    log = log and bool((frame["value"] > 0).all())
    cursor = pd.DataFrame({"step": [] if cursor_step is None else [cursor_step]})
    st.altair_chart(curves_layers(frame, cursor, title=t("runs.overlay"), log=log,
                                  y_title=t("axis.loss", default="loss"),
                                  x_title=t("metric.step")), key=key)


def _open_and_download(task: Any, records: Sequence[RunRecord]) -> None:
    numbers = [r.number for r in reversed(records)]
    by_number = {r.number: r for r in records}
    row = st.container(horizontal=True, vertical_alignment="bottom")  # one layout block
    number = row.selectbox(t("runs.open_which"), numbers, key=f"{task.name}.open_which",
                          format_func=lambda n: f"#{n} {label(by_number[n])}")
    row.button(t("runs.open"), key=f"{task.name}.open", on_click=open_run,
              args=(task.config, task.name, number))
    # The file is made when the button is clicked (a callable as data), not on every rerun.
    row.download_button(t("runs.csv"), functools.partial(history_csv, tuple(records)),
                       file_name=f"{task.name}_runs.csv", mime="text/csv",
                       key=f"{task.name}.runs_csv")
    opened = st.session_state.get(f"{task.name}.opened")
    if opened is not None and opened in by_number:
        st.info(t("runs.opened", n=opened, label=label(by_number[opened])))


def _compare(page: Any, task: Any, h: RunHistory, chosen: Sequence[RunRecord]) -> None:
    kept = [e for e in h.entries if e.snapshots]
    if len(kept) < 2:
        return
    st.markdown(f"**{t('runs.compare')}**")
    numbers = [e.record.number for e in kept]
    picked = [r.number for r in chosen if r.number in numbers]
    first_a = picked[0] if picked else numbers[-2]
    first_b = picked[1] if len(picked) > 1 else numbers[-1]
    by_number = {e.record.number: e for e in kept}
    ca, cb = st.columns(2)
    a = ca.selectbox(t("runs.a"), numbers, index=numbers.index(first_a),
                     format_func=lambda n: f"#{n} {label(by_number[n].record)}",
                     key=f"{task.name}.compare_a")
    b = cb.selectbox(t("runs.b"), numbers, index=numbers.index(first_b),
                     format_func=lambda n: f"#{n} {label(by_number[n].record)}",
                     key=f"{task.name}.compare_b")
    ea, eb = by_number[a], by_number[b]
    last_step = max(ea.snapshots[-1].step, eb.snapshots[-1].step)
    step = st.slider(t("runs.step"), 1, max(last_step, 2), value=last_step,
                     key=f"{task.name}.compare_step") if last_step > 1 else last_step
    columns = st.columns(2)
    for column, entry in zip(columns, (ea, eb), strict=False):
        cfg = entry.record.config(task.config)
        snap = _picture_at(entry.snapshots, step)
        chart = page.picture_of(cfg, entry.snapshots, snap) if snap is not None else None
        if chart is not None:
            draw(column, chart, width="content")
        shown = snap.step if snap is not None else 0
        column.caption(t("runs.picture_caption", n=entry.record.number, step=shown,
                         label=label(entry.record)))
    _overlay([ea.record, eb.record], page.curves,
             bool(st.session_state.get(f"{page.task}.log_curves")),
             key=f"{task.name}.compare_curves", cursor_step=step)
    diff = differences(ea.record, eb.record)
    if diff:
        st.markdown(f"**{t('runs.differences')}**")
        st.table(pd.DataFrame(
            [(setting_label(k), va, vb) for k, va, vb in diff],
            columns=[t("runs.col.setting"), f"#{a}", f"#{b}"]))
    else:
        st.caption(t("runs.same_settings"))


def _picture_at(snapshots: Sequence[Any], step: int) -> Any:
    """The latest snapshot at or before ``step`` that can be drawn (weights or a picture; a run
    that ended sooner shows its last picture)."""
    best = None
    for s in snapshots:
        if s.step > step:
            break
        if s.is_frame:
            best = s
    return best
