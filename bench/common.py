"""What every benchmark here shares: paths, the machine's load, timing helpers, process memory.

Absolute times on a shared 2-core machine mean little, so every figure in bench/ is a ratio of
two things measured side by side in the same run, or a time reported with the load average
seen while it was taken.
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PYTHON = sys.executable


def load_average() -> str:
    """The 1, 5 and 15 minute load averages, as `uptime` shows them."""
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def median(values) -> float:
    return float(statistics.median(values))


def seed_script_seconds(name: str) -> float:
    """Wall time of `python bench/seed_<name>.py` headless, what a student waits for."""
    env = dict(os.environ, MPLBACKEND="Agg", OMP_NUM_THREADS="1")
    started = time.perf_counter()
    subprocess.run([PYTHON, str(ROOT / "bench" / f"seed_{name}.py")], cwd=ROOT, env=env,
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


# --------------------------------------------------------------------------- process memory
def _children(pid: int) -> list[int]:
    """Direct children of ``pid`` (from /proc/<pid>/task/*/children)."""
    kids: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            kids.extend(int(k) for k in (task / "children").read_text().split())
        except OSError:
            continue
    return kids


def process_tree(pid: int) -> list[int]:
    """``pid`` and all its descendants."""
    seen, todo = [], [pid]
    while todo:
        p = todo.pop()
        if p in seen:
            continue
        seen.append(p)
        todo.extend(_children(p))
    return seen


def _proc_kib(path: str, field: str) -> int:
    """A "Field:  N kB" line of a /proc file, in bytes; 0 once the process is gone."""
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def rss_bytes(pid: int) -> int:
    """Resident memory (VmRSS) of one process; 0 once it is gone."""
    return _proc_kib(f"/proc/{pid}/status", "VmRSS")


def tree_rss_gb(pid: int) -> float:
    """Resident memory of a server and every process it started (worker pools), in GB."""
    return sum(rss_bytes(p) for p in process_tree(pid)) / 1e9


def pss_bytes(pid: int) -> int:
    """Proportional set size of one process: each page it shares with n processes counts 1/n
    (torch's libraries, mapped by the server and every worker, count once in a tree's sum,
    where RSS counts them in every process); 0 once it is gone."""
    return _proc_kib(f"/proc/{pid}/smaps_rollup", "Pss")


def tree_pss_gb(pid: int) -> float:
    """The memory a server and every process it started really hold together (PSS), in GB."""
    return sum(pss_bytes(p) for p in process_tree(pid)) / 1e9


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used so far (0 once it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime


def tree_cpu_seconds(pid: int) -> dict[int, float]:
    """CPU seconds of a process and each of its descendants, by pid."""
    return {p: cpu_seconds(p) for p in process_tree(pid)}


def wait_until_quiet(pid: int, cpu_per_s: float = 0.1, timeout: float = 120.0) -> float:
    """Wait until a process tree has used less than ``cpu_per_s`` CPU seconds over one second
    (a server done warming up); returns the seconds waited."""
    started = time.perf_counter()
    before = sum(tree_cpu_seconds(pid).values())
    while time.perf_counter() - started < timeout:
        time.sleep(1.0)
        now = sum(tree_cpu_seconds(pid).values())
        if now - before < cpu_per_s:
            break
        before = now
    return time.perf_counter() - started


class PeakRss:
    """Samples a process tree's RSS in a background thread; ``.peak_gb`` is the largest seen.
    With ``pss=True`` also its PSS (slower to read: the kernel walks every mapping), the
    largest in ``.peak_pss_gb``."""

    def __init__(self, pid: int, every: float = 0.25, pss: bool = False):
        import threading

        self.pid, self.every, self.peak_gb = pid, every, 0.0
        self.pss, self.peak_pss_gb = pss, 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _loop(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(self.every)

    def _sample(self) -> None:
        self.peak_gb = max(self.peak_gb, tree_rss_gb(self.pid))
        if self.pss:
            self.peak_pss_gb = max(self.peak_pss_gb, tree_pss_gb(self.pid))

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()


def show(name: str, value, note: str = "") -> None:
    """One figure per line, as `make bench` prints them."""
    text = f"{value:.3f}" if isinstance(value, float) else str(value)
    print(f"{name:<44} {text:>10}  {note}".rstrip(), flush=True)
