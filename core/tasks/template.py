"""Training template: the five parts of a real PyTorch project, on MNIST.

1. settings      hyperparameters and the device
2. data          MNIST, normalized with the dataset's mean and std (0.1307, 0.3081)
3. model         conv 1->20 k5, pool, conv 20->20 k5, pool, fc 320->300->10
4. loss, optimizer, logging, resume
                 cross-entropy; the optimizer; TensorBoard event files; a checkpoint to resume
5. train + test  one pass over the training digits, then the test digits, every epoch

Every epoch writes a checkpoint ``<folder>/<epoch>.pth`` (folder: ``runs/template/<run_id>``,
or under ``$PLAYGROUND_RUNS``; the page gives each browser session its own run_id) holding
``{model_state_dict, optimizer_state_dict, epoch}`` (the course's three keys, plus ``history``,
the per-epoch numbers so far, so a resumed run can redraw the curve from its start), and
appends train_loss / test_loss / accuracy to TensorBoard event files in ``<folder>/events``
(open them with ``tensorboard --logdir <folder>/events``).

Resuming loads the weights *and* the optimizer's state and continues at the saved epoch; since
the shuffle of epoch e depends only on (seed, e) (core.mnist_train.epoch_order), 1 epoch +
resume + 1 epoch gives the very same numbers as 2 epochs straight.

The functions below are the script's parts: ``code(cfg)`` embeds their source, so the page's
"running code" is the code that runs.
"""
from __future__ import annotations

import math
import os
from dataclasses import dataclass
from collections.abc import Iterator

import torch
import torch.nn.functional as F
from torch import nn

from core import codegen, mnist, optim
from core.config import ConfigError, course_default, param
from core.devices import resolve_device
from core.folders import runs_dir
from core.mnist_train import (DigitSettings, data_import, data_loading_source,
                              digit_classifier_result, epoch_order, load_digits)
from core.registry import Task
from core.snapshots import Snapshot, divergence

MEAN, STD = 0.1307, 0.3081  # MNIST's pixel mean and standard deviation (training set)
# The template's two optimizers, as rows of core.optim's table (Adam with torch's own betas).
TEMPLATE_OPTIMIZERS = {"sgd": ("SGD", {}), "adam": ("Adam", {"betas": (0.9, 0.999)})}
OPTIMIZERS = tuple(TEMPLATE_OPTIMIZERS)


@dataclass(frozen=True)
class TemplateConfig(DigitSettings):
    optimizer: str = param("sgd", choices=OPTIMIZERS, help="the course uses plain SGD")
    hidden_size: int = param(300, lo=1, hi=1000, help="units of the first fully connected layer")
    # The course: 10 epochs of SGD lr 1e-4 on full MNIST (938 steps each) reach 75 %, batch 64,
    # all 10,000 test digits. The subset has 63 steps per epoch, where lr 1e-4 barely moves;
    # SGD 0.02 climbs to ~93 % in 5. A resumed run continues up to ``epochs``.
    lr: float = course_default(DigitSettings, "lr", 0.02)
    batch_size: int = course_default(DigitSettings, "batch_size", 64)
    epochs: int = course_default(DigitSettings, "epochs", 5)
    test_images: int = course_default(DigitSettings, "test_images", 10000)
    resume_epoch: int = param(0, lo=0, hi=99,
                              help="continue from the checkpoint saved after this epoch (0: start fresh)")
    # A number, not a path: a path typed into a web page could point anywhere.
    run_id: int = param(0, lo=0, hi=999_999_999,
                        help="checkpoint folder runs/template/<run_id> (0: runs/template); "
                             "the page gives each browser session its own")

    def check(self) -> None:
        if self.resume_epoch >= self.epochs:
            raise ConfigError(f"resume_epoch ({self.resume_epoch}) must be below epochs "
                              f"({self.epochs}): training continues up to epochs")


# --- where checkpoints go ------------------------------------------------------------------
# $PLAYGROUND_RUNS/template/<run_id> (default: runs/template in the repository; run_id 0: no
# sub-folder). The folder is a function of the settings alone because a page's run may train
# in another process (ui/workers.py), which only receives the settings.

