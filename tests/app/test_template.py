"""Training template page through AppTest: five parts, per-user checkpoints, download, resume."""
import json
from pathlib import Path

import pytest
import torch

from core import mnist
from core.tasks import template
from tests.app.conftest import no_exceptions, open_page, texts

TINY = {"data": "subset", "train_images": "100", "test_images": "40", "batch_size": "25",
        "hidden_size": "20", "epochs": "1"}


@pytest.fixture(autouse=True)
def folders(tmp_path, monkeypatch):
    monkeypatch.setenv(mnist.DATA_ENV, str(tmp_path / "data"))
    monkeypatch.setenv(template.RUNS_ENV, str(tmp_path / "runs"))
    return tmp_path


def specs(at):
    return [json.dumps(json.loads(c.proto.spec), ensure_ascii=False) for c in at.get("vega_lite_chart")]


def session_folder(at, tmp_path) -> Path:
    return tmp_path / "runs" / "template" / "sessions" / at.session_state["template.session_id"]


def train(at):
    at.button(key="template.train").click().run()
    no_exceptions(at)
    return at


def test_five_parts_side_by_side_before_training():
    at = open_page("template")
    no_exceptions(at)
    text = texts(at)
    for title in template.PART_TITLES:
        assert f"**{title}**" in text
    codes = [c.value for c in at.code]
    assert any("class Net(nn.Module)" in c for c in codes)
    assert any("def save_checkpoint" in c and "def load_checkpoint" in c for c in codes)
    assert "No checkpoint yet" in text


def test_train_checkpoint_download_and_resume_continue_the_curve(folders):
    at = train(open_page("template", query=TINY))
    assert "Finished 1 steps" in at.success[0].value
    folder = session_folder(at, folders)
    assert (folder / "1.pth").is_file() and list((folder / "events").iterdir())
    checkpoint = torch.load(folder / "1.pth", weights_only=True)
    assert checkpoint["epoch"] == 1
    assert "Saved after epochs 1" in texts(at)
    download = next(b for b in at.get("download_button") if b.proto.label.startswith("Download checkpoint"))
    assert download.proto.label == "Download checkpoint of epoch 1"
    first_epoch = at.session_state["template.run"].last.scalars

    # Resume: the button sets "resume from 1" and a later end; Train continues the same curve
    at.button(key="template.resume").click().run()
    no_exceptions(at)
    assert at.session_state["template.resume_epoch"] == 1
    assert at.session_state["template.epochs"] == 3
    assert "press **Train**" in texts(at)
    train(at)
    run = at.session_state["template.run"]
    assert [s.step for s in run.snapshots] == [2, 3]
    history = run.last.extra["history"]
    assert [h["epoch"] for h in history] == [1, 2, 3]
    assert history[0]["train_loss"] == pytest.approx(first_epoch["train_loss"], abs=1e-12)
    assert (folder / "3.pth").is_file()

    # the same three epochs straight, in another folder: the same numbers
    with template.using_folder(folders / "straight"):
        from core.snapshots import run_to_end

        _, straight = run_to_end(template.train(template.TemplateConfig(
            data="subset", train_images=100, test_images=40, batch_size=25, hidden_size=20,
            epochs=3)))
    assert run.last.scalars["train_loss"] == pytest.approx(straight.scalars["train_loss"], abs=1e-6)
    assert any("Per epoch: train loss, test loss, test accuracy" in s for s in specs(at))


def test_resume_without_a_checkpoint_is_explained():
    at = open_page("template", query={**TINY, "epochs": "3", "resume_epoch": "2"})
    no_exceptions(at)
    assert "Cannot resume" in at.error[0].value and "no checkpoint file" in at.error[0].value


def test_each_session_has_its_own_folder(folders):
    a = train(open_page("template", query=TINY))
    b = open_page("template", query=TINY)
    assert a.session_state["template.session_id"] != b.session_state["template.session_id"]
    assert "No checkpoint yet" in texts(b)  # b does not see a's checkpoints


def test_chinese():
    at = open_page("template", lang="zh")
    no_exceptions(at)
    assert "五个部分" in texts(at)
