"""A 3x3 sweep in a real browser on a server that started Ray by itself: the heat map fills
and a clicked cell opens its run, and so does a clicked line of the parallel coordinates; then
two runs compared side by side. The server (and the Ray
it starts) runs in its own process group, killed at the end even when the test fails."""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from tests.browser.conftest import (ROOT, SCREENSHOTS, click_button, free_port, require_chromium,
                                    shot, train, wait_idle)
from tests.conftest import stop_process_group

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def sweep_server():
    require_chromium()
    (ROOT / "artifacts").mkdir(exist_ok=True)
    port = free_port()
    # Ray's sockets and logs in a folder of our own: nothing else on the machine touches it.
    ray_tmp = tempfile.mkdtemp(prefix="rpg-", dir="/tmp")
    # The server starts Ray in the background once it is warm (PLAYGROUND_RAY_START=server).
    env = dict(os.environ, OMP_NUM_THREADS="1", PYTHONUNBUFFERED="1", RAY_TMPDIR=ray_tmp,
               PLAYGROUND_RAY_START="server")
    env.pop("RAY_ADDRESS", None)
    log = open(ROOT / "artifacts" / f"server_{port}.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "streamlit_app.py", "--server.port",
         str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.time() + 180
        while True:
            assert proc.poll() is None, f"streamlit exited; see {log.name}"
            assert time.time() < deadline, "streamlit did not become healthy in 180 s"
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health",
                                            timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                time.sleep(0.3)
        yield f"http://127.0.0.1:{port}", proc.pid
    finally:
        stop_process_group(proc, timeout=20)  # the process, then anything Ray left
        log.close()
        shutil.rmtree(ray_tmp, ignore_errors=True)


def raylet_running(group: int) -> bool:
    """Is a Ray raylet running in this process group (the server's)?"""
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and os.getpgid(int(entry.name)) == group and \
                    b"raylet" in (entry / "cmdline").read_bytes():
                return True
        except (OSError, ProcessLookupError):
            continue  # ended meanwhile
    return False


def fill(where, label: str, text: str) -> None:
    box = where.get_by_label(label, exact=True)
    box.fill(text)
    box.press("Enter")
    page = where.page if hasattr(where, "page") else where
    page.wait_for_timeout(300)
    wait_idle(page)


def test_three_by_three_sweep_fills_the_heat_map(sweep_server, page):
    url, group = sweep_server
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{url}/classification?steps=40&dataset=moons")
    wait_idle(page)
    # The server started Ray by itself once warm, before anyone asked for a sweep.
    deadline = time.monotonic() + 180
    while not raylet_running(group):
        assert time.monotonic() < deadline, "the server did not start Ray in the background"
        time.sleep(1)
    toggle = page.get_by_text("Sweep mode: train every combination", exact=False)
    toggle.wait_for(timeout=180_000)  # a fresh server's first page warms torch up
    toggle.click()
    wait_idle(page)
    fill(page, "Values of Learning rate", "0.02,0.2,2")
    fill(page, "Values of Hidden units per layer", "2,8,32")
    assert page.get_by_text("9 runs on Ray").count() == 1
    click_button(page, "Run sweep")
    page.get_by_text("9 / 9 runs").wait_for(timeout=400_000)
    wait_idle(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.get_by_text("Best so far: run #").count() == 1
    # The heat map (keyed classification.sweep_chart: Streamlit marks the keyed element's
    # container st-key-<key>, other characters than [a-zA-Z0-9_-] as "-") is drawn.
    heat_map = page.locator('[class~="st-key-classification-sweep_chart"]')
    # Vega's SVG: the first layer of rects holds the cells, one path each, labelled.
    cells = heat_map.locator("g.mark-rect").first.locator("path[aria-label]")
    assert cells.count() == 9, "the heat map is not drawn"
    # Every run as a line across parallel axes (learning rate, hidden, final loss).
    parallel = page.locator('[class~="st-key-classification-sweep_chart-all"]')
    assert parallel.locator("g.mark-line path").count() == 9
    heat_map.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    heat_map.screenshot(path=str(SCREENSHOTS / "en_classification_sweep_heatmap.png"))
    # Click the cell lr 0.2, hidden 8 (a corner of it: its figure is written in the middle).
    cell = cells.and_(page.locator(
        '[aria-label^="Learning rate 0.2, Hidden units per layer 8: "]'))
    assert cell.count() == 1
    cell.scroll_into_view_if_needed()
    box = cell.bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.2, box["y"] + box["height"] * 0.2)
    assert_run_opened(page, hidden=8, lr=0.2, lr_text=r"0\.2",
                      shot_name="en_classification_sweep_opened")

    # The parallel coordinates: clicking the line of lr 2, hidden 32 opens that run.
    line = parallel.locator("g.mark-line path").and_(page.locator(
        '[aria-label*=": Learning rate 2"][aria-label*=", Hidden units per layer 32: "]'))
    assert line.count() == 1, "every line says which run it is"
    line.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    where = point_on_top(line)
    assert where is not None, "no point of the line is clear of the other lines"
    page.mouse.click(where["x"], where["y"])
    assert_run_opened(page, hidden=32, lr=2.0, lr_text=r"2(\.0)?",
                      shot_name="en_classification_sweep_line_opened")


def assert_run_opened(page, *, hidden: int, lr: float, lr_text: str, shot_name: str) -> None:
    """A clicked sweep run (a heat-map cell or a parallel-coordinates line) is on the page: the
    message names it, and its settings are in the URL and in the controls."""
    try:
        page.get_by_text(re.compile(rf"Run #\d+ \(hidden {hidden}, lr {lr_text}, steps 40, "
                                    r"dataset moons\) is back in the settings")
                         ).wait_for(timeout=60_000)
    finally:
        shot(page, shot_name)
    wait_idle(page)
    query = parse_qs(urlparse(page.url).query)
    assert float(query["lr"][0]) == lr and query["hidden"] == [str(hidden)]
    assert query["steps"] == ["40"]
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_role("tab", name="Network").click()
    assert sidebar.get_by_label("Hidden units per layer", exact=True).input_value() == str(hidden)
    sidebar.get_by_role("tab", name="Training").click()
    assert float(sidebar.get_by_role("slider", name="Learning rate").get_attribute(
        "aria-valuetext")) == lr
    assert page.locator('[data-testid="stException"]').count() == 0


def point_on_top(line) -> dict | None:
    """A point of an SVG line, in the page's coordinates, where that line is the topmost
    element (lines cross at the axes: a click there could land on another run's line)."""
    return line.evaluate("""el => {
        const m = el.getScreenCTM(), n = el.getTotalLength();
        for (let i = 1; i < 60; i++) {
            const p = el.getPointAtLength(n * i / 60);
            const x = m.a * p.x + m.c * p.y + m.e, y = m.b * p.x + m.d * p.y + m.f;
            if (document.elementFromPoint(x, y) === el) return {x, y};
        }
        return null;
    }""")


def test_two_runs_compared_side_by_side(sweep_server, page):
    url, _ = sweep_server
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{url}/classification?dataset=moons&hidden=4")
    wait_idle(page)
    train(page)
    # A second run in the same session: 32 hidden units.
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_role("tab", name="Network").click()
    fill(sidebar, "Hidden units per layer", "32")
    click_button(page, "Train")
    page.get_by_text("Compare two runs").wait_for(timeout=120_000)
    wait_idle(page)
    assert page.get_by_text("Differences only").count() == 1
    assert "hidden=32" in page.url
    # The comparison at the top of the window: A and B, the step slider, both pictures.
    page.get_by_text("Compare two runs").evaluate("e => e.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(1000)
    shot(page, "en_classification_compare")
