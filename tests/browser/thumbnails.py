"""Regenerate the home page's pictures from the real pages: `python -m tests.browser.thumbnails`.

Starts the app, opens every page (pressing Train where there is one), photographs the page's
first picture and saves a 320×200 thumbnail to ui/thumbnails/<page>.png.
"""
from __future__ import annotations

import io
import sys

from PIL import Image

from tests.browser.conftest import (ROOT, free_port, launch_browser, start_server, stop_server,
                                    wait_idle)
from ui.nav import available

SIZE = (320, 200)
PICTURES = ('[data-testid="stMain"] [data-testid="stVegaLiteChart"], '
            '[data-testid="stMain"] [data-testid="stImage"], '
            '[data-testid="stMain"] [data-testid="stGraphVizChart"]')


def fit(png: bytes) -> Image.Image:
    """Scale to cover SIZE, then crop the centre: every card gets the same shape."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    scale = max(SIZE[0] / image.width, SIZE[1] / image.height)
    image = image.resize((round(image.width * scale), round(image.height * scale)), Image.LANCZOS)
    left, top = (image.width - SIZE[0]) // 2, (image.height - SIZE[1]) // 2
    return image.crop((left, top, left + SIZE[0], top + SIZE[1]))


def main(names: list[str]) -> None:
    from playwright.sync_api import sync_playwright

    (ROOT / "artifacts").mkdir(exist_ok=True)
    out = ROOT / "ui" / "thumbnails"
    out.mkdir(exist_ok=True)
    port = free_port()
    server = start_server(port)
    try:
        with sync_playwright() as p:
            browser = launch_browser(p)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            for entry in available():
                if names and entry.name not in names:
                    continue
                page.goto(f"http://127.0.0.1:{port}/{entry.name}")
                wait_idle(page)
                train = page.get_by_role("button", name="Train", exact=True)
                if train.count() and train.first.is_enabled():
                    train.first.click()
                    page.wait_for_timeout(500)
                    wait_idle(page, timeout_ms=300_000)
                pictures = page.locator(PICTURES)
                if pictures.count() == 0:
                    print(f"{entry.name}: no picture on the page, skipped")
                    continue
                target = pictures.first
                target.scroll_into_view_if_needed()
                fit(target.screenshot()).save(out / f"{entry.name}.png", optimize=True)
                print(f"{entry.name}: saved")
            browser.close()
    finally:
        stop_server(server)


if __name__ == "__main__":
    main(sys.argv[1:])
