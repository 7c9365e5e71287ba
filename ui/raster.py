"""Arrays -> small PNG images. A 100×100 boundary as one PNG is far cheaper to send and draw
than 10,000 Altair rectangles (about 6× per frame in a browser)."""
from __future__ import annotations

import base64
import io

import numpy as np
from PIL import Image

# TensorFlow-Playground-like class colours: orange, blue, green, purple (RGB 0-255)
CLASS_COLORS = np.array([[245, 147, 34], [8, 119, 189], [46, 160, 67], [170, 60, 170]], np.float32)
CLASS_HEX = ["#f59322", "#0877bd", "#2ea043", "#aa3caa"]


def probabilities_to_rgb(probs: np.ndarray) -> np.ndarray:
    """(H, W, C) class probabilities -> (H, W, 3) uint8: the winning colour, paler where unsure."""
    n_classes = probs.shape[-1]
    colour = probs @ CLASS_COLORS[:n_classes]  # (H, W, 3) probability-weighted colour
    confidence = (probs.max(-1, keepdims=True) - 1 / n_classes) / (1 - 1 / n_classes)
    strength = 0.25 + 0.5 * np.clip(confidence, 0, 1)  # never fully saturated: points stay visible
    rgb = 255 * (1 - strength) + colour * strength
    return np.clip(rgb, 0, 255).astype(np.uint8)


def signed_to_rgb(values: np.ndarray, scale: float | None = None) -> np.ndarray:
    """(H, W) values -> (H, W, 3) uint8: blue for positive, orange for negative, white at 0."""
    scale = scale or float(np.abs(values).max()) or 1.0
    v = np.clip(values / scale, -1, 1)[..., None]
    pos, neg = CLASS_COLORS[1], CLASS_COLORS[0]
    rgb = np.where(v >= 0, 255 + (pos - 255) * v, 255 + (neg - 255) * (-v))
    return np.clip(rgb, 0, 255).astype(np.uint8)


def png_bytes(rgb: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(rgb).save(buffer, format="PNG", compress_level=1)  # speed over size
    return buffer.getvalue()


def png_data_url(rgb: np.ndarray) -> str:
    return "data:image/png;base64," + base64.b64encode(png_bytes(rgb)).decode("ascii")