def checkpoint_folder(cfg: TemplateConfig) -> str:
    """The folder this run writes ``<epoch>.pth`` and ``events/`` into."""
    base = runs_dir() / "template"
    return str(base / str(cfg.run_id) if cfg.run_id else base)


def checkpoint_path(folder: str, epoch: int) -> str:
    return os.path.join(folder, f"{epoch}.pth")


# --- 2. data -------------------------------------------------------------------------------

def normalize(images: torch.Tensor) -> torch.Tensor:
    """transforms.Normalize((0.1307,), (0.3081,)): zero mean, unit spread over MNIST's pixels."""
    return (images - MEAN) / STD


# --- 3. model ------------------------------------------------------------------------------

class Net(nn.Module):
    """The course's template network (hidden_size 300)."""

    def __init__(self, hidden_size: int = 300):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 20, kernel_size=5, stride=1)  # (1, 28, 28) -> (20, 24, 24)
        self.conv2 = nn.Conv2d(20, 20, kernel_size=5, stride=1)  # (20, 12, 12) -> (20, 8, 8)
        self.fc1 = nn.Linear(4 * 4 * 20, hidden_size)  # 320 numbers after the second pooling
        self.fc2 = nn.Linear(hidden_size, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.relu(self.conv1(x))
        x = F.max_pool2d(x, kernel_size=2, stride=2)  # (20, 24, 24) -> (20, 12, 12)
        x = F.relu(self.conv2(x))
        x = F.max_pool2d(x, 2, 2)  # (20, 8, 8) -> (20, 4, 4)
        x = x.view(-1, 4 * 4 * 20)  # flatten to 320
        x = F.relu(self.fc1(x))
        return self.fc2(x)  # (B, 10) class scores


# --- 4. loss, optimizer, logging, resume ----------------------------------------------------

def make_optimizer(name: str, model: nn.Module, lr: float) -> torch.optim.Optimizer:
    table_name, hyper = TEMPLATE_OPTIMIZERS[name]
    return optim.make_optimizer(table_name, model.parameters(), lr, **hyper)


def save_checkpoint(folder: str, model: nn.Module, optimizer: torch.optim.Optimizer, epoch: int,
                    history: list) -> str:
    """``<folder>/<epoch>.pth``: everything needed to continue training after ``epoch``."""
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, f"{epoch}.pth")
    checkpoint = {"model_state_dict": model.state_dict(),
                  "optimizer_state_dict": optimizer.state_dict(),
                  "epoch": epoch,  # epochs done: training continues with epoch + 1
                  "history": history}  # per-epoch numbers so far, to redraw the whole curve
    torch.save(checkpoint, path)
    return path


def load_checkpoint(path: str, model: nn.Module, optimizer: torch.optim.Optimizer) -> tuple[int, list]:
    """Restore weights and optimizer state; return (epochs done, history so far)."""
    checkpoint = torch.load(path, map_location="cpu", weights_only=True)  # tensors, numbers only
    model.load_state_dict(checkpoint["model_state_dict"])
    optimizer.load_state_dict(checkpoint["optimizer_state_dict"])
    return checkpoint["epoch"], list(checkpoint.get("history", []))


# --- 5. train + test -------------------------------------------------------------------------

def train_epoch(model: nn.Module, optimizer: torch.optim.Optimizer, criterion: nn.Module,
                x: torch.Tensor, y: torch.Tensor, batch_size: int, seed: int, epoch: int) -> float:
    """One pass over the training digits in the order of (seed, epoch); the mean batch loss.

    Stops early and returns the NaN/inf at the first batch whose loss is not finite.
    """
    model.train()
    order = epoch_order(len(y), seed, epoch).to(x.device)
    total = 0.0
    for start in range(0, len(y), batch_size):
        idx = order[start:start + batch_size]
        output = model(x[idx])  # forward
        loss = criterion(output, y[idx])
        optimizer.zero_grad()  # backward: clear old gradients first
        loss.backward()
        optimizer.step()  # update the weights
        if not math.isfinite(loss.item()):
            return loss.item()
        total += loss.item() * len(idx)  # weight by batch size: the last batch may be short
    return total / len(y)


