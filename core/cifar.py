"""CIFAR-10 for the LeNet page: torchvision's loader on the data folder, the course's LeNet.

Where the data lives: ``<data>/cifar-10-batches-py/`` with the seven files of the official
"python version" archive (``data_batch_1`` .. ``data_batch_5``, ``test_batch``,
``batches.meta``), i.e. what ``torchvision.datasets.CIFAR10(root=<data>, download=True)``
leaves there. ``<data>`` is ``data/`` at the root of this repository, or the folder named by
the environment variable ``PLAYGROUND_DATA`` (the same convention as core.mnist).

Integrity checks. torchvision's ``CIFAR10`` compares the md5 of each file with the official
archive's before reading anything; that check exists to catch a broken download. Here the
files are already on disk, and we also want to read files that are *in the CIFAR-10 format but
not the official bytes* (a subset someone made, and the small files the tests write). So
:class:`FolderCIFAR10` is torchvision's class with the md5 entries of its file tables set to
``None``: torchvision's own ``check_integrity(path, None)`` then checks that each file exists,
and every byte is still read by torchvision's code. What we check instead is the *format*
(:func:`_check_format`: uint8 images of 3x32x32, labels 0..9, ten class names), and we still
compute the md5s (:func:`is_official`) so that the page and the JSON can say whether these are
the official CIFAR-10 files or another dataset in the same format.
"""
from __future__ import annotations

import functools
import gzip
import hashlib
import os
import pickle
import shutil
import socket
import tarfile
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlparse

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from core.folders import DATA_ENV, data_dir
from core.registry import TaskUnavailable

BASE_FOLDER = "cifar-10-batches-py"
URL = "https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz"
MEAN = (0.5, 0.5, 0.5)  # the course's Normalize: (x - 0.5) / 0.5 maps [0, 1] to [-1, 1]
STD = (0.5, 0.5, 0.5)


def _official_md5() -> dict[str, str]:
    """File name -> md5 of the official archive, as torchvision lists them."""
    from torchvision.datasets import CIFAR10

    table = {name: md5 for name, md5 in CIFAR10.train_list + CIFAR10.test_list}
    table[CIFAR10.meta["filename"]] = CIFAR10.meta["md5"]
    return table


FILES = ("data_batch_1", "data_batch_2", "data_batch_3", "data_batch_4", "data_batch_5",
         "test_batch", "batches.meta")


def missing_files(root: Path | str | None = None) -> list[str]:
    folder = Path(root if root is not None else data_dir()) / BASE_FOLDER
    return [name for name in FILES if not (folder / name).is_file()]


def has_data(root: Path | str | None = None) -> bool:
    return not missing_files(root)


def how_to_get(root: Path | str | None = None) -> str:
    """One line saying where the files are expected and how to put them there."""
    folder = Path(root if root is not None else data_dir())
    return (f"CIFAR-10 not found in {folder / BASE_FOLDER}: download {URL} (163 MB) and extract it "
            f"into {folder}, or run torchvision.datasets.CIFAR10({str(folder)!r}, download=True) "
            f"online; set {DATA_ENV} to use another folder")


def download(root: Path | str | None = None, timeout: float = 3.0) -> tuple[bool, str]:
    """Fetch and extract the archive with torchvision's downloader; never raises.

    Returns (success, one line saying what happened). Offline, it says so at once instead of
    waiting for torchvision's download to time out.
    """
    folder = Path(root if root is not None else data_dir())
    if has_data(folder):
        return True, f"CIFAR-10 is already in {folder / BASE_FOLDER}"
    try:
        with socket.create_connection((urlparse(URL).hostname, 443), timeout=timeout):
            pass
    except OSError:
        return False, "This machine is offline. " + how_to_get(folder)
    from torchvision.datasets import CIFAR10

    try:
        folder.mkdir(parents=True, exist_ok=True)
        CIFAR10(str(folder), train=True, download=True)  # downloads and extracts all 7 files
    except (OSError, RuntimeError) as err:
        first_line = (str(err).strip().splitlines() or [type(err).__name__])[0]
        return False, f"Download failed ({first_line}). " + how_to_get(folder)
    return True, f"Downloaded CIFAR-10 (60,000 images) into {folder / BASE_FOLDER}"


# --- importing the official archive from a file (a USB stick, an upload) ----------------

