"""Autograd: mean(v*v) and v/2, the grad_fn graph, backward(gradient), no_grad and
detach, accumulation, dynamic graphs, and the two-layer net trained three ways."""
import numpy as np
import pandas as pd
import streamlit as st

from core import autograd_lab as lab, codegen
from core.tensor_lab import parse_floats
from ui.charts.curves import difference_chart, difference_frame, overlapping_curves
from ui.i18n import t
from ui.presenter import presented_chart, presented_table, presenter_toggle


def matrix_inputs(key: str, default: tuple[tuple[float, float], tuple[float, float]], step: float = 1.0):
    """A 2x2 matrix as four number boxes."""
    rows = []
    for i in range(2):
        cols = st.columns(2)
        rows.append([cols[j].number_input(f"{key}[{i}][{j}]", value=float(default[i][j]), step=step, format="%g",
                                          key=f"autograd.{key}.{i}{j}", label_visibility="collapsed")
                     for j in range(2)])
    return rows


def fmt(matrix) -> str:
    return "[" + ", ".join("[" + ", ".join(f"{v:.6g}" for v in row) + "]" for row in matrix) + "]"


@st.cache_data(show_spinner=False, max_entries=16)
def three_ways(steps: int, lr: float, seed: int) -> lab.ThreeWays:
    return lab.train_three_ways(steps=steps, lr=lr, seed=seed)


st.title(t("nav.autograd"))
presenter_toggle("autograd")  # ?present=1: big type for the projector
st.markdown(t("autograd.intro"))

# ---------------------------------------------------------------------------- mean(v*v)
st.header(t("autograd.course.title"))
left, right = st.columns([1, 2])
with left:
    st.markdown(t("autograd.course.v"))
    v = matrix_inputs("v", ((1.0, 2.0), (3.0, 4.0)))
    expression = st.selectbox(t("autograd.course.expression"), list(lab.EXPRESSIONS),
                              key="autograd.expression")
    expr = lab.EXPRESSIONS[expression]
    w = lab.W_DEFAULT
    if expr.uses_w:
        st.markdown(t("autograd.course.w"))
        cols = st.columns(2)
        w = ((cols[0].number_input("w0", value=1.0, key="autograd.w0", label_visibility="collapsed"),),
             (cols[1].number_input("w1", value=-1.0, key="autograd.w1", label_visibility="collapsed"),))
result = lab.gradients(expression, v, w)
with right:
    st.code("v = torch.tensor(" + fmt(v) + ", requires_grad=True)\n" + expr.code + "\nout.backward()",
            language="python")
    st.latex(expr.latex)
    st.markdown(t("autograd.course.result", out=f"{result.out:.6g}", grad=fmt(result.v_grad)))
    if expression == "mean(v*v)":
        half = (np.asarray(v) / 2).tolist()
        st.success(t("autograd.course.check", half=fmt(half), equal=np.allclose(result.v_grad, half)))
    if result.w_grad is not None:
        st.markdown(t("autograd.course.w_grad", grad=fmt(result.w_grad)))
st.subheader(t("autograd.graph.title"))
st.markdown(t("autograd.graph.explain"))
st.graphviz_chart(result.dot)

# ---------------------------------------------------------------------------- backward(gradient)
st.header(t("autograd.vector.title"))
st.markdown(t("autograd.vector.explain"))
left, right = st.columns([1, 2])
with left:
    st.markdown(t("autograd.vector.gradient"))
    gradient = matrix_inputs("g", ((0.1, 1.0), (0.0001, 0.25)), step=0.1)
vec = lab.vector_backward(v, gradient)
with right:
    st.code("y = v * v            # a 2x2 tensor, not a scalar\ny.backward()         # fails:\n"
            f"# RuntimeError: {vec.error_without_gradient}\n"
            f"y.backward(torch.tensor({fmt(gradient)}))", language="python")
    st.markdown(t("autograd.vector.result", grad=fmt(vec.v_grad)))

# ---------------------------------------------------------------------------- no_grad, detach
st.header(t("autograd.tracking.title"))
st.markdown(t("autograd.tracking.explain"))
rows = lab.tracking_rows(v)
presented_table(st, pd.DataFrame({
    t("autograd.tracking.col.code"): [r.code for r in rows],
    "requires_grad": [r.requires_grad for r in rows],
    "grad_fn": [r.grad_fn for r in rows],
    t("autograd.tracking.col.shares"): [r.shares_memory_with_v for r in rows],
}), hide_index=True, width="stretch")

