"""The class board on the page side: the server's store, this session's class, and
"Submit to class" under a finished run (core.classboard does the work).

A browser session remembers the class it joined (ui/class_membership.py: also in the URL, so
a reload stays joined) and, for the teacher, the keys of the classes it may manage: in
``st.session_state`` only; a key never goes into a URL.
"""
from __future__ import annotations

import uuid
from typing import Any

import streamlit as st

from core.classboard.engine import ClassBoardError, StoreUnavailable, database_url
from core.classboard.limits import RateLimited
from core.classboard.store import ClassClosed, ClassStore, UnknownClass, WrongKey
from core.classboard.submission import BadSubmission, metrics_of
from core.classboard.text import BadText, show_code
from core.config import to_strings
from core.measure import figures_of
from core.registry import get_task
from ui.class_membership import JOINED, joined, keep_membership
from ui.classroom import active_challenge
from ui.i18n import t

KEYS = "class.keys"  # {code: teacher key}
CLIENT = "class.client"  # this session's id: rate limits and submission ids
BOARD_PAGE = "pages/board.py"


@st.cache_resource(show_spinner=False)
def _store(url: str) -> ClassStore:
    # One engine (a connection pool) per database for the whole server, like any connection.
    return ClassStore(url)


def store() -> ClassStore:
    return _store(database_url())


def client_id() -> str:
    if CLIENT not in st.session_state:
        st.session_state[CLIENT] = uuid.uuid4().hex
    return st.session_state[CLIENT]


def teacher_key(code: str) -> str | None:
    return st.session_state.get(KEYS, {}).get(code)


def remember_teacher(code: str, key: str) -> None:
    st.session_state.setdefault(KEYS, {})[code] = key


def explain(err: ClassBoardError) -> str:
    """A refusal in the page's language (the core's English detail kept for the specific ones)."""
    if isinstance(err, UnknownClass):
        return t("board.err.unknown")
    if isinstance(err, ClassClosed):
        return t("board.err.closed")
    if isinstance(err, WrongKey):
        return t("board.err.wrong_key")
    if isinstance(err, RateLimited):
        return t("board.err.rate_limited", detail=str(err))
    if isinstance(err, BadText):
        return t("board.err.text", detail=str(err))
    if isinstance(err, BadSubmission):
        return t("board.err.submission", detail=str(err))
    if isinstance(err, StoreUnavailable):
        return t("board.err.store", detail=str(err))
    return str(err)


def join_form(key: str) -> None:
    """Code + nickname; on success this session is in the class."""
    with st.form(key, border=True):
        st.markdown(f"**{t('board.join.title')}**")
        code = st.text_input(t("board.join.code"), max_chars=12, placeholder="ABCD-EFGH")
        nickname = st.text_input(t("board.join.nickname"), max_chars=40)
        if st.form_submit_button(t("board.join.button"), type="primary"):
            try:
                st.session_state[JOINED] = store().join(code, nickname, client=client_id())
            except ClassBoardError as err:
                st.error(explain(err))
                return
            keep_membership()
            st.rerun()


def submit_panel(page: str, run: Any, box: Any) -> None:
    """Under a finished run: "Submit to class" (or how to join one first). The page's active
    challenge goes with it; the store decides whether the run passed."""
    if run.status not in ("done", "diverged"):
        return
    with box.container(border=True):
        member = joined()
        if member is None:
            st.caption(t("board.submit.join_first"))
            st.page_link(BOARD_PAGE, label=t("nav.board"), icon=":material/leaderboard:")
            return
        code, nickname = member
        if getattr(run.cfg, "own", None) is not None:  # its settings cannot redraw it
            st.caption(t("board.submit.own_data"))
            return
        label = t("board.submit.button", code=show_code(code))
        # One id per run of this session: a second click on the same run is stored once.
        submission_id = f"{client_id()}-{run.id}"
        if st.button(label, key=f"{page}.class_submit.{run.id}", icon=":material/upload:"):
            task = get_task(page)
            active = active_challenge(page)
            challenge = None if active is None else active.id or active.text
            metrics = metrics_of(figures_of(task, run.cfg, run.last, run.seconds))
            try:
                receipt = store().submit(code, nickname=nickname, page=page,
                                         settings=to_strings(run.cfg),
                                         metrics=metrics, challenge=challenge,
                                         submission_id=submission_id, client=client_id())
            except ClassBoardError as err:
                st.error(explain(err))
                return
            verdict = ("" if receipt.passed is None else " " +
                       t("board.passed" if receipt.passed else "board.not_passed"))
            st.success(t("board.submit.done", code=show_code(code), entry=receipt.entry_id)
                       + verdict)
        st.text(t("board.submit.as", nickname=nickname))  # plain text: never markdown/HTML
