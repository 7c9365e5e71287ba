"""One-time work per server process (st.cache_resource runs it once, for every user)."""
from __future__ import annotations

import gc
import os
import threading
import time

import streamlit as st


@st.cache_resource(show_spinner=False)
def warm_up() -> bool:
    """Start the training workers and pay torch's first-call costs (and Ray, if so configured),
    without making anyone wait.

    Runs in a background thread: the training workers start at once, in their own processes;
    this process imports and exercises torch once the first visitor's page has been drawn (the
    home page needs no torch), ready for the first Train click. One process serves every user,
    each script run a thread: one torch thread per process keeps them from fighting over the
    cores, and training runs in worker processes (ui/workers.py). Nothing a user trains is
    cached here.
    """
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    threading.Thread(target=_warm, name="playground-warm-up", daemon=True).start()
    return True


FIRST_PAGE_WAIT_SECONDS = 5.0


def _scripts_running() -> bool:
    """Is any session's script running in this process now? (Streamlit names its threads.)"""
    return any(th.name == "ScriptRunner.scriptThread" for th in threading.enumerate())


def _warm() -> None:
    from ui import workers

    if workers.enabled():
        workers.pool()  # first: the workers start now and warm themselves up in parallel
    # This process's own warm-up holds the GIL for a second or two: let the first visitor's
    # page finish its script first (measured: first paint 2.8 s -> 2.2 s, as `streamlit hello`).
    # A page that needs torch sooner simply imports it itself.
    deadline = time.monotonic() + FIRST_PAGE_WAIT_SECONDS
    while _scripts_running() and time.monotonic() < deadline:
        time.sleep(0.05)
    import torch

    torch.set_num_threads(1)
    from core.models import build_mlp
    from core.registry import get_task, task_names
    from core.snapshots import last
    from core.tasks.classification import ClassificationConfig, class_probabilities, problem
    from ui import frames, training_page  # noqa: F401  (what every training page imports)
    from ui.charts.plane import heatmap_frame
    from ui.raster import probabilities_to_rgb, quantize

    for name in task_names():  # every lesson's module, imported once now
        get_task(name)
    # What a live frame does in this process: evaluate a snapshot's weights on the grid, colour.
    # (No optimizer here: building one imports torch._dynamo, 130k objects this process would
    # otherwise never need when the workers train.)
    cfg = ClassificationConfig()
    weights = torch.nn.utils.parameters_to_vector(build_mlp(2, (10,), 2, "relu", 0.0).parameters())
    extent = problem(cfg).extent
    heatmap_frame(probabilities_to_rgb(quantize(class_probabilities(cfg, weights.detach(),
                                                                    extent, 100))), extent)
    if not workers.enabled():  # training happens in this process: pay its first call too
        last(workers.in_thread(get_task("classification").train(ClassificationConfig(steps=3))))
    # Streamlit runs a full garbage collection after every script run (runner.postScriptGC).
    # With torch, pandas, altair and Streamlit loaded that walks ~300k long-lived objects, 0.1-
    # 0.4 s holding the GIL, per run, per student: measured as over half of the server's time
    # in a 30-student class. Those objects live as long as the server: freeze them out of
    # every collection. Even then, a full collection per run still walked every session's
    # objects (a quarter of the server's time with 30 students), so leave collecting to
    # Python's own generational thresholds, as in any long-running Python server.
    gc.freeze()
    from streamlit import config

    config.set_option("runner.postScriptGC", False, where_defined="ui/warmup.py")
    # Last, once the pages and the first Train are warm: Ray for sweeps, if
    # $PLAYGROUND_RAY_START=server (core/cluster.py; in the background, never raises).
    from core import cluster

    cluster.start_early(cluster.SERVER)
