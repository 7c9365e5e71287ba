"""The training page frame: what every trainable lesson's page shares.

A page describes what is special about it in a :class:`TrainingPage` (which task, how to draw a
moment of a run) and calls :func:`render`. This module gives it the rest, the same way everywhere:

* settings from the task's config class (sidebar, synced with the URL),
* Train / Stop / Replay, a progress bar, live frames redrawn by time (5 per second), not by step,
  and less often when the server is busy (a frame may take at most FRAME_SHARE of the time),
* training in a worker process (ui/workers.py): the server's own Python thread only draws, and
  a run whose page stops (Stop, another click, the browser gone) is cancelled there,
* every snapshot of the run kept as it arrives, so a stopped run can be scrubbed, and a finished
  one replayed, without retraining; the result view is a ``st.fragment``, so moving the step
  slider (or a widget of ``extra``) reruns only it, not the page,
* a divergence message in words with a hint (no garbage picture, no traceback),
* "show the code" (the standalone script for these settings) and downloads (CSV, .pt).

The page contract
-----------------
Every callback of a page receives one :class:`Moment`: ``settings`` (the config drawn), ``view``
(what ``view`` returned for those settings), ``snapshot`` (the latest snapshot with a picture at
the step shown, None before training), ``run`` (the :class:`Run` with its whole history, None
before training), ``index`` (the step shown, as a position in ``run.snapshots``; ``history`` is
the snapshots up to it) and ``options`` (what the page's ``options`` returned in this script
run). A page never reads ``st.session_state`` for any of these, nor the controls' own keys.

``view(settings) -> data``
    whatever the pictures need besides the snapshot (data points, an extent), computed once per
    run and before training. It returns data and never stops the script: when the page cannot
    train with these settings (data missing, nothing to resume from) it raises
    :class:`Unavailable` with the message to show; the frame shows it, disables Train, and the
    rest of the page still runs.
``picture(moment) -> Plot | alt.Chart | None``
    the main chart, live and when scrubbing, and before training (``moment.snapshot`` None).
    Return a ``ui.frames.Plot`` for cheap live frames (an ``alt.Chart`` costs ~100-300 ms).
``extra(moment, box)``
    optional panels under the result, drawn into ``box`` after a run and when scrubbing
    (never during live frames); its widgets rerun only the result view.
``export(moment) -> dict``
    optional state_dict for the .pt download (the last moment of the run).
``options(settings) -> dict``
    optional display widgets of the page, drawn in the sidebar under the settings (a log scale,
    a smoothing, which digit to follow); their values reach every callback as
    ``moment.options``. Changing one reruns the page.
``fixed() -> dict``
    optional settings the page fixes whatever a link or a click says (field -> value); unlike
    a student link's locked settings, they keep their widget.
``data_source(settings) -> (settings, error or None)``
    optional: draws where the points come from (ui/data_source.py) and returns the settings
    with the user's own points, or an error that disables Train.

:func:`render` returns a :class:`PageState` (the sidebar's settings, whether they are valid,
the latest run, an :class:`Unavailable` message) for what the page draws below the frame.
:func:`forget_run` and ``ui.controls.set_settings`` are for button callbacks that start over
or change settings.
"""
from __future__ import annotations

import dataclasses
import io
import itertools
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator, Sequence

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st
import torch

from core import codegen
from core.config import changed_fields
from core.own_data import to_csv
from core.registry import get_task
from core.snapshots import Snapshot
from ui.charts.curves import curves_frame, curves_layers
from ui.frames import Plot, draw
from ui.controls import config_controls, keep_only_page_params
from ui import class_board, classroom, runs_panel, shared_runs, sweep_panel, workers
from ui.data_source import URL_KEY as DATA_SOURCE_KEY
from ui.i18n import t

FRAME_SECONDS = 0.18  # a frame starts every 0.18 s while training: just over 5 a second
FRAME_SHARE = 0.35  # live frames may take at most this share of a run's time (busy server)
CHECKPOINT_SECONDS = 0.5  # while waiting without frames, the progress text is updated this often
REPLAY_SECONDS = 3.0  # a replay lasts about this long, whatever the number of steps
_run_ids = itertools.count(1)


class Unavailable(Exception):
    """Raised by a page's ``view``: these settings cannot train here; ``str(err)`` says why, in
    the user's language."""


