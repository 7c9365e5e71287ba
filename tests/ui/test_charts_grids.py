"""ui.charts.grids: confusion matrices, hidden states and batches as data and Vega-Lite specs."""
import numpy as np
import pandas as pd

from core.tasks.batch import BatchConfig, assign_batches
from ui.charts.grids import (
    batch_frame,
    batch_grid,
    confusion_chart,
    hidden_state_chart,
    row_answers_chart,
)
from ui.charts.plane import outputs_chart, three_fits


def data_of(chart):
    """The rows an Altair chart (or the first layer of a layered one) was built from."""
    spec = chart.to_dict()
    values = next(iter(spec["datasets"].values()))
    return values


def test_confusion_chart_cells_hold_the_counts():
    matrix = np.zeros((10, 10), int)
    matrix[3, 5] = 7
    matrix[2, 2] = 4
    chart = confusion_chart(matrix, title="T", true_title="true", predicted_title="pred")
    rows = data_of(chart)
    assert len(rows) == 100
    cell = next(r for r in rows if r["true"] == 3 and r["predicted"] == 5)
    assert cell["count"] == 7 and not cell["diagonal"]
    assert sum(r["count"] for r in rows) == 11


def test_hidden_state_and_row_answers_layout():
    hidden = np.arange(28 * 3, dtype=float).reshape(28, 3) / 100
    rows = data_of(hidden_state_chart(hidden, title="T", x_title="row", y_title="unit"))
    assert len(rows) == 84
    cell = next(r for r in rows if r["row"] == 5 and r["unit"] == 2)  # rows are 1-based
    assert cell["value"] == hidden[4, 2]
    probs = np.zeros((28, 10))
    probs[:, 3] = 1.0
    rows = data_of(row_answers_chart(probs, title="T", x_title="row", y_title="digit"))
    assert {r["digit"] for r in rows if r["probability"] == 1.0} == {3}


def test_batch_frame_colours_delivered_samples_and_outlines_the_current_batch():
    records = assign_batches(BatchConfig())  # batch 5: 2 batches per epoch, 3 epochs
    frame = batch_frame(records, 10, 3, upto=3)  # epoch 0 done, first batch of epoch 1
    assert len(frame) == 30
    epoch0 = frame[frame.epoch == 0].set_index("sample")
    for record in records[:2]:
        for position, index in enumerate(record.indices, start=1):
            assert epoch0.loc[index, "batch"] == f"batch {record.step}"
            assert epoch0.loc[index, "position"] == str(position)
    current = frame[frame.current]
    assert current.epoch.unique().tolist() == [1]
    assert sorted(current["sample"]) == sorted(records[2].indices)
    epoch2 = frame[frame.epoch == 2]
    assert (epoch2["batch"] == "").all() and (epoch2["position"] == "").all()  # not yet


def test_drop_last_marks_the_skipped_samples_once_the_epoch_is_over():
    cfg = BatchConfig(batch_size=8, drop_last=True)
    records = assign_batches(cfg)
    frame = batch_frame(records, 10, 3, upto=len(records))
    dropped = frame[frame["batch"] == "dropped"]
    assert len(dropped) == 2 * 3  # 2 left-over samples in each of 3 epochs
    for epoch in range(3):
        used = set(records[epoch].indices)
        assert set(dropped[dropped.epoch == epoch]["sample"]) == set(range(10)) - used


def test_nothing_delivered_before_training():
    frame = batch_frame(assign_batches(BatchConfig()), 10, 3, upto=0)
    assert (frame["batch"] == "").all() and not frame["current"].any()


def test_specs_are_valid_vega_lite():
    records = assign_batches(BatchConfig(batch_size=8))
    spec = batch_grid(batch_frame(records, 10, 3, upto=4), batches_per_epoch=2).to_dict()
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["rect", "text"]
    colour = spec["layer"][0]["encoding"]["color"]
    assert colour["scale"]["domain"] == ["1", "2", "dropped", ""]
    lines = pd.DataFrame({"x": [0.0, 1.0] * 2, "output": [1.0, 2.0, 1.0, 2.0],
                          "net": ["net1", "net1", "net2", "net2"]})
    assert outputs_chart(lines).to_dict()["mark"]["type"] == "line"
    points = pd.DataFrame({"x": [0.0], "y": [1.0], "split": ["train"]})
    curve = pd.DataFrame({"x": [0.0, 1.0], "y": [1.0, 1.0]})
    fits = three_fits(points, {"net1": curve, "net2": curve, "net3": curve}, y_domain=(0, 2),
                      titles={"net1": "a", "net2": "b", "net3": "c"}).to_dict()
    assert len(fits["hconcat"]) == 3


def test_batch_colours_do_not_repeat_and_the_grid_fits_its_column():
    """Defect 14: 40 points in batches of 3 over 20 epochs: colours repeated after 10 batches,
    the grid (20 px a sample) ran over the loss chart, its legend of 280 batches was cut."""
    cfg = BatchConfig(points=40, batch_size=3, epochs=20)
    records = assign_batches(cfg)
    frame = batch_frame(records, 40, 20, upto=len(records))
    epoch0 = frame[frame.epoch == 0]
    assert sorted(set(epoch0["slot"]), key=int) == [str(k) for k in range(1, 15)]
    spec = batch_grid(frame, batches_per_epoch=cfg.batches_per_epoch).to_dict()
    colour = spec["layer"][0]["encoding"]["color"]
    colours = colour["scale"]["range"][:14]
    assert len(set(colours)) == 14  # one colour per batch of an epoch
    assert colour["legend"]["values"] == colour["scale"]["domain"][:14]  # 14 batches, not 280
    dropping = BatchConfig(points=40, batch_size=3, epochs=20, drop_last=True)
    records = assign_batches(dropping)
    frame = batch_frame(records, 40, 20, upto=len(records))
    legend = batch_grid(frame, batches_per_epoch=13).to_dict()["layer"][0]["encoding"]["color"][
        "legend"]
    assert legend["values"][-1] == "dropped"  # only once something was dropped
    cell = spec["width"]["step"]
    assert cell * 40 <= 280 and cell * 20 <= 320 and spec["height"]["step"] == cell


def test_batch_grid_is_large_at_the_defaults():
    records = assign_batches(BatchConfig())  # 10 points, 3 epochs
    spec = batch_grid(batch_frame(records, 10, 3, upto=0), batches_per_epoch=2).to_dict()
    assert spec["width"]["step"] == 28  # was Vega-Lite's 20 px default
    assert spec["layer"][0]["encoding"]["color"]["scale"]["range"][:2] == ["#0877bd", "#f59322"]
