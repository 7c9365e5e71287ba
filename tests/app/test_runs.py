"""The Runs panel and a sweep on the classification page, through AppTest."""
import pytest

from tests.app.conftest import no_exceptions, open_page, texts

PAGE = "classification"


def train(at):
    at.button(key=f"{PAGE}.train").click().run()
    no_exceptions(at)
    return at


def test_every_train_adds_a_run_and_two_runs_compare():
    at = train(open_page(PAGE, query={"steps": "30"}))
    assert "1 runs of this page" in texts(at)
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
