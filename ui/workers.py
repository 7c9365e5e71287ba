"""Training in worker processes: the cores are shared out, and runs share no torch state.

One Streamlit process serves every user, each script run a thread under one GIL. Training in
those threads has two problems in a classroom:

* speed: 30 trainings and 30 pages' drawing all queue for one core's worth of Python;
* correctness: ``torch.manual_seed`` seeds one *process-wide* generator, so two runs building
  their models at the same moment can take each other's random numbers (measured: 3 of 30
  concurrent sessions showed numbers that matched neither their seed nor the command line).

So a run's ``task.train(cfg)`` generator runs in one of a few worker processes, created once
per server (one per core but the server's own, at most :data:`MAX_WORKERS`), one run at a time
each, and its snapshots are streamed back to the page in small batches. A run waits for a free
worker (a bounded queue: 30 students never start 30 trainings at once). When the page stops
consuming (Stop, another click, the browser gone), the run is cancelled in its worker.

A worker is a fresh `python -c` running :func:`serve`: it imports this module, core and torch,
never the app script, and runs with one torch thread.
"""
from __future__ import annotations

import collections
import io
import multiprocessing
import os
import pickle
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from collections.abc import Callable, Iterator
from typing import Any

from core.folders import TRAINING_ENVIRONMENT  # a plain module: cheap in a fresh worker too

# One core stays with the server process itself (drawing every session's frames under one GIL);
# the others train. On this 2-core machine: one worker. Measured in a 30-student class (bench/
# classroom.py, runs a minute apart): one worker gave p95 7.3 s and 1.5 GB, two gave 15.5 s and
# 2.2 GB (three busy processes on two cores; each worker holds ~0.7 GB of torch).
MAX_WORKERS = 2
SEND_SECONDS = 0.05  # a worker sends what it has at least this often (and at the end)
CANCEL_WAIT_SECONDS = 10.0  # a cancelled worker that does not answer in time is replaced
ROOT = Path(__file__).resolve().parent.parent
# A worker is `python -c` (not multiprocessing's spawn, which re-imports the parent's __main__:
# under `streamlit run` that is the app script itself). It loads this file alone, not the ui
# package (whose __init__ imports streamlit: 0.6 s more before a fresh server's first run).
WORKER_COMMAND = (
    "import importlib.util, sys; "
    "spec = importlib.util.spec_from_file_location('playground_worker', sys.argv[1]); "
    "module = sys.modules[spec.name] = importlib.util.module_from_spec(spec); "
    "spec.loader.exec_module(module); "
    "module.serve(int(sys.argv[2]))")


# --------------------------------------------------------------------------- both ends
class _Pickler(pickle.Pickler):
    """Plain CPU tensors travel as NumPy arrays: unpickling a tensor the usual way goes through
    torch.load (about 0.7 ms each: a run's hundred weight snapshots would cost the server's
    single Python thread 70 ms), a NumPy array is a memory copy."""

    def reducer_override(self, obj):
        import torch

        if (type(obj) is torch.Tensor and obj.device.type == "cpu"
                and obj.layout == torch.strided and not obj.requires_grad):
            try:
                return torch.from_numpy, (obj.resolve_conj().resolve_neg().numpy(),)
            except (TypeError, RuntimeError):  # a dtype NumPy lacks (bfloat16): as usual
                pass
        return NotImplemented


def _dumps(message) -> bytes:
    buffer = io.BytesIO()
    _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(message)
    return buffer.getvalue()


# --------------------------------------------------------------------------- in the worker
def serve(fd: int) -> None:
    """A worker's life: warm up torch, then run one job after another until the pipe closes.
    ``fd``: the worker's end of the server's ``multiprocessing.Pipe`` (a socket pair)."""
    conn = Connection(fd)
    sys.path.insert(0, str(ROOT))  # core
    import torch

    torch.set_num_threads(1)  # one core per worker: the workers and the server share the rest
    from core.eager import run_eager_only
    from core.registry import get_task
    from core.snapshots import last

    run_eager_only()  # a worker never compiles: no torch._dynamo, 160 MB less (core/eager.py)

    task = get_task("classification")  # torch's first-call costs, before any student waits
    last(task.train(task.config(steps=2)))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):  # the server is gone
            return
        if message[0] == "train":
            _, name, cfg, after, environ, cwd = message
            _same_context(environ, cwd)
            _run_job(conn, get_task(name), cfg, after)
        # a "cancel" arriving after its job already ended needs no answer


