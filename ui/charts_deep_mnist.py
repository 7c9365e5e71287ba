"""Pictures for the MNIST pages (CNN, LSTM, template): pure functions, no Streamlit.

Charts are Altair; digit and filter images are small RGB arrays (uint8) that a page hands to
``st.image``. Everything is testable without a browser.
"""
from __future__ import annotations

from typing import Sequence

import altair as alt
import numpy as np
import pandas as pd

from ui.raster import signed_to_rgb

RIGHT = np.array([46, 160, 67], np.uint8)  # green frame: predicted right
WRONG = np.array([215, 38, 61], np.uint8)  # red frame: predicted wrong


def upscale(image: np.ndarray, factor: int) -> np.ndarray:
    """Nearest-neighbour enlargement: every pixel becomes a factor x factor block (crisp)."""
    return np.kron(image, np.ones((factor, factor) + (1,) * (image.ndim - 2), dtype=image.dtype))


def digit_rgb(image: np.ndarray, correct: bool | None = None, factor: int = 3,
              border: int = 2) -> np.ndarray:
    """A (28, 28) digit in [0, 1] -> (28*factor, 28*factor, 3) uint8, white ink on black.

    correct True/False draws a green/red frame of ``border`` pixels (None: no frame).
    """
    gray = (np.clip(np.asarray(image, dtype=np.float32), 0, 1) * 255).astype(np.uint8)
    rgb = np.repeat(upscale(gray, factor)[..., None], 3, axis=2)
    if correct is not None:
        colour = RIGHT if correct else WRONG
        rgb[:border], rgb[-border:], rgb[:, :border], rgb[:, -border:] = colour, colour, colour, colour
    return rgb


def signed_map_rgb(values: np.ndarray, factor: int, scale: float | None = None) -> np.ndarray:
    """A 2-D array of signed numbers (a filter, a feature map) -> enlarged blue/orange image."""
    return upscale(signed_to_rgb(np.asarray(values, dtype=np.float32), scale), factor)


