"""The trainable lessons, by CLI name. Each one's module, core/tasks/<name>.py, defines
``TASK = Task(...)``; which lessons train is read from :mod:`core.catalog`.

Pages and the CLI both look a task up here, so ``python -m core train NAME`` and the page
NAME run the very same code.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from collections.abc import Callable, Iterator
from typing import Any

from core.catalog import LESSONS
from core.snapshots import Snapshot

# name -> module, in the order of the course
TASK_MODULES = {entry.name: entry.core for entry in LESSONS if entry.trainable}


class TaskUnavailable(RuntimeError):
    """The task cannot run here (e.g. its dataset is missing). The CLI exits 2 with the message."""


@dataclass(frozen=True)
class Task:
    name: str
    summary: str  # one line for `python -m core list`
    config: type  # frozen dataclass of settings (core.config.param fields)
    train: Callable[[Any], Iterator[Snapshot]]  # cfg -> generator of snapshots
    result: Callable[[Any, Snapshot], dict]  # (cfg, last snapshot) -> JSON-able figures
    code: Callable[[Any], str] | None = None  # cfg -> standalone plain-PyTorch script
    report: Callable[[Any, Snapshot], str] | None = None  # extra human-readable text for `train`
    # The figures of its result a challenge's goal may name, as paths (``test_loss.dropout`` is
    # result["test_loss"]["dropout"]); none: the lesson has no challenges.
    metrics: tuple[str, ...] = ()


def task_names() -> list[str]:
    """Names whose module exists in this checkout."""
    return [n for n in TASK_MODULES if _load(n) is not None]


def get_task(name: str) -> Task:
    if name not in TASK_MODULES:
        raise KeyError(name)
    task = _load(name)
    if task is None:
        raise KeyError(name)
    return task


def _load(name: str) -> Task | None:
    module_name = TASK_MODULES[name]
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as err:
        if err.name == module_name:  # the module itself is absent, not one of its imports
            return None
        raise
    return module.TASK
