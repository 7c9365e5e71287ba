"""Headless CLI over the same code path as the pages.

    python -m core list
    python -m core train NAME [--lr 0.1 --steps 50 ...] [--json]
    python -m core code NAME [--lr 0.1 ...] > script.py
    python -m core class new|submit|board|export|hide|close|clear ...   (the class board)

Bad input (unknown page, unknown flag, out-of-range value) prints one line and exits 2.
A diverged run prints what happened and exits 1.
"""
from __future__ import annotations

import json
import sys
from typing import Any, Sequence

from core.command_line import (EXIT_DIVERGED, OneLineParser, add_settings_flags, fail, json_safe,
                               run_figures, settings_from_args)
from core.config import ConfigError
from core.registry import TaskUnavailable, get_task, task_names


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__.strip())
        return 0
    command, rest = argv[0], argv[1:]
    if command == "list":
        return _list()
    if command == "class":
        from core.classboard.cli import main as class_main  # SQLAlchemy only when needed

        return class_main(rest)
    if command not in ("train", "code"):
        fail(f"unknown command {command!r} (use list, train, code or class)")
    if not rest or rest[0].startswith("-"):
        fail(f"{command} needs a page name: {', '.join(task_names())}")
    name, flags = rest[0], rest[1:]
    try:
        task = get_task(name)
    except KeyError:
        fail(f"unknown page {name!r} (choose from: {', '.join(task_names())})")
    cfg, as_json = _parse_flags(task, command, flags)
    try:
        if command == "code":
            if task.code is None:
                fail(f"page {name!r} has no generated script")
            print(task.code(cfg), end="")
            return 0
        return _train(task, cfg, as_json)
    except (ConfigError, TaskUnavailable) as err:
        fail(str(err))
    return 0


def _list() -> int:
    for name in task_names():
        print(f"{name:<14} {get_task(name).summary}")
    return 0


def _parse_flags(task: Any, command: str, flags: list[str]) -> tuple[Any, bool]:
    parser = OneLineParser(prog=f"python -m core {command} {task.name}", add_help=False)
    add_settings_flags(parser, task)
    if command == "train":
        parser.add_argument("--json", action="store_true", help="last line: one JSON object")
    args = vars(parser.parse_args(flags))
    as_json = bool(args.pop("json", False))
    return settings_from_args(task, args), as_json


def _train(task: Any, cfg: Any, as_json: bool) -> int:
    figures, final = run_figures(task, cfg)
    if task.report is not None:
        print(task.report(cfg, final))
    if final.divergence is not None:
        print(final.divergence.message, final.divergence.hint)
    print(_human(figures))
    if as_json:
        print(json.dumps(json_safe(figures), sort_keys=True))
    return EXIT_DIVERGED if final.divergence is not None else 0


def _human(figures: dict) -> str:
    parts = []
    for key, value in figures.items():
        if key in ("page", "diverged"):
            continue
        if isinstance(value, dict):
            value = "{" + ", ".join(f"{k}: {_fmt(v)}" for k, v in value.items()) + "}"
        parts.append(f"{key}={_fmt(value)}")
    return f"{figures['page']}: " + "  ".join(parts)


def _fmt(value: Any) -> str:
    return f"{value:.6g}" if isinstance(value, float) else str(value)


if __name__ == "__main__":
    sys.exit(main())
