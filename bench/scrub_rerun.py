"""A scrub step's server time in headless chromium: Classification at its defaults, trained once,
then the step slider clicked at 20 places along its track (one scrub each).

What is timed is the server's rerun as the browser sees it: from the moment the app reports its script
running (Streamlit's ``data-test-script-state`` marker turns "running") to the moment it reports
it done ("notRunning"), recorded in the page by a MutationObserver, so neither the key press nor
the painting of the charts is counted. For comparison, the same measure for a whole-page rerun
of the same page (a click on Stop while nothing trains: every widget and chart redrawn).

    OMP_NUM_THREADS=1 .venv/bin/python bench/scrub_rerun.py
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script or imported
from bench.common import ROOT, load_average, median, show
from tests.browser.conftest import free_port, launch_browser, start_server, stop_server, wait_idle

SCRUBS = 20
FULL_RERUNS = 5
SUCCESS = '[data-testid="stAlertContentSuccess"]'
# Every script run (whole page or fragment) as the browser sees it, in ms, in window.__runs.
RECORD_RUNS = """() => {
  window.__runs = [];
  const app = document.querySelector('[data-testid="stApp"]');
  let started = null;
  new MutationObserver(() => {
    const state = app.getAttribute('data-test-script-state');
    if (state === 'running' && started === null) started = performance.now();
    else if (state === 'notRunning' && started !== null) {
      window.__runs.push(performance.now() - started);
      started = null;
    }
  }).observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
}"""


def _one_run(page, action) -> float:
    """Do ``action`` and return the ms of the script run it caused."""
    before = page.evaluate("window.__runs.length")
    action()
    page.wait_for_function(f"window.__runs.length > {before}", timeout=60_000)
    wait_idle(page)
    return float(page.evaluate(f"window.__runs[{before}]"))


def measure() -> dict:
    from playwright.sync_api import sync_playwright

    (ROOT / "artifacts").mkdir(exist_ok=True)
    load_before = load_average()
    port = free_port()
    proc = start_server(port)
    try:
        with sync_playwright() as p:
            browser = launch_browser(p)
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(f"http://127.0.0.1:{port}/classification")
            wait_idle(page)
            page.get_by_role("button", name="Train", exact=True).click()
            page.wait_for_selector(SUCCESS, timeout=300_000)
            wait_idle(page)
            page.evaluate(RECORD_RUNS)
            track = page.locator('[data-testid="stMain"] [data-testid="stSlider"]').last
            bar = track.locator('[role="group"] > div').first  # the slider's track
            bar.scroll_into_view_if_needed()
            box = bar.bounding_box()
            y = box["y"] + box["height"] / 2
            places = [box["x"] + box["width"] * (0.95 - 0.9 * i / (SCRUBS - 1))
                      for i in range(SCRUBS)]
            scrubs = [_one_run(page, lambda x=x: page.mouse.click(x, y)) for x in places]
            stop = page.get_by_role("button", name="Stop", exact=True)
            full = [_one_run(page, stop.click) for _ in range(FULL_RERUNS)]
            if page.locator('[data-testid="stException"]').count():
                raise RuntimeError("the page shows an exception after scrubbing")
            browser.close()
    finally:
        stop_server(proc)
    load = load_average()
    out = {"scrub_rerun_ms": median(scrubs),
           "details": {"scrub_ms": scrubs, "whole_page_rerun_ms": full,
                       "whole_page_rerun_median_ms": median(full),
                       "load_before": load_before, "load_after": load}}
    show("scrub_rerun_ms (server time per scrub, median)", out["scrub_rerun_ms"], "goal <= 50")
    show("  whole-page rerun of the same page (ms, median)", median(full), f"load {load}")
    return out


if __name__ == "__main__":
    measure()
