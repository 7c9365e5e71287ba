"""A classroom: 30 students press Train on /classification at the same moment, one server.

Each student is a client speaking Streamlit's own protocol over the websocket a browser uses
(/_stcore/stream: BackMsg protobufs up, ForwardMsg protobufs down), so 30 of them cost this
2-core machine almost nothing next to the server, unlike 30 chromium pages. The server is
started fresh; the teacher opens the page first and the class begins once the server's one-time
warm-up is done (its processes idle). Then each student's client:

1. opens ``/classification?seed=S`` (a rerun request with that query string, as a browser
   sends on page load) and waits for the script to finish: the page with its Train button;
2. when every student is ready, presses Train (the button's trigger, as a browser sends it)
   and times the click until the script finishes (the final chart, metrics and alert sent);
3. reads the final metrics the page shows (train loss, test loss, test accuracy).

Each session must show exactly the numbers of ``python -m core train classification --seed S
--json`` for its own seed (the seeds give pairwise different numbers, so a session showing
another student's run would be caught). Reported: the fraction of sessions that finished with
their own correct result, the 95th percentile of click->final, and the peak resident memory of
the server and all its child processes (VmRSS from /proc, sampled every 0.25 s), and beside
it their peak PSS (/proc/PID/smaps_rollup): RSS counts a page shared by n processes (torch's
libraries in the server and every worker) n times, PSS once.

Afterwards, on the same server, one student starts a long run and closes the tab a second
later: the CPU the server's processes use in the next 3 s shows whether that run stopped.

Two more classes, in `make bench` too: 100 students on /classification (each their own seed:
``classroom_100_*``), and 30 students on /cnn at its defaults, all the same settings, where
identical runs are trained once and shared (ui/shared_runs.py): ``classroom_cnn_30_p95_s``.

    OMP_NUM_THREADS=1 .venv/bin/python bench/classroom.py [--students 30]
        [--lesson classification|classification100|cnn]
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import json
import math
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script or imported
from bench.common import (PYTHON, ROOT, PeakRss, load_average, process_tree, show,
                          tree_cpu_seconds, tree_pss_gb, tree_rss_gb, wait_until_quiet)
from tests.browser.conftest import free_port, start_server, stop_server

STUDENTS = 30
FIRST_SEED = 1
TIMEOUT_S = 150  # a session that has not finished by then counts as not finished


@dataclass(frozen=True)
class Lesson:
    page: str
    shown: dict[str, str]  # metric label on the page -> the CLI's figure
    same_settings: bool  # every student at the defaults (seed 0), or each their own seed


CLASSIFICATION = Lesson("classification", {"Train loss": "final_loss", "Test loss": "test_loss",
                                           "Test accuracy": "accuracy"}, same_settings=False)
CNN = Lesson("cnn", {"Train loss": "final_loss", "Test loss": "test_loss",
                     "Accuracy": "accuracy"}, same_settings=True)
PAGE = CLASSIFICATION.page  # the page of the first class (and of the abandoned run)


# --------------------------------------------------------------------------- expected numbers
def cli_json(seed: int, page: str = PAGE) -> dict:
    """``python -m core train PAGE --seed S --json``, run in this process (same code path as
    the command line: core.__main__.main), parsed from its last printed line."""
    from core.__main__ import main

    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        main(["train", page, "--seed", str(seed), "--json"])
    return json.loads(buffer.getvalue().strip().splitlines()[-1])


def cli_json_subprocess(seed: int, page: str = PAGE) -> dict:
    out = subprocess.run([PYTHON, "-m", "core", "train", page, "--seed", str(seed), "--json"],
                         cwd=ROOT, env=dict(os.environ, OMP_NUM_THREADS="1"), check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def as_shown(figures: dict, lesson: Lesson = CLASSIFICATION) -> dict[str, str]:
    """The CLI's numbers formatted as the page's metrics show them (ui/training_page.py)."""
    return {label: (f"{figures[key]:.1%}" if "accuracy" in key else f"{figures[key]:.4f}")
            for label, key in lesson.shown.items()}


# --------------------------------------------------------------------------- one student
@dataclass
class Student:
    seed: int
    url: str
    page: str = PAGE
    query: str = ""
    page_hash: str = ""
    train_id: str | None = None
    train_fragment: str = ""  # the fragment the Train button is drawn by ("": the page's script)
    metrics: dict[str, str] = field(default_factory=dict)
    success: bool = False
    exception: str | None = None
    seconds: float | None = None
    error: str | None = None
    finishes: list[int] = field(default_factory=list)  # script_finished statuses seen

    def __post_init__(self) -> None:
        self.query = f"seed={self.seed}"


def _rerun(student: Student, trigger: str | None = None) -> bytes:
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ClientState_pb2 import ClientState
    from streamlit.proto.WidgetStates_pb2 import WidgetState, WidgetStates

    widgets = WidgetStates()
    if trigger is not None:
        widgets.widgets.append(WidgetState(id=trigger, trigger_value=True))
    # As a browser does: a click on a widget drawn by a fragment reruns only that fragment.
    state = ClientState(query_string=student.query, widget_states=widgets,
                        page_script_hash=student.page_hash,
                        page_name="" if student.page_hash else student.page,
                        fragment_id=student.train_fragment if trigger is not None else "")
    return BackMsg(rerun_script=state).SerializeToString()


async def _until_finished(ws, student: Student) -> None:
    """Read ForwardMsgs until this script run finishes; remember what the page shows."""
    from streamlit.proto.Alert_pb2 import Alert
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    while True:
        msg = ForwardMsg()
        msg.ParseFromString(await ws.recv())
        kind = msg.WhichOneof("type")
        if kind == "navigation":  # the page the server is running: the browser's current page
            student.page_hash = msg.navigation.page_script_hash
        elif kind == "page_info_changed":
            student.query = msg.page_info_changed.query_string
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            what = element.WhichOneof("type")
            if what == "button" and element.button.label == "Train":
                student.train_id = element.button.id
                student.train_fragment = msg.delta.fragment_id
            elif what == "metric":
                student.metrics[element.metric.label] = element.metric.body
            elif what == "alert" and element.alert.format == Alert.SUCCESS:
                student.success = True
            elif what == "exception":
                student.exception = element.exception.message
        elif kind == "script_finished":
            student.finishes.append(msg.script_finished)
            if msg.script_finished in (ForwardMsg.FINISHED_SUCCESSFULLY,
                                       ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY):
                return


async def _student(student: Student, ready: asyncio.Barrier, go: asyncio.Event) -> None:
    from websockets.asyncio.client import connect

    try:
        async with connect(student.url, subprotocols=["streamlit"], max_size=None,
                           open_timeout=TIMEOUT_S, ping_interval=None) as ws:
            await ws.send(_rerun(student))  # open the page
            await asyncio.wait_for(_until_finished(ws, student), TIMEOUT_S)
            if student.train_id is None:
                raise RuntimeError("no Train button on the page")
            await ready.wait()
            await go.wait()
            student.metrics.clear()
            student.success = False
            started = time.perf_counter()
            await ws.send(_rerun(student, trigger=student.train_id))  # press Train
            await asyncio.wait_for(_until_finished(ws, student), TIMEOUT_S)
            student.seconds = time.perf_counter() - started
    except Exception as err:  # a failed session is a figure, not a crash of the benchmark
        student.error = f"{type(err).__name__}: {err}"
        with contextlib.suppress(Exception):
            await ready.abort() if not ready.broken else None


async def _classroom(url: str, seeds: list[int], on_go=lambda: None,
                     page: str = PAGE) -> list[Student]:
    students = [Student(s, url, page) for s in seeds]
    ready = asyncio.Barrier(len(students) + 1)
    go = asyncio.Event()
    tasks = [asyncio.create_task(_student(s, ready, go)) for s in students]
    with contextlib.suppress(asyncio.BrokenBarrierError):
        await asyncio.wait_for(ready.wait(), TIMEOUT_S)
    on_go()
    go.set()  # everyone presses Train at once
    await asyncio.gather(*tasks)
    return students


LONG_STEPS = 5000  # a run long enough to still be training when its student leaves


async def _abandoned_run(url: str, server_pid: int) -> dict:
    """A student presses Train on a long run and closes the tab a second later. The run must
    stop (its worker freed), not train on for nobody: the server's processes should use almost
    no CPU in the next seconds, and the next student's run should not wait behind it."""
    from websockets.asyncio.client import connect

    leaver = Student(FIRST_SEED, url)
    leaver.query = f"seed={FIRST_SEED}&steps={LONG_STEPS}"
    async with connect(url, subprotocols=["streamlit"], max_size=None,
                       ping_interval=None) as ws:
        await ws.send(_rerun(leaver))
        await asyncio.wait_for(_until_finished(ws, leaver), TIMEOUT_S)
        await ws.send(_rerun(leaver, trigger=leaver.train_id))
        await asyncio.sleep(1.0)  # training, then the tab is closed
    await asyncio.sleep(1.0)  # time for the server to notice
    before = tree_cpu_seconds(server_pid)
    await asyncio.sleep(3.0)
    after = tree_cpu_seconds(server_pid)
    newcomer = Student(FIRST_SEED + 1, url)
    ready, go = asyncio.Barrier(1), asyncio.Event()
    go.set()
    await _student(newcomer, ready, go)
    return {"cpu_s_in_3_s_after_leaving": sum(v - before.get(p, 0.0) for p, v in after.items()),
            "next_click_to_final_s": newcomer.seconds, "next_error": newcomer.error}


