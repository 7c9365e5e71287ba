"""Tensors & NumPy: shared memory, the same math twice, the shape lab, dtypes."""
import pandas as pd
import streamlit as st

from core import tensor_lab as lab
from core.devices import available_devices
from ui.i18n import t
from ui.presenter import presented_table, presenter_toggle


def show(values) -> str:
    """A compact one-line rendering of a list of numbers."""
    if isinstance(values, list):
        return "[" + ", ".join(show(v) for v in values) + "]"
    if isinstance(values, float):
        return f"{values:.6g}"
    return str(values)


def yes_no(flag: bool) -> str:
    return t("tensors.yes") if flag else t("tensors.no")


st.title(t("nav.tensors"))
presenter_toggle("tensors")  # ?present=1: big type for the projector
st.markdown(t("tensors.intro"))
tab_share, tab_math, tab_shape, tab_dtype = st.tabs(
    [t("tensors.tab.share"), t("tensors.tab.math"), t("tensors.tab.shape"), t("tensors.tab.dtype")])

# ---------------------------------------------------------------------------- shared memory
with tab_share:
    st.markdown(t("tensors.share.explain"))
    c1, c2, c3, c4 = st.columns(4)
    text = c1.text_input(t("tensors.share.values"), "1, 2, 3, 4", key="tensors.share.values")
    index = c2.number_input(t("tensors.share.index"), value=1, step=1, key="tensors.share.index")
    new_value = c3.number_input(t("tensors.share.new_value"), value=100.0, key="tensors.share.new")
    device = c4.selectbox(t("tensors.share.device"), available_devices(), key="tensors.share.device")
    try:
        cases = lab.sharing_cases(lab.parse_floats(text), int(index), float(new_value), device)
    except ValueError as err:
        st.warning(t("tensors.bad_input", error=str(err)))
        cases = []
    if cases:
        presented_table(st, pd.DataFrame({
            t("tensors.share.col.code"): [c.code.replace("\n", "; ") for c in cases],
            t("tensors.share.col.numpy"): [show(c.numpy_after) for c in cases],
            t("tensors.share.col.torch"): [show(c.torch_after) for c in cases],
            t("tensors.share.col.shares"): [yes_no(c.shares_memory) for c in cases],
            t("tensors.share.col.changed"): [yes_no(c.other_changed) for c in cases],
        }), hide_index=True, width="stretch")
        why = {
            "from_numpy": t("tensors.share.why.from_numpy"),
            "numpy": t("tensors.share.why.numpy"),
            "tensor_copy": t("tensors.share.why.tensor_copy"),
            "clone": t("tensors.share.why.clone"),
            "dtype_copy": t("tensors.share.why.dtype_copy"),
            "to_device": t("tensors.share.why.to_cpu") if device == "cpu" else t("tensors.share.why.to_gpu"),
        }
        st.markdown("\n".join(f"- `{c.code.splitlines()[0]}`: {why[c.key]}" for c in cases))

# ---------------------------------------------------------------------------- the same math
with tab_math:
    st.markdown(t("tensors.math.explain"))
    c1, c2 = st.columns(2)
    data_text = c1.text_input(t("tensors.math.data"), "-1, -2, 1, 2", key="tensors.math.data")
    matrix_text = c2.text_input(t("tensors.math.matrix"), "1, 2; 3, 4", key="tensors.math.matrix")
    try:
        rows = lab.math_rows(lab.parse_floats(data_text), lab.parse_matrix(matrix_text))
    except ValueError as err:
        st.warning(t("tensors.bad_input", error=str(err)))
        rows = []
    if rows:
        presented_table(st, pd.DataFrame({
            t("tensors.math.col.numpy_code"): [r.numpy_code for r in rows],
            t("tensors.math.col.numpy"): [show(r.numpy_value) for r in rows],
            t("tensors.math.col.torch_code"): [r.torch_code for r in rows],
            t("tensors.math.col.torch"): [show(r.torch_value) for r in rows],
            t("tensors.math.col.diff"): [f"{r.max_abs_diff:.2e}" for r in rows],
        }), hide_index=True, width="stretch")
        worst = max(r.max_abs_diff for r in rows)
        st.caption(t("tensors.math.diff_note", worst=f"{worst:.2e}"))
        st.markdown(t("tensors.math.mm_vs_mul"))

