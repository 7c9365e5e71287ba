"""Autograd page through the router: v/2 live, the graph, the three-way training."""
from tests.app.conftest import no_exceptions, open_page, texts


def graphs(at) -> list[str]:
    return [e.proto.spec for e in at.get("graphviz_chart")]


def test_defaults_show_the_course_result_and_graph():
    at = open_page("autograd")
    no_exceptions(at)
    shown = texts(at)
    assert "out = **7.5** · gradient v.grad = `[[0.5, 1], [1.5, 2]]`" in shown
    assert "Same as autograd: True" in at.success[0].value
    assert "MeanBackward0" in graphs(at)[0] and "AccumulateGrad" in graphs(at)[0]
    assert "Press **Train all three**" in shown


def test_editing_v_changes_the_gradient():
    at = open_page("autograd")
    at.number_input(key="autograd.v.00").set_value(10.0).run()
    no_exceptions(at)
    assert "v.grad = `[[5, 1], [1.5, 2]]`" in texts(at)


def test_another_expression_changes_the_graph():
    at = open_page("autograd")
    at.selectbox(key="autograd.expression").set_value("sum(sigmoid(v @ w))").run()
    no_exceptions(at)
    assert "MmBackward0" in graphs(at)[0] and "w.grad" in texts(at)


def test_three_ways_agree():
    at = open_page("autograd")
    at.slider(key="autograd.three.steps").set_value(20).run()
    at.button(key="autograd.three.train").click().run()
    no_exceptions(at)
    diff = next(m.value for m in at.metric if m.label == "Max |difference|")
    assert float(diff) < 1e-5
    charts = at.get("vega_lite_chart")
    assert len(charts) == 2
    at.slider(key="autograd.three.steps").set_value(30).run()
    assert "settings changed" in at.warning[0].value


def test_dynamic_graph_bad_input_is_a_warning():
    at = open_page("autograd")
    at.text_input(key="autograd.dynamic.x").input("0, 0").run()
    no_exceptions(at)
    assert "all zeros" in at.warning[0].value


def test_chinese():
    at = open_page("autograd", lang="zh")
    no_exceptions(at)
    assert at.title[0].value == "自动求导"
    assert "与 autograd 一致：True" in at.success[0].value
