"""Write a small CIFAR-10 in the real on-disk format (the archive's "python version").

``<root>/cifar-10-batches-py/`` holds seven pickled dicts, as in the official archive:

* ``data_batch_1`` .. ``data_batch_5`` and ``test_batch``: ``{"batch_label": str,
  "labels": [int, ...], "data": uint8 array (N, 3072), "filenames": [str, ...]}``. Each row of
  ``data`` is one 32x32 image stored plane by plane: 1024 red values, then 1024 green, then
  1024 blue, each plane row-major.
* ``batches.meta``: ``{"num_cases_per_batch": int, "label_names": [10 names], "num_vis": 3072}``.

The official files were pickled by Python 2 (which torchvision reads with encoding="latin1");
protocol 2 with str keys reads back the same way.

Images are made learnable on purpose: class c has its own mean colour (PALETTE) plus noise and
a bright square whose position depends on the class, so a short training run can be checked to
do better than chance.
"""
from __future__ import annotations

import io
import pickle
import tarfile
import tempfile
from pathlib import Path

import numpy as np

NAMES = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]
PALETTE = np.array([[200, 40, 40], [40, 200, 40], [40, 40, 200], [200, 200, 40], [200, 40, 200],
                    [40, 200, 200], [120, 120, 120], [230, 130, 30], [30, 130, 230], [130, 30, 230]])


def make_images(labels: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """(N, 32, 32, 3) uint8 images (height, width, channel): colour + square per class, noise."""
    n = len(labels)
    images = PALETTE[labels][:, None, None, :] + rng.normal(0, 25, size=(n, 32, 32, 3))
    for i, c in enumerate(labels):
        r, col = 3 * (c // 5) * 4 + 2, (c % 5) * 6 + 1
        images[i, r:r + 6, col:col + 5, :] = 255
    return np.clip(images, 0, 255).astype(np.uint8)


def to_rows(images_hwc: np.ndarray) -> np.ndarray:
    """(N, 32, 32, 3) -> (N, 3072) in the archive's layout: R plane, G plane, B plane."""
    return images_hwc.transpose(0, 3, 1, 2).reshape(len(images_hwc), 3072)


def write_cifar10(root: Path, per_batch: int = 20, n_test: int = 30, seed: int = 0,
                  names: list[str] | None = None) -> dict[str, np.ndarray]:
    """Write the seven files; returns the HWC images and labels written, per split."""
    rng = np.random.default_rng(seed)
    folder = Path(root) / "cifar-10-batches-py"
    folder.mkdir(parents=True, exist_ok=True)
    train_images, train_labels = [], []
    for b in range(1, 6):
        labels = rng.integers(0, 10, size=per_batch)
        images = make_images(labels, rng)
        _dump(folder / f"data_batch_{b}", {
            "batch_label": f"training batch {b} of 5",
            "labels": [int(v) for v in labels],
            "data": to_rows(images),
            "filenames": [f"img_{b}_{i}.png" for i in range(per_batch)],
        })
        train_images.append(images)
        train_labels.append(labels)
    test_labels = np.arange(n_test) % 10  # every class appears in the test set
    test_images = make_images(test_labels, rng)
    _dump(folder / "test_batch", {
        "batch_label": "testing batch 1 of 1",
        "labels": [int(v) for v in test_labels],
        "data": to_rows(test_images),
        "filenames": [f"test_{i}.png" for i in range(n_test)],
    })
    _dump(folder / "batches.meta", {"num_cases_per_batch": per_batch,
                                    "label_names": list(names or NAMES), "num_vis": 3072})
    return {"train_images": np.concatenate(train_images), "train_labels": np.concatenate(train_labels),
            "test_images": test_images, "test_labels": test_labels}


def _dump(path: Path, obj: dict) -> None:
    with open(path, "wb") as f:
        pickle.dump(obj, f, protocol=2)


def write_archive(path: Path, extra: list[tuple[tarfile.TarInfo, bytes | None]] = (),
                  leave_out: tuple[str, ...] = (), **files_kwargs) -> bytes:
    """A ``cifar-10-python.tar.gz`` laid out as the official one (the folder entry, the seven
    files but ``leave_out``, a readme.html), then the ``extra`` members; returns its bytes
    (also written to ``path``)."""
    with tempfile.TemporaryDirectory() as folder:
        write_cifar10(Path(folder), **files_kwargs)
        buffer = io.BytesIO()
        with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
            tar.add(Path(folder) / "cifar-10-batches-py", arcname="cifar-10-batches-py",
                    recursive=False)
            for name in sorted((Path(folder) / "cifar-10-batches-py").iterdir()):
                if name.name in leave_out:
                    continue
                tar.add(name, arcname=f"cifar-10-batches-py/{name.name}")
            readme = b"<html>CIFAR-10</html>"
            info = tarfile.TarInfo("cifar-10-batches-py/readme.html")
            info.size = len(readme)
            tar.addfile(info, io.BytesIO(readme))
            for info, data in extra:
                tar.addfile(info, io.BytesIO(data) if data is not None else None)
    Path(path).write_bytes(buffer.getvalue())
    return buffer.getvalue()
