"""Your own data in a real browser: clicks on the plane add and remove points, an uploaded CSV
trains, and a digit drawn with the mouse on the CNN page gets its probabilities."""
import itertools
import os
import re
import time

import numpy as np
import pandas as pd
import pytest

from tests.browser.conftest import click_button, shot, train, wait_idle

pytestmark = pytest.mark.browser
DRAWN = re.compile(r"(\d+) points drawn")


def drawn_count(page) -> int:
    text = page.get_by_text(DRAWN).first.inner_text()
    return int(DRAWN.search(text).group(1))


def plane_box(page):
    """The drawing chart's plot area (Vega draws the axes left and below it)."""
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    chart.scroll_into_view_if_needed()
    return chart.bounding_box()


def click_plane(page, fx: float, fy: float) -> None:
    """Click at a fraction (fx, fy) of the plot area: 0,0 top left."""
    box = plane_box(page)
    # inside the plot area: right of the y axis (~60 px), above the x axis and legend (~90 px)
    x0, x1 = box["x"] + 60, box["x"] + box["width"] - 10
    y0, y1 = box["y"] + 10, box["y"] + box["height"] - 90
    page.mouse.click(x0 + fx * (x1 - x0), y0 + fy * (y1 - y0))
    page.wait_for_timeout(400)
    wait_idle(page)


def test_clicks_add_and_remove_points_then_train(server_url, page):
    page.goto(f"{server_url}/classification")
    wait_idle(page)
    page.get_by_text("Draw", exact=True).click(timeout=120_000)  # a fresh server warms up
    wait_idle(page)
    assert drawn_count(page) == 0
    for n, (fx, fy) in enumerate([(0.2, 0.2), (0.3, 0.25), (0.25, 0.35)], start=1):
        click_plane(page, fx, fy)
        assert drawn_count(page) == n
    page.get_by_text("class 1", exact=True).click()
    wait_idle(page)
    for n, (fx, fy) in enumerate([(0.75, 0.7), (0.8, 0.8), (0.7, 0.82)], start=4):
        click_plane(page, fx, fy)
        assert drawn_count(page) == n
    click_plane(page, 0.8, 0.8)  # on a point: removes it
    assert drawn_count(page) == 5
    click_button(page, "Undo")
    wait_idle(page)
    assert drawn_count(page) == 6
    train(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert "Finished" in page.locator('[data-testid="stAlertContentSuccess"]').last.inner_text()
    page.set_viewport_size({"width": 1280, "height": 720})
    page.get_by_text("Click on the plane").first.evaluate("e => e.scrollIntoView({block: 'start'})")
    shot(page, "en_classification_drawn")  # the README's picture of a drawn dataset


def test_upload_then_train_and_time_it(server_url, page, tmp_path):
    rng = np.random.default_rng(0)
    x = rng.normal(size=(300, 2)) * [2, 1] + [20, -3]
    frame = pd.DataFrame({"长": x[:, 0], "宽": x[:, 1],
                          "种类": np.where(x[:, 0] - 20 > x[:, 1] + 3, "猫", "狗")})
    path = tmp_path / "animals.csv"
    path.write_bytes(frame.to_csv(index=False, sep=";").encode("utf-8-sig"))
    page.goto(f"{server_url}/classification")
    wait_idle(page)
    page.get_by_text("Upload CSV", exact=True).click(timeout=120_000)
    wait_idle(page)
    started = time.perf_counter()
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(path))
    page.get_by_text("Read 300 points of 2 classes").wait_for(timeout=60_000)
    wait_idle(page)
    read = time.perf_counter() - started
    click_button(page, "Train")
    page.wait_for_selector('[data-testid="stProgress"], [data-testid="stAlertContentSuccess"]',
                           timeout=120_000)
    first_frame = time.perf_counter() - started
    page.wait_for_selector('[data-testid="stAlertContentSuccess"] >> text=Finished',
                           timeout=120_000)
    wait_idle(page)
    final = time.perf_counter() - started
    assert page.locator('[data-testid="stException"]').count() == 0
    with open("/proc/loadavg") as f:
        load = f.read().split()[:3]
    print(f"\nupload -> points read {read:.2f} s, -> first training frame {first_frame:.2f} s, "
          f"-> final boundary {final:.2f} s (includes the Train click); load {' '.join(load)}")
    report = os.environ.get("OWN_DATA_TIMING")
    if report:
        with open(report, "a") as f:
            f.write(f"{read:.2f} {first_frame:.2f} {final:.2f} {' '.join(load)}\n")
    shot(page, "en_classification_uploaded")


@pytest.mark.parametrize("lesson", ["cnn", "lstm"])
def test_draw_a_digit(server_url, page, lesson):
    page.goto(f"{server_url}/{lesson}?epochs=1&train_images=1000&test_images=200")
    wait_idle(page)
    train(page, timeout_ms=240_000)
    canvas = page.locator('[data-testid="stBidiComponentIsolated"] canvas').last
    canvas.scroll_into_view_if_needed()
    page.get_by_text("Draw a digit on the black square.").wait_for(timeout=30_000)
    charts_before = page.locator('[data-testid="stVegaLiteChart"]').count()
    box = canvas.bounding_box()
    # a "7": the top bar, then the diagonal, one stroke with the mouse
    points = [(0.25, 0.2), (0.75, 0.2), (0.45, 0.85)]
    page.mouse.move(box["x"] + points[0][0] * box["width"], box["y"] + points[0][1] * box["height"])
    page.mouse.down()
    for (ax, ay), (bx, by) in itertools.pairwise(points):
        for k in range(1, 13):
            f = k / 12
            page.mouse.move(box["x"] + (ax + f * (bx - ax)) * box["width"],
                            box["y"] + (ay + f * (by - ay)) * box["height"])
    page.mouse.up()
    page.get_by_text("what the network sees (28x28)").wait_for(timeout=60_000)
    wait_idle(page)
    assert page.get_by_text("Draw a digit on the black square.").count() == 0
    if lesson == "cnn":
        assert page.get_by_text(re.compile(r"first-layer filters that respond most")).count() == 1
    charts = page.locator('[data-testid="stVegaLiteChart"]').count()
    assert charts == charts_before + (1 if lesson == "cnn" else 2)  # probabilities (, by row)
    assert page.locator('[data-testid="stException"]').count() == 0
    page.set_viewport_size({"width": 1280, "height": 720})
    page.get_by_text("Draw a digit", exact=True).scroll_into_view_if_needed()
    shot(page, f"en_{lesson}_drawn_digit")  # the README's picture of a drawn digit (CNN)
    click_button(page, "Clear the drawing")
    page.get_by_text("Draw a digit on the black square.").wait_for(timeout=60_000)
