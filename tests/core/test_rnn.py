"""RNN regression (core.tasks.rnn): window data, hidden-state carrying, the generated script."""
from __future__ import annotations

import math
import runpy
import subprocess
import sys

import numpy as np
import pytest
import torch
from torch import nn

from core.snapshots import run_to_end
from core.tasks import rnn
from core.tasks.rnn import RNNConfig, SeqRegressor, sine_window



@pytest.mark.parametrize("k,steps", [(0, 10), (1, 10), (7, 10), (59, 10), (3, 25)])
def test_window_is_sin_and_cos_over_one_half_period(k, steps):
    t, x, y = sine_window(k, steps)
    # the course: np.linspace(k*pi, (k+1)*pi, TIME_STEP) then np.sin / np.cos
    t_np = np.linspace(k * np.pi, (k + 1) * np.pi, steps)
    assert t.shape == (steps,) and x.shape == (1, steps, 1) and y.shape == (1, steps, 1)
    assert x.dtype == torch.float32 and y.dtype == torch.float32
    np.testing.assert_allclose(t.numpy(), t_np, rtol=1e-6)
    np.testing.assert_allclose(x.view(-1).numpy(), np.sin(t_np), atol=1e-6)
    np.testing.assert_allclose(y.view(-1).numpy(), np.cos(t_np), atol=1e-6)
    # consecutive windows meet: this one starts where the previous ended
    if k > 0:
        t_prev, _, _ = sine_window(k - 1, steps)
        assert t[0].item() == pytest.approx(t_prev[-1].item())


@pytest.mark.parametrize("cell", ["RNN", "LSTM", "GRU"])
def test_carried_state_continues_the_sequence(cell):
    """Window 1 read with window 0's final state == the second half of one long read."""
    torch.manual_seed(0)
    model = SeqRegressor(cell, 8)
    _, x0, _ = sine_window(0, 10)
    _, x1, _ = sine_window(1, 10)
    with torch.no_grad():
        _, state = model(x0, None)
        carried, _ = model(x1, state)
        whole, _ = model(torch.cat([x0, x1], dim=1), None)
        fresh, _ = model(x1, None)
    torch.testing.assert_close(carried, whole[:, 10:], rtol=1e-5, atol=1e-6)
    assert not torch.allclose(fresh, whole[:, 10:], atol=1e-3)  # the state does matter


