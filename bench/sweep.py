"""Sweeps on Ray against the ideal: 36 spiral runs of 1,000 steps, over the cores Ray may use.

    sweep_vs_ideal       warm sweep's wall time / (36 x median single run in-process / workers)
    sweep_first_vs_warm  the first sweep on a fresh Ray started beforehand, as the app starts it
                         ahead of the first sweep (its workers still import torch) / the same
                         sweep again on the warm Ray; also reported: Ray started by that sweep

The 36 runs are 6 learning rates x 6 seeds of the same network, so every run costs about the
same and the median single run (timed here, in this process, one torch thread) is a fair unit.
Workers: what the app's embedded Ray gets (core.cluster.local_workers()).

With --classroom: the small classroom of bench/classroom.py on a server without Ray, with its
idle Ray, and while a sweep runs beside it on 1 and 2 workers: how core.cluster.CORE_SHARE was
chosen (README, Speed).

    OMP_NUM_THREADS=1 .venv/bin/python bench/sweep.py [--classroom [--students N] [--idle]]
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script or imported
from bench.common import load_average, median, show, wait_until_quiet
from tests.conftest import stop_process_group

FIXED = {"dataset": "spiral", "classes": "3", "steps": "1000"}
LRS = "0.01,0.02,0.05,0.1,0.2,0.5"
SEEDS = 6  # 6 x 6 = 36 runs
SINGLE_REPEATS = 5
CLASS_STUDENTS = 10  # the small classroom: this 2-core machine is shared with other work


def _single_seconds(configs) -> float:
    import torch

    from core.registry import get_task
    from core.snapshots import last

    torch.set_num_threads(1)
    task = get_task("classification")
    times = []
    for cfg in configs[:SINGLE_REPEATS]:
        started = time.perf_counter()
        last(task.train(cfg))
        times.append(time.perf_counter() - started)
    return median(times)


def _sweep_seconds(configs) -> float:
    from core.cluster import SweepJob

    started = time.perf_counter()
    statuses = [record.status for record, _ in SweepJob("classification", configs).results()]
    if statuses.count("done") != len(configs):
        raise RuntimeError(f"sweep runs did not all finish: {statuses}")
    return time.perf_counter() - started


def measure() -> dict:
    from core import cluster
    from core.sweep import expand, parse_axis
    from core.tasks.classification import ClassificationConfig

    if cluster.connected() is not None:
        raise RuntimeError("bench/sweep.py times Ray's start: run it in a process without Ray")
    configs = expand(ClassificationConfig, FIXED, [parse_axis(ClassificationConfig, "lr", LRS)],
                     seeds=SEEDS)
    load_before = load_average()
    single = _single_seconds(configs)
    # Ray started on demand: the first sweep waits for it.
    started = time.perf_counter()
    workers = cluster.connect(cluster.LOCAL).workers
    connect_s = time.perf_counter() - started
    on_demand = _sweep_seconds(configs) + connect_s
    warm = _sweep_seconds(configs)
    cluster.disconnect()
    # As the app does (core.cluster.start_early): Ray started ahead of the first sweep, when
    # Sweep mode is switched on or with the server; that sweep still pays its workers' first
    # import of torch.
    cluster.connect(cluster.LOCAL)
    wait_until_quiet(os.getpid())
    first = _sweep_seconds(configs)
    cluster.disconnect()
    ideal = len(configs) * single / workers
    figures = {"sweep_vs_ideal": warm / ideal, "sweep_first_vs_warm": first / warm}
    show("sweep_vs_ideal (36 runs, warm Ray)", figures["sweep_vs_ideal"],
         f"{warm:.1f} s vs ideal {ideal:.1f} s on {workers} workers; load {load_average()}")
    show("sweep_first_vs_warm (Ray started ahead)", figures["sweep_first_vs_warm"],
         f"first {first:.1f} s vs warm {warm:.1f} s")
    show("  the same, Ray started by the first sweep", on_demand / warm,
         f"first {on_demand:.1f} s (Ray start {connect_s:.1f} s)")
    figures["details"] = {"runs": len(configs), "workers": workers, "single_median_s": single,
                          "warm_s": warm, "first_s": first, "first_on_demand_s": on_demand,
                          "on_demand_first_vs_warm": on_demand / warm, "ray_start_s": connect_s,
                          "load_before": load_before, "load_after": load_average()}
    return figures


CLASS_CASES = ((False, 0), (True, 0), (True, 1), (True, 2))  # (Ray at server start, workers)


def classroom_beside_a_sweep(students: int = CLASS_STUDENTS,
                             cases: tuple[tuple[bool, int], ...] = CLASS_CASES) -> dict:
    """The small classroom (bench/classroom.py: ``students`` pressing Train at once on
    /classification) on a server without Ray, with its idle Ray (started with it), and while a
    long sweep runs beside it on 1, 2... Ray workers. The sweep is `python -m core sweep` in a
    process group of its own, with an embedded Ray of that many CPUs; the class starts once
    the sweep's first run has finished (its Ray up, its workers training)."""
    from bench import classroom
    from core.cluster import FIRST_SWEEP, SERVER, START_ENV

    out: dict = {}
    saved = os.environ.get(START_ENV)
    try:
        for at_start, workers in cases:
            name = f"{'ray' if at_start else 'no_ray'}_sweep_{workers}"
            os.environ[START_ENV] = SERVER if at_start else FIRST_SWEEP
            sweep = _background_sweep(workers) if workers else None
            try:
                figures = classroom.measure(students, abandon=False, names={
                    "fraction": "fraction", "p95": "p95", "rss": "rss"}, ray_running=at_start)
            finally:
                if sweep is not None:
                    _stop(*sweep)
            out[name] = {"finished_fraction": figures["fraction"],
                         "p95_click_to_final_s": figures["p95"], "server_rss_gb": figures["rss"],
                         "server_pss_gb": figures["details"]["peak_pss_gb"],
                         "median_click_to_final_s":
                             figures["details"]["median_click_to_final_s"],
                         "load_before": figures["details"]["load_before"],
                         "load_after": figures["details"]["load_after"]}
            show(f"class of {students}, {name}: p95 (s)", figures["p95"],
                 f"finished {figures['fraction']:.2f}, server RSS {figures['rss']:.2f} GB "
                 f"(PSS {out[name]['server_pss_gb']:.2f}); "
                 f"load {out[name]['load_before']} -> {out[name]['load_after']}")
    finally:
        if saved is None:
            os.environ.pop(START_ENV, None)
        else:
            os.environ[START_ENV] = saved
    return out