def _same_context(environ: dict[str, str | None], cwd: str) -> None:
    """Run the job where the server would have run it: the environment variables core reads
    while training (core.folders.TRAINING_ENVIRONMENT, e.g. PLAYGROUND_DATA set after this
    worker started, as tests do; None: unset) and the working directory (relative paths)."""
    for name, value in environ.items():
        if value is None:
            os.environ.pop(name, None)
        elif os.environ.get(name) != value:
            os.environ[name] = value
    if os.getcwd() != cwd:
        os.chdir(cwd)


def _run_job(conn, task, cfg, after: int = 0) -> None:
    """Stream ``task.train(cfg)``'s snapshots past step ``after`` (a continued run, see
    core.train.steps_after); end with exactly one ("end"|"error", ...)."""
    from core.train import steps_after

    batch: list = []
    sent = time.perf_counter()
    try:
        snapshots = steps_after(task.train(cfg), after)
        for snap in snapshots:
            batch.append(snap)
            now = time.perf_counter()
            if now - sent < SEND_SECONDS:
                continue
            # Looked for when a batch is due, not after every step (multiprocessing's poll is
            # ~20 µs of Python: 5 % of a classification run): a cancelled run ends within
            # SEND_SECONDS and a step.
            if conn.poll():  # the only message a busy worker receives is "cancel"
                conn.recv()
                snapshots.close()
                batch = []
                break
            conn.send_bytes(_dumps(("snapshots", batch)))
            batch, sent = [], now
        if batch:
            conn.send_bytes(_dumps(("snapshots", batch)))
        conn.send_bytes(_dumps(("end", None)))
    except Exception as err:  # the page shows it as it would show an error raised in-thread
        try:
            payload = _dumps(("error", err))
        except Exception:  # an exception that cannot travel: keep its words
            payload = _dumps(("error", RuntimeError(f"{type(err).__name__}: {err}")))
        conn.send_bytes(payload)


# --------------------------------------------------------------------------- in the server
@dataclass
class _Worker:
    process: subprocess.Popen
    conn: Connection

    def alive(self) -> bool:
        return self.process.poll() is None


@dataclass
class _Ticket:
    """A run waiting for a worker: the job to send, and the worker it was handed to."""

    job: tuple
    handed: threading.Event = field(default_factory=threading.Event)
    worker: _Worker | None = None


