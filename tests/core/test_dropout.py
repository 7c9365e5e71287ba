"""Dropout vs overfitting (core.tasks.dropout): the course's loop, train()/eval(), the script."""
from __future__ import annotations

import ast
import json
import os
import subprocess
import sys

import numpy as np
import pytest
import torch
from torch import nn

from core.snapshots import run_to_end
from core.tasks import dropout as task
from core.tasks.dropout import DropoutConfig

torch.set_num_threads(1)  # 2 shared cores: threads only fight each other here
SMALL = dict(hidden=40, steps=30)


def test_data_is_the_course_line_with_independent_noise():
    g = torch.Generator().manual_seed(5)
    x, y, test_x, test_y = task.make_dropout_data(20, 0.3, g)
    assert x.shape == y.shape == test_x.shape == test_y.shape == (20, 1)
    torch.testing.assert_close(x.view(-1), torch.linspace(-1, 1, 20))
    assert torch.equal(x, test_x)  # same x, as the course
    # the noise, drawn again by hand from the same generator: train first, then test
    g = torch.Generator().manual_seed(5)
    noise_train = torch.randn(20, 1, generator=g)
    noise_test = torch.randn(20, 1, generator=g)
    torch.testing.assert_close(y - x, 0.3 * noise_train)
    torch.testing.assert_close(test_y - test_x, 0.3 * noise_test)


def test_two_nets_same_initial_weights_one_with_dropout():
    nets = task.make_nets(DropoutConfig(dropout=0.3))
    a, b = nets["overfit"], nets["dropout"]
    assert sum(p.numel() for p in a.parameters()) == 300 * 300 + 2 * 300 + 300 + 300 + 1
    for pa, pb in zip(a.parameters(), b.parameters(), strict=True):
        assert torch.equal(pa, pb)
    drops = [m for m in b if isinstance(m, nn.Dropout)]
    assert len(drops) == 2 and all(m.p == 0.3 for m in drops)
    assert not any(isinstance(m, nn.Dropout) for m in a)


def _course_losses(cfg: DropoutConfig) -> list[tuple[float, float]]:
    """The course's code as written there (Dropout *before* ReLU), with our seeding."""
    g = torch.Generator().manual_seed(cfg.seed)
    n = cfg.points
    x = torch.unsqueeze(torch.linspace(-1, 1, n), 1)
    y = x + cfg.noise * torch.normal(torch.zeros(n, 1), torch.ones(n, 1), generator=g)
    h = cfg.hidden
    torch.manual_seed(cfg.seed)
    net_overfitting = nn.Sequential(nn.Linear(1, h), nn.ReLU(), nn.Linear(h, h), nn.ReLU(),
                                    nn.Linear(h, 1))
    torch.manual_seed(cfg.seed)
    net_dropped = nn.Sequential(nn.Linear(1, h), nn.Dropout(cfg.dropout), nn.ReLU(),
                                nn.Linear(h, h), nn.Dropout(cfg.dropout), nn.ReLU(),
                                nn.Linear(h, 1))
    opt_o = torch.optim.Adam(net_overfitting.parameters(), lr=cfg.lr)
    opt_d = torch.optim.Adam(net_dropped.parameters(), lr=cfg.lr)
    out = []
    for _ in range(cfg.steps):
        loss_o = nn.functional.mse_loss(net_overfitting(x), y)
        loss_d = nn.functional.mse_loss(net_dropped(x), y)
        opt_o.zero_grad()
        opt_d.zero_grad()
        loss_o.backward()
        loss_d.backward()
        opt_o.step()
        opt_d.step()
        out.append((loss_o.item(), loss_d.item()))
    return out


def test_training_equals_the_course_loop_dropout_before_or_after_relu():
    cfg = DropoutConfig(**SMALL)
    history, _ = run_to_end(task.train(cfg))
    reference = _course_losses(cfg)
    got = [(s.scalars["overfit_train"], s.scalars["dropout_train"]) for s in history]
    np.testing.assert_allclose(got, reference, rtol=1e-5, atol=1e-7)


def test_snapshots_carry_both_losses_and_compact_lines():
    cfg = DropoutConfig(hidden=40, steps=25)
    history, _ = run_to_end(task.train(cfg))
    assert len(history) == 25
    assert set(history[0].scalars) == {"overfit_train", "dropout_train", "overfit_test", "dropout_test"}
    frames = [s.step for s in history if s.picture is not None]
    assert frames == [1, 10, 20, 25]  # every 10 steps (as the course redraws), first and last
    picture = history[-1].picture
    assert set(picture) == {"overfit", "dropout", "dropout_train_mode"}
    assert all(len(v) == task.CURVE_POINTS for v in picture.values())


