"""Click Train on /classification at the defaults, in headless chromium, until the final chart.

"Final chart drawn" = the success alert is on the page, the script has finished
(Streamlit's own notRunning marker) and every Vega-Lite chart of the page has drawn its marks.

Two figures, both over the course's own matplotlib script (bench/seed_classification.py, run
headless with its plt.pause calls, timed in the same run):

* first click: a freshly started server, the page opened once, then the very first Train click
  (what a class sees first: torch's import and first-call costs must already be paid);
* warm: the same server afterwards, the median of a few clicks, each on a freshly loaded page
  (a new session, so each click starts from "press Train" like a student's first click).

For context (details only): the first click on a second fresh server once it has finished its
one-time warm-up (its processes idle), as when a teacher starts the server before class.

    OMP_NUM_THREADS=1 .venv/bin/python bench/browser_click.py
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script or imported
from bench.common import (ROOT, load_average, median, seed_script_seconds, show,
                          wait_until_quiet)
from tests.browser.conftest import (IDLE, free_port, launch_browser, start_server, stop_server,
                                    wait_idle)

WARM_CLICKS = 3
SUCCESS = '[data-testid="stAlertContentSuccess"]'
# Every chart on the page has drawn its marks (vega-embed renders to canvas or svg).
CHARTS_DRAWN = """() => {
  const charts = [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')];
  return charts.length >= 2 && charts.every(c => c.querySelector('canvas, svg.marks'));
}"""


def click_to_final(page, timeout_ms: int = 180_000) -> float:
    """Seconds from the Train click to the final chart on screen (page already loaded)."""
    button = page.get_by_role("button", name="Train", exact=True)
    button.wait_for()
    started = time.perf_counter()
    button.click()
    page.wait_for_selector(SUCCESS, timeout=timeout_ms)
    page.wait_for_selector(IDLE, timeout=timeout_ms)
    page.wait_for_function(CHARTS_DRAWN, timeout=timeout_ms, polling="raf")
    seconds = time.perf_counter() - started
    if page.locator('[data-testid="stException"]').count():
        raise RuntimeError("the page shows an exception after training")
    return seconds


def open_page(context, url: str):
    page = context.new_page()
    page.goto(f"{url}/classification")
    wait_idle(page)
    return page


def measure(playwright=None, seed_seconds: float | None = None) -> dict:
    from playwright.sync_api import sync_playwright

    (ROOT / "artifacts").mkdir(exist_ok=True)
    if seed_seconds is None:
        seed_seconds = seed_script_seconds("classification")
    port = free_port()
    load_before = load_average()
    proc = start_server(port)
    url = f"http://127.0.0.1:{port}"
    try:
        with sync_playwright() as p:
            browser = launch_browser(p)
            context = browser.new_context(viewport={"width": 1400, "height": 900})
            first = click_to_final(open_page(context, url))
            warm = []
            for _ in range(WARM_CLICKS):
                page = open_page(context, url)
                warm.append(click_to_final(page))
                page.close()
            stop_server(proc)
            port = free_port()  # a second fresh server, clicked once it has warmed up
            proc = start_server(port)
            page = open_page(context, f"http://127.0.0.1:{port}")
            wait_until_quiet(proc.pid)
            first_after_warm_up = click_to_final(page)
            browser.close()
    finally:
        stop_server(proc)
    load = load_average()
    warm_s = median(warm)
    out = {
        "browser_click_to_final_vs_seed_script": warm_s / seed_seconds,
        "first_click_to_final_vs_seed_script": first / seed_seconds,
        "details": {"seed_script_s": seed_seconds, "warm_click_s": warm, "first_click_s": first,
                    "first_click_after_warm_up_s": first_after_warm_up,
                    "load_before": load_before, "load_after": load},
    }
    show("seed classification script, headless (s)", seed_seconds, f"load {load_before}")
    show("browser click -> final, warm (s)", warm_s, f"runs {', '.join(f'{w:.2f}' for w in warm)}")
    show("browser_click_to_final_vs_seed_script", out["browser_click_to_final_vs_seed_script"],
         "goal <= 0.10")
    show("first click on a fresh server -> final (s)", first)
    show("first_click_to_final_vs_seed_script", out["first_click_to_final_vs_seed_script"],
         f"goal <= 0.20; load {load}")
    show("  first click once the fresh server warmed up (s)", first_after_warm_up,
         f"{first_after_warm_up / seed_seconds:.3f} of the script")
    return out


if __name__ == "__main__":
    measure()
