"""Sweeps on Ray: the embedded Ray (one per test session) and a real `ray start --head`
cluster in a subprocess; every run's numbers equal `python -m core train` with its flags."""
import json
import math
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

from core import cluster
from core.sweep import expand, parse_axis
from core.tasks.classification import ClassificationConfig as C
from tests.conftest import ROOT, run_cli, stop_process_group

SWEEP = ["--lr", "0.03,0.3", "--hidden", "2,8", "--steps", "40", "--dataset", "moons"]




def _flags(settings: dict) -> list[str]:
    def text(v):
        return ",".join(map(str, v)) if isinstance(v, list) else str(v)

    return [x for k, v in settings.items() for x in (f"--{k.replace('_', '-')}", text(v))]


def test_connect_once_and_only_once(local_ray):
    assert local_ray.address == "local" and local_ray.workers == 2
    assert cluster.connect() is local_ray  # a rerun of a page connects again: the same
    with pytest.raises(cluster.ClusterUnavailable, match="already runs sweeps on local"):
        cluster.connect("127.0.0.1:6379")


def test_cli_sweep_json_equals_train_run_by_run(local_ray, capsys):
    code, out, err = run_cli(capsys, "sweep", "classification", *SWEEP, "--metric", "accuracy",
                             "--json")
    assert code == 0, err
    lines = [json.loads(line) for line in out.strip().splitlines()]
    runs, summary = lines[:-1], lines[-1]
    assert sorted(r["run"] for r in runs) == [1, 2, 3, 4]
    assert summary["runs"] == 4 and summary["workers"] == 2 and summary["cluster"] == "local"
    assert summary["metric"] == "accuracy" and summary["seconds"] > 0
    best = max(runs, key=lambda r: (r["accuracy"], -r["run"]))
    assert summary["best"]["run"] == best["run"]
    for run in runs:
        assert {"lr", "hidden", "steps", "dataset"} <= set(run["settings"])
        code, out, err = run_cli(capsys, "train", "classification", *_flags(run["settings"]),
                                 "--json")
        assert code == 0, (err, run["settings"])
        single = json.loads(out.strip().splitlines()[-1])
        assert math.isclose(run["final_loss"], single["final_loss"], abs_tol=1e-6)
        assert run["accuracy"] == single["accuracy"] and run["steps"] == 40
    assert cluster.connected() is local_ray  # the CLI left the session's Ray running


def test_results_stream_and_stop_cancels(local_ray):
    axes = [parse_axis(C, "lr", "0.01,0.1,1.0"), parse_axis(C, "hidden", "4,16,64")]
    configs = expand(C, {"steps": "3000", "dataset": "spiral"}, axes)
    job = cluster.SweepJob("classification", configs)
    first = job.poll(timeout=None)  # blocks until one run finished
    assert len(first) >= 1 and first[0][0].status == "done"
    job.cancel()
    rest = list(job.results())
    statuses = [record.status for record, _ in first + rest]
    assert len(statuses) == 9 and job.done and "cancelled" in statuses
    assert set(statuses) <= {"done", "cancelled"}
    cancelled = next(r for r, _ in rest if r.status == "cancelled")
    assert cancelled.changed["steps"] == "3000"  # a cancelled run still says what it was


def test_diverged_runs_are_cells_not_crashes(local_ray):
    from core.tasks.regression import RegressionConfig as R

    configs = expand(R, {"steps": "50"}, [parse_axis(R, "lr", "0.02,10")])
    by_lr = {r.settings["lr"]: r for r, _ in cluster.SweepJob("regression", configs).results()}
    assert by_lr["0.02"].status == "done" and by_lr["10.0"].status == "diverged"


