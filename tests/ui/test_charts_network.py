"""ui.charts.network: a dead unit is drawn grey, not as a blank tile; a wide layer shows its
first MAX_SHOWN neurons and says how many more it has."""
import base64
import io

import numpy as np
from PIL import Image

from ui.charts.network import DEAD_GREY, MAX_SHOWN, diagram_frames


def _pixels(url: str) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(base64.b64decode(url.split(",", 1)[1]))))


def test_a_dead_unit_is_grey_and_says_so():
    """Hidden-unit tiles: a unit whose ReLU is off everywhere was an all-white map, read as a
    missing image."""
    live = np.linspace(-1, 1, 16).reshape(4, 4)
    neurons = [np.stack([live, live]), np.stack([live, np.zeros((4, 4))]), np.stack([live])]
    links = [np.ones((2, 2)), np.ones((1, 2))]
    biases = [np.zeros(2), np.zeros(1)]
    names = [["x1", "x2"], ["h1", "h2"], ["out"]]
    _, cells, hidden, _ = diagram_frames(names, neurons, links, biases)
    dead = cells[cells["neuron"].str.startswith("h2")].iloc[0]
    assert dead["neuron"] == "h2 ≡ 0"
    assert (_pixels(dead["url"]) == DEAD_GREY).all()
    alive = cells[cells["neuron"] == "h1"].iloc[0]
    assert (_pixels(alive["url"]) != DEAD_GREY).any()
    assert len(cells) == 5  # every unit keeps its tile
    assert hidden.empty  # no layer is wider than MAX_SHOWN


def test_the_diagram_title_is_not_cut_to_the_chart_width():
    """A narrow net's title read "The network: every neuron's output over the p…"."""
    from ui.charts.network import TITLE_LIMIT, network_layers

    live = np.ones((1, 4, 4))
    links, cells, hidden, options = diagram_frames([["x1"], ["out"]], [live, live],
                                                   [np.ones((1, 1))], [np.zeros(1)])
    spec = network_layers(links, cells, hidden, **options,
                          title="The network: every neuron").to_dict()
    assert spec["title"] == {"text": "The network: every neuron", "limit": TITLE_LIMIT}
    assert options["width"] < TITLE_LIMIT


def test_a_wide_layer_shows_eight_neurons_and_says_how_many_more():
    """A 6×64 net drew 384 maps and about 20,000 links with every frame; TensorFlow Playground
    stops at 8 neurons a layer."""
    rng = np.random.default_rng(0)
    widths = [2, 64, 64, 64, 64, 64, 64, 3]
    neurons = [rng.normal(size=(n, 4, 4)) for n in widths]
    links = [rng.normal(size=(b, a)) for a, b in zip(widths, widths[1:], strict=False)]
    biases = [np.zeros(n) for n in widths[1:]]
    names = [[f"c{c}.{i}" for i in range(n)] for c, n in enumerate(widths)]
    link_frame, cells, hidden, options = diagram_frames(names, neurons, links, biases,
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
