"""CNN on MNIST: the course's two-convolution network.

    (1, 28, 28) -> Conv(1->16, k5, p2) + ReLU -> (16, 28, 28) -> MaxPool(2) -> (16, 14, 14)
                -> Conv(16->32, k5, p2) + ReLU -> (32, 14, 14) -> MaxPool(2) -> (32, 7, 7)
                -> flatten 32*7*7 = 1568 -> Linear(1568 -> 10) -> class scores

Adam lr 0.001, batch 50, cross-entropy. Padding 2 = (kernel 5 - 1) / 2 keeps each convolution's
output the size of its input; only the poolings halve it.

Pictures: the test digits' confusion matrix and predictions (every snapshot), and from the
weights kept in every snapshot the learned 5x5 filters of the first layer, the feature maps a
chosen digit produces, and the class probabilities of any digit (e.g. one the user uploads).
"""
from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Iterator

import numpy as np
import torch
from torch import nn

from core.config import course_default, param
from core.mnist_train import (DigitSettings, classifier_script, digit_classifier_result,
                              digit_data_report, load_digit_data,
                              train_digit_classifier, with_weights)
from core.registry import Task
from core.snapshots import Snapshot


@dataclass(frozen=True)
class CNNConfig(DigitSettings):
    conv1_channels: int = param(16, lo=1, hi=64, help="filters of the first convolution")
    conv2_channels: int = param(32, lo=1, hi=128, help="filters of the second convolution")
    dropout: float = param(0.0, lo=0.0, hi=0.9, help="dropout before the last Linear (course: none)")
    eval_every: int = param(50, lo=1, hi=10000, help="steps between test evaluations (course: 50)")
    # The course's values: Adam 0.001, batch 50, the first 2000 test digits. It trains 1 epoch
    # of full MNIST: 1,200 steps, about 98 %. The embedded subset has 4,000 training digits
    # (80 steps per epoch): 6 epochs reach >= 96 % held out.
    lr: float = course_default(DigitSettings, "lr", 0.001)
    batch_size: int = course_default(DigitSettings, "batch_size", 50)
    epochs: int = course_default(DigitSettings, "epochs", 6)


class CNN(nn.Module):
    """The course's CNN with adjustable widths; dropout 0 is the course's network exactly."""

    def __init__(self, conv1_channels: int = 16, conv2_channels: int = 32, dropout: float = 0.0):
        super().__init__()
        self.conv1 = nn.Sequential(  # (B, 1, 28, 28) -> (B, c1, 14, 14)
            nn.Conv2d(1, conv1_channels, kernel_size=5, stride=1, padding=2),
            nn.ReLU(),
            nn.MaxPool2d(kernel_size=2),
        )
        self.conv2 = nn.Sequential(  # (B, c1, 14, 14) -> (B, c2, 7, 7)
            nn.Conv2d(conv1_channels, conv2_channels, kernel_size=5, stride=1, padding=2),
            nn.ReLU(),
            nn.MaxPool2d(kernel_size=2),
        )
        self.drop = nn.Dropout(dropout)
        self.out = nn.Linear(conv2_channels * 7 * 7, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.conv1(x)
        x = self.conv2(x)
        x = x.view(x.size(0), -1)  # flatten: (B, c2 * 7 * 7)
        return self.out(self.drop(x))  # (B, 10) class scores (logits)


# --- data --------------------------------------------------------------------------------

load_data = load_digit_data  # the digits these settings train and test on
result = digit_classifier_result  # final loss, accuracy, which digits


def build_model(cfg: CNNConfig) -> CNN:
    return CNN(cfg.conv1_channels, cfg.conv2_channels, cfg.dropout)


def model_from_state(cfg: CNNConfig, state: dict[str, torch.Tensor]) -> CNN:
    """A CPU model holding the weights of a snapshot, in eval mode, for the pictures."""
    return with_weights(build_model(cfg), state)


# --- training ----------------------------------------------------------------------------

def train(cfg: CNNConfig) -> Iterator[Snapshot]:
    yield from train_digit_classifier(cfg, build_model)


# --- pictures from a snapshot's weights --------------------------------------------------

def filters(state: dict[str, torch.Tensor]) -> np.ndarray:
    """The first layer's learned 5x5 filters: (c1, 5, 5)."""
    return state["conv1.0.weight"][:, 0].numpy().copy()


@torch.no_grad()
def feature_maps(model: CNN, image: torch.Tensor) -> dict[str, np.ndarray]:
    """What each convolution (after its ReLU) makes of one digit.

    image: (1, 28, 28) or (28, 28). Returns conv1: (c1, 28, 28) and conv2: (c2, 14, 14).
    """
    x = image.reshape(1, 1, 28, 28).float()
    a1 = model.conv1[1](model.conv1[0](x))  # conv + ReLU, before pooling
    a2 = model.conv2[1](model.conv2[0](model.conv1[2](a1)))
    return {"conv1": a1[0].numpy(), "conv2": a2[0].numpy()}


@torch.no_grad()
def class_probabilities(model: nn.Module, images: torch.Tensor) -> np.ndarray:
    """Softmax of the class scores: (N, 10) for images (N, 1, 28, 28) or one (28, 28)."""
    x = images.reshape(-1, 1, 28, 28).float()
    return torch.softmax(model.eval()(x), dim=1).numpy()


def parameter_count(cfg: CNNConfig) -> dict[str, int]:
    """Parameters per layer (weights + biases) and in total."""
    model = build_model(cfg)
    counts = {name: sum(p.numel() for p in module.parameters())
              for name, module in (("conv1", model.conv1), ("conv2", model.conv2), ("out", model.out))}
    counts["total"] = sum(counts.values())
    return counts


# --- the standalone script ---------------------------------------------------------------

def code(cfg: CNNConfig) -> str:
    return classifier_script("CNN on MNIST: the course's network, trained with the page's settings.", "cnn", cfg,
                             CNN, f"CNN({cfg.conv1_channels}, {cfg.conv2_channels}, {cfg.dropout!r})")


TASK = Task(
    name="cnn",
    summary="CNN on MNIST: conv 16/32 k5 p2 + pool, Linear 32*7*7 -> 10, Adam 0.001, batch 50",
    config=CNNConfig,
    train=train,
    result=result,
    code=code,
    report=digit_data_report,
    metrics=("accuracy", "test_loss", "final_loss"),
)
