"""Regression and classification tasks: the course's results and the pictures' numbers."""
import numpy as np
import torch

from core.snapshots import last
from core.supervised import state_dict_from_weights
from core.tasks import classification, regression
from core.tasks.classification import ClassificationConfig
from core.tasks.regression import RegressionConfig


def test_regression_reaches_the_course_result():
    cfg = RegressionConfig()
    final = last(regression.train(cfg))
    assert final.step == 200 and final.divergence is None
    assert regression.result(cfg, final)["final_loss"] <= 0.01


def test_classification_reaches_the_course_result():
    cfg = ClassificationConfig()
    final = last(classification.train(cfg))
    figures = classification.result(cfg, final)
    assert figures["accuracy"] >= 0.97 and figures["train_accuracy"] >= 0.97


def test_same_settings_same_numbers_and_a_setting_changes_them():
    cfg = ClassificationConfig(steps=20)
    a = [s.scalars["train_loss"] for s in classification.train(cfg)]
    b = [s.scalars["train_loss"] for s in classification.train(cfg)]
    c = [s.scalars["train_loss"] for s in classification.train(ClassificationConfig(steps=20, hidden=(5,)))]
    assert a == b and a != c


def test_fitted_curve_equals_the_trained_model():
    cfg = RegressionConfig(steps=30, hidden=(10, 10), dropout=0.3, activation="tanh")
    final = last(regression.train(cfg))
    model = torch.nn.Sequential()
    from core.models import build_mlp

    model = build_mlp(1, cfg.hidden, 1, cfg.activation, cfg.dropout).eval()
    model.load_state_dict(state_dict_from_weights(cfg, 1, 1, final.weights))
    xs = np.linspace(-1, 1, 7, dtype=np.float32)
    with torch.no_grad():
        expected = model(torch.from_numpy(xs).unsqueeze(1)).squeeze(1).numpy()
    np.testing.assert_allclose(regression.fitted_curve(cfg, final.weights, xs), expected, atol=1e-6)


def test_boundary_probabilities_and_neuron_maps():
    cfg = ClassificationConfig(steps=50, features=("x1", "x2", "x1*x2"))
    final = last(classification.train(cfg))
    problem = classification.problem(cfg)
    probs = classification.class_probabilities(cfg, final.weights, problem.extent, 30)
    assert probs.shape == (30, 30, 2)
    np.testing.assert_allclose(probs.sum(-1), 1, atol=1e-5)
    # the blob at (+2, +2) is class 0: the top-right pixel (row 0, last column) says so
    assert probs[0, -1, 0] > 0.9 and probs[-1, 0, 1] > 0.9
    maps = classification.network_diagram(cfg, final.weights, problem.extent, 12).neurons[1]
    assert maps.shape == (10, 12, 12) and (maps >= 0).all()  # ReLU outputs


def test_spiral_with_features_learns_with_adam():
    cfg = ClassificationConfig(dataset="spiral", classes=3, noise=0.2, hidden=(24, 24),
                               optimizer="Adam", lr=0.02, steps=400,
                               features=("x1", "x2", "sin(x1)", "sin(x2)"))
    figures = classification.result(cfg, last(classification.train(cfg)))
    assert figures["train_accuracy"] > 0.8  # far above chance (1/3)
