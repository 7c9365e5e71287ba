"""core.tasks.lstm: the row-by-row LSTM classifier, on tiny settings."""
from __future__ import annotations

import numpy as np
import pytest
import torch

from core.snapshots import run_to_end
from core.tasks import lstm
from tests.core.test_cnn import run_script

TINY = dict(train_images=128, test_images=50, epochs=1, batch_size=32, eval_every=2, data="subset")


def test_parameter_count_by_hand():
    model = lstm.build_model(lstm.LSTMConfig())
    n_lstm = 4 * 64 * (28 + 64) + 2 * 4 * 64  # 4 gates: W_ih, W_hh and two biases
    n_out = 64 * 10 + 10
    assert sum(p.numel() for p in model.rnn.parameters()) == n_lstm
    assert sum(p.numel() for p in model.parameters()) == n_lstm + n_out


def test_reads_rows_as_time_steps():
    torch.manual_seed(0)
    model = lstm.build_model(lstm.LSTMConfig(hidden_size=8)).eval()
    image = torch.rand(1, 28, 28)
    hidden, probs = lstm.read_rows(model, image)
    assert hidden.shape == (28, 8) and probs.shape == (28, 10)
    # after the last row, the answer is the model's own answer
    np.testing.assert_allclose(probs[-1], torch.softmax(model(image[None]), 1)[0].detach().numpy(),
                               atol=1e-6)
    # the state after row k only depends on rows 1..k: change the last row, earlier states stay
    changed = image.clone()
    changed[0, -1] = 1 - changed[0, -1]
    hidden2, _ = lstm.read_rows(model, changed)
    np.testing.assert_allclose(hidden2[:-1], hidden[:-1], atol=1e-6)
    assert not np.allclose(hidden2[-1], hidden[-1])
    # the first state by hand: h1 = o * tanh(c1), c1 = i * g (c0 = h0 = 0)
    w_ih, b = model.rnn.weight_ih_l0, model.rnn.bias_ih_l0 + model.rnn.bias_hh_l0
    gates = (w_ih @ image[0, 0] + b).detach()
    i, f, g, o = gates.chunk(4)
    h1 = torch.sigmoid(o) * torch.tanh(torch.sigmoid(i) * torch.tanh(g))
    np.testing.assert_allclose(hidden[0], h1.numpy(), atol=1e-6)


def test_tiny_run_and_result():
    cfg = lstm.LSTMConfig(**TINY)
    history, last = run_to_end(lstm.train(cfg))
    assert [s.step for s in history] == [2, 4]
    assert set(last.scalars) == {"train_loss", "test_loss", "accuracy"}
    res = lstm.result(cfg, last)
    assert res["final_loss"] == last.scalars["train_loss"]
    assert 0.0 <= res["accuracy"] <= 1.0
    assert res["dataset"] == {**res["dataset"], "source": "subset", "train_images": 128,
                              "test_images": 50}
    model = lstm.model_from_state(cfg, last.weights)
    data = lstm.load_data(cfg)
    assert (model(data.test_images).argmax(1).numpy()[:40] == last.picture["predicted"]).all()


def test_learns_on_a_seeded_subset():
    # 320 digits, 2 epochs in batches of 32 = 20 steps of Adam 0.01
    # (measured: 41.5 % on 200 held-out digits)
    cfg = lstm.LSTMConfig(train_images=320, test_images=200, epochs=2, batch_size=32,
                          eval_every=1000, data="subset")
    _, last = run_to_end(lstm.train(cfg))
    assert last.scalars["accuracy"] > 0.3  # chance: 10 %
    assert last.scalars["test_loss"] < 2.0  # a blind guess: ln(10) = 2.30


def test_generated_script_reproduces_final_loss(tmp_path):
    cfg = lstm.LSTMConfig(**{**TINY, "hidden_size": 16, "num_layers": 2, "dropout": 0.2})
    _, last = run_to_end(lstm.train(cfg))
    out = run_script(lstm.code(cfg), tmp_path)
    final = out.strip().splitlines()[-1]
    assert float(final.split()[1]) == pytest.approx(last.scalars["train_loss"], abs=1e-6)
