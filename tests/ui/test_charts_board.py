"""The class board's scatter builder."""
import pandas as pd

from ui.charts.board import SELECTION, board_scatter


def test_scatter_orders_widths_as_numbers_and_selects_by_id():
    frame = pd.DataFrame({"id": [1, 2, 3, 4], "nickname": ["<b>a</b>", "b", "c", "d"],
                          "lr": [0.01, 0.1, 1.0, 0.3], "accuracy": [0.5, 0.7, 0.9, 0.6],
                          "hidden": ["16", "2", "8,4", "8"]})
    spec = board_scatter(frame, x="lr", y="accuracy", colour="hidden", x_title="lr",
                         y_title="accuracy", colour_title="hidden", log_x=True).to_dict()
    assert spec["encoding"]["color"]["sort"] == ["2", "8", "8,4", "16"]
    assert spec["encoding"]["x"]["scale"]["type"] == "log"
    assert spec["params"][0]["name"] == SELECTION
    assert spec["params"][0]["select"]["fields"] == ["id"]