@torch.no_grad()
def test(model: nn.Module, x: torch.Tensor, y: torch.Tensor, chunk: int = 1000) -> tuple[float, float]:
    """(mean test loss, accuracy) with dropout/batch-norm in eval mode and no gradients.

    The course divides a sum of per-batch *means* by the number of digits, which shrinks the
    loss by the batch size; here it is the true mean cross-entropy per digit.
    """
    model.eval()
    loss_sum, correct = 0.0, 0
    for start in range(0, len(y), chunk):
        output = model(x[start:start + chunk])
        loss_sum += F.cross_entropy(output, y[start:start + chunk], reduction="sum").item()
        correct += (output.argmax(dim=1) == y[start:start + chunk]).sum().item()
    return loss_sum / len(y), correct / len(y)


# --- the page's generator ------------------------------------------------------------------

def load_data(cfg: TemplateConfig) -> mnist.MnistData:
    return load_digits(cfg.data, cfg.train_images, cfg.test_images)


def checkpoint_info(path: str) -> dict:
    """What a checkpoint file holds (epoch, history), for the page; ConfigError if unreadable."""
    try:
        checkpoint = torch.load(path, map_location="cpu", weights_only=True)
    except FileNotFoundError:
        raise ConfigError(f"resume: no checkpoint file at {path}") from None
    except Exception as err:  # not a torch file, or not plain tensors and numbers
        raise ConfigError(f"resume: {path} is not a readable checkpoint ({type(err).__name__})") from None
    if not isinstance(checkpoint, dict) or not {"model_state_dict", "optimizer_state_dict",
                                                "epoch"} <= set(checkpoint):
        raise ConfigError("resume: the file is not a checkpoint "
                          "{model_state_dict, optimizer_state_dict, epoch}")
    return {"epoch": int(checkpoint["epoch"]), "history": list(checkpoint.get("history", []))}


def check_resume(cfg: TemplateConfig, folder: str | None = None) -> None:
    """Raise ConfigError unless ``cfg`` can resume from ``<folder>/<resume_epoch>.pth``.

    folder: where the checkpoints are (default: this config's own folder).
    """
    folder = folder or checkpoint_folder(cfg)
    path = checkpoint_path(folder, cfg.resume_epoch)
    info = checkpoint_info(path)
    if info["epoch"] >= cfg.epochs:
        raise ConfigError(f"resume: the checkpoint is already at epoch {info['epoch']}; "
                          f"set epochs above {info['epoch']} to continue")
    model = Net(cfg.hidden_size)
    try:  # the weights must fit this architecture, the optimizer state this optimizer
        load_checkpoint(path, model, make_optimizer(cfg.optimizer, model, cfg.lr))
    except (RuntimeError, KeyError, ValueError) as err:
        lines = [line.strip() for line in str(err).splitlines() if line.strip()]
        detail = next((line for line in lines if line.startswith(("size mismatch", "Missing",
                                                                   "Unexpected"))), lines[0])
        raise ConfigError(f"resume: the checkpoint does not fit this network ({detail})") from None


