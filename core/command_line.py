"""What every CLI verb shares: one-line errors (exit 2), settings flags, a run's figures.

``python -m core train`` and ``python -m core class submit`` both turn ``--lr 0.1 ...`` into a
task's config and a finished run into the same JSON figures, so they share this module.
"""
from __future__ import annotations

import argparse
import math
import sys
import time
from typing import Any, NoReturn

from core.config import ConfigError, from_strings, specs
from core.registry import Task
from core.snapshots import Snapshot, last

EXIT_USAGE = 2
EXIT_DIVERGED = 1


class OneLineParser(argparse.ArgumentParser):
    """argparse whose errors are one line on stderr and exit 2 (argparse prints the usage)."""

    def error(self, message: str) -> NoReturn:
        fail(message)


def fail(message: str) -> NoReturn:
    print(f"error: {message}", file=sys.stderr)
    raise SystemExit(EXIT_USAGE)


def add_settings_flags(parser: argparse.ArgumentParser, task: Task) -> None:
    """One flag per config field (``--batch-size`` and ``--batch_size`` both work)."""
    for s in specs(task.config):
        names = [s.flag] + ([f"--{s.name}"] if "_" in s.name else [])
        parser.add_argument(*names, dest=s.name, default=None, metavar="VALUE", help=s.help)


def settings_from_args(task: Task, args: dict[str, Any]) -> Any:
    """The config from parsed flags (only the given ones; the rest keep their defaults)."""
    given = {s.name: args.pop(s.name) for s in specs(task.config) if args.get(s.name) is not None}
    try:
        cfg, _ = from_strings(task.config, given, strict=True)
    except (ConfigError, TypeError) as err:  # TypeError: a config's own cross-field check
        fail(str(err))
    return cfg


def run_figures(task: Task, cfg: Any) -> tuple[dict, Snapshot]:
    """Train to the end; the figures `train --json` prints, and the last snapshot."""
    started = time.perf_counter()
    final = last(task.train(cfg))
    seconds = time.perf_counter() - started
    figures = {"page": task.name, **task.result(cfg, final)}
    figures.setdefault("steps", final.step)
    figures.setdefault("device", getattr(cfg, "device", "cpu"))
    figures["seconds"] = round(seconds, 4)
    if final.divergence is not None:
        d = final.divergence
        figures["diverged"] = {"step": d.step, "message": d.message, "hint": d.hint}
    return figures, final


def json_safe(value: Any) -> Any:
    """JSON has no NaN/inf: a diverged loss becomes null."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(v) for v in value]
    return value
