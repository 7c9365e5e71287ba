"""A 3x3 sweep in a real browser: the heat map fills, a cell opens its run; then two runs
compared side by side. The server (and the Ray it starts) runs in its own process group,
killed at the end even when the test fails."""
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

import pytest

from tests.browser.conftest import ROOT, click_button, free_port, require_chromium, shot, wait_idle

pytestmark = pytest.mark.browser
DOCS = ROOT / "docs"


@pytest.fixture(scope="module")
def sweep_server():
    require_chromium()
    (ROOT / "artifacts").mkdir(exist_ok=True)
    port = free_port()
    # Ray's sockets and logs in a folder of our own: nothing else on the machine touches it.
    ray_tmp = tempfile.mkdtemp(prefix="rpg-", dir="/tmp")
    env = dict(os.environ, OMP_NUM_THREADS="1", PYTHONUNBUFFERED="1", RAY_TMPDIR=ray_tmp)
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
        yield f"http://127.0.0.1:{port}"
    finally:
        for sig in (signal.SIGTERM, signal.SIGKILL):  # the server, then anything Ray left
            try:
                os.killpg(proc.pid, sig)
            except ProcessLookupError:
                break
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                pass
        log.close()
        shutil.rmtree(ray_tmp, ignore_errors=True)


def fill(where, label: str, text: str) -> None:
    box = where.get_by_label(label, exact=True)
    box.fill(text)
    box.press("Enter")
    page = where.page if hasattr(where, "page") else where
    page.wait_for_timeout(300)
    wait_idle(page)


def test_three_by_three_sweep_fills_and_a_cell_opens(sweep_server, page):
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{sweep_server}/classification?steps=40&dataset=moons")
    wait_idle(page)
    page.get_by_text("Sweep mode: train every combination", exact=False).click()
    wait_idle(page)
    fill(page, "Values of Learning rate", "0.02,0.2,2")
    fill(page, "Values of Hidden units per layer", "2,8,32")
    assert page.get_by_text("9 runs on").count() == 1
    click_button(page, "Run sweep")
    page.get_by_text("9 / 9 runs").wait_for(timeout=400_000)
    wait_idle(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.get_by_text("Best so far: run #").count() == 1
    heat = page.locator('[data-testid="stVegaLiteChart"]').filter(
        has=page.locator("canvas, svg")).nth(-2)  # the heat map; the last is every run's point
    heat.scroll_into_view_if_needed()
    page.wait_for_timeout(800)
    heat.screenshot(path=str(DOCS / "sweep_heatmap.png"))
    shot(page, "en_classification_sweep")
    # The middle cell (lr 0.2, hidden 8): the plot spans about 7-89 % of the chart's width
    # (axis on the left, colour legend on the right) and 0-82 % of its height (axis below).
    box = heat.bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.48, box["y"] + box["height"] * 0.41)
    page.get_by_text("is back in the settings").wait_for(timeout=120_000)
    wait_idle(page)
    assert "lr=" in page.url or "hidden=" in page.url
    assert page.locator('[data-testid="stException"]').count() == 0


def test_two_runs_compared_side_by_side(sweep_server, page):
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{sweep_server}/classification?dataset=moons&hidden=4")
    wait_idle(page)
    click_button(page, "Train")
    page.wait_for_selector('[data-testid="stAlertContentSuccess"]', timeout=120_000)
    wait_idle(page)
    # A second run in the same session: 32 hidden units.
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_role("tab", name="Network").click()
    fill(sidebar, "Hidden units per layer", "32")
    click_button(page, "Train")
    page.get_by_text("Compare two runs").wait_for(timeout=120_000)
    wait_idle(page)
    assert page.get_by_text("Differences only").count() == 1
    assert "hidden=32" in page.url
    heading = page.get_by_text("Compare two runs")
    heading.scroll_into_view_if_needed()
    page.wait_for_timeout(1000)
    shot(page, "en_classification_compare")
    top = heading.bounding_box()["y"]
    page.screenshot(path=str(DOCS / "runs_compare.png"),
                    clip={"x": 0, "y": max(top - 10, 0), "width": 1280, "height": 710})
