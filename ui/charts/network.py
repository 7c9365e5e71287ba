"""The network diagram, as TensorFlow Playground draws it: one column per layer, every neuron a
small map of its response over the plane, every link a line coloured by its weight's sign and
as thick as its magnitude; hover a link or a neuron for its value. Pure Altair, no Streamlit."""
from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from ui.charts import Columns
from ui.charts.plane import SEAM_OVERLAP
from ui.raster import CLASS_HEX, color_runs, quantize, signed_to_rgb

POSITIVE, NEGATIVE = CLASS_HEX[1], CLASS_HEX[0]  # blue and orange, as the neuron maps
COLUMN_GAP = 120  # px between layer columns (less for a deep net: the whole width fits MAX_WIDTH)
MAX_WIDTH = 800  # px: the page's main column at 1280 px is about 820 wide
MAX_TILE, MIN_TILE = 36, 10  # a neuron's map, px (smaller when a layer has many neurons)
MAX_HEIGHT = 520
TITLE_LIMIT = 1000  # px
# Vega clips a title at the chart's edge: "The network: every neuron's output over the plane"
# takes about 330 px at 13 px and 590 px at presenter mode's 24 px, so a narrow net is drawn
# centred in a view at least this wide
MIN_WIDTH = 600
DEAD_GREY = 200  # a neuron whose map is one value everywhere: white read as a missing image
MAP_SHADES = 15  # per sign: a map has 31 colours, orange through white to blue (see maps_frame)
# A column shows at most this many neurons, then "+N more", as TensorFlow Playground stops at 8:
# a 6×64 net drew 384 maps and 20,000 links with every frame, too small to read anyway.
MAX_SHOWN = 8


def layout(widths: list[int]) -> tuple[int, int, int, float, float]:
    """(tile, width, height, column gap, first column's x) in px for columns of these neuron
    counts: the columns are centred in a view of at least MIN_WIDTH."""
    tile = int(max(MIN_TILE, min(MAX_TILE, MAX_HEIGHT / (1.25 * max(widths)))))
    height = int(1.25 * tile * max(widths)) + tile
    gap = min(COLUMN_GAP, (MAX_WIDTH - 2 * tile) / max(1, len(widths) - 1))
    needed = round(gap * (len(widths) - 1) + 2 * tile)
    width = max(needed, MIN_WIDTH)
    return tile, width, height, gap, tile + (width - needed) / 2


def _positions(widths: list[int], tile: int, height: int, gap: float,
               left: float) -> list[np.ndarray]:
    """Each column's neuron centres (x, y), centred vertically, y down from 0 at the top; the
    first column at x = ``left``."""
    out = []
    for column, n in enumerate(widths):
        ys = height / 2 + (np.arange(n) - (n - 1) / 2) * 1.25 * tile
        out.append(np.stack([np.full(n, left + column * gap), ys], 1))
    return out


def maps_frame(pictures: list[np.ndarray], corners: list[tuple[float, float]],
               tile: float) -> Columns:
    """(x, x2, y, y2, color) rects drawing each (res, res, 3) picture as a tile ``tile`` px wide
    whose top-left corner is at ``corners[i]`` (px, y down): one rect per run of equal colour
    along a row, as the boundary's heat map (ui/charts/plane.py) and for the same reason: an
    image mark whose url changes is drawn blank until the new image has loaded (a flicker)."""
    if not pictures:
        nothing = np.empty(0, np.float32)
        return {"x": nothing, "x2": nothing, "y": nothing, "y2": nothing, "color": []}
    res = pictures[0].shape[0]
    rows, starts, stops, colors = color_runs(np.concatenate(pictures))  # (tiles·res, res, 3)
    which, row = np.divmod(rows, res)  # the tile of each run, and its row in that tile
    left, top = np.asarray(corners, np.float32)[which].T
    cell = tile / res
    right = np.where(stops < res, stops + SEAM_OVERLAP, res)  # under the next run (no seam)
    below = np.where(row < res - 1, row + 1 + SEAM_OVERLAP, res)
    return {"x": left + starts * cell, "x2": left + right * cell,
            "y": top + row * cell, "y2": top + below * cell, "color": colors}