def train(cfg: TemplateConfig) -> Iterator[Snapshot]:
    """One Snapshot per epoch: train_loss, test_loss, accuracy; checkpoint and events written."""
    from torch.utils.tensorboard import SummaryWriter  # late: tensorboard is a heavy import

    data = load_data(cfg)
    device = resolve_device(cfg.device)
    train_x, train_y = normalize(data.train_images).to(device), data.train_labels.to(device)
    test_x, test_y = normalize(data.test_images).to(device), data.test_labels.to(device)

    torch.manual_seed(cfg.seed)
    model = Net(cfg.hidden_size).to(device)
    optimizer = make_optimizer(cfg.optimizer, model, cfg.lr)
    criterion = nn.CrossEntropyLoss()
    folder = checkpoint_folder(cfg)
    start_epoch, history = 0, []
    if cfg.resume_epoch:
        check_resume(cfg)  # a clear ConfigError for a missing or unfit checkpoint
        start_epoch, history = load_checkpoint(checkpoint_path(folder, cfg.resume_epoch),
                                               model, optimizer)
    # The checkpoint's epochs first, as this run's own start (nothing is retrained): its curves,
    # its epoch slider and its "epoch 7/7" then tell one story from epoch 1, not from 6.
    for done, row in enumerate(history, start=1):
        path = checkpoint_path(folder, row["epoch"])
        yield Snapshot(row["epoch"], cfg.epochs,
                       {k: v for k, v in row.items() if k != "epoch"},
                       picture={"checkpoint": path if os.path.isfile(path) else None},
                       extra={"history": history[:done], "resumed_from": start_epoch,
                              "folder": folder})

    writer = SummaryWriter(log_dir=os.path.join(folder, "events"))
    try:
        for epoch in range(start_epoch, cfg.epochs):
            train_loss = train_epoch(model, optimizer, criterion, train_x, train_y,
                                     cfg.batch_size, cfg.seed, epoch)
            stop = divergence(epoch + 1, {"loss": train_loss})
            if stop is not None:
                yield Snapshot(epoch + 1, cfg.epochs, {"train_loss": train_loss}, divergence=stop,
                               extra={"history": history, "resumed_from": start_epoch,
                                      "folder": folder})
                return
            test_loss, accuracy = test(model, test_x, test_y)
            scalars = {"train_loss": train_loss, "test_loss": test_loss, "accuracy": accuracy}
            history = history + [{"epoch": epoch + 1, **scalars}]
            for name, value in scalars.items():  # one TensorBoard curve per number
                writer.add_scalar(name, value, global_step=epoch + 1)
            writer.flush()
            path = save_checkpoint(folder, model, optimizer, epoch + 1, history)
            yield Snapshot(epoch + 1, cfg.epochs, scalars, picture={"checkpoint": path},
                           extra={"history": history, "resumed_from": start_epoch,
                                  "folder": folder})
    finally:  # also when the page stops the generator early
        writer.close()


def result(cfg: TemplateConfig, last: Snapshot) -> dict:
    out = digit_classifier_result(cfg, last)
    out["epochs"] = out.pop("steps")  # one snapshot per epoch
    if last.picture:
        out["checkpoint"] = last.picture["checkpoint"]
    out["events"] = os.path.join(last.extra.get("folder", checkpoint_folder(cfg)), "events")
    return out


def report(cfg: TemplateConfig, last: Snapshot) -> str:
    d = load_data(cfg)
    lines = [f"data: {d.name}: {d.n_train} training + {d.n_test} test digits"]
    for row in last.extra.get("history", []):
        lines.append(f"epoch {row['epoch']}: train loss {row['train_loss']:.4f}  "
                     f"test loss {row['test_loss']:.4f}  accuracy {row['accuracy']:.2%}")
    folder = last.extra.get("folder", checkpoint_folder(cfg))
    lines.append(f"TensorBoard: tensorboard --logdir {os.path.join(folder, 'events')}")
    return "\n".join(lines)


# --- the standalone script, in five parts ----------------------------------------------------

PART_TITLES = ("1. Settings", "2. Data", "3. Model", "4. Loss, optimizer, logging, resume",
               "5. Train and test")


