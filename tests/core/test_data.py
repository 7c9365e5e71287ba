"""Toy data against its definition: shapes, seeds, the course's distributions."""
import numpy as np
import pytest
import torch

from core.data import (add_features, make_batch_data, make_blobs, make_circles,
                       make_classification, make_moons, make_optimizer_data, make_regression,
                       make_spiral, make_xor, split_train_test)


def gen(seed=0):
    return torch.Generator().manual_seed(seed)


def test_regression_matches_the_course_formula():
    x, y = make_regression(100, "square", 0.2, gen())
    assert x.shape == y.shape == (100, 1)
    np.testing.assert_allclose(x.squeeze().numpy(), np.linspace(-1, 1, 100), atol=1e-6)
    residual = (y - x ** 2).numpy()
    assert residual.min() >= 0 and residual.max() <= 0.2  # 0.2·U(0, 1)
    assert abs(residual.mean() - 0.1) < 0.02


def test_same_seed_same_points_other_seed_other_points():
    a = make_blobs(200, 0.5, gen(1))[0]
    assert torch.equal(a, make_blobs(200, 0.5, gen(1))[0])
    assert not torch.equal(a, make_blobs(200, 0.5, gen(2))[0])


def test_blobs_are_the_courses_gaussians():
    x, y = make_blobs(20000, 0.5, gen())
    x0, x1 = x[y == 0].numpy(), x[y == 1].numpy()
    np.testing.assert_allclose(x0.mean(0), [2, 2], atol=0.05)
    np.testing.assert_allclose(x1.mean(0), [-2, -2], atol=0.05)
    np.testing.assert_allclose(x0.std(0), [1, 1], atol=0.05)


@pytest.mark.parametrize("maker", [make_moons, make_circles, make_xor])
def test_two_class_makers(maker):
    x, y = maker(300, 0.0, gen())
    assert x.shape == (300, 2) and x.dtype == torch.float32
    assert set(y.tolist()) == {0, 1} and y.dtype == torch.int64


def test_noise_free_shapes():
    x, y = make_circles(400, 0.0, gen())
    r = x.norm(dim=1)
    assert (r[y == 0] < 1.5).all() and (r[y == 1] >= 2.5).all()
    x, y = make_xor(400, 0.0, gen())
    assert torch.equal(y, (x[:, 0] * x[:, 1] < 0).long())


def test_spiral_classes():
    x, y = make_spiral(300, 0.2, gen(), classes=3)
    assert x.shape == (300, 2) and torch.bincount(y).tolist() == [100, 100, 100]
    x, y = make_classification("spiral", 200, 0.2, gen(), classes=4)
    assert y.max().item() == 3


def test_split_is_a_partition():
    x = torch.arange(50.0).unsqueeze(1)
    y = torch.arange(50)
    xtr, ytr, xte, yte = split_train_test(x, y, 0.2, gen())
    assert len(xte) == 10 and len(xtr) == 40
    assert sorted(ytr.tolist() + yte.tolist()) == list(range(50))


def test_features_columns():
    x = torch.tensor([[1.0, 2.0], [-0.5, 3.0]])
    f = add_features(x, ("x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)"))
    expected = np.array([[1, 2, 1, 4, 2, np.sin(1), np.sin(2)],
                         [-0.5, 3, 0.25, 9, -1.5, np.sin(-0.5), np.sin(3)]])
    np.testing.assert_allclose(f.numpy(), expected, rtol=1e-6)


def test_other_lessons_data():
    x, y = make_optimizer_data(gen())
    assert x.shape == y.shape == (1000, 1)
    assert abs(float((y - x ** 2).std()) - 0.1) < 0.01
    bx, by = make_batch_data()
    assert bx.tolist() == list(range(1, 11)) and by.tolist() == list(range(10, 0, -1))
