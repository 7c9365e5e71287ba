"""The training page every trainable lesson shares.

A page describes what is special about it in a :class:`TrainingPage` (which task, how to draw a
snapshot) and calls :func:`render`. This module gives it the rest, the same way everywhere:

* settings from the task's config class (sidebar, synced with the URL),
* Train / Stop / Replay, a progress bar, live frames redrawn by time (5 per second), not by step,
  and less often when the server is busy (a frame may take at most FRAME_SHARE of the time;
  many runs in flight share one frame rate, ui/frame_budget.py),
* training in a worker process (ui/workers.py): the server's own Python thread only draws. A
  run takes its snapshots in a thread of its own (:class:`Run`), so a click while training
  redraws the page and the run goes on; Stop, Train, leaving the page or a closed browser
  cancel it, in its worker too,
* every snapshot of the run kept in ``st.session_state`` as it arrives, so a stopped run can be
  scrubbed, and a finished one replayed, without retraining,
* the buttons, the run, its downloads and the Runs panel are an ``st.fragment``: Train, Stop
  or Replay reruns only them, not the settings (a class pressing Train together costs the
  server a third less); inside it, the part that shows the run is one too: a scrub step or a
  view option reruns only that,
* page callbacks get one :class:`Frame` and never read the session (tests/test_rules.py),
* a divergence message in words with a hint (no garbage picture, no traceback),
* "show the code" (the standalone script for these settings) and downloads (CSV, .pt).
"""
from __future__ import annotations

import dataclasses
import functools
import io
import itertools
import math
import secrets
import threading
import time
from dataclasses import dataclass, field
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st
import torch

from core import codegen
from core.config import changed_fields
from core.own_data import to_csv
from core.registry import get_task
from core.config import ConfigError
from core.snapshots import Snapshot
from core.train import continued, stalled, steps_after
from ui.charts.curves import curves_frame, curves_layers
from ui.frames import Plot, Slot, draw
from ui.controls import (apply_settings, config_controls, forget_url_problems,
                         keep_only_page_params, widget_states)
from ui import (class_board, classroom, frame_budget, presenter, runs_panel, shared_runs, sweep_panel,
                workers)
from ui.data_source import URL_KEY as DATA_SOURCE_KEY
from ui.i18n import current_language, has, t

FRAME_SECONDS = 0.18  # a frame starts every 0.18 s while training: just over 5 a second
FRAME_SHARE = 0.35  # live frames may take at most this share of a run's time (busy server)
CHECKPOINT_SECONDS = 0.5  # while waiting without frames, the progress text is updated this often
REPLAY_SECONDS = 3.0  # a replay lasts about this long, whatever the number of steps
# a run that no script run has drawn for this long has lost its page (browser closed): ended
UNWATCHED_SECONDS = 10.0
_run_ids = itertools.count(1)


@dataclass(frozen=True)
class Unavailable:
    """What ``view(cfg)`` returns when the page cannot show these settings (its data cannot be
    read, nothing to resume from): the message in words. Train is disabled until it changes."""

    message: str


@dataclass(frozen=True)
class ViewOption:
    """A control of the drawing, not of the training (shown under the picture): a toggle for
    a bool default, else a slider from ``lo`` to ``hi`` (``hi`` may be a function of the
    settings). Its label is the string ``label`` or ``<task>.<name>`` (help: ``..._help``)."""

    name: str
    default: bool | int | float = False
    lo: int | float = 0
    hi: int | float | Callable[[Any], int | float] = 1
    step: int | float | None = None
    label: str | None = None


@dataclass(frozen=True)
class Frame:
    """Everything a page's callback is given: one moment of the page.

    cfg: the run's settings (before a run: the settings on screen); view: what ``view(cfg)``
    returned; snapshot: the one drawn (None: before training); run: the run with its whole
    history (``run.snapshots``), None before training; options: the values of the page's
    :class:`ViewOption` s by name.
    """

    cfg: Any
    view: Any
    snapshot: Snapshot | None = None
    run: Run | None = None
    options: Mapping[str, Any] = field(default_factory=dict)


