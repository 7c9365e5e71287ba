"""Activation functions: each function and its autograd derivative on one chart,
and softmax of an editable vector with a temperature."""
import pandas as pd
import streamlit as st
import torch

from core import activations as lab
from core.tensor_lab import parse_floats
from ui.charts.bars import probability_bars
from ui.charts.plane import activation_chart
from ui.i18n import t
from ui.presenter import presented_chart, presented_table, presenter_toggle

st.title(t("nav.activations"))
presenter_toggle("activations")  # ?present=1: big type for the projector
st.markdown(t("activations.intro"))

# ---------------------------------------------------------------------------- the functions
c1, c2, c3 = st.columns([3, 1, 1])
chosen = c1.multiselect(t("activations.choose"), list(lab.ACTIVATIONS), default=list(lab.COURSE),
                        key="activations.chosen")
slope = c2.slider(t("activations.slope"), 0.0, 0.5, 0.01, step=0.01, key="activations.slope")
alpha = c3.slider(t("activations.alpha"), 0.1, 2.0, 1.0, step=0.1, key="activations.alpha")
lo, hi = st.slider(t("activations.range"), -10.0, 10.0, (-5.0, 5.0), step=0.5, key="activations.range")
params = {"leaky_relu": slope, "elu": alpha}

if not chosen:
    st.info(t("activations.none"))
elif lo >= hi:
    st.warning(t("activations.bad_range"))
else:
    curves = lab.curves(chosen, lo, hi, 200, params)
    labels = (t("activations.f"), t("activations.df"))
    columns = st.columns(2)
    for i, curve in enumerate(curves):
        with columns[i % 2]:
            st.markdown(f"**{curve.name}** · `{lab.ACTIVATIONS[curve.name].code}`")
            presented_chart(st, activation_chart(curve.x, curve.y, curve.dy, y_range=curve.y_range,
                                             labels=labels), width="stretch")
            name_tex = curve.name.replace("_", r"\_")  # "_" is a subscript outside \text
            st.latex(rf"\text{{{name_tex}}}'(x) = " + lab.ACTIVATIONS[curve.name].derivative_latex)
    st.caption(t("activations.ranges_note"))

    # one point read off exactly: f(x0) and autograd's f'(x0)
    st.subheader(t("activations.probe"))
    x0 = st.slider("x₀", -10.0, 10.0, 1.0, step=0.1, key="activations.x0")
    rows = []
    for name in chosen:
        y, dy = lab.evaluate(name, torch.tensor([x0], dtype=torch.float64), params.get(name))
        rows.append({t("activations.col.name"): name, "f(x₀)": f"{y.item():.6g}",
                     "f'(x₀) (autograd)": f"{dy.item():.6g}"})
    presented_table(st, pd.DataFrame(rows), hide_index=True)
    st.markdown(t("activations.why_derivative"))

# ---------------------------------------------------------------------------- softmax
st.header(t("activations.softmax.title"))
st.markdown(t("activations.softmax.explain"))
c1, c2 = st.columns([2, 1])
logits_text = c1.text_input(t("activations.softmax.logits"), "1, 2, 3, -1", key="activations.logits")
temperature = c2.select_slider(t("activations.softmax.temperature"),
                               options=[0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 100.0], value=1.0,
                               key="activations.temperature")
try:
    soft = lab.softmax(parse_floats(logits_text), float(temperature))
except ValueError as err:
    st.warning(t("activations.bad_input", error=str(err)))
    soft = None
if soft is not None:
    labels = [f"z{i} = {z:g}" for i, z in enumerate(soft.logits)]
    left, right = st.columns([2, 1])
    presented_chart(left, probability_bars(labels, soft.probabilities, y_title=t("activations.softmax.p")),
                      width="stretch")
    with right:
        st.code(f"z = torch.tensor({soft.logits})\np = F.softmax(z / {soft.temperature:g}, dim=0)",
                language="python")
        st.metric(t("activations.softmax.sum"), f"{sum(soft.probabilities):.6f}")
        st.metric(t("activations.softmax.entropy"), f"{soft.entropy:.4f}")
    st.caption(t("activations.softmax.temperature_note"))
