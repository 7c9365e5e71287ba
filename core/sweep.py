"""Sweeps: every combination of a few settings' values, each one an ordinary run.

    axes = [parse_axis(Config, "lr", "0.003,0.03,0.3"), parse_axis(Config, "hidden", "2,8,32")]
    configs = expand(Config, {"dataset": "spiral"}, axes, seeds=3)    # 27 configs
    record, figures = run_one("classification", configs[0], number=1)

Values are read with :func:`core.config.parse_value`, the very parser of the URL and the CLI,
so a sweep accepts exactly what ``--lr`` accepts and refuses what it refuses. Where the runs
execute (Ray, in :mod:`core.cluster`) is not this module's business: ``run_one`` is a plain
function of a config, so a Ray worker, a test and the CLI all call the same thing.
"""
from __future__ import annotations

import dataclasses
import itertools
import math
import statistics
import time
from dataclasses import dataclass
from collections.abc import Mapping, Sequence
from typing import Any

from core.config import (ConfigError, ParamSpec, changed_fields, from_strings, parse_value, specs,
                         to_strings, validate)
from core.registry import get_task
from core.measure import figures_of
from core.runs import RunRecord, record_run, thin_curves

MAX_RUNS = 1000  # a grid larger than this is refused: it is a typo, not an experiment
MAX_SEEDS = 20


@dataclass(frozen=True)
class Axis:
    """One swept setting and its values, parsed and range-checked."""

    name: str
    values: tuple


def sweepable(config_cls: type) -> list[ParamSpec]:
    """The settings a sweep may vary: numbers, choices, switches and the widths per layer (not
    lists of choices like features)."""
    return [s for s in specs(config_cls) if s.kind is not tuple or s.choices is None]


def parse_axis(config_cls: type, name: str, text: str) -> Axis:
    """``"0.003, 0.03,0.3"`` -> Axis("lr", (0.003, 0.03, 0.3)); ConfigError on any bad value."""
    name = name.replace("-", "_")
    known = {s.name: s for s in specs(config_cls)}
    if name not in known:
        raise ConfigError(f"unknown setting {name!r}")
    spec = known[name]
    widths = spec.kind is tuple and spec.choices is None  # hidden: one width per layer
    if spec.kind is tuple and not widths:
        raise ConfigError(f"{name}: a list setting cannot be swept")
    parts = [p.strip() for p in str(text).split(",")]
    if not any(parts):
        raise ConfigError(f"{name}: the list of values is empty")
    if not all(parts):
        raise ConfigError(f"{name}: empty value in the list {text!r}")
    # Commas separate the values swept; within one value of a per-layer setting, "/" separates
    # the layers: --hidden 8,16/8 sweeps Net(… → 8 → …) and Net(… → 16 → 8 → …).
    values = tuple(parse_value(spec, p.replace("/", ",") if widths else p) for p in parts)
    for i, v in enumerate(values):
        if v in values[:i]:
            raise ConfigError(f"{name}: {v} is listed twice")
    return Axis(name, values)


def grid_size(axes: Sequence[Axis], seeds: int = 1) -> int:
    return math.prod(len(a.values) for a in axes) * seeds


def expand(config_cls: type, fixed: Mapping[str, str], axes: Sequence[Axis],
           seeds: int = 1) -> list[Any]:
    """Every combination of the axes' values (the first axis varies slowest), each repeated
    over ``seeds`` seeds (seed, seed + 1, ...), on top of the ``fixed`` settings (text).

    Every config is validated as a whole, so a combination the config refuses (e.g. a batch
    larger than the data) is a ConfigError before anything runs.
    """
    if not 1 <= seeds <= MAX_SEEDS:
        raise ConfigError(f"seeds: {seeds} is not between 1 and {MAX_SEEDS}")
    names = [a.name for a in axes]
    if len(set(names)) != len(names):
        raise ConfigError("each setting may be swept once")
    if seeds > 1 and "seed" in names:
        raise ConfigError("seed is already swept: repeat over seeds or sweep seed, not both")
    size = grid_size(axes, seeds)
    if size > MAX_RUNS:
        raise ConfigError(f"the grid has {size:,} runs; at most {MAX_RUNS:,} are allowed")
    base, _ = from_strings(config_cls, {k: v for k, v in fixed.items() if k not in names},
                           strict=True)
    configs = []
    for combo in itertools.product(*(a.values for a in axes)):
        chosen = dict(zip(names, combo, strict=True))
        for repeat in range(seeds):
            if seeds > 1:
                chosen["seed"] = base.seed + repeat
            cfg = dataclasses.replace(base, **chosen)
            validate(cfg)
            configs.append(cfg)
    return configs