@dataclass
class TrainingPage:
    """What one training page adds to the shared machinery. Every drawing callback takes one
    :class:`Frame` and never reads the session itself.

    view(cfg)             -> whatever the pictures need besides the snapshot (the data points,
                             an extent), computed once per run; or :class:`Unavailable`
    picture(frame)        -> the main chart for ``frame.snapshot`` (None: the data before
                             training), or None when there is nothing sensible to draw. Return
                             a ui.frames.Plot for cheap live frames (an alt.Chart works too,
                             at ~100-300 ms of Altair per frame)
    extra(frame, box)     -> optional panels drawn after a run or when scrubbing (e.g. hidden-unit
                             maps); never during live frames
    export(frame)         -> optional state_dict for the .pt download
    diagram(frame)        -> optional Plot drawn under the picture with every frame
    side(frame)           -> optional Plot drawn beside the picture with every frame, instead
                             of the loss curves (a page whose picture already is its losses:
                             the optimizers' race); ``curves`` still feed the Runs panel
    data_source(cfg)      -> optional: draws where the points come from (ui/data_source.py) and
                             returns (cfg with your own points, or an error that disables Train)
    session_settings(n)   -> optional settings this browser session always trains with, whatever
                             a link says, given a number drawn once per session (the template's
                             checkpoint folder): not drawn as controls
    """

    task: str
    picture: Callable[[Frame], alt.Chart | Plot | None]
    view: Callable[[Any], Any] = lambda cfg: None
    groups: Sequence[tuple[str, Sequence[str]]] | None = None
    curves: Sequence[str] = ("train_loss", "test_loss")
    curve_y_title: str = "axis.loss"  # an i18n key (or plain text)
    # what a snapshot's step counts (the template: epochs): the metric, the slider, the x axis,
    # the progress bar and the message at the end (i18n keys)
    step_title: str = "metric.step"
    progress_text: str = "live.progress"
    done_text: str = "live.done"
    log_curves: bool = True
    curves_height: int = 300
    curve_colors: dict[str, str] | None = None  # series key -> colour (else Streamlit's)
    metrics: Sequence[str] = ("train_loss", "test_loss")
    extra: Callable[[Frame, Any], None] | None = None
    export: Callable[[Frame], dict] | None = None
    picture_width: float = 1.1  # relative width of the picture column vs the curves column
    # Step / Continue: train on from the run's last weights (pages whose runs are
    # deterministic in their steps, see core.train.continued)
    can_continue: bool = False
    describe: Callable[[Any], str] | None = None  # cfg -> a line on the current network
    view_options: Sequence[ViewOption] = ()
    presets: dict[str, dict[str, Any]] = field(default_factory=dict)  # name -> settings
    diagram: Callable[[Frame], Any] | None = None
    side: Callable[[Frame], Any] | None = None
    data_source: Callable[[Any], tuple[Any, str | None]] | None = None
    session_settings: Callable[[int], Mapping[str, Any]] | None = None
    # The page draws something after render() that a run changes (the template: the
    # checkpoints it saved): the end of a run reruns the whole page, not only its training area.
    rest_shows_runs: bool = False

    def picture_of(self, cfg, snapshots: Sequence[Snapshot], snapshot: Snapshot):
        """The picture of one snapshot of a past run (the Runs panel), view options at their
        defaults; None when these settings cannot be shown."""
        view = self.view(cfg)
        if isinstance(view, Unavailable):
            return None
        run = Run(0, cfg, view, snapshots=list(snapshots), status="done")
        return self.picture(Frame(cfg, view, snapshot, run,
                                  {o.name: o.default for o in self.view_options}))


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
    language: str = ""  # the view's texts (legends) are in this language
    error: BaseException | None = None  # what ended a failed run, raised on the page once
    watched: float = 0.0  # when a script run last drew it (time.perf_counter)
    ended: threading.Event = field(default_factory=threading.Event, repr=False)
    _cancelled: threading.Event = field(default_factory=threading.Event, repr=False)

    @property
    def last(self) -> Snapshot:
        return self.snapshots[-1]

    @property
    def running(self) -> bool:
        return self.status == "running"

    def start(self, snapshots: Iterator[Snapshot]) -> None:
        """Take the snapshots in a thread of the run's own: a rerun of the page (any click)
        ends the script run that draws, not the run; the next script run draws it on."""
        self.watched = time.perf_counter()
        frame_budget.join()  # in flight until _take ends
        threading.Thread(target=self._take, args=(snapshots,), daemon=True,
                         name=f"run-{self.id}").start()

    def cancel(self) -> None:
        """Stop, Train again, or the page left: the run ends (in its worker too)."""
        if self.running:
            self.status = "stopped"
            self._cancelled.set()

    def check(self) -> None:
        """Called while the snapshots are awaited: ends a cancelled run, and one that no page
        has drawn for UNWATCHED_SECONDS (its browser left)."""
        if self._cancelled.is_set() or time.perf_counter() - self.watched > UNWATCHED_SECONDS:
            self._cancelled.set()
            raise _Cancelled

    def _take(self, snapshots: Iterator[Snapshot]) -> None:
        started = time.perf_counter() - self.seconds
        try:
            for snap in snapshots:
                if self._cancelled.is_set():
                    break
                self.snapshots.append(snap)
                self.seconds = time.perf_counter() - started
                self.check()
        except _Cancelled:
            pass
        except Exception as err:  # noqa: BLE001 - shown on the page, as if raised there
            self.error = err
        finally:
            snapshots.close()  # a run left half way is cancelled in its worker
            frame_budget.leave()
            # a shared run reports its training's time, not how long its replay took
            self.seconds = getattr(snapshots, "training_seconds", time.perf_counter() - started)
            if self._cancelled.is_set() or self.error is not None:
                self.status = "stopped"
            else:
                self.status = "diverged" if self.snapshots and self.last.divergence else "done"
            self.ended.set()


