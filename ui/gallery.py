"""Small pictures with captions in a regular grid: rows of ``columns``, one picture a column.

``st.image`` with a list flows its pictures like words, so 20 digits wrapped 12 + 8 at
1280 px; columns keep every row the same, 2 rows of 10, at any page width."""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def gallery(box, images: Sequence[np.ndarray], captions: Sequence[str], *, columns: int = 10,
            width: int = 64) -> None:
    """Draw ``images`` (each (H, W, 3) uint8) into the Streamlit container ``box``."""
    for top in range(0, len(images), columns):
        row = box.columns(columns, gap="small")
        for col, image, caption in zip(row, images[top:top + columns],
                                       captions[top:top + columns], strict=False):
            col.image(image, caption=caption, width=width)
