"""The snapshot generator: a hand-computed gradient step, islice, divergence, batching."""
import itertools

import numpy as np
import torch
from torch import nn

from core.models import build_mlp, count_parameters, mlp_source
from core.optim import OPTIMIZERS, make_optimizer, optimizer_source
from core.train import (SupervisedData, accuracy, batch_indices, frame_interval,
                        supervised_run)


def test_one_sgd_step_matches_a_hand_computed_gradient():
    torch.manual_seed(0)
    model = build_mlp(1, (4,), 1, "relu")
    x = torch.linspace(-1, 1, 8).unsqueeze(1)
    y = x ** 2
    W1, b1 = model[0].weight.detach().numpy().copy(), model[0].bias.detach().numpy().copy()
    W2, b2 = model[2].weight.detach().numpy().copy(), model[2].bias.detach().numpy().copy()
    lr = 0.1
    snap = next(supervised_run(model, nn.MSELoss(), torch.optim.SGD(model.parameters(), lr=lr),
                               SupervisedData(x, y), steps=1))
    # NumPy forward and backward of MSE through ReLU, by hand
    X, Y = x.numpy(), y.numpy()
    z = X @ W1.T + b1
    h = np.maximum(z, 0)
    p = h @ W2.T + b2
    loss = ((p - Y) ** 2).mean()
    dp = 2 * (p - Y) / len(X)
    dW2, db2 = dp.T @ h, dp.sum(0)
    dz = (dp @ W2) * (z > 0)
    dW1, db1 = dz.T @ X, dz.sum(0)
    assert abs(snap.scalars["train_loss"] - loss) < 1e-6
    np.testing.assert_allclose(model[0].weight.detach().numpy(), W1 - lr * dW1, atol=1e-6)
    np.testing.assert_allclose(model[0].bias.detach().numpy(), b1 - lr * db1, atol=1e-6)
    np.testing.assert_allclose(model[2].weight.detach().numpy(), W2 - lr * dW2, atol=1e-6)
    np.testing.assert_allclose(model[2].bias.detach().numpy(), b2 - lr * db2, atol=1e-6)


def _run(lr, steps=50, **kw):
    torch.manual_seed(0)
    model = build_mlp(1, (10,), 1, "relu")
    x = torch.linspace(-1, 1, 100).unsqueeze(1)
    return supervised_run(model, nn.MSELoss(), torch.optim.SGD(model.parameters(), lr=lr),
                          SupervisedData(x, x ** 2), steps=steps, **kw)


def test_generator_can_be_sliced_and_stops_early():
    first = list(itertools.islice(_run(0.2, steps=1000), 7))
    assert [s.step for s in first] == list(range(1, 8))
    assert all(s.total == 1000 and not s.done for s in first)


def test_divergence_ends_the_run_with_a_result_not_an_exception():
    history = list(_run(50.0, steps=500))
    final = history[-1]
    assert final.divergence is not None and final.done
    assert final.divergence.step == final.step < 500
    assert "diverged at step" in final.divergence.message and "learning rate" in final.divergence.hint
    assert all(np.isfinite(s.scalars["train_loss"]) for s in history[:-1])
    assert final.divergence.quantity == "loss"
    assert final.divergence.value == final.scalars["train_loss"]  # the non-finite loss itself
    assert not np.isfinite(final.divergence.value)


def test_accuracy_is_the_courses_float32_mean_to_the_bit():
    """Every hit count of every size up to the largest dataset (2000 points), and ties."""
    for n in (*range(1, 130), 160, 200, 997, 1600, 2000):
        labels = torch.zeros(n, dtype=torch.long)
        for hits in range(n + 1):
            scores = torch.zeros(n, 2)
            scores[hits:, 1] = 1.0  # rows past `hits` predict class 1: wrong
            course = (scores.argmax(1) == labels).float().mean().item()
            assert accuracy(scores, labels) == course, (n, hits)
    scores = torch.tensor([[0.1, 2.0, 0.3], [5.0, 1.0, 1.0], [0.0, 0.0, 9.0]])
    assert accuracy(scores, torch.tensor([1, 0, 0])) == np.float32(2 / 3)