class _Cancelled(Exception):
    """Raised in a run's thread to end it."""


@dataclass
class _Slots:
    """Placeholders filled by every frame, so that the layout never jumps."""

    status: Any
    progress: Any
    metrics: Any
    picture: Any
    curves: Any
    notes: Any = None  # under the curves: what the chart cannot say (log scale impossible)
    accuracy: Any = None  # accuracy curves, on their own 0-1 axis
    diagram: Any = None


def run_key(task: str) -> str:
    return f"{task}.run"


SESSION_NUMBER_KEY = "training.session_number"


def session_number() -> int:
    """A random number drawn once per browser session (TrainingPage.session_settings)."""
    if SESSION_NUMBER_KEY not in st.session_state:
        st.session_state[SESSION_NUMBER_KEY] = secrets.randbelow(900_000_000) + 100_000_000
    return st.session_state[SESSION_NUMBER_KEY]


def forget_run(task: str) -> None:
    """The page's run is gone (its files deleted): from a widget's callback."""
    st.session_state.pop(run_key(task), None)


def leave_other_pages(current: str, session: Mapping[str, Any] | None = None) -> None:
    """Leaving a page ends its run (the router calls this with the page now shown)."""
    session = st.session_state if session is None else session
    for key in list(session.keys()):
        run = session[key]
        if isinstance(run, Run) and key != run_key(current):
            run.cancel()


def render(page: TrainingPage) -> Frame:
    """Draw the training page; return what it shows now (the settings on screen, their view,
    the run and its last snapshot) for the parts a page draws after it."""
    task = get_task(page.task)
    head, toggle = st.columns([4, 1], vertical_alignment="bottom")
    head.title(t(f"nav.{page.task}"))
    with toggle:
        presenter.presenter_toggle(page.task)
    presenting = presenter.presenting()
    if has(f"{page.task}.intro") and not presenting:
        st.markdown(t(f"{page.task}.intro"))
    described = st.empty()  # the network of the current settings, once they are read

    locked = classroom.locked_settings(page.task, task.config)
    with st.sidebar:
        st.subheader(t("settings.title"))
        if page.presets:
            _presets(page, task)
    pins = classroom.pinned(task.config) if presenting else ()
    # Presenter mode: one row of buttons and pinned settings, the charts right under it, and
    # everything else (data source, challenge) below the charts. Otherwise: where the points
    # come from and the challenge first, then the buttons and the charts.
    if presenting:
        area, panels = st.container(), st.container()
    else:
        panels, area = st.container(), st.container()
    bar = area.columns([1, 1, 1, 5 if not pins else 3 * len(pins)], vertical_alignment="bottom")
    fixed = page.session_settings(session_number()) if page.session_settings else None
    cfg, error = config_controls(task.config, page=page.task, groups=page.groups, locked=locked,
                                 pinned=pins, pinned_container=bar[3] if pins else None,
                                 fixed=fixed)
    if "data_seed" in task.config.__dataclass_fields__:
        st.sidebar.button(t("live.regenerate"), key=f"{page.task}.regenerate",
                          help=t("live.regenerate_help"), on_click=_regenerate, args=(page.task,))
    if error:
        st.warning(t("settings.invalid", error=error))
    no_data = False  # your own points chosen but not usable yet: no picture of other data
    if error is None and page.data_source is not None:
        with panels:
            cfg, error = page.data_source(cfg)
        no_data = error is not None
    view, unavailable = None, False  # with bad settings: the defaults' (cfg holds them then)
    if not no_data:
        view = page.view(cfg)
        unavailable = isinstance(view, Unavailable)
        if unavailable:
            panels.error(view.message)
            error, no_data, view = view.message, True, None
    if page.describe is not None and error is None and not presenting:
        described.caption(page.describe(cfg))
    keep_only_page_params({f for f in cfg.__dataclass_fields__} | {DATA_SOURCE_KEY}
                          | classroom.URL_KEYS)
    if not classroom.is_student(page.task, task.config):
        with st.sidebar:
            classroom.student_link_panel(page.task, cfg)
            classroom.pin_picker(page.task, task.config)
    with panels:
        classroom.challenge_panel(page.task)

    run: Run | None = st.session_state.get(run_key(page.task))
    with area:
        # Stop is the page's own button, not the training area's: a click on a fragment's
        # widget waits for the script run in progress (one drawing a run) to end, a click on
        # the page's interrupts it at once.
        if bar[1].button(t("live.stop"), key=f"{page.task}.stop", width="stretch"):
            if run is not None:
                run.cancel()
        _call_from_parent(page.task, "area")
        _training_area(page, cfg, view, error, no_data, presenting, unavailable, bar,
                       bool(pins), widget_states(task.config, page.task))
    run = st.session_state.get(run_key(page.task))
    options = _option_values(page, cfg)
    if not unavailable:  # the script and the sweeps need what cannot be read
        _code(page, task, cfg)
        sweep_panel.render(page, task, cfg)
    return Frame(cfg, view, run.last if run is not None and run.snapshots else None, run, options)


