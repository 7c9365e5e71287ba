"""The class a student joined: in the session, and in the URL so that a reload stays joined.

The class code and the nickname ride in the URL on every page (``?class=...&nick=...``: the
router calls :func:`keep_membership`, and ui.controls.keep_only_page_params keeps them). A
fresh session whose URL has both (the student pressed reload, or opened the link again)
rejoins through the same checks as the join form; a class that is gone or closed is said
once, and the nickname leaves the URL. A teacher key never goes into a URL. Light on purpose:
the router imports it for every page, and the database is touched only when a session rejoins.
"""
from __future__ import annotations

import streamlit as st

from ui.controls import CLASS_KEY, NICKNAME_KEY

JOINED = "class.joined"  # session state: (code, nickname)


def joined() -> tuple[str, str] | None:
    """(code, nickname) of this session's class: joined in this session, or rejoined now
    from the URL; None when not in a class."""
    member = st.session_state.get(JOINED)
    if member is None and st.query_params.get(CLASS_KEY) and st.query_params.get(NICKNAME_KEY):
        member = _rejoin(st.query_params[CLASS_KEY], st.query_params[NICKNAME_KEY])
    return member


def _rejoin(code: str, nickname: str) -> tuple[str, str] | None:
    from core.classboard.engine import ClassBoardError
    from ui.class_board import client_id, explain, store  # the database, only now

    try:
        member = store().join(code, nickname, client=client_id())
    except ClassBoardError as err:
        st.query_params.pop(NICKNAME_KEY, None)
        st.warning(explain(err))
        return None
    st.session_state[JOINED] = member
    return member


def keep_membership() -> None:
    """The joined class and nickname into this page's URL."""
    member = joined()
    if member is None or st.query_params.get(CLASS_KEY, member[0]) != member[0]:
        return  # not in a class, or looking at another class's board: that link stays
    st.query_params[CLASS_KEY], st.query_params[NICKNAME_KEY] = member


def leave_class() -> None:
    st.session_state.pop(JOINED, None)
    st.query_params.pop(CLASS_KEY, None)
    st.query_params.pop(NICKNAME_KEY, None)
