"""CIFAR-10 (core.cifar, core.tasks.cifar10) on small files written in the real format.

Nothing is downloaded: cifar_files.write_cifar10 writes the seven pickled batches of the
official archive's layout, and torchvision's own CIFAR10 code reads them through core.cifar.
"""
from __future__ import annotations

import hashlib
import math
import pickle
import runpy
from pathlib import Path

import numpy as np
import pytest
import torch
from torch import nn

from core import cifar, folders, mnist
from core.__main__ import main as cli_main
from core.registry import TaskUnavailable
from core.snapshots import run_to_end
from core.tasks import cifar10
from core.tasks.cifar10 import Cifar10Config

from tests.core.cifar_files import NAMES, write_cifar10


@pytest.fixture(autouse=True, scope="module")
def one_thread():
    """Two threads fighting over shared cores make these tiny convolutions ~10x slower."""
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


@pytest.fixture
def data_folder(tmp_path, monkeypatch):
    written = write_cifar10(tmp_path, per_batch=20, n_test=30)
    monkeypatch.setenv("PLAYGROUND_DATA", str(tmp_path))
    return tmp_path, written


@pytest.fixture
def no_data(tmp_path, monkeypatch):
    monkeypatch.setenv("PLAYGROUND_DATA", str(tmp_path / "empty"))
    return tmp_path / "empty"


# --- data --------------------------------------------------------------------------------

def test_without_data_the_task_is_unavailable_with_one_line(no_data, capsys):
    assert cifar.missing_files() == list(cifar.FILES)
    with pytest.raises(TaskUnavailable) as err:
        cifar.load()
    message = str(err.value)
    assert "\n" not in message and str(no_data) in message and cifar.URL in message
    with pytest.raises(SystemExit) as exit_:
        cli_main(["train", "cifar10"])
    assert exit_.value.code == 2
    assert capsys.readouterr().err.strip() == f"error: {message}"


def test_data_folder_defaults_to_data_under_the_repo(monkeypatch):
    monkeypatch.delenv("PLAYGROUND_DATA", raising=False)
    assert cifar.data_dir() == folders.REPO_ROOT / "data"
    monkeypatch.setenv("PLAYGROUND_DATA", "/somewhere/else")
    assert str(cifar.data_dir()) == "/somewhere/else"
    assert cifar.data_dir is mnist.data_dir is folders.data_dir  # one data folder for both


def test_runs_folder_defaults_to_runs_under_the_repo(monkeypatch):
    monkeypatch.delenv(folders.RUNS_ENV, raising=False)
    assert folders.runs_dir() == folders.REPO_ROOT / "runs"
    monkeypatch.setenv(folders.RUNS_ENV, "~/elsewhere")
    assert folders.runs_dir() == Path("~/elsewhere").expanduser()


def test_download_offline_says_so_and_does_not_wait(no_data, monkeypatch):
    def unreachable(address, timeout):
        raise OSError("network is unreachable")

    monkeypatch.setattr(cifar.socket, "create_connection", unreachable)
    ok, message = cifar.download()
    assert not ok and message.startswith("This machine is offline.") and cifar.URL in message
    assert not no_data.exists()  # nothing was created


def test_download_with_data_present_does_nothing(data_folder):
    ok, message = cifar.download()
    assert ok and "already" in message


def test_torchvision_reads_the_written_batches(data_folder):
    root, written = data_folder
    data = cifar.load()
    assert (data.n_train, data.n_test) == (100, 30)
    assert data.classes == tuple(NAMES) and not data.official
    # torchvision turned the R/G/B planes back into height x width x channel images
    np.testing.assert_array_equal(data.train.data, written["train_images"])
    assert list(data.train.targets) == written["train_labels"].tolist()
    np.testing.assert_array_equal(data.test.data, written["test_images"])
    # the course's transform: CHW float, (x / 255 - 0.5) / 0.5, computed here with NumPy
    image, label = data.test[7]
    expected = (written["test_images"][7].transpose(2, 0, 1) / 255.0 - 0.5) / 0.5
    assert image.shape == (3, 32, 32) and label == written["test_labels"][7]
    np.testing.assert_allclose(image.numpy(), expected, atol=1e-6)