@st.fragment
def _training_area(page: TrainingPage, cfg, view, error: str | None, no_data: bool,
                   presenting: bool, unavailable: bool, bar: Sequence[Any], pins: bool,
                   states: tuple) -> None:
    """Train, Replay, Step and Continue (in the page's ``bar``; Step and Continue under the
    charts when the bar holds the presenter's pinned settings), the run (the stage), its
    downloads and the Runs panel: a fragment, so that these buttons rerun only this part of the
    page, not the settings in the sidebar (in a class of 100 pressing Train together, the whole
    page's rerun was most of the server's time). A click here while a run is being drawn waits
    for it to end; Stop, outside the fragment, does not wait.

    ``states``: what the settings' widgets held when the page last ran: a button here whose
    callback changed a setting (Step, Continue, Open this run) reruns the whole page, so that
    the sidebar, the link and the code show the new settings."""
    task = get_task(page.task)
    by_page = _called_by_parent(page.task, "area")
    if not by_page and widget_states(task.config, page.task) != states:
        st.rerun()
    run: Run | None = st.session_state.get(run_key(page.task))
    train = bar[0].button(t("live.train"), type="primary", disabled=error is not None,
                          key=f"{page.task}.train", width="stretch",
                          on_click=forget_url_problems, args=(page.task,))
    replay = bar[2].button(t("live.replay"), key=f"{page.task}.replay", width="stretch")
    stage = st.container()
    if page.can_continue:  # beside the buttons, or under the charts when pins fill the row
        _continue_controls(page, st.container() if pins else bar[3], run, error, train)
    more = st.session_state.pop(_CONTINUE_KEY.format(page.task), None)

    own = st.session_state.pop(_OWN_RUN_KEY.format(page.task), False)  # "Train anyway"
    if (train or own) and error is None:
        if run is not None:
            run.cancel()
        run = _start(page, task, cfg, view, own=own)
    elif more is not None and run is not None:
        run = _continue(page, task, cfg, run, done=more)
    elif run is not None and replay and len(run.snapshots) > 1 and not run.running:
        st.session_state[_REPLAY_KEY.format(page.task)] = True
    _call_from_parent(page.task, "stage")
    with stage:
        _stage(page, cfg, view, no_data, presenting)
    run = st.session_state.get(run_key(page.task))
    if run is not None and not run.running and run.number is None:
        runs_panel.remember(task, run)  # every run joins the page's history, once
        if not by_page and page.rest_shows_runs:
            st.rerun()  # what the page draws after render() changed with this run
    if not unavailable:  # the downloads and the runs need what cannot be read
        _downloads(page, run, _option_values(page, cfg))
        runs_panel.render(page, task)


_OWN_RUN_KEY = "{}.own_run"
_CONTINUE_KEY = "{}.continue_from"  # Step / Continue: the step the run goes on from
_REPLAY_KEY = "{}.replay_pending"  # one-shot requests from the page's buttons to its stage
_NOTICE_KEY = "{}.notice"


def _call_from_parent(task: str, part: str) -> None:
    """Mark that the fragment ``part`` is about to be called by the code around it, not rerun
    on its own (a click on one of its widgets): it reads the mark with
    :func:`_called_by_parent`."""
    st.session_state[f"{task}.{part}.called_by_parent"] = True


def _called_by_parent(task: str, part: str) -> bool:
    """Whether this run of the fragment ``part`` was called by the code around it (the mark is
    used up)."""
    return st.session_state.pop(f"{task}.{part}.called_by_parent", False)


@st.fragment
def _stage(page: TrainingPage, cfg, view, no_data: bool, presenting: bool) -> None:
    """Status, metrics, picture, curves, view options and what is shown after a run: a
    fragment, so that a scrub step or a view option redraws only this part of the page. A run
    still training is followed here (after any rerun: a click does not end it)."""
    by_area = _called_by_parent(page.task, "stage")
    if st.session_state.get(_OWN_RUN_KEY.format(page.task)):
        st.rerun()  # "Train anyway" was clicked here: the training area starts the run
    run: Run | None = st.session_state.get(run_key(page.task))
    if presenting:
        left, right = st.columns([page.picture_width, 1])
        top = st.container()
    else:
        top = st.container()
        left, right = st.columns([page.picture_width, 1])
    # Charts go into slots, which the browser keeps from one script run to the next (a scrub
    # step swaps their data); the rest into placeholders, hidden while they hold nothing.
    slots = _Slots(top.empty(), top.empty(), top.empty(), Slot(left), Slot(right))
    if _split_curves(page)[1] and page.side is None:
        slots.accuracy = Slot(right)
    slots.notes = right.empty()
    # Losses fall by orders of magnitude: a log axis shows the whole run (a toggle for linear).
    log_key = f"{page.task}.log_curves"
    if log_key not in st.session_state:
        st.session_state[log_key] = page.log_curves
    if page.side is None:
        right.toggle(t("live.log_scale"), key=log_key)
    options = _view_options(page, cfg, left)
    if page.diagram is not None:
        slots.diagram = Slot(st)
    below = st.container()
    notice = st.session_state.pop(_NOTICE_KEY.format(page.task), None)

    if run is not None and run.running:
        _follow(page, run, slots, options)
        if not by_area:  # ended in a rerun of the stage alone: the Runs panel learns of it too
            st.rerun()
    elif run is not None and st.session_state.pop(_REPLAY_KEY.format(page.task), False):
        _replay(page, run, slots, options)

    if run is not None and not run.snapshots:  # stopped before its first step: nothing to show
        forget_run(page.task)
        run = None
    if run is not None and run.language != current_language():
        run.view, run.language = page.view(run.cfg), current_language()  # legends, translated
    if run is None:
        slots.status.info(t("live.press_train"))
        chart = None if no_data else page.picture(Frame(cfg, view, options=options))
        if chart is not None:
            draw(slots.picture, chart, width="content")
    else:
        _result_view(page, run, cfg, slots, below, options)
    if notice is not None:
        slots.status.warning(notice)


