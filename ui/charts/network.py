"""The network diagram, as TensorFlow Playground draws it: one column per layer, every neuron a
small map of its response over the plane, every link a line coloured by its weight's sign and
as thick as its magnitude; hover a link or a neuron for its value. Pure Altair, no Streamlit."""
from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from ui.raster import CLASS_HEX, png_data_url, signed_to_rgb

POSITIVE, NEGATIVE = CLASS_HEX[1], CLASS_HEX[0]  # blue and orange, as the neuron maps
COLUMN_GAP = 120  # px between layer columns
MAX_TILE, MIN_TILE = 36, 10  # a neuron's map, px (smaller when a layer has many neurons)
MAX_HEIGHT = 520
TITLE_LIMIT = 1000  # px
DEAD_GREY = 200  # a neuron whose map is one value everywhere: white read as a missing image


def layout(widths: list[int]) -> tuple[int, int, int]:
    """(tile, width, height) in px for columns of these neuron counts."""
    tile = int(max(MIN_TILE, min(MAX_TILE, MAX_HEIGHT / (1.25 * max(widths)))))
    height = int(1.25 * tile * max(widths)) + tile
    return tile, COLUMN_GAP * (len(widths) - 1) + 2 * tile, height


def _positions(widths: list[int], tile: int, height: int) -> list[np.ndarray]:
    """Each column's neuron centres (x, y), centred vertically, y down from 0 at the top."""
    out = []
    for column, n in enumerate(widths):
        ys = height / 2 + (np.arange(n) - (n - 1) / 2) * 1.25 * tile
        out.append(np.stack([np.full(n, tile + column * COLUMN_GAP), ys], 1))
    return out


def diagram_frames(names: list[list[str]], neurons: list[np.ndarray], links: list[np.ndarray],
                   biases: list[np.ndarray]) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    """(links, neurons, options) for :func:`network_layers` from a core NetworkDiagram's parts.

    neurons[c]: (units, res, res) maps of column c; links[c]: (units of c+1, units of c) weights;
    biases[c]: (units of c+1,). Maps are drawn blue where positive, orange where negative, each
    on its own scale (what matters is where a neuron fires, not how much).
    """
    widths = [len(m) for m in neurons]
    tile, width, height = layout(widths)
    where = _positions(widths, tile, height)
    rows = []
    for c, weights in enumerate(links):
        for j in range(weights.shape[0]):
            for i in range(weights.shape[1]):
                w = float(weights[j, i])
                rows.append((*where[c][i], *where[c + 1][j], w, abs(w),
                             "+" if w >= 0 else "−", f"{names[c][i]} → {names[c + 1][j]}"))
    link_frame = pd.DataFrame(rows, columns=["x", "y", "x2", "y2", "weight", "size", "sign",
                                             "link"])
    cells = []
    for c, maps in enumerate(neurons):
        for i, values in enumerate(maps):
            x, y = where[c][i]
            bias = float(biases[c - 1][i]) if c > 0 else float("nan")
            name = names[c][i]
            if np.ptp(values) == 0:  # a dead unit (ReLU off everywhere): grey, not a blank
                picture = np.full((*values.shape, 3), DEAD_GREY, np.uint8)
                name = f"{name} ≡ {float(values.flat[0]):.3g}"
            else:
                picture = signed_to_rgb(values)
            cells.append((x - tile / 2, x + tile / 2, y - tile / 2, y + tile / 2,
                          png_data_url(picture), name, bias))
    neuron_frame = pd.DataFrame(cells, columns=["x", "x2", "y", "y2", "url", "neuron", "bias"])
    return link_frame, neuron_frame, {"width": width, "height": height}


def network_layers(link_frame: pd.DataFrame, neuron_frame: pd.DataFrame, *, width: int,
                   height: int, title: str = "", max_weight: float = 3.0) -> alt.LayerChart:
    """Links under neuron maps, in px coordinates (y down); no axes. Link width saturates at
    ``max_weight``."""
    x = alt.Scale(domain=[0, width], nice=False)
    y = alt.Scale(domain=[height, 0], nice=False)  # y grows downwards, like the layout
    no_axis = {"axis": None}
    lines = alt.Chart(link_frame).mark_rule(opacity=0.75).encode(
        x=alt.X("x:Q", scale=x, **no_axis), y=alt.Y("y:Q", scale=y, **no_axis),
        x2="x2:Q", y2="y2:Q",
        color=alt.Color("sign:N", legend=None,
                        scale=alt.Scale(domain=["+", "−"], range=[POSITIVE, NEGATIVE])),
        strokeWidth=alt.StrokeWidth("size:Q", legend=None,
                                    scale=alt.Scale(domain=[0, max_weight], range=[0.3, 7],
                                                    clamp=True)),
        tooltip=[alt.Tooltip("link:N", title="link"),
                 alt.Tooltip("weight:Q", format=".3f", title="weight")])
    tiles = alt.Chart(neuron_frame).mark_image(aspect=False).encode(
        x=alt.X("x:Q", scale=x, **no_axis), x2="x2:Q",
        y=alt.Y("y:Q", scale=y, **no_axis), y2="y2:Q", url="url:N",
        tooltip=[alt.Tooltip("neuron:N", title="neuron"),
                 alt.Tooltip("bias:Q", format=".3f", title="bias")])
    frames = alt.Chart(neuron_frame).mark_rect(fill=None, stroke="#666", strokeWidth=0.6).encode(
        x=alt.X("x:Q", scale=x, **no_axis), x2="x2:Q",
        y=alt.Y("y:Q", scale=y, **no_axis), y2="y2:Q",
        tooltip=[alt.Tooltip("neuron:N", title="neuron"),
                 alt.Tooltip("bias:Q", format=".3f", title="bias")])
    # Streamlit limits a title to the chart's width: a narrow net cut "The network: every
    # neuron's output over the p…"; the view widens to hold the whole title instead
    return alt.layer(lines, tiles, frames).properties(
        width=width, height=height,
        title=alt.TitleParams(title, limit=TITLE_LIMIT)).configure_view(stroke=None)
