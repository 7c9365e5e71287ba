"""A run lives in its worker, not in the script run that draws it (issue 12, defect 12): a click
while training (a view toggle, a setting) redraws the page and the run goes on (Stop: test_training.py;
leaving the page: tests/ui/test_training_page.py)."""
import re

import pytest

from tests.browser.conftest import click_button, wait_idle

pytestmark = pytest.mark.browser
# several seconds even when idle; its own seed: no identical run of another test to share
SLOW = "steps=5000&batch_size=1&hidden=64,64,64,64,64,64&seed=11"
PROGRESS = '[data-testid="stProgress"]'


def test_a_click_while_training_does_not_end_the_run(server_url, page):
    page.goto(f"{server_url}/classification?{SLOW}")
    wait_idle(page)
    click_button(page, "Train")
    # training, not waiting for a worker (a fresh server's warms up first)
    page.get_by_text(re.compile(r"Step \d+ of 5000")).first.wait_for(timeout=60_000)
    # the curves' log toggle, then the picture's "discretize": each a fragment rerun
    page.get_by_text("Log scale", exact=True).click()
    page.wait_for_timeout(400)
    page.get_by_text("Discretize output", exact=True).click()
    page.wait_for_timeout(400)
    # and a setting in the sidebar: a rerun of the whole page, the run still goes on
    page.locator('[data-testid="stSidebar"] [data-testid="stNumberInputStepUp"]').first.click()
    page.wait_for_selector(PROGRESS, timeout=60_000)  # drawn on: the run was re-attached
    page.wait_for_selector('[data-testid="stAlertContentSuccess"]', timeout=240_000)
    wait_idle(page)
    success = page.locator('[data-testid="stAlertContentSuccess"]').first.inner_text()
    assert "Finished 5000 steps" in success
    assert page.locator('[data-testid="stAlertContentWarning"]').filter(
        has_text="Stopped at step").count() == 0
    assert page.locator('[data-testid="stException"]').count() == 0

