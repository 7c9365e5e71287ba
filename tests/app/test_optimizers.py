"""Optimizers page through AppTest: the race, toggles, divergence, the chart options, the 2-D
surface, Chinese. Small settings (200 points, 1 epoch = 7 steps) keep each run short."""
import json

import torch

from core.tasks.optimizers import OptimizersConfig
from tests.app.conftest import no_exceptions, open_page, texts

torch.set_num_threads(1)
SMALL = {"points": "200", "epochs": "1"}


def train(at):
    at.button(key="optimizers.train").click().run()
    no_exceptions(at)
    return at


def metrics(at) -> dict:
    return {m.label: m.value for m in at.metric}


def specs(at) -> list[str]:
    return [c.proto.spec for c in at.get("vega_lite_chart")]


def test_defaults_are_the_course_settings_and_the_surface_is_drawn():
    at = open_page("optimizers")
    no_exceptions(at)
    assert at.multiselect(key="optimizers.optimizers").value == [
        "SGD", "Momentum", "RMSprop", "Adam", "Adagrad"]
    assert at.select_slider(key="optimizers.lr").value == 0.01
    assert at.session_state["optimizers.batch_size"] == 32
    assert at.session_state["optimizers.epochs"] == 12
    assert at.session_state["optimizers.momentum"] == 0.8
    assert at.session_state["optimizers.rmsprop_alpha"] == 0.9
    assert at.session_state["optimizers.adam_beta2"] == 0.99
    words = texts(at)
    assert "Press **Train**" in words
    assert "The same optimizers on a 2-D loss surface" in words
    for name in ("SGD", "Momentum", "RMSprop", "Adam", "Adagrad"):
        assert f"{name}: loss" in words and "after 60 steps" in words
    assert any("The 1000 points every optimizer fits" in s for s in specs(at))


def test_training_races_every_optimizer_on_the_same_batches():
    at = train(open_page("optimizers", query=SMALL))
    assert "Finished 7 steps" in at.success[0].value
    run = at.session_state["optimizers.run"]
    assert run.cfg == OptimizersConfig(points=200, epochs=1)
    assert len(set(run.snapshots[0].scalars.values())) == 1  # same weights, same first batch
    shown = metrics(at)
    for name in ("SGD", "Momentum", "RMSprop", "Adam", "Adagrad"):
        assert shown[name] == f"{run.last.scalars[name]:.4f}"
    assert any("Loss per mini-batch" in s for s in specs(at))  # the race chart
    assert any("What each network has learned" in s for s in specs(at))
    # the race is the losses: no second chart of the same numbers, and one log switch (the race's)
    assert not any('"Loss curves"' in s for s in specs(at))
    assert "optimizers.log_curves" not in [toggle.key for toggle in at.toggle]
    table = at.dataframe[0].value
    assert sorted(table["optimizer"]) == ["Adagrad", "Adam", "Momentum", "RMSprop", "SGD"]
    assert "final_loss" in at.code[0].value and "copy.deepcopy(base)" in at.code[0].value
    downloads = [d.proto.label for d in at.get("download_button")]
    assert "Loss history (CSV)" in downloads and "Model weights (.pt state_dict)" in downloads


def test_toggling_optimizers_and_a_hyperparameter_reach_the_run():
    at = open_page("optimizers", query=SMALL)
    at.multiselect(key="optimizers.optimizers").set_value(["Adam", "SGD"]).run()
    at.slider(key="optimizers.adam_beta1").set_value(0.5).run()
    train(at)
    run = at.session_state["optimizers.run"]
    assert run.cfg.enabled == ("SGD", "Adam") and run.cfg.adam_beta1 == 0.5
    assert set(run.last.scalars) == {"SGD", "Adam"}
    assert "Momentum" not in metrics(at)
    assert "betas=(0.5, 0.99)" in at.code[0].value
    assert at.query_params["optimizers"] == "Adam,SGD"  # settings in the URL


def test_a_diverging_optimizer_leaves_the_race_in_words():
    at = train(open_page("optimizers", query={"lr": "3", "epochs": "1"}))
    assert "Finished 32 steps" in at.success[0].value
    warnings = " ".join(w.value for w in at.warning)
    assert "SGD diverged at step" in warnings and "left the race" in warnings
    assert "Adagrad" in metrics(at)


def test_when_all_diverge_the_run_stops_with_a_message():
    at = train(open_page("optimizers", query={"lr": "10", "epochs": "1",
                                              "optimizers": "SGD,Momentum"}))
    assert at.error, "the divergence message is missing"
    assert "diverged at step" in at.error[0].value and "smaller learning rate" in at.error[0].value


def test_log_scale_and_smoothing_redraw_the_race():
    at = train(open_page("optimizers", query=SMALL))
    at.toggle(key="optimizers.view.log").set_value(True).run()
    no_exceptions(at)
    race = next(s for s in specs(at) if "Loss per mini-batch" in s)
    assert '"type": "log"' in race
    at.slider(key="optimizers.view.smoothing").set_value(0.0).run()
    no_exceptions(at)


def test_the_surface_switches_and_shows_a_divergence():
    at = open_page("optimizers")
    at.selectbox(key="optimizers.surface").set_value("rosenbrock").run()
    no_exceptions(at)
    assert "after 400 steps" in texts(at)
    at.select_slider(key="optimizers.surface_lr.rosenbrock").set_value(0.005).run()
    no_exceptions(at)
    assert any("SGD flew off the surface" in w.value for w in at.warning)
    spec = json.loads(next(s for s in specs(at) if "Rosenbrock" in s))
    assert spec["layer"][0]["mark"]["type"] == "rule"  # the contour lines


def test_chinese():
    at = train(open_page("optimizers", lang="zh", query=SMALL))
    assert "已完成 7 步" in at.success[0].value
    assert "同样的优化器在二维损失曲面上" in texts(at)
