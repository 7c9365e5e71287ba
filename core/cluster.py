"""Where sweeps run: Ray, embedded on this machine by default, or a cluster by address.

    cluster = connect()                 # once per process; later calls return the same
    start_early(SWEEP_MODE)             # the app: the same, ahead of time, in the background
    job = SweepJob("classification", configs)
    for record, figures in job.results():   # in the order they finish
        ...
    job.cancel()                        # Stop: queued runs are dropped, running ones interrupted

The address is ``--address``/``address=`` if given, else ``RAY_ADDRESS``, else ``"local"``:
a Ray of our own, started with this process and ended with it. (A bare ``ray.init()`` would
join the latest ``ray start`` cluster recorded in Ray's temp folder, even a dead one.)

Each run is one Ray task needing one CPU, so the number of CPUs Ray is given caps how many
runs train at once. The embedded Ray gets :func:`local_workers` CPUs: a share of the cores,
so that a sweep leaves the live pages of a classroom their cores. Workers run one torch
thread each and receive the ``core`` package through Ray's runtime environment (``py_modules``),
so a cluster needs only the same Python packages, not a copy of this repository.
"""
from __future__ import annotations

import functools
import logging
import os
import socket
import threading
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Iterator, Sequence
from typing import Any

from core.config import changed_fields, to_strings
from core.runs import RunRecord

LOCAL = "local"
# The share of this machine's cores an embedded Ray may use. The server keeps one core for
# drawing every session's pages, and ui/workers.py trains live runs on the others; on this
# 2-core machine that leaves one core for a sweep. PLAYGROUND_SWEEP_WORKERS overrides it.
CORE_SHARE = 0.5
WORKERS_ENV = "PLAYGROUND_SWEEP_WORKERS"
# When the app starts Ray ahead of the first sweep (README, Where sweeps run): once the server
# is warm; when a page's Sweep mode is switched on (the default: a server where nobody sweeps
# keeps Ray's 0.6 GB for its class); or only when the first sweep is asked for.
START_ENV = "PLAYGROUND_RAY_START"
SERVER, SWEEP_MODE, FIRST_SWEEP = "server", "sweep-mode", "first-sweep"
OBJECT_STORE_BYTES = 200 * 1024**2  # results are small (settings, figures, thinned curves)
# The embedded Ray's idle cost (README, Where sweeps run). Ray starts a worker process ahead
# of the first task (77 MB resident, idle until a sweep) and keeps finished workers for good
# (813 MB each after a classification run: torch and the run's imports). Ours starts workers when runs are
# queued and ends those idle for a minute: back-to-back sweeps reuse warm workers, a class
# where someone swept once does not keep them. (Ray's RayConfig keys, set through
# ray.init's _system_config: ray.init offers no other way to set them.)
IDLE_WORKER_S = 60
LEAN_WORKERS = {"enable_worker_prestart": False, "prestart_worker_first_driver": False,
                "num_workers_soft_limit": 0,
                "idle_worker_killing_time_threshold_ms": IDLE_WORKER_S * 1000}
CONNECT_TIMEOUT_S = 5.0
CORE_DIR = Path(__file__).resolve().parent


class ClusterUnavailable(RuntimeError):
    """Ray could not be started or the cluster at the given address could not be reached."""


@dataclass(frozen=True)
class Cluster:
    address: str  # "local" or the cluster's address
    workers: int  # runs that train at the same time (the CPUs Ray may use)


_lock = threading.Lock()  # Streamlit reruns scripts on many threads: connect exactly once
_cluster: Cluster | None = None
_start_lock = threading.Lock()  # guards _starting: one early start at a time
_starting = False


def target_address(address: str | None = None) -> str:
    return address or os.environ.get("RAY_ADDRESS") or LOCAL


def local_workers() -> int:
    """Runs at once on the embedded Ray: $PLAYGROUND_SWEEP_WORKERS, else a share of the cores."""
    text = os.environ.get(WORKERS_ENV, "")
    if text.strip().isdigit() and int(text) > 0:
        return int(text)
    return max(1, int((os.cpu_count() or 1) * CORE_SHARE))