class TrainerPool:
    """A fixed number of worker processes lent to one run at a time.

    A run that finds no free worker waits in line; a worker that finishes a run is handed to
    the first in line by the thread that saw it finish, which sends it the next job at once.
    (Waking the waiting run's thread to send it cost the worker an idle gap per run: that
    thread must take the GIL among a class's hundred scripts. In a class of 100 the worker
    trained only 82 % of the time.)
    """

    def __init__(self, workers: int):
        self._idle: list[_Worker] = []
        self._line: collections.deque[_Ticket] = collections.deque()
        self._lock = threading.Lock()  # guards _idle and _line
        self.size = workers
        for _ in range(workers):
            self._idle.append(self._start())

    def _start(self) -> _Worker:
        """A fresh interpreter (never a fork of this threaded server) running :func:`serve`."""
        server_end, worker_end = multiprocessing.Pipe()  # duplex: one socket pair
        process = subprocess.Popen(
            [sys.executable, "-c", WORKER_COMMAND, __file__, str(worker_end.fileno())],
            pass_fds=(worker_end.fileno(),), cwd=ROOT,
            env={**os.environ, "OMP_NUM_THREADS": "1"})
        worker_end.close()  # the worker holds it now
        return _Worker(process, server_end)

    @property
    def idle(self) -> int:
        """Workers free right now."""
        return len(self._idle)

    @property
    def waiting(self) -> int:
        """Runs waiting in line for a free worker right now."""
        return len(self._line)

    def train(self, task_name: str, cfg: Any,
              checkpoint: Callable[[], None] = lambda: None, after: int = 0) -> Iterator:
        """``get_task(task_name).train(cfg)``, run in a worker; the same snapshots, in order
        (those past step ``after`` only: a continued run).

        ``checkpoint()`` is called about every 0.2 s while the run waits (for a worker or for
        its snapshots): a page updates its progress there, which is also where Streamlit stops
        a script whose user clicked elsewhere or left. Closing the generator cancels the run.
        """
        # Only what core reads while training, not the whole environment: copying os.environ
        # (every name and value decoded in Python) was 2 % of the server's time in a class.
        environ = {name: os.environ.get(name) for name in TRAINING_ENVIRONMENT}
        ticket = _Ticket(("train", task_name, cfg, after, environ, os.getcwd()))
        with self._lock:
            if self._idle:
                self._hand(self._idle.pop(), ticket)
            else:
                self._line.append(ticket)
        try:
            while not ticket.handed.wait(0.2):
                checkpoint()
        except BaseException:  # cancelled in line
            with self._lock:
                if not ticket.handed.is_set():
                    self._line.remove(ticket)
                    raise
            self._give_back(ticket.worker, ended=False)  # handed meanwhile: it trains our job
            raise
        worker = ticket.worker
        ended = False
        try:
            while True:
                while not worker.conn.poll(0.2):
                    if not worker.alive():
                        raise RuntimeError("the training process stopped unexpectedly")
                    checkpoint()
                kind, payload = pickle.loads(worker.conn.recv_bytes())
                if kind == "snapshots":
                    yield from payload
                elif kind == "end":
                    ended = True
                    return
                else:
                    ended = True
                    raise payload
        finally:
            self._give_back(worker, ended)

    @staticmethod
    def _hand(worker: _Worker, ticket: _Ticket) -> None:
        """Send the ticket's job to the worker (under the pool's lock) and wake its run."""
        ticket.worker = worker
        try:
            worker.conn.send(ticket.job)
        except OSError:  # a worker that died idle: its run reads that at its first poll
            pass
        ticket.handed.set()

    def _give_back(self, worker: _Worker, ended: bool) -> None:
        """Return a worker to the pool (to the first run in line, if any); a run left half way
        is cancelled first."""
        try:
            if not ended and worker.alive():
                worker.conn.send(("cancel",))
                deadline = time.perf_counter() + CANCEL_WAIT_SECONDS
                while time.perf_counter() < deadline:  # drain until the job's last word
                    if worker.conn.poll(0.1):
                        kind, _ = pickle.loads(worker.conn.recv_bytes())
                        if kind in ("end", "error"):
                            ended = True
                            break
            if not ended or not worker.alive():
                raise RuntimeError("worker lost")
        except Exception:  # replace a worker that died or did not stop in time
            worker.process.kill()
            worker.process.wait()
            worker.conn.close()
            worker = self._start()
        with self._lock:
            if self._line:
                self._hand(worker, self._line.popleft())
            else:
                self._idle.append(worker)


_POOL: TrainerPool | None = None
_POOL_LOCK = threading.Lock()
_IN_THREAD_LOCK = threading.Lock()


def enabled() -> bool:
    """Train in worker processes unless PLAYGROUND_TRAINERS=0 (then: in the script's thread)."""
    return os.environ.get("PLAYGROUND_TRAINERS", "").strip() != "0"


def pool() -> TrainerPool:
    """The server's pool (one per process), started on first use: one worker per core, at most
    MAX_WORKERS, or PLAYGROUND_TRAINERS=N workers."""
    global _POOL
    with _POOL_LOCK:
        if _POOL is None:
            given = os.environ.get("PLAYGROUND_TRAINERS", "").strip()
            count = int(given) if given else min(MAX_WORKERS, (os.cpu_count() or 2) - 1)
            _POOL = TrainerPool(max(1, count))
        return _POOL


def in_thread(snapshots: Iterator) -> Iterator:
    """The fallback without workers: one step of one run at a time in this process.

    A model is built with the process-wide ``torch.manual_seed``; holding a lock around each
    step keeps a run's seeding and building in one piece (dropout masks, drawn from that same
    generator during training, can still interleave with another run's: workers avoid both).
    """
    try:
        while True:
            with _IN_THREAD_LOCK:
                try:
                    snap = next(snapshots)
                except StopIteration:
                    return
            yield snap
    finally:
        snapshots.close()
