"""Shared runs: one training for identical settings, followed live or played back; bounded."""
import dataclasses
import threading
import time

import pytest
import torch

from core.own_data import read_classification
from core.registry import get_task
from core.snapshots import Snapshot
from core.tasks.classification import ClassificationConfig
from core.tasks.cnn import CNNConfig
from ui.shared_runs import SharedRuns, key_of

STEPS = 5


class FakeTrainer:
    """Yields STEPS snapshots (a 1000-float picture each), ``pause`` seconds apart, calling
    checkpoint() as the worker pool does while it waits; records starts and cancellations."""

    def __init__(self, pause=0.02, fail_at=None):
        self.pause, self.fail_at = pause, fail_at
        self.started, self.cancelled = [], []
        self.release = threading.Event()
        self.release.set()

    def __call__(self, task, cfg, checkpoint):
        self.started.append(cfg.seed)
        return self._run(cfg, checkpoint)

    def _run(self, cfg, checkpoint):
        try:
            for step in range(1, STEPS + 1):
                while not self.release.wait(0.01):
                    checkpoint()
                time.sleep(self.pause)
                checkpoint()
                if step == self.fail_at:
                    raise RuntimeError("the training process stopped unexpectedly")
                yield Snapshot(step, STEPS, {"train_loss": 1.0 / step + cfg.seed},
                               picture=torch.full((1000,), float(step)))
        except BaseException as err:  # closed, or checkpoint() said stop
            if not isinstance(err, RuntimeError):
                self.cancelled.append(cfg.seed)
            raise


def cnn(seed=0, **changes):
    return dataclasses.replace(CNNConfig(), seed=seed, **changes)


def losses(snapshots):
    return [s.scalars["train_loss"] for s in snapshots]


def test_the_key_is_every_setting_and_only_shared_tasks_have_one():
    assert key_of("cnn", cnn()) == key_of("cnn", CNNConfig())
    assert key_of("cnn", cnn(seed=1)) != key_of("cnn", cnn())
    assert key_of("cnn", cnn(lr=0.002)) != key_of("cnn", cnn())
    assert dict(key_of("cnn", cnn())[1])["device"] == "cpu"
    assert key_of("classification", ClassificationConfig()) is not None
    assert key_of("template", get_task("template").config()) is None  # writes files


def test_a_run_on_a_users_own_points_is_never_shared():
    points = read_classification(b"x1,x2,label\n0,0,a\n1,1,b\n0,1,a\n1,0,b\n")
    assert key_of("classification", dataclasses.replace(ClassificationConfig(), own=points)) \
        is None


def test_a_run_with_a_float_the_text_cannot_say_is_not_shared():
    assert key_of("cnn", cnn(lr=0.1 + 0.2)) is not None  # repr round-trips exactly
    assert key_of("cnn", cnn(epochs=True)) is None  # not what its text reads back as


