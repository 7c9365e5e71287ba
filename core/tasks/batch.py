"""Batch training with the real ``DataLoader``: which samples land in which batch.

The course wraps x = 1..10 and y = 10..1 in a ``TensorDataset`` and lets a ``DataLoader`` cut
every epoch into mini-batches of 5 (with ``shuffle=True`` a fresh order each epoch; with a batch
size of 8 the second batch only gets the 2 samples that are left, unless ``drop_last``).

Here the loader is the real ``torch.utils.data.DataLoader``, made reproducible with its own
seeded ``torch.Generator``. Each batch is also used for one SGD step of a tiny linear model
y = w·x + b (the course's "train your data..." line), so the run has a loss to follow.

How the generator is used (torch's own protocol, which the tests reproduce by hand): every time
an epoch starts, the loader draws one int64 from the generator (a base seed for worker
processes), then its ``RandomSampler`` draws ``torch.randperm(n)``: the epoch's order; once the
epoch's last index is read, the sampler draws one more ``randperm(n)`` that it never uses.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from collections.abc import Iterator

import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from core import codegen
from core.config import DEVICE_CHOICES, ConfigError, param
from core.data import make_batch_data
from core.devices import resolve_device
from core.registry import Task
from core.snapshots import Snapshot, divergence
from core.train import optimizer_step


@dataclass(frozen=True)
class BatchConfig:
    points: int = param(10, lo=2, hi=40, help="x = linspace(1, 10, points), y reversed")
    batch_size: int = param(5, lo=1, hi=40, help="samples per batch (try 8: a smaller last batch)")
    shuffle: bool = param(True, help="a new random order every epoch")
    drop_last: bool = param(False, help="drop the last batch when it is smaller")
    epochs: int = param(3, lo=1, hi=20, help="passes over the whole dataset")

    @property
    def batches_per_epoch(self) -> int:
        """What ``len(DataLoader)`` says: a short last batch counts unless ``drop_last``."""
        full, rest = divmod(self.points, self.batch_size)
        return full + (1 if rest and not self.drop_last else 0)
    seed: int = param(1, lo=0, hi=2**31 - 1, help="seeds the loader's generator (the course: 1)")
    num_workers: int = param(0, lo=0, hi=2, help="loader subprocesses, started anew every epoch "
                             "(slower for 10 samples); the order does not change")
    # The tiny model trained on each batch. x goes up to 10, so SGD is only stable for
    # lr < 2 / (2·mean(x²)) ≈ 0.026 on the course's data; 0.01 stays well inside.
    lr: float = param(0.01, lo=1e-4, hi=1.0, log=True, help="SGD learning rate of y = w·x + b")
    device: str = param("cpu", choices=DEVICE_CHOICES)

    def check(self) -> None:
        if self.drop_last and self.batch_size > self.points:
            raise ConfigError("drop_last with a batch size larger than the dataset leaves no batch")


@dataclass(frozen=True)
class BatchRecord:
    """One batch as the loader delivered it: 0-based epoch and step, sample indices, values."""

    epoch: int
    step: int
    indices: tuple[int, ...]
    x: tuple[float, ...]
    y: tuple[float, ...]

    def as_dict(self) -> dict:
        return {"epoch": self.epoch, "step": self.step, "indices": list(self.indices),
                "x": list(self.x), "y": list(self.y)}


class IndexedDataset(TensorDataset):
    """A TensorDataset whose items also carry their index, so a batch says which samples it holds.

    ``TensorDataset(x, y, arange(n))`` would do the same; the subclass keeps the course's
    ``TensorDataset(x, y)`` visible.
    """

    def __getitem__(self, index: int):
        return (*super().__getitem__(index), index)


def make_loader(cfg: BatchConfig) -> DataLoader:
    """The course's loader over its 10 points, with a generator seeded from ``cfg.seed``."""
    x, y = make_batch_data(cfg.points)  # x: (N,) 1..10, y: (N,) 10..1
    return DataLoader(
        IndexedDataset(x, y),
        batch_size=cfg.batch_size,
        shuffle=cfg.shuffle,
        drop_last=cfg.drop_last,
        num_workers=cfg.num_workers,
        generator=torch.Generator().manual_seed(cfg.seed),
    )


def _record(epoch: int, step: int, batch) -> BatchRecord:
    bx, by, idx = batch  # (B,), (B,), (B,) int64
    return BatchRecord(epoch, step, tuple(int(i) for i in idx),
                       tuple(float(v) for v in bx), tuple(float(v) for v in by))


def assign_batches(cfg: BatchConfig) -> list[BatchRecord]:
    """Every batch of every epoch, straight from the loader (no training)."""
    loader = make_loader(cfg)
    return [_record(epoch, step, batch)
            for epoch in range(cfg.epochs)
            for step, batch in enumerate(loader)]


def batches_per_epoch(cfg: BatchConfig) -> int:
    if cfg.drop_last:
        return cfg.points // cfg.batch_size
    return math.ceil(cfg.points / cfg.batch_size)


