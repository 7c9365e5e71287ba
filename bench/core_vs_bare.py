"""core's training generator vs a bare PyTorch loop: same model, same data, same steps.

The generator adds what the pages need (a Snapshot per step, loss.item(), accuracy, test metrics
every few steps, a copy of the weights at frame steps). This measures what that costs.

Both sides build their data and model the same way (core.tasks.<name>.make_data and
core.supervised.build_model: same seed, same initial weights); the bare side then runs only the
course's five lines per step. Each repetition times the two back to back and keeps their ratio;
the figure is the median ratio (robust to the load of a shared machine drifting between runs).

    OMP_NUM_THREADS=1 .venv/bin/python bench/core_vs_bare.py
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script or imported
from bench.common import load_average, median, show

REPEATS = 41  # cheap (a run is ~0.1 s), and the median of many ratios is steadier


def _bare_seconds(name: str, cfg) -> float:
    from torch import nn

    from core.supervised import build_model, build_optimizer
    from core.tasks import classification, regression

    module = classification if name == "classification" else regression
    started = time.perf_counter()
    data, _ = module.make_data(cfg)
    n_in, n_out = (len(cfg.features), cfg.n_classes) if name == "classification" else (1, 1)
    model = build_model(cfg, n_in, n_out)
    optimizer = build_optimizer(cfg, model)
    loss_fn = nn.CrossEntropyLoss() if name == "classification" else nn.MSELoss()
    x, y = data.x_train, data.y_train
    for _ in range(cfg.steps):  # the course's loop, nothing else
        out = model(x)
        loss = loss_fn(out, y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    loss.item()  # wait for the last step (a no-op on CPU, a sync elsewhere)
    return time.perf_counter() - started


def _core_seconds(name: str, cfg) -> float:
    from core.registry import get_task

    started = time.perf_counter()
    for _ in get_task(name).train(cfg):  # snapshots included, as a page consumes them
        pass
    return time.perf_counter() - started


def ratio(name: str, repeats: int = REPEATS) -> dict:
    from core.registry import get_task

    cfg = get_task(name).config()  # the course's defaults
    _core_seconds(name, cfg), _bare_seconds(name, cfg)  # first-call costs, not timed
    ratios, core_s, bare_s = [], [], []
    for i in range(repeats):
        # Alternate which side goes first so neither always gets the warmer cache.
        if i % 2:
            b, c = _bare_seconds(name, cfg), _core_seconds(name, cfg)
        else:
            c, b = _core_seconds(name, cfg), _bare_seconds(name, cfg)
        ratios.append(c / b)
        core_s.append(c)
        bare_s.append(b)
    return {"ratio": median(ratios), "core_ms": 1000 * median(core_s),
            "bare_ms": 1000 * median(bare_s), "steps": cfg.steps}


def measure() -> dict:
    import torch

    torch.set_num_threads(1)
    load = load_average()
    per_task = {name: ratio(name) for name in ("classification", "regression")}
    worst = max(per_task.values(), key=lambda r: r["ratio"])["ratio"]
    for name, r in per_task.items():
        show(f"core loop vs bare ({name}, {r['steps']} steps)", r["ratio"],
             f"core {r['core_ms']:.1f} ms, bare {r['bare_ms']:.1f} ms")
    show("core_loop_vs_bare (worse of the two)", worst, f"goal <= 1.10; load {load}")
    return {"core_loop_vs_bare": worst, "details": {"per_task": per_task, "load": load}}


if __name__ == "__main__":
    measure()