def _option_values(page: TrainingPage, cfg) -> dict[str, Any]:
    """The view options' values without drawing them (the parts outside the stage)."""
    return {o.name: st.session_state.get(_option_key(page.task, o.name), o.default)
            for o in page.view_options}


def _view_options(page: TrainingPage, cfg, box) -> dict[str, Any]:
    """Draw the page's view options under the picture; their values by name."""
    values = {}
    for option in page.view_options:
        key = _option_key(page.task, option.name)
        text = t(option.label or f"{page.task}.{option.name}")
        help_text = t(f"{page.task}.{option.name}_help", default="") or None
        st.session_state.setdefault(key, option.default)
        if isinstance(option.default, bool):
            values[option.name] = box.toggle(text, key=key, help=help_text)
            continue
        kind = type(option.default)
        lo, hi = kind(option.lo), kind(option.hi(cfg) if callable(option.hi) else option.hi)
        if hi <= lo:  # one possible value: nothing to choose
            values[option.name] = lo
            continue
        # the value stays inside the range the settings give now
        st.session_state[key] = min(max(kind(st.session_state[key]), lo), hi)
        values[option.name] = box.slider(text, lo, hi, step=option.step, key=key, help=help_text)
    return values


def _option_key(task: str, name: str) -> str:
    return f"{task}.view.{name}"


def _regenerate(task: str) -> None:
    """"Regenerate data": the next data seed (a button's callback runs before the widgets)."""
    key = f"{task}.data_seed"
    st.session_state[key] = int(st.session_state.get(key, 0)) + 1


def _presets(page: TrainingPage, task) -> None:
    """Named settings that set several controls at once ("spiral: deep net")."""
    names = list(page.presets)
    choice = st.selectbox(t("live.preset"), names, index=None, key=f"{page.task}.preset",
                          placeholder=t("live.preset_placeholder"),
                          format_func=lambda n: t(f"preset.{n}", default=n))
    st.button(t("live.preset_apply"), key=f"{page.task}.preset_apply", disabled=choice is None,
              on_click=_apply_preset, args=(page, task.config, choice))


def _apply_preset(page: TrainingPage, cls: type, name: str | None) -> None:
    if name is not None:
        apply_settings(cls, page.task, page.presets[name])  # the rest back to the defaults


def _continue_controls(page: TrainingPage, box, run: Run | None, error: str | None,
                       training: bool) -> None:
    """Step (one more step) and Continue (N more) from the run's last weights. Usable too while
    a run is being trained on this script run (the buttons are drawn before it ends)."""
    usable = error is None and (training or (run is not None and bool(run.snapshots)))
    row = box.container(horizontal=True)  # one layout block (columns were four)
    row.button(t("live.step"), key=f"{page.task}.step", disabled=not usable,
               help=t("live.step_help"), width="stretch",
               on_click=_lengthen, args=(page.task, 1))
    row.button(t("live.continue"), key=f"{page.task}.continue", disabled=not usable,
               help=t("live.continue_help"), width="stretch",
               on_click=_lengthen, args=(page.task, None))
    row.number_input(t("live.more_steps"), min_value=1, max_value=5000, value=100,
                     key=f"{page.task}.more", label_visibility="collapsed")


def _lengthen(task: str, more: int | None) -> None:
    """Before the rerun of a Step/Continue click: the steps setting becomes the continued
    run's (so the sidebar, the link and "Show the code" describe the run on screen), and the
    run goes on from its last step in the next run of the page."""
    run = st.session_state.get(run_key(task))
    more = more or int(st.session_state.get(f"{task}.more", 100))
    if run is not None and run.snapshots:
        st.session_state[f"{task}.steps"] = run.last.step + more
        st.session_state[_CONTINUE_KEY.format(task)] = run.last.step