def test_plain_torchvision_refuses_these_files_and_why(data_folder):
    """torchvision's CIFAR10 compares md5s with the official archive: our small files fail it,
    which is why core.cifar reads them with the md5 check turned into an existence check."""
    from torchvision.datasets import CIFAR10

    root, _ = data_folder
    with pytest.raises(RuntimeError, match="not found or corrupted"):
        CIFAR10(str(root), train=True, download=False)


def test_md5_against_the_official_table(data_folder, monkeypatch):
    root, _ = data_folder
    folder = root / cifar.BASE_FOLDER
    assert not cifar.is_official()
    ours = {name: hashlib.md5((folder / name).read_bytes()).hexdigest() for name in cifar.FILES}
    monkeypatch.setattr(cifar, "_official_md5", lambda: ours)  # pretend these are official
    cifar._md5_matches.cache_clear()
    try:
        assert cifar.is_official()
    finally:
        cifar._md5_matches.cache_clear()


def test_broken_files_say_so_in_one_line(data_folder):
    root, _ = data_folder
    (root / cifar.BASE_FOLDER / "test_batch").write_bytes(b"not a pickle")
    with pytest.raises(TaskUnavailable, match="not readable") as err:
        cifar.load()
    assert "\n" not in str(err.value)


def test_wrong_image_size_is_refused(data_folder):
    root, _ = data_folder
    path = root / cifar.BASE_FOLDER / "data_batch_2"
    with open(path, "rb") as f:
        batch = pickle.load(f, encoding="latin1")
    batch["data"] = batch["data"][:, :3000]  # not 3 x 32 x 32 any more
    with open(path, "wb") as f:
        pickle.dump(batch, f, protocol=2)
    with pytest.raises(TaskUnavailable, match="not readable"):
        cifar.load()


def test_sample_images_are_stored_images_with_their_labels(data_folder):
    _, written = data_folder
    data = cifar.load()
    images, labels = cifar.sample_images(data.train, 8, seed=3)
    assert images.shape == (8, 32, 32, 3) and images.dtype == np.uint8
    for image, label in zip(images, labels, strict=True):
        i = next(i for i in range(100) if np.array_equal(written["train_images"][i], image))
        assert written["train_labels"][i] == label
    again, _ = cifar.sample_images(data.train, 8, seed=3)
    np.testing.assert_array_equal(images, again)


# --- model -------------------------------------------------------------------------------

def test_lenet_summary_without_data(no_data):
    rows = cifar.model_summary(cifar.LeNet())
    got = [(r.name, r.input_shape, r.output_shape, r.params) for r in rows]
    assert got == [
        ("conv1", (1, 3, 32, 32), (1, 6, 28, 28), 3 * 6 * 5 * 5 + 6),  # 456
        ("pool", (1, 6, 28, 28), (1, 6, 14, 14), 0),
        ("conv2", (1, 6, 14, 14), (1, 16, 10, 10), 6 * 16 * 5 * 5 + 16),  # 2,416
        ("pool", (1, 16, 10, 10), (1, 16, 5, 5), 0),
        ("fc1", (1, 400), (1, 120), 400 * 120 + 120),  # 48,120
        ("fc2", (1, 120), (1, 84), 120 * 84 + 84),  # 10,164
        ("fc3", (1, 84), (1, 10), 84 * 10 + 10),  # 850
    ]
    assert cifar.parameter_count(cifar.LeNet()) == sum(r.params for r in rows) == 62006


class _AlwaysThree(nn.Module):
    def forward(self, x):
        scores = torch.zeros(len(x), 10)
        scores[:, 3] = 1.0
        return scores


def test_evaluate_counts_per_class(data_folder):
    data = cifar.load()  # test labels: 0..9 repeated, 30 images, 3 of each class
    correct, total = cifar.evaluate(_AlwaysThree(), data.test, torch.device("cpu"), batch_size=7)
    assert total == [3] * 10
    assert correct == [0, 0, 0, 3, 0, 0, 0, 0, 0, 0]


# --- training ----------------------------------------------------------------------------

