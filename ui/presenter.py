"""Presenter mode (``?present=1`` or the toggle), for a 1280x720 projector: sidebar hidden,
type of at least 20 px, bigger charts. Every page has the toggle; training pages also show the
settings the teacher pins (ui/classroom.py). Light to import: the home page's first paint must
not wait for torch.
"""
from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

import streamlit as st

from ui.i18n import t

if TYPE_CHECKING:  # Altair, pandas and the chart frame load only when a page draws a chart:
    import altair as alt  # the home page's first paint does not wait for them (0.8 s)
    import pandas as pd

PRESENT_KEY = "present"

# Presenter mode: readable from the back of the room on a 1280x720 projector.
PRESENTER_CSS = """
<style>
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"] { display: none !important; }
.stApp { font-size: 22px; }
.stApp p, .stApp li, .stApp label, .stApp [data-testid="stWidgetLabel"] p { font-size: 22px; }
.stApp h1 { font-size: 34px; padding: 0; }
.stButton button, .stDownloadButton button { min-height: 56px; }
.stButton button p, .stDownloadButton button p { font-size: 24px; }
[data-testid="stMetricLabel"] p { font-size: 24px; }
[data-testid="stMetricValue"] { font-size: 36px; }
[data-testid="stAlert"] p { font-size: 22px; }
.stApp h2, .stApp h3 { font-size: 30px; }
table.presenter-table { font-size: 24px; border-collapse: collapse; width: 100%; }
table.presenter-table th, table.presenter-table td { padding: 6px 14px; text-align: left;
                                                     border-bottom: 1px solid #ddd; }
.stApp input, .stApp textarea, [data-testid="stSliderThumbValue"],
[data-testid="stSliderTickBar"] { font-size: 22px !important; }
.stApp [data-testid="stCode"] code, .stApp [data-testid="stCaptionContainer"] { font-size: 20px; }
.stApp .katex { font-size: 1.6em; }
.stApp p code { font-size: 0.92em; }  /* inline code: 20 px in 22 px text */
.stApp [data-baseweb="tag"] span { font-size: 20px; }  /* a multiselect's chosen items */
.block-container { padding-top: 3.5rem; padding-left: 2rem; padding-right: 2rem;
                   max-width: 100%; }
</style>
"""
# px, with their axes, titles and legends: under the title and the buttons, they fill 720
PRESENTER_CHART_HEIGHT = {"picture": 470, "curves": 380, "page": 430}  # "page": the other pages' charts
CHART_CONFIG = {  # merged into every picture and curve chart's Vega-Lite config
    "axis": {"labelFontSize": 20, "titleFontSize": 22},
    "legend": {"labelFontSize": 20, "titleFontSize": 22, "symbolSize": 200},
    "title": {"fontSize": 24},
    "text": {"fontSize": 20},  # numbers written on bars (a mark that sets its own size keeps it)
}


def presenting() -> bool:
    return st.query_params.get(PRESENT_KEY) == "1"


def presenter_toggle(page: str) -> None:
    """The toggle in the page's header; the choice lives in the URL (``present=1``)."""
    key = f"{page}.__present"
    st.session_state[key] = presenting()
    st.toggle(t("classroom.present"), key=key, on_change=_set_present, args=(key,),
              help=t("classroom.present_help"))
    if presenting():
        st.html(PRESENTER_CSS)


def _set_present(key: str) -> None:
    if st.session_state[key]:
        st.query_params[PRESENT_KEY] = "1"
    elif PRESENT_KEY in st.query_params:
        del st.query_params[PRESENT_KEY]


def chart_config() -> dict | None:
    return CHART_CONFIG if presenting() else None


def presenter_table(rows: list[dict[str, Any]]) -> str:
    """Rows as an HTML table in presenter mode's big type (st.dataframe draws its cells on a
    canvas, which CSS cannot enlarge). Every cell is escaped: nicknames stay plain text."""
    if not rows:
        return ""
    head = "".join(f"<th>{html.escape(str(k))}</th>" for k in rows[0])
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in row.values())
                   + "</tr>" for row in rows)
    return f'<table class="presenter-table"><tr>{head}</tr>{body}</table>'


def presenter_spec(chart: alt.TopLevelMixin) -> dict:
    """An Altair chart as Vega-Lite, with presenter mode's big axis labels, legend and title
    merged into its config when presenting; for st.vega_lite_chart, selections included."""
    spec = chart.to_dict()
    if presenting():
        config = spec.setdefault("config", {})
        for part, values in CHART_CONFIG.items():
            config[part] = {**config.get(part, {}), **values}
    return spec


def presented_chart(slot, chart: alt.TopLevelMixin, **kwargs) -> None:
    """A chart of a page without training (tensors, autograd, activations...): in presenter
    mode with big axis text, legends and titles, and taller."""
    from ui.frames import draw  # see the imports above

    draw(slot, chart, config=chart_config(), height=chart_height("page"), **kwargs)


def presented_table(slot, frame: pd.DataFrame, **kwargs) -> None:
    """A table: ``st.dataframe`` (kwargs), or in presenter mode big type (presenter_table)."""
    if presenting():
        slot.html(presenter_table(frame.to_dict("records")))
    else:
        slot.dataframe(frame, **kwargs)


def chart_height(kind: str) -> int | None:
    """Presenter mode: the picture ("picture") and the curves ("curves") this tall, side by
    side under one row of buttons."""
    return PRESENTER_CHART_HEIGHT[kind] if presenting() else None