def train(cfg: BatchConfig) -> Iterator[Snapshot]:
    """One Snapshot per batch: its record (picture) and the loss of one SGD step on it."""
    device = resolve_device(cfg.device)
    loader = make_loader(cfg)
    total = cfg.epochs * len(loader)
    torch.manual_seed(cfg.seed)  # same seed, same initial w and b
    model = nn.Linear(1, 1).to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=cfg.lr)
    loss_fn = nn.MSELoss()

    done = 0
    for epoch in range(cfg.epochs):
        for step, batch in enumerate(loader):
            bx, by, _ = batch
            xb = bx.unsqueeze(1).to(device)  # (B,) -> (B, 1): one feature per sample
            yb = by.unsqueeze(1).to(device)
            _, loss = optimizer_step(model, loss_fn, optimizer, xb, yb)

            done += 1
            value = loss.item()
            record = _record(epoch, step, batch)
            weights = {k: v.detach().to("cpu", copy=True)  # y = w·x + b after this step
                       for k, v in model.state_dict().items()}
            stop = divergence(done, {"loss": value})
            yield Snapshot(done, total, {"train_loss": value}, picture=record, weights=weights,
                           divergence=stop)
            if stop is not None:
                return


def result(cfg: BatchConfig, last: Snapshot) -> dict:
    # Reading the plan again from a fresh loader gives the same batches (same seed): the JSON
    # can list them without the generator having to keep its whole history.
    plan = assign_batches(cfg)
    return {
        "final_loss": last.scalars["train_loss"],
        "steps": last.step,
        "batches_per_epoch": batches_per_epoch(cfg),
        "batch_sizes": [len(r.indices) for r in plan if r.epoch == 0],
        "batches": [[list(r.indices) for r in plan if r.epoch == e] for e in range(cfg.epochs)],
    }


def format_record(record: BatchRecord) -> str:
    """The course's print line: ``Epoch: 0 | Step: 0 | batch x: [5. 7. ...] | batch y: [...]``."""
    def arr(values):
        return "[" + " ".join(f"{v:g}." if float(v).is_integer() else f"{v:g}" for v in values) + "]"

    return (f"Epoch: {record.epoch} | Step: {record.step} | batch x: {arr(record.x)} "
            f"| batch y: {arr(record.y)}")


def report(cfg: BatchConfig, last: Snapshot) -> str:
    """The batch assignment per epoch, as sample indices and as the course prints it."""
    lines = []
    plan = assign_batches(cfg)
    for epoch in range(cfg.epochs):
        groups = [list(r.indices) for r in plan if r.epoch == epoch]
        lines.append(f"epoch {epoch}: sample indices {groups}")
    lines += [format_record(r) for r in plan]
    return "\n".join(lines)


_LOADER = """\
x, y = make_batch_data(POINTS)  # x = 1..10, y = 10..1
torch_dataset = Data.TensorDataset(x, y)
loader = Data.DataLoader(
    dataset=torch_dataset,
    batch_size=BATCH_SIZE,
    shuffle=SHUFFLE,  # a new order every epoch
    drop_last=DROP_LAST,  # drop a smaller last batch?
    num_workers=NUM_WORKERS,  # subprocesses for loading data
    generator=torch.Generator().manual_seed(SEED),  # the shuffling's own random numbers
)
"""

_TRAINING = """\
def show_batch():
    torch.manual_seed(SEED)  # same seed, same initial w and b
    model = nn.Linear(1, 1).to(DEVICE)  # y = w*x + b
    optimizer = torch.optim.SGD(model.parameters(), lr=LR)
    loss_fn = nn.MSELoss()

    for epoch in range(EPOCHS):  # train the entire dataset EPOCHS times
        for step, (batch_x, batch_y) in enumerate(loader):  # for each training step
            print("Epoch:", epoch, "| Step:", step,
                  "| batch x:", batch_x.numpy(), "| batch y:", batch_y.numpy())
            xb = batch_x.unsqueeze(1).to(DEVICE)  # (B,) -> (B, 1)
            yb = batch_y.unsqueeze(1).to(DEVICE)
            loss = loss_fn(model(xb), yb)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()

    print(f"w {model.weight.item():.6f}  b {model.bias.item():.6f}")
    print(f"final_loss {loss.item():.9g}")


if __name__ == "__main__":  # worker processes re-import this file on some systems
    show_batch()
"""


def code(cfg: BatchConfig) -> str:
    """The course's batch script with these settings (plus the tiny model's training)."""
    values = {"POINTS": cfg.points, "BATCH_SIZE": cfg.batch_size, "SHUFFLE": cfg.shuffle,
              "DROP_LAST": cfg.drop_last, "NUM_WORKERS": cfg.num_workers, "EPOCHS": cfg.epochs,
              "SEED": cfg.seed, "LR": cfg.lr, "DEVICE": codegen.device(cfg)}
    imports = ["import torch", "import torch.utils.data as Data", "from torch import nn"]
    parts = [
        ("settings", codegen.settings(imports, values)),
        ("data: the playground's own function, and the course's loader",
         codegen.embed(make_batch_data) + "\n\n\n" + _LOADER),
        ("training: one SGD step of y = w*x + b per batch", _TRAINING),
    ]
    return codegen.script("Batch training: a DataLoader cuts the data into mini-batches.",
                          "batch", cfg, parts)


TASK = Task(
    name="batch",
    summary="DataLoader over x = 1..10, y = 10..1: batch 5, shuffle, 3 epochs; who lands where",
    config=BatchConfig,
    train=train,
    result=result,
    code=code,
    report=report,
    metrics=("final_loss",),
)
