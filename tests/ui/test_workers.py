"""Training in a worker process gives exactly the in-process snapshots, and can be cancelled."""
import itertools
import os

import pytest
import torch

from core.registry import TaskUnavailable, get_task
from ui.workers import TrainerPool, in_thread

STEPS = 20


@pytest.fixture(scope="module")
def pool():
    return TrainerPool(1)  # one worker process for the module (its torch import is paid once)


def test_a_worker_streams_the_same_snapshots_as_training_here(pool):
    task = get_task("classification")
    cfg = task.config(steps=STEPS, seed=5)
    here = list(task.train(cfg))
    there = list(pool.train("classification", cfg))
    assert [s.step for s in there] == [s.step for s in here] == list(range(1, STEPS + 1))
    for a, b in zip(there, here, strict=True):
        assert a.scalars == b.scalars
        assert (a.weights is None) == (b.weights is None)
        if a.weights is not None:
            assert isinstance(a.weights, torch.Tensor) and torch.equal(a.weights, b.weights)
    assert task.result(cfg, there[-1]) == task.result(cfg, here[-1])


def test_a_worker_that_trained_loads_neither_the_compiler_nor_pandas(pool):
    """A worker holds what training needs: torch.compile's machinery (kept out by core.eager;
    it maps triton's library) and pandas (imported only for a user's own table) would be about
    240 MB more in every worker."""
    for name in ("classification", "regression"):
        task = get_task(name)
        list(pool.train(name, task.config(steps=STEPS)))
    worker = pool._idle[0].process.pid  # the module's one worker, idle again
    with open(f"/proc/{worker}/maps") as maps:
        libraries = {line.split()[-1] for line in maps if ".so" in line}
    assert any("libtorch" in path for path in libraries)  # the right process
    assert not [path for path in libraries if "triton" in path or "pandas" in path]


def test_a_run_left_half_way_is_cancelled_and_the_worker_serves_the_next(pool):
    task = get_task("regression")
    long_run = pool.train("regression", task.config(steps=5000))
    first = list(itertools.islice(long_run, 3))
    long_run.close()  # what the page does on Stop, another click, or a closed browser tab
    assert [s.step for s in first] == [1, 2, 3]
    assert pool.idle == pool.size  # the worker is back, not still training
    cfg = task.config(steps=5)
    assert [s.scalars for s in pool.train("regression", cfg)] == \
        [s.scalars for s in task.train(cfg)]


def test_errors_come_back_with_their_type_and_the_callers_environment_counts(
        pool, monkeypatch, tmp_path):
    # Set after the worker started (as a test or a teacher's shell might): the job still sees it.
    monkeypatch.setenv("PLAYGROUND_DATA", str(tmp_path / "no-data-here"))
    with pytest.raises(TaskUnavailable, match="no-data-here"):
        list(pool.train("cifar10", get_task("cifar10").config()))


def test_the_in_thread_fallback_yields_every_snapshot():
    task = get_task("classification")
    cfg = task.config(steps=STEPS)
    assert [s.scalars for s in in_thread(task.train(cfg))] == \
        [s.scalars for s in task.train(cfg)]


def test_runs_in_line_get_the_worker_in_turn_and_one_that_leaves_the_line_is_forgotten(pool):
    """One worker, three runs at once: each gets its own snapshots, handed the worker by the
    run before it. A run cancelled while it waits leaves the line without a worker."""
    import threading

    task = get_task("classification")
    configs = [task.config(steps=STEPS, seed=seed) for seed in (1, 2, 3)]
    results: dict[int, list] = {}

    def run(i: int) -> None:
        results[i] = [s.scalars for s in pool.train("classification", configs[i])]

    threads = [threading.Thread(target=run, args=(i,)) for i in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    for i, cfg in enumerate(configs):
        assert results[i] == [s.scalars for s in task.train(cfg)]
    assert pool.waiting == 0 and pool.idle == pool.size

    class Left(Exception):
        pass

    def leave() -> None:
        raise Left

    long_run = pool.train("regression", get_task("regression").config(steps=5000))
    next(long_run)  # the worker is busy with it
    with pytest.raises(Left):
        next(pool.train("classification", configs[0], checkpoint=leave))
    assert pool.waiting == 0  # out of the line, not handed the worker later
    long_run.close()
    assert pool.idle == pool.size


def test_a_job_gets_the_training_environment_as_the_server_has_it_now(monkeypatch):
    """A worker started before PLAYGROUND_DATA was set, changed or unset runs each job with
    the server's value of every variable core reads while training, and leaves the rest."""
    from core.folders import DATA_ENV, RUNS_ENV
    from ui.workers import _same_context

    monkeypatch.setenv(DATA_ENV, "/old/data")
    monkeypatch.setenv(RUNS_ENV, "/old/runs")
    monkeypatch.setenv("UNRELATED", "kept")
    _same_context({DATA_ENV: "/new/data", RUNS_ENV: None}, os.getcwd())
    assert os.environ[DATA_ENV] == "/new/data" and RUNS_ENV not in os.environ
    assert os.environ["UNRELATED"] == "kept"
