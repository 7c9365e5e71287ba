"""Smoothing a noisy loss curve the way TensorBoard does (the Optimizers page's slider)."""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd


def ema(values: Sequence[float], weight: float) -> np.ndarray:
    """Exponential moving average, bias-corrected like TensorBoard's smoothing.

    s_t = weight·s_{t-1} + (1 - weight)·v_t with s_0 = 0, divided by (1 - weight^t) so that the
    first points are not pulled towards 0: that is pandas' ``ewm(alpha=1 - weight,
    adjust=True)``. weight 0 returns the values unchanged. NaN or inf (a dropped-out optimizer)
    stays NaN and does not poison later values (``ignore_na``: t counts finite values only).
    """
    series = pd.Series(np.asarray(values, dtype=float))
    finite = np.isfinite(series)
    smoothed = series.where(finite).ewm(alpha=1.0 - weight, adjust=True, ignore_na=True).mean()
    return smoothed.where(finite).to_numpy()