def suggested_values(spec: ParamSpec, around: Any) -> list[Any]:
    """Three values to start a sweep from: around/10, around, around*10 on a log scale, a
    quarter and four times for other numbers, every choice for a choice field; all in range."""
    if spec.choices is not None:
        return list(spec.choices)
    if spec.kind is bool:
        return [False, True]
    if spec.kind is tuple:  # widths per layer: every layer scaled alike, a quarter and 4 times
        scaled = [tuple(min(max(round(w * f), spec.lo), spec.hi) for w in around)
                  for f in (0.25, 1, 4)]
        return list(dict.fromkeys(scaled))
    factor = 10.0 if spec.log else 4.0
    if around == 0:
        candidates = [spec.lo or 0, around, spec.hi if spec.hi is not None else 1]
    else:
        candidates = [around / factor, around, around * factor]
    out: list[Any] = []
    for v in candidates:
        if spec.lo is not None:
            v = max(v, spec.lo)
        if spec.hi is not None:
            v = min(v, spec.hi)
        v = spec.kind(round(v)) if spec.kind is int else float(f"{v:.3g}")
        if v not in out:
            out.append(v)
    return out


# ------------------------------------------------------------------------------ one run
def run_one(page: str, cfg: Any, number: int) -> tuple[RunRecord, dict]:
    """Train one configuration to the end: its record (curves, flat metrics) and the figures
    ``train --json`` would print. A run that raises is a "failed" record, never an exception:
    one bad cell must not end a sweep."""
    task = get_task(page)
    started = time.perf_counter()
    try:
        points, final = [], None
        for final in task.train(cfg):
            points.append((final.step, final.scalars))
        if final is None:
            raise RuntimeError("the training generator yielded nothing")
        seconds = time.perf_counter() - started
        record = record_run(task, cfg, final, thin_curves(points), seconds=seconds,
                            number=number, source="sweep")
        return record, figures_of(task, cfg, final, seconds)
    except Exception as err:  # noqa: BLE001 (a failed run is reported, the sweep goes on)
        seconds = time.perf_counter() - started
        record = RunRecord(number=number, page=page, settings=to_strings(cfg),
                           changed=changed_fields(cfg), metrics={},
                           seconds=round(seconds, 4), status="failed",
                           message=f"{type(err).__name__}: {err}", source="sweep")
        return record, {"page": page, "failed": record.message, "seconds": record.seconds}


# ------------------------------------------------------------------------------ reading results
def metric_goal(metric: str) -> str:
    """"max" for accuracies, "min" for losses (and anything else: times, errors)."""
    return "max" if "accuracy" in metric else "min"


def metric_value(record: RunRecord, metric: str) -> float:
    """The run's figure, NaN when it has none (diverged, failed, cancelled)."""
    value = record.metrics.get(metric, float("nan"))
    return value if record.status == "done" else float("nan")


def best_run(records: Sequence[RunRecord], metric: str) -> RunRecord | None:
    """The finished run with the best finite ``metric`` (ties: the earliest)."""
    scored = [(metric_value(r, metric), r) for r in records]
    scored = [(v, r) for v, r in scored if math.isfinite(v)]
    if not scored:
        return None
    sign = -1.0 if metric_goal(metric) == "max" else 1.0
    return min(scored, key=lambda vr: (sign * vr[0], vr[1].number))[1]


@dataclass(frozen=True)
class Cell:
    """One point of the grid, over its seeds: mean and spread of the metric."""

    values: tuple  # the swept settings' values, as text, in axis order
    mean: float  # NaN when no run of the cell finished
    std: float  # over seeds (0 for one seed)
    finished: int  # runs with a finite metric
    diverged: int
    total: int  # runs of this cell so far (finished or not)
    numbers: tuple[int, ...]  # run numbers, to open one


def cells(records: Sequence[RunRecord], axis_names: Sequence[str], metric: str) -> list[Cell]:
    """Group runs by their swept values (seeds pooled), in the order first seen."""
    groups: dict[tuple, list[RunRecord]] = {}
    for r in records:
        groups.setdefault(tuple(r.settings[n] for n in axis_names), []).append(r)
    out = []
    for key, runs in groups.items():
        finite = [v for v in (metric_value(r, metric) for r in runs) if math.isfinite(v)]
        out.append(Cell(
            values=key,
            mean=statistics.fmean(finite) if finite else float("nan"),
            std=statistics.pstdev(finite) if len(finite) > 1 else 0.0,
            finished=len(finite),
            diverged=sum(r.status == "diverged" for r in runs),
            total=len(runs),
            numbers=tuple(r.number for r in runs),
        ))
    return out
