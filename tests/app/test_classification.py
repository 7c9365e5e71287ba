"""Classification page through AppTest."""
from tests.app.conftest import no_exceptions, open_page, texts


def train(at):
    at.button(key="classification.train").click().run()
    no_exceptions(at)
    return at


def metric(at, label):
    return next(m.value for m in at.metric if m.label == label)


def test_defaults_reach_the_course_accuracy():
    at = train(open_page("classification"))
    assert "Finished 100 steps" in at.success[0].value
    assert float(metric(at, "Test accuracy").rstrip("%")) >= 97
    diagram = [spec for spec in chart_specs(at) if "every neuron" in spec]
    assert diagram, "the network diagram is missing"


def chart_specs(at):
    return [e.proto.spec for e in at.get("vega_lite_chart")]


def test_another_dataset_from_the_controls():
    at = open_page("classification")
    at.selectbox(key="classification.dataset").set_value("xor").run()
    train(at)
    assert at.session_state["classification.run"].cfg.dataset == "xor"
    assert at.query_params["dataset"] == ["xor"] or at.query_params["dataset"] == "xor"


def test_chinese_labels_and_result():
    at = train(open_page("classification", lang="zh"))
    assert "已完成 100 步" in at.success[0].value
    assert any(m.label == "测试准确率" for m in at.metric)


def test_bad_combination_is_explained_and_train_disabled():
    at = open_page("classification", query={"features": "x1,x2"})
    at.multiselect(key="classification.features").set_value([]).run()
    no_exceptions(at)
    assert "do not fit together" in texts(at)
    assert at.button(key="classification.train").disabled


def test_lr_10_on_circles_diverges_without_garbage():
    at = train(open_page("classification", query={"lr": "10", "dataset": "circles"}))
    if at.error:  # divergence: a message in words
        assert "diverged at step" in at.error[0].value
    else:  # or a finished run that the page reports
        assert at.success


def test_continue_and_step_train_on_from_the_last_weights():
    """Continue = the longer run (same numbers as `train --steps 50`), Step = one more."""
    from core.snapshots import last
    from core.tasks.classification import ClassificationConfig, train as run_task

    at = train(open_page("classification", query={"steps": "30", "dataset": "moons"}))
    at.number_input(key="classification.more").set_value(20).run()
    at.button(key="classification.continue").click().run()
    no_exceptions(at)
    run = at.session_state["classification.run"]
    assert run.last.step == 50 and [s.step for s in run.snapshots] == list(range(1, 51))
    assert at.session_state["classification.steps"] == 50  # the sidebar says what ran
    reference = last(run_task(ClassificationConfig(steps=50, dataset="moons")))
    assert abs(run.last.scalars["train_loss"] - reference.scalars["train_loss"]) < 1e-6
    assert any("STEPS = 50" in c.value for c in at.code)  # the script of the continued run
    assert "Finished 50 steps" in at.success[0].value
    at.button(key="classification.step").click().run()
    no_exceptions(at)
    assert at.session_state["classification.run"].last.step == 51


def test_presets_regenerate_and_idle_classes():
    at = open_page("classification")
    assert at.slider(key="classification.classes").disabled  # blobs have two classes
    at.selectbox(key="classification.preset").set_value("spiral: deep net").run()
    at.button(key="classification.preset_apply").click().run()
    no_exceptions(at)
    assert at.text_input(key="classification.hidden").value == "8,8,8,8"
    assert at.selectbox(key="classification.dataset").value == "spiral"
    assert at.multiselect(key="classification.features").value == ["x1", "x2"]
    assert not at.slider(key="classification.classes").disabled
    at.button(key="classification.regenerate").click().run()
    no_exceptions(at)
    assert at.session_state["classification.data_seed"] == 1
    assert "Net(2 → 8 → 8 → 8 → 8 → 2)" in texts(at)  # the caption follows the settings


def test_widths_from_the_url_and_a_bad_width_is_explained():
    at = open_page("classification", query={"hidden": "8,4,2"})
    assert at.text_input(key="classification.hidden").value == "8,4,2"
    assert "Net(2 → 8 → 4 → 2 → 2)" in texts(at)
    at.text_input(key="classification.hidden").set_value("8,x").run()
    no_exceptions(at)
    assert "cannot read" in texts(at) and at.button(key="classification.train").disabled


def test_sliders_show_the_value_used():
    """Defect: L2 0.004 showed as "0.00"."""
    at = open_page("classification")
    assert at.slider(key="classification.weight_decay").proto.format == "%.3f"
    assert at.slider(key="classification.test_fraction").proto.format == "%.3f"


def test_bad_link_notice_goes_once_the_user_trains():
    at = open_page("classification", query={"lr": "banana"})
    assert any("lr" in w.value for w in at.warning)
    train(at)
    assert not any("lr" in w.value for w in at.warning)


def test_legends_follow_a_language_switch_after_training():
    at = train(open_page("classification"))
    at.query_params["lang"] = "zh"
    at.run()
    no_exceptions(at)
    _, dots = at.session_state["classification.run"].view
    assert set(dots["split_label"]) == {"训练", "测试"} or not set(dots["split_label"]) & {"train", "test"}


def _datasets(at, chart_index):
    """Each named dataset of one chart, as rows."""
    import pyarrow as pa

    chart = at.get("vega_lite_chart")[chart_index].proto
    return {d.name: pa.ipc.open_stream(d.data.data).read_all().to_pylist()
            for d in chart.datasets}


def test_a_scrub_after_a_new_run_shows_the_new_run():
    """The charts stay on screen from one run to the next (ui.frames.Slot); their data must
    be the run on screen: a scrub after Train on other points draws those points and the new
    run's losses, never the first run's."""
    at = train(open_page("classification"))
    first = at.session_state["classification.run"]
    at.number_input(key="classification.points").set_value(100).run()
    train(at)
    run = at.session_state["classification.run"]
    assert run.id != first.id and run.cfg.n_points == 100
    at.select_slider(key=f"classification.scrub.{run.id}").set_value(run.snapshots[40].step).run()
    no_exceptions(at)
    points = [rows for rows in _datasets(at, 0).values() if rows and "split" in rows[0]][0]
    assert len(points) == 100
    curves = [rows for rows in _datasets(at, 1).values() if rows and "series" in rows[0]][0]
    steps = {row["step"] for row in curves}
    assert max(steps) == run.snapshots[40].step  # drawn up to the scrubbed step
    train_loss = {row["step"]: row["value"] for row in curves if row["series"] == "train"}
    assert train_loss[run.snapshots[40].step] == run.snapshots[40].scalars["train_loss"]
    assert train_loss[run.snapshots[40].step] != first.snapshots[40].scalars["train_loss"]