def _background_sweep(workers: int) -> tuple[subprocess.Popen, str]:
    """A sweep far longer than a class (120 runs of 1,000 steps) on an embedded Ray of
    ``workers`` CPUs, started in a process group of its own; returns once its first run has
    finished. (The process, its Ray's temp folder.)"""
    from bench.common import PYTHON, ROOT

    ray_tmp = tempfile.mkdtemp(prefix="rpg-", dir="/tmp")
    env = dict(os.environ, OMP_NUM_THREADS="1", PLAYGROUND_SWEEP_WORKERS=str(workers),
               RAY_TMPDIR=ray_tmp)
    env.pop("RAY_ADDRESS", None)
    proc = subprocess.Popen(
        [PYTHON, "-m", "core", "sweep", "classification", "--dataset", "spiral", "--classes",
         "3", "--steps", "1000", "--lr", LRS, "--seeds", "20", "--json"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        start_new_session=True)
    try:
        if not proc.stdout.readline():
            raise RuntimeError("the background sweep ended before its first run")
    except BaseException:
        _stop(proc, ray_tmp)
        raise
    return proc, ray_tmp


def _stop(proc: subprocess.Popen, ray_tmp: str) -> None:
    """End a process and everything in its process group (its Ray), then Ray's temp folder."""
    stop_process_group(proc)  # the process, then anything Ray left
    shutil.rmtree(ray_tmp, ignore_errors=True)


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--classroom", action="store_true",
                        help="the small classroom without Ray, with it idle, beside a sweep")
    parser.add_argument("--students", type=int, default=CLASS_STUDENTS,
                        help="with --classroom: the size of the class")
    parser.add_argument("--idle", action="store_true",
                        help="with --classroom: only without Ray and with it idle (no sweep)")
    args = parser.parse_args()
    if args.classroom:
        classroom_beside_a_sweep(args.students, CLASS_CASES[:2] if args.idle else CLASS_CASES)
    else:
        measure()
