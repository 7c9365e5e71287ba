"""A scrub step's server time in headless chromium: Classification at its defaults, trained once,
then the step slider clicked at 20 places along its track (one scrub each).

What is timed is the server's rerun: from the message that says the script started
(``new_session``) to the one that says it finished (``script_finished``), as the server sends
them: the page talks to the server through a relay in this process (``bench/websocket_tap.py``)
that notes when each message passes. For comparison, the same measure for a whole-page rerun of
the same page (a click on Stop while nothing trains: every widget and chart redrawn).

The page's own view of the same interval (a websocket listener in the page) is kept in the
details as ``scrub_page_ms``: it was this key's measure until 26 Nov 2026. It also counts the
time the browser's main thread spends drawing the charts of the run's first deltas, during which
the later messages wait in the page: 36-115 ms a scrub, seen with strace on the server, so it
is not the server's time the key names. (Before 25 Nov it read Streamlit's
``data-test-script-state`` marker, which a quick rerun never shows.)

    OMP_NUM_THREADS=1 .venv/bin/python bench/scrub_rerun.py
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script or imported
from bench.common import ROOT, load_average, median, show
from bench.websocket_tap import WebsocketTap
from tests.browser.conftest import free_port, launch_browser, start_server, stop_server, wait_idle

SCRUBS = 20
FULL_RERUNS = 5
SUCCESS = '[data-testid="stAlertContentSuccess"]'
# ForwardMsg field numbers (streamlit/proto/ForwardMsg.proto): what a message from the server is.
NEW_SESSION, SCRIPT_FINISHED = 4, 6
# Before the app's own scripts: every message from the server, as [ms, its top-level field
# numbers], in window.__messages (a protobuf message's fields, read without its schema).
RECORD_MESSAGES = """(() => {
  const fields = (buffer) => {
    const bytes = new Uint8Array(buffer), found = [];
    let i = 0;
    const varint = () => {
      let value = 0, shift = 0, byte;
      do { byte = bytes[i++]; value += (byte & 0x7f) * 2 ** shift; shift += 7; } while (byte & 0x80);
      return value;
    };
    while (i < bytes.length) {
      const tag = varint(), wire = tag & 7;
      found.push(Math.floor(tag / 8));
      if (wire === 0) varint();
      else if (wire === 1) i += 8;
      else if (wire === 2) { const length = varint(); i += length; }
      else if (wire === 5) i += 4;
      else break;
    }
    return found;
  };
  window.__messages = [];
  const Socket = window.WebSocket;
  window.WebSocket = class extends Socket {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (event) => {
        if (event.data instanceof ArrayBuffer)
          window.__messages.push([performance.now(), fields(event.data)]);
      });
    }
  };
})();"""
FINISHED = f"window.__messages.filter(m => m[1].includes({SCRIPT_FINISHED})).length"


def _one_run(page, tap: WebsocketTap, action) -> tuple[float, float]:
    """Do ``action``; return the ms of the script run it caused as the server sent it, and as
    the page received it."""
    before, finished = page.evaluate("window.__messages.length"), page.evaluate(FINISHED)
    sent = len(tap.messages)
    action()
    page.wait_for_function(f"{FINISHED} > {finished}", timeout=60_000)
    wait_idle(page)
    messages = page.evaluate(f"window.__messages.slice({before})")
    started = next(t for t, fields in messages if NEW_SESSION in fields)
    ended = next(t for t, fields in messages if SCRIPT_FINISHED in fields)
    server = tap.messages[sent:]
    sent_started = next(t for t, kind in server if kind == "new_session")
    sent_ended = next(t for t, kind in server if kind == "script_finished")
    return 1000 * (sent_ended - sent_started), ended - started


def measure() -> dict:
    from playwright.sync_api import sync_playwright

    (ROOT / "artifacts").mkdir(exist_ok=True)
    load_before = load_average()
    port = free_port()
    proc = start_server(port)
    tap = WebsocketTap(port)
    try:
        with sync_playwright() as p:
            browser = launch_browser(p)
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.add_init_script(RECORD_MESSAGES)
            page.goto(f"http://127.0.0.1:{tap.port}/classification")
            wait_idle(page)
            page.get_by_role("button", name="Train", exact=True).click()
            page.wait_for_selector(SUCCESS, timeout=300_000)
            wait_idle(page)
            track = page.locator('[data-testid="stMain"] [data-testid="stSlider"]').last
            bar = track.locator('[role="group"] > div').first  # the slider's track
            bar.scroll_into_view_if_needed()
            box = bar.bounding_box()
            y = box["y"] + box["height"] / 2
            places = [box["x"] + box["width"] * (0.95 - 0.9 * i / (SCRUBS - 1))
                      for i in range(SCRUBS)]
            scrubs = [_one_run(page, tap, lambda x=x: page.mouse.click(x, y)) for x in places]
            stop = page.get_by_role("button", name="Stop", exact=True)
            full = [_one_run(page, tap, stop.click) for _ in range(FULL_RERUNS)]
            if page.locator('[data-testid="stException"]').count():
                raise RuntimeError("the page shows an exception after scrubbing")
            browser.close()
    finally:
        tap.close()
        stop_server(proc)
    load = load_average()
    # (server ms, page ms) pairs -> each side's list
    (scrubs, scrubs_page), (full, full_page) = ([list(side) for side in zip(*runs, strict=True)]
                                                for runs in (scrubs, full))
    out = {"scrub_rerun_ms": median(scrubs),
           "details": {"scrub_ms": scrubs, "whole_page_rerun_ms": full,
                       "whole_page_rerun_median_ms": median(full),
                       "scrub_page_ms": scrubs_page, "scrub_page_median_ms": median(scrubs_page),
                       "whole_page_rerun_page_ms": full_page,
                       "load_before": load_before, "load_after": load}}
    show("scrub_rerun_ms (server time per scrub, median)", out["scrub_rerun_ms"], "goal <= 50")
    show("  whole-page rerun of the same page (ms, median)", median(full), f"load {load}")
    show("  scrub as the page received it (ms, median)", median(scrubs_page),
         "the old measure: + the browser drawing")
    return out


if __name__ == "__main__":
    measure()
