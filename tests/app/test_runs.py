"""The Runs panel on every training page and a sweep, through AppTest."""
import threading

import pytest

from tests.app.conftest import no_exceptions, open_page, texts

PAGE = "classification"


def train(at, page: str = PAGE):
    at.button(key=f"{page}.train").click().run()
    no_exceptions(at)
    return at


def test_every_train_adds_a_run_and_two_runs_compare():
    at = train(open_page(PAGE, query={"steps": "30"}))
    assert "Runs of this page in this session: 1." in texts(at)
    at.select_slider(key=f"{PAGE}.lr").set_value(0.2).run()
    train(at)
    history = at.session_state[f"{PAGE}.history"]
    assert [r.number for r in history.records] == [1, 2]
    assert history.records[1].changed == {"lr": "0.2", "steps": "30"}
    table = at.dataframe[0].value
    assert list(table["run"]) == [1, 2] and "lr 0.2, steps 30" in list(table["settings changed"])
    assert "Compare two runs" in texts(at) and "Differences only" in texts(at)
    assert at.selectbox(key=f"{PAGE}.compare_a").value == 1
    assert at.selectbox(key=f"{PAGE}.compare_b").value == 2
    at.slider(key=f"{PAGE}.compare_step").set_value(10).run()
    no_exceptions(at)
    assert "#1 · steps 30 · step 10" in texts(at)
    # Open run 1: its settings come back into the controls and the URL.
    at.selectbox(key=f"{PAGE}.open_which").set_value(1).run()
    at.button(key=f"{PAGE}.open").click().run()
    no_exceptions(at)
    assert at.select_slider(key=f"{PAGE}.lr").value == 0.02
    assert "lr" not in at.query_params and "Run #1" in texts(at)


def test_sweep_fills_and_joins_the_runs_table(local_ray):
    page = "regression"  # lr 10 diverges there: a marked cell, not a crash
    at = open_page(page, query={"steps": "20"})
    at.toggle(key=f"{page}.sweep_mode").set_value(True).run()
    at.text_input(key=f"{page}.sweep_values.lr").input("0.02,10").run()
    at.text_input(key=f"{page}.sweep_values.hidden").input("2,8").run()
    assert "4 runs on Ray (local); workers (runs at a time): 2" in texts(at)
    at.button(key=f"{page}.sweep_start").click().run()
    no_exceptions(at)
    state = at.session_state[f"{page}.sweep"]
    for _ in range(240):
        if not state.running:
            break
        at.run()
    at.run()
    no_exceptions(at)
    statuses = sorted(r.status for r in state.records)
    assert statuses == ["diverged", "diverged", "done", "done"]
    assert "Best so far: run #" in texts(at) and "2 runs diverged" in texts(at)
    table = at.dataframe[0].value
    assert sorted(table["from"]) == ["sweep"] * 4
    # The best cell opens: its settings go back into the controls.
    best = state.records and min((r for r in state.records if r.status == "done"),
                                 key=lambda r: r.metrics["final_loss"])
    at.selectbox(key=f"{page}.open_which").set_value(best.number).run()
    at.button(key=f"{page}.open").click().run()
    assert at.select_slider(key=f"{page}.lr").value == 0.02
    assert at.text_input(key=f"{page}.hidden").value == best.settings["hidden"]


def test_switching_sweep_mode_on_starts_ray_in_the_background(monkeypatch):
    from core import cluster

    monkeypatch.setattr(cluster, "_cluster", None)  # a fresh server, Ray not started
    monkeypatch.setenv(cluster.START_ENV, cluster.SWEEP_MODE)  # the default
    asked = threading.Event()
    monkeypatch.setattr(cluster, "connect", asked.set)  # no real Ray here
    at = open_page(PAGE)
    assert not asked.wait(1)  # a training page alone starts no Ray
    at.toggle(key=f"{PAGE}.sweep_mode").set_value(True).run()
    no_exceptions(at)
    assert asked.wait(10)  # while the values are chosen


@pytest.mark.parametrize("values, fragment", [
    ("0.1,,0.2", "empty value"),
    ("0.1,99", "above the maximum"),
    ("import os", "cannot read"),
])
def test_bad_sweep_values_are_explained(values, fragment):
    at = open_page(PAGE)
    at.toggle(key=f"{PAGE}.sweep_mode").set_value(True).run()
    at.text_input(key=f"{PAGE}.sweep_values.lr").input(values).run()
    no_exceptions(at)
    assert fragment in texts(at)
    assert at.button(key=f"{PAGE}.sweep_start").disabled


# Every other training page: small settings, and one setting changed for the second run.
# CNN, LSTM and the template train on the embedded MNIST subset, CIFAR-10 on a small fake set.
MNIST_TINY = {"data": "subset", "train_images": "100", "test_images": "40", "epochs": "1",
              "batch_size": "25", "eval_every": "2"}
