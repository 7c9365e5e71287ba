"""Regression and classification in a real browser: Train, final chart, scrub, both languages."""
import re

import pytest

from tests.browser.conftest import click_button, shot, train, wait_idle

pytestmark = pytest.mark.browser
METRICS = {"classification": 5, "regression": 3}  # the step and the page's metrics, at most


def scrub_to_middle(page, where: float = 0.5):
    track = page.locator('[data-testid="stMain"] [data-testid="stSlider"]').last  # the scrub
    bar = track.locator('[role="group"] > div').first  # the slider's track
    bar.scroll_into_view_if_needed()
    box = bar.bounding_box()
    page.mouse.click(box["x"] + box["width"] * where, box["y"] + box["height"] / 2)
    page.wait_for_timeout(500)
    wait_idle(page)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name, total", [("classification", 100), ("regression", 200)])
def test_train_then_scrub(server_url, page, lang, name, total):
    page.goto(f"{server_url}/{name}" + ("?lang=zh" if lang == "zh" else ""))
    wait_idle(page)
    train_label = "训练" if lang == "zh" else "Train"
    train(page, train_label)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator('[data-testid="stVegaLiteChart"]').count() >= 2  # picture + curves
    step_metric = page.locator('[data-testid="stMetricValue"]').first
    assert step_metric.inner_text().strip() == f"{total}/{total}"  # compact: fits at 1280 px
    shot(page, f"{lang}_{name}_trained")

    charts = page.locator('[data-testid="stVegaLiteChart"]').count()
    scrub_to_middle(page, 0.2)  # the slider's own fragment reruns (ui.training_page._scrub)
    shown = int(re.match(r"(\d+)", step_metric.inner_text().strip()).group(1))
    assert 0.1 * total < shown < 0.3 * total
    scrub_to_middle(page)  # a second scrub redraws in the same places: nothing piles up
    shown = int(re.match(r"(\d+)", step_metric.inner_text().strip()).group(1))
    assert 0.3 * total < shown < 0.7 * total
    assert page.locator('[data-testid="stVegaLiteChart"]').count() == charts
    assert page.locator('[data-testid="stMetric"]').count() <= METRICS[name]  # never piled up
    # what the stage drew around the slider stays: the result, the class board's panel
    assert page.locator('[data-testid="stAlertContentSuccess"]').count() == 1
    assert page.locator('[data-testid="stPageLink"]').count() >= 1
    assert page.locator('[data-testid="stException"]').count() == 0
    shot(page, f"{lang}_{name}_scrubbed")


def test_stop_leaves_a_scrubbable_partial_run(server_url, page):
    # A CNN of 10 epochs (about 5 s each on the embedded subset): Stop lands while it trains on
    # any machine (classification's slowest run, about 6 s, sometimes ended first under load).
    page.goto(f"{server_url}/cnn?data=subset&epochs=10&seed=12")
    wait_idle(page)
    click_button(page, "Train")
    # training, not waiting for a worker (a fresh server's warms up first)
    page.get_by_text(re.compile(r"Step \d+ of \d+")).first.wait_for(timeout=60_000)
    click_button(page, "Stop")
    page.wait_for_selector('[data-testid="stAlertContentWarning"]', timeout=60_000)
    wait_idle(page)
    warning = page.locator('[data-testid="stAlertContentWarning"]').first.inner_text()
    stopped_at, total = map(int, re.search(r"Stopped at step (\d+) of (\d+)", warning).groups())
    assert 1 <= stopped_at < total
    assert page.locator('[data-testid="stMain"] [data-testid="stSlider"]').count() >= 1
    assert page.locator('[data-testid="stException"]').count() == 0
    shot(page, "en_cnn_stopped")


def sidebar_steps(page) -> str:
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_role("tab", name="Training").click()
    return sidebar.get_by_label("Steps", exact=True).input_value()


def test_the_training_area_buttons_in_a_browser(server_url, page):
    """Train, Continue and Open this run are drawn by the training area's fragment (Train
    reruns only it); Continue and Open this run change a setting, so the whole page reruns:
    the sidebar and the link follow."""
    page.goto(f"{server_url}/classification")
    wait_idle(page)
    train(page)
    step_metric = page.locator('[data-testid="stMetricValue"]').first
    assert step_metric.inner_text().strip() == "100/100"
    assert page.get_by_text("Runs of this page in this session: 1.").count() == 1

    click_button(page, "Continue")  # 100 more steps from the run's last weights
    page.wait_for_function("""() => [...document.querySelectorAll('[data-testid="stMetricValue"]')]
        .some(e => e.innerText.trim() === '200/200')""", timeout=120_000)
    wait_idle(page)
    assert sidebar_steps(page) == "200" and "steps=200" in page.url
    assert page.get_by_text("Runs of this page in this session: 2.").count() == 1

    runs = page.get_by_text("Runs of this page in this session: 2.")
    runs.scroll_into_view_if_needed()
    page.get_by_label("Run", exact=True).click()
    page.get_by_role("option", name=re.compile(r"^#1")).click()
    wait_idle(page)
    click_button(page, "Open this run")  # run 1's settings back in the controls
    wait_idle(page)
    assert sidebar_steps(page) == "100" and "steps=200" not in page.url
    assert page.locator('[data-testid="stException"]').count() == 0


def test_train_anyway_trains_ones_own_run(server_url, browser):
    """A second session with the same CNN settings watches the first one's run; "Train
    anyway" (drawn in the result, a fragment inside the training area) trains its own."""
    url = (f"{server_url}/cnn?train_images=60&test_images=20&epochs=1&eval_every=1"
           "&data=subset&seed=7")
    contexts = [browser.new_context(viewport={"width": 1280, "height": 900}) for _ in range(2)]
    try:
        for context in contexts:
            page = context.new_page()
            page.goto(url)
            wait_idle(page)
            train(page)
        shared = "identical run trained on this server"
        assert page.get_by_text(shared).count() == 1  # the second session watched the first's
        click_button(page, "Train anyway")
        page.wait_for_function(f"""() => !document.body.innerText.includes({shared!r})""",
                               timeout=120_000)
        wait_idle(page)
        assert page.locator('[data-testid="stAlertContentSuccess"]').count() == 1
        assert page.get_by_text("Runs of this page in this session: 2.").count() == 1
        assert page.locator('[data-testid="stException"]').count() == 0
    finally:
        for context in contexts:
            context.close()
