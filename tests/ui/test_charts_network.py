"""ui.charts.network: neuron maps drawn as rects (never an image that blinks while it loads),
a dead unit grey, not a blank tile; a wide layer shows its first MAX_SHOWN neurons and says how
many more it has."""
import numpy as np
import pandas as pd

from ui.charts import network
from ui.charts.network import DEAD_GREY, MAX_SHOWN, network_layers
from ui.frames import as_dataframe


def maps_frame(*args, **kwargs) -> pd.DataFrame:
    return as_dataframe(network.maps_frame(*args, **kwargs))


def diagram_frames(*args, **kwargs) -> tuple:
    """network.diagram_frames with its four frames as DataFrames, to query them."""
    *frames, options = network.diagram_frames(*args, **kwargs)
    return (*map(as_dataframe, frames), options)


def _paint(rects: pd.DataFrame, size: tuple[int, int], cell: float = 1.0) -> np.ndarray:
    """The (H, W, 3) picture the rects draw, in their order (later over earlier), with each
    cell's colour read at its centre: an independent redraw of what the browser shows."""
    out = np.zeros((*size, 3), np.uint8)
    centres_y, centres_x = (np.indices(size) + 0.5) * cell
    for r in rects.itertuples():
        inside = (r.x <= centres_x) & (centres_x < r.x2) & (r.y <= centres_y) & (centres_y < r.y2)
        out[inside] = [int(r.color[i:i + 2], 16) for i in (1, 3, 5)]
    return out


def _tile_colours(maps: pd.DataFrame, tile: pd.Series) -> set[str]:
    inside = ((maps["x"] >= tile["x"]) & (maps["x2"] <= tile["x2"] + 1e-6)
              & (maps["y"] >= tile["y"]) & (maps["y2"] <= tile["y2"] + 1e-6))
    return set(maps.loc[inside, "color"])


def test_maps_are_rects_that_redraw_each_picture_pixel_for_pixel():
    """Defect 13 in the diagram: its neuron maps were PNG image marks, blank in 28 of 72 frames
    of a replay while each new image loaded."""
    rng = np.random.default_rng(1)
    pictures = [rng.integers(0, 3, (6, 6, 3), dtype=np.uint8) * 100 for _ in range(3)]
    corners = [(0.0, 0.0), (12.0, 0.0), (0.0, 12.0)]  # three 12 px tiles on a 24×24 canvas
    rects = maps_frame(pictures, corners, tile=12.0)
    drawn = _paint(rects, (24, 24), cell=1.0)
    for picture, (x, y) in zip(pictures, corners, strict=True):
        expected = np.kron(picture, np.ones((2, 2, 1), np.uint8))  # 6 cells of 2 px each
        assert (drawn[int(y):int(y) + 12, int(x):int(x) + 12] == expected).all()
    assert maps_frame([], [], tile=12.0).empty


def test_the_diagram_has_no_image_mark_and_one_renderer():
    live = np.linspace(-1, 1, 16).reshape(1, 4, 4)
    frames = diagram_frames([["x1"], ["out"]], [live, live], [np.ones((1, 1))], [np.zeros(1)])
    spec = network_layers(*frames[:4], **frames[4]).to_dict()
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert "image" not in marks and marks.count("rect") == 2
    assert spec["usermeta"] == {"embedOptions": {"renderer": "canvas"}}  # a switch blanks a frame


def test_a_dead_unit_is_grey_and_says_so():
    """Hidden-unit tiles: a unit whose ReLU is off everywhere was an all-white map, read as a
    missing image."""
    live = np.linspace(-1, 1, 16).reshape(4, 4)
    neurons = [np.stack([live, live]), np.stack([live, np.zeros((4, 4))]), np.stack([live])]
    links = [np.ones((2, 2)), np.ones((1, 2))]
    biases = [np.zeros(2), np.zeros(1)]
    names = [["x1", "x2"], ["h1", "h2"], ["out"]]
    _, maps, cells, hidden, _ = diagram_frames(names, neurons, links, biases)
    dead = cells[cells["neuron"].str.startswith("h2")].iloc[0]
    assert dead["neuron"] == "h2 ≡ 0"
    grey = "#" + f"{DEAD_GREY:02x}" * 3
    assert _tile_colours(maps, dead) == {grey}
    alive = cells[cells["neuron"] == "h1"].iloc[0]
    assert len(_tile_colours(maps, alive) - {grey}) > 2
    assert len(cells) == 5  # every unit keeps its tile
    assert hidden.empty  # no layer is wider than MAX_SHOWN


def test_the_diagram_title_is_not_cut_to_the_chart_width():
    """A narrow net's title read "The network: every neuron's output over the p…": the view
    is at least MIN_WIDTH wide, the net centred in it."""
    from ui.charts.network import MIN_WIDTH, TITLE_LIMIT

    live = np.ones((1, 4, 4))
    *frames, options = diagram_frames([["x1"], ["out"]], [live, live],
                                      [np.ones((1, 1))], [np.zeros(1)])
    spec = network_layers(*frames, **options, title="The network: every neuron").to_dict()
    assert spec["title"] == {"text": "The network: every neuron", "limit": TITLE_LIMIT}
    assert MIN_WIDTH <= options["width"] < TITLE_LIMIT
    tiles = frames[2]
    assert tiles["x"].min() == options["width"] - tiles["x2"].max()  # centred


def test_a_wide_layer_shows_eight_neurons_and_says_how_many_more():
    """A 6×64 net drew 384 maps and about 20,000 links with every frame; TensorFlow Playground
    stops at 8 neurons a layer."""
    rng = np.random.default_rng(0)
    widths = [2, 64, 64, 64, 64, 64, 64, 3]
    neurons = [rng.normal(size=(n, 4, 4)) for n in widths]
    links = [rng.normal(size=(b, a)) for a, b in zip(widths, widths[1:], strict=False)]
    biases = [np.zeros(n) for n in widths[1:]]
    names = [[f"c{c}.{i}" for i in range(n)] for c, n in enumerate(widths)]
    link_frame, _, cells, hidden, options = diagram_frames(names, neurons, links, biases,
                                                            more="+{n} more")
    assert MAX_SHOWN == 8
    assert len(cells) == 2 + 6 * 8 + 3
    assert set(cells["neuron"]) >= {"c1.0", "c1.7", "c2.7"} and "c1.8" not in set(cells["neuron"])
    assert len(link_frame) == 2 * 8 + 5 * 8 * 8 + 8 * 3  # only between neurons on screen
    assert list(hidden["text"]) == ["+56 more"] * 6
    # each "+56 more" sits under its own column's last tile, inside the chart
    for (_, row), column in zip(hidden.iterrows(), range(1, 7), strict=True):
        tiles = cells[cells["neuron"].str.startswith(f"c{column}.")]
        assert row["x"] == (tiles["x"] + tiles["x2"]).iloc[0] / 2
        assert row["y"] > tiles["y2"].max() and row["y"] < options["height"]
    assert options["width"] <= 800  # a deep net fits the page's main column at 1280 px
    # a link's weight and ends are the right ones after the cut
    link = link_frame[link_frame["link"] == "c1.3 → c2.5"].iloc[0]
    assert link["weight"] == links[1][5, 3]
    assert (link["x"], link["x2"]) == ((cells.set_index("neuron").loc["c1.3", ["x", "x2"]]).mean(),
                                       (cells.set_index("neuron").loc["c2.5", ["x", "x2"]]).mean())
