"""CNN on MNIST: confusion matrix live; then test digits, filters, feature maps,
and the class probabilities of a digit the user picks or uploads."""
import numpy as np
import streamlit as st
from PIL import Image, UnidentifiedImageError

from core import mnist
from core.digit_drawing import prepare_digit, strongest_filters
from core.registry import TaskUnavailable
from core.tasks import cnn as task
from ui.charts.bars import digit_probabilities_bars, digit_probabilities_frame
from ui.charts.grids import confusion_frame, confusion_layers
from ui.digit_canvas import drawn_digit
from ui.frames import Plot, draw
from ui.gallery import gallery
from ui.raster import digit_rgb, mosaic, signed_map_rgb
from ui.i18n import t
from ui.training_page import Frame, TrainingPage, Unavailable, render

GROUPS = [
    ("settings.data", ["data", "train_images", "test_images"]),
    ("settings.network", ["conv1_channels", "conv2_channels", "dropout"]),
    ("settings.training", ["lr", "batch_size", "epochs", "eval_every", "seed", "device"]),
]
SHOWN = 20  # test digits shown with their predictions
SAMPLES = 20  # training digits shown in the data section


def download_button(page: str) -> None:
    if st.button(t("mnist.download"), key=f"{page}.download"):
        with st.spinner(t("mnist.downloading")):
            outcome = mnist.download_full()
        (st.success if outcome.ok else st.error)(outcome.message)


def view(cfg):
    try:
        return task.load_data(cfg)
    except TaskUnavailable as err:  # the page says why; data_section offers the download
        return Unavailable(t("mnist.unavailable", error=str(err)))


def picture(frame: Frame):
    data, snap = frame.view, frame.snapshot
    if snap is None or snap.picture is None:
        return None
    return Plot(confusion_layers, (confusion_frame(snap.picture["confusion"]),), dict(
        title=t("mnist.confusion", n=data.n_test), true_title=t("mnist.true"),
        predicted_title=t("mnist.predicted")))


def predictions(data, pic, box) -> None:
    n = min(SHOWN, data.n_test)
    labels = data.test_labels[:n].numpy()
    predicted = pic["predicted"][:n]
    right = predicted == labels
    box.markdown(f"**{t('mnist.predictions')}**")
    box.caption(t("mnist.predictions_help", wrong=int((~right).sum()), n=n))
    gallery(box, [digit_rgb(data.test_images[i, 0].numpy(), bool(right[i])) for i in range(n)],
            [t("mnist.right", pred=int(p)) if ok else t("mnist.wrong", pred=int(p), true=int(y))
             for p, y, ok in zip(predicted, labels, right, strict=False)])


def filters_and_maps(data, model, state, box) -> int:
    """The first layer's filters and the feature maps of a test digit; the digit picked."""
    weights = task.filters(state)  # (c1, 5, 5)
    scale = float(np.abs(weights).max()) or 1.0
    box.markdown(f"**{t('cnn.filters', n=len(weights))}**")
    box.caption(t("cnn.filters_help"))
    box.image(mosaic([signed_map_rgb(w, 12, scale) for w in weights], columns=8))

    box.markdown(f"**{t('cnn.maps')}**")
    index = box.slider(t("mnist.pick"), 0, data.n_test - 1, 0, key="cnn.digit")
    maps = task.feature_maps(model, data.test_images[index])
    left, right = box.columns([1, 4])
    left.image(digit_rgb(data.test_images[index, 0].numpy(), factor=4),
               caption=t("mnist.label", label=int(data.test_labels[index])), width=112)
    m1, m2 = maps["conv1"], maps["conv2"]
    right.caption(t("cnn.maps1", c=m1.shape[0], h=m1.shape[1]))
    right.image(mosaic([signed_map_rgb(m, 2, float(m1.max()) or 1.0) for m in m1], columns=8))
    right.caption(t("cnn.maps2", c=m2.shape[0], h=m2.shape[1]))
    right.image(mosaic([signed_map_rgb(m, 3, float(m2.max()) or 1.0) for m in m2],
                       columns=8, gap=4))
    return index