def test_short_run_learns_and_reports_per_class(tmp_path, monkeypatch):
    write_cifar10(tmp_path, per_batch=40, n_test=30)  # 200 training images
    monkeypatch.setenv("PLAYGROUND_DATA", str(tmp_path))
    cfg = Cifar10Config(lr=0.02, epochs=3, seed=1)
    history, final = run_to_end(cifar10.train(cfg))
    assert final.step == final.total == 3 * 200 // 4 and final.done
    epochs = [s for s in history if "test_accuracy" in s.scalars]
    assert [s.extra["epoch"] for s in epochs] == [1, 2, 3]
    figures = cifar10.result(cfg, final)
    assert figures["accuracy"] == final.scalars["test_accuracy"]
    # overall accuracy = mean of the per-class accuracies here: every class has 3 test images
    per_class = figures["per_class_accuracy"]
    assert list(per_class) == NAMES
    assert figures["accuracy"] == pytest.approx(np.mean(list(per_class.values())))
    assert figures["accuracy"] >= 0.4  # chance is 0.1
    assert epochs[-1].extra["epoch_loss"] < 0.8 * epochs[0].extra["epoch_loss"]
    assert figures["final_loss"] == epochs[-1].extra["epoch_loss"]
    assert figures["dataset"]["train_images_used"] == 200 and figures["dataset"]["official"] is False
    assert len(final.picture["predicted"]) == 16
    net = cifar.LeNet()
    net.load_state_dict(final.weights)  # the weights after the last epoch
    correct, seen = cifar.evaluate(net, cifar.load().test, torch.device("cpu"))
    assert sum(correct) / sum(seen) == figures["accuracy"]


def test_same_settings_same_numbers(data_folder):
    cfg = Cifar10Config(train_images=40, epochs=1, seed=5)
    history, final = run_to_end(cifar10.train(cfg))
    again, final_again = run_to_end(cifar10.train(cfg))
    assert [s.scalars for s in history] == [s.scalars for s in again]
    assert cifar10.result(cfg, final) == cifar10.result(cfg, final_again)
    other = cifar10.result(Cifar10Config(train_images=40, epochs=1, seed=6), run_to_end(
        cifar10.train(Cifar10Config(train_images=40, epochs=1, seed=6)))[1])
    assert other["final_loss"] != cifar10.result(cfg, final)["final_loss"]


def test_training_image_cap_and_divergence(data_folder):
    history, final = run_to_end(cifar10.train(Cifar10Config(lr=10.0, train_images=40, epochs=5)))
    assert final.divergence is not None and not math.isfinite(final.scalars["train_loss"])
    assert final.total == 5 * 10  # 40 images in batches of 4
    assert "diverged" in final.divergence.message and final.picture is None
    assert cifar10.report(Cifar10Config(), final).startswith("No test figures")


def test_generated_script_reproduces_final_loss_and_accuracy(data_folder, tmp_path, capsys):
    cfg = Cifar10Config(lr=0.005, batch_size=5, epochs=2, train_images=60, seed=4)
    script = cifar10.code(cfg)
    assert "FolderCIFAR10" in script  # these are not the official files
    path = tmp_path / "cifar10_script.py"
    path.write_text(script)
    runpy.run_path(str(path), run_name="__main__")  # torchvision is imported already: fast
    lines = capsys.readouterr().out.strip().splitlines()
    figures = cifar10.result(cfg, run_to_end(cifar10.train(cfg))[1])
    assert lines[-1].split()[0] == "final_loss"
    assert abs(float(lines[-1].split()[1]) - figures["final_loss"]) < 1e-6
    assert float(lines[-2].split()[1]) == pytest.approx(figures["accuracy"], abs=1e-4)


def test_script_for_the_official_files_uses_torchvision_directly(data_folder, monkeypatch):
    monkeypatch.setattr(cifar, "is_official", lambda root=None: True)
    script = cifar10.code(Cifar10Config())
    assert "FolderCIFAR10" not in script
    assert "CIFAR10 = torchvision.datasets.CIFAR10\n" in script  # md5 check included
    compile(script, "cifar10.py", "exec")


def test_script_without_data_is_the_course_code(no_data):
    script = cifar10.code(Cifar10Config())
    assert "FolderCIFAR10" not in script and f'DATA = "{no_data.resolve()}"' in script
    assert "LR = 0.001" in script and "MOMENTUM = 0.9" in script and "BATCH_SIZE = 4" in script
