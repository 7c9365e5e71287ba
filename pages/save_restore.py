"""Save & restore: save the whole model and the state_dict, restore both, and
restore an uploaded state_dict safely (weights_only=True; nothing in the file is executed)."""
import pandas as pd
import streamlit as st

from core.checkpoint_io import load_state_dict_upload
from core.models import mlp_source
from core.tasks import regression
from core.tasks import save_restore as task
from ui.charts.plane import fit_chart, three_fits
from ui.controls import settings_in_session
from ui.i18n import t
from ui.training_page import Frame, TrainingPage, render

PAGE = "save_restore"
GROUPS = [
    ("settings.data", ["target", "points", "noise", "test_fraction", "data_seed"]),
    ("settings.network", ["hidden", "activation", "dropout"]),
    ("settings.training", ["optimizer", "lr", "weight_decay", "l1", "batch_size", "steps", "seed",
                           "device"]),
]


def view(cfg: task.SaveRestoreConfig):
    """The Regression page's points and y range (the same data and network)."""
    problem = regression.problem(cfg)
    dots = pd.concat([
        pd.DataFrame({"x": problem.x_train, "y": problem.y_train, "split": "train",
                      "split_label": t("split.train")}),
        pd.DataFrame({"x": problem.x_test, "y": problem.y_test, "split": "test",
                      "split_label": t("split.test")}),
    ], ignore_index=True)
    pad = 0.15 * float(dots["y"].max() - dots["y"].min()) + 0.05
    return problem, dots, (float(dots["y"].min()) - pad, float(dots["y"].max()) + pad)


def picture(frame: Frame):
    problem, dots, y_domain = frame.view
    snap, curve = frame.snapshot, None
    if snap is not None:  # None: the data before any training
        fitted = regression.fitted_curve(frame.cfg, snap.weights, problem.curve_x)
        if pd.notna(fitted).all():
            curve = pd.DataFrame({"x": problem.curve_x, "y": fitted})
    return fit_chart(dots, curve, y_domain=y_domain, title=t("save_restore.net1"))


def saved_and_restored(frame: Frame, box):
    """The course's three subplots: net1, net2 (whole model), net3 (state_dict)."""
    restored = frame.snapshot.extra.get("restored")
    if restored is None:
        box.caption(t("save_restore.scrub_to_end"))
        return
    _, dots, y_domain = frame.view
    curves = {name: pd.DataFrame({"x": restored.x, "y": restored.predictions[name]})
              for name in task.NETS}
    box.subheader(t("save_restore.three_title"))
    box.altair_chart(three_fits(dots, curves, y_domain=y_domain,
                                titles={n: t(f"save_restore.{n}") for n in task.NETS}))
    if restored.whole_equal and restored.state_dict_equal:
        box.success(t("save_restore.identical"))
    else:
        box.error(t("save_restore.not_identical", whole=restored.whole_equal,
                    state=restored.state_dict_equal))
    box.caption(t("save_restore.sizes", whole=len(restored.whole_model),
                  state=len(restored.state_dict)))
    if restored.default_load_refuses_whole_model:
        box.caption(t("save_restore.default_refuses"))


def export(frame: Frame):
    from core.supervised import state_dict_from_weights

    return state_dict_from_weights(frame.cfg, 1, 1, frame.snapshot.weights)


def upload_section() -> None:
    """Upload a .pt state_dict; every outcome is a message, the page keeps working."""
    cfg = settings_in_session(task.SaveRestoreConfig, PAGE)  # the sidebar's settings
    st.divider()
    st.subheader(t("save_restore.unsafe_title"))
    st.markdown(t("save_restore.unsafe_explain"))
    st.subheader(t("save_restore.upload_title"))
    architecture = mlp_source(1, cfg.hidden, 1, cfg.activation, cfg.dropout)
    uploaded = st.file_uploader(t("save_restore.upload_label"), key=f"{PAGE}.upload",
                                help=t("save_restore.upload_help",
                                       architecture=" ".join(architecture.split())))
    if uploaded is None:
        return
    model = task.fresh_model(cfg)
    outcome = load_state_dict_upload(uploaded.getvalue(), model)  # never raises
    message = t(f"save_restore.upload.{outcome.kind}", name=f"`{uploaded.name}`",
                **outcome.details)
    if not outcome.ok:
        st.error(message)
        return
    st.success(message)
    problem, dots, y_domain = view(cfg)
    fitted = task.predict_curve(model, problem.curve_x)
    curve = pd.DataFrame({"x": problem.curve_x, "y": fitted}) if pd.notna(fitted).all() else None
    st.altair_chart(fit_chart(dots, curve, y_domain=y_domain, title=t("save_restore.upload_fit")))
    st.caption(t("save_restore.upload_loss",
                 loss=task.mse_on(model, problem.x_train, problem.y_train)))


render(TrainingPage(task=PAGE, picture=picture, view=view, groups=GROUPS,
                    extra=saved_and_restored, export=export,
                    metrics=("train_loss", "test_loss")))
upload_section()
