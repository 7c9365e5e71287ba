"""Where the playground keeps its files, each folder movable by an environment variable:
the data folder (MNIST, CIFAR-10) and the runs folder (checkpoints, TensorBoard events)."""
from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_ENV = "PLAYGROUND_DATA"  # environment variable that moves the data folder
RUNS_ENV = "PLAYGROUND_RUNS"  # environment variable that moves the runs folder
# Every environment variable core reads while it trains: a training worker process started
# before one of them was set (or changed) is given their values with each job (ui/workers.py).
TRAINING_ENVIRONMENT = (DATA_ENV, RUNS_ENV)


def folder_from_env(variable: str, default: str) -> Path:
    """The folder named by the environment ``variable`` if set, else ``<repository>/<default>``."""
    env = os.environ.get(variable, "").strip()
    return Path(env).expanduser() if env else REPO_ROOT / default


def data_dir() -> Path:
    """The data folder: $PLAYGROUND_DATA if set, else ``data/`` at the repository root."""
    return folder_from_env(DATA_ENV, "data")


def runs_dir() -> Path:
    """The runs folder: $PLAYGROUND_RUNS if set, else ``runs/`` at the repository root."""
    return folder_from_env(RUNS_ENV, "runs")