ARCHIVE_NAME = "cifar-10-python.tar.gz"
ARCHIVE_MD5 = "c58f30108f718f92721af3b95e74349a"  # of the official archive, as torchvision lists it
ARCHIVE_MAX_BYTES = 200 * 2**20  # the official archive is 170,498,071 bytes
MEMBER_MAX_BYTES = 32 * 2**20  # its largest file (a training batch) is 31,035,704 bytes


class ArchiveRefused(ValueError):
    """A file that is not the official archive, or not one to unpack. ``str()`` says why in
    one line (the CLI); ``reason`` names the case and ``values`` hold its particulars, for the
    page's strings in either language. Reasons: md5, too_large, unreadable, outside, link,
    special, incomplete."""

    def __init__(self, reason: str, message: str, **values: object) -> None:
        super().__init__(message)
        self.reason = reason
        self.values = values


def import_archive(archive: Path | str | BinaryIO, root: Path | str | None = None) -> Path:
    """Unpack the official ``cifar-10-python.tar.gz`` into the data folder; returns the folder
    of the seven files. ``archive``: a path, or an open binary file (an upload).

    Checked first: the size and the md5 of the whole archive, so only the official bytes are
    unpacked. Then, member by member, what a hostile archive could do: a path leaving the folder
    (``../``, absolute), a link, a device, a member larger than any official one. Only the seven
    files are written, under names this function makes, never under a name from the archive;
    they go to a temporary folder inside the data folder first and are moved into place when
    all seven are there, so a refused archive leaves nothing behind. Raises ArchiveRefused.
    """
    if isinstance(archive, (str, Path)):
        try:
            file = open(archive, "rb")
        except OSError as err:
            raise ArchiveRefused("unreadable", f"cannot open {archive}: {err.strerror}",
                                 detail=err.strerror) from None
        with file:
            return import_archive(file, root)
    folder = Path(root if root is not None else data_dir())
    _check_md5(archive)
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".cifar-import-", dir=folder) as scratch:
        _unpack(archive, Path(scratch))
        target = folder / BASE_FOLDER
        target.mkdir(exist_ok=True)
        for name in FILES:
            os.replace(Path(scratch) / name, target / name)  # atomic per file
    return target


def _check_md5(archive: BinaryIO) -> None:
    archive.seek(0, os.SEEK_END)
    size = archive.tell()
    if size > ARCHIVE_MAX_BYTES:
        raise ArchiveRefused("too_large", f"the file has {size:,} bytes; the official "
                             f"{ARCHIVE_NAME} has 170,498,071", name=ARCHIVE_NAME, size=size,
                             limit=ARCHIVE_MAX_BYTES)
    archive.seek(0)
    md5 = hashlib.file_digest(archive, lambda: hashlib.md5(usedforsecurity=False)).hexdigest()
    if md5 != ARCHIVE_MD5:
        raise ArchiveRefused("md5", f"this is not the official {ARCHIVE_NAME}: its md5 is "
                             f"{md5}, the official one {ARCHIVE_MD5}", md5=md5,
                             official=ARCHIVE_MD5)
    archive.seek(0)


def _unpack(archive: BinaryIO, scratch: Path) -> None:
    """The seven files of the archive's cifar-10-batches-py/ into ``scratch``, in one pass."""
    wanted = {f"{BASE_FOLDER}/{name}": name for name in FILES}
    written = set()
    try:
        with tarfile.open(fileobj=archive, mode="r:gz") as tar:
            for member in tar:
                _check_member(member, scratch)
                name = wanted.get(member.name.removeprefix("./"))
                if name is None or not member.isfile():
                    continue  # the archive's folder entry and its readme.html
                source = tar.extractfile(member)
                with open(scratch / name, "wb") as out:
                    shutil.copyfileobj(source, out)
                written.add(name)
    except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile) as err:  # truncated, not gzip
        detail = f"{type(err).__name__}: {err}"
        raise ArchiveRefused("unreadable", f"the archive cannot be read to its end ({detail})",
                             detail=detail) from None
    missing = ", ".join(name for name in FILES if name not in written)
    if missing:
        raise ArchiveRefused("incomplete", f"the archive lacks {missing} in {BASE_FOLDER}/",
                             missing=missing)