@pytest.mark.parametrize("argv, fragment", [
    (["--lr", "0.1,,0.2"], "empty value"),
    (["--lr", "0.1,99"], "above the maximum"),
    (["--lr", ""], "empty"),
    (["--seeds", "three"], "cannot read"),
    (["--hidden", ",".join(map(str, range(1, 101))), "--lr", "0.01,0.02,0.03,0.04,0.05,0.06,"
      "0.07,0.08,0.09,0.1,0.11"], "at most 1,000"),
])
def test_bad_sweeps_one_line_exit_2(capsys, argv, fragment):
    code, _, err = run_cli(capsys, "sweep", "classification", *argv)
    assert code == 2 and fragment in err and len(err.strip().splitlines()) == 1


def _free_port() -> int:
    while True:
        port = random.randint(20000, 60000)
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) != 0:
                return port


def test_unreachable_cluster_is_one_line_exit_2():
    proc = subprocess.run([sys.executable, "-m", "core", "sweep", "classification", "--lr",
                           "0.1,0.2", "--address", f"127.0.0.1:{_free_port()}"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2 and "cannot reach the Ray cluster" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr


def test_ray_starts_early_only_at_the_moment_chosen(monkeypatch):
    monkeypatch.setattr(cluster, "_cluster", None)
    monkeypatch.setattr(cluster, "connect", lambda: pytest.fail("Ray must not start"))
    assert os.environ[cluster.START_ENV] == cluster.FIRST_SWEEP  # every test (tests/conftest.py)
    assert cluster.start_early(cluster.SERVER) is None
    assert cluster.start_early(cluster.SWEEP_MODE) is None
    monkeypatch.delenv(cluster.START_ENV)
    assert cluster.start_moment() == cluster.SWEEP_MODE  # the default
    assert cluster.start_early(cluster.SERVER) is None
    monkeypatch.setenv(cluster.START_ENV, "soon; rm -rf /")  # nonsense: the default
    assert cluster.start_moment() == cluster.SWEEP_MODE


def test_an_early_start_runs_once_in_the_background(monkeypatch):
    monkeypatch.setattr(cluster, "_cluster", None)
    monkeypatch.setenv(cluster.START_ENV, cluster.SERVER)
    calls, release = [], threading.Event()

    def slow_connect():
        calls.append(threading.current_thread().name)
        release.wait(10)

    monkeypatch.setattr(cluster, "connect", slow_connect)
    thread = cluster.start_early(cluster.SERVER)
    assert thread is not None and cluster.start_early(cluster.SERVER) is None  # one at a time
    release.set()
    thread.join(10)
    assert calls == ["ray-early-start"]


@pytest.mark.parametrize("breakage, said", [
    ("ray missing", "Ray is not installed"),
    ("cluster unreachable", "cannot reach the Ray cluster"),
    ("init fails", "cannot use Ray at local: no shared memory"),
])
def test_ray_unavailable_early_is_a_log_line_not_a_crash(monkeypatch, caplog, breakage, said):
    monkeypatch.setattr(cluster, "_cluster", None)  # as in a fresh server process
    monkeypatch.setenv(cluster.START_ENV, cluster.SERVER)
    monkeypatch.delenv("RAY_ADDRESS", raising=False)
    if breakage == "ray missing":
        monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` raises ImportError
    elif breakage == "cluster unreachable":
        monkeypatch.setenv("RAY_ADDRESS", f"127.0.0.1:{_free_port()}")
    else:
        def fail(*_):
            raise OSError("no shared memory")

        monkeypatch.setattr(cluster, "_init_in_a_lasting_thread", fail)
    with caplog.at_level("WARNING", logger="core.cluster"):
        cluster.start_early(cluster.SERVER).join(60)
    assert cluster.connected() is None
    assert "Ray not started early" in caplog.text and said in caplog.text
    again = cluster.start_early(cluster.SERVER)  # a later moment may try again
    assert again is not None
    again.join(60)


@pytest.fixture
def ray_head():
    """A real `ray start --head` on a random port, its own process group and temp folder;
    the whole group is killed at the end, also when the test fails."""
    port = _free_port()
    temp = tempfile.mkdtemp(prefix="ray-test-", dir="/tmp")  # Ray's socket paths must be short
    ray_bin = str(Path(sys.executable).with_name("ray"))
    env = {**os.environ, "OMP_NUM_THREADS": "1", "RAY_USAGE_STATS_ENABLED": "0"}
    proc = subprocess.Popen(
        [ray_bin, "start", "--head", f"--port={port}", "--block", "--num-cpus=2",
         "--object-store-memory=200000000", "--include-dashboard=false", f"--temp-dir={temp}"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 180
        while True:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            assert proc.poll() is None, "ray start --head exited"
            assert time.monotonic() < deadline, "ray start --head did not listen in time"
            time.sleep(0.5)
        yield f"127.0.0.1:{port}"
    finally:
        stop_process_group(proc)  # the process, then anything Ray left
        shutil.rmtree(temp, ignore_errors=True)


def test_cli_sweep_on_a_ray_start_cluster(ray_head, capsys):
    env = {**os.environ, "OMP_NUM_THREADS": "1", "RAY_AUTH_MODE": "token"}
    env.pop("RAY_ADDRESS", None)
    proc = subprocess.run([sys.executable, "-m", "core", "sweep", "classification", *SWEEP,
                           "--json", "--address", ray_head],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=400)
    assert proc.returncode == 0, proc.stderr[-2000:]
    lines = [json.loads(line) for line in proc.stdout.strip().splitlines()]
    summary = lines[-1]
    assert summary["cluster"] == ray_head and summary["runs"] == 4 and summary["workers"] == 2
    for run in lines[:-1]:
        code, out, _ = run_cli(capsys, "train", "classification", *_flags(run["settings"]),
                               "--json")
        single = json.loads(out.strip().splitlines()[-1])
        assert math.isclose(run["final_loss"], single["final_loss"], abs_tol=1e-6)


# A page's script run is a thread that ends after every rerun. Ray starts its GCS and raylet
# with PR_SET_PDEATHSIG, so a Ray started from such a thread died with it (and took the server
# down a minute later). Here: Ray started from a thread that ends, then used 8 s later.
# Meanwhile the embedded Ray has started no worker process (cluster.LEAN_WORKERS: an idle
# worker is 120 MB a class would pay for nothing); the run then starts one.
SHORT_LIVED_THREAD = """
import os, threading, time
from pathlib import Path
import ray
from core import cluster

def workers():
    count = 0
    for entry in Path("/proc").iterdir():
        try:
            # Ray puts each worker in a process group of its own: look in this session.
            if entry.name.isdigit() and os.getsid(int(entry.name)) == os.getsid(0):
                argv = (entry / "cmdline").read_bytes().split(bytes(1))
                # A worker: "python .../default_worker.py ..." until it names itself ray::IDLE
                # (or ray::<its task>); Ray's agents are ray::DashboardAgent and the like.
                starting = len(argv) > 1 and argv[1].endswith(b"default_worker.py")
                named = argv[0].startswith(b"ray::") and not argv[0].endswith(b"Agent")
                count += starting or named
        except OSError:
            continue  # ended meanwhile
    return count

starter = threading.Thread(target=cluster.connect)
starter.start()
starter.join()
time.sleep(8)
print("workers before a run:", workers())
print(ray.get(ray.remote(lambda: 41 + 1).remote(), timeout=60))
"""


def test_ray_outlives_the_thread_that_started_it_and_starts_workers_for_runs():
    ray_tmp = tempfile.mkdtemp(prefix="rpg-", dir="/tmp")
    env = dict(os.environ, OMP_NUM_THREADS="1", RAY_TMPDIR=ray_tmp)
    env.pop("RAY_ADDRESS", None)
    proc = subprocess.Popen([sys.executable, "-c", SHORT_LIVED_THREAD], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    try:
        out, err = proc.communicate(timeout=240)
        assert proc.returncode == 0, err[-2000:]
        assert out.strip().splitlines()[-2:] == ["workers before a run: 0", "42"]
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # anything of Ray's still in the group
        except ProcessLookupError:
            pass
        proc.wait()
        shutil.rmtree(ray_tmp, ignore_errors=True)