def connected() -> Cluster | None:
    """The cluster this process is connected to, or None (nothing is started)."""
    return _cluster


def connect(address: str | None = None) -> Cluster:
    """Connect this process to Ray once (thread-safe); every later call returns the same
    connection (naming another address then is an error)."""
    global _cluster
    wanted = target_address(address)
    with _lock:
        if _cluster is not None:
            if address is not None and wanted != _cluster.address:
                raise ClusterUnavailable(
                    f"this process already runs sweeps on {_cluster.address}, not {wanted}")
            return _cluster
        if wanted != LOCAL:
            _check_reachable(wanted)
        try:
            import ray
        except ImportError as err:  # a slimmed install: the app runs, sweeps say why not
            raise ClusterUnavailable(f"Ray is not installed ({err})") from None

        # Workers: one torch thread each; the data folder of this checkout when it is local.
        from core.folders import DATA_ENV, data_dir

        env_vars = {"OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
        if wanted == LOCAL:
            env_vars[DATA_ENV] = str(data_dir())
        runtime_env = {"py_modules": [str(CORE_DIR)], "env_vars": env_vars}
        options: dict[str, Any] = dict(runtime_env=runtime_env, logging_level=logging.WARNING,
                                       log_to_driver=False, ignore_reinit_error=False)
        if wanted == LOCAL:
            options.update(num_cpus=local_workers(), include_dashboard=False,
                           object_store_memory=OBJECT_STORE_BYTES,
                           _system_config=LEAN_WORKERS)
        try:
            _init_in_a_lasting_thread(ray, wanted, options)
        except Exception as err:  # noqa: BLE001 (Ray raises several kinds; one line for all)
            raise ClusterUnavailable(f"cannot use Ray at {wanted}: {_first_line(err)}") from None
        workers = max(1, int(ray.cluster_resources().get("CPU", 1)))
        _cluster = Cluster(wanted, workers)
        return _cluster


def start_moment() -> str:
    """When the app starts its Ray ahead of the first sweep: $PLAYGROUND_RAY_START."""
    moment = os.environ.get(START_ENV, "").strip() or SWEEP_MODE
    return moment if moment in (SERVER, SWEEP_MODE, FIRST_SWEEP) else SWEEP_MODE


def start_early(moment: str) -> threading.Thread | None:
    """At ``moment`` (SERVER: the server is warm; SWEEP_MODE: a page's Sweep mode was switched
    on), start Ray in a background thread if $PLAYGROUND_RAY_START names that moment and no Ray
    is up or starting; returns that thread. A fresh Ray takes 10 to 40 s to start on a busy
    2-core machine: started early, the first sweep does not wait for it. Never raises: when Ray
    cannot start, the thread logs why and the first sweep tries again, showing the reason."""
    global _starting
    with _start_lock:
        if moment != start_moment() or _cluster is not None or _starting:
            return None
        _starting = True
    thread = threading.Thread(target=_start_quietly, name="ray-early-start", daemon=True)
    thread.start()
    return thread


def _start_quietly() -> None:
    global _starting
    try:
        connect()
    except Exception as err:  # noqa: BLE001 (whatever stops Ray must not stop the server)
        logging.getLogger(__name__).warning("Ray not started early: %s", _first_line(err))
    finally:
        with _start_lock:
            _starting = False


def _init_in_a_lasting_thread(ray: Any, address: str, options: dict[str, Any]) -> None:
    """``ray.init`` from a thread that lives as long as this process.

    Ray starts its own processes (GCS, raylet) with Linux's PR_SET_PDEATHSIG, which kills a
    child when the *thread* that started it ends, not the process. A Streamlit script run is a
    thread that ends after every rerun: a Ray started from it died seconds later, and the
    server with it ("Failed to connect to GCS ... The program will terminate")."""
    started = threading.Event()
    failure: list[BaseException] = []

    def owner() -> None:
        try:
            ray.init(address=address, **options)
        except BaseException as err:  # noqa: BLE001 (handed to the caller below)
            failure.append(err)
        started.set()
        if not failure:
            threading.Event().wait()  # the parent of Ray's processes never ends

    threading.Thread(target=owner, name="ray-owner", daemon=True).start()
    started.wait()
    if failure:
        raise failure[0]


def disconnect() -> None:
    """End this process's Ray connection (and the embedded Ray, if it is ours)."""
    global _cluster
    with _lock:
        if _cluster is not None:
            import ray

            ray.shutdown()
            _cluster = None


def _check_reachable(address: str) -> None:
    """Fail in seconds, not after Ray's long retry loop, when nothing listens at host:port."""
    if "://" in address or ":" not in address:
        return  # ray://..., "auto": Ray resolves those itself
    host, _, port = address.rpartition(":")
    if not port.isdigit():
        raise ClusterUnavailable(f"cannot use Ray at {address}: expected host:port")
    try:
        socket.create_connection((host, int(port)), timeout=CONNECT_TIMEOUT_S).close()
    except OSError as err:
        raise ClusterUnavailable(f"cannot reach the Ray cluster at {address}: "
                                 f"{err.strerror or err}") from None


def _first_line(err: BaseException) -> str:
    text = str(err).strip() or type(err).__name__
    return text.splitlines()[0]


def _run_in_worker(page: str, cfg: Any, number: int) -> tuple[RunRecord, dict]:
    """What a Ray worker runs: one configuration, one torch thread."""
    import torch

    from core.eager import run_eager_only
    from core.sweep import run_one

    torch.set_num_threads(1)
    run_eager_only()  # a Ray worker never compiles: no torch._dynamo (core/eager.py)
    return run_one(page, cfg, number)


@functools.cache  # made once per process
def _remote() -> Any:
    import ray

    # One CPU per run is the resource cap; no retries: a run that failed fails again.
    return ray.remote(num_cpus=1, max_retries=0)(_run_in_worker)


class SweepJob:
    """A sweep submitted to Ray: results as they finish, Stop cancels the rest.

    Not thread-safe: one page (or the CLI) owns a job and polls it from one thread at a time.
    """

    def __init__(self, page: str, configs: Sequence[Any], first_number: int = 1):
        self.cluster = connect()
        remote = _remote()
        self.total = len(configs)
        self._pending: dict[Any, tuple[int, Any]] = {}  # ref -> (run number, config)
        for i, cfg in enumerate(configs):
            # The config itself travels (pickled): it may carry data, e.g. a user's own points.
            ref = remote.remote(page, cfg, first_number + i)
            self._pending[ref] = (first_number + i, cfg)
        self.page = page
        self.cancelled = False

    @property
    def remaining(self) -> int:
        return len(self._pending)

    @property
    def done(self) -> bool:
        return not self._pending

    def poll(self, timeout: float | None = 0.0, at_least: int = 1
             ) -> list[tuple[RunRecord, dict]]:
        """The runs that finished since the last call; waits up to ``timeout`` seconds
        (None: until ``at_least`` have finished)."""
        import ray

        if not self._pending:
            return []
        refs = list(self._pending)
        want = len(refs) if timeout is not None else min(at_least, len(refs))
        ready, _ = ray.wait(refs, num_returns=want, timeout=timeout)
        return [self._collect(ref) for ref in ready]

    def results(self) -> Iterator[tuple[RunRecord, dict]]:
        """Every run, in the order they finish (blocks between them)."""
        while self._pending:
            yield from self.poll(timeout=None)

    def cancel(self) -> None:
        """Stop: queued runs never start, running ones are interrupted (their workers live on)."""
        import ray

        self.cancelled = True
        for ref in list(self._pending):
            ray.cancel(ref)

    def _collect(self, ref: Any) -> tuple[RunRecord, dict]:
        import ray
        from ray.exceptions import RayError, TaskCancelledError

        number, cfg = self._pending.pop(ref)
        try:
            return ray.get(ref)
        except TaskCancelledError:
            status, message = "cancelled", "the sweep was stopped"
        except RayError as err:  # the worker died, or the run raised outside run_one
            status, message = "failed", _first_line(err)
        record = RunRecord(number=number, page=self.page, settings=to_strings(cfg),
                           changed=changed_fields(cfg),
                           metrics={}, seconds=0.0, status=status, message=message,
                           source="sweep")
        return record, {"page": self.page, status: message}
