"""Runs shared between students: one training for identical settings, watched by everyone.

A class doing a lesson together presses Train at its defaults at the same moment: on CNN,
thirty identical runs, thirty times ten seconds of CPU, a queue of minutes on two cores. Runs are
deterministic (the task, its full settings, the seed and the device decide every number), so
when a run's settings equal those of a run already going or finished on this server, the page
can show that run's snapshots instead of training again:

* a run still training is followed live: its snapshots reach every follower as they come;
* a finished run is played back at the pace it was trained (at most :data:`PLAYBACK_SECONDS`),
  so it animates like a live run;
* the page says so and offers "train anyway" (a run of one's own, not shared).

Every lesson takes part (:data:`SHARED_TASKS`) but the template, whose runs write checkpoints
into the student's own folder; and only settings that read back from their text form unchanged
(the key is that canonical text, so a user's own points, which are no setting of the text,
make a run that is never shared). Students pressing Train on identical settings at the same
moment join one training (single flight): the first starts it, the others follow it.
Finished runs are kept in a least-recently-used table bounded in bytes; a training
that every follower has left is cancelled, as a lone run would be, and forgotten.

Pure Python (no Streamlit): :class:`SharedRuns` is given the function that trains (the worker
pool's ``train``), so tests drive it with a fake one.
"""
from __future__ import annotations

import itertools
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import torch

from core.config import from_strings, to_strings
from core.registry import task_names
from core.snapshots import Snapshot

# Every lesson's data is built in (synthetic, or MNIST and CIFAR-10 shipped with the
# playground); the template's runs have a side effect, files in the session's folder.
SHARED_TASKS = frozenset(task_names()) - {"template"}
MAX_BYTES = 256 * 2**20  # finished runs kept: CNN defaults ~1.3 MB a run, classification 70 kB
PLAYBACK_SECONDS = 4.0  # a finished run replays at its own pace, but in at most this long
WAIT_SECONDS = 0.2  # a follower's checkpoint() is called at least this often while it waits

Trainer = Callable[[str, Any, Callable[[], None]], Iterator[Snapshot]]


def key_of(task: str, cfg: Any) -> tuple | None:
    """The run's identity: task and every setting as text (seed and device included), or None
    when the run may not be shared (another task, or settings not fully said by their text)."""
    if task not in SHARED_TASKS:
        return None
    text = to_strings(cfg)
    try:
        if from_strings(type(cfg), text, strict=True)[0] != cfg:
            return None
    except (ValueError, TypeError):
        return None
    return (task, tuple(sorted(text.items())))


class _Abandoned(Exception):
    """Every follower left: the shared training is cancelled."""


@dataclass
class _Entry:
    key: tuple
    snapshots: list[Snapshot] = field(default_factory=list)
    offsets: list[float] = field(default_factory=list)  # seconds after the start, per snapshot
    followers: int = 0
    done: bool = False
    closing: bool = False  # every follower left: no one may join any more
    error: BaseException | None = None
    nbytes: int = 0
    changed: threading.Condition = field(default_factory=threading.Condition)


