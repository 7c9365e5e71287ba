"""CIFAR-10 with the course's LeNet: SGD 0.001 momentum 0.9, batch 4, 2 epochs.

The data pipeline is the course's: torchvision's CIFAR10 with ToTensor + Normalize(0.5, 0.5),
a shuffling DataLoader (seeded here, so a run can be repeated), cross-entropy, SGD. After every
epoch the net is tested on the whole test set, overall and class by class.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from collections.abc import Iterator

import torch
from torch import nn

from core import cifar, codegen
from core.config import DEVICE_CHOICES, param
from core.devices import resolve_device
from core.folders import data_dir
from core.registry import Task
from core.snapshots import Snapshot, divergence
from core.train import optimizer_step

MAX_RECORDS = 400  # snapshots per run at most: a UI keeps them all for replay
SAMPLE_PREDICTIONS = 16  # test images whose predictions each epoch's snapshot carries


@dataclass(frozen=True)
class Cifar10Config:
    lr: float = param(0.001, lo=1e-5, hi=10.0, log=True, help="SGD learning rate")
    momentum: float = param(0.9, lo=0.0, hi=0.99, help="SGD momentum")
    batch_size: int = param(4, lo=1, hi=1024, help="images per update (the course: 4)")
    epochs: int = param(2, lo=1, hi=50, help="passes over the training images")
    # A cap (the first N images) makes a CPU run take seconds instead of minutes.
    train_images: int = param(50000, lo=4, hi=50000, help="use at most this many training images")
    seed: int = param(0, lo=0, hi=2**31 - 1, help="seeds the shuffling and the initial weights")
    device: str = param("cpu", choices=DEVICE_CHOICES, help="where the net runs")


def training_set(cfg: Cifar10Config, data: cifar.Cifar10Data):
    if cfg.train_images < data.n_train:
        return torch.utils.data.Subset(data.train, range(cfg.train_images))
    return data.train


def train(cfg: Cifar10Config) -> Iterator[Snapshot]:
    """Yields the running training loss a few hundred times per run, and test figures per epoch.

    Scalars: ``train_loss`` (mean batch loss since the previous snapshot, like the course's
    running loss); at the end of each epoch also ``test_accuracy``. The epoch's snapshot
    carries ``extra`` = {epoch, epoch_loss, per_class: {class: accuracy or None}}, the
    weights (a state_dict) and a picture with the predicted classes of the first test images.
    """
    device = resolve_device(cfg.device)
    data = cifar.load()  # TaskUnavailable (one line: how to get it) when the files are absent
    trainset = training_set(cfg, data)
    loader = torch.utils.data.DataLoader(trainset, batch_size=cfg.batch_size, shuffle=True,
                                         generator=torch.Generator().manual_seed(cfg.seed))
    torch.manual_seed(cfg.seed)
    model = cifar.LeNet().to(device)
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=cfg.lr, momentum=cfg.momentum)

    total = cfg.epochs * len(loader)
    record_every = max(1, math.ceil(total / MAX_RECORDS))
    step = 0
    for epoch in range(cfg.epochs):
        epoch_loss, running, count = 0.0, 0.0, 0
        for inputs, labels in loader:
            inputs, labels = inputs.to(device), labels.to(device)
            _, loss = optimizer_step(model, criterion, optimizer, inputs, labels)
            step += 1
            value = loss.item()
            stop = divergence(step, {"loss": value})
            if stop is not None:
                yield Snapshot(step, total, {"train_loss": value}, divergence=stop)
                return
            epoch_loss += value
            running += value
            count += 1
            end_of_epoch = step % len(loader) == 0
            if step % record_every and not end_of_epoch:
                continue
            scalars = {"train_loss": running / count}
            running, count = 0.0, 0
            if not end_of_epoch:
                yield Snapshot(step, total, scalars)
                continue
            correct, seen = cifar.evaluate(model, data.test, device)
            scalars["test_accuracy"] = sum(correct) / max(1, sum(seen))
            per_class = {name: (c / n if n else None) for name, c, n in zip(data.classes, correct, seen, strict=True)}
            extra = {"epoch": epoch + 1, "epoch_loss": epoch_loss / len(loader), "per_class": per_class}
            # the weights after this epoch (62,006 numbers), for the .pt download
            weights = {k: v.detach().cpu().clone() for k, v in model.state_dict().items()}
            yield Snapshot(step, total, scalars, picture=_sample_predictions(model, data, device),
                           weights=weights, extra=extra)


def _sample_predictions(model: nn.Module, data: cifar.Cifar10Data, device: torch.device) -> dict:
    n = min(SAMPLE_PREDICTIONS, data.n_test)
    images = torch.stack([data.test[i][0] for i in range(n)]).to(device)
    model.eval()
    with torch.no_grad():
        predicted = model(images).argmax(dim=1).tolist()
    model.train()
    return {"indices": list(range(n)), "predicted": predicted}


def result(cfg: Cifar10Config, last: Snapshot) -> dict:
    """final_loss: the mean training loss over the last epoch (the course's running loss)."""
    data = cifar.load()
    used = len(training_set(cfg, data))
    figures = {
        "final_loss": last.extra.get("epoch_loss", last.scalars.get("train_loss")),
        "accuracy": last.scalars.get("test_accuracy"),
        "per_class_accuracy": last.extra.get("per_class"),
        "dataset": {**data.describe(), "train_images_used": used},
        "classes": list(data.classes),
    }
    return figures


def report(cfg: Cifar10Config, last: Snapshot) -> str:
    per_class = last.extra.get("per_class")
    if not per_class:
        return "No test figures: the run stopped before the end of its first epoch."
    lines = [f"Accuracy of {name:>10s}: {acc:6.1%}" if acc is not None else f"Accuracy of {name:>10s}: (no test images)"
             for name, acc in per_class.items()]
    return "\n".join(lines)


_FOLDER_CLASS = """\
# torchvision checks each file's md5 against the official archive. These files are in the
# CIFAR-10 format but are not the official ones, so check only that the files exist
# (torchvision's check_integrity(path, md5=None) does exactly that).
class FolderCIFAR10(torchvision.datasets.CIFAR10):
    train_list = [[name, None] for name, _ in torchvision.datasets.CIFAR10.train_list]
    test_list = [[name, None] for name, _ in torchvision.datasets.CIFAR10.test_list]
    meta = {**torchvision.datasets.CIFAR10.meta, "md5": None}


"""

_DATA = """\
# PIL image -> tensor in [0, 1] -> (x - 0.5) / 0.5
transform = transforms.Compose(
    [transforms.ToTensor(), transforms.Normalize((0.5, 0.5, 0.5), (0.5, 0.5, 0.5))])
trainset = CIFAR10(root=DATA, train=True, download=False, transform=transform)
testset = CIFAR10(root=DATA, train=False, download=False, transform=transform)
if TRAIN_IMAGES < len(trainset):
    trainset = torch.utils.data.Subset(trainset, range(TRAIN_IMAGES))
# a seeded generator makes the shuffling (and so the whole run) repeatable
trainloader = torch.utils.data.DataLoader(trainset, batch_size=BATCH_SIZE, shuffle=True,
                                          generator=torch.Generator().manual_seed(SEED))
testloader = torch.utils.data.DataLoader(testset, batch_size=500, shuffle=False)
classes = testset.classes
"""

_MODEL = """\
torch.manual_seed(SEED)
net = LeNet().to(DEVICE)
criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(net.parameters(), lr=LR, momentum=MOMENTUM)
"""

_TRAINING = """\
for epoch in range(EPOCHS):
    epoch_loss = 0.0
    for i, (inputs, labels) in enumerate(trainloader):
        inputs, labels = inputs.to(DEVICE), labels.to(DEVICE)
        optimizer.zero_grad()
        outputs = net(inputs)
        loss = criterion(outputs, labels)
        loss.backward()
        optimizer.step()
        if not math.isfinite(loss.item()):
            raise SystemExit(f"diverged at step {epoch * len(trainloader) + i + 1}: try a smaller learning rate")
        epoch_loss += loss.item()
    print(f"epoch {epoch + 1}: mean training loss {epoch_loss / len(trainloader):.4f}")
"""

_RESULTS = """\
class_correct = [0] * 10
class_total = [0] * 10
net.eval()
with torch.no_grad():
    for images, labels in testloader:
        predicted = net(images.to(DEVICE)).argmax(dim=1).cpu()
        for label, hit in zip(labels.tolist(), (predicted == labels).tolist()):
            class_correct[label] += int(hit)
            class_total[label] += 1
for i in range(10):
    if class_total[i]:
        print(f"Accuracy of {classes[i]:>10s}: {class_correct[i] / class_total[i]:6.1%}")
print(f"accuracy {sum(class_correct) / sum(class_total):.4f}")
print(f"final_loss {epoch_loss / len(trainloader):.9f}")
"""


def code(cfg: Cifar10Config) -> str:
    """The course's script with these settings; it reads the same data folder as the page."""
    root = data_dir().resolve()
    # The official files (or none yet: the course's download) go through torchvision's own
    # class, md5 check included; other files in the same format through FolderCIFAR10.
    official = not cifar.has_data(root) or cifar.is_official(root)
    imports = ["import math", "", "import torch", "import torch.nn as nn",
               "import torch.nn.functional as F", "import torchvision",
               "import torchvision.transforms as transforms"]
    values = {"DATA": str(root), "LR": cfg.lr, "MOMENTUM": cfg.momentum,
              "BATCH_SIZE": cfg.batch_size, "EPOCHS": cfg.epochs, "TRAIN_IMAGES": cfg.train_images,
              "SEED": cfg.seed, "DEVICE": codegen.device(cfg)}
    dataset = ("CIFAR10 = torchvision.datasets.CIFAR10\n" if official
               else _FOLDER_CLASS + "CIFAR10 = FolderCIFAR10\n")
    parts = [
        ("settings", codegen.settings(imports, values)),
        ("1. load and normalize CIFAR-10", dataset + "\n" + _DATA),
        ("2. the convolutional network; 3. loss and optimizer",
         codegen.embed(cifar.LeNet) + "\n\n\n" + _MODEL),
        ("4. train", _TRAINING),
        ("5. test, overall and per class", _RESULTS),
    ]
    title = "CIFAR-10: train the course's LeNet, then test it class by class."
    return codegen.script(title, "cifar10", cfg, parts)


TASK = Task(
    name="cifar10",
    summary="CIFAR-10 with LeNet, SGD 0.001 momentum 0.9, batch 4, 2 epochs (needs the data)",
    config=Cifar10Config,
    train=train,
    result=result,
    code=code,
    report=report,
    metrics=("accuracy", "final_loss"),
)