def test_students_pressing_train_together_share_one_training():
    trainer = FakeTrainer()
    runs = SharedRuns(trainer)
    results, shared = [None] * 5, [None] * 5

    def student(i):
        snapshots, shared[i] = runs.follow("cnn", cnn())
        results[i] = list(snapshots)

    threads = [threading.Thread(target=student, args=(i,)) for i in range(5)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(10)
    assert trainer.started == [0]
    assert sorted(shared) == [False, True, True, True, True]
    assert all(losses(r) == [1.0, 0.5, 1 / 3, 0.25, 0.2] for r in results)
    assert results[0][-1] is results[1][-1]  # the same objects: kept once in memory


def test_a_finished_run_is_played_back_at_its_pace_not_trained_again():
    trainer = FakeTrainer(pause=0.1)  # 0.5 s of training
    runs = SharedRuns(trainer, playback_seconds=0.3)
    first, shared = runs.follow("cnn", cnn())
    assert not shared and len(list(first)) == STEPS
    started = time.perf_counter()
    again, shared = runs.follow("cnn", cnn())
    assert shared and losses(again) == losses(list(runs.follow("cnn", cnn())[0]))
    assert time.perf_counter() - started >= 0.25  # animated, not dumped at once
    assert trainer.started == [0]


def test_the_wait_before_the_first_snapshot_is_not_played_back():
    """A replay keeps the pace of the training, not of the queue and set-up before it."""
    trainer = FakeTrainer(pause=0.01)  # 5 steps, 0.05 s of training...
    trainer.release.clear()
    threading.Timer(2.0, trainer.release.set).start()  # ...after 2 s waiting for a worker
    runs = SharedRuns(trainer, playback_seconds=4.0)
    first, _ = runs.follow("cnn", cnn())
    assert len(list(first)) == STEPS
    started = time.perf_counter()
    again, shared = runs.follow("cnn", cnn())
    assert shared and len(list(again)) == STEPS
    assert time.perf_counter() - started < 1.0  # the training's 0.05 s, not the 2 s wait


def test_a_replay_reports_the_time_its_training_took_not_its_playback():
    """A replay of a fast run said "Finished 100 steps in 0.00 s": the playback's time."""
    trainer = FakeTrainer(pause=0.1)  # 0.5 s of training
    runs = SharedRuns(trainer, playback_seconds=0.0)  # a replay as fast as it goes
    first, _ = runs.follow("cnn", cnn())
    list(first)
    again, shared = runs.follow("cnn", cnn())
    assert shared and len(list(again)) == STEPS
    assert again.training_seconds == first.training_seconds >= 0.45


def test_a_run_everyone_left_is_cancelled_and_forgotten():
    trainer = FakeTrainer()
    trainer.release.clear()  # the training waits (as for a free worker)
    runs = SharedRuns(trainer)
    snapshots, _ = runs.follow("cnn", cnn())
    time.sleep(0.05)
    snapshots.close()  # the only student clicked Stop
    deadline = time.time() + 5
    while len(runs) and time.time() < deadline:
        time.sleep(0.01)
    assert trainer.cancelled == [0] and len(runs) == 0
    trainer.release.set()
    snapshots, shared = runs.follow("cnn", cnn())
    assert not shared and len(list(snapshots)) == STEPS and trainer.started == [0, 0]


def test_one_follower_leaving_does_not_stop_the_others():
    trainer = FakeTrainer(pause=0.05)
    runs = SharedRuns(trainer)
    leaver, _ = runs.follow("cnn", cnn())
    stayer, _ = runs.follow("cnn", cnn())
    next(leaver)
    leaver.close()
    assert len(list(stayer)) == STEPS and trainer.cancelled == []


def test_a_failed_training_reaches_every_follower_and_is_not_kept():
    trainer = FakeTrainer(fail_at=3)
    runs = SharedRuns(trainer)
    a, _ = runs.follow("cnn", cnn())
    b, _ = runs.follow("cnn", cnn())
    for snapshots in (a, b):
        with pytest.raises(RuntimeError, match="stopped unexpectedly"):
            list(snapshots)
    assert len(runs) == 0
    trainer.fail_at = None
    snapshots, shared = runs.follow("cnn", cnn())
    assert not shared and len(list(snapshots)) == STEPS


def test_finished_runs_are_bounded_in_bytes_least_recently_used_first():
    trainer = FakeTrainer(pause=0)
    runs = SharedRuns(trainer, max_bytes=10**9)
    list(runs.follow("cnn", cnn(seed=0))[0])
    one_run = runs.kept_bytes
    assert one_run >= STEPS * 4000  # five pictures of 1000 float32
    runs = SharedRuns(trainer, max_bytes=int(2.5 * one_run))
    for seed in (1, 2):
        list(runs.follow("cnn", cnn(seed=seed))[0])
    list(runs.follow("cnn", cnn(seed=1))[0])  # seed 1 used again: seed 2 is now the oldest
    list(runs.follow("cnn", cnn(seed=3))[0])
    assert len(runs) == 2 and runs.kept_bytes <= 2.5 * one_run
    assert runs.follow("cnn", cnn(seed=1))[1] is True  # kept
    assert runs.follow("cnn", cnn(seed=2))[1] is False  # evicted: trained again
