"""Cold start: the app's first paint over `streamlit hello`'s, same browser, same run.

For each app: start a fresh server, wait until it answers /_stcore/health, then open it in a new
browser context and time navigation -> first paint, i.e. the page's title (its first ``h1``)
on screen. That is what the first visitor after `make run` waits for; the server's own start
(importing streamlit) is the same for both and is reported apart. `streamlit hello` is run as
the script that command runs (streamlit/hello/streamlit_app.py) through the same helper as the
app. Rounds alternate hello and the app; the figure is the ratio of the medians.

    OMP_NUM_THREADS=1 .venv/bin/python bench/cold_start.py
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script or imported
from bench.common import ROOT, load_average, median, show
from tests.browser.conftest import (IDLE, free_port, launch_browser, start_server, stop_server)

ROUNDS = 2
FIRST_PAINT = '[data-testid="stMain"] h1'


def hello_script() -> str:
    import streamlit.hello

    return str(Path(streamlit.hello.__file__).with_name("streamlit_app.py"))


def first_paint(browser, script: str) -> dict:
    """Fresh server for ``script``; seconds to healthy, to first paint, to the script's end."""
    port = free_port()
    started = time.perf_counter()
    proc = start_server(port, script=script)
    healthy = time.perf_counter() - started
    try:
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        page = context.new_page()
        started = time.perf_counter()
        page.goto(f"http://127.0.0.1:{port}/")
        page.wait_for_selector(FIRST_PAINT, state="visible", timeout=180_000)
        painted = time.perf_counter() - started
        page.wait_for_selector(IDLE, timeout=180_000)
        idle = time.perf_counter() - started
        context.close()
    finally:
        stop_server(proc)
    return {"server_start_s": healthy, "first_paint_s": painted, "script_done_s": idle}


def measure() -> dict:
    from playwright.sync_api import sync_playwright

    (ROOT / "artifacts").mkdir(exist_ok=True)
    load_before = load_average()
    runs: dict[str, list[dict]] = {"hello": [], "app": []}
    with sync_playwright() as p:
        browser = launch_browser(p)
        for _ in range(ROUNDS):
            runs["hello"].append(first_paint(browser, hello_script()))
            runs["app"].append(first_paint(browser, "streamlit_app.py"))
        browser.close()
    load = load_average()
    paint = {k: median(r["first_paint_s"] for r in v) for k, v in runs.items()}
    start = {k: median(r["server_start_s"] for r in v) for k, v in runs.items()}
    ratio = paint["app"] / paint["hello"]
    show("first paint: streamlit hello (s)", paint["hello"], f"server start {start['hello']:.2f} s")
    show("first paint: the app (s)", paint["app"], f"server start {start['app']:.2f} s")
    show("cold_start_vs_streamlit_hello", ratio, f"goal <= 1.2; load {load_before} -> {load}")
    return {"cold_start_vs_streamlit_hello": ratio,
            "details": {"runs": runs, "load_before": load_before, "load_after": load,
                        "with_server_start": (paint["app"] + start["app"])
                        / (paint["hello"] + start["hello"])}}


if __name__ == "__main__":
    measure()