@dataclass
class Run:
    """One training run of one page in one browser session."""

    id: int
    cfg: Any
    view: Any
    snapshots: list[Snapshot] = field(default_factory=list)
    status: str = "running"  # running | done | stopped | diverged
    seconds: float = 0.0
    shared: bool = False  # shown from an identical run trained for someone else (shared_runs)
    number: int | None = None  # its number in the page's Runs history, once it is there

    @property
    def last(self) -> Snapshot:
        return self.snapshots[-1]


@dataclass(frozen=True)
class Moment:
    """What every page callback receives: one moment of a lesson (see the module docstring)."""

    settings: Any
    view: Any
    snapshot: Snapshot | None = None  # the latest with a picture at or before ``index``
    run: Run | None = None
    index: int = -1
    options: dict = field(default_factory=dict)

    @property
    def history(self) -> Sequence[Snapshot]:
        """The run's snapshots up to the one shown (empty before training)."""
        return self.run.snapshots[:self.index + 1] if self.run is not None else ()


@dataclass(frozen=True)
class PageState:
    """What :func:`render` leaves for the rest of the page."""

    settings: Any  # the sidebar's settings (the defaults while they are invalid)
    valid: bool
    run: Run | None
    unavailable: str | None = None  # the message of the view's Unavailable, if raised


@dataclass
class TrainingPage:
    """What one training page adds to the shared frame (callbacks: see the module docstring)."""

    task: str
    picture: Callable[[Moment], alt.TopLevelMixin | Plot | None]
    view: Callable[[Any], Any] = lambda cfg: None
    groups: Sequence[tuple[str, Sequence[str]]] | None = None
    curves: Sequence[str] = ("train_loss", "test_loss")
    curve_y_title: str = "axis.loss"  # an i18n key (or plain text)
    log_curves: bool = True
    curves_height: int = 300
    metrics: Sequence[str] = ("train_loss", "test_loss")
    extra: Callable[[Moment, Any], None] | None = None
    export: Callable[[Moment], dict] | None = None
    options: Callable[[Any], dict] | None = None
    fixed: Callable[[], dict] | None = None
    data_source: Callable[[Any], tuple[Any, str | None]] | None = None
    picture_width: float = 1.1  # relative width of the picture column vs the curves column


@dataclass
class _Slots:
    """Placeholders filled by every frame, so that the layout never jumps."""

    status: Any
    progress: Any
    metrics: Any
    picture: Any
    curves: Any
    below: Any


def run_key(task: str) -> str:
    return f"{task}.run"


def forget_run(task: str) -> None:
    """Drop this session's run of ``task`` (for a callback that starts over)."""
    st.session_state.pop(run_key(task), None)


def _log_key(page: TrainingPage) -> str:
    return f"{page.task}.log_curves"


