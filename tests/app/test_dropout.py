"""Dropout page through AppTest: both nets train, test losses, the train()/eval() toggle, the
dropout slider, scrubbing, divergence-free defaults, Chinese. Small nets keep runs short."""
import json

import torch

from core.tasks.dropout import DropoutConfig
from tests.app.conftest import no_exceptions, open_page, texts

torch.set_num_threads(1)
SMALL = {"hidden": "40", "steps": "30"}


def train(at):
    at.button(key="dropout.train").click().run()
    no_exceptions(at)
    return at


def metrics(at) -> dict:
    return {m.label: m.value for m in at.metric}


def fit_spec(at) -> str:
    return next(c.proto.spec for c in at.get("vega_lite_chart") if "dropout (eval)" in c.proto.spec)


def test_defaults_are_the_course_settings_and_the_points_are_drawn():
    at = open_page("dropout")
    no_exceptions(at)
    assert at.slider(key="dropout.dropout").value == 0.5
    assert at.session_state["dropout.hidden"] == 300
    assert at.session_state["dropout.steps"] == 500
    assert at.select_slider(key="dropout.lr").value == 0.01
    assert at.session_state["dropout.points"] == 20
    assert "Press **Train**" in texts(at)
    assert len(at.get("vega_lite_chart")) >= 1  # train and test points before training


def test_training_shows_both_test_losses_and_the_verdict():
    at = train(open_page("dropout", query=SMALL))
    assert "Finished 30 steps" in at.success[0].value
    run = at.session_state["dropout.run"]
    assert run.cfg == DropoutConfig(hidden=40, steps=30)
    shown = metrics(at)
    assert shown["Overfit test loss"] == f"{run.last.scalars['overfit_test']:.4f}"
    assert shown["Dropout test loss"] == f"{run.last.scalars['dropout_test']:.4f}"
    words = texts(at)
    assert "train() vs eval()" in words
    assert "Test loss: dropout" in words
    spec = fit_spec(at)
    assert "overfit" in spec and "dropout (train mode)" not in spec
    code = at.code[0].value
    assert "nn.Dropout(0.5)" in code and "final_loss" in code and "test_loss" in code
    downloads = [d.proto.label for d in at.get("download_button")]
    assert "Loss history (CSV)" in downloads and "Model weights (.pt state_dict)" in downloads


def test_the_train_mode_toggle_draws_the_noisy_line():
    at = train(open_page("dropout", query=SMALL))
    at.toggle(key="dropout.view.train_mode").set_value(True).run()
    no_exceptions(at)
    spec = json.loads(fit_spec(at))
    # the lines' colour scale lists exactly the series drawn
    domains = [layer["encoding"]["color"]["scale"]["domain"] for layer in spec["layer"]
               if layer["mark"]["type"] == "line"]
    assert domains == [["overfit", "dropout (eval)", "dropout (train mode)"]]


def test_the_dropout_rate_reaches_the_run_and_the_url():
    at = open_page("dropout", query=SMALL)
    at.slider(key="dropout.dropout").set_value(0.2).run()
    train(at)
    assert at.session_state["dropout.run"].cfg.dropout == 0.2
    assert at.query_params["dropout"] == "0.2"
    assert "nn.Dropout(0.2)" in at.code[0].value


def test_scrubbing_back_redraws_an_earlier_step():
    at = train(open_page("dropout", query=SMALL))
    run = at.session_state["dropout.run"]
    at.select_slider(key=f"dropout.scrub.{run.id}").set_value(10).run()
    no_exceptions(at)
    assert metrics(at)["Step"] == "10/30"


def test_bad_url_values_fall_back():
    at = open_page("dropout", query={"dropout": "2", "hidden": "abc"})
    no_exceptions(at)
    assert at.slider(key="dropout.dropout").value == 0.5
    assert "reset to the defaults" in at.warning[0].value


def test_chinese():
    at = train(open_page("dropout", lang="zh", query=SMALL))
    assert "已完成 30 步" in at.success[0].value
    assert "过拟合测试损失" in texts(at)
