"""A run trained to its end and summed up as figures: what ``train --json`` prints and what
a challenge is checked against."""
from __future__ import annotations

import time
from typing import Any

from core.registry import Task
from core.snapshots import Snapshot, last


def measure(task: Task, cfg: Any) -> tuple[dict, Snapshot]:
    """Train ``cfg`` to the end; return the figures (the task's result plus page, steps, device,
    seconds and, for a diverged run, ``diverged``) and the last snapshot."""
    started = time.perf_counter()
    final = last(task.train(cfg))
    return figures_of(task, cfg, final, time.perf_counter() - started), final


def figures_of(task: Task, cfg: Any, final: Snapshot, seconds: float) -> dict:
    """The figures of a run that ended with ``final`` after ``seconds`` (a sweep's runs too)."""
    figures = {"page": task.name, **task.result(cfg, final)}
    figures.setdefault("steps", final.step)
    figures.setdefault("device", getattr(cfg, "device", "cpu"))
    figures["seconds"] = round(seconds, 4)
    if final.divergence is not None:
        d = final.divergence
        figures["diverged"] = {"step": d.step, "message": d.message, "hint": d.hint}
    return figures
