"""Optimizers race (core.tasks.optimizers): fairness, the course's result, divergence, the script."""
from __future__ import annotations

import ast
import json
import math
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch
from torch import nn

from core.config import ConfigError, from_strings
from core.snapshots import run_to_end
from core.tasks import optimizers as race
from core.tasks.optimizers import OptimizersConfig

torch.set_num_threads(1)  # 2 shared cores: threads only fight each other here
ROOT = Path(__file__).resolve().parents[2]
SMALL = dict(points=200, epochs=1)  # 7 steps of 32 (the last one 8 points)


def test_steps_follow_the_course_loader():
    cfg = OptimizersConfig()
    assert cfg.steps_per_epoch == 32  # 31 full batches of 32 and one of 8, as the DataLoader
    assert cfg.steps == 12 * 32
    history, _ = run_to_end(race.train(OptimizersConfig(**SMALL)))
    assert [s.step for s in history] == list(range(1, 8))


def test_first_losses_are_equal_same_weights_same_batch():
    """Step 1: five copies of one net see one batch -> five identical losses."""
    first = next(race.train(OptimizersConfig(**SMALL)))
    assert set(first.scalars) == {"SGD", "Momentum", "RMSprop", "Adam", "Adagrad"}
    assert len(set(first.scalars.values())) == 1


def test_each_optimizer_alone_runs_exactly_as_in_the_race():
    """The race shares one batch stream and one initial net; running an optimizer on its own
    (which draws the same batches from the same seed) gives the very same curve."""
    together, _ = run_to_end(race.train(OptimizersConfig(**SMALL)))
    for name in ("SGD", "Adam", "Adagrad"):
        alone, _ = run_to_end(race.train(OptimizersConfig(optimizers=(name,), **SMALL)))
        assert [s.scalars[name] for s in alone] == [s.scalars[name] for s in together]


def _course_loop(seed: int, names: list[str], steps: int, n_points: int = 200) -> dict[str, list]:
    """The course's code, written out independently: Net class, one net per optimizer loaded
    with the same initial weights, a reshuffle per epoch from the data generator."""

    class Net(nn.Module):  # the course's Net: hidden Linear(1, 20), output Linear(20, 1)
        def __init__(self):
            super().__init__()
            self.hidden = nn.Linear(1, 20)
            self.predict = nn.Linear(20, 1)

        def forward(self, x):
            return self.predict(torch.relu(self.hidden(x)))

    g = torch.Generator().manual_seed(seed)
    x = torch.linspace(-1, 1, n_points).unsqueeze(1)
    y = x ** 2 + 0.1 * torch.normal(torch.zeros(n_points, 1), 1.0, generator=g)
    torch.manual_seed(seed)
    base = Net()
    nets = {n: Net() for n in names}
    for net in nets.values():
        net.load_state_dict(base.state_dict())
    opts = {
        "SGD": torch.optim.SGD(nets["SGD"].parameters(), lr=0.01),
        "Momentum": torch.optim.SGD(nets["Momentum"].parameters(), lr=0.01, momentum=0.8),
        "RMSprop": torch.optim.RMSprop(nets["RMSprop"].parameters(), lr=0.01, alpha=0.9),
        "Adam": torch.optim.Adam(nets["Adam"].parameters(), lr=0.01, betas=(0.9, 0.99)),
        "Adagrad": torch.optim.Adagrad(nets["Adagrad"].parameters(), lr=0.01),
    }
    losses = {n: [] for n in names}
    order = []
    while len(order) < steps:
        perm = torch.randperm(n_points, generator=g)
        order += [perm[i:i + 32] for i in range(0, n_points, 32)]
    for idx in order[:steps]:
        for n in names:
            loss = ((nets[n](x[idx]) - y[idx]) ** 2).mean()
            opts[n].zero_grad()
            loss.backward()
            opts[n].step()
            losses[n].append(loss.item())
    return losses


def test_matches_the_course_loop_written_independently():
    cfg = OptimizersConfig(points=200, epochs=2)
    history, _ = run_to_end(race.train(cfg))
    reference = _course_loop(cfg.seed, list(cfg.enabled), cfg.steps)
    for name in cfg.enabled:
        assert [s.scalars[name] for s in history] == pytest.approx(reference[name], rel=1e-6, abs=1e-7)


def test_hyperparameters_reach_the_torch_optimizers():
    cfg = OptimizersConfig(lr=0.05, momentum=0.5, rmsprop_alpha=0.7, adam_beta1=0.8, adam_beta2=0.95)
    opts = race.build_optimizers(cfg, race.make_nets(cfg))
    groups = {name: opt.param_groups[0] for name, opt in opts.items()}
    assert all(g["lr"] == 0.05 for g in groups.values())
    assert groups["Momentum"]["momentum"] == 0.5 and groups["SGD"]["momentum"] == 0
    assert groups["RMSprop"]["alpha"] == 0.7
    assert groups["Adam"]["betas"] == (0.8, 0.95)
    assert isinstance(opts["Adagrad"], torch.optim.Adagrad)


def test_optimizers_are_toggled_and_kept_in_course_order():
    cfg, _ = from_strings(OptimizersConfig, {"optimizers": "Adam,SGD"})
    assert cfg.enabled == ("SGD", "Adam")
    first = next(race.train(OptimizersConfig(optimizers=("Adam", "SGD"), **SMALL)))
    assert list(first.scalars) == ["SGD", "Adam"]
    with pytest.raises(ConfigError):
        from_strings(OptimizersConfig, {"optimizers": "Adam,Adam"})
    with pytest.raises(ConfigError):
        from_strings(OptimizersConfig, {"optimizers": "LBFGS"})


