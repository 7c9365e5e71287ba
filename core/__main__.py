"""Headless CLI over the same code path as the pages.

    python -m core list
    python -m core train NAME [--lr 0.1 --steps 50 ...] [--json]
    python -m core code NAME [--lr 0.1 ...] > script.py
    python -m core challenge list [--json]
    python -m core challenge check ID [--lr 0.1 ...] [--metrics JSON] [--json]
    python -m core challenge check PAGE --challenge "accuracy >= 0.9; hidden <= 8" [...]

Bad input (unknown page, unknown flag, out-of-range value) prints one line and exits 2.
A diverged run prints what happened and exits 1. ``challenge check`` trains with the
challenge's settings overlaid with the flags (or takes the run's figures from --metrics) and
exits 0 when the run passes, 1 when it does not.
"""
from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Sequence
from typing import Any

from core import challenges
from core.config import ConfigError, from_strings, specs, to_strings
from core.measure import measure
from core.registry import TaskUnavailable, get_task, task_names

EXIT_USAGE = 2
EXIT_DIVERGED = 1


class _OneLineParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse would print the whole usage block
        _fail(message)


def _fail(message: str) -> None:
    print(f"error: {message}", file=sys.stderr)
    raise SystemExit(EXIT_USAGE)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__.strip())
        return 0
    command, rest = argv[0], argv[1:]
    if command == "list":
        return _list()
    if command == "challenge":
        return _challenge(rest)
    if command not in ("train", "code"):
        _fail(f"unknown command {command!r} (use list, train, code or challenge)")
    if not rest or rest[0].startswith("-"):
        _fail(f"{command} needs a page name: {', '.join(task_names())}")
    name, flags = rest[0], rest[1:]
    try:
        task = get_task(name)
    except KeyError:
        _fail(f"unknown page {name!r} (choose from: {', '.join(task_names())})")
    cfg, as_json = _parse_flags(task, command, flags)
    try:
        if command == "code":
            if task.code is None:
                _fail(f"page {name!r} has no generated script")
            print(task.code(cfg), end="")
            return 0
        return _train(task, cfg, as_json)
    except (ConfigError, TaskUnavailable) as err:
        _fail(str(err))
    return 0


def _list() -> int:
    for name in task_names():
        print(f"{name:<14} {get_task(name).summary}")
    return 0


def _parse_flags(task: Any, command: str, flags: list[str]) -> tuple[Any, bool]:
    extra = {"--json": {"action": "store_true"}} if command == "train" else {}
    args = _read_flags(task, f"python -m core {command} {task.name}", flags, extra)
    as_json = bool(args.pop("json", False))
    given = {k: v for k, v in args.items() if v is not None}
    try:
        cfg, _ = from_strings(task.config, given, strict=True)
    except ConfigError as err:
        _fail(str(err))
    except TypeError as err:  # a config whose own check refused the combination
        _fail(str(err))
    return cfg, as_json


def _read_flags(task: Any, prog: str, flags: list[str], extra: dict[str, dict]) -> dict[str, Any]:
    """One flag per config field (unset ones None), plus the command's own ``extra`` flags."""
    parser = _OneLineParser(prog=prog, add_help=False)
    for s in specs(task.config):
        names = [s.flag] + ([f"--{s.name}"] if "_" in s.name else [])
        parser.add_argument(*names, dest=s.name, default=None, metavar="VALUE", help=s.help)
    for flag, options in extra.items():
        parser.add_argument(flag, **options)
    return vars(parser.parse_args(flags))


def _challenge(rest: list[str]) -> int:
    if not rest or rest[0] not in ("list", "check"):
        _fail("challenge needs list or check")
    if rest[0] == "list":
        return _challenge_list(rest[1:])
    if len(rest) < 2 or rest[1].startswith("-"):
        _fail(f"challenge check needs a challenge id ({', '.join(challenges.ids())}) or a page")
    name, flags = rest[1], rest[2:]
    is_page = name in challenges.METRICS
    if not is_page and name not in challenges.ids():
        _fail(f"unknown challenge or page {name!r} (challenges: {', '.join(challenges.ids())})")
    page = name if is_page else challenges.builtin(name).page
    extra = {"--json": {"action": "store_true"}, "--metrics": {"default": None},
             "--challenge": {"default": None}, "--title": {"default": ""}}
    args = _read_flags(get_task(page), f"python -m core challenge check {name}", flags, extra)
    as_json, metrics_text = args.pop("json"), args.pop("metrics")
    text, title = args.pop("challenge"), args.pop("title")
    try:
        if is_page:
            if text is None:
                _fail(f"challenge check {page} needs --challenge \"metric >= bound; ...\"")
            challenge = challenges.parse(page, text, title=title)
        else:
            if text is not None:
                _fail("--challenge goes with a page name, not with a built-in challenge")
            challenge = challenges.builtin(name)
        cfg = challenge.config({k: v for k, v in args.items() if v is not None})
        if metrics_text is None:
            metrics, _ = measure(get_task(page), cfg)
        else:
            metrics = _metrics_from(metrics_text)
        verdict = challenges.check(challenge, cfg, metrics)
    except (ConfigError, challenges.ChallengeError, TaskUnavailable, TypeError) as err:
        _fail(str(err))
    print(f"{challenge.id or page}: {challenge.text}")
    for part in verdict.parts:
        print("  " + part.code + "".join(f" {k}={_fmt(v)}" for k, v in part.values))
    print("passed" if verdict.passed else "not passed")
    if as_json:
        out = {"challenge": challenge.id or None, "page": page, "text": challenge.text,
               **verdict.as_dict(), "settings": to_strings(cfg), "metrics": metrics}
        print(json.dumps(_json_safe(out), sort_keys=True))
    return 0 if verdict.passed else EXIT_DIVERGED


def _challenge_list(flags: list[str]) -> int:
    if flags not in ([], ["--json"]):
        _fail("challenge list takes only --json")
    for c in challenges.CATALOG:
        print(f"{c.id:<20} {c.page:<15} {c.text}")
    if flags:
        print(json.dumps({"challenges": [
            {"id": c.id, "page": c.page, "text": c.text, "goal": c.goal.text,
             "rules": [r.text for r in c.rules], "fixed": {r.setting: r.value_text for r in c.rules if r.op == "="},
             "start": {k: str(v) for k, v in c.start}} for c in challenges.CATALOG]}))
    return 0


def _metrics_from(text: str) -> dict:
    """--metrics: one JSON object, as `train --json` prints it (at most 100 kB)."""
    if len(text) > 100_000:
        _fail("--metrics is longer than 100 kB")
    try:
        metrics = json.loads(text)
    except ValueError as err:
        _fail(f"--metrics is not JSON: {err}")
    if not isinstance(metrics, dict):
        _fail("--metrics must be a JSON object")
    return metrics


def _train(task: Any, cfg: Any, as_json: bool) -> int:
    figures, final = measure(task, cfg)
    if task.report is not None:
        print(task.report(cfg, final))
    if final.divergence is not None:
        print(final.divergence.message, final.divergence.hint)
    print(_human(figures))
    if as_json:
        print(json.dumps(_json_safe(figures), sort_keys=True))
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


def _json_safe(value: Any) -> Any:
    """JSON has no NaN/inf: a diverged loss becomes null."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
    return value


if __name__ == "__main__":
    sys.exit(main())
