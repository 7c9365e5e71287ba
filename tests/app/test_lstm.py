"""RNN classifier page through AppTest, on the embedded subset with tiny settings."""
import json

import pytest

from core import mnist
from core.tasks import lstm
from tests.app.conftest import no_exceptions, open_page, texts

TINY = {"data": "subset", "train_images": "128", "test_images": "40", "epochs": "1",
        "batch_size": "32", "eval_every": "2"}


@pytest.fixture(autouse=True)
def no_full_mnist(tmp_path, monkeypatch):
    monkeypatch.setenv(mnist.DATA_ENV, str(tmp_path / "data"))


def specs(at):
    return [json.dumps(json.loads(c.proto.spec), ensure_ascii=False) for c in at.get("vega_lite_chart")]


def train(at):
    at.button(key="lstm.train").click().run()
    no_exceptions(at)
    return at


def test_before_training():
    at = open_page("lstm")
    no_exceptions(at)
    text = texts(at)
    assert "**row by row**" in text and "embedded MNIST subset" in text
    assert "x.view(-1, 28, 28)" in text


def test_tiny_run_shows_the_hidden_state_and_the_answers_row_by_row():
    at = train(open_page("lstm", query=TINY))
    assert "Finished 4 steps" in at.success[0].value
    run = at.session_state["lstm.run"]
    charts = specs(at)
    assert any("Hidden state row by row: test digit #0 (label 0" in s for s in charts)
    assert any("The answer so far, after each row" in s for s in charts)
    assert any("Confusion matrix on 40 test digits" in s for s in charts)
    assert not any("loss / accuracy" in s for s in charts)  # accuracy has its own chart
    # the picture reads the digit with the last snapshot's weights: its answer is in the title
    model = lstm.model_from_state(run.cfg, run.last.weights)
    _, probs = lstm.read_rows(model, run.view.test_images[0])
    guess = int(probs[-1].argmax())
    assert guess == int(run.last.picture["predicted"][0])
    assert any(f"(label 0, says {guess})" in s for s in charts)
    # follow another digit: the hidden-state picture follows it
    at.slider(key="lstm.view.digit").set_value(3).run()
    no_exceptions(at)
    assert any("test digit #3 (label 3" in s for s in specs(at))


def test_hidden_size_reaches_the_run():
    at = open_page("lstm", query=TINY)
    at.slider(key="lstm.hidden_size").set_value(16).run()
    train(at)
    assert at.session_state["lstm.run"].cfg.hidden_size == 16
    assert any("16 hidden units" in s for s in specs(at))
    assert "RNN(16, 1, 0.0)" in at.code[0].value


def test_chinese():
    at = train(open_page("lstm", lang="zh", query=TINY))
    assert "一行一行" in texts(at)
    assert any("逐行的隐藏状态" in s for s in specs(at))