def _check_member(member: tarfile.TarInfo, scratch: Path) -> None:
    """Refuse what the official archive does not have: links, devices, paths out of the
    folder (tarfile's own "data" filter judges those), members larger than its largest."""
    name = member.name[:80]  # as shown in a message
    if member.issym() or member.islnk():
        raise ArchiveRefused("link", f"{name!r} is a link; the official archive has none",
                             name=name)
    try:
        if member.name.startswith("/"):  # the filter would only strip the "/"
            raise tarfile.AbsolutePathError(member)
        tarfile.data_filter(member, str(scratch))
    except (tarfile.AbsolutePathError, tarfile.OutsideDestinationError):
        raise ArchiveRefused("outside", f"{name!r} points outside the archive's folder",
                             name=name) from None
    except tarfile.FilterError as err:  # a device, a pipe
        raise ArchiveRefused("special", f"refused {name!r}: {err}", name=name) from None
    if not (member.isfile() or member.isdir()):
        raise ArchiveRefused("special", f"{name!r} is not a plain file", name=name)
    if member.size > MEMBER_MAX_BYTES:
        raise ArchiveRefused("too_large", f"{name!r} unpacks to {member.size:,} bytes; no file "
                             f"of the official archive is over {MEMBER_MAX_BYTES:,}", name=name,
                             size=member.size, limit=MEMBER_MAX_BYTES)


def _signature(folder: Path) -> tuple:
    """Sizes and modification times of the files: a cache key that changes when they do."""
    return tuple((name, (folder / name).stat().st_size, (folder / name).stat().st_mtime_ns) for name in FILES)


@functools.lru_cache(maxsize=4)
def _md5_matches(folder: str, signature: tuple) -> bool:
    table = _official_md5()
    for name in FILES:
        digest = hashlib.md5(usedforsecurity=False)
        with open(Path(folder) / name, "rb") as f:
            while chunk := f.read(1 << 20):
                digest.update(chunk)
        if digest.hexdigest() != table[name]:
            return False
    return True


def is_official(root: Path | str | None = None) -> bool:
    """Whether all seven files have the official archive's md5 (computed once per version)."""
    folder = (Path(root if root is not None else data_dir()) / BASE_FOLDER).resolve()
    if missing_files(folder.parent):
        return False
    return _md5_matches(str(folder), _signature(folder))


def _folder_class():
    """torchvision's CIFAR10 with the md5 check turned into an existence check (see above)."""
    from torchvision.datasets import CIFAR10

    class FolderCIFAR10(CIFAR10):
        # torchvision's check_integrity(path, md5=None) only checks that the file exists.
        train_list = [[name, None] for name, _ in CIFAR10.train_list]
        test_list = [[name, None] for name, _ in CIFAR10.test_list]
        meta = {**CIFAR10.meta, "md5": None}

    return FolderCIFAR10


def transform():
    """The course's preprocessing: PIL image -> float tensor in [0, 1] -> (x - 0.5) / 0.5."""
    import torchvision.transforms as transforms

    return transforms.Compose([transforms.ToTensor(), transforms.Normalize(MEAN, STD)])


@dataclass(frozen=True)
class Cifar10Data:
    """Both splits as torchvision datasets (images decoded and normalized on access)."""

    train: torch.utils.data.Dataset  # FolderCIFAR10: .data (N, 32, 32, 3) uint8, .targets
    test: torch.utils.data.Dataset
    classes: tuple[str, ...]
    official: bool  # the official archive's files (md5), or other files in the same format
    location: str

    @property
    def n_train(self) -> int:
        return len(self.train)

    @property
    def n_test(self) -> int:
        return len(self.test)

    @property
    def name(self) -> str:
        return "CIFAR-10 (torchvision)" if self.official else "CIFAR-10 format (not the official files)"

    def describe(self) -> dict:
        return {"name": self.name, "official": self.official, "train_images": self.n_train,
                "test_images": self.n_test, "location": self.location}


def load(root: Path | str | None = None) -> Cifar10Data:
    """Both splits through torchvision, cached per folder version; TaskUnavailable if absent."""
    root = Path(root if root is not None else data_dir()).resolve()
    if missing_files(root):
        raise TaskUnavailable(how_to_get(root))
    return _load(str(root), _signature(root / BASE_FOLDER))


@functools.lru_cache(maxsize=2)
def _load(root: str, signature: tuple) -> Cifar10Data:
    dataset = _folder_class()
    try:
        train = dataset(root, train=True, download=False, transform=transform())
        test = dataset(root, train=False, download=False, transform=transform())
        for split in (train, test):
            _check_format(split)
    except (pickle.UnpicklingError, EOFError, KeyError, ValueError, TypeError, RuntimeError) as err:
        raise TaskUnavailable(f"CIFAR-10 files in {Path(root) / BASE_FOLDER} are not readable "
                              f"({type(err).__name__}: {err}); download them again from {URL}") from None
    return Cifar10Data(train, test, tuple(train.classes), is_official(root), str(Path(root) / BASE_FOLDER))


