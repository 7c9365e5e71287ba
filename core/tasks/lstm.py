"""RNN classifier: an LSTM reads each MNIST digit one row at a time.

A 28x28 image is seen as a sequence of 28 time steps (the rows, top to bottom), each step a
vector of 28 pixel values. The LSTM carries a hidden state of 64 numbers from row to row; after
the last row, Linear(64 -> 10) turns the final hidden state into class scores.

    (B, 1, 28, 28) -> view (B, 28 rows = time, 28 pixels = features)
                   -> LSTM(28 -> 64, 1 layer, batch_first) -> r_out (B, 28, 64)
                   -> r_out[:, -1, :] (B, 64), the state after the last row -> Linear -> (B, 10)

Adam lr 0.01, batch 64 (the course: about 94.6 % after 1 epoch of full MNIST).
The picture: the hidden state after each of the 28 rows for one digit, and what the network
would answer if it had to stop reading at that row.
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

ROWS = 28  # time steps: one per image row
PIXELS = 28  # input features per step: the pixels of that row


@dataclass(frozen=True)
class LSTMConfig(DigitSettings):
    hidden_size: int = param(64, lo=1, hi=256, help="numbers in the LSTM's hidden state")
    num_layers: int = param(1, lo=1, hi=3, help="stacked LSTM layers (the course: 1)")
    dropout: float = param(0.0, lo=0.0, hi=0.9, help="dropout before the last Linear (course: none)")
    eval_every: int = param(50, lo=1, hi=10000, help="steps between test evaluations (course: 50)")
    # The course's values: Adam 0.01, batch 64, the first 2000 test digits. It trains 1 epoch of
    # full MNIST (938 steps), about 94.6 %. The subset has 63 steps per epoch: 8 epochs (504
    # steps) reach about 93 % on its 1,000 held-out digits.
    lr: float = course_default(DigitSettings, "lr", 0.01)
    batch_size: int = course_default(DigitSettings, "batch_size", 64)
    epochs: int = course_default(DigitSettings, "epochs", 8)


class RNN(nn.Module):
    """The course's row-by-row LSTM classifier (hidden 64, 1 layer by default)."""

    def __init__(self, hidden_size: int = 64, num_layers: int = 1, dropout: float = 0.0):
        super().__init__()
        self.rnn = nn.LSTM(input_size=28, hidden_size=hidden_size, num_layers=num_layers,
                           batch_first=True)  # tensors are (batch, time step, features)
        self.drop = nn.Dropout(dropout)
        self.out = nn.Linear(hidden_size, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = x.view(-1, 28, 28)  # (B, 1, 28, 28) -> (B, 28 rows, 28 pixels)
        r_out, (h_n, h_c) = self.rnn(x, None)  # None: start from a zero hidden state
        # r_out: (B, 28, hidden), the top layer's hidden state after every row
        return self.out(self.drop(r_out[:, -1, :]))  # after the last row -> (B, 10)


load_data = load_digit_data  # the digits these settings train and test on
result = digit_classifier_result  # final loss, accuracy, which digits


def build_model(cfg: LSTMConfig) -> RNN:
    return RNN(cfg.hidden_size, cfg.num_layers, cfg.dropout)


def model_from_state(cfg: LSTMConfig, state: dict[str, torch.Tensor]) -> RNN:
    """A CPU model holding the weights of a snapshot, in eval mode, for the pictures."""
    return with_weights(build_model(cfg), state)


def train(cfg: LSTMConfig) -> Iterator[Snapshot]:
    yield from train_digit_classifier(cfg, build_model)


@torch.no_grad()
def read_rows(model: RNN, image: torch.Tensor) -> tuple[np.ndarray, np.ndarray]:
    """Feed one digit row by row; after each row, the hidden state and the answer so far.

    image: (1, 28, 28) or (28, 28). Returns hidden (28, hidden_size): the top layer's state
    after rows 1..28, and probabilities (28, 10): softmax(Linear(state)) after each row, i.e.
    what the network would say if it stopped reading there. Row 28 is its real answer.
    """
    model.eval()
    r_out, _ = model.rnn(image.reshape(1, ROWS, PIXELS).float(), None)  # (1, 28, H)
    hidden = r_out[0]
    probabilities = torch.softmax(model.out(hidden), dim=1)  # Linear on every row's state
    return hidden.numpy(), probabilities.numpy()


def code(cfg: LSTMConfig) -> str:
    return classifier_script("RNN classifier: an LSTM reads each MNIST digit row by row "
                             "(the page's settings).", "lstm", cfg,
                             RNN, f"RNN({cfg.hidden_size}, {cfg.num_layers}, {cfg.dropout!r})")


TASK = Task(
    name="lstm",
    summary="RNN classifier: LSTM(28 -> 64) reads MNIST row by row, Linear(64 -> 10), Adam 0.01",
    config=LSTMConfig,
    train=train,
    result=result,
    code=code,
    report=digit_data_report,
    metrics=("accuracy", "test_loss", "final_loss"),
)
