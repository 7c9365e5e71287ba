"""ui.charts.network: a dead unit is drawn grey, not as a blank tile."""
import base64
import io

import numpy as np
from PIL import Image

from ui.charts.network import DEAD_GREY, diagram_frames


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
    _, cells, _ = diagram_frames(names, neurons, links, biases)
    dead = cells[cells["neuron"].str.startswith("h2")].iloc[0]
    assert dead["neuron"] == "h2 ≡ 0"
    assert (_pixels(dead["url"]) == DEAD_GREY).all()
    alive = cells[cells["neuron"] == "h1"].iloc[0]
    assert (_pixels(alive["url"]) != DEAD_GREY).any()
    assert len(cells) == 5  # every unit keeps its tile


def test_the_diagram_title_is_not_cut_to_the_chart_width():
    """A narrow net's title read "The network: every neuron's output over the p…"."""
    from ui.charts.network import TITLE_LIMIT, network_layers

    live = np.ones((1, 4, 4))
    links, cells, options = diagram_frames([["x1"], ["out"]], [live, live], [np.ones((1, 1))],
                                           [np.zeros(1)])
    spec = network_layers(links, cells, **options, title="The network: every neuron").to_dict()
    assert spec["title"] == {"text": "The network: every neuron", "limit": TITLE_LIMIT}
    assert options["width"] < TITLE_LIMIT
