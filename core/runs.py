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

import numpy as np
import torch

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
    # name -> (n, 2) float64 array of (step, value) rows, n <= MAX_CURVE_POINTS
    curves: dict[str, np.ndarray] = field(default_factory=dict)

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


def figure_at(figures: Mapping[str, Any], path: str) -> float | None:
    """``figures["final_loss"]["Adagrad"]`` for ``"final_loss.Adagrad"``; None when it is
    missing, not a number (booleans are not figures) or not finite."""
    value: Any = figures
    for key in path.split("."):
        if not isinstance(value, Mapping) or key not in value:
            return None
        value = value[key]
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return float(value)


def thin_curves(points_by_step: Iterable[tuple[int, Mapping[str, float]]],
                max_points: int = MAX_CURVE_POINTS) -> dict[str, np.ndarray]:
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
        out[name] = np.array(kept, dtype=np.float64)  # a few kB, not a list of boxed floats
    return out


def status_of(final: Snapshot, stopped: bool = False) -> str:
    if final.divergence is not None:
        return "diverged"
    return "stopped" if stopped or final.step < final.total else "done"


def record_run(task: Any, cfg: Any, final: Snapshot, curves: dict[str, np.ndarray], *,
               seconds: float, number: int,
               source: str = "train", stopped: bool = False) -> RunRecord:
    """The record of a finished or stopped run from its last snapshot and its curves."""
    message = ""
    if final.divergence is not None:
        message = f"{final.divergence.message} {final.divergence.hint}"
    try:
        figures = task.result(cfg, final)
    except KeyError:  # a run stopped early lacks what some results read at the end
        figures = dict(final.scalars)
    return RunRecord(number=number, page=task.name, settings=to_strings(cfg),
                     changed=changed_fields(cfg),
                     metrics=flat_metrics(figures), seconds=round(seconds, 4),
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


# --------------------------------------------------------------------------- a page's history
KEEP_WEIGHTS = 20  # the newest runs of a page keep their snapshots (weights, pictures)
WEIGHTS_BUDGET_BYTES = 16 * 1024**2  # ... within this many bytes per page and session
MAX_RECORDS = 1000  # records (settings, figures, thinned curves: a few kB each) per page
# The Python objects of one snapshot besides its tensors' data (the Snapshot, its scalars
# dict, tensor headers): 0.6 kB measured with tracemalloc on classification and regression.
SNAPSHOT_OVERHEAD_BYTES = 640


@dataclass
class Entry:
    record: RunRecord
    snapshots: list[Snapshot] | None  # None: the weights were dropped (older run, or a sweep's)


def snapshots_bytes(snapshots: Sequence[Snapshot]) -> int:
    """Bytes a run's snapshots hold: their tensors and arrays, and each one's own objects."""
    return sum(SNAPSHOT_OVERHEAD_BYTES + _nbytes(s.picture) + _nbytes(s.weights) + _nbytes(s.extra)
               for s in snapshots)


def _nbytes(obj: Any) -> int:
    if isinstance(obj, torch.Tensor):
        return obj.element_size() * obj.nelement()
    if isinstance(obj, np.ndarray):
        return obj.nbytes
    if isinstance(obj, Mapping):
        return sum(_nbytes(v) for v in obj.values())
    if isinstance(obj, (list, tuple)):
        return sum(_nbytes(v) for v in obj)
    return 0


class RunHistory:
    """Every run of one page in one session, oldest first, within a memory budget.

    The newest :data:`KEEP_WEIGHTS` runs keep their snapshots while they fit in
    :data:`WEIGHTS_BUDGET_BYTES`; older ones keep only their record. Past :data:`MAX_RECORDS`
    the oldest records go too.
    """

    def __init__(self, keep_weights: int = KEEP_WEIGHTS,
                 budget_bytes: int = WEIGHTS_BUDGET_BYTES, max_records: int = MAX_RECORDS):
        self.keep_weights, self.budget_bytes, self.max_records = (keep_weights, budget_bytes,
                                                                   max_records)
        self.entries: list[Entry] = []
        self._numbers = 0
        self.forgotten = 0  # records dropped past max_records

    def next_number(self) -> int:
        return self.reserve(1)

    def reserve(self, n: int) -> int:
        """Numbers for ``n`` runs about to start (a sweep): returns the first."""
        first = self._numbers + 1
        self._numbers += n
        return first

    def add(self, record: RunRecord, snapshots: Sequence[Snapshot] | None = None) -> Entry:
        entry = Entry(record, list(snapshots) if snapshots else None)
        self.entries.append(entry)
        self._enforce()
        return entry

    def _enforce(self) -> None:
        kept, used = 0, 0
        for entry in reversed(self.entries):
            if entry.snapshots is None:
                continue
            size = snapshots_bytes(entry.snapshots)
            if kept < self.keep_weights and used + size <= self.budget_bytes:
                kept, used = kept + 1, used + size
            else:
                entry.snapshots = None
        extra = len(self.entries) - self.max_records
        if extra > 0:
            del self.entries[:extra]
            self.forgotten += extra

    @property
    def records(self) -> list[RunRecord]:
        return [e.record for e in self.entries]

    def get(self, number: int) -> Entry | None:
        return next((e for e in self.entries if e.record.number == number), None)

    def weights_bytes(self) -> int:
        return sum(snapshots_bytes(e.snapshots) for e in self.entries if e.snapshots)
