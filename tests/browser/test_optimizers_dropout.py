"""Optimizers and Dropout pages in a real browser: train at the course's defaults, look at the
pictures (screenshots in artifacts/screenshots), no exception anywhere."""
import pytest

from tests.browser.conftest import shot, wait_idle

pytestmark = pytest.mark.browser


def train(page) -> None:
    page.get_by_role("button", name="Train", exact=True).click()
    page.wait_for_selector('[data-testid="stAlertContentSuccess"]', timeout=180_000)
    wait_idle(page)
    assert page.locator('[data-testid="stException"]').count() == 0


def test_optimizers_race_and_surface(server_url, page):
    page.goto(f"{server_url}/optimizers")
    wait_idle(page)
    # before training: the data, and the 2-D surface with five paths, already drawn
    assert page.locator('[data-testid="stVegaLiteChart"]').count() >= 2
    shot(page, "en_optimizers_before")
    train(page)
    assert "Finished 384 steps" in page.locator('[data-testid="stAlertContentSuccess"]').inner_text()
    # the race, beside it what each net has learned, and the surface (no second loss chart)
    assert page.locator('[data-testid="stVegaLiteChart"]').count() >= 3
    main = page.locator('[data-testid="stMain"]').inner_text()
    assert "What each network has learned" in main and "Loss curves" not in main
    shot(page, "en_optimizers_trained")


def test_optimizers_rosenbrock(server_url, page):
    page.goto(f"{server_url}/optimizers?lang=zh")
    wait_idle(page)
    box = page.locator('[data-testid="stSelectbox"]').filter(has_text="曲面")
    box.scroll_into_view_if_needed()
    box.locator("input, [role=combobox]").first.click()
    page.get_by_role("option", name="Rosenbrock").click()
    wait_idle(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert "400 步后损失" in page.locator('[data-testid="stMain"]').inner_text()
    page.get_by_text("同样的优化器在二维损失曲面上").scroll_into_view_if_needed()
    page.screenshot(path=str(shot(page, "zh_optimizers_rosenbrock")))  # the surface in view


def test_dropout_trains_and_shows_train_mode(server_url, page):
    page.goto(f"{server_url}/dropout")
    wait_idle(page)
    train(page)
    assert "Finished 500 steps" in page.locator('[data-testid="stAlertContentSuccess"]').inner_text()
    page.get_by_text("Also draw the dropout net in train() mode").click()
    wait_idle(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert "train() vs eval()" in page.locator('[data-testid="stMain"]').inner_text()
    shot(page, "en_dropout_trained")
