"""Runs kept and compared: what one finished (or stopped) run leaves behind.

A :class:`RunRecord` is small on purpose: the settings as text (so a record can rebuild its
config, its URL and its CLI command), the final figures flattened to numbers, thinned curves
for overlays, the time and the status. Weights are not part of it: the page keeps those next
to the newest records only (see the README's memory budget).

    record = record_run(task, cfg, final_snapshot, curves, seconds=1.2, number=3)
    label(record, differing_keys([a, b]))   # "lr 0.2, hidden 32"
    history_csv([a, b])                      # one row per run: every setting + final metrics
"""
from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass, field
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from core.config import changed_fields, from_strings, to_strings
from core.snapshots import Snapshot

# What became of a run. "stopped": the learner pressed Stop; "cancelled": a sweep was stopped
# before this run finished; "failed": the run raised (its message says why).
STATUSES = ("done", "diverged", "stopped", "cancelled", "failed")

MAX_CURVE_POINTS = 200  # per curve: enough for an overlay, bounded whatever the step count


@dataclass
class RunRecord:
    number: int  # 1, 2, ... in the order the runs were started on this page
    page: str  # the task's CLI name
    settings: dict[str, str]  # every setting, as text (core.config.to_strings)
    changed: dict[str, str]  # the settings that differ from the course's defaults
    metrics: dict[str, float]  # final figures, flattened ("final_loss", "final_loss.SGD", ...)
    seconds: float
    status: str = "done"
    message: str = ""  # why it diverged or failed, in words
    source: str = "train"  # "train" (a click on Train) or "sweep"
    # name -> [(step, value), ...], thinned to MAX_CURVE_POINTS
    curves: dict[str, list[tuple[int, float]]] = field(default_factory=dict)

    def config(self, config_cls: type) -> Any:
        """The config this run used (for "open a run")."""
        return from_strings(config_cls, self.settings, strict=True)[0]


def flat_metrics(figures: Mapping[str, Any], prefix: str = "") -> dict[str, float]:
    """The numbers of a task's result dict, nested dicts joined with dots.

    ``{"final_loss": {"SGD": 0.1}, "steps": 50, "device": "cpu"}`` ->
    ``{"final_loss.SGD": 0.1, "steps": 50.0}``. Text, lists and booleans are left out (they are
    not figures one sorts or plots); NaN/inf are kept, a diverged run's loss is NaN.
    """
    out: dict[str, float] = {}
    for key, value in figures.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            out.update(flat_metrics(value, prefix=name + "."))
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            out[name] = float(value)
    return out


def thin_curves(points_by_step: Iterable[tuple[int, Mapping[str, float]]],
                max_points: int = MAX_CURVE_POINTS) -> dict[str, list[tuple[int, float]]]:
    """Every scalar of a run as a curve of (step, value), at most ``max_points`` per curve.

    points_by_step: (step, scalars) for each snapshot, in order. Thinning keeps every k-th
    point plus the last one, so a curve still ends on the final value.
    """
    raw: dict[str, list[tuple[int, float]]] = {}
    for step, scalars in points_by_step:
        for name, value in scalars.items():
            raw.setdefault(name, []).append((step, float(value)))
    out = {}
    for name, points in raw.items():
        every = max(1, math.ceil(len(points) / max_points))
        kept = points[::every]
        if kept[-1] != points[-1]:
            kept.append(points[-1])
        out[name] = kept
    return out


def status_of(final: Snapshot, stopped: bool = False) -> str:
    if final.divergence is not None:
        return "diverged"
    return "stopped" if stopped or final.step < final.total else "done"


def record_run(task: Any, cfg: Any, final: Snapshot,
               curves: dict[str, list[tuple[int, float]]], *, seconds: float, number: int,
               source: str = "train", stopped: bool = False) -> RunRecord:
    """The record of a finished or stopped run from its last snapshot and its curves."""
    message = ""
    if final.divergence is not None:
        message = f"{final.divergence.message} {final.divergence.hint}"
    return RunRecord(number=number, page=task.name, settings=to_strings(cfg),
                     changed=changed_fields(cfg),
                     metrics=flat_metrics(task.result(cfg, final)), seconds=round(seconds, 4),
                     status=status_of(final, stopped), message=message, source=source,
                     curves=curves)


def differing_keys(records: Sequence[RunRecord]) -> list[str]:
    """The settings whose values are not the same in every record, in declaration order."""
    if not records:
        return []
    keys = list(records[0].settings)
    return [k for k in keys if len({r.settings.get(k) for r in records}) > 1]


def label(record: RunRecord, keys: Sequence[str] | None = None) -> str:
    """"lr 0.2, hidden 32": the given settings (default: those changed from the defaults).

    A run with nothing to tell it apart is labelled by its number.
    """
    keys = list(record.changed) if keys is None else list(keys)
    parts = [f"{k} {record.settings[k]}" for k in keys if k in record.settings]
    return ", ".join(parts) if parts else f"run {record.number}"


def differences(a: RunRecord, b: RunRecord) -> list[tuple[str, str, str]]:
    """(setting, value in a, value in b) for every setting the two runs do not share."""
    return [(k, a.settings[k], b.settings.get(k, "")) for k in a.settings
            if a.settings[k] != b.settings.get(k)]


def history_csv(records: Sequence[RunRecord]) -> str:
    """One row per run: number, label, status, seconds, source, every setting, every metric."""
    setting_names: list[str] = []
    metric_names: list[str] = []
    for r in records:
        setting_names += [k for k in r.settings if k not in setting_names]
        metric_names += [k for k in r.metrics if k not in metric_names]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["run", "label", "status", "seconds", "source", *setting_names, *metric_names])
    for r in records:
        writer.writerow([r.number, label(r), r.status, r.seconds, r.source,
                         *(r.settings.get(k, "") for k in setting_names),
                         *(_csv_number(r.metrics.get(k)) for k in metric_names)])
    return buffer.getvalue()


def _csv_number(value: float | None) -> str:
    if value is None:
        return ""
    return repr(value) if math.isfinite(value) else str(value)  # "nan", "inf"