def _reference_predictions(cfg: RNNConfig, carry: bool) -> list[list[float]]:
    """The course's loop written out here: nn.RNN + Linear per step, Adam, MSE."""
    torch.manual_seed(cfg.seed)
    net_rnn = nn.RNN(1, cfg.hidden_size, batch_first=True)
    net_out = nn.Linear(cfg.hidden_size, 1)
    params = list(net_rnn.parameters()) + list(net_out.parameters())
    opt = torch.optim.Adam(params, lr=cfg.lr)
    h = None
    preds = []
    for step in range(cfg.windows):
        t = np.linspace(step * np.pi, (step + 1) * np.pi, cfg.time_steps)
        x = torch.tensor(np.sin(t), dtype=torch.float32).view(1, -1, 1)
        y = torch.tensor(np.cos(t), dtype=torch.float32).view(1, -1, 1)
        r_out, h_new = net_rnn(x, h if carry else None)
        h = h_new.data
        pred = torch.stack([net_out(r_out[:, i, :]) for i in range(r_out.size(1))], dim=1)
        loss = ((pred - y) ** 2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        preds.append(pred.detach().view(-1).tolist())
    return preds


def test_training_carries_the_hidden_state_between_windows():
    cfg = RNNConfig(windows=6, hidden_size=8)
    history, _ = run_to_end(rnn.train(cfg))
    got = np.array([s.picture["prediction"] for s in history])
    carried = np.array(_reference_predictions(cfg, carry=True))
    reset = np.array(_reference_predictions(cfg, carry=False))
    np.testing.assert_allclose(got, carried, atol=1e-5)
    assert np.abs(got[1:] - reset[1:]).max() > 1e-3  # a reset state gives other predictions


def test_snapshots_carry_the_window_and_the_loss_falls():
    cfg = RNNConfig()  # the course: 60 windows of 10 steps, Adam 0.02
    history, final = run_to_end(rnn.train(cfg))
    assert [s.step for s in history] == list(range(1, 61)) and final.done
    pic = history[4].picture
    _, x, y = sine_window(4, 10)
    assert pic["x"] == pytest.approx(x.view(-1).tolist())
    assert pic["target"] == pytest.approx(y.view(-1).tolist())
    pred = np.array(pic["prediction"])
    assert pic["prediction"] and len(pic["prediction"]) == 10
    # the snapshot's loss is the MSE of that snapshot's prediction
    assert np.mean((pred - np.array(pic["target"])) ** 2) == pytest.approx(history[4].scalars["train_loss"], rel=1e-5)
    losses = [s.scalars["train_loss"] for s in history]
    assert np.mean(losses[-10:]) < 0.2 * np.mean(losses[:10])
    assert rnn.result(cfg, final)["final_loss"] == losses[-1]
    # the trained weights travel with the last snapshot (for the .pt download)
    restored = SeqRegressor(cfg.cell, cfg.hidden_size)
    restored.load_state_dict(final.weights)
    _, x, _ = sine_window(59, 10)
    with torch.no_grad():
        assert restored(x, None)[0].shape == (1, 10, 1)


def test_divergence_stops_the_run_with_a_message(monkeypatch):
    real = rnn.sine_window

    def poisoned(k, steps):
        t, x, y = real(k, steps)
        if k == 3:
            x = torch.full_like(x, float("nan"))
        return t, x, y

    monkeypatch.setattr(rnn, "sine_window", poisoned)
    history, final = run_to_end(rnn.train(RNNConfig(windows=10)))
    assert final.divergence is not None and final.divergence.step == 4
    assert final.picture is None and len(history) == 4
    assert "step 4" in final.divergence.message
    assert all(math.isfinite(s.scalars["train_loss"]) for s in history[:-1])


def _final_loss_line(stdout: str) -> float:
    name, value = stdout.strip().splitlines()[-1].split()
    assert name == "final_loss"
    return float(value)


def test_generated_script_run_alone_reproduces_the_final_loss(tmp_path):
    """The defaults' script in its own Python process, as a user runs it."""
    cfg = RNNConfig()
    script = tmp_path / "rnn_script.py"
    script.write_text(rnn.code(cfg))
    proc = subprocess.Popen([sys.executable, str(script)], cwd=tmp_path, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    expected = rnn.result(cfg, run_to_end(rnn.train(cfg))[1])["final_loss"]  # meanwhile
    stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 0, stderr
    assert abs(_final_loss_line(stdout) - expected) < 1e-6


@pytest.mark.parametrize(
    "cfg",
    [RNNConfig(cell="LSTM", windows=25, hidden_size=16), RNNConfig(cell="GRU", windows=25, seed=7),
     RNNConfig(cell="LSTM", time_steps=17, lr=0.005, windows=12)],
    ids=["lstm", "gru", "lstm-17-steps"],
)
def test_generated_script_reproduces_the_final_loss_for_each_cell(cfg, tmp_path, capsys):
    """The same check run in this process (runpy, fresh globals): importing torch once is
    what makes a separate process slow here; the script's own imports still run."""
    script = tmp_path / "rnn_script.py"
    script.write_text(rnn.code(cfg))
    runpy.run_path(str(script), run_name="__main__")
    got = _final_loss_line(capsys.readouterr().out)
    expected = rnn.result(cfg, run_to_end(rnn.train(cfg))[1])["final_loss"]
    assert abs(got - expected) < 1e-6
