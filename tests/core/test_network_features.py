"""TensorFlow Playground's network settings on the MLP pages, against hand-written PyTorch:
per-layer widths, L1, the data seed, continuing a run, discretized output, the network diagram,
and test figures for a run stopped early."""
import itertools

import numpy as np
import pytest
import torch
from torch import nn

from core.config import ConfigError, from_strings
from core.snapshots import last
from core.tasks import classification, regression
from core.tasks.classification import ClassificationConfig
from core.tasks.regression import RegressionConfig
from core.train import continued, steps_after


def hand_built(n_in, widths, n_out, seed):
    """The course's way: torch.manual_seed, then the layers one by one."""
    torch.manual_seed(seed)
    layers, width = [], n_in
    for units in widths:
        layers += [nn.Linear(width, units), nn.ReLU()]
        width = units
    return nn.Sequential(*layers, nn.Linear(width, n_out))


def test_hidden_is_one_width_per_layer_and_the_course_default_is_kept():
    assert ClassificationConfig().hidden == (10,) and RegressionConfig().hidden == (10,)
    cfg, _ = from_strings(ClassificationConfig, {"hidden": "8,4,2"})  # CLI flag and URL value
    assert cfg.hidden == (8, 4, 2)
    model = classification.build_model(cfg, 2, 2)
    shapes = [tuple(m.weight.shape) for m in model if isinstance(m, nn.Linear)]
    assert shapes == [(8, 2), (4, 8), (2, 4), (2, 2)]
    reference = hand_built(2, (8, 4, 2), 2, cfg.seed)
    for mine, theirs in zip(model.parameters(), reference.parameters(), strict=True):
        assert torch.equal(mine, theirs)  # same seed, same initial weights


@pytest.mark.parametrize("text, fragment", [("0", "minimum"), ("8,200", "maximum"),
                                            ("1,2,3,4,5,6,7", "at most 6"), ("8;4", "list")])
def test_bad_widths_are_refused(text, fragment):
    with pytest.raises(ConfigError, match=fragment):
        from_strings(ClassificationConfig, {"hidden": text})


def test_l1_matches_a_hand_written_loop():
    cfg = RegressionConfig(hidden=(6, 3), l1=0.01, steps=25, lr=0.1)
    data, _ = regression.make_data(cfg)
    model = hand_built(1, (6, 3), 1, cfg.seed)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    for _ in range(cfg.steps):
        loss = nn.functional.mse_loss(model(data.x_train), data.y_train)
        weights = [m.weight for m in model if isinstance(m, nn.Linear)]
        penalty = sum(w.abs().sum() for w in weights)
        opt.zero_grad()
        (loss + 0.01 * penalty).backward()
        opt.step()
    final = last(regression.train(cfg))
    assert abs(final.scalars["train_loss"] - loss.item()) < 1e-6  # the data loss is reported
    expected = torch.nn.utils.parameters_to_vector(model.parameters()).detach()
    torch.testing.assert_close(final.weights, expected, atol=1e-6, rtol=0)
    # and L1 really changes the run
    plain = last(regression.train(RegressionConfig(hidden=(6, 3), steps=25, lr=0.1)))
    assert not torch.allclose(plain.weights, final.weights)


def test_data_seed_moves_the_points_and_seed_the_initial_weights():
    base = classification.problem(ClassificationConfig())
    other_data = classification.problem(ClassificationConfig(data_seed=1))
    other_init = classification.problem(ClassificationConfig(seed=1))
    assert not np.array_equal(base.x_train, other_data.x_train)
    np.testing.assert_array_equal(base.x_train, other_init.x_train)
    vector = lambda cfg: torch.nn.utils.parameters_to_vector(  # noqa: E731
        classification.build_model(cfg, 2, 2).parameters()).detach()
    assert torch.equal(vector(ClassificationConfig()), vector(ClassificationConfig(data_seed=1)))
    assert not torch.equal(vector(ClassificationConfig()), vector(ClassificationConfig(seed=1)))


@pytest.mark.parametrize("optimizer", ["SGD", "Momentum", "Adam"])
def test_continue_goes_on_from_the_weights_optimizer_state_and_batch_order(optimizer):
    """Reference: train S steps by hand, keep the model, the optimizer (its momentum) and the
    batch generator, then train N more: what Continue must equal."""
    cfg = ClassificationConfig(dataset="moons", hidden=(8, 4), optimizer=optimizer, lr=0.05,
                               steps=12, batch_size=30)
    data, generator = classification.make_data(cfg)
    model = hand_built(2, (8, 4), 2, cfg.seed)
    opt = classification.build_optimizer(cfg, model)
    from core.train import batch_indices

    batches = batch_indices(len(data.x_train), 30, generator)
    for _ in range(12 + 5):  # the first run's 12 steps, then Continue by 5
        idx = next(batches)
        loss = nn.functional.cross_entropy(model(data.x_train[idx]), data.y_train[idx])
        opt.zero_grad()
        loss.backward()
        opt.step()
    longer = continued(cfg, 5)
    assert longer.steps == 17
    new = list(steps_after(classification.train(longer), 12))
    assert [s.step for s in new] == [13, 14, 15, 16, 17]
    expected = torch.nn.utils.parameters_to_vector(model.parameters()).detach()
    torch.testing.assert_close(new[-1].weights, expected, atol=1e-6, rtol=0)
    assert abs(new[-1].scalars["train_loss"] - loss.item()) < 1e-6


