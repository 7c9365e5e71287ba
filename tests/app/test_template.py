"""Training template page through AppTest: five parts, per-user checkpoints, download, resume."""
import json
import shutil
from pathlib import Path

import pyarrow as pa
import pytest
import torch

from core import mnist
from core.folders import RUNS_ENV
from core.tasks import template
from core.snapshots import run_to_end
from tests.app.conftest import no_exceptions, open_page, texts

TINY = {"data": "subset", "train_images": "100", "test_images": "40", "batch_size": "25",
        "hidden_size": "20", "epochs": "1"}


@pytest.fixture(autouse=True)
def folders(tmp_path, monkeypatch):
    monkeypatch.setenv(mnist.DATA_ENV, str(tmp_path / "data"))
    monkeypatch.setenv(RUNS_ENV, str(tmp_path / "runs"))
    return tmp_path


def specs(at):
    return [json.dumps(json.loads(c.proto.spec), ensure_ascii=False) for c in at.get("vega_lite_chart")]


def run_folder(at) -> Path:
    """Where the last run wrote (training may happen in a worker process with its own env)."""
    return Path(at.session_state["template.run"].last.extra["folder"])


@pytest.fixture
def cleanup():
    """Folders a run wrote outside tmp_path (a worker started before this test's env)."""
    made = []
    yield made
    for folder in made:
        shutil.rmtree(folder, ignore_errors=True)


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


def test_train_checkpoint_download_and_resume_continue_the_curve(folders, cleanup):
    at = train(open_page("template", query=TINY))
    assert "Trained to epoch 1 in" in at.success[0].value  # epochs, as its axis and slider
    folder = run_folder(at)
    cleanup.append(folder)
    run_id = at.session_state["training.session_number"]
    assert at.session_state["template.run"].cfg.run_id == run_id
    assert folder.name == str(run_id)
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
    # the whole history on the epoch axis: epoch 1 from the checkpoint, 2 and 3 trained
    # (was [2, 3]: curves from epoch 2, a slider over 2-3 beside "3/3")
    assert [s.step for s in run.snapshots] == [1, 2, 3]
    assert at.select_slider(key=f"template.scrub.{run.id}").options == ["1", "2", "3"]
    assert "press **Train**" not in texts(at)  # done: the resume notice is gone
    # the loss curves count epochs, in whole numbers (was "Step" with ticks 0.0, 0.5)
    charts = [c for c in at.get("vega_lite_chart") if "Loss curves" in c.proto.spec]
    curves = [json.loads(c.proto.spec) for c in charts]
    x = curves[0]["layer"][0]["encoding"]["x"]
    assert x["title"] == "Epoch" and x["axis"]["tickMinStep"] == 1
    assert at.metric[0].label == "Epoch" and at.metric[0].value == "3/3"  # was "Step"
    drawn = [pa.ipc.open_stream(d.data.data).read_pandas() for d in charts[0].proto.datasets]
    assert sorted(set(drawn[0]["step"])) == [1, 2, 3]
    history = run.last.extra["history"]
    assert [h["epoch"] for h in history] == [1, 2, 3]
    assert history[0]["train_loss"] == pytest.approx(first_epoch["train_loss"], abs=1e-12)
    assert (folder / "3.pth").is_file()

    # the same three epochs straight, in another folder: the same numbers
    _, straight = run_to_end(template.train(template.TemplateConfig(
        data="subset", train_images=100, test_images=40, batch_size=25, hidden_size=20,
        epochs=3, run_id=7)))
    assert run.last.scalars["train_loss"] == pytest.approx(straight.scalars["train_loss"], abs=1e-6)
    assert any("Per epoch: train loss, test loss, test accuracy" in s for s in specs(at))

    # delete: the files are gone, and nothing is set to resume from them any more
    at.button(key="template.clear").click().run()
    no_exceptions(at)
    assert not folder.exists() and at.session_state["template.resume_epoch"] == 0
    assert "No checkpoint yet" in texts(at)


def test_resume_without_a_checkpoint_is_explained():
    at = open_page("template", query={**TINY, "epochs": "3", "resume_epoch": "2"})
    no_exceptions(at)
    assert "Cannot resume" in at.error[0].value and "no checkpoint file" in at.error[0].value


def test_each_session_has_its_own_folder_even_from_a_shared_link(folders, cleanup):
    a = train(open_page("template", query=TINY))
    cleanup.append(run_folder(a))
    shared = {**TINY, "run_id": str(a.session_state["training.session_number"])}
    b = open_page("template", query=shared)  # a link carrying a's folder number
    assert "No checkpoint yet" in texts(b)  # b does not see a's checkpoints
    train(b)
    cleanup.append(run_folder(b))
    assert run_folder(b) != run_folder(a)
    assert b.session_state["template.run"].cfg.run_id == b.session_state["training.session_number"]


def test_chinese():
    at = open_page("template", lang="zh")
    no_exceptions(at)
    assert "五个部分" in texts(at)


def test_optimizers_are_named_as_on_every_other_page():
    at = open_page("template")
    assert at.selectbox(key="template.optimizer").options == ["SGD", "Adam"]
