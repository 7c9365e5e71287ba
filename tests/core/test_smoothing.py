"""core.smoothing.ema (pandas' ewm) against the hand-written loop it replaced."""
import numpy as np
import pytest

from core.smoothing import ema


def loop_ema(values, weight):
    """The former implementation, step by step: the reference."""
    values = np.asarray(values, dtype=float)
    out = np.full(len(values), np.nan)
    s, n = 0.0, 0
    for i, v in enumerate(values):
        if not np.isfinite(v):
            continue
        n += 1
        s = weight * s + (1 - weight) * v
        out[i] = s / (1 - weight ** n) if weight > 0 else s
    return out


@pytest.mark.parametrize("weight", [0.0, 0.3, 0.6, 0.9, 0.98])
def test_same_numbers_as_the_loop_nan_and_inf_included(weight):
    rng = np.random.default_rng(0)
    values = rng.random(300)
    values[[0, 7, 8, 50, 299]] = np.nan  # a leading gap, a run of gaps, the last point
    values[120] = np.inf
    values[121] = -np.inf
    got, want = ema(values, weight), loop_ema(values, weight)
    np.testing.assert_array_equal(np.isnan(got), np.isnan(want))
    np.testing.assert_allclose(got, want, rtol=1e-12, atol=0)


def test_a_dropped_out_curve_ends_in_nan_and_an_empty_one_is_empty():
    got = ema([0.3, 0.2, np.nan, np.nan], 0.5)
    assert np.isnan(got[2:]).all() and got[0] == 0.3
    assert ema([], 0.5).shape == (0,)
    assert ema([0.5, 0.1], 0.0).tolist() == [0.5, 0.1]