class SharedRuns:
    def __init__(self, trainer: Trainer, max_bytes: int = MAX_BYTES,
                 playback_seconds: float = PLAYBACK_SECONDS):
        self._trainer = trainer
        self._max_bytes = max_bytes
        self._playback = playback_seconds
        self._entries: OrderedDict[tuple, _Entry] = OrderedDict()  # least recently used first
        self._lock = threading.Lock()
        self._names = itertools.count(1)

    # ------------------------------------------------------------------ what pages call
    def follow(self, task: str, cfg: Any,
               checkpoint: Callable[[], None] = lambda: None) -> tuple[Iterator[Snapshot], bool]:
        """The snapshots of the run ``task`` with ``cfg``, and whether they come from a run
        someone else started (True) or from a training started now for this caller (False).
        ``cfg`` must have a :func:`key_of`. Closing the iterator leaves the run."""
        key = key_of(task, cfg)
        if key is None:
            raise ValueError(f"{task} runs with these settings are not shared")
        with self._lock:
            entry = self._entries.get(key)
            shared = entry is not None
            if entry is not None:
                with entry.changed:
                    if entry.closing or entry.error is not None:
                        shared = False  # being cancelled or failed: train anew
                    else:
                        entry.followers += 1
            if not shared:
                entry = self._entries[key] = _Entry(key, followers=1)
                threading.Thread(target=self._train, args=(entry, task, cfg), daemon=True,
                                 name=f"shared-run-{next(self._names)}").start()
            self._entries.move_to_end(key)
        return self._read(entry, checkpoint, replay=shared and entry.done), shared

    @property
    def kept_bytes(self) -> int:
        with self._lock:
            return sum(e.nbytes for e in self._entries.values() if e.done)

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)

    # ------------------------------------------------------------------ reading
    def _read(self, entry: _Entry, checkpoint: Callable[[], None], replay: bool) -> Iterator[Snapshot]:
        reader = self._snapshots_of(entry, checkpoint, replay)
        left = threading.Event()

        def leave() -> None:  # once, whether or not reading ever started
            if not left.is_set():
                left.set()
                with entry.changed:
                    entry.followers -= 1

        return _Follower(reader, leave, entry)

    def _snapshots_of(self, entry: _Entry, checkpoint: Callable[[], None],
                      replay: bool) -> Iterator[Snapshot]:
        # A finished run is played back on its own clock, squeezed into PLAYBACK_SECONDS. The
        # clock starts at its first snapshot: the wait for a worker and the model's set-up
        # before it are not training, and a replay has nothing to wait for (a default
        # classification run: 0.9 s click to final trained anew, 2.2 s replayed from its start).
        first = entry.offsets[0] if entry.offsets else 0.0
        scale = 0.0
        if replay and entry.offsets and entry.offsets[-1] - first > 0:
            scale = min(1.0, self._playback / (entry.offsets[-1] - first))
        started = time.perf_counter()
        i = 0
        while True:
            with entry.changed:
                if i >= len(entry.snapshots) and not entry.done:
                    entry.changed.wait(WAIT_SECONDS)
                batch = entry.snapshots[i:]
                finished = entry.done and i + len(batch) >= len(entry.snapshots)
                error = entry.error
            if not batch and not finished:
                checkpoint()  # where Streamlit stops a script whose user left
                continue
            for snap, offset in zip(batch, entry.offsets[i:i + len(batch)], strict=False):
                wait = started + (offset - first) * scale - time.perf_counter() if scale else 0.0
                while wait > 0:
                    time.sleep(min(wait, WAIT_SECONDS))
                    checkpoint()
                    wait = started + (offset - first) * scale - time.perf_counter()
                yield snap
            i += len(batch)
            if finished:
                if error is not None:
                    raise error
                return

    # ------------------------------------------------------------------ training
    def _train(self, entry: _Entry, task: str, cfg: Any) -> None:
        def still_watched() -> None:
            with entry.changed:
                if entry.followers <= 0:
                    entry.closing = True
                    raise _Abandoned

        started = time.perf_counter()
        snapshots = self._trainer(task, cfg, still_watched)
        try:
            for snap in snapshots:
                with entry.changed:
                    entry.snapshots.append(snap)
                    entry.offsets.append(time.perf_counter() - started)
                    entry.nbytes += _size(snap)
                    entry.changed.notify_all()
                still_watched()
        except BaseException as err:  # noqa: BLE001 - the followers see it, as their own run's
            entry.error = err
        finally:
            snapshots.close()
            with entry.changed:
                entry.done = True
                entry.changed.notify_all()
            self._keep_or_forget(entry)

    def _keep_or_forget(self, entry: _Entry) -> None:
        """Keep a run that ended well; forget a failed or abandoned one; evict the least
        recently used finished runs beyond the byte budget."""
        with self._lock:
            if entry.error is not None or entry.nbytes > self._max_bytes:
                if self._entries.get(entry.key) is entry:
                    del self._entries[entry.key]
                return
            total = sum(e.nbytes for e in self._entries.values() if e.done)
            for key in list(self._entries):
                if total <= self._max_bytes:
                    break
                old = self._entries[key]
                if old.done and old is not entry:
                    total -= old.nbytes
                    del self._entries[key]


class _Follower:
    """A follower's snapshots; ``close()`` (or the end, or an error) leaves the run."""

    def __init__(self, reader: Iterator[Snapshot], leave: Callable[[], None], entry: _Entry):
        self._reader, self._leave, self._entry = reader, leave, entry

    @property
    def training_seconds(self) -> float:
        """How long the training took to its latest snapshot: for a replay, the time of the run
        that was trained, not of the playback (a fast run replays in no time at all)."""
        offsets = self._entry.offsets
        return offsets[-1] if offsets else 0.0

    def __iter__(self) -> _Follower:
        return self

    def __next__(self) -> Snapshot:
        try:
            return next(self._reader)
        except BaseException:
            self._leave()
            raise

    def close(self) -> None:
        self._reader.close()
        self._leave()

    def __del__(self) -> None:  # a page that dropped its run without closing it
        self._leave()


_SERVER_RUNS: SharedRuns | None = None
_SERVER_LOCK = threading.Lock()


def server_runs() -> SharedRuns:
    """This server's shared runs (one per process), trained by the worker pool."""
    global _SERVER_RUNS
    with _SERVER_LOCK:
        if _SERVER_RUNS is None:
            from ui import workers

            _SERVER_RUNS = SharedRuns(lambda task, cfg, checkpoint:
                                      workers.pool().train(task, cfg, checkpoint))
        return _SERVER_RUNS


def _size(value: Any) -> int:
    """Bytes a snapshot holds, roughly: its arrays and tensors, plus a little per object."""
    if isinstance(value, torch.Tensor):
        return value.numel() * value.element_size()
    if isinstance(value, np.ndarray):
        return value.nbytes
    if isinstance(value, Snapshot):
        return 200 + _size(value.scalars) + _size(value.picture) + _size(value.weights) + _size(value.extra)
    if isinstance(value, dict):
        return 64 + sum(_size(v) + 50 for v in value.values())
    if isinstance(value, (list, tuple)):
        return 56 + sum(_size(v) + 8 for v in value)
    return 32
