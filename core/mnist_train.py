"""The mini-batch loop shared by the MNIST classifiers (CNN and LSTM pages), as a generator.

It is the course's loop (forward, loss, zero_grad, backward, step; every ``eval_every`` steps
the accuracy on the test digits), written so that

* the order of the digits in epoch ``e`` depends only on (seed, epoch): :func:`epoch_order`
  (so a generated script, or a resumed run, sees exactly the same batches);
* a NaN/inf loss ends the run with a Divergence snapshot instead of garbage;
* each snapshot carries what the pictures need, built by the page's ``picture`` callback.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Callable, Iterator

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from core.mnist import MnistData
from core.snapshots import Divergence, Snapshot


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


PictureFn = Callable[[nn.Module, Evaluation], Any]


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
            output = model(train_x[idx])  # (B, 10) class scores
            loss = loss_fn(output, train_y[idx])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            step += 1

            value = loss.item()
            if not math.isfinite(value):
                yield Snapshot(step, total, {"train_loss": value}, extra={"epoch": epoch + 1},
                               divergence=Divergence(step, "loss", value))
                return
            running += value
            count += 1
            if step % eval_every == 0 or step == total:
                ev = evaluate(model, test_x, test_y)
                scalars = {"train_loss": running / count, "test_loss": ev.loss,
                           "accuracy": ev.accuracy}
                running, count = 0.0, 0
                if not math.isfinite(ev.loss):  # weights blew up without a NaN batch loss yet
                    yield Snapshot(step, total, scalars, extra={"epoch": epoch + 1},
                                   divergence=Divergence(step, "test_loss", ev.loss))
                    return
                yield Snapshot(step, total, scalars, picture=picture(model, ev),
                               extra={"epoch": epoch + 1})