def render(page: TrainingPage) -> PageState:
    task = get_task(page.task)
    head, toggle = st.columns([4, 1], vertical_alignment="bottom")
    head.title(t(f"nav.{page.task}"))
    with toggle:
        classroom.presenter_toggle(page.task)
    presenting = classroom.presenting()
    intro = t(f"{page.task}.intro", default="")
    if intro and not presenting:
        st.markdown(intro)

    locked = classroom.locked_settings(page.task, task.config)
    with st.sidebar:
        st.subheader(t("settings.title"))
    pins = classroom.pinned(task.config) if presenting else ()
    # Presenter mode: one row of buttons and pinned settings, then the charts at the top.
    bar = st.columns([1, 1, 1, 5 if not pins else 3 * len(pins)], vertical_alignment="bottom")
    fixed = page.fixed() if page.fixed is not None else None
    cfg, error = config_controls(task.config, page=page.task, groups=page.groups, locked=locked,
                                 pinned=pins, pinned_container=bar[3] if pins else None,
                                 fixed=fixed)
    if error:
        st.warning(t("settings.invalid", error=error))
    elif page.data_source is not None:
        cfg, error = page.data_source(cfg)
    keep_only_page_params({f for f in cfg.__dataclass_fields__} | {DATA_SOURCE_KEY}
                          | classroom.URL_KEYS)
    if not classroom.is_student(page.task, task.config):
        with st.sidebar:
            classroom.student_link_panel(page.task, cfg)
            classroom.pin_picker(page.task, task.config)
    if not presenting:
        classroom.challenge_panel(page.task)
    options = page.options(cfg) if page.options is not None else {}

    run: Run | None = st.session_state.get(run_key(page.task))
    view, unavailable = None, None
    if run is None:  # the picture before training needs the view (and Train can say no now)
        view, unavailable = _view(page, cfg)
    train = bar[0].button(t("live.train"), type="primary",
                          disabled=error is not None or unavailable is not None,
                          key=f"{page.task}.train", width="stretch")
    stop = bar[1].button(t("live.stop"), key=f"{page.task}.stop", width="stretch")
    replay = bar[2].button(t("live.replay"), key=f"{page.task}.replay", width="stretch")
    live = st.empty()  # live frames and replays, emptied when they are over
    result = st.empty()  # made now: the previous run's result view goes at once
    if presenting:  # the charts right under the buttons, the rest below them
        classroom.challenge_panel(page.task)

    if run is not None and run.status == "running":
        run.status = "stopped"  # the last run was interrupted: Stop, or any other click
    if run is not None:
        runs_panel.remember(task, run)  # every run joins the page's history, once
    del stop  # Stop needs no handler: its click already ended the running script

    own = st.session_state.pop(f"{page.task}.own_run", False)  # "Train anyway"
    if (train or own) and run is not None:
        view, unavailable = _view(page, cfg)
    if (train or own) and unavailable is None:
        with live.container():
            run = _train(page, task, Run(next(_run_ids), cfg, view), options, _layout(page),
                         own=own)
        live.empty()
        runs_panel.remember(task, run)
    elif run is not None and replay and len(run.snapshots) > 1:
        with live.container():
            _replay(page, run, options, _layout(page))
        live.empty()

    with result.container():
        if unavailable is not None:
            st.error(unavailable)
        if run is not None:
            _result_view(page, run, cfg, options)
        elif unavailable is None:
            slots = _layout(page, log_toggle=True)
            slots.status.info(t("live.press_train"))
            chart = page.picture(Moment(cfg, view, options=options))  # the data, untrained
            if chart is not None:
                draw(slots.picture, chart, width="content")
    _code_and_downloads(page, task, cfg, run, options, show_code=unavailable is None)
    runs_panel.render(page, task, options)
    sweep_panel.render(page, task, cfg)
    return PageState(cfg, error is None, run, unavailable)


def _view(page: TrainingPage, cfg) -> tuple[Any, str | None]:
    """(the page's view of these settings, None), or (None, why they cannot train here)."""
    try:
        return page.view(cfg), None
    except Unavailable as err:
        return None, str(err)


def _layout(page: TrainingPage, log_toggle: bool = False) -> _Slots:
    """The frame's places: status, progress, metrics, picture | curves, and below them (in
    presenter mode the charts come first)."""
    if classroom.presenting():
        left, right = st.columns([page.picture_width, 1])
        top = st.container()
    else:
        top = st.container()
        left, right = st.columns([page.picture_width, 1])
    slots = _Slots(top.empty(), top.empty(), top.empty(), left.empty(), right.empty(), None)
    if log_toggle:  # not while training: a click would stop the run
        # Losses fall by orders of magnitude: a log axis shows the whole run (a toggle for linear).
        if _log_key(page) not in st.session_state:
            st.session_state[_log_key(page)] = page.log_curves
        right.toggle(t("live.log_scale"), key=_log_key(page))
    slots.below = st.container()
    return slots


# --------------------------------------------------------------------------- live training
def _train(page: TrainingPage, task, run: Run, options: dict, slots: _Slots,
           own: bool = False) -> Run:
    st.session_state[run_key(page.task)] = run  # kept as it grows: Stop leaves a partial run
    started = time.perf_counter()
    next_frame = started + FRAME_SECONDS  # a run done sooner shows its final view directly
    shown = {"at": started}

    def checkpoint() -> None:
        """While waiting (for a trainer, for snapshots): say so now and then. Every Streamlit
        call is also where a script whose user clicked elsewhere or left is stopped."""
        now = time.perf_counter()
        if now - shown["at"] < CHECKPOINT_SECONDS:
            return
        shown["at"] = now
        waiting = workers.pool().waiting if workers.enabled() else 0
        if not run.snapshots and waiting:
            slots.progress.progress(0.0, text=t("live.queued", waiting=waiting))
        elif run.snapshots:
            _progress(slots, run.last)

    snapshots, run.shared = _snapshots(page.task, task, run.cfg, checkpoint, own)
    if run.shared:
        slots.status.info(t("live.shared"))
    try:
        for snap in snapshots:
            run.snapshots.append(snap)
            now = time.perf_counter()
            if now >= next_frame and not snap.done:  # the final view is drawn after the run
                run.seconds = now - started
                _draw(page, run, len(run.snapshots) - 1, options, slots)
                _progress(slots, snap)
                # By the clock, and never more than FRAME_SHARE of the time: on a busy server
                # a frame takes longer, so frames get rarer instead of piling up.
                spent = time.perf_counter() - now
                next_frame = now + max(FRAME_SECONDS, spent / FRAME_SHARE)
                shown["at"] = time.perf_counter()
    finally:
        snapshots.close()  # a run left half way (Stop, another click, browser gone) is cancelled
    run.seconds = time.perf_counter() - started
    run.status = "diverged" if run.snapshots and run.last.divergence else "done"
    slots.progress.empty()
    return run