def test_continue_is_refused_past_the_step_limit_or_by_nothing():
    with pytest.raises(ConfigError, match="maximum"):
        continued(ClassificationConfig(steps=4990), 20)
    with pytest.raises(ConfigError, match="at least one"):
        continued(ClassificationConfig(), 0)


def test_steps_after_stops_the_training_when_left():
    closed = []

    def run():
        try:
            for step in itertools.count(1):
                yield classification.Snapshot(step, 100, {"train_loss": 1.0})
        finally:
            closed.append(True)

    stream = steps_after(run(), 3)
    assert next(stream).step == 4
    stream.close()
    assert closed == [True]


def test_discretize_is_one_hot_of_the_most_likely_class():
    probs = np.array([[[0.2, 0.5, 0.3], [0.6, 0.1, 0.3]]], dtype=np.float32)
    out = classification.discretize(probs)
    np.testing.assert_array_equal(out, [[[0, 1, 0], [1, 0, 0]]])
    assert out.dtype == np.float32


def test_network_diagram_every_neuron_and_link():
    cfg = ClassificationConfig(hidden=(5, 3), features=("x1", "x2", "x1*x2"), steps=20)
    final = last(classification.train(cfg))
    extent = classification.problem(cfg).extent
    d = classification.network_diagram(cfg, final.weights, extent, resolution=9)
    assert [m.shape for m in d.neurons] == [(3, 9, 9), (5, 9, 9), (3, 9, 9), (2, 9, 9)]
    assert [w.shape for w in d.links] == [(5, 3), (3, 5), (2, 3)]
    assert [len(n) for n in d.names] == [3, 5, 3, 2] and d.names[0] == ["x1", "x2", "x1*x2"]
    # Reference: the trained weights loaded into a hand-built net, run layer by layer.
    model = hand_built(3, (5, 3), 2, 0)
    torch.nn.utils.vector_to_parameters(final.weights.clone(), model.parameters())
    xs = np.linspace(extent[0], extent[1], 9, dtype=np.float32)
    ys = np.linspace(extent[3], extent[2], 9, dtype=np.float32)  # row 0 at the top
    gx, gy = np.meshgrid(xs, ys)
    x = torch.from_numpy(np.stack([gx.ravel(), gy.ravel(), gx.ravel() * gy.ravel()], 1))
    np.testing.assert_allclose(d.neurons[0][2], (gx * gy), atol=1e-5)
    with torch.no_grad():
        h1 = model[1](model[0](x))
        h2 = model[3](model[2](h1))
        probs = torch.softmax(model[4](h2), 1)
    np.testing.assert_allclose(d.neurons[1], h1.T.reshape(5, 9, 9).numpy(), atol=1e-5)
    np.testing.assert_allclose(d.neurons[2], h2.T.reshape(3, 9, 9).numpy(), atol=1e-5)
    np.testing.assert_allclose(d.neurons[3], probs.T.reshape(2, 9, 9).numpy(), atol=1e-5)
    np.testing.assert_array_equal(d.links[1], model[2].weight.detach().numpy())
    np.testing.assert_array_equal(d.biases[2], model[4].bias.detach().numpy())


def test_a_long_run_stopped_early_has_test_figures():
    """5,000 steps stopped at 454: test loss and accuracy were measured on the way."""
    cfg = ClassificationConfig(dataset="spiral", steps=5000)
    seen = list(itertools.islice(classification.train(cfg), 454))
    tested = [s.step for s in seen if "test_loss" in s.scalars]
    assert len(tested) >= 9 and tested[0] <= 50
    assert all("test_accuracy" in s.scalars for s in seen if "test_loss" in s.scalars)


def test_stalled_runs_are_recognised():
    """Regression at lr 1: the loss sticks at 5.69 (dead ReLUs); at the defaults it falls."""
    from core.train import stalled

    stuck = [s.scalars["train_loss"] for s in regression.train(RegressionConfig(lr=1.0))]
    assert stalled(stuck) and abs(stuck[-1] - 5.69) < 0.01
    moving = [s.scalars["train_loss"] for s in regression.train(RegressionConfig())]
    assert not stalled(moving)
    assert not stalled([1.0] * 5)  # too short to say


@pytest.mark.parametrize("task, cls", [(classification, ClassificationConfig),
                                       (regression, RegressionConfig)])
@pytest.mark.parametrize("seeds", [{}, {"seed": 5}, {"data_seed": 5}, {"seed": 3, "data_seed": 9}])
def test_exported_builtin_points_are_the_points_on_screen(task, cls, seeds):
    """Export (and "start a drawing from these points") gives the points the page shows: the
    data seed's, whatever the training seed (the seed once chose them: seed=5 exported other
    points than those drawn)."""
    cfg = cls(**seeds)
    shown = task.problem(cfg)
    x, y = task.builtin_points(cfg).points()
    on_screen = np.concatenate([np.column_stack([shown.x_train, shown.y_train]),
                                np.column_stack([shown.x_test, shown.y_test])]).reshape(len(x), -1)
    exported = np.column_stack([np.asarray(x), np.asarray(y)]).reshape(len(x), -1)
    sort = lambda a: a[np.lexsort(a.T[::-1])]  # noqa: E731 - the split shuffles the order
    np.testing.assert_allclose(sort(exported), sort(on_screen), atol=1e-6)