# --------------------------------------------------------------------------- live training
def _continue(page: TrainingPage, task, cfg, run: Run, done: int) -> Run:
    """Train ``run`` on from step ``done`` to ``cfg.steps``, when only the steps changed (a
    refusal is said on the page and the run kept)."""
    refusal = None
    if run.status == "diverged":
        refusal = t("live.continue_refused", reason=t("live.continue_diverged"))
    else:
        try:
            same = dataclasses.replace(run.cfg, steps=cfg.steps) == cfg
            longer = continued(dataclasses.replace(run.cfg, steps=done), cfg.steps - done)
        except ConfigError as err:
            refusal = t("live.continue_refused", reason=str(err))
        else:
            if not same:
                refusal = t("live.continue_changed")
    if refusal is not None:
        st.session_state[_NOTICE_KEY.format(page.task)] = refusal
        return run
    run.cancel()  # still training: it goes on from where it is now
    return _start(page, task, longer, run.view, base=run, after=done)


def _start(page: TrainingPage, task, cfg, view, own: bool = False, base: Run | None = None,
           after: int = 0) -> Run:
    """A new run, or with ``base`` the same run trained on past step ``after`` (its snapshots
    up to there kept, the new ones appended), started in its thread and kept in the session."""
    if base is None:
        run = Run(next(_run_ids), cfg, view, language=current_language())
    else:
        run = Run(next(_run_ids), cfg, base.view, language=base.language,
                  snapshots=[s for s in base.snapshots if s.step <= after])
    snapshots, run.shared = _snapshots(page.task, task, cfg, run.check, own, after=after)
    st.session_state[run_key(page.task)] = run
    run.start(snapshots)
    return run


def _follow(page: TrainingPage, run: Run, slots: _Slots, options: dict) -> None:
    """Draw a running run as its snapshots arrive, until it ends: frames by time (5 per
    second), and less often when the server is busy (at most FRAME_SHARE of the time). A
    rerun of the page stops this drawing, not the run: the next script run follows it again."""
    if run.shared:
        slots.status.info(t("live.shared"))
    # Frames are timed from the first snapshot, not from the click: a run that waited in the
    # queue (a class pressing Train together) and then trains in less than a frame's interval
    # shows its final view directly, one drawing instead of two.
    drawn, next_frame, shown = -1, None, time.perf_counter()
    while not run.ended.wait(frame_budget.look_interval(FRAME_SECONDS, CHECKPOINT_SECONDS)):
        run.watched = now = time.perf_counter()
        n = len(run.snapshots)
        if n and next_frame is None:
            next_frame = now + frame_budget.interval(FRAME_SECONDS)
        if n and n - 1 != drawn and now >= next_frame and not run.snapshots[n - 1].done:
            _draw(page, run, n - 1, slots, options)
            _progress(slots, run.snapshots[n - 1], page.progress_text)
            drawn = n - 1
            # By the clock, and never more than FRAME_SHARE of the time: on a busy server a
            # frame takes longer, so frames get rarer instead of piling up.
            spent = time.perf_counter() - now
            next_frame = now + max(frame_budget.interval(FRAME_SECONDS), spent / FRAME_SHARE)
            shown = time.perf_counter()
        elif now - shown >= CHECKPOINT_SECONDS:
            # Say where the run is now and then; every Streamlit call is also where a script
            # whose user clicked elsewhere is stopped (the run goes on).
            shown = now
            waiting = workers.pool().waiting if workers.enabled() else 0
            if n:
                _progress(slots, run.last, page.progress_text)
            elif waiting:
                slots.progress.progress(0.0, text=t("live.queued_one" if waiting == 1
                                                    else "live.queued", waiting=waiting))
    run.watched = time.perf_counter()
    slots.progress.empty()
    if run.error is not None:  # the run failed: as if it had failed on the page
        error, run.error = run.error, None
        raise error


def _progress(slots: _Slots, snap: Snapshot, text: str) -> None:
    """The progress bar at ``snap``; ``text``: the page's i18n key ("Step 3 of 7")."""
    slots.progress.progress(min(snap.step / snap.total, 1.0),
                            text=t(text, step=snap.step, total=snap.total))


def _snapshots(name: str, task, cfg, checkpoint: Callable[[], None],
               own: bool, after: int = 0) -> tuple[Iterator[Snapshot], bool]:
    """The run's snapshots (past step ``after``: a continued run), and whether they are another
    identical run's (ui/shared_runs.py): from a worker process (see ui/workers.py), or in this
    thread."""
    if not workers.enabled():
        return workers.in_thread(steps_after(task.train(cfg), after)), False
    if not own and not after and shared_runs.key_of(name, cfg) is not None:
        return shared_runs.server_runs().follow(name, cfg, checkpoint)
    return workers.pool().train(name, cfg, checkpoint, after=after), False


