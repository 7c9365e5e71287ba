"""RNN regression page through AppTest: defaults, cell type, a changed setting, Chinese."""
import numpy as np

from core.tasks.rnn import RNNConfig, sine_window
from tests.app.conftest import no_exceptions, open_page, texts


def train(at):
    at.button(key="rnn.train").click().run()
    no_exceptions(at)
    return at


def metric(at, label):
    return next(m.value for m in at.metric if m.label == label)


def test_before_training_the_first_window_is_drawn():
    at = open_page("rnn")
    no_exceptions(at)
    assert "A recurrent network reads **sin(t)**" in texts(at)
    specs = [c.proto.spec for c in at.get("vega_lite_chart")]
    assert any("Window 1 of 60" in s and "input sin(t)" in s for s in specs), "no picture before training"


def test_defaults_train_60_windows_and_the_loss_falls():
    at = train(open_page("rnn"))
    assert "Finished 60 steps" in at.success[0].value
    run = at.session_state["rnn.run"]
    losses = [s.scalars["train_loss"] for s in run.snapshots]
    assert len(losses) == 60 and np.mean(losses[-10:]) < 0.2 * np.mean(losses[:10])
    assert metric(at, "Train loss") == f"{losses[-1]:.4f}"
    last = run.last.picture
    _, x, y = sine_window(59, 10)
    assert last["target"] == y.view(-1).tolist() and last["x"] == x.view(-1).tolist()
    assert "The last windows, joined" in texts(at)
    assert "final_loss" in at.code[0].value and 'CELL = "RNN"' in at.code[0].value


def test_cell_type_and_hidden_size_reach_the_run():
    at = open_page("rnn", query={"windows": "20"})
    at.selectbox(key="rnn.cell").set_value("GRU").run()
    at.slider(key="rnn.hidden_size").set_value(8).run()
    train(at)
    cfg = at.session_state["rnn.run"].cfg
    assert cfg == RNNConfig(cell="GRU", hidden_size=8, windows=20)
    assert "Finished 20 steps" in at.success[0].value
    assert 'CELL = "GRU"' in at.code[0].value


def test_scrubbing_back_shows_an_earlier_window():
    at = train(open_page("rnn", query={"windows": "12"}))
    run = at.session_state["rnn.run"]
    at.select_slider(key=f"rnn.scrub.{run.id}").set_value(run.snapshots[2].step).run()
    no_exceptions(at)
    assert metric(at, "Step") == f"{run.snapshots[2].step}/12"


def test_chinese():
    at = train(open_page("rnn", lang="zh", query={"windows": "10"}))
    assert "已完成 10 步" in at.success[0].value
    assert "隐藏状态" in texts(at)