def _course_loop(model, x, y, x_test, y_test, steps, eval_every):
    """The course's loop with its metrics written the plain way (float().mean(), no_grad, a
    fresh copy of every parameter): what every snapshot of a classification run must equal."""
    loss_fn, optimizer = nn.CrossEntropyLoss(), torch.optim.SGD(model.parameters(), lr=0.3)
    for step in range(1, steps + 1):
        out = model(x)
        loss = loss_fn(out, y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        scalars = {"train_loss": loss.item()}
        if step % eval_every == 0 or step == steps:
            scalars["train_accuracy"] = (out.argmax(1) == y).float().mean().item()
            model.eval()
            with torch.no_grad():
                pred = model(x_test)
                scalars["test_loss"] = loss_fn(pred, y_test).item()
                scalars["test_accuracy"] = (pred.argmax(1) == y_test).float().mean().item()
                if step == steps:
                    pred = model(x)
                    scalars["final_train_loss"] = loss_fn(pred, y).item()
                    scalars["final_train_accuracy"] = (pred.argmax(1) == y).float().mean().item()
            model.train()
        yield scalars, torch.cat([p.detach().reshape(-1) for p in model.parameters()])


def test_snapshots_record_the_course_loops_numbers_to_the_bit():
    """Every scalar of every step, in the same order (the pages' curves and columns follow it),
    and the weights of every step: the generator's cheaper bookkeeping (accuracy counted, not
    averaged; inference mode; one flat copy of the weights) changes no number. With dropout
    too, where the evaluations switch to eval mode and back."""
    gen = torch.Generator().manual_seed(5)
    x = torch.randn(90, 2, generator=gen)
    y = (x[:, 0] * x[:, 1] > 0).long()
    x_test, y_test = torch.randn(30, 2, generator=gen), torch.randint(0, 2, (30,), generator=gen)
    for dropout in (0.0, 0.2):
        torch.manual_seed(0)
        model = build_mlp(2, (6, 5), 2, "tanh", dropout)
        snaps = list(supervised_run(model, nn.CrossEntropyLoss(),
                                    torch.optim.SGD(model.parameters(), lr=0.3),
                                    SupervisedData(x, y, x_test, y_test), steps=23, classify=True))
        torch.manual_seed(0)
        course = list(_course_loop(build_mlp(2, (6, 5), 2, "tanh", dropout), x, y, x_test, y_test,
                                   steps=23, eval_every=2))
        assert len(snaps) == len(course) == 23
        for snap, (scalars, weights) in zip(snaps, course, strict=True):
            assert list(snap.scalars.items()) == list(scalars.items()), (dropout, snap.step)
            assert torch.equal(snap.weights, weights)
        assert "final_train_accuracy" in snaps[-1].scalars and "test_accuracy" in snaps[1].scalars


def test_mini_batches_cover_each_epoch_once():
    gen = torch.Generator().manual_seed(3)
    batches = batch_indices(10, 4, gen)
    epoch = [next(batches) for _ in range(3)]
    assert [len(b) for b in epoch] == [4, 4, 2]
    assert sorted(torch.cat(epoch).tolist()) == list(range(10))


def test_pictures_are_recorded_and_thinned_for_long_runs():
    history = list(_run(0.2, steps=60))
    assert all(s.weights is not None for s in history)  # small run: every step
    assert history[-1].weights.shape == (count_parameters(build_mlp(1, (10,), 1)),)
    assert frame_interval(5000, 50_000) > 1


def test_mlp_source_builds_the_same_network():
    src = mlp_source(3, (8, 8), 4, "leaky_relu", 0.25)
    torch.manual_seed(1)
    from_source = eval(src, {"nn": nn})
    torch.manual_seed(1)
    built = build_mlp(3, (8, 8), 4, "leaky_relu", 0.25)
    assert str(from_source) == str(built)
    for a, b in zip(from_source.parameters(), built.parameters(), strict=True):
        assert torch.equal(a, b)


def test_optimizer_factory_and_source_agree():
    for name in OPTIMIZERS:
        model = build_mlp(1, (3,), 1)
        made = make_optimizer(name, model.parameters(), 0.01, 0.001)
        written = eval(optimizer_source(name, 0.01, 0.001), {"torch": torch, "model": model})
        assert type(made) is type(written)
        assert made.defaults == written.defaults
    sgd_momentum = make_optimizer("Momentum", build_mlp(1, (3,), 1).parameters(), 0.01)
    assert sgd_momentum.defaults["momentum"] == 0.8
    assert make_optimizer("Adam", build_mlp(1, (3,), 1).parameters(), 0.01).defaults["betas"] == (0.9, 0.99)
    assert make_optimizer("RMSprop", build_mlp(1, (3,), 1).parameters(), 0.01).defaults["alpha"] == 0.9