def _check_format(split) -> None:
    data, targets = split.data, np.asarray(split.targets)
    if data.dtype != np.uint8 or data.shape[1:] != (32, 32, 3):
        raise ValueError(f"images are {data.dtype} {data.shape[1:]}, expected uint8 32x32x3")
    if len(targets) != len(data) or (len(targets) and (targets.min() < 0 or targets.max() > 9)):
        raise ValueError("labels must be one integer 0..9 per image")
    if len(split.classes) != 10:
        raise ValueError(f"batches.meta names {len(split.classes)} classes, expected 10")


def sample_images(dataset, count: int, seed: int = 0) -> tuple[np.ndarray, list[int]]:
    """``count`` images picked with a seeded generator, as stored: (count, 32, 32, 3) uint8."""
    g = torch.Generator().manual_seed(seed)
    idx = torch.randperm(len(dataset), generator=g)[:count].tolist()
    return dataset.data[idx], [int(dataset.targets[i]) for i in idx]


# --- the model ---------------------------------------------------------------------------

class LeNet(nn.Module):
    """The course's CIFAR-10 net: two conv+pool stages, then three fully connected layers."""

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(3, 6, 5)  # (N, 3, 32, 32) -> (N, 6, 28, 28)
        self.pool = nn.MaxPool2d(2, 2)  # halves height and width; used after both convs
        self.conv2 = nn.Conv2d(6, 16, 5)  # (N, 6, 14, 14) -> (N, 16, 10, 10)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)  # after the second pool: 16 maps of 5x5 = 400
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)  # one score per class

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))
        x = self.pool(F.relu(self.conv2(x)))
        x = x.view(-1, 16 * 5 * 5)
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        return self.fc3(x)


@dataclass(frozen=True)
class LayerRow:
    name: str  # attribute name in the model (pool appears twice: it is used twice)
    layer: str  # the module's repr, e.g. Conv2d(3, 6, kernel_size=(5, 5), stride=(1, 1))
    input_shape: tuple[int, ...]
    output_shape: tuple[int, ...]
    params: int  # parameters of this module (0 for a second use of a shared one)


def model_summary(model: nn.Module, input_shape: tuple[int, ...] = (1, 3, 32, 32)) -> list[LayerRow]:
    """One row per module call in a forward pass of a zero image, in call order.

    Needs no data: the shapes follow from the layers alone. Functional calls (relu, view) are
    not modules and do not appear; their effect shows in the next row's input shape.
    """
    rows: list[LayerRow] = []
    seen: set[int] = set()
    names = {id(m): n for n, m in model.named_modules() if n}

    def hook(module, inputs, output):
        first_use = id(module) not in seen
        seen.add(id(module))
        params = sum(p.numel() for p in module.parameters()) if first_use else 0
        rows.append(LayerRow(names[id(module)], repr(module), tuple(inputs[0].shape), tuple(output.shape), params))

    leaves = [m for n, m in model.named_modules() if n and not list(m.children())]
    handles = [m.register_forward_hook(hook) for m in leaves]
    try:
        with torch.no_grad():
            device = next(model.parameters()).device
            model(torch.zeros(input_shape, device=device))
    finally:
        for h in handles:
            h.remove()
    return rows


def parameter_count(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())


# --- evaluation --------------------------------------------------------------------------

def evaluate(model: nn.Module, dataset, device: torch.device, batch_size: int = 500) -> tuple[list[int], list[int]]:
    """Correct predictions and image counts per class on ``dataset``, in eval mode, no grad."""
    correct = [0] * 10
    total = [0] * 10
    loader = torch.utils.data.DataLoader(dataset, batch_size=batch_size, shuffle=False)
    was_training = model.training
    model.eval()
    with torch.no_grad():
        for images, labels in loader:
            predicted = model(images.to(device)).argmax(dim=1).cpu()  # index of the top score
            for label, hit in zip(labels.tolist(), (predicted == labels).tolist(), strict=True):
                correct[label] += int(hit)
                total[label] += 1
    model.train(was_training)
    return correct, total
