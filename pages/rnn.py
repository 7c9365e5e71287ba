"""RNN regression: read sin(t) window by window, predict cos(t)."""
import math

from core.tasks import rnn as task
from ui.charts.curves import sequence_chart, sequence_frame
from ui.i18n import t
from ui.training_page import Frame, TrainingPage, render

GROUPS = [
    ("settings.data", ["time_steps", "windows"]),
    ("settings.network", ["cell", "hidden_size"]),
    ("settings.training", ["lr", "seed", "device"]),
]
HISTORY_WINDOWS = 12  # windows shown in the "so far" chart: about six periods of the wave


def _names() -> tuple[str, str, str]:
    return t("rnn.series.target"), t("rnn.series.prediction"), t("rnn.series.input")


def picture(frame: Frame):
    """The window just trained on: target cos(t), the prediction, and the input sin(t).

    Before training (snap None): the first window's input and target, nothing predicted yet.
    """
    cfg, snap = frame.cfg, frame.snapshot
    target, prediction, inputs = _names()
    if snap is None:
        t_, x, y = task.sine_window(0, cfg.time_steps)
        data = sequence_frame((t_ / math.pi).tolist(), {target: y.view(-1).tolist(),
                                                        inputs: x.view(-1).tolist()})
        title = t("rnn.window_title", k=1, total=cfg.windows, start=0, end=1)
    else:
        pic = snap.picture
        data = sequence_frame([v / math.pi for v in pic["t"]], {
            target: pic["target"], prediction: pic["prediction"], inputs: pic["x"]})
        k = snap.step - 1
        title = t("rnn.window_title", k=snap.step, total=snap.total, start=k, end=k + 1)
    return sequence_chart(data, order=[target, prediction, inputs], x_title="t / π", title=title)


def history(frame: Frame, box):
    """The last windows up to this one, joined: like the course's plot that keeps every window."""
    shown = frame.run.snapshots[:frame.snapshot.step]
    upto = [s for s in shown if s.picture is not None][-HISTORY_WINDOWS:]
    target, prediction, _ = _names()
    ts, ys, ps = [], [], []
    for s in upto:
        ts += s.picture["t"]
        ys += s.picture["target"]
        ps += s.picture["prediction"]
    data = sequence_frame([v / math.pi for v in ts], {target: ys, prediction: ps})
    box.markdown(f"**{t('rnn.history')}**")
    box.caption(t("rnn.history_help"))
    box.altair_chart(sequence_chart(data, order=[target, prediction], x_title="t / π",
                                    points=False, height=360))


def export(frame: Frame):
    """The latest copy of the weights at or before this snapshot (a copy is kept every few windows)."""
    for s in reversed(frame.run.snapshots[:frame.snapshot.step]):
        if s.weights is not None:
            return s.weights
    return {}


render(TrainingPage(task="rnn", picture=picture, groups=GROUPS, extra=history, export=export,
                    curves=("train_loss",), metrics=("train_loss",)))
