"""Quick build: the course's Net as an nn.Module subclass and as nn.Sequential."""

import pandas as pd
import streamlit as st
import torch

from core import codegen, quick_build as qb
from core.models import mlp_source
from ui.charts.plane import outputs_chart
from ui.controls import config_controls, keep_only_page_params
from ui.i18n import t
from ui.presenter import PRESENT_KEY, presented_chart, presented_table, presenter_toggle

PAGE = "quick_build"

st.title(t("nav.quick_build"))
presenter_toggle("quick_build")  # ?present=1: big type for the projector
st.markdown(t("quick_build.intro"))
with st.sidebar:
    st.subheader(t("settings.title"))
cfg, error = config_controls(qb.QuickBuildConfig, page=PAGE)
keep_only_page_params(set(cfg.__dataclass_fields__) | {PRESENT_KEY})
if error:
    st.warning(t("settings.invalid", error=error))

report = qb.compare(cfg)

# ------------------------------------------------------------- the two ways, side by side
left, right = st.columns(2)
with left:
    st.subheader(t("quick_build.module_title"))
    st.caption(t("quick_build.code"))
    st.code(codegen.source_of(qb.Net)
            + f"\n\nnet1 = Net({cfg.n_feature}, {cfg.n_hidden}, {cfg.n_output})", language="python")
    st.caption(t("quick_build.printed"))
    st.code(report.net_repr, language="text")
    st.metric(t("quick_build.parameters"), report.net_parameters)
with right:
    st.subheader(t("quick_build.sequential_title"))
    st.caption(t("quick_build.code"))
    st.code("net2 = " + mlp_source(cfg.n_feature, (cfg.n_hidden,), cfg.n_output, "relu")
            .replace("nn.", "torch.nn."), language="python")
    st.caption(t("quick_build.printed"))
    st.code(report.sequential_repr, language="text")
    st.metric(t("quick_build.parameters"), report.sequential_parameters)
st.caption(t("quick_build.formula", n_feature=cfg.n_feature, n_hidden=cfg.n_hidden,
             n_output=cfg.n_output,
             value=qb.parameter_formula(cfg.n_feature, cfg.n_hidden, cfg.n_output)))
st.info(t("quick_build.why_relu"))

# ------------------------------------------------------------------- copying the weights
st.subheader(t("quick_build.keys_title"))
st.caption(t("quick_build.keys_help"))
shapes = {"hidden.weight": (cfg.n_hidden, cfg.n_feature), "hidden.bias": (cfg.n_hidden,),
          "predict.weight": (cfg.n_output, cfg.n_hidden), "predict.bias": (cfg.n_output,)}
presented_table(st, pd.DataFrame({
    t("quick_build.col.net1"): list(qb.KEY_MAP),
    t("quick_build.col.net2"): list(qb.KEY_MAP.values()),
    t("quick_build.col.shape"): [str(shapes[k]) for k in qb.KEY_MAP],
}), hide_index=True)

copied = st.toggle(t("quick_build.copy"), value=False, key=f"{PAGE}.copy")
st.code("net2.load_state_dict({KEY_MAP[k]: v for k, v in net1.state_dict().items()})"
        if copied else "# net2 keeps its own random initial weights", language="python")
net2_out = report.sequential_after if copied else report.sequential_before
diff = report.diff_after if copied else report.diff_before
st.subheader(t("quick_build.outputs"))
c1, c2 = st.columns([1, 3])
c1.metric(t("quick_build.diff"), f"{diff:.3g}")
if diff == 0.0:
    c2.success(t("quick_build.same", diff=diff))
else:
    c2.warning(t("quick_build.different", diff=diff))


def columns(prefix: str, values: torch.Tensor) -> dict[str, list[float]]:
    """(rows, k) -> {"prefix[0]": [...], ...}; just "prefix" when k is 1."""
    arr = values.numpy()
    if arr.shape[1] == 1:
        return {prefix: arr[:, 0].round(6).tolist()}
    return {f"{prefix}[{j}]": arr[:, j].round(6).tolist() for j in range(arr.shape[1])}


table = {**columns(t("quick_build.col.input"), report.inputs),
         **columns("net1", report.net_out), **columns("net2", net2_out)}
presented_table(st, pd.DataFrame(table), hide_index=True)

if cfg.n_feature == 1:  # one input: both nets' first output drawn as curves over x
    grid = torch.linspace(-1, 1, 101).unsqueeze(1)
    curves = qb.compare(cfg, grid)
    other = curves.sequential_after if copied else curves.sequential_before
    x = grid[:, 0].numpy()
    frame = pd.concat([
        pd.DataFrame({"x": x, "output": curves.net_out[:, 0].numpy(), "net": "net1"}),
        pd.DataFrame({"x": x, "output": other[:, 0].numpy(), "net": "net2"}),
    ], ignore_index=True)
    presented_chart(st, outputs_chart(frame, title=t("quick_build.chart_title")))
