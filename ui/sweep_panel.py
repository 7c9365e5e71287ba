"""Sweep mode of a training page: one or two settings, their values, seeds, a metric; the runs
fan out on Ray (core/cluster.py) and the picture fills as they finish.

The script thread never trains: it submits the runs, then a fragment polls their futures by
time (every POLL_SECONDS) and redraws. Stop cancels what is queued or running. Clicking a cell
puts that run's settings back into the controls. Every run joins the page's Runs table.
"""
from __future__ import annotations

import dataclasses
import math
import time
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import streamlit as st

from core import cluster
from core.config import ConfigError, spec_of, to_strings
from core.runs import RunRecord
from core.sweep import (MAX_SEEDS, best_run, cells, expand, metric_goal, parse_axis,
                        suggested_values, sweepable)
from ui import runs_panel
from ui.charts.sweep import PICK, runs_parallel, sweep_heatmap, sweep_line
from ui.controls import label as setting_label
from ui.i18n import t

POLL_SECONDS = 0.5
METRICS = ("final_loss", "test_loss", "accuracy")  # what a sweep may be judged by
# Pages whose runs cannot run side by side, and why (an i18n key).
NOT_SWEPT = {"template": "sweep.off_template"}  # every run writes checkpoints to one folder


@dataclass
class SweepState:
    """One sweep of one page in one session (kept in st.session_state while it runs and after)."""

    job: Any  # core.cluster.SweepJob
    names: list[str]  # the swept settings (1 or 2)
    orders: list[list[str]]  # their values as text, in the order given
    seeds: int
    metric: str
    started: float
    records: list[RunRecord] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def running(self) -> bool:
        return not self.job.done


def _state_key(page: str) -> str:
    return f"{page}.sweep"


def render(page: Any, task: Any, cfg: Any) -> None:
    st.subheader(t("sweep.title"))
    if task.name in NOT_SWEPT:
        st.caption(t(NOT_SWEPT[task.name]))
        return
    if not st.toggle(t("sweep.mode"), key=f"{task.name}.sweep_mode"):
        return
    st.caption(t("sweep.intro"))
    state: SweepState | None = st.session_state.get(_state_key(task.name))
    running = state is not None and state.running
    options = [s.name for s in sweepable(task.config) if s.name != "device"]
    default = [n for n in ("lr", "hidden") if n in options] or options[:1]
    names = st.multiselect(t("sweep.settings"), options, default=default, max_selections=2,
                           format_func=setting_label, key=f"{task.name}.sweep_names",
                           disabled=running)
    texts = {}
    columns = st.columns(max(len(names), 1))
    for column, name in zip(columns, names, strict=False):
        spec = spec_of(task.config, name)
        suggestion = ",".join(to_text(v) for v in suggested_values(spec, getattr(cfg, name)))
        texts[name] = column.text_input(t("sweep.values", setting=setting_label(name)),
                                        value=suggestion, key=f"{task.name}.sweep_values.{name}",
                                        disabled=running, max_chars=2000)
    c1, c2 = st.columns(2)
    seeds = int(c1.number_input(t("sweep.seeds"), 1, MAX_SEEDS, 1, key=f"{task.name}.sweep_seeds",
                                disabled=running))
    metric = c2.selectbox(t("sweep.metric"), _metric_options(task.name),
                          key=f"{task.name}.sweep_metric", format_func=_metric_title)
    configs, error = [], None
    try:
        if not names:
            raise ConfigError(t("sweep.choose"))
        axes = [parse_axis(task.config, n, texts[n]) for n in names]
        configs = expand(task.config, to_strings(cfg), axes, seeds)
        if getattr(cfg, "own", None) is not None:  # the user's own points, not a setting
            configs = [dataclasses.replace(c, own=cfg.own) for c in configs]
    except ConfigError as err:
        error = str(err)
    connected = cluster.connected()
    workers = connected.workers if connected else cluster.local_workers()
    where = connected.address if connected else cluster.target_address()
    if error:
        st.error(t("sweep.bad", error=error))
    else:
        st.caption(t("sweep.plan", runs=len(configs), workers=workers, where=where))
    b1, b2, _ = st.columns([1, 1, 4])
    start = b1.button(t("sweep.start"), type="primary", disabled=bool(error) or running,
                      key=f"{task.name}.sweep_start")
    stop = b2.button(t("sweep.stop"), disabled=not running, key=f"{task.name}.sweep_stop")
    if start:
        state = _start(task, configs, names, seeds, metric)
    elif stop and state is not None:
        state.job.cancel()
    if state is None:
        return
    state.metric = metric
    _live(page, task, state)


