"""Class board: start a class, join one, and the live board of the class's submitted runs
(leaderboards per challenge, a scatter, counts), redrawn every second; with the teacher key:
hide an entry, close the class, clear it, export CSV. Nicknames are always drawn as plain text."""
import pandas as pd
import streamlit as st

from core import challenges
from core.classboard.engine import ClassBoardError
from core.classboard.leaderboard import (
    Leaderboard,
    headline,
    leaderboards,
)
from core.classboard.store import Entry
from core.classboard.text import BadText, normalise_code, show_code
from core.config import to_strings
from core.registry import get_task
from core.runs import figure_at
from ui.charts.board import SELECTION, board_scatter
from ui.class_board import explain, join_form, remember_teacher, store, teacher_key
from ui.class_membership import joined, leave_class
from ui.presenter import presenter_spec, presenter_table, presenter_toggle, presenting
from ui.controls import CLASS_KEY
from ui.i18n import t

REFRESH_SECONDS = 1.0  # a submission appears on an open board within about this (+ a redraw)


def current_code() -> str | None:
    typed = st.query_params.get(CLASS_KEY) or (joined() or (None,))[0]
    if not typed:
        return None
    try:
        return normalise_code(typed)
    except BadText as err:
        st.warning(explain(err))
        st.query_params.pop(CLASS_KEY, None)
        return None


def start_and_open() -> None:
    with st.container(border=True):
        st.markdown(f"**{t('board.start.title')}**")
        st.caption(t("board.start.help"))
        if st.button(t("board.start.button"), type="primary", key="board.start"):
            try:
                made = store().new_class()
            except ClassBoardError as err:
                st.error(explain(err))
                return
            remember_teacher(made.code, made.key)
            st.query_params[CLASS_KEY] = made.code
            st.rerun()
    with st.form("board.teacher_open", border=True):
        st.markdown(f"**{t('board.open.title')}**")
        code = st.text_input(t("board.join.code"), max_chars=12, placeholder="ABCD-EFGH")
        key = st.text_input(t("board.open.key"), type="password", max_chars=64)
        if st.form_submit_button(t("board.open.button")):
            try:
                code = store().verify_key(code, key)
            except ClassBoardError as err:
                st.error(explain(err))
                return
            remember_teacher(code, key)
            st.query_params[CLASS_KEY] = code
            st.rerun()


def teacher_tools(code: str, key: str) -> None:
    with st.expander(t("board.teacher.title"), expanded=False):
        st.caption(t("board.teacher.key_help"))
        st.code(key, language=None)
        try:
            everything = store().entries(code, include_hidden=True)
            closed = store().state(code).closed
        except ClassBoardError as err:
            st.error(explain(err))
            return
        if everything:
            by_id = {e.id: e for e in everything}
            chosen = st.selectbox(t("board.teacher.entry"), list(by_id), key="board.entry",
                                  format_func=lambda i: f"#{i} {by_id[i].nickname}"
                                  + (f" ({t('board.hidden')})" if by_id[i].hidden else ""))
            choice = by_id[chosen]
            label = "board.teacher.show" if choice.hidden else "board.teacher.hide"
            if st.button(t(label), key="board.hide"):
                act(lambda: store().hide(code, key, choice.id, hidden=not choice.hidden))
        c1, c2 = st.columns(2)
        if c1.button(t("board.teacher.reopen" if closed else "board.teacher.close"),
                     key="board.close"):
            act(lambda: store().close(code, key, closed=not closed))
        sure = c2.checkbox(t("board.teacher.clear_sure"), key="board.clear_sure")
        if c2.button(t("board.teacher.clear"), disabled=not sure, key="board.clear"):
            act(lambda: store().clear(code, key))


def act(action) -> None:
    try:
        action()
    except ClassBoardError as err:
        st.error(explain(err))
        return
    st.rerun()


