"""The fast frame path sends the same chart as Altair would, with only the data swapped."""
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd
import pyarrow as pa

from ui.charts.bars import digit_probabilities_bars, digit_probabilities_frame
from ui.charts.curves import curves_frame, curves_layers
from ui.charts.grids import confusion_frame, confusion_layers
from ui.charts.plane import boundary_layers, fit_layers, heatmap_frame
import ui.frames as frames_module
from ui.frames import Plot, arrow_table, as_dataframe, compile_plot, compiled


def datasets_by_layer(spec):
    """Each layer's rows, whatever the datasets are named."""
    rows = []
    for layer in spec["layer"]:
        data = spec["datasets"][layer["data"]["name"]]
        rows.append(data.to_pylist() if isinstance(data, pa.Table) else data)
    return rows


def strip(spec):
    out = {k: v for k, v in spec.items() if k != "datasets"}
    out["layer"] = [{k: v for k, v in layer.items() if k != "data"} for layer in spec["layer"]]
    return out


def curves(n):
    return pd.DataFrame({"step": list(range(1, n + 1)), "series": "train",
                         "value": [1.0 / i for i in range(1, n + 1)]})


def test_a_filled_compiled_plot_equals_the_altair_spec():
    for frames in [(curves(3), pd.DataFrame({"step": [2]})), (curves(5), pd.DataFrame({"step": []}))]:
        plot = Plot(curves_layers, frames, {"log": True, "x_max": 10, "title": "t"})
        fast = compiled(plot).fill(plot.frames)
        slow = plot.chart().to_dict()
        assert strip(fast) == strip(slow)
        assert datasets_by_layer(fast) == datasets_by_layer(slow)


def test_columns_draw_what_their_dataframe_draws():
    """Live frames are Columns (a dict of arrays, no pandas): the same compiled spec and the
    same rows as the DataFrame made of them."""
    columns = curves_frame([1, 2, 3], {"train": [1.0, 0.5, 0.25], "test": [np.nan, 0.6, np.nan]})
    cursor = {"step": [2]}
    as_columns = Plot(curves_layers, (columns, cursor), {"x_max": 10})
    as_frames = Plot(curves_layers, (as_dataframe(columns), as_dataframe(cursor)), {"x_max": 10})
    assert as_columns.key == as_frames.key and compiled(as_columns) is compiled(as_frames)
    fast = compiled(as_columns).fill(as_columns.frames)
    assert strip(fast) == strip(as_frames.chart().to_dict())
    assert datasets_by_layer(fast) == datasets_by_layer(as_frames.chart().to_dict())


def test_one_compiled_plot_serves_frames_of_any_size():
    first = Plot(curves_layers, (curves(2), pd.DataFrame({"step": []})), {"x_max": 9})
    later = Plot(curves_layers, (curves(7), pd.DataFrame({"step": [4]})), {"x_max": 9})
    assert first.key == later.key and compiled(first) is compiled(later)
    assert len(datasets_by_layer(compiled(later).fill(later.frames))[0]) == 7


def test_empty_layers_get_their_own_datasets():
    points = pd.DataFrame({"x": [0.5], "y": [0.2], "split": ["train"], "split_label": ["train"]})
    compiled_plot = compile_plot(Plot(fit_layers, (points, pd.DataFrame({"x": [], "y": []})),
                                 {"y_domain": (0, 1)}))
    assert len(set(compiled_plot.names)) == 2
    dots = pd.DataFrame({"x": [0.0], "y": [0.0], "label": ["0"], "split": ["train"],
                         "split_label": ["train"]})
    heatmap = heatmap_frame(None, (-1, 1, -1, 1))
    compiled_plot = compile_plot(Plot(boundary_layers, (heatmap, dots), {"extent": (-1, 1, -1, 1)}))
    red = np.full((2, 2, 3), (255, 0, 0), np.uint8)
    spec = compiled_plot.fill((heatmap_frame(red, (-1, 1, -1, 1)), dots))
    assert [row["color"] for row in datasets_by_layer(spec)[0]] == ["#ff0000"] * 2


def test_a_first_frame_over_altairs_row_guard_compiles():
    # A 3×64 net's network diagram starts with 8,448 rows; Altair alone refuses over 5,000.
    plot = Plot(curves_layers, (curves(8_448), pd.DataFrame({"step": []})), {"x_max": 9})
    assert len(datasets_by_layer(compile_plot(plot).fill(plot.frames))[0]) == 8_448


def spiral_dots(classes: int) -> pd.DataFrame:
    labels = [str(c) for c in range(classes)]
    return pd.DataFrame({"x": [0.1 * i for i in range(classes)], "y": 0.0, "label": labels,
                         "split": "train", "split_label": "train"})


def test_a_compiled_boundary_follows_the_class_labels_of_each_frame():
    # One compiled spec serves every frame with the same columns: a 3-class spiral drawn after
    # a 2-class one must still colour its third class (the spec was compiled from 2 classes).
    extent = (-1, 1, -1, 1)
    heatmap = heatmap_frame(None, extent)
    two = Plot(boundary_layers, (heatmap, spiral_dots(2)), {"extent": extent})
    three = Plot(boundary_layers, (heatmap, spiral_dots(3)), {"extent": extent})
    assert compiled(two) is compiled(three)  # the same structure: one compiled spec
    fast = compiled(three).fill(three.frames)
    slow = three.chart().to_dict()
    assert strip(fast) == strip(slow)
    assert datasets_by_layer(fast) == datasets_by_layer(slow)