def _metric_options(page: str) -> list[str]:
    """The three figures, and per-net ones (``final_loss.SGD``) once this page has runs."""
    seen = {m for r in runs_panel.history(page).records for m in r.metrics}
    return list(METRICS) + sorted(m for m in seen if m.split(".")[0] in METRICS
                                  and m not in METRICS)


def _metric_title(metric: str) -> str:
    head, _, tail = metric.partition(".")
    return t(f"runs.metric.{head}") + (f" ({tail})" if tail else "")


def to_text(value: Any) -> str:
    """A value as the sweep's text field takes it (layers' widths joined by "/")."""
    if isinstance(value, tuple):
        return "/".join(str(v) for v in value)
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def _start(task: Any, configs: list, names: list[str], seeds: int, metric: str
           ) -> SweepState | None:
    try:
        with st.spinner(t("sweep.connecting")):
            cluster.connect()
    except cluster.ClusterUnavailable as err:
        st.error(t("sweep.unavailable", error=str(err)))
        return None
    first = runs_panel.history(task.name).reserve(len(configs))
    job = cluster.SweepJob(task.name, configs, first_number=first)
    orders = [list(dict.fromkeys(to_strings(c)[n] for c in configs)) for n in names]
    state = SweepState(job, names, orders, seeds, metric, time.perf_counter())
    st.session_state[_state_key(task.name)] = state
    st.session_state.pop(f"{task.name}.opened", None)
    return state


def _live(page: Any, task: Any, state: SweepState) -> None:
    """Polls the runs by time while the sweep runs; redraws the picture as they finish."""

    @st.fragment(run_every=POLL_SECONDS if state.running else None)
    def live() -> None:
        was_running = state.running
        history = runs_panel.history(task.name)
        for record, _ in state.job.poll(timeout=0):
            state.records.append(record)
            history.add(record)
        if state.running:
            state.seconds = time.perf_counter() - state.started
        done, total = len(state.records), state.job.total
        workers = state.job.cluster.workers
        st.progress(done / total, text=t("sweep.progress", done=done, total=total,
                                         workers=workers, seconds=state.seconds))
        if state.job.cancelled and not state.running:
            st.warning(t("sweep.stopped", done=sum(r.status != "cancelled"
                                                   for r in state.records), total=total))
        _pictures(task, state)
        if was_running and not state.running:
            st.rerun()  # the whole page: Runs table, buttons
        if st.session_state.pop(f"{task.name}.open_pending", False):
            st.rerun()  # a clicked cell changed the controls: redraw them

    live()