# ---------------------------------------------------------------------------- accumulation
st.header(t("autograd.accumulate.title"))
st.markdown(t("autograd.accumulate.explain"))
c1, c2 = st.columns(2)
calls = c1.slider(t("autograd.accumulate.calls"), 1, 6, 3, key="autograd.calls")
zero = c2.toggle(t("autograd.accumulate.zero"), key="autograd.zero")
history = lab.accumulation(v, calls, zero_grad=zero)
presented_table(st, pd.DataFrame({t("autograd.accumulate.col.call"): range(1, calls + 1),
                           "v.grad": [fmt(g) for g in history]}), hide_index=True)
st.caption(t("autograd.accumulate.zeroed") if zero else t("autograd.accumulate.summed", calls=calls))

# ---------------------------------------------------------------------------- dynamic graph
st.header(t("autograd.dynamic.title"))
st.markdown(t("autograd.dynamic.explain"))
c1, c2 = st.columns(2)
x_text = c1.text_input(t("autograd.dynamic.x"), "0.5, -1, 2", key="autograd.dynamic.x")
limit = c2.number_input(t("autograd.dynamic.limit"), min_value=1.0, max_value=1e6, value=1000.0,
                        key="autograd.dynamic.limit")
try:
    dyn = lab.dynamic_graph(parse_floats(x_text), limit)
except ValueError as err:
    st.warning(t("autograd.bad_input", error=str(err)))
    dyn = None
if dyn is not None:
    left, right = st.columns([1, 2])
    left.code(lab.DYNAMIC_CODE, language="python")
    left.markdown(t("autograd.dynamic.result", doublings=dyn.doublings,
                    branch=t(f"autograd.dynamic.branch.{dyn.branch}"), grad=dyn.x_grad))
    right.graphviz_chart(dyn.dot)
st.markdown(t("autograd.dynamic.static"))

# ---------------------------------------------------------------------------- three ways
st.header(t("autograd.three.title"))
st.markdown(t("autograd.three.explain"))
c1, c2, c3 = st.columns(3)
steps = c1.slider(t("autograd.three.steps"), 10, 500, 500, step=10, key="autograd.three.steps")
lr = c2.select_slider(t("autograd.three.lr"), options=[1e-7, 2e-7, 5e-7, 1e-6, 2e-6, 5e-6], value=1e-6,
                      format_func=lambda x: f"{x:g}", key="autograd.three.lr")
seed = c3.number_input(t("autograd.three.seed"), 0, 10_000, 0, key="autograd.three.seed")
settings = (int(steps), float(lr), int(seed))
if st.button(t("autograd.three.train"), key="autograd.three.train", type="primary"):
    with st.spinner(t("autograd.three.running")):
        st.session_state["autograd.three"] = (settings, three_ways(*settings))
stored = st.session_state.get("autograd.three")
if stored is None:
    st.info(t("autograd.three.press"))
else:
    if stored[0] != settings:
        st.warning(t("autograd.three.stale"))
    run = stored[1]
    names = {"numpy": t("autograd.three.numpy"), "autograd": t("autograd.three.autograd"),
             "module": t("autograd.three.module")}
    losses = {names[k]: v for k, v in run.losses.items()}
    m1, m2, m3, m4 = st.columns(4)
    m1.metric(t("autograd.three.first"), f"{run.losses['numpy'][0]:.4g}")
    m2.metric(t("autograd.three.last"), f"{run.losses['numpy'][-1]:.4g}")
    m3.metric(t("autograd.three.max_diff"), f"{run.max_abs_diff:.3g}")
    m4.metric(t("autograd.three.max_rel"), f"{run.max_rel_diff:.3g}")
    if all(np.isfinite(v).all() for v in run.losses.values()):
        presented_chart(st, overlapping_curves(losses, y_title=t("autograd.three.loss")), width="stretch")
        st.markdown(t("autograd.three.diff_explain"))
        presented_chart(st, difference_chart(difference_frame(losses, names["numpy"]),
                                         y_title=t("autograd.three.diff_axis")), width="stretch")
    else:
        st.warning(t("autograd.three.diverged"))
    st.caption(t("autograd.three.timing", numpy=run.seconds["numpy"], autograd=run.seconds["autograd"],
                 module=run.seconds["module"]))
tabs = st.tabs([t("autograd.three.numpy"), t("autograd.three.autograd"), t("autograd.three.module")])
for tab, fn in zip(tabs, (lab.train_numpy, lab.train_autograd, lab.train_module), strict=False):
    tab.code(codegen.source_of(fn), language="python")