def confusion_chart(matrix: np.ndarray, *, title: str, true_title: str, predicted_title: str,
                    size: int = 320) -> alt.Chart:
    """10x10 counts as a heat map with the numbers written in: row = true, column = predicted."""
    matrix = np.asarray(matrix)
    n = matrix.shape[0]
    rows, cols = np.meshgrid(np.arange(n), np.arange(n), indexing="ij")
    frame = pd.DataFrame({"true": rows.ravel(), "predicted": cols.ravel(),
                          "count": matrix.ravel().astype(int)})
    frame["diagonal"] = frame["true"] == frame["predicted"]
    base = alt.Chart(frame).encode(
        x=alt.X("predicted:O", title=predicted_title, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("true:O", title=true_title),
    )
    cells = base.mark_rect().encode(
        color=alt.Color("count:Q", scale=alt.Scale(scheme="blues"), legend=None),
        tooltip=["true:O", "predicted:O", "count:Q"],
    )
    limit = max(int(matrix.max()), 1) / 2
    text = base.mark_text(fontSize=11).encode(
        text=alt.Text("count:Q"),
        color=alt.condition(alt.datum.count > limit, alt.value("white"), alt.value("#333")),
    )
    return alt.layer(cells, text).properties(title=title, width=size, height=size)


def probabilities_chart(probabilities: Sequence[float], *, title: str, x_title: str,
                        height: int = 200) -> alt.Chart:
    """One bar per digit 0..9; the most likely one highlighted."""
    p = np.asarray(probabilities, dtype=float)
    frame = pd.DataFrame({"digit": np.arange(len(p)), "probability": p,
                          "best": np.arange(len(p)) == int(p.argmax())})
    return alt.Chart(frame).mark_bar().encode(
        x=alt.X("digit:O", title=x_title, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("probability:Q", scale=alt.Scale(domain=[0, 1]), title=None),
        color=alt.condition(alt.datum.best, alt.value("#f59322"), alt.value("#0877bd")),
        tooltip=["digit:O", alt.Tooltip("probability:Q", format=".3f")],
    ).properties(title=title, height=height)


def hidden_state_chart(hidden: np.ndarray, *, title: str, x_title: str, y_title: str,
                       height: int = 260) -> alt.Chart:
    """The LSTM's hidden state after each row: x = row 1..28, y = hidden unit, colour = value.

    LSTM outputs h = o * tanh(c) lie in (-1, 1): a fixed colour range makes frames comparable.
    """
    hidden = np.asarray(hidden, dtype=float)
    rows, units = np.meshgrid(np.arange(1, hidden.shape[0] + 1), np.arange(hidden.shape[1]),
                              indexing="ij")
    frame = pd.DataFrame({"row": rows.ravel(), "unit": units.ravel(), "value": hidden.ravel()})
    return alt.Chart(frame).mark_rect().encode(
        x=alt.X("row:O", title=x_title, axis=alt.Axis(labelAngle=0, values=[1, 7, 14, 21, 28])),
        y=alt.Y("unit:O", title=y_title, axis=alt.Axis(labels=False, ticks=False)),
        color=alt.Color("value:Q", scale=alt.Scale(scheme="redblue", domain=[-1, 1], reverse=True),
                        title=None),
        tooltip=["row:O", "unit:O", alt.Tooltip("value:Q", format=".3f")],
    ).properties(title=title, height=height, width=alt.Step(12))  # 28 rows x 12 px: fits a column


def row_answers_chart(probabilities: np.ndarray, *, title: str, x_title: str, y_title: str,
                      height: int = 250) -> alt.Chart:
    """(28, 10) probabilities after each row: what the net would answer if it stopped there."""
    probabilities = np.asarray(probabilities, dtype=float)
    rows, digits = np.meshgrid(np.arange(1, probabilities.shape[0] + 1), np.arange(10),
                               indexing="ij")
    frame = pd.DataFrame({"row": rows.ravel(), "digit": digits.ravel(),
                          "probability": probabilities.ravel()})
    return alt.Chart(frame).mark_rect().encode(
        x=alt.X("row:O", title=x_title, axis=alt.Axis(labelAngle=0, values=[1, 7, 14, 21, 28])),
        y=alt.Y("digit:O", title=y_title, axis=alt.Axis(labelOverlap=False)),
        color=alt.Color("probability:Q", scale=alt.Scale(scheme="greys", domain=[0, 1]), title=None),
        tooltip=["row:O", "digit:O", alt.Tooltip("probability:Q", format=".3f")],
    ).properties(title=title, height=height, width=alt.Step(15))


def epoch_frame(history: Sequence[dict], names: dict[str, str]) -> pd.DataFrame:
    """Per-epoch rows {epoch, train_loss, ...} -> long format (epoch, series, value)."""
    rows = [{"epoch": h["epoch"], "series": label, "value": h[key]}
            for h in history for key, label in names.items() if key in h]
    return pd.DataFrame(rows, columns=["epoch", "series", "value"])


def epoch_chart(frame: pd.DataFrame, *, title: str, y_title: str, x_title: str, epochs: int,
                resumed_after: int = 0, order: Sequence[str] | None = None,
                height: int = 260) -> alt.Chart:
    """Lines with a dot per epoch; a dashed rule where a resumed run picked up.

    order: the series in legend/colour order (else alphabetical), to match the page's other chart.
    """
    scale = alt.Scale(domain=list(order)) if order else alt.Undefined
    chart = alt.Chart(frame).mark_line(point=True).encode(
        x=alt.X("epoch:Q", title=x_title, scale=alt.Scale(domain=[0, max(epochs, 1)]),
                axis=alt.Axis(tickMinStep=1)),
        y=alt.Y("value:Q", title=y_title),
        color=alt.Color("series:N", title=None, legend=alt.Legend(orient="top"), scale=scale),
        tooltip=["series:N", "epoch:Q", alt.Tooltip("value:Q", format=".4f")],
    )
    if resumed_after:
        rule = alt.Chart(pd.DataFrame({"epoch": [resumed_after]})).mark_rule(
            color="#888", strokeDash=[4, 3]).encode(x="epoch:Q")
        chart = alt.layer(chart, rule)
    return chart.properties(title=title, height=height)
