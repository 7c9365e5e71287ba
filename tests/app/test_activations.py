"""Activation functions page through the router: charts per function, softmax with temperature."""
from tests.app.conftest import no_exceptions, open_page, texts


def charts(at):
    return at.get("vega_lite_chart")


def metric(at, label):
    return next(m.value for m in at.metric if m.label == label)


def test_defaults_draw_the_course_four_and_softmax():
    at = open_page("activations")
    no_exceptions(at)
    assert len(charts(at)) == 4 + 1  # relu, sigmoid, tanh, softplus + the softmax bars
    assert metric(at, "Sum of probabilities") == "1.000000"
    probe = at.dataframe[0].value
    assert probe.iloc[0].tolist() == ["relu", "1", "1"]  # relu(1) = 1, relu'(1) = 1


def test_adding_a_function_adds_a_chart():
    at = open_page("activations")
    at.multiselect(key="activations.chosen").select("gelu").run()
    no_exceptions(at)
    assert len(charts(at)) == 5 + 1


def test_temperature_changes_the_entropy():
    at = open_page("activations")
    before = metric(at, "Entropy (nats)")
    at.select_slider(key="activations.temperature").set_value(100.0).run()
    no_exceptions(at)
    after = metric(at, "Entropy (nats)")
    assert float(after) > float(before) and abs(float(after) - 1.386) < 0.01  # log 4: nearly uniform


def test_bad_scores_are_a_warning():
    at = open_page("activations")
    at.text_input(key="activations.logits").input("1, two").run()
    no_exceptions(at)
    assert "Cannot use this input" in at.warning[0].value


def test_chinese():
    at = open_page("activations", lang="zh")
    no_exceptions(at)
    assert at.title[0].value == "激活函数"
    assert "概率之和" in texts(at)
