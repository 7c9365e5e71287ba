"""The training loop as a generator of snapshots.

    for snapshot in supervised_run(model, loss_fn, optimizer, data, steps=100, ...):
        draw(snapshot)            # or: itertools.islice(...), or run to the end

The loop is the course's loop (forward, loss, zero_grad, backward, step) with three additions:
NaN/inf detection that ends the run with a Divergence instead of an exception, test metrics
every few steps, and a copy of the weights at "frame" steps (``Snapshot.weights``) so that a
picture (boundary, fitted line) can be drawn for any recorded step later, without retraining.
"""
from __future__ import annotations

import dataclasses
import math
import struct
from dataclasses import dataclass
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import torch
from torch import nn

from core.config import ConfigError, validate
from core.snapshots import Snapshot, divergence

MAX_EVAL_INTERVAL = 50  # steps between test evaluations, at most


def default_eval_interval(steps: int) -> int:
    """About 10 test points per run, and one at least every MAX_EVAL_INTERVAL steps."""
    return max(1, min(steps // 10, MAX_EVAL_INTERVAL))


@dataclass(frozen=True)
class SupervisedData:
    """Training (and optional test) tensors, already on the training device."""

    x_train: torch.Tensor
    y_train: torch.Tensor
    x_test: torch.Tensor | None = None
    y_test: torch.Tensor | None = None

    @property
    def has_test(self) -> bool:
        return self.x_test is not None and self.x_test.shape[0] > 0  # len() is a Python method


def optimizer_step(model: nn.Module, loss_fn: Callable, optimizer: torch.optim.Optimizer,
                   x: torch.Tensor, y: torch.Tensor, l1: float = 0.0) -> tuple[torch.Tensor, torch.Tensor]:
    """The course's five lines: forward, loss, zero_grad, backward, step.

    Returns the forward pass's output and loss, from before the update (what the course
    prints). l1 > 0 backpropagates ``loss + l1 * l1_penalty(model)`` instead of the loss.
    """
    output = model(x)
    loss = loss_fn(output, y)
    objective = loss + l1 * l1_penalty(model) if l1 > 0 else loss
    optimizer.zero_grad()  # clear the gradients of the last step
    objective.backward()  # backpropagation: new gradients
    optimizer.step()  # apply them to the weights
    return output, loss


def batch_indices(n_points: int, batch_size: int, generator: torch.Generator):
    """Endless mini-batches of indices: a fresh shuffle every epoch, the last batch may be short."""
    while True:
        order = torch.randperm(n_points, generator=generator)
        for start in range(0, n_points, batch_size):
            yield order[start:start + batch_size]


def l1_penalty(model: nn.Module) -> torch.Tensor:
    """Σ|w| over the weight matrices (biases are not penalised, as in TensorFlow Playground).

    L2 is the optimizer's ``weight_decay``; L1 has no such switch in PyTorch, so it is added to
    the loss: ``loss + l1 * l1_penalty(model)`` pushes small weights to exactly zero.
    """
    return sum(p.abs().sum() for p in model.parameters() if p.dim() > 1)


def share_one_buffer(model: nn.Module) -> torch.Tensor:
    """Make every parameter a view into one flat tensor, and return that tensor.

    Training is unchanged (same values, same operations, in place as before), but copying all
    the weights for a snapshot becomes one ``clone()`` instead of one copy per tensor.
    """
    params = list(model.parameters())
    with torch.no_grad():
        flat = torch.cat([p.reshape(-1) for p in params])
    start = 0
    for p in params:
        p.data = flat[start:start + p.numel()].view_as(p)
        start += p.numel()
    return flat


def weights_vector(model: nn.Module) -> torch.Tensor:
    """All parameters as one flat CPU float32 vector (what a picture needs to redraw the model).

    ``torch.cat`` always makes new memory, so the vector is a copy, never a view of the weights.
    """
    with torch.no_grad():
        return torch.cat([p.reshape(-1) for p in model.parameters()]).cpu()


def frame_interval(steps: int, n_params: int, max_frames: int = 500,
                   budget_floats: int = 4_000_000) -> int:
    """Keep every step's weights for small runs; thin out long runs and big nets (memory)."""
    frames = min(max_frames, max(20, budget_floats // max(n_params, 1)))
    return max(1, math.ceil(steps / frames))


def supervised_run(
    model: nn.Module,
    loss_fn: Callable[[torch.Tensor, torch.Tensor], torch.Tensor],
    optimizer: torch.optim.Optimizer,
    data: SupervisedData,
    *,
    steps: int,
    batch_size: int = 0,
    generator: torch.Generator | None = None,
    classify: bool = False,
    eval_every: int | None = None,
    l1: float = 0.0,
) -> Iterator[Snapshot]:
    """Train for ``steps`` optimizer updates, yielding one Snapshot per step.

    batch_size 0 (or >= the number of points) trains on the whole set every step, as the course
    does. Scalars per step: ``train_loss`` (the batch's loss before the update, as the course
    prints it); every ``eval_every`` steps and at the end also, when classifying,
    ``train_accuracy`` of that step's forward pass, and ``test_loss``/``test_accuracy`` in eval
    mode. (Metrics every step would cost as much as the training itself on the course's nets.)
    The default schedule gives about 10 test points per run but at least one every
    ``MAX_EVAL_INTERVAL`` steps, so that a long run stopped early still has test figures.

    l1 > 0 adds ``l1 * l1_penalty(model)`` to the loss that is backpropagated; ``train_loss``
    stays the data loss (the number the course prints), so curves with and without L1 compare.
    """
    n_train = len(data.x_train)
    full_batch = batch_size <= 0 or batch_size >= n_train
    batches = None if full_batch else batch_indices(n_train, batch_size, generator)
    eval_every = eval_every or default_eval_interval(steps)
    flat_weights = share_one_buffer(model)
    # a frame's copy of the weights: clone() on the CPU (half the cost of .to(copy=True)),
    # a copy to host memory from a GPU
    copy_weights = flat_weights.clone if flat_weights.device.type == "cpu" else flat_weights.cpu
    every_frame = frame_interval(steps, flat_weights.numel())
    switch_modes = has_train_mode_layers(model)

    model.train()
    for step in range(1, steps + 1):
        if full_batch:
            xb, yb = data.x_train, data.y_train
        else:
            idx = next(batches)
            xb, yb = data.x_train[idx], data.y_train[idx]

        out, loss = optimizer_step(model, loss_fn, optimizer, xb, yb, l1)
        train_loss = loss.item()
        scalars = {"train_loss": train_loss}
        # The one NaN/inf rule is snapshots.divergence; a finite loss (nearly every step) needs
        # no call to it: 0.3 % of a course run (see "Core loop" in the README).
        stop = None if math.isfinite(train_loss) else divergence(step, {"loss": train_loss})
        last = step == steps
        if stop is None and (step % eval_every == 0 or last):
            scalars.update(evaluate(model, loss_fn, data, classify, final=last,
                                    switch_modes=switch_modes, batch=(out, yb)))
            stop = divergence(step, scalars)
        if stop is not None:
            yield Snapshot(step, steps, scalars, divergence=stop)
            return
        weights = None
        if step % every_frame == 0 or last or step == 1:
            weights = copy_weights()  # the weights after this step
        yield Snapshot(step, steps, scalars, weights)


_FLOAT32 = struct.Struct("f")  # a C float: packing rounds a Python float to float32


def accuracy(scores: torch.Tensor, labels: torch.Tensor) -> float:
    """The share of rows whose highest score is their label: to the bit the course's
    ``(scores.argmax(1) == labels).float().mean().item()``, with two tensor operations fewer
    (the test evaluations are most of what the generator costs over the bare loop).

    The hits are counted exactly; their quotient computed in double and rounded to float32 is
    the correctly rounded float32 quotient that torch's float32 mean gives (a double has more
    than twice float32's precision, so the two roundings never disagree). The rounding is a
    ``struct`` round trip rather than ``float(np.float32(q))`` and the size ``numel()`` rather
    than ``len()`` (a Python method of torch.Tensor): the same values at about half the cost
    inside the training loop, where this code has left the CPU's caches (measured there:
    2.5 µs against 5-12 µs for the NumPy scalar, 1.5 µs against 3.8 µs for len()).
    """
    hits = torch.count_nonzero(scores.argmax(1) == labels).item()
    return _FLOAT32.unpack(_FLOAT32.pack(hits / labels.numel()))[0]


def evaluate(model: nn.Module, loss_fn: Callable, data: SupervisedData, classify: bool,
             final: bool = False, switch_modes: bool = True,
             batch: tuple[torch.Tensor, torch.Tensor] | None = None) -> dict[str, float]:
    """The metrics of an evaluation step, in eval mode (dropout off): when classifying, the
    ``train_accuracy`` of the step's forward pass (``batch``: its scores and labels); the test
    loss and accuracy; at the end (``final``) the loss and accuracy on the whole training set.

    The batch's accuracy is counted after the test accuracy because its argmax, compare and
    count are then still in the CPU's caches: on the course's tiny nets, where a training step
    is ~25 small operations, the first of these after a step costs 2-3 times the second.
    switch_modes=False skips eval()/train(), which walk every module, for nets where they
    change nothing (see :func:`has_train_mode_layers`). Inference mode is entered with a
    ``with`` block: the decorator form makes a fresh context manager per call, a few more
    Python calls in code that runs with cold caches (0.2 % of a course run).
    """
    if switch_modes:
        model.eval()
    test: dict[str, float] = {}
    out: dict[str, float] = {}
    with torch.inference_mode():
        if data.has_test:
            pred = model(data.x_test)
            test["test_loss"] = loss_fn(pred, data.y_test).item()
            if classify:
                test["test_accuracy"] = accuracy(pred, data.y_test)
        if classify and batch is not None:
            out["train_accuracy"] = accuracy(*batch)  # listed first, as the pages show them
        out.update(test)
        if final:
            pred = model(data.x_train)
            out["final_train_loss"] = loss_fn(pred, data.y_train).item()
            if classify:
                out["final_train_accuracy"] = accuracy(pred, data.y_train)
    if switch_modes:
        model.train()
    return out


def has_train_mode_layers(model: nn.Module) -> bool:
    """Whether train() and eval() change anything (dropout, batch norm): they do not for a
    plain Linear/activation stack."""
    return any(isinstance(m, (nn.Dropout, nn.modules.batchnorm._BatchNorm)) for m in model.modules())


# --------------------------------------------------------------------------- continuing a run
def continued(cfg: Any, more: int) -> Any:
    """The settings of a run of ``cfg.steps`` steps continued by ``more`` steps.

    Every run here is deterministic (seeded data, seeded initial weights, seeded batch order,
    the same float operations in the same order), so "train N more steps from the current
    weights, with the optimizer's state and the batch order going on where they were" is
    exactly the run of ``cfg.steps + more`` steps, and its script is the script of those
    settings. :func:`steps_after` streams only the new part of it.
    """
    if more < 1:
        raise ConfigError("more: continue by at least one step")
    longer = dataclasses.replace(cfg, steps=cfg.steps + more)
    validate(longer)
    return longer


def steps_after(snapshots: Iterator[Snapshot], done: int) -> Iterator[Snapshot]:
    """The snapshots of a run past step ``done``: the first ``done`` steps are trained again
    (they give the very weights the earlier run ended with) but not sent anywhere."""
    try:
        for snap in snapshots:
            if snap.step > done or snap.divergence is not None:
                yield snap
    finally:
        snapshots.close()  # a continuation left half way stops its training too


def stalled(losses: Sequence[float], min_steps: int = 20, tolerance: float = 1e-6) -> bool:
    """Whether a run is stuck: over the last half of its steps (at least ``min_steps``) the
    loss moved by no more than ``tolerance`` of its size (dead ReLUs, a step size that
    bounces the same way every time). A plateau that still creeps down is not stuck."""
    values = [v for v in losses if math.isfinite(v)]
    tail = values[len(values) // 2:]
    if len(tail) < min_steps // 2 or len(values) < min_steps:
        return False
    return max(tail) - min(tail) <= tolerance * max(1.0, abs(tail[-1]))