def _slot_script():
    import streamlit as st

    from ui.frames import Slot

    slot = Slot(st)
    below = st.empty()
    step = st.session_state.setdefault("step", 0)
    for value in (step, step + 1):  # two live frames: the second replaces the first
        slot.vega_lite_chart(spec={"mark": "point", "data": {"values": [{"a": value}]},
                                   "encoding": {"x": {"field": "a", "type": "quantitative"}}})
    below.text("below")


def test_a_slot_holds_one_chart_in_a_container_the_browser_keeps():
    """A scrub step redraws the charts. In an st.empty() the browser saw an empty element
    first, dropped the chart and built it anew; a slot is a container (which the browser keeps
    from one run to the next, with its chart) and the chart its only element."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(_slot_script).run()
    for step in (0, 5):
        at.session_state["step"] = step
        at.run()
        assert not at.exception
        slot, below = at.main.children[0], at.main.children[1]
        assert slot.type == "flex_container"  # a container, not a placeholder element
        charts = at.get("vega_lite_chart")
        assert len(charts) == 1 and list(slot.children.values()) == charts[:1]
        rows = pa.ipc.open_stream(charts[0].proto.data.data).read_all().to_pylist()
        assert rows == [{"a": step + 1}]  # the last frame drawn
        assert below.value == "below"  # what follows the slot stays where it was


def test_a_compiled_confusion_matrix_follows_each_frames_counts():
    # The text colour (white on dark cells) comes from the data, not from a threshold written
    # into the spec: one compiled spec serves a first epoch's counts and a late one's.
    early, late = np.zeros((10, 10), int), np.eye(10, dtype=int) * 90
    early[3, 5] = 4
    options = dict(title="T", true_title="true", predicted_title="pred")
    first = Plot(confusion_layers, (confusion_frame(early),), options)
    later = Plot(confusion_layers, (confusion_frame(late),), options)
    assert compiled(first) is compiled(later)
    fast = compiled(later).fill(later.frames)
    slow = later.chart().to_dict()
    assert {k: v for k, v in fast.items() if k not in ("data", "datasets")} == \
           {k: v for k, v in slow.items() if k not in ("data", "datasets")}
    rows = fast["datasets"][fast["data"]["name"]].to_pylist()
    assert rows == slow["datasets"][slow["data"]["name"]]
    assert {(r["true"], r["predicted"]) for r in rows if r["light"]} == {(i, i) for i in range(10)}


def test_a_compiled_probability_chart_equals_the_altair_spec():
    p = np.full(10, 0.05)
    p[6] = 0.55
    plot = Plot(digit_probabilities_bars, (digit_probabilities_frame(p),), {"title": "T",
                                                                           "x_title": "digit"})
    fast, slow = compiled(plot).fill(plot.frames), plot.chart().to_dict()
    assert {k: v for k, v in fast.items() if k not in ("data", "datasets")} == \
           {k: v for k, v in slow.items() if k not in ("data", "datasets")}
    assert fast["datasets"][fast["data"]["name"]].to_pylist() == \
           slow["datasets"][slow["data"]["name"]]


def test_a_class_compiles_a_new_chart_once(monkeypatch):
    # 30 students pressing Train together all need the same new spec at the same moment.
    calls = []
    real = frames_module.compile_plot

    def slow_compile(plot):
        calls.append(plot.key)
        time.sleep(0.05)  # time for the others to arrive
        return real(plot)

    monkeypatch.setattr(frames_module, "compile_plot", slow_compile)
    plot = Plot(curves_layers, (curves(3), pd.DataFrame({"step": []})),
                {"x_max": 9, "title": f"class {time.time_ns()}"})  # a spec nobody compiled
    with ThreadPoolExecutor(30) as pool:
        results = list(pool.map(lambda _: compiled(plot), range(30)))
    assert len(calls) == 1 and all(r is results[0] for r in results)


def test_arrow_tables_are_what_streamlits_pandas_bridge_makes():
    """Same column types and values as ``pa.Table.from_pandas`` (NaN and None as null), for
    every kind of column the charts send, empty frames included; Columns give the table of
    their DataFrame."""
    frames = [
        pd.DataFrame({"x": [], "x2": [], "color": []}),
        curves_frame([1, 2, 3, 4], {"train": [1.0, 0.5, np.nan, 0.2],
                                    "test": [np.nan, 0.7, np.nan, 0.3]}),
        heatmap_frame(np.arange(48, dtype=np.uint8).reshape(4, 4, 3), (-1, 1, -1, 1)),
        pd.DataFrame({"step": []}),
        {"step": []}, {"step": [3]},
        {"s": ["a", None], "u": np.array(["x", "y"]), "f32": np.array([np.nan, 1], np.float32)},
        pd.DataFrame({"i": np.arange(3), "b": [True, False, True], "f": [1.0, np.nan, 2.0],
                      "f32": np.array([1, 2, np.nan], np.float32), "s": ["a", None, "c"],
                      "o": pd.Series(["a", "b", "c"], dtype=object)}),
    ]
    for frame in frames:
        reference = pa.Table.from_pandas(as_dataframe(frame), preserve_index=False)
        table = arrow_table(frame)
        assert table.schema == reference.schema.remove_metadata()
        assert table.to_pylist() == reference.to_pylist()
