"""Batch training, Quick build and Save & restore in a real browser (screenshots in
artifacts/screenshots), including a malicious .pt dropped on the real file uploader."""
import io
import os

import pytest
import torch

from tests.browser.conftest import shot, wait_idle

pytestmark = pytest.mark.browser


class RunsACommand:
    def __init__(self, command: str) -> None:
        self.command = command

    def __reduce__(self):
        return (os.system, (self.command,))


def train(page) -> None:
    page.get_by_role("button", name="Train", exact=True).click()
    page.wait_for_selector('[data-testid="stAlertContentSuccess"]', timeout=180_000)
    wait_idle(page)
    assert page.locator('[data-testid="stException"]').count() == 0


def test_batch_grid_with_a_smaller_last_batch(server_url, page):
    page.goto(f"{server_url}/batch?batch_size=8")
    wait_idle(page)
    train(page)
    main = page.locator('[data-testid="stMain"]').inner_text()
    assert "2 batches per epoch, sizes [8, 2]" in main
    assert page.locator('[data-testid="stVegaLiteChart"]').count() >= 2  # grid + loss
    shot(page, "en_batch_trained")


def test_quick_build_copy_makes_outputs_identical(server_url, page):
    page.goto(f"{server_url}/quick_build?lang=zh")
    wait_idle(page)
    page.get_by_text("把 net1 的权重复制到 net2").click()
    wait_idle(page)
    assert "输出完全相同" in page.locator('[data-testid="stMain"]').inner_text()
    shot(page, "zh_quick_build_copied")


def test_malicious_upload_is_refused_in_the_browser(server_url, page, tmp_path):
    marker = tmp_path / "pwned"
    buffer = io.BytesIO()
    torch.save(RunsACommand(f"touch {marker}"), buffer)
    evil = tmp_path / "weights.pt"
    evil.write_bytes(buffer.getvalue())

    page.goto(f"{server_url}/save_restore")
    wait_idle(page)
    train(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(evil))
    page.wait_for_selector('[data-testid="stAlertContentError"]', timeout=60_000)
    wait_idle(page)
    error = page.locator('[data-testid="stAlertContentError"]').inner_text()
    assert "Refused" in error and "none of it was executed" in error
    assert not marker.exists()
    assert page.locator('[data-testid="stException"]').count() == 0
    shot(page, "en_save_restore_malicious_upload")
