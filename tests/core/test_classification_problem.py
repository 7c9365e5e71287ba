"""The classification page's points (core.tasks.classification.problem): a built-in dataset is
made once per process for each data setting and shared read-only; your own points never are."""
import dataclasses

import numpy as np
import pytest

from core.own_data import classification_from_points
from core.tasks import classification
from core.tasks.classification import DATA_SETTINGS, ClassificationConfig

ARRAYS = ("x_train", "y_train", "x_test", "y_test")


def assert_same_problem(a, b):
    for name in ARRAYS:
        np.testing.assert_array_equal(getattr(a, name), getattr(b, name))
    assert a.extent == b.extent and a.n_classes == b.n_classes


@pytest.mark.parametrize("cfg", [
    ClassificationConfig(),
    ClassificationConfig(dataset="spiral", classes=3, points=300, noise=0.2, data_seed=4),
    ClassificationConfig(dataset="xor", test_fraction=0.0, seed=7, lr=0.5),
    ClassificationConfig(dataset="circles", test_fraction=0.5, hidden=(3, 3)),
])
def test_kept_problem_equals_a_freshly_made_one(cfg):
    assert_same_problem(classification.problem(cfg), classification._make_problem(cfg))


def test_training_settings_share_one_problem_and_data_settings_do_not():
    base = classification.problem(ClassificationConfig())
    for training in ({"seed": 3}, {"lr": 0.3}, {"hidden": (4, 2)}, {"steps": 7},
                     {"features": ("x1", "x2", "x1*x2")}, {"optimizer": "Adam"}):
        assert classification.problem(ClassificationConfig(**training)) is base, training
    spiral = ClassificationConfig(dataset="spiral")
    changed = {"dataset": "moons", "classes": 3, "points": 120, "noise": 0.1,
               "test_fraction": 0.3, "data_seed": 2}
    assert set(changed) == set(DATA_SETTINGS)
    for name, value in changed.items():
        cfg = dataclasses.replace(spiral, **{name: value})
        assert classification.problem(cfg) is not classification.problem(spiral), name
        assert_same_problem(classification.problem(cfg), classification._make_problem(cfg))


def test_a_shared_problem_cannot_be_changed():
    shared = classification.problem(ClassificationConfig())
    for name in ARRAYS:
        with pytest.raises(ValueError):
            getattr(shared, name)[:1] = 0


def test_own_points_are_never_kept():
    x = np.array([[0.0, 0.0], [1.0, 1.0], [2.0, 0.0], [3.0, 1.0], [0.5, 0.2], [2.5, 0.9]])
    own = classification_from_points(x, np.array([0, 1, 0, 1, 0, 1]), 2, "mine.csv")
    cfg = ClassificationConfig(own=own, test_fraction=0.0)
    first, again = classification.problem(cfg), classification.problem(cfg)
    assert first is not again
    assert_same_problem(first, classification._make_problem(cfg))
    first.x_train[0, 0] = 99.0  # a user's own copy stays theirs to change
    assert again.x_train[0, 0] == 0.0
