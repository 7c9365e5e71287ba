"""Headless CLI over the same code path as the pages.

    python -m core list
    python -m core train NAME [--lr 0.1 --steps 50 ...] [--more N] [--json]
    python -m core code NAME [--lr 0.1 ...] [--more N] > script.py
    python -m core train classification --data points.csv [--x-columns a,b --label-column c]
    python -m core train regression --data points.csv [--x-column x --y-column y] [--standardize]
    python -m core challenge list [--json]
    python -m core challenge check ID [--lr 0.1 ...] [--metrics JSON] [--json]
    python -m core challenge check PAGE --challenge "accuracy >= 0.9; hidden <= 8" [...]
    python -m core sweep NAME --lr 0.003,0.03,0.3 --hidden 2,8,32 [--seeds 3] [--json]
                              [--metric final_loss] [--address HOST:PORT]
    python -m core class new|submit|board|export|hide|close|clear ...   (the class board,
                              see core/classboard/cli.py)
    python -m core cifar-import cifar-10-python.tar.gz   (CIFAR-10 offline: the official
                              archive from a USB stick into the data folder, md5 checked)

--more N continues the run by N steps, as a page's Continue button does (MLP pages): the
run of steps + N steps, whose script is the script of those settings.

Bad input (unknown page, unknown flag, out-of-range value) prints one line and exits 2.
A diverged run prints what happened and exits 1. ``challenge check`` trains with the
challenge's settings overlaid with the flags (or takes the run's figures from --metrics) and
exits 0 when the run passes, 1 when it does not.

``sweep`` runs every combination of the comma lists on Ray (an embedded local Ray, or the
cluster at --address / $RAY_ADDRESS); with --json, one JSON line per run as it finishes, then
``{"runs", "best", "metric", "workers", "seconds", "cluster"}``. A grid over 1,000 runs, an
empty list, a value out of range or a cluster that cannot be reached: one line, exit 2.
"""
from __future__ import annotations

import dataclasses
import json
import os
import sys
import time
from collections.abc import Sequence
from typing import Any

from core import challenges, cifar, own_data
from core.cluster import ClusterUnavailable, SweepJob, connect, connected, disconnect
from core.command_line import EXIT_DIVERGED
from core.command_line import fail as _fail
from core.command_line import json_safe as _json_safe
from core.command_line import metrics_flag
from core.command_line import read_flags as _read_flags
from core.config import (
    ConfigError,
    from_strings,
    parse_value,
    spec_of,
    to_strings,
    validate,
)
from core.eager import run_eager_only
from core.measure import measure
from core.registry import TaskUnavailable, get_task, task_names
from core.runs import label
from core.sweep import best_run, expand, parse_axis, sweepable
from core.train import continued


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__.strip())
        return 0
    command, rest = argv[0], argv[1:]
    run_eager_only()  # the CLI never compiles: no torch._dynamo (core/eager.py)
    if command == "list":
        return _list()
    if command == "challenge":
        return _challenge(rest)
    if command == "class":
        # imported here: SQLAlchemy is loaded only by the commands that use it
        from core.classboard.cli import main as class_main

        return class_main(rest)
    if command == "cifar-import":
        return _cifar_import(rest)
    if command not in ("train", "code", "sweep"):
        _fail(f"unknown command {command!r} "
              "(use list, train, code, sweep, challenge, class or cifar-import)")
    if not rest or rest[0].startswith("-"):
        _fail(f"{command} needs a page name: {', '.join(task_names())}")
    name, flags = rest[0], rest[1:]
    try:
        task = get_task(name)
    except KeyError:
        _fail(f"unknown page {name!r} (choose from: {', '.join(task_names())})")
    if command == "sweep":
        return _sweep(task, flags)
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


def _cifar_import(rest: list[str]) -> int:
    if len(rest) != 1 or rest[0].startswith("-"):
        _fail(f"cifar-import needs one file: the official {cifar.ARCHIVE_NAME}")
    try:
        folder = cifar.import_archive(rest[0])
    except cifar.ArchiveRefused as err:
        _fail(f"{rest[0]}: {err}")
    print(f"CIFAR-10 imported into {folder}")
    return 0


def _list() -> int:
    for name in task_names():
        print(f"{name:<14} {get_task(name).summary}")
    return 0


# Pages whose config has an ``own`` field read your own points: --data FILE and its columns.
OWN_DATA_FLAGS = {
    "--data": {"metavar": "CSV", "help": "your own points instead of the dataset"},
    "--x-columns": {"dest": "x_columns", "metavar": "A,B"},
    "--x-column": {"dest": "x_columns", "metavar": "X"},
    "--label-column": {"dest": "target_column", "metavar": "NAME"},
    "--y-column": {"dest": "target_column", "metavar": "NAME"},
    "--standardize": {"action": "store_true"},
}


