"""Tensors & NumPy lab, checked against NumPy itself and hand-computed values."""
from __future__ import annotations

import numpy as np
import pytest

from core import tensor_lab as tl

# ---- memory sharing ----------------------------------------------------------------------------


def test_from_numpy_and_numpy_share_memory_copies_do_not():
    cases = {c.key: c for c in tl.sharing_cases([1.0, 2.0, 3.0], 1, 9.0)}
    for key in ("from_numpy", "numpy"):
        c = cases[key]
        assert c.shares_memory and c.other_changed, key
        assert c.numpy_after == c.torch_after == [1.0, 9.0, 3.0]
    for key in ("tensor_copy", "clone", "dtype_copy"):
        c = cases[key]
        assert not c.shares_memory and not c.other_changed, key
        assert c.numpy_after == [1.0, 9.0, 3.0]
        assert c.torch_after == [1.0, 2.0, 3.0]


def test_to_cpu_is_a_no_op_that_keeps_sharing():
    c = {c.key: c for c in tl.sharing_cases([5.0, 6.0], -1, 0.5, device="cpu")}["to_device"]
    assert c.shares_memory and c.other_changed and c.torch_after == [5.0, 0.5]


def test_sharing_rejects_bad_index():
    with pytest.raises(ValueError):
        tl.sharing_cases([1.0, 2.0], 2, 0.0)


# ---- the same math ------------------------------------------------------------------------------


def test_math_rows_match_the_course_printout():
    rows = {r.name: r for r in tl.math_rows([-1, -2, 1, 2], [[1, 2], [3, 4]])}
    assert rows["abs"].torch_value == [1, 2, 1, 2]
    assert rows["mean"].torch_value == 0.0
    assert rows["matmul"].torch_value == [[7, 10], [15, 22]]  # the course's mm result
    assert rows["matmul_op"].numpy_value == [[7, 10], [15, 22]]
    assert rows["elementwise"].torch_value == [[1, 4], [9, 16]]  # * is element-wise
    np.testing.assert_allclose(rows["sin"].torch_value, np.sin([-1, -2, 1, 2]), atol=1e-7)
    assert all(r.max_abs_diff < 1e-6 for r in rows.values())


def test_math_rows_need_a_square_matrix():
    with pytest.raises(ValueError):
        tl.math_rows([1.0], [[1, 2, 3], [4, 5, 6]])


# ---- the shape lab against NumPy -----------------------------------------------------------------


def _np_input(shape, transposed):
    n = int(np.prod(shape))
    if transposed:
        return np.arange(n).reshape(*shape[:-2], shape[-1], shape[-2]).swapaxes(-1, -2)
    return np.arange(n).reshape(shape)


# (shape, op, arg, transposed, NumPy's version, compare strides too)
NUMPY_CASES = [
    ((2, 3), "view", "-1, 2", False, lambda a: a.reshape(-1, 2), True),
    ((2, 3, 4), "view", "6, 4", False, lambda a: a.reshape(6, 4), True),
    ((3, 4), "reshape", "2, 6", True, lambda a: a.reshape(2, 6), False),
    ((1, 3, 1), "squeeze", "", False, lambda a: a.squeeze(), True),
    ((1, 3, 1), "squeeze", "2", False, lambda a: a.squeeze(2), True),
    ((2, 3), "unsqueeze", "1", False, lambda a: np.expand_dims(a, 1), True),
    ((1, 3), "expand", "4, 3", False, lambda a: np.broadcast_to(a, (4, 3)), True),
    ((2, 3), "repeat", "2, 2", False, lambda a: np.tile(a, (2, 2)), True),
    ((2, 3, 4), "transpose", "0, 2", False, lambda a: a.swapaxes(0, 2), True),
    ((2, 3, 4), "permute", "2, 0, 1", False, lambda a: a.transpose(2, 0, 1), True),
    ((2, 3), "cat", "1", False, lambda a: np.concatenate((a, a), axis=1), True),
    ((2, 3), "stack", "-1", False, lambda a: np.stack((a, a), axis=-1), True),
    ((2, 3, 4), "index", "1, :, 1:3", False, lambda a: a[1, :, 1:3], True),
    ((3, 4), "index", "..., None, ::2", True, lambda a: a[..., None, ::2], True),
    ((3, 4), "masked_select", "4.5", True, lambda a: a[a > 4.5], True),
    ((3, 4), "take", "0, 5, -1", True, lambda a: np.take(a, [0, 5, -1]), True),
    ((3, 4), "contiguous", "", True, lambda a: np.ascontiguousarray(a), True),
]


