"""Quick build page through AppTest: two printouts, equal parameter counts, equal outputs."""
from tests.app.conftest import no_exceptions, open_page, texts
from tests.core.test_quick_build import COURSE_NET, COURSE_SEQUENTIAL


def metrics(at, label):
    return [m.value for m in at.metric if m.label == label]


def test_defaults_print_both_nets_and_outputs_differ_until_copied():
    at = open_page("quick_build")
    no_exceptions(at)
    codes = [c.value for c in at.code]
    assert COURSE_NET in codes and COURSE_SEQUENTIAL in codes
    assert metrics(at, "Parameters") == ["31", "31"]
    assert "Different outputs" in at.warning[0].value
    assert float(metrics(at, "max |net1 − net2|")[0]) > 0

    at.toggle(key="quick_build.copy").set_value(True).run()
    no_exceptions(at)
    assert "Identical outputs" in at.success[0].value
    assert metrics(at, "max |net1 − net2|") == ["0"]
    table = at.dataframe[1].value
    assert (table["net1"] == table["net2"]).all()


def test_a_wider_net_has_more_parameters():
    at = open_page("quick_build")
    at.slider(key="quick_build.n_hidden").set_value(20).run()
    no_exceptions(at)
    assert metrics(at, "Parameters") == ["61", "61"]  # (1 + 1)·20 + (20 + 1)·1
    assert "Linear(in_features=1, out_features=20, bias=True)" in "\n".join(c.value for c in at.code)


def test_several_inputs_and_outputs():
    at = open_page("quick_build", query={"n_feature": "3", "n_output": "2", "samples": "4"})
    no_exceptions(at)
    at.toggle(key="quick_build.copy").set_value(True).run()
    no_exceptions(at)
    table = at.dataframe[1].value
    assert list(table.columns) == ["input[0]", "input[1]", "input[2]", "net1[0]", "net1[1]",
                                   "net2[0]", "net2[1]"]
    assert len(table) == 4
    assert (table["net1[1]"] == table["net2[1]"]).all()


def test_chinese():
    at = open_page("quick_build", lang="zh")
    no_exceptions(at)
    assert "快速搭建" in at.title[0].value and "输出不同" in texts(at)


def test_the_sequential_code_names_torch_once():
    """Defect: the code read `net2 = torch.torch.nn.Sequential(`."""
    at = open_page("quick_build")
    sequential = [c.value for c in at.code if "Sequential(" in c.value and "net2 =" in c.value]
    assert sequential and sequential[0].startswith("net2 = torch.nn.Sequential(")
    assert not any("torch.torch" in c.value for c in at.code)
