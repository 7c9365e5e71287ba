"""`make bench`: every figure of issue 8, measured side by side in one run.

Prints each figure as it is measured and writes bench/out/results.json (ignored by git, so a
run leaves the tree clean): the issue's keys (numbers) at the top level, and under "details"
what each figure was computed from, with the load average of the machine at the time (absolute
times on a shared machine mean little). bench/record.json is the run the README's speed table
quotes: copy a run's results there when the table is updated.

Order: the quick in-process figures first, then the course's script (the yardstick of the
browser figures, timed right before them), the browser click, the cold start, the classroom,
and last the other benchmarks kept in bench/ (bench_*.py, each with a ``measure()``), whose
figures go under "details".
"""
from __future__ import annotations

import datetime
import importlib
import json
import traceback
import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script or imported
from bench import (board, boundary_frame, browser_click, classroom, cold_start, core_vs_bare,
                   scrub_rerun, sweep)
from bench.common import ROOT, load_average, seed_script_seconds, show

RESULTS = ROOT / "bench" / "out" / "results.json"
KEYS = ("core_loop_vs_bare", "browser_click_to_final_vs_seed_script",
        "first_click_to_final_vs_seed_script", "boundary_frame_ms",
        "cold_start_vs_streamlit_hello", "classroom_sessions_finished_fraction",
        "classroom_p95_click_to_final_s", "classroom_server_rss_gb",
        "classroom_100_p95_click_to_final_s", "classroom_100_server_rss_gb",
        "classroom_cnn_30_p95_s", "sweep_vs_ideal", "sweep_first_vs_warm",
        "board_submit_p95_s", "board_refresh_s", "scrub_rerun_ms")


def machine() -> str:
    """CPU model, cores, memory and Python, e.g. 'AMD EPYC, 2 cores, 23 GB, CPython 3.11.7'."""
    model = platform.machine()
    for line in Path("/proc/cpuinfo").read_text().splitlines() if Path("/proc/cpuinfo").exists() \
            else []:
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1e9
    return (f"{model}, {os.cpu_count()} cores, {memory:.0f} GB, "
            f"{platform.python_implementation()} {platform.python_version()}")


def main() -> int:
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    started = time.perf_counter()
    results: dict = {}
    details: dict = {"date_utc": datetime.datetime.now(datetime.UTC).isoformat(
        timespec="seconds"), "machine": machine(), "load_at_start": load_average()}

    def record(name: str, figures: dict) -> None:
        details[name] = figures.pop("details", {})
        results.update(figures)

    print(f"load average at start: {details['load_at_start']}", flush=True)
    record("core_vs_bare", core_vs_bare.measure())
    record("boundary_frame", boundary_frame.measure())
    seed_s = seed_script_seconds("classification")
    details["seed_regression_s"] = seed_script_seconds("regression")
    show("seed regression script, headless (s)", details["seed_regression_s"], "for reference")
    record("browser_click", browser_click.measure(seed_seconds=seed_s))
    record("scrub_rerun", scrub_rerun.measure())
    record("cold_start", cold_start.measure())
    record("classroom", classroom.measure())
    record("classroom_100", classroom.measure_100())
    record("classroom_cnn_30", classroom.measure_cnn())
    record("sweep", sweep.measure())
    record("board", board.measure())
    for path in sorted((ROOT / "bench").glob("bench_*.py")):
        try:
            details[path.stem] = extra = importlib.import_module(f"bench.{path.stem}").measure()
            if isinstance(extra.get("ratio"), (int, float)):
                show(f"{path.stem}: core / bare (details)", float(extra["ratio"]),
                     f"load {extra.get('load', load_average())}")
        except Exception:  # another page's benchmark failing must not lose the figures above
            details[path.stem] = {"error": traceback.format_exc(limit=3)}
            print(f"{path.name} failed:\n{details[path.stem]['error']}")

    details["load_at_end"] = load_average()
    details["total_s"] = time.perf_counter() - started
    missing = [k for k in KEYS if k not in results]
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps({**{k: results[k] for k in KEYS if k in results},
                                   "details": details}, indent=2, default=float) + "\n")
    print(f"\nwrote {RESULTS.relative_to(ROOT)} in {details['total_s']:.0f} s; "
          f"load average at end: {details['load_at_end']}")
    if missing:
        print("missing figures:", ", ".join(missing))
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