@pytest.mark.parametrize("shape, op, arg, transposed, ref, strides", NUMPY_CASES)
def test_shape_lab_agrees_with_numpy(shape, op, arg, transposed, ref, strides):
    result = tl.shape_lab(shape, op, arg, transposed)
    expected = ref(_np_input(shape, transposed))
    assert result.ok, result.error
    assert result.shape == expected.shape
    np.testing.assert_array_equal(np.array(result.values).reshape(expected.shape), expected)
    if strides:  # NumPy counts strides in bytes, torch in elements; a size-1 dim's stride is arbitrary
        mine = [s for s, n in zip(result.strides, result.shape, strict=True) if n > 1]
        theirs = [s // expected.itemsize for s, n in zip(expected.strides, expected.shape, strict=True) if n > 1]
        assert mine == theirs


def test_input_strides_of_the_transposed_input_are_not_row_major():
    r = tl.shape_lab((3, 4), "contiguous", "", transposed=True)
    assert r.input_strides == (1, 3) and not r.input_contiguous
    assert r.strides == (4, 1) and r.contiguous and not r.shares_storage


def test_views_share_storage_copies_do_not():
    assert tl.shape_lab((2, 3), "view", "3, 2").shares_storage
    assert tl.shape_lab((2, 3), "transpose", "0, 1").shares_storage
    assert tl.shape_lab((1, 3), "expand", "5, 3").shares_storage
    assert not tl.shape_lab((2, 3), "repeat", "1, 1").shares_storage
    assert not tl.shape_lab((3, 4), "reshape", "12", transposed=True).shares_storage  # had to copy


@pytest.mark.parametrize(
    "shape, op, arg, transposed, kind, fragment",
    [
        ((3, 4), "view", "12", True, "view_stride", "view size is not compatible"),
        ((2, 3), "view", "4, 2", False, "numel_mismatch", "is invalid for input of size 6"),
        ((2, 3), "reshape", "-1, -1", False, "infer_twice", "only one dimension can be inferred"),
        ((2, 3), "transpose", "0, 3", False, "dim_out_of_range", "Dimension out of range"),
        ((2, 3), "expand", "3, 3", False, "expand_mismatch", "must match the existing size"),
        ((2, 3), "repeat", "2", False, "repeat_too_few", "can not be smaller"),
        ((2, 3), "permute", "0", False, "permute_dims", "permute"),
        ((2, 3), "index", "5", False, "index_out_of_range", "out of bounds"),
        ((2, 3), "index", "0, 0, 0", False, "too_many_indices", "too many indices"),
        ((2, 3), "take", "6", False, "index_out_of_range", "out of range"),
        ((2, 3), "view", "two, 3", False, "bad_argument", "whole numbers"),
    ],
)
def test_invalid_operations_return_the_real_error_and_its_kind(shape, op, arg, transposed, kind, fragment):
    r = tl.shape_lab(shape, op, arg, transposed)
    assert not r.ok
    assert r.error_kind == kind
    assert fragment in r.error


def test_numpy_refuses_the_same_invalid_operations():
    # The errors are not a torch quirk: NumPy refuses the same shapes.
    a = np.arange(6).reshape(2, 3)
    with pytest.raises(ValueError):
        a.reshape(4, 2)
    with pytest.raises(ValueError):
        np.broadcast_to(a, (3, 3))
    with pytest.raises(IndexError):
        a[5]


def test_parse_numbers_and_matrices():
    assert tl.parse_floats("1, -2.5 3") == [1.0, -2.5, 3.0]
    assert tl.parse_matrix("1, 2; 3, 4") == [[1, 2], [3, 4]]
    for bad in ("", "1, x", "nan"):
        with pytest.raises(ValueError):
            tl.parse_floats(bad)
    with pytest.raises(ValueError):
        tl.parse_matrix("1, 2; 3")


def test_result_text_is_torch_printing():
    assert tl.shape_lab((2, 2), "transpose", "0, 1").text == "tensor([[0, 2],\n        [1, 3]])"


def test_parse_index_reads_python_syntax():
    assert tl.parse_index("0, 1:3, ..., None, ::2") == (0, slice(1, 3), Ellipsis, None, slice(None, None, 2))
    with pytest.raises(ValueError):
        tl.parse_index("0,,1")


def test_every_op_has_a_working_default_on_the_default_shape():
    for op, arg in tl.SHAPE_OPS.items():
        assert tl.shape_lab((2, 3), op, arg).ok, op


# ---- dtypes ------------------------------------------------------------------------------------


def test_dtype_rows_against_numpy():
    values = [-1.7, 0.1, 300.5, 70000.0]
    rows = {r.name: r for r in tl.dtype_rows(values)}
    for name in ("float64", "float32", "float16", "int64", "int32", "bool"):
        assert rows[name].bytes_per_element == np.dtype(name).itemsize
    assert rows["float32"].values == [float(np.float32(v)) for v in values]
    assert rows["float16"].values[-1] == float("inf")  # 70000 > 65504, float16's largest number
    assert rows["int64"].values == [int(np.trunc(v)) for v in values]  # toward zero
    assert rows["bool"].values == [True, True, True, True]
    assert rows["bfloat16"].resolution == 2.0**-7 and rows["float32"].resolution == 2.0**-23


def test_promotion_rows():
    got = {r.code.split("  ")[0]: r.result_dtype for r in tl.promotion_rows()}
    assert got["int64 + float32"] == "float32"
    assert got["int64 / int64"] == "float32"  # true division always gives floats
    assert got["int64 // int64"] == "int64"
    assert got["float16 * 2.5"] == "float16"  # a Python number does not upgrade a tensor


def test_to_same_device_returns_the_same_tensor():
    d = tl.to_demo("cpu")
    assert d.same_object and d.shares_memory
    assert (d.both_device, d.both_dtype) == ("cpu", "float64")