def try_a_digit(data, model, index: int, box) -> None:
    """An uploaded digit's class probabilities (else those of test digit ``index``)."""
    box.markdown(f"**{t('cnn.try')}**")
    box.caption(t("cnn.try_help"))
    left, right = box.columns([1, 2])
    uploaded = left.file_uploader(t("cnn.upload"), type=["png", "jpg", "jpeg", "bmp", "gif"],
                                  key="cnn.upload")
    digit, source = None, None
    if uploaded is not None:
        try:
            pixels = np.asarray(Image.open(uploaded).convert("L"))
            digit, source = prepare_digit(pixels), t("cnn.uploaded")
        except (UnidentifiedImageError, OSError, ValueError):
            left.error(t("cnn.bad_image"))
    if digit is None:
        digit = data.test_images[index]
        source = t("mnist.test_digit", i=index, label=int(data.test_labels[index]))
    left.image(digit_rgb(digit[0].numpy(), factor=4), caption=source, width=112)
    probs = task.class_probabilities(model, digit)[0]
    draw(right, probabilities_plot(probs))


def probabilities_plot(probs) -> Plot:
    """The class probabilities of one digit as bars (its chart compiled once: ui/frames.py)."""
    return Plot(digit_probabilities_bars, (digit_probabilities_frame(probs),), dict(
        title=t("cnn.probabilities", digit=int(probs.argmax()), p=float(probs.max())),
        x_title=t("mnist.digit")))


def draw_a_digit(model, state, box) -> None:
    """A digit drawn with the mouse: what the network sees, its answer, and which filters of
    the first layer respond most to it (each filter next to its feature map)."""
    box.markdown(f"**{t('digit.title')}**")
    left, middle, right = box.columns([2, 1, 3])
    digit = drawn_digit("cnn", left)
    if digit is None:
        middle.info(t("digit.empty"))
        return
    middle.image(digit_rgb(digit[0].numpy(), factor=4), caption=t("digit.seen"), width=112)
    probs = task.class_probabilities(model, digit)[0]
    draw(right, probabilities_plot(probs))
    maps = task.feature_maps(model, digit)["conv1"]  # (c1, 28, 28), after ReLU
    weights = task.filters(state)
    top = strongest_filters(maps)
    box.caption(t("digit.top_filters", n=len(top)))
    scale, peak = float(np.abs(weights).max()) or 1.0, float(maps.max()) or 1.0
    for col, i in zip(box.columns(len(top)), top, strict=False):
        col.image([signed_map_rgb(weights[i], 12, scale), signed_map_rgb(maps[i], 2, peak)],
                  caption=[t("digit.filter", n=i + 1),
                           t("digit.response", mean=float(maps[i].mean()))], width=60)


def extra(frame: Frame, box):
    data, snap = frame.view, frame.snapshot
    model = task.model_from_state(frame.cfg, snap.weights)
    predictions(data, snap.picture, box)
    index = filters_and_maps(data, model, snap.weights, box)
    draw_a_digit(model, snap.weights, box)
    try_a_digit(data, model, index, box)


def export(frame: Frame):
    return frame.snapshot.weights


def data_section(source: str) -> None:
    """Which digits this page uses, how many, and a few of them (or the download, when the
    chosen digits cannot be read)."""
    try:
        data = mnist.load_mnist(source)
    except mnist.DataUnavailable:
        download_button("cnn")  # the page already said why
        return
    st.sidebar.caption(t("mnist.sidebar", name=t(f"mnist.name.{data.source}"),
                         train=f"{data.n_train:,}", test=f"{data.n_test:,}"))
    st.subheader(t("mnist.data_title"))
    key = "mnist.data_full" if data.source == mnist.FULL else "mnist.data_subset"
    st.markdown(t(key, train=f"{data.n_train:,}", test=f"{data.n_test:,}", location=data.location))
    if data.source == mnist.SUBSET:
        st.caption(t("mnist.full_hint", folder=mnist.raw_dir(), env=mnist.DATA_ENV))
        download_button("cnn")
    gallery(st, [digit_rgb(data.train_images[i, 0].numpy()) for i in range(SAMPLES)],
            [str(int(y)) for y in data.train_labels[:SAMPLES]], width=56)


shown = render(TrainingPage(task="cnn", picture=picture, view=view, groups=GROUPS, extra=extra,
                    export=export, curves=("train_loss", "test_loss", "accuracy"),
                    metrics=("train_loss", "test_loss", "accuracy"), picture_width=0.9))
data_section(shown.cfg.data)
