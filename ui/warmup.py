"""One-time work per server process (st.cache_resource runs it once, for every user)."""
from __future__ import annotations

import os

import streamlit as st


@st.cache_resource(show_spinner=False)
def warm_up() -> bool:
    """Pay torch's first-call costs at server start; keep one thread per session's training.

    One process serves every user, each script run a thread: with one torch thread each, 30
    students do not fight over two cores. Nothing a user trains is cached here.
    """
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    import torch

    from core.registry import get_task
    from core.snapshots import last
    from core.tasks.classification import ClassificationConfig, class_probabilities, problem

    torch.set_num_threads(1)
    cfg = ClassificationConfig(steps=3)
    snap = last(get_task("classification").train(cfg))
    class_probabilities(cfg, snap.picture, problem(cfg).extent, 10)
    return True
