"""core.tasks.template: checkpoints, resume, TensorBoard event files, the five-part script."""
from __future__ import annotations

import dataclasses
import os

import pytest
import torch

from core import folders, mnist
from core.config import ConfigError
from core.snapshots import run_to_end
from core.tasks import template
from tests.core.test_cnn import imported_modules, run_script

TINY = dict(train_images=100, test_images=40, batch_size=25, hidden_size=20, data="subset")


@pytest.fixture(autouse=True)
def runs(tmp_path, monkeypatch):
    """Checkpoints and events of every test go under tmp_path/template/<run_id>."""
    monkeypatch.setenv(folders.RUNS_ENV, str(tmp_path))


def tiny(**kw) -> template.TemplateConfig:
    return template.TemplateConfig(**{**TINY, "run_id": 1, **kw})


def train(cfg):
    return run_to_end(template.train(cfg))


def folder_of(tmp_path, run_id: int = 1):
    return tmp_path / "template" / str(run_id)


def test_network_shapes_and_normalization():
    model = template.Net()
    assert model(torch.zeros(2, 1, 28, 28)).shape == (2, 10)
    assert model.fc1.in_features == 320 and model.fc1.out_features == 300
    x = template.normalize(mnist.load_subset().train_images)
    # (0.1307, 0.3081) are full MNIST's statistics; the subset's are close to them
    assert abs(x.mean().item()) < 0.05 and abs(x.std().item() - 1) < 0.05


def test_resume_continues_the_same_curve(tmp_path):
    history_a, last_a = train(tiny(epochs=2, run_id=1))

    first = tiny(epochs=1, run_id=2)
    train(first)
    assert os.path.isfile(folder_of(tmp_path, 2) / "1.pth")
    resumed = dataclasses.replace(first, epochs=2, resume_epoch=1)
    history_b, last_b = train(resumed)

    # epoch 1 from the checkpoint, then epoch 2 trained: the run's record starts at epoch 1
    assert [s.step for s in history_b] == [1, 2]
    assert history_b[0].picture == {"checkpoint": str(folder_of(tmp_path, 2) / "1.pth")}
    for key in ("train_loss", "test_loss", "accuracy"):
        assert history_b[0].scalars[key] == pytest.approx(history_a[0].scalars[key], abs=1e-6)
    for key in ("train_loss", "test_loss", "accuracy"):
        assert last_b.scalars[key] == pytest.approx(last_a.scalars[key], abs=1e-6)
    # the resumed run carries the whole curve, epoch 1 included
    assert [row["epoch"] for row in last_b.extra["history"]] == [1, 2]
    assert last_b.extra["history"][0]["train_loss"] == pytest.approx(
        history_a[0].scalars["train_loss"], abs=1e-6)
    # and the final weights agree
    wa = torch.load(folder_of(tmp_path, 1) / "2.pth", weights_only=True)["model_state_dict"]
    wb = torch.load(folder_of(tmp_path, 2) / "2.pth", weights_only=True)["model_state_dict"]
    for name in wa:
        torch.testing.assert_close(wa[name], wb[name], atol=1e-6, rtol=0)


def test_checkpoint_holds_the_course_keys(tmp_path):
    _, last = train(tiny(epochs=1, optimizer="adam", lr=0.001))
    assert last.picture["checkpoint"] == str(folder_of(tmp_path) / "1.pth")
    checkpoint = torch.load(last.picture["checkpoint"], weights_only=True)
    assert {"model_state_dict", "optimizer_state_dict", "epoch"} <= set(checkpoint)
    assert checkpoint["epoch"] == 1
    assert checkpoint["optimizer_state_dict"]["param_groups"][0]["lr"] == 0.001
    assert "exp_avg" in checkpoint["optimizer_state_dict"]["state"][0]  # Adam's moments saved


def test_event_files_hold_the_logged_scalars(tmp_path):
    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

    history, _ = train(tiny(epochs=2))
    events = EventAccumulator(str(folder_of(tmp_path) / "events"))
    events.Reload()
    assert {"train_loss", "test_loss", "accuracy"} <= set(events.Tags()["scalars"])
    for key in ("train_loss", "test_loss", "accuracy"):
        logged = events.Scalars(key)
        assert [e.step for e in logged] == [1, 2]
        # event files store float32
        assert [e.value for e in logged] == pytest.approx([s.scalars[key] for s in history], rel=1e-6)


