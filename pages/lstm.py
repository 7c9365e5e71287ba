"""RNN classifier: an LSTM reads each digit row by row. Live: its hidden state
over the 28 rows of one digit; afterwards the answer it would give after each row, the confusion
matrix and the test digits with their predictions."""
import streamlit as st

from core import mnist
from core.registry import TaskUnavailable
from core.tasks import lstm as task
from ui.charts.grids import confusion_chart, hidden_state_chart, row_answers_chart
from ui.charts.bars import probabilities_chart
from ui.digit_canvas import drawn_digit
from ui.gallery import gallery
from ui.raster import digit_rgb
from ui.i18n import t
from ui.training_page import Frame, TrainingPage, Unavailable, ViewOption, render

GROUPS = [
    ("settings.data", ["data", "train_images", "test_images"]),
    ("settings.network", ["hidden_size", "num_layers", "dropout"]),
    ("settings.training", ["lr", "batch_size", "epochs", "eval_every", "seed", "device"]),
]
SHOWN = 20
# which test digit the hidden-state picture (and the answers after each row) follow
DIGIT = ViewOption("digit", 0, lo=0, hi=lambda cfg: cfg.test_images - 1, label="mnist.pick")


def view(cfg):
    try:
        return task.load_data(cfg)
    except TaskUnavailable as err:
        return Unavailable(t("mnist.unavailable", error=str(err)))


def followed(frame: Frame) -> int:
    """The followed test digit (fewer test digits than asked for: the last one)."""
    return min(frame.options["digit"], frame.view.n_test - 1)


def picture(frame: Frame):
    """The hidden state after each row of the followed digit, for this snapshot's weights."""
    data, snap = frame.view, frame.snapshot
    if snap is None or snap.weights is None:
        return None
    model = task.model_from_state(frame.cfg, snap.weights)
    i = followed(frame)
    hidden, probs = task.read_rows(model, data.test_images[i])
    return hidden_state_chart(hidden, title=t("lstm.hidden", i=i, label=int(data.test_labels[i]),
                                              guess=int(probs[-1].argmax())),
                              x_title=t("lstm.row"), y_title=t("lstm.unit", n=hidden.shape[1]))


def extra(frame: Frame, box):
    data, snap = frame.view, frame.snapshot
    pic = snap.picture
    model = task.model_from_state(frame.cfg, snap.weights)
    box.markdown(f"**{t('lstm.follow')}**")
    i = followed(frame)
    _, probs = task.read_rows(model, data.test_images[i])
    left, right = box.columns([1, 3])
    left.image(digit_rgb(data.test_images[i, 0].numpy(), factor=4),
               caption=t("mnist.label", label=int(data.test_labels[i])), width=112)
    right.altair_chart(row_answers_chart(probs, title=t("lstm.answers"), x_title=t("lstm.row"),
                                         y_title=t("mnist.digit")))
    box.caption(t("lstm.answers_help"))

    box.altair_chart(confusion_chart(pic["confusion"], title=t("mnist.confusion", n=data.n_test),
                                     true_title=t("mnist.true"),
                                     predicted_title=t("mnist.predicted")), width="content")
    n = min(SHOWN, data.n_test)
    labels = data.test_labels[:n].numpy()
    predicted = pic["predicted"][:n]
    box.markdown(f"**{t('mnist.predictions')}**")
    box.caption(t("mnist.predictions_help", wrong=int((predicted != labels).sum()), n=n))
    gallery(box, [digit_rgb(data.test_images[k, 0].numpy(), bool(predicted[k] == labels[k]))
                  for k in range(n)],
            [t("mnist.right", pred=int(p)) if p == y else t("mnist.wrong", pred=int(p), true=int(y))
             for p, y in zip(predicted, labels, strict=False)])
    draw_a_digit(model, box)


def draw_a_digit(model, box) -> None:
    """A digit drawn with the mouse, read row by row: the answer after each row, and the last."""
    box.markdown(f"**{t('digit.title')}**")
    left, middle, right = box.columns([2, 1, 3])
    digit = drawn_digit("lstm", left)
    if digit is None:
        middle.info(t("digit.empty"))
        return
    middle.image(digit_rgb(digit[0].numpy(), factor=4), caption=t("digit.seen"), width=112)
    _, probs = task.read_rows(model, digit)  # (28, 10): the answer after each row
    right.altair_chart(probabilities_chart(probs[-1], title=t("lstm.probabilities",
                                                              digit=int(probs[-1].argmax()),
                                                              p=float(probs[-1].max())),
                                           x_title=t("mnist.digit")))
    box.altair_chart(row_answers_chart(probs, title=t("lstm.answers"), x_title=t("lstm.row"),
                                       y_title=t("mnist.digit")))


def export(frame: Frame):
    return frame.snapshot.weights


def data_section(source: str) -> None:
    try:
        data = mnist.load_mnist(source)
    except mnist.DataUnavailable:
        return
    st.sidebar.caption(t("mnist.sidebar", name=t(f"mnist.name.{data.source}"),
                         train=f"{data.n_train:,}", test=f"{data.n_test:,}"))
    st.subheader(t("mnist.data_title"))
    key = "mnist.data_full" if data.source == mnist.FULL else "mnist.data_subset"
    st.markdown(t(key, train=f"{data.n_train:,}", test=f"{data.n_test:,}", location=data.location))
    if data.source == mnist.SUBSET:
        st.caption(t("mnist.full_hint", folder=mnist.raw_dir(), env=mnist.DATA_ENV))
    st.markdown(t("lstm.rows_help"))


shown = render(TrainingPage(task="lstm", picture=picture, view=view, groups=GROUPS, extra=extra,
                    export=export, curves=("train_loss", "test_loss", "accuracy"),
                    metrics=("train_loss", "test_loss", "accuracy"), picture_width=1.0,
                    view_options=(DIGIT,)))
data_section(shown.cfg.data)
