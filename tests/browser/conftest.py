"""A real server and Debian's chromium, driven by Playwright (no browser download).

Skipped where chromium is missing, except under CI=true, where a missing browser fails.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def require_chromium() -> str:
    if CHROMIUM:
        return CHROMIUM
    if os.environ.get("CI") == "true":
        pytest.fail("chromium is missing under CI=true: .ci/run must install it")
    pytest.skip("chromium not installed (apt-get install chromium)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int, script: str = "streamlit_app.py", extra: list[str] | None = None):
    env = dict(os.environ, OMP_NUM_THREADS="1", PYTHONUNBUFFERED="1")
    cmd = [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port),
           "--server.headless", "true", "--browser.gatherUsageStats", "false",
           "--server.fileWatcherType", "none", *(extra or [])]
    log = open(ROOT / "artifacts" / f"server_{port}.log", "w")
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.time() + 180
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}; see {log.name}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return proc
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError("streamlit did not become healthy in 180 s")


def stop_server(proc) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()


def launch_browser(playwright):
    return playwright.chromium.launch(executable_path=require_chromium(), headless=True,
                                      args=CHROMIUM_ARGS)


def wait_idle(page, timeout_ms: int = 120_000) -> None:
    """Wait as Streamlit's own suite does: the script finished and the page is drawn."""
    page.wait_for_selector(IDLE, timeout=timeout_ms)
    page.wait_for_timeout(300)  # let the last delta paint
    page.wait_for_selector(IDLE, timeout=timeout_ms)


def click_button(page, label: str, timeout_ms: int = 120_000) -> None:
    """Click a button by its label, waiting for it (a server's first run warms torch up)."""
    button = page.get_by_role("button", name=label, exact=True)
    button.wait_for(timeout=timeout_ms)
    button.click()


def train(page, label: str = "Train", timeout_ms: int = 120_000) -> None:
    """Press Train (or ``label``) and wait until the run's result is on the page."""
    click_button(page, label)
    page.wait_for_selector('[data-testid="stAlertContentSuccess"]', timeout=timeout_ms)
    wait_idle(page)


def shot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.wait_for_timeout(1200)  # lazily loaded widgets (graphviz, number inputs) paint late
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture(scope="session")
def server_url():
    require_chromium()
    (ROOT / "artifacts").mkdir(exist_ok=True)
    port = free_port()
    proc = start_server(port)
    yield f"http://127.0.0.1:{port}"
    stop_server(proc)


@pytest.fixture(scope="session")
def browser():
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch_browser(p)
        yield b
        b.close()


def _page_of_size(browser, width: int, height: int):
    """A page in a browser context of its own, closed after the test."""
    context = browser.new_context(viewport={"width": width, "height": height})
    yield context.new_page()
    context.close()


@pytest.fixture
def page(browser):
    yield from _page_of_size(browser, 1400, 900)


@pytest.fixture
def projector(browser):
    """A page the size of a classroom projector (1280×720)."""
    yield from _page_of_size(browser, 1280, 720)


# A chart drawn on a canvas has no text or marks in the DOM. Its Vega view, found through the
# React component that embedded it (Streamlit keeps the view in a hook's ref), holds the scene
# graph that Vega's canvas renderer paints item by item: the same texts, sizes and places an
# SVG renderer would have written into the DOM.
VEGA_VIEW = """chart => {
  const key = Object.keys(chart).find(k => k.startsWith('__reactFiber$'));
  for (let fiber = chart[key]; fiber; fiber = fiber.return) {
    for (let hook = fiber.memoizedState; hook && typeof hook === 'object' && 'next' in hook;
         hook = hook.next) {
      const view = hook.memoizedState && hook.memoizedState.current;
      if (view && typeof view.scenegraph === 'function') return view;
    }
  }
  return null;
}"""

# [{role, text, size}] of every text item a chart's Vega scene graph paints (axis labels and
# titles, legend labels, the title, text marks), whichever the renderer.
SCENE_TEXTS = """chart => {
  const view = (VEGA_VIEW)(chart);
  const texts = [];
  const walk = node => {
    for (const item of node.items || []) {
      if (node.marktype === 'text' && item.text !== undefined && item.text !== '' &&
          item.opacity !== 0) {
        texts.push({role: node.role, text: [].concat(item.text).join(' '),
                    size: item.fontSize});
      }
      if (item.items) walk(item);
    }
  };
  if (view) walk(view.scenegraph().root);
  return texts;
}""".replace("VEGA_VIEW", VEGA_VIEW)


def scene_texts(chart) -> list[dict]:
    """The texts a chart (a ``stVegaLiteChart`` locator) paints, from its Vega scene graph."""
    return chart.evaluate(SCENE_TEXTS)
