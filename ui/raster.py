"""Pixel pictures from arrays: heat maps as runs of equal colour (a decision boundary, the
network diagram's small maps) and small RGB arrays for ``st.image`` (digits, filters, feature
maps). No Streamlit."""
from __future__ import annotations

import numpy as np

# TensorFlow-Playground-like class colours: orange, blue, green, purple (RGB 0-255)
# Up to 8 classes (your own data may have that many): the first four are the built-in ones'.
CLASS_COLORS = np.array([[245, 147, 34], [8, 119, 189], [46, 160, 67], [170, 60, 170],
                         [214, 39, 40], [140, 86, 75], [23, 190, 207], [127, 127, 127]],
                        np.float32)
CLASS_HEX = ["#f59322", "#0877bd", "#2ea043", "#aa3caa",
             "#d62728", "#8c564b", "#17becf", "#7f7f7f"]


def probabilities_to_rgb(probs: np.ndarray) -> np.ndarray:
    """(H, W, C) class probabilities -> (H, W, 3) uint8: the winning colour, paler where unsure."""
    n_classes = probs.shape[-1]
    colour = probs @ CLASS_COLORS[:n_classes]  # (H, W, 3) probability-weighted colour
    confidence = (probs.max(-1, keepdims=True) - 1 / n_classes) / (1 - 1 / n_classes)
    strength = 0.25 + 0.5 * np.clip(confidence, 0, 1)  # never fully saturated: points stay visible
    rgb = 255 * (1 - strength) + colour * strength
    return np.clip(rgb, 0, 255).astype(np.uint8)


# TensorFlow Playground's heat map has 30 shades: steps of 1/30 in probability are too small to
# see, and they let a row of the picture be drawn as a few runs of one colour (see color_runs).
SHADES = 30


def quantize(probs: np.ndarray, shades: int = SHADES) -> np.ndarray:
    """Probabilities rounded to multiples of 1/shades (same shape)."""
    return np.round(probs * shades) / shades


def color_runs(rgb: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """(H, W, 3) uint8 -> (row, start, stop, colour) of every run of equal pixels along a row,
    in row-major order: columns start..stop-1 of that row have that colour ("#rrggbb")."""
    h, w, _ = rgb.shape
    packed = rgb.astype(np.int32) @ np.array([1 << 16, 1 << 8, 1], np.int32)  # (H, W)
    starts_here = np.ones((h, w), bool)
    starts_here[:, 1:] = packed[:, 1:] != packed[:, :-1]
    rows, starts = np.nonzero(starts_here)  # row-major: each row's runs left to right
    stops = np.empty_like(starts)
    stops[:-1] = starts[1:]
    stops[np.r_[rows[1:] != rows[:-1], True]] = w  # a row's last run ends at its right edge
    # a picture has few distinct colours (see SHADES): format each once
    distinct, which = np.unique(packed[rows, starts], return_inverse=True)
    names = np.array([f"#{c:06x}" for c in distinct.tolist()], dtype=object)
    return rows, starts, stops, names[which].tolist()


def signed_to_rgb(values: np.ndarray, scale: float | None = None) -> np.ndarray:
    """(H, W) values -> (H, W, 3) uint8: blue for positive, orange for negative, white at 0."""
    scale = scale or float(np.abs(values).max()) or 1.0
    v = np.clip(values / scale, -1, 1)[..., None]
    pos, neg = CLASS_COLORS[1], CLASS_COLORS[0]
    rgb = np.where(v >= 0, 255 + (pos - 255) * v, 255 + (neg - 255) * (-v))
    return np.clip(rgb, 0, 255).astype(np.uint8)


RIGHT = np.array([46, 160, 67], np.uint8)  # green frame: predicted right


WRONG = np.array([215, 38, 61], np.uint8)  # red frame: predicted wrong


def upscale(image: np.ndarray, factor: int) -> np.ndarray:
    """Nearest-neighbour enlargement: every pixel becomes a factor x factor block (crisp)."""
    return np.kron(image, np.ones((factor, factor) + (1,) * (image.ndim - 2), dtype=image.dtype))


def digit_rgb(image: np.ndarray, correct: bool | None = None, factor: int = 3,
              border: int = 2) -> np.ndarray:
    """A (28, 28) digit in [0, 1] -> (28*factor, 28*factor, 3) uint8, white ink on black.

    correct True/False draws a green/red frame of ``border`` pixels (None: no frame).
    """
    gray = (np.clip(np.asarray(image, dtype=np.float32), 0, 1) * 255).astype(np.uint8)
    rgb = np.repeat(upscale(gray, factor)[..., None], 3, axis=2)
    if correct is not None:
        colour = RIGHT if correct else WRONG
        rgb[:border], rgb[-border:], rgb[:, :border], rgb[:, -border:] = colour, colour, colour, colour
    return rgb


def mosaic(images: list[np.ndarray], columns: int, gap: int = 6,
           background: int = 255, frame: int = 170) -> np.ndarray:
    """Equal-size (H, W, 3) images in rows of ``columns``, ``gap`` px apart, each inside a
    one-pixel grey frame: one picture, so a page never wraps 15 + 1 and no tiles touch, and
    an all-white map (a filter or unit that is 0 everywhere) still shows as a framed tile."""
    h, w = images[0].shape[:2]
    rows = -(-len(images) // columns)
    cell_h, cell_w = h + 2, w + 2  # the frame
    out = np.full((rows * cell_h + (rows - 1) * gap, columns * cell_w + (columns - 1) * gap, 3),
                  background, np.uint8)
    for n, image in enumerate(images):
        top, left = (n // columns) * (cell_h + gap), (n % columns) * (cell_w + gap)
        out[top:top + cell_h, left:left + cell_w] = frame
        out[top + 1:top + 1 + h, left + 1:left + 1 + w] = image
    return out


def signed_map_rgb(values: np.ndarray, factor: int, scale: float | None = None) -> np.ndarray:
    """A 2-D array of signed numbers (a filter, a feature map) -> enlarged blue/orange image."""
    return upscale(signed_to_rgb(np.asarray(values, dtype=np.float32), scale), factor)