async def _teacher_opens(url: str, page: str = PAGE) -> None:
    """The teacher opens the page before class: the server's one-time warm-up starts."""
    from websockets.asyncio.client import connect

    teacher = Student(0, url, page)
    async with connect(url, subprotocols=["streamlit"], max_size=None, ping_interval=None) as ws:
        await ws.send(_rerun(teacher))
        await asyncio.wait_for(_until_finished(ws, teacher), TIMEOUT_S)


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (no interpolation): the value q% of sessions stayed under."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


def measure(students: int = STUDENTS, lesson: Lesson = CLASSIFICATION, abandon: bool = True,
            names: dict[str, str] | None = None, ray_running: bool = False) -> dict:
    """One class on a fresh server. ``names``: the figures' names (the 30-student
    classification class's by default). ``ray_running``: the server starts its Ray once warm
    ($PLAYGROUND_RAY_START=server, set by the caller) and the class waits for it to be up."""
    names = names or {"fraction": "classroom_sessions_finished_fraction",
                      "p95": "classroom_p95_click_to_final_s", "rss": "classroom_server_rss_gb"}
    seeds = ([0] * students if lesson.same_settings
             else list(range(FIRST_SEED, FIRST_SEED + students)))
    expected = {s: as_shown(cli_json(s, lesson.page), lesson) for s in set(seeds)}
    # The in-process CLI is the command line's own code; check it once against a real process.
    if as_shown(cli_json_subprocess(seeds[0], lesson.page), lesson) != expected[seeds[0]]:
        raise RuntimeError("python -m core train disagrees with core.__main__.main")
    distinct = len({tuple(v.values()) for v in expected.values()}) == len(set(seeds))

    (ROOT / "artifacts").mkdir(exist_ok=True)
    port = free_port()
    proc = start_server(port)
    try:
        url = f"ws://127.0.0.1:{port}/_stcore/stream"
        asyncio.run(_teacher_opens(url, lesson.page))
        warm_s = wait_until_quiet(proc.pid)  # class starts once the server has warmed up
        if ray_running:
            _wait_for_raylet(proc.pid)
            warm_s += wait_until_quiet(proc.pid)
        rss_before, pss_before = tree_rss_gb(proc.pid), tree_pss_gb(proc.pid)
        load_before = load_average()
        at_go: dict = {}
        with PeakRss(proc.pid, pss=True) as peak:
            result = asyncio.run(_classroom(
                url, seeds,
                on_go=lambda: at_go.update(cpu=tree_cpu_seconds(proc.pid), t=time.perf_counter()),
                page=lesson.page))
            wall = time.perf_counter() - at_go["t"]
        cpu_after = tree_cpu_seconds(proc.pid)
        idle_rss = tree_rss_gb(proc.pid)
        abandoned = asyncio.run(_abandoned_run(url, proc.pid)) if abandon else {}
    finally:
        stop_server(proc)
    load = load_average()

    own = [s for s in result if s.seconds is not None and s.success and s.exception is None
           and all(s.metrics.get(k) == v for k, v in expected[s.seed].items())]
    others = [s for s in result if any(
        all(s.metrics.get(k) == v for k, v in expected[o].items()) for o in set(seeds)
        if o != s.seed)]
    times = [s.seconds if s in own else float(TIMEOUT_S) for s in result]  # failed: the limit
    out = {
        names["fraction"]: len(own) / len(result),
        names["p95"]: percentile(times, 95),
        names["rss"]: peak.peak_gb,
        "details": {
            "students": len(result), "median_click_to_final_s": percentile(times, 50),
            "max_click_to_final_s": max(times), "wall_s": wall,
            "saw_another_students_numbers": len(others), "seeds_give_distinct_numbers": distinct,
            "errors": [f"seed {s.seed}: {s.error or s.exception or s.metrics} {s.seconds} "
                       f"{s.finishes}" for s in result
                       if s not in own][:5],
            "rss_before_class_gb": rss_before, "rss_after_gb": idle_rss,
            "pss_before_class_gb": pss_before, "peak_pss_gb": peak.peak_pss_gb,
            "ray_running": ray_running,
            "abandoned_run": abandoned, "warm_up_wait_s": warm_s,
            # CPU seconds from the clicks to the last final view, all students together: the
            # server's own process (one GIL) and its children (the training workers)
            "server_cpu_s": cpu_after.get(proc.pid, 0.0) - at_go["cpu"].get(proc.pid, 0.0),
            "children_cpu_s": sum(v - at_go["cpu"].get(p, 0.0) for p, v in cpu_after.items()
                                  if p != proc.pid), "load_before": load_before, "load_after": load,
        },
    }
    show(f"{names['fraction']}: sessions finished with own result", out[names["fraction"]],
         f"{len(own)}/{len(result)} on /{lesson.page}; saw another's numbers: {len(others)}")
    show(names["p95"], out[names["p95"]],
         f"median {out['details']['median_click_to_final_s']:.2f} s")
    show(f"{names['rss']} (peak, server + children)", peak.peak_gb,
         f"goal <= 2; load {load_before} -> {load}")
    show("  the same, PSS (shared pages counted once)", peak.peak_pss_gb,
         f"before the class: RSS {rss_before:.2f} GB, PSS {pss_before:.2f} GB"
         f"{'; Ray running' if ray_running else ''}")
    show("  server CPU s (main process / children)", out["details"]["server_cpu_s"],
         f"/ {out['details']['children_cpu_s']:.1f} s in {wall:.1f} s from the clicks")
    if abandoned:
        show("  a left run: server CPU s in the 3 s after",
             abandoned["cpu_s_in_3_s_after_leaving"],
             f"next student's click -> final "
             f"{abandoned['next_click_to_final_s'] or float('nan'):.2f} s"
             f" ({LONG_STEPS}-step run left after 1 s)")
    for line in out["details"]["errors"]:
        print("   ", line)
    return out


