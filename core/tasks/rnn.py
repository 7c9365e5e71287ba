"""RNN regression: read sin(t) one window at a time and predict cos(t).

The course slides a window of ``time_steps`` points along the time axis, one half period
[k*pi, (k+1)*pi] per training step. The input is sin(t), the target cos(t): the network cannot
read cos(t) off the current sin(t) alone (sin rises and falls through the same values), it has
to remember where it is in the wave. That memory is the hidden state, and it is carried from
one window to the next; ``detach`` cuts the graph there so each backward pass stays one window
long (truncated backpropagation through time).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from collections.abc import Iterator

import torch
from torch import nn

from core import codegen
from core.config import DEVICE_CHOICES, param
from core.devices import resolve_device
from core.registry import Task
from core.snapshots import Snapshot, divergence
from core.train import frame_interval

CELLS = ("RNN", "LSTM", "GRU")


@dataclass(frozen=True)
class RNNConfig:
    hidden_size: int = param(32, lo=1, hi=256, help="features in the hidden state")
    time_steps: int = param(10, lo=2, hi=200, help="points per window (each window spans pi)")
    cell: str = param("RNN", choices=CELLS, help="recurrent layer: nn.RNN, nn.LSTM or nn.GRU")
    lr: float = param(0.02, lo=1e-4, hi=10.0, log=True, help="Adam learning rate")
    windows: int = param(60, lo=1, hi=2000, help="training steps, one window each")
    seed: int = param(1, lo=0, hi=2**31 - 1, help="torch.manual_seed before building the net")
    device: str = param("cpu", choices=DEVICE_CHOICES, help="where the net runs")


def sine_window(k: int, time_steps: int) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Window k: ``time_steps`` times evenly spaced over [k*pi, (k+1)*pi], both ends included.

    Returns (t, x, y): t has shape (T,); x = sin(t) and y = cos(t) have shape (1, T, 1), i.e.
    (batch=1, time, features=1) for a batch_first recurrent layer. Computed in float64, then
    stored as float32, so the values are the exact float32 roundings of sin and cos.
    """
    t = torch.linspace(k * math.pi, (k + 1) * math.pi, time_steps, dtype=torch.float64)
    x = torch.sin(t).float().view(1, time_steps, 1)
    y = torch.cos(t).float().view(1, time_steps, 1)
    return t.float(), x, y


class SeqRegressor(nn.Module):
    """A recurrent layer (RNN, LSTM or GRU) with one input feature, then Linear(hidden -> 1)."""

    def __init__(self, cell: str = "RNN", hidden_size: int = 32) -> None:
        super().__init__()
        layer = {"RNN": nn.RNN, "LSTM": nn.LSTM, "GRU": nn.GRU}[cell]
        self.rnn = layer(input_size=1, hidden_size=hidden_size, num_layers=1, batch_first=True)
        self.out = nn.Linear(hidden_size, 1)

    def forward(self, x, state):
        # x: (1, T, 1); state: None at the start, else the previous window's last state,
        # (1, 1, H) for RNN/GRU or a pair of them (h, c) for LSTM.
        r_out, state = self.rnn(x, state)  # r_out: (1, T, H), the hidden state at every step
        # The course applies self.out step by step and stacks; Linear on (1, T, H) does the same
        # for all T steps at once.
        return self.out(r_out), state  # (1, T, 1)


def detach_state(state):
    """Keep the values of the hidden state, forget how they were computed.

    Without this, the next backward pass would run back through every earlier window (and
    fail, since their graphs are freed after each backward).
    """
    if isinstance(state, tuple):  # LSTM: (h, c)
        return tuple(s.detach() for s in state)
    return state.detach()


def train(cfg: RNNConfig) -> Iterator[Snapshot]:
    """One Adam step per window; yields after each with the window's loss and prediction."""
    device = resolve_device(cfg.device)
    torch.manual_seed(cfg.seed)
    model = SeqRegressor(cfg.cell, cfg.hidden_size).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=cfg.lr)
    loss_func = nn.MSELoss()

    # Copies of the weights (for the .pt download) at most every few windows: memory stays small.
    keep_every = frame_interval(cfg.windows, sum(p.numel() for p in model.parameters()))

    state = None  # no hidden state before the first window: the layer starts from zeros
    for k in range(cfg.windows):
        t, x, y = sine_window(k, cfg.time_steps)
        x, y = x.to(device), y.to(device)
        prediction, state = model(x, state)
        state = detach_state(state)
        loss = loss_func(prediction, y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()

        value = loss.item()
        stop = divergence(k + 1, {"loss": value})
        if stop is not None:
            yield Snapshot(k + 1, cfg.windows, {"train_loss": value}, divergence=stop)
            return
        # The picture is the prediction made on this window before the update: what the loss
        # measured. time_steps numbers per series, so a UI can keep every snapshot for replay.
        picture = {
            "t": t.tolist(),
            "x": x.view(-1).tolist(),
            "target": y.view(-1).tolist(),
            "prediction": prediction.detach().view(-1).cpu().tolist(),
        }
        weights = None
        if (k + 1) % keep_every == 0 or k + 1 == cfg.windows:
            weights = {name: p.detach().cpu().clone() for name, p in model.state_dict().items()}
        yield Snapshot(k + 1, cfg.windows, {"train_loss": value}, picture=picture, weights=weights)


def result(cfg: RNNConfig, last: Snapshot) -> dict:
    return {
        "final_loss": last.scalars["train_loss"],
        "dataset": f"sin -> cos, {cfg.windows} windows of {cfg.time_steps} steps",
        "cell": cfg.cell,
    }


_TRAINING = """\
state = None  # the first window starts from a zero hidden state
for k in range(WINDOWS):
    t, x, y = sine_window(k, TIME_STEPS)
    x, y = x.to(DEVICE), y.to(DEVICE)
    prediction, state = model(x, state)
    state = detach_state(state)  # carry the values to the next window, not the graph
    loss = loss_func(prediction, y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    if (k + 1) % 10 == 0 or k + 1 == WINDOWS:
        print(f"window {k + 1:4d}  loss {loss.item():.6f}")

print(f"final_loss {loss.item():.9f}")
"""

_MODEL = """\
torch.manual_seed(SEED)
model = SeqRegressor(CELL, HIDDEN_SIZE).to(DEVICE)
print(model)
optimizer = torch.optim.Adam(model.parameters(), lr=LR)
loss_func = nn.MSELoss()
"""


def code(cfg: RNNConfig) -> str:
    """A standalone script doing the same float operations as :func:`train`, in the same order."""
    values = {"HIDDEN_SIZE": cfg.hidden_size, "TIME_STEPS": cfg.time_steps, "CELL": cfg.cell,
              "LR": cfg.lr, "WINDOWS": cfg.windows, "SEED": cfg.seed, "DEVICE": codegen.device(cfg)}
    parts = [
        ("settings", codegen.settings(["import math", "", "import torch", "from torch import nn"],
                                      values)),
        ("data: one window of the sine wave", codegen.embed(sine_window)),
        ("model: a recurrent layer and a Linear; the state carried between windows",
         codegen.embed(SeqRegressor, detach_state) + "\n\n\n" + _MODEL),
        ("training: one Adam step per window", _TRAINING),
    ]
    title = "RNN regression: predict cos(t) from sin(t), one window at a time, hidden state carried."
    return codegen.script(title, "rnn", cfg, parts)


TASK = Task(
    name="rnn",
    summary="RNN regression: sin -> cos on sliding windows, hidden state carried (Adam 0.02)",
    config=RNNConfig,
    train=train,
    result=result,
    code=code,
    metrics=("final_loss",),
)
