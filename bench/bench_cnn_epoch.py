"""One CNN epoch through core vs the same epoch as a bare PyTorch loop, in the same run.

"The same epoch": the same digits (core.mnist's embedded subset, a fixed number of batches so
that it stays short on a CPU), the same model and initial weights (torch.manual_seed before
building core.tasks.cnn.CNN), the same batches (core.mnist_train.epoch_order), and the course's
test every ``EVAL_EVERY`` steps. The bare side is the course's loop and nothing else; core adds
what the page needs (loss.item() and a NaN check per step, test loss and predictions, a
confusion matrix and a copy of the weights at every test). Each repetition times the two back
to back (alternating which goes first) and keeps their ratio; the figure is the median ratio,
robust to the load of a shared machine drifting between runs. Target: <= 1.1.

    .venv/bin/python bench/bench_cnn_epoch.py [--device cuda:0] [--batches 40]

The last line printed is one JSON object.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script or imported
from bench.common import load_average, median, show

BATCH_SIZE = 50  # the course's
EVAL_EVERY = 20
TEST_IMAGES = 1000  # the subset's held-out digits


def _config(batches: int, device: str):
    from core.tasks.cnn import CNNConfig

    return CNNConfig(data="subset", train_images=batches * BATCH_SIZE, test_images=TEST_IMAGES,
                     epochs=1, batch_size=BATCH_SIZE, eval_every=EVAL_EVERY, device=device)


def core_seconds(cfg) -> tuple[float, float]:
    """(seconds, final train loss) of one epoch through core.tasks.cnn.train."""
    from core.devices import resolve_device, synchronize
    from core.snapshots import last
    from core.tasks import cnn

    device = resolve_device(cfg.device)
    synchronize(device)
    started = time.perf_counter()
    final = last(cnn.train(cfg))
    synchronize(device)
    return time.perf_counter() - started, final.scalars["train_loss"]


def bare_seconds(cfg) -> float:
    """The same epoch as the course writes it: five lines per step, a test every EVAL_EVERY."""
    import torch
    from torch import nn

    from core.devices import resolve_device, synchronize
    from core.mnist_train import epoch_order
    from core.tasks.cnn import CNN, load_data

    device = resolve_device(cfg.device)
    synchronize(device)
    started = time.perf_counter()
    data = load_data(cfg)
    train_x, train_y = data.train_images.to(device), data.train_labels.to(device)
    test_x, test_y = data.test_images.to(device), data.test_labels.to(device)
    torch.manual_seed(cfg.seed)
    model = CNN(cfg.conv1_channels, cfg.conv2_channels, cfg.dropout).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=cfg.lr)
    loss_fn = nn.CrossEntropyLoss()
    order = epoch_order(len(train_y), cfg.seed, 0).to(device)
    for step, start in enumerate(range(0, len(train_y), cfg.batch_size), start=1):
        idx = order[start:start + cfg.batch_size]
        loss = loss_fn(model(train_x[idx]), train_y[idx])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if step % cfg.eval_every == 0:
            with torch.no_grad():
                accuracy = (model(test_x).argmax(1) == test_y).float().mean().item()  # noqa: F841
    synchronize(device)
    return time.perf_counter() - started


def measure(batches: int = 40, device: str = "cpu", repeats: int = 5) -> dict:
    import torch

    torch.set_num_threads(1)
    from core import mnist

    mnist.load_subset()  # read once, outside the timings (both sides use the cached digits)
    cfg = _config(batches, device)
    core_seconds(cfg)  # first-call costs (imports, allocator) paid before timing
    bare_seconds(cfg)
    ratios, core_times, bare_times = [], [], []
    for i in range(repeats):
        if i % 2 == 0:  # alternate which side goes first: load drifting within a pair cancels
            c, final_loss = core_seconds(cfg)
            b = bare_seconds(cfg)
        else:
            b = bare_seconds(cfg)
            c, final_loss = core_seconds(cfg)
        ratios.append(c / b)
        core_times.append(c)
        bare_times.append(b)
    return {"device": device, "batches": batches, "batch_size": BATCH_SIZE,
            "eval_every": EVAL_EVERY, "test_images": TEST_IMAGES, "repeats": repeats,
            "core_epoch_s": round(median(core_times), 4), "bare_epoch_s": round(median(bare_times), 4),
            "ratio": round(median(ratios), 4), "final_loss": final_loss, "load": load_average()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--batches", type=int, default=40)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    result = measure(args.batches, args.device, args.repeats)
    show("cnn epoch: core / bare PyTorch (median)", result["ratio"], "target <= 1.1")
    show(f"cnn epoch through core, {args.device} (s)", result["core_epoch_s"],
         f"{args.batches} batches of {BATCH_SIZE}, load {result['load']}")
    show(f"cnn epoch, bare loop, {args.device} (s)", result["bare_epoch_s"])
    print(json.dumps(result, sort_keys=True))


if __name__ == "__main__":
    main()