def _progress(slots: _Slots, snap: Snapshot) -> None:
    slots.progress.progress(min(snap.step / snap.total, 1.0),
                            text=t("live.progress", step=snap.step, total=snap.total))


def _snapshots(name: str, task, cfg, checkpoint: Callable[[], None],
               own: bool) -> tuple[Iterator[Snapshot], bool]:
    """The run's snapshots, and whether they are another identical run's (ui/shared_runs.py):
    from a worker process (see ui/workers.py), or in this thread."""
    if not workers.enabled():
        return workers.in_thread(task.train(cfg)), False
    if not own and shared_runs.key_of(name, cfg) is not None:
        return shared_runs.server_runs().follow(name, cfg, checkpoint)
    return workers.pool().train(name, cfg, checkpoint), False


def _replay(page: TrainingPage, run: Run, options: dict, slots: _Slots) -> None:
    n = len(run.snapshots)
    frames = np.unique(np.linspace(0, n - 1, min(n, 40)).round().astype(int))
    pause = REPLAY_SECONDS / len(frames)
    for i in frames:
        _draw(page, run, int(i), options, slots)
        slots.progress.progress((i + 1) / n, text=t("live.progress", step=run.snapshots[i].step,
                                                    total=run.last.total))
        time.sleep(pause)
    slots.progress.empty()


# --------------------------------------------------------------------------- drawing a frame
def picture_snapshot(snapshots: Sequence[Snapshot], index: int) -> Snapshot | None:
    """The latest snapshot at or before ``index`` that carries a picture."""
    for i in range(index, -1, -1):
        if snapshots[i].picture is not None:
            return snapshots[i]
    return None


def moment(run: Run, index: int, options: dict) -> Moment:
    """The run at position ``index`` of its history, as the page callbacks receive it."""
    return Moment(run.cfg, run.view, picture_snapshot(run.snapshots, index), run, index, options)


def scalar_series(snapshots: Sequence[Snapshot], keys: Sequence[str], upto: int):
    steps = [s.step for s in snapshots[:upto + 1]]
    series = {k: [s.scalars.get(k, np.nan) for s in snapshots[:upto + 1]] for k in keys}
    return steps, {k: v for k, v in series.items() if np.isfinite(v).any()}


def _draw(page: TrainingPage, run: Run, index: int, options: dict, slots: _Slots,
          cursor: bool = False) -> None:
    shown = moment(run, index, options)
    chart = page.picture(shown) if shown.snapshot is not None else None
    if chart is not None:
        draw(slots.picture, chart, width="content", config=classroom.chart_config(),
             height=classroom.chart_height("picture"))  # the chart's own aspect
    steps, series = scalar_series(run.snapshots, page.curves, index)
    labels = {k: t(f"series.{k}", default=k) for k in series}
    frame = curves_frame(steps, {labels[k]: v for k, v in series.items()})
    log = bool(st.session_state.get(_log_key(page), page.log_curves)) \
        and bool((frame["value"] > 0).all())
    cursor_frame = pd.DataFrame({"step": [steps[-1]] if cursor else []})
    curves = Plot(curves_layers, (frame, cursor_frame), dict(
        title=t("live.curves"), y_title=t(page.curve_y_title, default=page.curve_y_title),
        x_title=t("metric.step"), log=log, height=page.curves_height,
        x_max=run.snapshots[-1].total))
    draw(slots.curves, curves, config=classroom.chart_config(),
         height=classroom.chart_height("curves"))
    with slots.metrics.container():
        _metrics_row(page, run.snapshots, index)


def _metrics_row(page: TrainingPage, snapshots: Sequence[Snapshot], index: int) -> None:
    latest: dict[str, float] = {}
    for s in snapshots[:index + 1]:
        latest.update({k: v for k, v in s.scalars.items() if np.isfinite(v)})
    shown = [k for k in page.metrics if k in latest]
    cols = st.columns(len(shown) + 1)
    cols[0].metric(t("metric.step"), f"{snapshots[index].step} / {snapshots[index].total}")
    for col, key in zip(cols[1:], shown):
        value = latest[key]
        text = f"{value:.1%}" if "accuracy" in key else f"{value:.4f}"
        col.metric(t(f"metric.{key}", default=key), text)