def test_bad_resume_files_say_what_is_wrong(tmp_path):
    with pytest.raises(ConfigError, match="no checkpoint file"):
        train(tiny(epochs=3, resume_epoch=2))
    folder_of(tmp_path).mkdir(parents=True)
    (folder_of(tmp_path) / "2.pth").write_bytes(b"not a checkpoint")
    with pytest.raises(ConfigError, match="not a readable checkpoint"):
        train(tiny(epochs=3, resume_epoch=2))
    torch.save({"weights": torch.zeros(3)}, folder_of(tmp_path) / "2.pth")
    with pytest.raises(ConfigError, match="not a checkpoint"):
        train(tiny(epochs=3, resume_epoch=2))
    # a checkpoint of a wider network does not fit
    train(tiny(epochs=1))
    with pytest.raises(ConfigError, match="does not fit.*size mismatch"):
        train(tiny(epochs=2, hidden_size=30, resume_epoch=1))
    with pytest.raises(ConfigError, match="must be below epochs"):
        from core.config import validate

        validate(tiny(epochs=1, resume_epoch=1))


def test_folder_is_a_function_of_the_settings(tmp_path):
    assert template.checkpoint_folder(template.TemplateConfig()) == str(tmp_path / "template")
    assert template.checkpoint_folder(tiny(run_id=42)) == str(tmp_path / "template" / "42")


def test_divergence_is_reported(tmp_path, monkeypatch):
    data = mnist.load_subset().limited(50, 20)
    poisoned = data.train_images.clone()
    poisoned[7] = float("inf")  # one bad digit: inf - inf inside the network gives NaN
    bad = mnist.MnistData(poisoned, data.train_labels, data.test_images, data.test_labels,
                          data.source, data.location)
    monkeypatch.setattr(template, "load_digits", lambda *a: bad)
    history, last = train(tiny(epochs=3))
    assert len(history) == 1 and last.divergence is not None
    assert last.divergence.step == 1 and last.divergence.quantity == "loss"
    assert not os.path.exists(folder_of(tmp_path) / "1.pth")  # no broken checkpoint


def test_generated_script_in_five_parts_reproduces_final_loss(tmp_path, monkeypatch):
    cfg = tiny(epochs=2)
    _, last = train(cfg)
    assert imported_modules(template.code(cfg)) == {"math", "os", "numpy", "torch", "mlxtend"}
    parts = template.code_parts(cfg)
    assert [title for title, _ in parts] == list(template.PART_TITLES)
    monkeypatch.chdir(tmp_path)  # the script writes ./checkpoints, as the course's does
    out = run_script(template.code(cfg), tmp_path)
    final = out.strip().splitlines()[-1]
    assert float(final.split()[1]) == pytest.approx(last.scalars["train_loss"], abs=1e-6)
    assert os.path.isfile(tmp_path / "checkpoints" / "2.pth")
    # and it resumes like the page: from epoch 1 to 2 gives the same final loss
    resumed = run_script(template.code(dataclasses.replace(cfg, resume_epoch=1)), tmp_path)
    assert "resumed from" in resumed
    assert float(resumed.strip().splitlines()[-1].split()[1]) == pytest.approx(
        last.scalars["train_loss"], abs=1e-6)


def test_cli_trains_resumes_and_refuses_a_missing_checkpoint(tmp_path, monkeypatch, capsys):
    import json

    from core.__main__ import main

    flags = ["--train-images", "60", "--test-images", "20", "--hidden-size", "10", "--data", "subset"]
    assert main(["train", "template", "--epochs", "1", *flags, "--json"]) == 0
    first = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert first["checkpoint"] == str(tmp_path / "template" / "1.pth")
    assert first["dataset"]["source"] == "subset" and "accuracy" in first
    assert main(["train", "template", "--epochs", "2", "--resume-epoch", "1", *flags, "--json"]) == 0
    out = capsys.readouterr().out
    assert "epoch 1:" in out and "epoch 2:" in out  # the report lists the whole curve
    with pytest.raises(SystemExit) as exit_info:
        main(["train", "template", "--epochs", "5", "--resume-epoch", "4", *flags])
    assert exit_info.value.code == 2 and "no checkpoint file" in capsys.readouterr().err
