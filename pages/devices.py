"""Devices & GPU: what is here, CPU vs GPU time of the same work, the mixed-device
error, and DataParallel. Works, and says what a GPU would add, on a machine without one."""
import pandas as pd
import streamlit as st

from core import device_lab as lab
from ui.charts.bars import speedup_chart, timing_chart
from ui.i18n import t
from ui.presenter import presented_chart, presented_table, presenter_toggle

SIZES = (64, 128, 256, 512, 1024, 2048, 4096)

st.title(t("nav.devices"))
presenter_toggle("devices")  # ?present=1: big type for the projector
st.markdown(t("devices.intro"))

# ---------------------------------------------------------------------------- inventory
inv = lab.inventory()
m1, m2, m3, m4 = st.columns(4)
m1.metric(t("devices.cuda"), t("devices.yes") if inv.cuda_available else t("devices.no"))
m2.metric(t("devices.count"), inv.device_count)
m3.metric(t("devices.current"), "—" if inv.current_device is None else f"cuda:{inv.current_device}")
m4.metric("MPS (Apple)", t("devices.yes") if inv.mps_available else t("devices.no"))
st.caption(t("devices.build", torch=inv.torch_version, cuda=inv.cuda_build or t("devices.cpu_build"),
             threads=inv.cpu_threads, usable=", ".join(inv.usable)))
st.code("torch.cuda.is_available()      # " + str(inv.cuda_available) + "\n"
        "torch.cuda.device_count()      # " + str(inv.device_count) + "\n"
        + "".join(f"torch.cuda.get_device_name({g.index})  # {g.name!r}\n" for g in inv.gpus)
        + "torch.backends.mps.is_available()  # " + str(inv.mps_available), language="python")
if inv.gpus:
    presented_table(st, pd.DataFrame({
        t("devices.col.index"): [f"cuda:{g.index}" for g in inv.gpus],
        t("devices.col.name"): [g.name for g in inv.gpus],
        t("devices.col.memory"): [f"{g.total_memory_gib:.1f}" for g in inv.gpus],
        t("devices.col.free"): ["—" if g.free_memory_gib is None else f"{g.free_memory_gib:.1f}" for g in inv.gpus],
        t("devices.col.capability"): [f"{g.capability[0]}.{g.capability[1]}" for g in inv.gpus],
        t("devices.col.sms"): [g.multiprocessors for g in inv.gpus],
    }), hide_index=True)
else:
    st.info(t("devices.no_gpu"))

# ---------------------------------------------------------------------------- timing
st.header(t("devices.timing.title"))
st.markdown(t("devices.timing.explain"))
c1, c2, c3, c4 = st.columns([3, 2, 1, 2])
sizes = c1.multiselect(t("devices.timing.sizes"), SIZES, default=[128, 256, 512, 1024], key="devices.sizes")
batch = c2.slider(t("devices.timing.batch"), 1, 256, 50, key="devices.batch")
repeats = c3.number_input(t("devices.timing.repeats"), 1, 10, 3, key="devices.repeats")
chosen = c4.multiselect(t("devices.timing.devices"), list(inv.usable), default=list(inv.usable),
                        key="devices.devices")
settings = (tuple(sorted(sizes)), int(batch), int(repeats), tuple(chosen))
remeasure = st.button(t("devices.timing.again"), key="devices.again")
stored = st.session_state.get("devices.timing")
if not sizes:
    st.info(t("devices.timing.no_sizes"))
else:
    if remeasure or stored is None or stored[0] != settings:
        with st.spinner(t("devices.timing.running")):
            st.session_state["devices.timing"] = (settings, lab.compare(tuple(chosen), settings[0], batch, repeats))
    comparison = st.session_state["devices.timing"][1]
    mm = pd.DataFrame([{"device": x.device, "size": x.size, "seconds": x.seconds}
                       for x in comparison.timings if x.work == "matmul"])
    left, right = st.columns([3, 2])
    presented_chart(left, timing_chart(mm, x_title=t("devices.timing.n"), y_title=t("devices.timing.seconds")),
                      width="stretch")
    table = pd.DataFrame({
        t("devices.col.device"): [x.device for x in comparison.timings],
        t("devices.col.work"): [f"matmul {x.size}×{x.size}" if x.work == "matmul"
                                else t("devices.timing.cnn_step", batch=x.size) for x in comparison.timings],
        "ms": [f"{x.seconds * 1e3:.3f}" for x in comparison.timings],
        t("devices.col.rate"): [f"{x.rate:.1f} GFLOP/s" if x.work == "matmul" else
                                t("devices.timing.images", rate=x.rate) for x in comparison.timings],
    })
    presented_table(right, table, hide_index=True)
    if comparison.speedups:
        frame = pd.DataFrame([{"device": d, "work": w, "speedup": s}
                              for d, by in comparison.speedups.items() for w, s in by.items()])
        presented_chart(st, speedup_chart(frame, y_title=t("devices.timing.speedup")), width="stretch")
        st.markdown(t("devices.timing.speedup_explain"))
    else:
        st.info(t("devices.timing.cpu_only"))
    st.caption(t("devices.timing.threads", threads=comparison.cpu_threads))
st.code(lab.TIMING_CODE, language="python")

# ---------------------------------------------------------------------------- mixed devices
st.header(t("devices.mixed.title"))
model_device, data_device = lab.mixed_pair()
st.markdown(t("devices.mixed.explain"))
st.code(f"model = nn.Linear(4, 2).to({model_device!r})\nx = torch.randn(3, 4)  # still on {data_device!r}\n"
        "y = model(x)", language="python")
if model_device == "meta":
    st.caption(t("devices.mixed.meta"))
if st.button(t("devices.mixed.run"), key="devices.mixed.run"):
    with st.spinner(t("devices.mixed.running")):
        st.session_state["devices.mixed"] = lab.mixed_device_error(model_device, data_device)
mixed = st.session_state.get("devices.mixed")
if mixed is not None:
    st.error(f"RuntimeError: {mixed.error}")
    st.markdown(t("devices.mixed.why", model=mixed.model_device, data=mixed.data_device))
    st.code("x = x.to(next(model.parameters()).device)   # or: x = x.to(device)\n"
            f"y = model(x)   # shape {mixed.fixed_output_shape}, on {mixed.fixed_output_device}",
            language="python")

# ---------------------------------------------------------------------------- DataParallel
st.header("DataParallel")
st.markdown(t("devices.dp.explain"))
if inv.device_count > 1:
    dp_batch = st.slider(t("devices.dp.batch"), 2, 512, 64, key="devices.dp.batch")
    if st.button(t("devices.dp.run"), key="devices.dp.run"):
        st.session_state["devices.dp"] = lab.data_parallel_run(dp_batch)
    dp = st.session_state.get("devices.dp")
    if dp is not None:
        st.markdown(t("devices.dp.result", ids=dp.device_ids, batches=dp.replica_batches,
                      shape=dp.output_shape, device=dp.output_device))
else:
    st.info(t("devices.dp.none", count=inv.device_count))
    c1, c2 = st.columns(2)
    dp_batch = c1.slider(t("devices.dp.batch"), 2, 512, 64, key="devices.dp.batch")
    gpus = c2.slider(t("devices.dp.gpus"), 2, 8, 4, key="devices.dp.gpus")
    st.markdown(t("devices.dp.split", batch=dp_batch, gpus=gpus, split=lab.data_parallel_split(dp_batch, gpus)))
st.code("model = CNN()\nif torch.cuda.device_count() > 1:\n    model = nn.DataParallel(model)  # splits each batch "
        "along dim 0\nmodel.to('cuda:0')", language="python")
