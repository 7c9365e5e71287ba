"""Draw a digit with the mouse (or a finger) for the CNN and RNN classifier pages.

The canvas is streamlit-drawable-canvas 0.13.0 (a component built for Streamlit's v2 component
API: ``return_image_data=True`` sends the drawn pixels back as RGBA). White ink on black, like
MNIST; core/digit_drawing.py turns the pixels into the 28x28 the network sees. "Clear" gives the
canvas a new key, which remounts it empty. Nothing drawn is kept beyond this session.
"""
from __future__ import annotations

import streamlit as st
import torch
from streamlit_drawable_canvas import st_canvas

from core.digit_drawing import canvas_ink, is_blank, prepare_digit
from ui.i18n import t

CANVAS_PIXELS = 280  # 10x MNIST's 28: a comfortable size for a mouse
STROKE = 22  # about MNIST's stroke width once scaled into the 20x20 box


def _clear(page: str) -> None:
    st.session_state[f"{page}.canvas_id"] = st.session_state.get(f"{page}.canvas_id", 0) + 1


def drawn_digit(page: str, box) -> torch.Tensor | None:
    """Draw the canvas and its Clear button in ``box``; the drawn digit as (1, 28, 28), or None
    while nothing is drawn."""
    box.caption(t("digit.draw_help"))
    with box:
        result = st_canvas(stroke_width=STROKE, stroke_color="#ffffff",
                           background_color="#000000", height=CANVAS_PIXELS,
                           width=CANVAS_PIXELS, drawing_mode="freedraw", return_image_data=True,
                           key=f"{page}.canvas.{st.session_state.get(f'{page}.canvas_id', 0)}")
    box.button(t("digit.clear"), key=f"{page}.canvas_clear", on_click=_clear, args=(page,))
    pixels = result.image_data if result is not None else None
    if pixels is None:
        return None
    ink = canvas_ink(pixels)
    return None if is_blank(ink) else prepare_digit(ink)
