"""CIFAR-10: the course's LeNet on 32×32 colour photos, accuracy class by class.

Without the data the page says how to get it, and still shows the model with its shapes and
parameter counts (they need no data).
"""
import pandas as pd
import streamlit as st

from core import cifar
from core.folders import data_dir
from core.registry import TaskUnavailable
from core.tasks import cifar10 as task
from ui.charts.bars import class_accuracy_chart
from ui.i18n import t
from ui.training_page import Frame, TrainingPage, render

GROUPS = [
    ("settings.data", ["train_images"]),
    ("settings.training", ["lr", "momentum", "batch_size", "epochs", "seed", "device"]),
]
SAMPLES = 10  # training images shown above the model
SHOWN_PREDICTIONS = 12


def class_name(name: str) -> str:
    return t(f"cifar10.class.{name}", default=name)


def model_section() -> None:
    st.subheader(t("cifar10.model"))
    model = cifar.LeNet()
    rows = cifar.model_summary(model)
    st.dataframe(pd.DataFrame({
        t("cifar10.col.layer"): [r.name for r in rows],
        t("cifar10.col.module"): [r.layer for r in rows],
        t("cifar10.col.input"): [" × ".join(map(str, r.input_shape)) for r in rows],
        t("cifar10.col.output"): [" × ".join(map(str, r.output_shape)) for r in rows],
        t("cifar10.col.params"): [r.params for r in rows],
    }), hide_index=True)
    st.caption(t("cifar10.model_help"))
    st.markdown(t("cifar10.total_params", n=cifar.parameter_count(model)))
    st.code(str(model), language="text")


def read_data():
    """(data, None) when the files are there and readable, else (None, error or None)."""
    if not cifar.has_data():
        return None, None
    try:
        return cifar.load(), None
    except TaskUnavailable as err:
        return None, str(err)


def no_data_page(error: str | None) -> None:
    st.title(t("nav.cifar10"))
    st.markdown(t("cifar10.intro"))
    root = data_dir()
    if error:
        st.error(t("cifar10.unreadable", error=error))
    else:
        st.warning(t("cifar10.no_data", folder=root / cifar.BASE_FOLDER, root=root, url=cifar.URL))
    if st.button(t("cifar10.download"), key="cifar10.download"):
        with st.spinner(t("cifar10.downloading")):
            ok, message = cifar.download()
        if ok:
            st.success(t("cifar10.download_ok", detail=message))
            st.button(t("cifar10.reload"), key="cifar10.reload")
        else:
            st.error(t("cifar10.download_failed", detail=message))
    import_section()
    model_section()
    with st.expander(t("live.code")):
        st.code(task.code(task.Cifar10Config()), language="python")


def import_section() -> None:
    """Offline: the official archive from a USB stick, uploaded (core checks and unpacks it)."""
    archive = st.file_uploader(t("cifar10.import", name=cifar.ARCHIVE_NAME), type=["gz"],
                               key="cifar10.archive", help=t("cifar10.import_help"))
    if archive is None:
        return
    with st.spinner(t("cifar10.importing")):
        try:
            folder = cifar.import_archive(archive)
        except cifar.ArchiveRefused as err:
            st.error(t(f"cifar10.archive.{err.reason}", **err.values))
            return
    st.success(t("cifar10.import_ok", folder=folder))
    st.button(t("cifar10.reload"), key="cifar10.reload_imported")


# ------------------------------------------------------------------------- the training page
def view(cfg):
    return cifar.load()  # cached per folder: the class names and the test images


def picture(frame: Frame):
    """After each epoch: test accuracy per class."""
    snap = frame.snapshot
    per_class = snap.extra.get("per_class") if snap is not None else None
    if not per_class:  # before training, or between epoch ends
        return None
    return class_accuracy_chart([class_name(n) for n in per_class], list(per_class.values()),
                                title=t("cifar10.per_class", epoch=snap.extra["epoch"]),
                                x_title=t("cifar10.accuracy_axis"))


def predictions(frame: Frame, box):
    """The first test images with the class the net gave them at this epoch."""
    data, snap = frame.view, frame.snapshot
    predicted = snap.picture["predicted"][:SHOWN_PREDICTIONS]
    idx = snap.picture["indices"][:SHOWN_PREDICTIONS]
    captions = []
    for i, p in zip(idx, predicted, strict=False):
        true = int(data.test.targets[i])
        pred_name, true_name = class_name(data.classes[p]), class_name(data.classes[true])
        captions.append(t("cifar10.right", pred=pred_name) if p == true
                        else t("cifar10.wrong", pred=pred_name, true=true_name))
    box.markdown(f"**{t('cifar10.predictions')}**")
    box.image([data.test.data[i] for i in idx], width=72, caption=captions)


def export(frame: Frame):
    return frame.snapshot.weights or {}


def data_section(data) -> None:
    name = t("cifar10.official") if data.official else t("cifar10.unofficial")
    st.markdown(t("cifar10.data_used", name=name, train=f"{data.n_train:,}", test=f"{data.n_test:,}",
                  location=data.location))
    st.subheader(t("cifar10.samples"))
    images, labels = cifar.sample_images(data.train, SAMPLES, seed=0)
    st.image(list(images), width=72, caption=[class_name(data.classes[c]) for c in labels])


data, error = read_data()
if data is None:
    no_data_page(error)
else:
    render(TrainingPage(task="cifar10", picture=picture, view=view, groups=GROUPS,
                        extra=predictions, export=export, curves=("train_loss",),
                        metrics=("train_loss", "test_accuracy"), picture_width=1.0))
    data_section(data)
    model_section()