def test_course_result_all_fall_adam_and_rmsprop_beat_sgd():
    """Defaults (the course's settings): every curve falls; Adam and RMSprop end below SGD."""
    cfg = OptimizersConfig()
    history, last = run_to_end(race.train(cfg))
    assert len(history) == 384 and last.divergence is None
    for name in cfg.enabled:
        start = sum(s.scalars[name] for s in history[:10]) / 10
        end = sum(s.scalars[name] for s in history[-32:]) / 32  # the last epoch
        assert end < 0.5 * start, name
    final = race.result(cfg, last)["final_loss"]
    assert set(final) == {"SGD", "Momentum", "RMSprop", "Adam", "Adagrad"}
    assert final["Adam"] < final["SGD"] and final["RMSprop"] < final["SGD"]
    # the full-data loss cannot go below the noise: y = x² + 0.1·N(0, 1) has variance 0.01
    assert all(0.005 < v < 0.2 for v in final.values())
    # pictures: fitted curves at frame steps only (compact enough to keep every snapshot)
    frames = [s for s in history if s.picture is not None]
    assert 50 <= len(frames) <= race.MAX_FRAMES + 2
    assert history[0].picture is not None and history[-1].picture is not None
    curves = frames[-1].picture["curves"]
    assert list(curves) == list(cfg.enabled)
    assert all(len(curve) == race.CURVE_POINTS for curve in curves.values())


def test_picture_weights_rebuild_the_networks():
    """The .pt download: state_dicts from a frame's weights predict the frame's curves."""
    cfg = OptimizersConfig(**SMALL)
    _, last = run_to_end(race.train(cfg))
    dicts = race.state_dicts(cfg, last.weights)
    assert set(dicts) == set(cfg.enabled)
    grid = torch.from_numpy(race.curve_x()).unsqueeze(1)
    for name, sd in dicts.items():
        net = nn.Sequential(nn.Linear(1, 20), nn.ReLU(), nn.Linear(20, 1))
        net.load_state_dict(sd)
        with torch.no_grad():
            np.testing.assert_allclose(net(grid).view(-1).numpy(), last.picture["curves"][name],
                                       rtol=1e-6, atol=1e-7)
    assert not torch.equal(dicts["SGD"]["0.weight"], dicts["Adam"]["0.weight"])


def test_a_diverging_optimizer_drops_out_and_the_others_go_on():
    cfg = OptimizersConfig(lr=3.0, epochs=1)  # 32 steps: SGD and Momentum blow up
    history, last = run_to_end(race.train(cfg))
    assert last.divergence is None and last.step == cfg.steps
    dropped = last.extra["dropped"]
    assert "SGD" in dropped and "Adagrad" not in dropped
    step = dropped["SGD"]
    assert "SGD" in history[step - 2].scalars and "SGD" not in history[step - 1].scalars
    res = race.result(cfg, last)
    assert math.isnan(res["final_loss"]["SGD"]) and math.isfinite(res["final_loss"]["Adagrad"])


def test_when_every_optimizer_diverges_the_run_ends_with_a_divergence():
    cfg = OptimizersConfig(optimizers=("SGD", "Momentum"), lr=10.0, epochs=1)
    history, last = run_to_end(race.train(cfg))
    assert last.divergence is not None
    assert last.divergence.step == last.step < cfg.steps
    assert "SGD" in last.divergence.message


def _imports(source: str) -> set[str]:
    tree = ast.parse(source)
    return {alias.name.split(".")[0] for node in ast.walk(tree)
            for alias in (node.names if isinstance(node, ast.Import) else
                          [ast.alias(node.module)] if isinstance(node, ast.ImportFrom) else [])}


def test_script_imports_only_torch_and_the_standard_library():
    assert _imports(race.code(OptimizersConfig())) <= {"torch", "copy", "json", "math"}


def _run_script(cfg: OptimizersConfig, tmp_path: Path) -> dict:
    script = tmp_path / "optimizers.py"
    script.write_text(race.code(cfg))
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                         timeout=120, env=env, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    last_line = out.stdout.strip().splitlines()[-1]
    assert last_line.startswith("final_loss ")
    return json.loads(last_line.split(" ", 1)[1])


@pytest.mark.parametrize("settings", [
    dict(points=200, epochs=2, seed=3),
    dict(epochs=1, lr=3.0, optimizers=("SGD", "Adam", "Adagrad")),  # SGD diverges
])
def test_generated_script_prints_the_same_final_losses(settings, tmp_path):
    cfg = OptimizersConfig(**settings)
    _, last = run_to_end(race.train(cfg))
    expected = race.result(cfg, last)["final_loss"]
    printed = _run_script(cfg, tmp_path)
    assert list(printed) == list(cfg.enabled)
    for name, value in expected.items():
        if math.isnan(value):
            assert printed[name] is None  # diverged in both
        else:
            assert printed[name] == pytest.approx(value, abs=1e-6, rel=0)


def test_cli_json_has_final_loss_keyed_by_optimizer():
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    out = subprocess.run([sys.executable, "-m", "core", "train", "optimizers", "--points", "200",
                          "--epochs", "1", "--json"], capture_output=True, text=True, cwd=ROOT,
                         env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    assert set(figures["final_loss"]) == {"SGD", "Momentum", "RMSprop", "Adam", "Adagrad"}