def code_parts(cfg: TemplateConfig) -> list[tuple[str, str]]:
    """The script as (title, source) for each of the five parts, in order."""
    data = load_data(cfg)
    imports = ["import math", "import os", "", "import numpy as np", "import torch",
               "import torch.nn.functional as F", "from torch import nn",
               "from torch.utils.tensorboard import SummaryWriter  # needs: pip install tensorboard",
               data_import(data)]
    settings = codegen.settings(imports, {
        "BATCH_SIZE": cfg.batch_size, "EPOCHS": cfg.epochs, "LR": cfg.lr,
        "TRAIN_IMAGES": cfg.train_images, "TEST_IMAGES": cfg.test_images, "SEED": cfg.seed,
        "CHECKPOINTS_DIR": "./checkpoints",
        "EVENT_DIR": codegen.Code("os.path.join(CHECKPOINTS_DIR, 'events')"
                                  "  # tensorboard --logdir ./checkpoints/events"),
        "RESUME_EPOCH": codegen.Code(f"{cfg.resume_epoch}  # continue from "
                                     "CHECKPOINTS_DIR/<n>.pth; 0: start fresh"),
        "DEVICE": codegen.device(cfg),
    })
    data_part = (data_loading_source(data) + "\n\n"
                 + f"MEAN, STD = {MEAN}, {STD}\n\n\n" + codegen.embed(normalize, epoch_order) + "\n\n\n"
                 "train_x, train_y = normalize(train_x).to(DEVICE), train_y.to(DEVICE)\n"
                 "test_x, test_y = normalize(test_x).to(DEVICE), test_y.to(DEVICE)\n")
    table_name, hyper = TEMPLATE_OPTIMIZERS[cfg.optimizer]
    model_part = (codegen.embed(Net) + "\n\n\n"
                  "torch.manual_seed(SEED)  # right before building the net: same seed, same weights\n"
                  f"model = Net({cfg.hidden_size}).to(DEVICE)\n")
    logging_part = ("criterion = nn.CrossEntropyLoss()\n"
                    f"optimizer = {optim.optimizer_source(table_name, cfg.lr, **hyper)}\n"
                    "writer = SummaryWriter(EVENT_DIR)\n\n\n"
                    + codegen.embed(save_checkpoint, load_checkpoint) + "\n\n\n" + RESUME)
    loop_part = codegen.embed(train_epoch, test) + "\n\n\n" + LOOP
    return list(zip(PART_TITLES, (settings, data_part, model_part, logging_part, loop_part), strict=True))


RESUME = """\
start_epoch, history = 0, []
if RESUME_EPOCH:
    resume = os.path.join(CHECKPOINTS_DIR, f'{RESUME_EPOCH}.pth')
    start_epoch, history = load_checkpoint(resume, model, optimizer)
    print('resumed from', resume, 'after epoch', start_epoch)
"""

LOOP = """\
for epoch in range(start_epoch, EPOCHS):
    train_loss = train_epoch(model, optimizer, criterion, train_x, train_y, BATCH_SIZE, SEED, epoch)
    test_loss, accuracy = test(model, test_x, test_y)
    print(f"epoch {epoch + 1}: train loss {train_loss:.4f}  test loss {test_loss:.4f}  "
          f"accuracy {accuracy:.2%}")
    history = history + [{"epoch": epoch + 1, "train_loss": train_loss,
                          "test_loss": test_loss, "accuracy": accuracy}]
    writer.add_scalar("train_loss", train_loss, global_step=epoch + 1)
    writer.add_scalar("test_loss", test_loss, global_step=epoch + 1)
    writer.add_scalar("accuracy", accuracy, global_step=epoch + 1)
    writer.flush()
    save_checkpoint(CHECKPOINTS_DIR, model, optimizer, epoch + 1, history)
writer.close()

print(f"final_loss {train_loss:.9f}")
"""


def code(cfg: TemplateConfig) -> str:
    d = load_data(cfg)
    notes = (f"Data: {d.name}, {d.n_train} training and {d.n_test} test digits.\n"
             "Checkpoints {model_state_dict, optimizer_state_dict, epoch} go to CHECKPOINTS_DIR\n"
             "every epoch; set RESUME_EPOCH to one of them to continue the same curve.")
    return codegen.script("Training template: the five parts of a PyTorch project, on MNIST.",
                          "template", cfg, code_parts(cfg), notes)


TASK = Task(
    name="template",
    summary="training template: MNIST, conv 20/20 k5, fc 320->300->10, checkpoints, TensorBoard",
    config=TemplateConfig,
    train=train,
    result=result,
    code=code,
    report=report,
)
