"""The network diagram, as TensorFlow Playground draws it: one column per layer, every neuron a
small map of its response over the plane, every link a line coloured by its weight's sign and
as thick as its magnitude; hover a link or a neuron for its value. Pure Altair, no Streamlit."""
from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from ui.raster import CLASS_HEX, png_data_url, signed_to_rgb

POSITIVE, NEGATIVE = CLASS_HEX[1], CLASS_HEX[0]  # blue and orange, as the neuron maps
COLUMN_GAP = 120  # px between layer columns (less for a deep net: the whole width fits MAX_WIDTH)
MAX_WIDTH = 800  # px: the page's main column at 1280 px is about 820 wide
MAX_TILE, MIN_TILE = 36, 10  # a neuron's map, px (smaller when a layer has many neurons)
MAX_HEIGHT = 520
TITLE_LIMIT = 1000  # px
DEAD_GREY = 200  # a neuron whose map is one value everywhere: white read as a missing image
# A column shows at most this many neurons, then "+N more", as TensorFlow Playground stops at 8:
# a 6×64 net drew 384 maps and 20,000 links with every frame, too small to read anyway.
MAX_SHOWN = 8


def layout(widths: list[int]) -> tuple[int, int, int, float]:
    """(tile, width, height, column gap) in px for columns of these neuron counts."""
    tile = int(max(MIN_TILE, min(MAX_TILE, MAX_HEIGHT / (1.25 * max(widths)))))
    height = int(1.25 * tile * max(widths)) + tile
    gap = min(COLUMN_GAP, (MAX_WIDTH - 2 * tile) / max(1, len(widths) - 1))
    return tile, round(gap * (len(widths) - 1) + 2 * tile), height, gap


def _positions(widths: list[int], tile: int, height: int, gap: float) -> list[np.ndarray]:
    """Each column's neuron centres (x, y), centred vertically, y down from 0 at the top."""
    out = []
    for column, n in enumerate(widths):
        ys = height / 2 + (np.arange(n) - (n - 1) / 2) * 1.25 * tile
        out.append(np.stack([np.full(n, tile + column * gap), ys], 1))
    return out


def diagram_frames(names: list[list[str]], neurons: list[np.ndarray], links: list[np.ndarray],
                   biases: list[np.ndarray], more: str = "+{n} more"
                   ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, dict]:
    """(links, neurons, hidden, options) for :func:`network_layers` from a core NetworkDiagram's
    parts.

    neurons[c]: (units, res, res) maps of column c; links[c]: (units of c+1, units of c) weights;
    biases[c]: (units of c+1,). Maps are drawn blue where positive, orange where negative, each
    on its own scale (what matters is where a neuron fires, not how much). A column shows its
    first MAX_SHOWN neurons and the links between shown ones; ``hidden`` says under it how many
    it leaves out (``more``, formatted with ``n``).
    """
    shown = [min(len(m), MAX_SHOWN) for m in neurons]
    places = [n + (n < len(m)) for n, m in zip(shown, neurons, strict=True)]  # "+N more": one
    tile, width, height, gap = layout(places)
    where = _positions(places, tile, height, gap)
    parts = []
    for c, weights in enumerate(links):
        w = weights[:shown[c + 1], :shown[c]]  # (to, from)
        to, frm = np.indices(w.shape).reshape(2, -1)
        w = w.reshape(-1).astype(float)
        parts.append(pd.DataFrame({
            "x": where[c][frm, 0], "y": where[c][frm, 1],
            "x2": where[c + 1][to, 0], "y2": where[c + 1][to, 1],
            "weight": w, "size": np.abs(w), "sign": np.where(w >= 0, "+", "−"),
            "link": [f"{names[c][i]} → {names[c + 1][j]}" for j, i in zip(to, frm, strict=True)]}))
    link_frame = pd.concat(parts, ignore_index=True)
    cells = []
    for c, maps in enumerate(neurons):
        for i, values in enumerate(maps[:shown[c]]):
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
    hidden = [(*where[c][n], more.format(n=len(m) - n))
              for c, (n, m) in enumerate(zip(shown, neurons, strict=True)) if n < len(m)]
    hidden_frame = pd.DataFrame(hidden, columns=["x", "y", "text"]).astype(
        {"x": float, "y": float, "text": str})
    return link_frame, neuron_frame, hidden_frame, {"width": width, "height": height}


def network_layers(link_frame: pd.DataFrame, neuron_frame: pd.DataFrame,
                   hidden_frame: pd.DataFrame, *, width: int, height: int, title: str = "",
                   max_weight: float = 3.0) -> alt.LayerChart:
    """Links under neuron maps, and what a column leaves out under it ("+56 more"), in px
    coordinates (y down); no axes. Link width saturates at ``max_weight``."""
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
    more = alt.Chart(hidden_frame).mark_text(fontSize=12, color="#555").encode(
        x=alt.X("x:Q", scale=x, **no_axis), y=alt.Y("y:Q", scale=y, **no_axis), text="text:N")
    # Streamlit limits a title to the chart's width: a narrow net cut "The network: every
    # neuron's output over the p…"; the view widens to hold the whole title instead
    return alt.layer(lines, tiles, frames, more).properties(
        width=width, height=height,
        title=alt.TitleParams(title, limit=TITLE_LIMIT)).configure_view(stroke=None)