def diagram_frames(names: list[list[str]], neurons: list[np.ndarray], links: list[np.ndarray],
                   biases: list[np.ndarray], more: str = "+{n} more"
                   ) -> tuple[Columns, Columns, Columns, Columns, dict]:
    """(links, maps, neurons, hidden, options) for :func:`network_layers` from a core
    NetworkDiagram's parts.

    neurons[c]: (units, res, res) maps of column c; links[c]: (units of c+1, units of c) weights;
    biases[c]: (units of c+1,). Maps are drawn blue where positive, orange where negative, each
    on its own scale (what matters is where a neuron fires, not how much) in MAP_SHADES steps
    per sign. A column shows its first MAX_SHOWN neurons and the links between shown ones;
    ``hidden`` says under it how many it leaves out (``more``, formatted with ``n``).
    Columns, not DataFrames: every live frame of the page makes them anew.
    """
    shown = [min(len(m), MAX_SHOWN) for m in neurons]
    places = [n + (n < len(m)) for n, m in zip(shown, neurons, strict=True)]  # "+N more": one
    tile, width, height, gap, left = layout(places)
    where = _positions(places, tile, height, gap, left)
    ends, weights, labels = [], [], []  # per column of links, joined into one frame
    for c, w in enumerate(links):
        to, frm = np.indices((shown[c + 1], shown[c])).reshape(2, -1)  # w is (to, from)
        ends.append(np.hstack([where[c][frm], where[c + 1][to]]))  # (links, 4): x, y, x2, y2
        weights.append(w[to, frm].astype(float))
        labels += [f"{names[c][i]} → {names[c + 1][j]}" for j, i in zip(to, frm, strict=True)]
    ends, w = np.vstack(ends), np.concatenate(weights)
    link_frame = {"x": ends[:, 0], "y": ends[:, 1], "x2": ends[:, 2], "y2": ends[:, 3],
                  "weight": w, "size": np.abs(w), "sign": np.where(w >= 0, "+", "−"),
                  "link": labels}
    cells, pictures = [], []
    for c, maps in enumerate(neurons):
        for i, values in enumerate(maps[:shown[c]]):
            x, y = where[c][i]
            bias = float(biases[c - 1][i]) if c > 0 else float("nan")
            name = names[c][i]
            scale = float(np.abs(values).max())
            if np.ptp(values) == 0:  # a dead unit (ReLU off everywhere): grey, not a blank
                pictures.append(np.full((*values.shape, 3), DEAD_GREY, np.uint8))
                name = f"{name} ≡ {float(values.flat[0]):.3g}"
            else:
                pictures.append(signed_to_rgb(quantize(values / scale, MAP_SHADES), 1.0))
            cells.append((x - tile / 2, x + tile / 2, y - tile / 2, y + tile / 2, name, bias))
    neuron_frame = {name: list(column) for name, column in zip(
        ("x", "x2", "y", "y2", "neuron", "bias"), zip(*cells, strict=True), strict=True)}
    map_frame = maps_frame(pictures, [(x, y) for x, _, y, _, _, _ in cells], tile)
    cut = [c for c, (n, m) in enumerate(zip(shown, neurons, strict=True)) if n < len(m)]
    hidden_frame = {"x": [float(where[c][shown[c], 0]) for c in cut],
                    "y": [float(where[c][shown[c], 1]) for c in cut],
                    "text": [more.format(n=len(neurons[c]) - shown[c]) for c in cut]}
    return link_frame, map_frame, neuron_frame, hidden_frame, {"width": width, "height": height}


def network_layers(link_frame: pd.DataFrame, map_frame: pd.DataFrame,
                   neuron_frame: pd.DataFrame, hidden_frame: pd.DataFrame, *, width: int,
                   height: int, title: str = "", max_weight: float = 3.0) -> alt.LayerChart:
    """Links under neuron maps (rects, see :func:`maps_frame`) framed and labelled by
    ``neuron_frame``, and what a column leaves out under it ("+56 more"), in px coordinates
    (y down); no axes. Link width saturates at ``max_weight``."""
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
    # aria off, as for the boundary: hundreds of unlabelled rects; the frames carry the tooltip
    tiles = alt.Chart(map_frame).mark_rect(strokeWidth=0, aria=False).encode(
        x=alt.X("x:Q", scale=x, **no_axis), x2="x2:Q",
        y=alt.Y("y:Q", scale=y, **no_axis), y2="y2:Q", color=alt.Color("color:N", scale=None))
    frames = alt.Chart(neuron_frame).mark_rect(fill="transparent", stroke="#666",
                                               strokeWidth=0.6).encode(
        x=alt.X("x:Q", scale=x, **no_axis), x2="x2:Q",
        y=alt.Y("y:Q", scale=y, **no_axis), y2="y2:Q",
        tooltip=[alt.Tooltip("neuron:N", title="neuron"),
                 alt.Tooltip("bias:Q", format=".3f", title="bias")])
    # its size from the config (12 px, configure_text below), so that presenter mode's 20 px
    # (ui/presenter.py) reaches it: a mark's own fontSize would win over any config
    more = alt.Chart(hidden_frame).mark_text(color="#555").encode(
        x=alt.X("x:Q", scale=x, **no_axis), y=alt.Y("y:Q", scale=y, **no_axis), text="text:N")
    # A canvas always, as for the boundary (ui/charts/plane.py): hundreds of rects painted
    # without an SVG node each, and no switch of renderer when the rows cross Streamlit's
    # 2,000 (a switch redraws the chart from nothing: a blank frame)
    return alt.layer(lines, tiles, frames, more).properties(
        width=width, height=height, title=alt.TitleParams(title, limit=TITLE_LIMIT),
        usermeta={"embedOptions": {"renderer": "canvas"}}).configure_view(
        stroke=None).configure_text(fontSize=12)
