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
    assert "Hidden units (first layer)" in texts(at)


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