@st.fragment
def _result_view(page: TrainingPage, run: Run, cfg, options: dict) -> None:
    """A finished (or stopped) run at the step the slider shows. A fragment: moving the slider,
    or a widget that ``extra`` draws, reruns this function only, not the whole page."""
    slots = _layout(page, log_toggle=True)
    last = run.last
    if run.status == "diverged":
        d = last.divergence
        slots.status.error(t("live.diverged", step=d.step, quantity=d.quantity, kind=d.kind)
                           + "  \n" + t("live.diverged_hint"))
    elif run.status == "stopped":
        slots.status.warning(t("live.stopped", step=last.step, total=last.total))
    else:
        slots.status.success(t("live.done", total=last.total, seconds=run.seconds))
    if run.shared:
        slots.below.info(t("live.shared_done"))
        if slots.below.button(t("live.train_anyway"), key=f"{page.task}.train_anyway"):
            st.session_state[f"{page.task}.own_run"] = True
            st.rerun()  # the whole page: a fragment's rerun could not train
    classroom.verdict(page.task, get_task(page.task), run.cfg, last, slots.below)
    class_board.submit_panel(page.task, run, slots.below)
    if run.cfg != cfg:
        slots.below.caption(t("live.stale"))
    # A diverged run's last snapshot holds no weights: scrub among the finite ones.
    n = len(run.snapshots) - (1 if run.status == "diverged" else 0)
    if n <= 0:
        return
    index = n - 1
    if n > 1:
        value = slots.below.slider(t("live.scrub"), 1, n, value=n,
                                   key=f"{page.task}.scrub.{run.id}")
        index = value - 1
    _draw(page, run, index, options, slots, cursor=index < n - 1)
    shown = moment(run, index, options)
    if page.extra is not None and shown.snapshot is not None:
        page.extra(shown, slots.below)


# --------------------------------------------------------------------------- code, downloads
def _code_and_downloads(page: TrainingPage, task, cfg, run: Run | None, options: dict,
                        show_code: bool) -> None:
    """The script for these settings (not when they cannot train here), then the downloads."""
    flags = " ".join(f"--{k.replace('_', '-')} {v}" for k, v in changed_fields(cfg).items())
    own = getattr(cfg, "own", None)
    if own is not None:  # the script reads the exported points, offered next to it
        own = own.exported(f"{page.task}_data.csv")
        cfg = dataclasses.replace(cfg, own=own)
        flags = f"{codegen.own_data_flags(own)} {flags}"
    if task.code is not None and show_code:
        with st.expander(t("live.code")):
            script = task.code(cfg)
            st.caption(t("live.code_help", file=f"{page.task}.py"))
            st.code(script, language="python")
            st.download_button(t("live.download_code"), script, file_name=f"{page.task}.py",
                               mime="text/x-python", key=f"{page.task}.dl_code")
            if own is not None:
                st.caption(t("own.code_data", file=own.source))
                st.download_button(t("own.download_data"), to_csv(own), file_name=own.source,
                                   mime="text/csv", key=f"{page.task}.dl_data")
            st.caption(t("live.cli"))
            st.code(f"python -m core train {page.task} {flags}".rstrip() + " --json",
                    language="bash")
    if run is None or not run.snapshots:
        return
    c1, c2, _ = st.columns([1, 1, 3])
    c1.download_button(t("live.download_csv"), history_csv(run.snapshots),
                       file_name=f"{page.task}_history.csv", mime="text/csv",
                       key=f"{page.task}.dl_csv")
    if page.export is not None:
        last = moment(run, len(run.snapshots) - 1, options)
        if last.snapshot is not None:
            buffer = io.BytesIO()
            torch.save(page.export(last), buffer)
            c2.download_button(t("live.download_pt"), buffer.getvalue(),
                               file_name=f"{page.task}_state_dict.pt",
                               mime="application/octet-stream", key=f"{page.task}.dl_pt")


def history_csv(snapshots: Sequence[Snapshot]) -> str:
    """Every recorded scalar per step, one row per step."""
    rows = [{"step": s.step, **s.scalars} for s in snapshots]
    return pd.DataFrame(rows).to_csv(index=False)