def _replay(page: TrainingPage, run: Run, slots: _Slots, options: dict) -> None:
    n = len(run.snapshots)
    frames = np.unique(np.linspace(0, n - 1, min(n, 40)).round().astype(int))
    pause = REPLAY_SECONDS / len(frames)
    for i in frames:
        _draw(page, run, int(i), slots, options)
        slots.progress.progress((i + 1) / n, text=t(page.progress_text,
                                                    step=run.snapshots[i].step,
                                                    total=run.last.total))
        time.sleep(pause)
    slots.progress.empty()


# --------------------------------------------------------------------------- drawing a frame
def picture_snapshot(snapshots: Sequence[Snapshot], index: int) -> Snapshot | None:
    """The latest snapshot at or before ``index`` that can be drawn (weights or a picture)."""
    for i in range(index, -1, -1):
        if snapshots[i].is_frame:
            return snapshots[i]
    return None


def scalar_series(snapshots: Sequence[Snapshot], keys: Sequence[str], upto: int):
    steps = [s.step for s in snapshots[:upto + 1]]
    series = {k: [s.scalars.get(k, np.nan) for s in snapshots[:upto + 1]] for k in keys}
    return steps, {k: v for k, v in series.items() if np.isfinite(v).any()}


def _draw(page: TrainingPage, run: Run, index: int, slots: _Slots, options: dict,
          cursor: bool = False) -> None:
    snap = picture_snapshot(run.snapshots, index)
    frame = Frame(run.cfg, run.view, snap, run, options)
    chart = page.picture(frame) if snap is not None else None
    if chart is not None:
        draw(slots.picture, chart, width="content", config=presenter.chart_config(),
             height=presenter.chart_height("picture"))  # the chart's own aspect
    if page.diagram is not None and slots.diagram is not None and snap is not None:
        drawing = page.diagram(frame)
        if drawing is not None:
            draw(slots.diagram, drawing, width="content", config=presenter.chart_config())
    if page.side is not None:
        beside = page.side(frame) if snap is not None else None
        if beside is not None:
            draw(slots.curves, beside, width="content", config=presenter.chart_config(),
                 height=presenter.chart_height("curves"))
    else:
        _draw_curves(page, run, index, slots, cursor)
    with slots.metrics.container():
        _metrics_row(page, run.snapshots, index)


def _split_curves(page: TrainingPage) -> tuple[list[str], list[str]]:
    """The page's curves as (losses, accuracies). Accuracy (0-1, higher is better) gets its own
    chart: on the loss axis, and on a log scale, it read as one more loss."""
    return ([k for k in page.curves if "accuracy" not in k],
            [k for k in page.curves if "accuracy" in k])


