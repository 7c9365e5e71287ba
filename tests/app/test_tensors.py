"""Tensors & NumPy page through the router: both languages, live numbers, the shape lab's errors."""
from tests.app.conftest import no_exceptions, open_page, texts


def frame(at, index=0):
    return at.dataframe[index].value


def test_defaults_show_shared_memory_and_copies():
    at = open_page("tensors")
    no_exceptions(at)
    share = frame(at)
    first = share.iloc[0]  # t = torch.from_numpy(a); a[1] = 100.0
    assert "from_numpy" in first.iloc[0] and first.iloc[2] == "[1, 100, 3, 4]"
    copy = share.iloc[2]  # torch.tensor(a) is a copy
    assert copy.iloc[1] == "[1, 100, 3, 4]" and copy.iloc[2] == "[1, 2, 3, 4]"
    math = frame(at, 1)
    assert "[[7, 10], [15, 22]]" in math.iloc[:, 3].tolist()  # torch.mm, as in the course


def test_an_edit_changes_the_table():
    at = open_page("tensors")
    at.number_input(key="tensors.share.new").set_value(-7.5).run()
    no_exceptions(at)
    assert frame(at).iloc[0].iloc[2] == "[1, -7.5, 3, 4]"


def test_shape_lab_result_and_strides():
    at = open_page("tensors")
    at.selectbox(key="tensors.shape.op").set_value("transpose").run()
    no_exceptions(at)
    shown = texts(at)
    assert "shape `(3, 2)` · strides `(1, 3)`" in shown and "A view" in shown


def test_invalid_view_shows_the_real_error_explained():
    at = open_page("tensors")
    at.selectbox(key="tensors.shape.op").set_value("view").run()
    at.toggle(key="tensors.shape.transposed").set_value(True).run()
    at.text_input(key="tensors.shape.arg.view").input("6").run()
    no_exceptions(at)
    assert "view size is not compatible with input tensor's size and stride" in at.error[0].value
    assert "reshape" in at.info[0].value


def test_bad_shape_text_is_a_warning_not_a_traceback():
    at = open_page("tensors")
    at.text_input(key="tensors.shape.shape").input("2, x").run()
    no_exceptions(at)
    assert "Cannot use this input" in at.warning[0].value


def test_chinese():
    at = open_page("tensors", lang="zh")
    no_exceptions(at)
    assert at.title[0].value == "张量与 NumPy"
    assert "共享" in texts(at)
    assert "[1, 100, 3, 4]" in frame(at).iloc[0].tolist()
