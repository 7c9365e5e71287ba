"""A digit drawn with the mouse (or uploaded), made to look like the MNIST digits the CNN and
the RNN classifier learned from.

MNIST's digits were made this way (LeCun, Cortes, Burges, "The MNIST database"): each
black-and-white NIST digit was scaled to fit a 20x20 box keeping its aspect ratio (the
anti-aliasing gives grey levels), then placed in a 28x28 image so that its centre of mass
(of the pixel values) sits at the centre. A digit drawn on a 280x280 canvas at any place and
size goes through the same steps, so the network sees what it is used to.
"""
from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F

BOX = 20  # MNIST: the digit fits a 20x20 box ...
SIZE = 28  # ... centred by its centre of mass in a 28x28 image
INK = 0.1  # pixels above this (of the range) count for the bounding box


def canvas_ink(rgba: np.ndarray) -> np.ndarray:
    """The drawing canvas's pixels (H, W, 4) uint8 RGBA -> (H, W) float32 ink in [0, 1].

    Ink is the stroke's brightness times its opacity: light strokes on a dark or transparent
    background (what the pages' canvas draws) give ink where the pen went and 0 elsewhere.
    """
    rgba = np.asarray(rgba, dtype=np.float32)
    if rgba.ndim != 3 or rgba.shape[2] != 4:
        raise ValueError("expected an (H, W, 4) RGBA image")
    luminance = rgba[..., :3] @ np.array([0.299, 0.587, 0.114], dtype=np.float32)
    return luminance / 255.0 * (rgba[..., 3] / 255.0)


def is_blank(pixels: np.ndarray) -> bool:
    """Nothing drawn yet (or everything erased)."""
    pixels = np.asarray(pixels, dtype=np.float32)
    return pixels.size == 0 or float(pixels.max() - pixels.min()) < 1e-6


def prepare_digit(pixels: np.ndarray) -> torch.Tensor:
    """Any grayscale picture of one digit -> a (1, 28, 28) float tensor that looks like MNIST.

    MNIST digits are white on black, fit in a 20x20 box, centred by their centre of mass in a
    28x28 frame. So: scale to [0, 1]; invert when the background is light (dark ink on white
    paper); crop to the ink; resize the longer side to 20 keeping the aspect; paste centred by
    the centre of mass. ``pixels``: (H, W) array of any range (uint8 0..255 or float).
    """
    img = np.asarray(pixels, dtype=np.float32)
    if img.ndim != 2 or img.size == 0:
        raise ValueError("expected a 2-D grayscale image")
    lo, hi = float(img.min()), float(img.max())
    if is_blank(img):  # nothing to centre
        return torch.zeros(1, SIZE, SIZE)
    img = (img - lo) / (hi - lo)
    border = np.concatenate([img[0], img[-1], img[:, 0], img[:, -1]])
    if border.mean() > 0.5:  # light background: make it white ink on black
        img = 1.0 - img
    rows, cols = np.nonzero(img > INK)
    img = img[rows.min():rows.max() + 1, cols.min():cols.max() + 1]
    h, w = img.shape
    scale = BOX / max(h, w)
    new_h, new_w = max(1, round(h * scale)), max(1, round(w * scale))
    small = F.interpolate(torch.from_numpy(img)[None, None], size=(new_h, new_w),
                          mode="bilinear", align_corners=False, antialias=True)[0, 0]
    small = small.clamp(0, 1).numpy()
    # centre of mass of the ink -> pixel (14, 14) of the 28x28 frame
    ys, xs = np.mgrid[0:new_h, 0:new_w]
    mass = small.sum()
    cy, cx = (ys * small).sum() / mass, (xs * small).sum() / mass
    top = int(np.clip(round(SIZE / 2 - cy), 0, SIZE - new_h))
    left = int(np.clip(round(SIZE / 2 - cx), 0, SIZE - new_w))
    frame = np.zeros((SIZE, SIZE), dtype=np.float32)
    frame[top:top + new_h, left:left + new_w] = small
    return torch.from_numpy(frame)[None]


def strongest_filters(maps: np.ndarray, count: int = 4) -> list[int]:
    """The filters that respond most to a digit: indices of the (C, H, W) feature maps (after
    ReLU) with the largest mean activation, strongest first."""
    strength = np.asarray(maps).reshape(len(maps), -1).mean(1)
    return [int(i) for i in np.argsort(-strength, kind="stable")[:count]]
