"""What every CLI verb shares: one-line errors (exit 2), a task's settings as flags, JSON.

``python -m core train``, ``challenge check``, ``sweep`` and ``class submit`` all turn
``--lr 0.1 ...`` into text settings with :func:`read_flags` and print their figures through
:func:`json_safe`.
"""
from __future__ import annotations

import argparse
import json
import math
import sys
from typing import Any, NoReturn

from core.config import specs
from core.registry import Task

EXIT_USAGE = 2
EXIT_DIVERGED = 1


class OneLineParser(argparse.ArgumentParser):
    """argparse whose errors are one line on stderr and exit 2 (argparse prints the usage),
    and which takes no abbreviations (``--se`` must not silently mean ``--seed``)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(allow_abbrev=False, **kwargs)

    def error(self, message: str) -> NoReturn:
        fail(message)


def fail(message: str) -> NoReturn:
    print(f"error: {message}", file=sys.stderr)
    raise SystemExit(EXIT_USAGE)


def read_flags(task: Task, prog: str, flags: list[str], extra: dict[str, dict]) -> dict[str, Any]:
    """One flag per config field (unset ones None), plus the command's own ``extra`` flags."""
    parser = OneLineParser(prog=prog, add_help=False)
    for s in specs(task.config):
        names = [s.flag] + ([f"--{s.name}"] if "_" in s.name else [])
        parser.add_argument(*names, dest=s.name, default=None, metavar="VALUE", help=s.help)
    for flag, options in extra.items():
        parser.add_argument(flag, **options)
    return vars(parser.parse_args(flags))


def metrics_flag(text: str) -> dict[str, Any]:
    """--metrics: one JSON object of a run's figures, as `train --json` prints it (at most
    100 kB); anything else fails in one line."""
    if len(text) > 100_000:
        fail("--metrics is longer than 100 kB")
    try:
        metrics = json.loads(text)
    except json.JSONDecodeError as err:
        fail(f"--metrics is not JSON: {err.msg} at character {err.pos}")
    if not isinstance(metrics, dict):
        fail("--metrics must be a JSON object, like '{\"accuracy\": 0.9}'")
    return metrics


def json_safe(value: Any) -> Any:
    """JSON has no NaN/inf: a diverged loss becomes null."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(v) for v in value]
    return value
