"""Regression page through AppTest: defaults, a slider change, divergence, stop, URL settings."""
from tests.app.conftest import no_exceptions, open_page, texts
from ui.training_page import Run


def train(at):
    at.button(key="regression.train").click().run()
    no_exceptions(at)
    return at


def metric(at, label):
    return next(m.value for m in at.metric if m.label == label)


def test_defaults_train_and_show_the_final_loss():
    at = train(open_page("regression"))
    assert "Finished 200 steps" in at.success[0].value
    assert float(metric(at, "Train loss")) <= 0.01
    assert at.select_slider(key=f"regression.scrub.{at.session_state['regression.run'].id}").value == 200
    assert "Show the code" in [e.label for e in at.expander]
    assert "final_loss" in at.code[0].value


def test_a_changed_slider_changes_the_result():
    at = train(open_page("regression"))
    before = metric(at, "Train loss")
    at.text_input(key="regression.hidden").set_value("3").run()
    train(at)
    assert metric(at, "Train loss") != before


def test_learning_rate_10_diverges_in_words():
    at = open_page("regression", query={"lr": "10"})
    train(at)
    assert at.error, "the divergence message is missing"
    message = at.error[0].value
    assert "diverged at step" in message and "smaller learning rate" in message


def test_divergence_in_chinese():
    at = train(open_page("regression", lang="zh", query={"lr": "10"}))
    assert "发散" in at.error[0].value


def test_a_stopped_run_can_be_scrubbed():
    at = train(open_page("regression", query={"steps": "40"}))
    run = at.session_state["regression.run"]
    # What Stop leaves behind: the run's snapshots so far, the run cancelled.
    partial = Run(run.id + 1000, run.cfg, run.view, run.snapshots[:15])
    partial.cancel()
    at.session_state["regression.run"] = partial
    at.run()
    no_exceptions(at)
    assert "Stopped at step 15 of 40" in at.warning[0].value
    scrub = at.select_slider(key=f"regression.scrub.{partial.id}")
    assert scrub.options[-1] == "15"
    scrub.set_value(5).run()
    no_exceptions(at)
    assert metric(at, "Step") == "5/40"


def test_settings_come_from_the_url_and_garbage_falls_back():
    at = open_page("regression", query={"hidden": "7", "lr": "banana", "steps": "999999"})
    no_exceptions(at)
    assert at.text_input(key="regression.hidden").value == "7"
    notice = at.warning[0].value
    assert "reset to the defaults" in notice and "lr" in notice and "steps" in notice
    assert at.session_state["regression.lr"] == 0.2


def test_replay_animates_without_retraining():
    at = train(open_page("regression", query={"steps": "30"}))
    run = at.session_state["regression.run"]
    at.button(key="regression.replay").click().run()
    no_exceptions(at)
    assert at.session_state["regression.run"] is run  # the same run, not a new one
    assert metric(at, "Step") == "30/30"


def test_downloads_after_a_run():
    at = train(open_page("regression", query={"steps": "10"}))
    labels = [b.label for b in at.get("download_button")]
    assert "Loss history (CSV)" in labels and "Model weights (.pt state_dict)" in labels


def test_lr_1_says_the_run_is_stuck_and_the_line_is_off_chart():
    """Defect: the loss stuck at 5.69 and the fitted line left the chart without a word."""
    at = train(open_page("regression", query={"lr": "1"}))
    warnings = " ".join(w.value for w in at.warning)
    assert "The run is stuck" in warnings and "off the chart" in warnings
    default = train(open_page("regression"))
    assert not any("stuck" in w.value for w in default.warning)


def test_the_current_network_is_described_and_continue_works_here_too():
    at = open_page("regression", query={"hidden": "6,3", "steps": "20"})
    assert "Net(1 → 6 → 3 → 1), 100 points" in texts(at)
    train(at)
    at.button(key="regression.step").click().run()
    no_exceptions(at)
    assert at.session_state["regression.run"].last.step == 21