def test_last_snapshot_keeps_both_state_dicts_for_the_download():
    cfg = DropoutConfig(**SMALL)
    history, last = run_to_end(task.train(cfg))
    assert all(s.weights is None for s in history[:-1])  # 90k numbers: once only
    dicts = last.weights
    net = task.make_nets(cfg)["overfit"]
    net.load_state_dict(dicts["overfit"])
    net.eval()
    x = torch.from_numpy(task.curve_x()).unsqueeze(1)
    with torch.no_grad():
        np.testing.assert_allclose(net(x).view(-1).numpy(), last.picture["overfit"], rtol=1e-6,
                                   atol=1e-6)
    # Dropout adds no weights (only shifts the Sequential's indices)
    assert [v.shape for v in dicts["dropout"].values()] == [v.shape for v in dicts["overfit"].values()]


def test_script_imports_only_torch_and_the_standard_library():
    tree = ast.parse(task.code(DropoutConfig()))
    imported = {alias.name.split(".")[0] for node in ast.walk(tree)
                for alias in (node.names if isinstance(node, ast.Import) else
                              [ast.alias(node.module)] if isinstance(node, ast.ImportFrom) else [])}
    assert imported <= {"torch", "json", "math"}


def test_train_mode_is_noisy_eval_mode_is_not():
    """In train() mode Dropout draws a fresh mask every pass; eval() keeps every unit."""
    cfg = DropoutConfig(**SMALL)
    nets = task.make_nets(cfg)
    x = torch.from_numpy(task.curve_x()).unsqueeze(1)
    net = nets["dropout"]
    with torch.no_grad():
        net.train()
        a, b = net(x), net(x)
        net.eval()
        c, d = net(x), net(x)
        same_as_overfit = nets["overfit"](x)
    assert not torch.equal(a, b)
    assert torch.equal(c, d)
    torch.testing.assert_close(c, same_as_overfit)  # same weights, dropout off: same function
    history, _ = run_to_end(task.train(cfg))
    pic = history[-1].picture
    assert pic["dropout"] != pic["dropout_train_mode"]


def test_the_pictures_do_not_disturb_the_training_random_numbers():
    """Drawing a train()-mode picture draws masks; it must not shift the training's masks."""
    cfg = DropoutConfig(**SMALL)
    history, _ = run_to_end(task.train(cfg))
    with_pictures = [s.scalars["dropout_train"] for s in history]
    assert with_pictures == pytest.approx([d for _, d in _course_losses(cfg)], rel=1e-5, abs=1e-7)


def test_course_result_dropout_generalizes_better_at_defaults():
    cfg = DropoutConfig()
    history, last = run_to_end(task.train(cfg))
    assert last.step == 500 and last.divergence is None
    res = task.result(cfg, last)
    assert res["test_loss"]["dropout"] < res["test_loss"]["overfit"]
    # the overfit net fits its training points far better than it predicts the test points
    assert res["final_loss"]["overfit"] < 0.5 * res["test_loss"]["overfit"]


def test_divergence_is_reported_not_raised(monkeypatch):
    """Adam's steps are bounded by lr, so force a blow-up with a huge plain SGD step instead."""
    monkeypatch.setattr(torch.optim, "Adam", lambda params, lr: torch.optim.SGD(params, lr=1e6))
    cfg = DropoutConfig(hidden=40, steps=50)
    history, last = run_to_end(task.train(cfg))
    assert last.divergence is not None and last.step < cfg.steps
    assert last.divergence.step == last.step
    assert "loss" in last.divergence.message and "learning rate" in last.divergence.hint
    assert all(s.divergence is None for s in history[:-1])


@pytest.mark.parametrize("settings", [dict(hidden=40, steps=30, seed=3),
                                      dict(hidden=60, steps=21, dropout=0.2, points=12)])
def test_generated_script_prints_the_same_losses(settings, tmp_path):
    cfg = DropoutConfig(**settings)
    _, last = run_to_end(task.train(cfg))
    expected = task.result(cfg, last)
    script = tmp_path / "dropout.py"
    script.write_text(task.code(cfg))
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                         timeout=120, cwd=tmp_path, env={**os.environ, "OMP_NUM_THREADS": "1"})
    assert out.returncode == 0, out.stderr
    lines = out.stdout.strip().splitlines()
    assert lines[-1].startswith("final_loss ") and lines[-2].startswith("test_loss ")
    printed = {line.split(" ", 1)[0]: json.loads(line.split(" ", 1)[1]) for line in lines[-2:]}
    for key in ("final_loss", "test_loss"):
        for name in ("overfit", "dropout"):
            assert printed[key][name] == pytest.approx(expected[key][name], abs=1e-6, rel=0)
