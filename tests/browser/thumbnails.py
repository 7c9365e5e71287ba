"""Regenerate the home page's pictures from the real pages: `python -m tests.browser.thumbnails`.

Starts the app, opens every page (pressing Train where there is one), photographs the page's
first picture and saves a 320×200 thumbnail to ui/thumbnails/<lesson>.png (core.catalog.Lesson.thumbnail).
"""
from __future__ import annotations

import io
import sys

from PIL import Image

from tests.browser.conftest import (ROOT, free_port, launch_browser, start_server, stop_server,
                                    wait_idle)
from core.catalog import available

SIZE = (320, 200)
# Trainable lessons are photographed after a run at their defaults, except these, whose run
# takes minutes and whose page already shows its data before training.
PICTURE_BEFORE_TRAINING = {"cnn", "cifar10", "template"}
# The first of these on the page becomes its picture (charts first, then tables and code).
PICTURES = ['[data-testid="stMain"] [data-testid="stVegaLiteChart"]',
            '[data-testid="stMain"] [data-testid="stImage"]',
            '[data-testid="stMain"] [data-testid="stGraphVizChart"]',
            '[data-testid="stMain"] [data-testid="stDataFrame"]',
            '[data-testid="stMain"] [data-testid="stTable"]',
            '[data-testid="stMain"] [data-testid="stCode"]']


def fit(png: bytes) -> Image.Image:
    """Scale to fit inside SIZE on white: every card gets the same shape, nothing cut off."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    image.thumbnail(SIZE, Image.LANCZOS)
    card = Image.new("RGB", SIZE, "white")
    card.paste(image, ((SIZE[0] - image.width) // 2, (SIZE[1] - image.height) // 2))
    return card


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
                train_first = entry.trainable and entry.name not in PICTURE_BEFORE_TRAINING
                if train_first and train.count() and train.first.is_enabled():
                    train.first.click()
                    page.wait_for_selector('[data-testid="stAlertContentSuccess"]',
                                           timeout=300_000)
                    wait_idle(page, timeout_ms=300_000)
                page.wait_for_timeout(3000)  # charts paint after the script is done
                visible = [page.locator(sel).filter(visible=True) for sel in PICTURES]
                found = [loc.first for loc in visible if loc.count()]
                if not found:
                    print(f"{entry.name}: no visible picture on the page, skipped")
                    continue
                found[0].scroll_into_view_if_needed()
                fit(found[0].screenshot()).save(entry.thumbnail, optimize=True)
                print(f"{entry.name}: saved")
            browser.close()
    finally:
        stop_server(server)


if __name__ == "__main__":
    main(sys.argv[1:])