def _draw_curves(page: TrainingPage, run: Run, index: int, slots: _Slots, cursor: bool) -> None:
    """The loss curves up to snapshot ``index`` (and accuracy on its own chart)."""
    losses, accuracies = _split_curves(page)
    steps, series = scalar_series(run.snapshots, losses, index)
    labels = {k: t(f"series.{k}", default=k) for k in series}
    data = curves_frame(steps, {labels[k]: v for k, v in series.items()})
    wanted_log = bool(st.session_state.get(f"{page.task}.log_curves"))
    log = wanted_log and bool((data["value"] > 0).all())
    if wanted_log and not log:  # never a toggle that says "log" over a linear axis
        slots.notes.caption(t("live.log_impossible"))
    else:
        slots.notes.empty()
    y_title = t(page.curve_y_title, default=page.curve_y_title)
    cursor_frame = {"step": [steps[-1]] if cursor else []}
    colors = ({labels[k]: page.curve_colors[k] for k in series} if page.curve_colors
              else None)
    curves = Plot(curves_layers, (data, cursor_frame), dict(
        title=t("live.curves"), y_title=y_title, x_title=t(page.step_title), log=log,
        height=page.curves_height, x_max=run.snapshots[-1].total, colors=colors))
    draw(slots.curves, curves, config=presenter.chart_config(),
         height=presenter.chart_height("curves"))
    if accuracies:
        steps, series = scalar_series(run.snapshots, accuracies, index)
        labels = {k: t(f"series.{k}", default=k) for k in series}
        data = curves_frame(steps, {labels[k]: v for k, v in series.items()})
        draw(slots.accuracy, Plot(curves_layers, (data, cursor_frame), dict(
            title="", y_title=t("axis.accuracy"), x_title=t(page.step_title), log=False,
            y_domain=(0.0, 1.0), height=max(120, page.curves_height // 2),
            x_max=run.snapshots[-1].total)), config=presenter.chart_config())


def latest_values(snapshots: Sequence[Snapshot], index: int) -> dict[str, float]:
    """Each scalar's latest finite value at or before snapshot ``index`` (test figures come
    every few steps; a NaN never hides the last number). ``math.isfinite``: this runs on
    every scrub step, over the whole history, and NumPy's isfinite costs ~1 µs a float."""
    latest: dict[str, float] = {}
    for s in snapshots[:index + 1]:
        latest.update({k: v for k, v in s.scalars.items() if math.isfinite(v)})
    return latest


def _metrics_row(page: TrainingPage, snapshots: Sequence[Snapshot], index: int) -> None:
    latest = latest_values(snapshots, index)
    shown = [k for k in page.metrics if k in latest]
    # One row that shares its width out (a horizontal container: one layout block, where
    # columns were one per metric and one more, sent again with every frame and scrub step).
    row = st.container(horizontal=True, gap="medium")
    row.metric(t(page.step_title), f"{snapshots[index].step}/{snapshots[index].total}")
    for key in shown:
        row.metric(t(f"metric.{key}", default=key), metric_text(key, latest[key]))


def metric_text(key: str, value: float) -> str:
    """A figure short enough for its box: 0.0123, 97.5%, 4.01e+19 (never 40124179897255…)."""
    if "accuracy" in key:
        return f"{value:.1%}"
    return f"{value:.4f}" if abs(value) < 1e4 else f"{value:.3g}"


def _result_view(page: TrainingPage, run: Run, cfg, slots: _Slots, below, options: dict) -> None:
    last = run.last
    if run.status == "diverged":
        d = last.divergence
        slots.status.error(t("live.diverged", step=d.step, quantity=d.quantity, kind=d.kind)
                           + "  \n" + t("live.diverged_hint"))
    elif run.status == "stopped":
        slots.status.warning(t("live.stopped", step=last.step, total=last.total))
    else:
        slots.status.success(t(page.done_text, total=last.total, seconds=run.seconds))
    if run.shared:
        below.info(t("live.shared_done"))
        below.button(t("live.train_anyway"), key=f"{page.task}.train_anyway",
                     on_click=lambda: st.session_state.update({_OWN_RUN_KEY.format(page.task): True}))
    classroom.verdict(page.task, get_task(page.task), run.cfg, last, below)
    class_board.submit_panel(page.task, run, below)
    losses = [s.scalars.get("train_loss", float("nan")) for s in run.snapshots]
    if run.status != "diverged" and stalled(losses):
        below.warning(t("live.stuck", loss=losses[-1]))
    if run.cfg != cfg:
        below.caption(t("live.stale"))
    # A diverged run's last snapshot holds no weights: scrub among the finite ones.
    n = len(run.snapshots) - (1 if run.status == "diverged" else 0)
    if n <= 0:
        return
    index = n - 1
    if n > 1:
        # By step, not by snapshot: a run that records every 48th step still scrubs in steps.
        steps = [s.step for s in run.snapshots[:n]]
        value = below.select_slider(t(page.step_title), options=steps, value=steps[-1],
                                    key=f"{page.task}.scrub.{run.id}")
        index = steps.index(value)

    with frame_budget.final_view:
        _draw(page, run, index, slots, options, cursor=index < n - 1)
    snap = picture_snapshot(run.snapshots, index)
    if page.extra is not None and snap is not None:
        page.extra(Frame(run.cfg, run.view, snap, run, options), below)


# --------------------------------------------------------------------------- code, downloads
def _code(page: TrainingPage, task, cfg) -> None:
    """"Show the code": the standalone script of the settings on screen, and its command line."""
    if task.code is None:
        return
    flags = " ".join(f"--{k.replace('_', '-')} {v}" for k, v in changed_fields(cfg).items())
    own = getattr(cfg, "own", None)
    if own is not None:  # the script reads the exported points, offered next to it
        own = own.exported(f"{page.task}_data.csv")
        cfg = dataclasses.replace(cfg, own=own)
        flags = f"{codegen.own_data_flags(own)} {flags}"
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


def _downloads(page: TrainingPage, run: Run | None, options: dict) -> None:
    """The run's loss history (CSV) and its model's weights (.pt), when there is a run."""
    if run is None or not run.snapshots:
        return
    # One row, each button as wide as its label: in fixed columns "Model weights (.pt
    # state_dict)" was cut at 1280 px.
    # The files are made when a button is clicked (a callable as data), not on every rerun:
    # most runs are never downloaded, and a class of 100 finishing together pays for none.
    row = st.container(horizontal=True)
    row.download_button(t("live.download_csv"), functools.partial(history_csv, run.snapshots),
                       file_name=f"{page.task}_history.csv", mime="text/csv",
                       key=f"{page.task}.dl_csv", width="content")
    if page.export is not None:
        snap = picture_snapshot(run.snapshots, len(run.snapshots) - 1)
        if snap is not None:
            frame = Frame(run.cfg, run.view, snap, run, options)
            row.download_button(t("live.download_pt"), functools.partial(_state_dict, page, frame),
                               file_name=f"{page.task}_state_dict.pt",
                               mime="application/octet-stream", key=f"{page.task}.dl_pt",
                               width="content")


def _state_dict(page: TrainingPage, frame: Frame) -> bytes:
    buffer = io.BytesIO()
    torch.save(page.export(frame), buffer)
    return buffer.getvalue()


def history_csv(snapshots: Sequence[Snapshot]) -> str:
    """Every recorded scalar per step, one row per step."""
    rows = [{"step": s.step, **s.scalars} for s in snapshots]
    return pd.DataFrame(rows).to_csv(index=False)