def _wait_for_raylet(pid: int, timeout: float = 240.0) -> None:
    """Wait until the server's Ray is up (a raylet among the server's processes)."""
    deadline = time.monotonic() + timeout
    while not any(b"raylet" in _cmdline(p) for p in process_tree(pid)):
        if time.monotonic() > deadline:
            raise RuntimeError(f"the server started no Ray in {timeout:.0f} s")
        time.sleep(1.0)


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def measure_100() -> dict:
    """100 students on /classification, each their own seed, pressing Train at once."""
    return measure(100, CLASSIFICATION, abandon=False, names={
        "fraction": "classroom_100_sessions_finished_fraction",
        "p95": "classroom_100_p95_click_to_final_s", "rss": "classroom_100_server_rss_gb"})


def measure_cnn() -> dict:
    """30 students on /cnn at its defaults at once: one training, shared (ui/shared_runs.py)."""
    return measure(30, CNN, abandon=False, names={
        "fraction": "classroom_cnn_30_sessions_finished_fraction",
        "p95": "classroom_cnn_30_p95_s", "rss": "classroom_cnn_30_server_rss_gb"})


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--students", type=int, default=STUDENTS, help="the first class only")
    parser.add_argument("--lesson", choices=("classification", "classification100", "cnn"),
                        default="classification")
    parser.add_argument("--timeout", type=float, default=TIMEOUT_S,
                        help="seconds after which a session counts as not finished")
    args = parser.parse_args()
    TIMEOUT_S = args.timeout
    {"classification": lambda: measure(args.students), "classification100": measure_100,
     "cnn": measure_cnn}[args.lesson]()