def _pictures(task: Any, state: SweepState) -> None:
    metric, names = state.metric, state.names
    goal = metric_goal(metric)
    best = best_run(state.records, metric)
    title = _metric_title(metric)
    by_cell = {c.values: c for c in cells(state.records, names, metric)}
    diverged_runs = sum(r.status == "diverged" for r in state.records)
    rows = []
    grid = [(a, b) for a in state.orders[0] for b in (state.orders[1] if len(names) > 1
                                                       else [None])]
    for combo in grid:
        key = combo if len(names) > 1 else combo[:1]
        cell = by_cell.get(key)
        rows.append(_cell_row(combo, cell, best, state.seeds))
    frame = pd.DataFrame(rows)
    # Dark cells get white text: the worse half of the colour scale is the dark one.
    finite = frame["mean"][frame["mean"].map(math.isfinite)]
    span = (finite.max() - finite.min()) or 1.0 if len(finite) else 1.0
    position = (frame["mean"] - (finite.min() if len(finite) else 0.0)) / span
    frame["dark"] = (position > 0.5) if goal == "min" else (position < 0.5)
    key = f"{task.name}.sweep_chart"
    if len(names) == 2:
        chart = sweep_heatmap(frame, x_title=setting_label(names[0]),
                              y_title=setting_label(names[1]), metric_title=title, goal=goal,
                              x_order=state.orders[0], y_order=state.orders[1])
    else:
        chart = sweep_line(frame, x_title=setting_label(names[0]), metric_title=title,
                           x_order=state.orders[0])
    st.altair_chart(chart, on_select=_cell_clicked(task, key), selection_mode=PICK, key=key)
    if metric not in {m for r in state.records for m in r.metrics} and state.records:
        known = sorted(m for r in state.records for m in r.metrics
                       if m.split(".")[0] in METRICS)
        st.warning(t("sweep.no_metric", metric=title,
                     known=", ".join(_metric_title(m) for m in dict.fromkeys(known))))
    if best is not None:
        st.success(t("sweep.best", n=best.number, value=f"{best.metrics[metric]:.4g}",
                     metric=title, label=", ".join(f"{n} {best.settings[n]}" for n in names)))
    if diverged_runs:
        st.caption(t("sweep.diverged", n=diverged_runs))
    finished = [r for r in state.records if math.isfinite(r.metrics.get(metric, math.nan))]
    if finished:
        _parallel(task, state, finished, title, goal, key=f"{key}.all")
    st.caption(t("sweep.click_hint"))


def _parallel(task: Any, state: SweepState, finished: list[RunRecord], title: str, goal: str,
              key: str) -> None:
    """Every finished run as a line across the swept settings (and the seed) to the metric."""
    names = list(state.names)
    orders = list(state.orders)
    if state.seeds > 1 and "seed" not in names:  # repeats over seeds: the seed is an axis too
        names.append("seed")
        orders.append(sorted({r.settings["seed"] for r in finished}, key=int))
    runs = pd.DataFrame({"run": [r.number for r in finished],
                         "value": [r.metrics[state.metric] for r in finished],
                         **{n: [r.settings[n] for r in finished] for n in names}})
    axes = [(n, setting_label(n), order) for n, order in zip(names, orders, strict=True)]
    st.altair_chart(runs_parallel(runs, axes=axes, metric_title=title, goal=goal),
                    on_select=_cell_clicked(task, key), selection_mode=PICK, key=key)


def _cell_row(combo: tuple, cell: Any, best: RunRecord | None, seeds: int) -> dict:
    row: dict[str, Any] = {"x": combo[0], "y": combo[1] if combo[1] is not None else "",
                           "mean": math.nan, "lo": math.nan, "hi": math.nan, "best": False,
                           "run": -1, "state": "waiting", "text": "…"}
    if cell is None:
        return row
    row["run"] = cell.numbers[0]
    if cell.finished:
        spread = f" ± {cell.std:.2g}" if seeds > 1 else ""
        row.update(mean=cell.mean, lo=cell.mean - cell.std, hi=cell.mean + cell.std,
                   state="done", text=f"{cell.mean:.3g}{spread}",
                   best=best is not None and best.number in cell.numbers)
        if best is not None and best.number in cell.numbers:
            row["run"] = best.number
    elif cell.diverged:
        row.update(state="diverged", text="× " + t("sweep.diverged_cell"))
    elif cell.total >= seeds:
        row.update(state="failed", text="–")
    return row


def _cell_clicked(task: Any, key: str):
    def callback() -> None:
        event = st.session_state.get(key) or {}
        picked = (event.get("selection") or {}).get(PICK) or []
        numbers = [p.get("run") for p in picked if isinstance(p, dict)]
        if numbers and isinstance(numbers[0], (int, float)) and numbers[0] > 0:
            runs_panel.open_run(task.config, task.name, int(numbers[0]))
            st.session_state[f"{task.name}.open_pending"] = True

    return callback