PAGES = {
    "optimizers": ({"points": "200", "epochs": "1"}, "seed", "3"),
    "dropout": ({"hidden": "40", "steps": "30"}, "seed", "3"),
    "cnn": (MNIST_TINY, "conv1_channels", "4"),
    "batch": ({"points": "12", "epochs": "2"}, "seed", "2"),
    "rnn": ({"windows": "12"}, "seed", "2"),
    "lstm": (MNIST_TINY, "hidden_size", "8"),
    "save_restore": ({"steps": "20"}, "steps", "30"),
    "cifar10": ({"epochs": "1", "train_images": "40"}, "seed", "1"),
    "template": ({"data": "subset", "train_images": "100", "test_images": "40",
                  "batch_size": "25", "hidden_size": "20", "epochs": "2"}, "hidden_size", "10"),
}


def chart_data(chart) -> list:
    """The data frames a chart element carries (Arrow streams in its proto)."""
    import pyarrow as pa

    return [pa.ipc.open_stream(d.data.data).read_pandas() for d in chart.proto.datasets]


@pytest.fixture
def page_data(tmp_path, monkeypatch):
    """A data folder with a small fake CIFAR-10 and no full MNIST (the embedded subset is
    used, whatever is installed), runs in a temp folder."""
    from core.folders import DATA_ENV, RUNS_ENV
    from tests.core.cifar_files import write_cifar10

    write_cifar10(tmp_path, per_batch=20, n_test=30)
    monkeypatch.setenv(DATA_ENV, str(tmp_path))
    monkeypatch.setenv(RUNS_ENV, str(tmp_path / "runs"))


def _set_control(at, page: str, name: str, text: str) -> None:
    """What the control shows after a user sets ``name`` to ``text`` (any kind of widget)."""
    from core.config import parse_value, spec_of
    from core.registry import get_task
    from ui.controls import widget_value

    spec = spec_of(get_task(page).config, name)
    at.session_state[f"{page}.{name}"] = widget_value(spec, parse_value(spec, text))


@pytest.mark.parametrize("page", list(PAGES))
def test_runs_panel_on_every_training_page(page, page_data):
    """Table, overlay, A/B compare under one step slider, differences, open a run, CSV."""
    from core.runs import history_csv

    query, name, second = PAGES[page]
    at = train(open_page(page, query=query), page)
    _set_control(at, page, name, second)
    at.run()
    train(at, page)
    history = at.session_state[f"{page}.history"]
    first, last = history.records
    assert (first.number, last.number) == (1, 2) and {first.status, last.status} == {"done"}
    assert last.changed[name] == second and first.settings[name] != second
    table = next(d.value for d in at.dataframe if "run" in d.value.columns)
    assert list(table["run"]) == [1, 2]
    # Overlay: both rows selected, their curves on one chart.
    at.session_state[f"{page}.runs_table"] = {"selection": {"rows": [0, 1], "columns": [],
                                                            "cells": []}}
    at.run()
    no_exceptions(at)
    overlay = [c for c in at.get("vega_lite_chart")
               if "Curves of the selected runs" in c.proto.spec]
    assert len(overlay) == 2  # the selected runs', then A and B's (compared below)
    for chart in overlay:
        series = {s for frame in chart_data(chart) if "series" in frame for s in frame["series"]}
        assert {s.split(" ")[0] for s in series} == {"#1", "#2"}
    # A/B: both runs' pictures under one step slider, and what differs.
    words = texts(at)
    assert "Compare two runs" in words and "Differences only" in words
    assert at.selectbox(key=f"{page}.compare_a").value == 1
    assert at.selectbox(key=f"{page}.compare_b").value == 2
    slider = at.slider(key=f"{page}.compare_step")
    slider.set_value(max(1, slider.value // 2)).run()
    no_exceptions(at)
    assert "#1 · " in texts(at) and "#2 · " in texts(at)
    # Open run 1: its settings back in the controls and the URL.
    at.selectbox(key=f"{page}.open_which").set_value(1).run()
    at.button(key=f"{page}.open").click().run()
    no_exceptions(at)
    assert "Run #1" in texts(at)
    assert {k: at.query_params[k] for k in query} == query
    assert at.query_params.get(name) == first.changed.get(name)
    # CSV: one row per run, every setting.
    buttons = [b for b in at.get("download_button") if b.label == "Download runs (CSV)"]
    assert len(buttons) == 1
    # made when clicked, not on every rerun (a class finishing together pays for none)
    assert buttons[0].proto.deferred_file_id and not buttons[0].proto.url
    rows = history_csv(history.records).strip().splitlines()
    assert len(rows) == 3 and name in rows[0].split(",")