@st.fragment(run_every=REFRESH_SECONDS)
def live_board(code: str, key: str | None) -> None:
    try:
        state = store().state(code)
        entries = store().entries(code)
        # Redrawn with the board, so the file holds every run submitted until the click.
        csv_text = store().export_csv(code, key) if key is not None else None
    except ClassBoardError as err:
        st.warning(explain(err))
        return
    if csv_text is not None:
        st.download_button(t("board.teacher.export"), csv_text, mime="text/csv",
                           file_name=f"class_{code}.csv", key="board.export",
                           icon=":material/download:", on_click="ignore")
    if state.closed:
        st.info(t("board.closed"))
    c1, c2, c3 = st.columns(3)
    c1.metric(t("board.count.students"), len({e.nickname for e in entries}))
    c2.metric(t("board.count.runs"), len(entries))
    c3.metric(t("board.count.passed"), sum(e.passed is True for e in entries))
    if not entries:
        st.info(t("board.empty"))
        return
    for board in leaderboards(entries):
        leaderboard_table(board)
    scatter(entries)


def leaderboard_table(board: Leaderboard) -> None:
    if board.challenge is None:
        st.subheader(t("board.no_challenge"))
    elif board.challenge in challenges.ids():
        st.subheader(t(f"challenge.{board.challenge}.title"))
    else:
        st.subheader(t("board.own_challenge"))
        st.text(board.challenge)  # a teacher's text: plain text
    rows = [{t("board.col.rank"): r.rank, t("board.col.nickname"): r.entry.nickname,
             t("board.col.page"): t(f"nav.{r.entry.page}"), metric_label(board.metric): r.value,
             t("board.col.passed"): {True: "✓", False: "✗", None: ""}[r.entry.passed],
             t("board.col.settings"): changed(r.entry)} for r in board.rows]
    if presenting():
        st.html(presenter_table(rows))
    else:
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def metric_label(metric: str) -> str:
    """``accuracy`` -> "Accuracy" / "准确率"; a nested ``final_loss.Adagrad`` stays as written."""
    return t(f"metric.{metric}", default=metric)


def changed(entry: Entry) -> str:
    """The settings that differ from the page's defaults: what this student changed."""
    default = to_strings(get_task(entry.page).config())
    return ", ".join(f"{k}={v}" for k, v in entry.settings.items() if default.get(k) != v)


def scatter(entries: list[Entry]) -> None:
    pages = sorted({e.page for e in entries if "lr" in e.settings})
    if not pages:
        return
    page = st.selectbox(t("board.scatter.page"), pages, format_func=lambda p: t(f"nav.{p}"),
                        key="board.scatter_page")
    mine = [e for e in entries if e.page == page]
    metric, _ = headline(mine)
    colour = "hidden" if "hidden" in mine[0].settings else "seed"
    frame = pd.DataFrame([{"id": e.id, "nickname": e.nickname, "lr": float(e.settings["lr"]),
                           metric: figure_at(e.metrics, metric),
                           colour: e.settings.get(colour)} for e in mine]).dropna()
    if frame.empty:
        return
    st.caption(t("board.scatter.help"))
    chart = board_scatter(frame, x="lr", y=metric, colour=colour, x_title=t("param.lr"),
                          y_title=metric_label(metric), colour_title=t(f"param.{colour}"), log_x=True)
    # Presenter mode: Vega's own theme, as Streamlit's would override the big axis text.
    event = st.vega_lite_chart(presenter_spec(chart), on_select="rerun",
                               theme=None if presenting() else "streamlit",
                               selection_mode=SELECTION, key="board.scatter")
    picked = event.selection.get(SELECTION) if event else None
    if picked:
        entry = next((e for e in mine if e.id == picked[0].get("id")), None)
        if entry is not None:  # open that run's settings on its page
            st.switch_page(f"pages/{entry.page}.py", query_params=entry.settings)


title, toggle = st.columns([4, 1], vertical_alignment="bottom")
title.title(t("board.title"))
with toggle:
    presenter_toggle("board")  # ?present=1: the projector's board, big type, no sidebar
code = current_code()
if code is None:
    st.markdown(t("board.intro"))
    left, right = st.columns(2)
    with left:
        join_form("board.join")
    with right:
        start_and_open()
else:
    head, leave = st.columns([4, 1], vertical_alignment="bottom")
    head.header(t("board.code", code=show_code(code)))
    if leave.button(t("board.leave"), key="board.leave"):
        leave_class()
        st.rerun()
    member = joined()
    if member is not None and member[0] == code:
        st.text(t("board.you_are", nickname=member[1]))  # plain text: never markdown/HTML
    st.caption(t("board.how_to_join"))
    key = teacher_key(code)
    if key is not None:
        teacher_tools(code, key)
    live_board(code, key)