def _parse_flags(task: Any, command: str, flags: list[str]) -> tuple[Any, bool]:
    extra = {"--json": {"action": "store_true"}} if command == "train" else {}
    if "steps" in {f.name for f in dataclasses.fields(task.config)}:
        extra["--more"] = {"default": None, "metavar": "N",
                           "help": "continue the run by N steps (the page's Continue)"}
    takes_data = "own" in {f.name for f in dataclasses.fields(task.config)}
    if takes_data:
        extra.update(OWN_DATA_FLAGS)
    args = _read_flags(task, f"python -m core {command} {task.name}", flags, extra)
    as_json = bool(args.pop("json", False))
    more = args.pop("more", None)
    data_args = {k: args.pop(k, None) if takes_data else None  # the CNN's --data is a setting
                 for k in ("data", "x_columns", "target_column", "standardize")}
    given = {k: v for k, v in args.items() if v is not None}
    try:
        cfg, _ = from_strings(task.config, given, strict=True)
        if data_args["data"] is not None:
            cfg = dataclasses.replace(cfg, own=_read_own_data(task.name, **data_args))
            validate(cfg)
        elif any(data_args.values()):
            _fail("--x-columns, --label-column and --standardize need --data")
        if more is not None:
            cfg = continued(cfg, _integer("more", more))
    except (ConfigError, own_data.OwnDataError) as err:
        _fail(str(err))
    except TypeError as err:  # a config whose own check refused the combination
        _fail(str(err))
    return cfg, as_json


def _integer(name: str, text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise ConfigError(f"{name}: cannot read {text!r} as an integer") from None


def _read_own_data(page: str, data: str, x_columns: str | None, target_column: str | None,
                   standardize: bool) -> own_data.OwnData:
    """--data FILE: read and check the file as the page's upload does (core/own_data.py)."""
    try:
        size = os.path.getsize(data)
        if size > own_data.MAX_BYTES:  # refused before reading it into memory
            raise own_data.OwnDataError("too_big", size_mb=f"{size / 2**20:.1f}",
                                        limit_mb=f"{own_data.MAX_BYTES / 2**20:g}")
        with open(data, "rb") as file:
            raw = file.read()
    except OSError as err:
        _fail(f"cannot read {data}: {err.strerror}")
    columns = [c.strip() for c in x_columns.split(",")] if x_columns else None
    if page == "classification":
        return own_data.read_classification(raw, data, columns, target_column, standardize)
    if columns is not None and len(columns) != 1:
        raise own_data.OwnDataError("wrong_count", needed=1, got=len(columns))
    return own_data.read_regression(raw, data, columns[0] if columns else None, target_column,
                                    standardize)


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
            metrics = metrics_flag(metrics_text)
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
             "start": {k: ",".join(map(str, v)) if isinstance(v, tuple) else str(v)
                       for k, v in c.start}} for c in challenges.CATALOG]}))
    return 0


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


def _sweep(task: Any, flags: list[str]) -> int:
    extra = {"--seeds": {"default": "1"}, "--metric": {"default": "final_loss"},
             "--address": {"default": None}, "--json": {"action": "store_true"}}
    args = _read_flags(task, f"python -m core sweep {task.name}", flags, extra)
    as_json, metric, address = args.pop("json"), args.pop("metric"), args.pop("address")
    seeds_text = args.pop("seeds")
    given = {k: v for k, v in args.items() if v is not None}
    try:
        if not seeds_text.strip().isdigit():
            raise ConfigError(f"seeds: cannot read {seeds_text!r} as an integer")
        seeds = int(seeds_text)
        swept = {s.name for s in sweepable(task.config)}
        # A comma list of a number or choice is an axis; one value, or a list setting such as
        # --features x1,x2, is fixed for every run.
        axes = [parse_axis(task.config, k, v) for k, v in given.items() if k in swept]
        axes = [a for a in axes if len(a.values) > 1]
        fixed = {k: v for k, v in given.items() if k not in {a.name for a in axes}}
        configs = expand(task.config, fixed, axes, seeds)
        ours = connected() is None  # end only a connection this command made
        cluster = connect(address)
    except (ConfigError, ClusterUnavailable) as err:
        _fail(str(err))
    label_keys = [a.name for a in axes] + (["seed"] if seeds > 1 else [])
    started = time.perf_counter()
    job = SweepJob(task.name, configs)
    records = []
    try:
        for record, figures in job.results():
            records.append(record)
            if as_json:
                line = {"run": record.number, "settings": _typed(task, record.changed), **figures}
                print(json.dumps(_json_safe(line), sort_keys=True), flush=True)
            else:
                print(f"run {record.number}/{job.total} [{label(record, label_keys)}] "
                      f"{record.status}: " + _human(figures), flush=True)
    except KeyboardInterrupt:
        job.cancel()
        print("error: sweep stopped", file=sys.stderr)
        return 130
    seconds = time.perf_counter() - started
    best = best_run(records, metric)
    if best is None and not any(metric in r.metrics for r in records):
        known = sorted({m for r in records for m in r.metrics})
        _fail(f"metric {metric!r} is not a figure of {task.name} (it has: {', '.join(known)})")
    summary = {
        "runs": len(records),
        "best": None if best is None else {
            "run": best.number, "settings": _typed(task, best.changed), metric: best.metrics[metric]},
        "metric": metric,
        "workers": cluster.workers,
        "seconds": round(seconds, 3),
        "cluster": cluster.address,
    }
    if as_json:
        print(json.dumps(_json_safe(summary), sort_keys=True))
    else:
        where = "none finished" if best is None else \
            f"run {best.number} [{label(best, label_keys)}] {metric}={_fmt(best.metrics[metric])}"
        print(f"{len(records)} runs in {seconds:.1f} s on {cluster.workers} workers "
              f"({cluster.address}); best {where}")
    if ours:
        disconnect()
    return 0


def _typed(task: Any, settings: dict[str, str]) -> dict[str, Any]:
    """Text settings as JSON values: numbers as numbers, lists as lists."""
    out = {}
    for name, text in settings.items():
        value = parse_value(spec_of(task.config, name), text)
        out[name] = list(value) if isinstance(value, tuple) else value
    return out


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
