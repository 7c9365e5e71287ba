"""What a training generator yields: one Snapshot per recorded step.

A task's ``train(cfg)`` is a generator of Snapshots, so any UI can animate it, the CLI can run
it to the end, and tests can ``itertools.islice`` it. The last snapshot of a run is either the
final step or a snapshot carrying a :class:`Divergence`.
"""
from __future__ import annotations

import collections
import math
from dataclasses import dataclass, field
from collections.abc import Iterable, Iterator, Mapping
from typing import Any


@dataclass(frozen=True)
class Divergence:
    """Training stopped because a number stopped being finite."""

    step: int  # 1-based step whose loss was NaN/inf
    quantity: str = "loss"
    value: float = float("nan")

    @property
    def kind(self) -> str:
        return "nan" if math.isnan(self.value) else "inf"

    @property
    def message(self) -> str:
        return f"Training diverged at step {self.step}: the {self.quantity} became {self.kind}."

    @property
    def hint(self) -> str:
        return "Try a smaller learning rate (or another optimizer); the weights grew without bound."


@dataclass(slots=True)  # slots: one is made per training step, a little faster to build
class Snapshot:
    """The state of a run after ``step`` of ``total`` updates.

    scalars: named numbers at this step (``train_loss``, ``test_loss``, ``accuracy``, or one
             loss per optimizer); these become the curves.
    weights: a copy of the model's weights after this step (a flat vector, a state_dict, or
             one of them per network), kept at "frame" steps: what a picture is redrawn from
             and what a download saves.
    picture: what the task's picture needs besides the weights (a fitted curve, a batch's
             samples, a confusion matrix), kept compact: a UI keeps every snapshot of a run
             for scrubbing.
    """

    step: int
    total: int
    scalars: dict[str, float]
    weights: Any = None  # fourth: the training loops pass it by position, a little cheaper
    picture: Any = None
    divergence: Divergence | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def done(self) -> bool:
        return self.divergence is not None or self.step >= self.total

    @property
    def is_frame(self) -> bool:
        """Whether this step can be drawn: it carries weights or a picture."""
        return self.weights is not None or self.picture is not None


def divergence(step: int, values: Mapping[str, float]) -> Divergence | None:
    """The check every training loop makes: a Divergence naming the first of ``values`` that
    is NaN or inf, or None while all of them are finite."""
    for name, value in values.items():
        if not math.isfinite(value):
            return Divergence(step, name, value)
    return None


def run_to_end(snapshots: Iterable[Snapshot]) -> tuple[list[Snapshot], Snapshot]:
    """Consume a generator, returning every snapshot and the last one."""
    history = list(snapshots)
    if not history:
        raise RuntimeError("the training generator yielded nothing")
    return history, history[-1]


def last(snapshots: Iterator[Snapshot]) -> Snapshot:
    """Consume a generator keeping only the last snapshot (constant memory)."""
    final = collections.deque(snapshots, maxlen=1)
    if not final:
        raise RuntimeError("the training generator yielded nothing")
    return final[0]