# ---------------------------------------------------------------------------- the shape lab
with tab_shape:
    st.markdown(t("tensors.shape.explain"))
    c1, c2, c3, c4 = st.columns([2, 2, 2, 2])
    shape_text = c1.text_input(t("tensors.shape.shape"), "2, 3", key="tensors.shape.shape")
    op = c2.selectbox(t("tensors.shape.op"), list(lab.SHAPE_OPS), key="tensors.shape.op")
    # one argument box per operation, so each keeps its own (working) default
    arg = c3.text_input(t("tensors.shape.arg"), lab.SHAPE_OPS[op], key=f"tensors.shape.arg.{op}",
                        help=t("tensors.shape.arg_help"))
    transposed = c4.toggle(t("tensors.shape.transposed"), key="tensors.shape.transposed",
                           help=t("tensors.shape.transposed_help"))
    st.caption(t(f"tensors.op.{op}"))
    try:
        shape = lab.parse_ints(shape_text)
        result = lab.shape_lab(shape, op, arg, transposed)
    except ValueError as err:
        st.warning(t("tensors.bad_input", error=str(err)))
        result = None
    if result is not None:
        left, right = st.columns(2)
        with left:
            st.markdown(f"**{t('tensors.shape.input')}**")
            st.code(lab.input_code(shape, transposed), language="python")
            st.markdown(t("tensors.shape.facts", shape=result.input_shape, strides=result.input_strides,
                          contiguous=yes_no(result.input_contiguous)))
            st.code(str(lab.make_input(shape, transposed)), language="text")
        with right:
            st.markdown(f"**{t('tensors.shape.result')}**")
            if result.ok:
                st.code(result.code, language="python")
                st.markdown(t("tensors.shape.facts", shape=result.shape, strides=result.strides,
                              contiguous=yes_no(result.contiguous)))
                st.markdown(t("tensors.shape.view") if result.shares_storage else t("tensors.shape.copy"))
                st.code(result.text, language="text")
            else:
                st.error(t("tensors.shape.error", error=result.error))
                st.info(t(f"tensors.err.{result.error_kind}"))
        st.caption(t("tensors.shape.strides_note"))

# ---------------------------------------------------------------------------- dtypes and .to()
with tab_dtype:
    st.markdown(t("tensors.dtype.explain"))
    values_text = st.text_input(t("tensors.dtype.values"), "-1.7, 0.1, 300.5, 70000",
                                key="tensors.dtype.values")
    try:
        dtype_rows = lab.dtype_rows(lab.parse_floats(values_text))
    except ValueError as err:
        st.warning(t("tensors.bad_input", error=str(err)))
        dtype_rows = []
    if dtype_rows:
        presented_table(st, pd.DataFrame({
            "dtype": [r.name for r in dtype_rows],
            t("tensors.dtype.col.bytes"): [r.bytes_per_element for r in dtype_rows],
            t("tensors.dtype.col.values"): [show(r.values) for r in dtype_rows],
            t("tensors.dtype.col.error"): [f"{r.max_round_trip_error:.3g}" for r in dtype_rows],
            t("tensors.dtype.col.eps"): [f"{r.resolution:.3g}" for r in dtype_rows],
            t("tensors.dtype.col.max"): [f"{r.max_value:.4g}" for r in dtype_rows],
        }), hide_index=True, width="stretch")
        st.caption(t("tensors.dtype.note"))
    st.subheader(t("tensors.dtype.promotion"))
    st.markdown(t("tensors.dtype.promotion_explain"))
    promo = lab.promotion_rows()
    presented_table(st, pd.DataFrame({t("tensors.dtype.col.op"): [p.code for p in promo],
                               t("tensors.dtype.col.result"): [p.result_dtype for p in promo]}),
                 hide_index=True)
    st.subheader(t("tensors.to.title"))
    to_device = st.selectbox(t("tensors.share.device"), available_devices(), key="tensors.to.device")
    demo = lab.to_demo(to_device)
    st.code(f"x = torch.arange(4, dtype=torch.float32)\n"
            f"y = x.to({to_device!r})            # y is x: {demo.same_object}\n"
            f"z = x.to({to_device!r}, torch.float64)  # {demo.both_device}, {demo.both_dtype}",
            language="python")
    st.markdown(t("tensors.to.same") if demo.same_object else t("tensors.to.copy", device=demo.result_device))
