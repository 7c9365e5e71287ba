"""Classroom features every training page has: challenges, student links, presenter mode.

* **Challenges** (core/challenges.py): a panel above the Train button picks a built-in challenge
  of the page or lets a teacher write one (goal, bound, rules) and share it as a link
  (``?challenge=...``); the challenge's fixed settings are locked; a finished run is checked in
  core and the page says passed, or how far.
* **Student links** (ui/student_link.py): "Student link" in the sidebar: the teacher ticks the
  settings students may change; the link carries the values, ``show=`` and the sealed ``lock=``.
  A link edited by hand is refused with a notice and unlocks nothing.
* **Presenter mode** (``?present=1`` or the toggle): sidebar hidden, type of at least 20 px,
  bigger charts, and only the settings the teacher pins (``pin=lr,hidden``) on the page itself.

Everything a user types is shown as plain text (``st.text``/disabled inputs), never markdown.
"""
from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import streamlit as st

from core import challenges
from core.challenges import Challenge, ChallengeError
from core.cifar import data_dir
from core.config import ConfigError, specs, to_strings
from core.registry import get_task
from core.snapshots import Snapshot
from ui import student_link
from ui.controls import label, widget_value
from ui.presenter import PRESENT_KEY
from ui.i18n import t

PIN_KEY = "pin"
URL_KEYS = frozenset({challenges.LINK_KEY, challenges.TITLE_KEY, student_link.SHOW_KEY,
                      student_link.LOCK_KEY, PRESENT_KEY, PIN_KEY})
OWN = "__own"  # the challenge selector's "write your own"

# ------------------------------------------------------------------------------ presenter
def pinned(cls: type) -> tuple[str, ...]:
    """The settings shown on the page in presenter mode (``pin=lr,hidden``; unknown names are
    dropped with the others kept, as any URL value falls back)."""
    names = {s.name for s in specs(cls)}
    given = str(st.query_params.get(PIN_KEY, ""))
    return tuple(dict.fromkeys(n.strip() for n in given.split(",") if n.strip() in names))


def pin_picker(page: str, cls: type) -> None:
    """Sidebar: which settings presenter mode shows on the page."""
    names = [s.name for s in specs(cls)]
    key = f"{page}.__pins"
    if key not in st.session_state:
        st.session_state[key] = list(pinned(cls))
    chosen = st.multiselect(t("classroom.pins"), names, key=key, format_func=label,
                            help=t("classroom.pins_help"))
    if chosen:
        st.query_params[PIN_KEY] = ",".join(chosen)
    elif PIN_KEY in st.query_params:
        del st.query_params[PIN_KEY]


# ------------------------------------------------------------------------------ locks
def locked_settings(page: str, cls: type) -> dict[str, str]:
    """Settings drawn as fixed text: a student link's lock, then the challenge's fixed ones."""
    view = student_link.read(_secret(), page, cls, st.query_params.to_dict())
    locked: dict[str, str] = {}
    if view is not None:
        if view.problem is not None:
            st.warning(t("classroom.link_refused"))
        locked.update(view.locked)
    challenge = active_challenge(page)
    if challenge is not None:
        for rule in challenge.rules:
            if rule.op == "=":
                locked.setdefault(rule.setting, rule.value_text)
    return locked


def is_student(page: str, cls: type) -> bool:
    return student_link.LOCK_KEY in st.query_params


def _secret() -> bytes:
    return student_link.secret(data_dir())


def _page_url() -> str:
    return st.context.url or ""


def student_link_panel(page: str, cfg: Any) -> None:
    """Sidebar: tick what students may change, get the link (values, show=, lock=)."""
    with st.expander(t("classroom.student_link")):
        names = [s.name for s in specs(type(cfg))]
        show = st.multiselect(t("classroom.may_change"), names, key=f"{page}.__show",
                              format_func=label)
        params = student_link.make(_secret(), page, cfg, show)
        challenge = active_challenge(page)
        if challenge is not None:
            params.update(challenges.to_link(challenge))
        st.caption(t("classroom.student_link_help"))
        st.code(f"{_page_url()}?{urlencode(params)}", language=None, wrap_lines=True)


# ------------------------------------------------------------------------------ challenges
def _challenge_key(page: str) -> str:
    return f"{page}.__challenge"


def active_challenge(page: str) -> Challenge | None:
    """The page's challenge: chosen in the panel, or (first visit) carried by the link."""
    key = _challenge_key(page)
    _apply_pending(page)
    if key not in st.session_state:
        try:
            challenge = challenges.from_link(page, st.query_params.to_dict())
            st.session_state[key] = challenge
            st.session_state[f"{key}.problem"] = None
            if challenge is not None:
                start = to_strings(challenge.config())
                for name, _ in challenge.start:
                    if name not in st.query_params:  # the link's own values win
                        st.query_params[name] = start[name]  # read by the controls' first load
        except ChallengeError as err:
            st.session_state[key] = None
            st.session_state[f"{key}.problem"] = str(err)
            _drop_challenge_from_url()
    return st.session_state[key]


def _drop_challenge_from_url() -> None:
    for name in (challenges.LINK_KEY, challenges.TITLE_KEY):
        if name in st.query_params:
            del st.query_params[name]


def _choose(page: str, challenge: Challenge | None) -> None:
    """Make ``challenge`` the page's on the next run (widgets take new values only before they
    are drawn): a built-in starts from its settings, a teacher's own keeps the current ones but
    the fixed."""
    st.session_state[f"{_challenge_key(page)}.pending"] = (challenge,)
    st.rerun()


def _apply_pending(page: str) -> None:
    pending = st.session_state.pop(f"{_challenge_key(page)}.pending", None)
    if pending is None:
        return
    (challenge,) = pending
    st.session_state[_challenge_key(page)] = challenge
    st.session_state[f"{_challenge_key(page)}.problem"] = None
    _drop_challenge_from_url()
    if challenge is None:
        return
    st.query_params.update(challenges.to_link(challenge))
    fields = {s.name: s for s in specs(get_task(page).config)}
    if challenge.id:
        cfg = challenge.config()
        values = {s.name: getattr(cfg, s.name) for s in specs(type(cfg))}
    else:
        values = challenge.fixed
    for name, value in values.items():
        st.session_state[f"{page}.{name}"] = widget_value(fields[name], value)


def challenge_panel(page: str) -> None:
    """Above the Train button: pick a challenge, read it, or write one and share it."""
    if page not in challenges.METRICS:
        return
    key = _challenge_key(page)
    current = active_challenge(page)
    problem = st.session_state.get(f"{key}.problem")
    if problem:
        st.warning(t("classroom.challenge_refused"))
        st.text(problem)
    with st.expander(t("classroom.challenges"), expanded=current is not None,
                     icon=":material/flag:"):
        builtins = challenges.for_page(page)
        options = [""] + [c.id for c in builtins] + [OWN]
        names = {"": t("classroom.no_challenge"), OWN: t("classroom.own_challenge"),
                 **{c.id: t(c.title_key) for c in builtins}}
        index = options.index(current.id) if current is not None and current.id else (
            options.index(OWN) if current is not None else 0)
        picked = st.selectbox(t("classroom.pick_challenge"), options, index=index,
                              format_func=names.get, key=f"{key}.pick")
        if picked not in ("", OWN) and (current is None or current.id != picked):
            _choose(page, challenges.builtin(picked))
        if picked == "" and current is not None:
            _choose(page, None)
        if picked == OWN:
            _own_challenge_form(page, current)
        if current is not None:
            _show_challenge(current)


def _show_challenge(challenge: Challenge) -> None:
    if challenge.id:
        st.markdown(f"**{t(challenge.title_key)}**")
        st.markdown(t(challenge.text_key))
    elif challenge.title:
        st.text(challenge.title)  # a teacher's words: plain text, never markdown
    st.caption(t("classroom.challenge_rules"))
    st.code(challenge.text.replace("; ", "\n"), language=None)


def _own_challenge_form(page: str, current: Challenge | None) -> None:
    with st.form(f"{page}.__own_form", border=False):
        metrics = challenges.METRICS[page]
        c1, c2, c3 = st.columns([2, 1, 1])
        metric = c1.selectbox(t("classroom.metric"), metrics)
        op = c2.selectbox(t("classroom.op"), challenges.GOAL_OPS)
        bound = c3.text_input(t("classroom.bound"), value="0.9",
                              help=t("classroom.bound_help"))
        rules = st.text_input(t("classroom.rules"), placeholder="hidden <= 8; dataset = spiral",
                              help=t("classroom.rules_help"), max_chars=challenges.MAX_TEXT)
        title = st.text_input(t("classroom.title"), max_chars=challenges.MAX_TITLE)
        made = st.form_submit_button(t("classroom.use_challenge"))
    if made:
        text = f"{metric} {op} {bound.strip()}" + (f"; {rules}" if rules.strip() else "")
        try:
            mine = challenges.parse(page, text, title=title)
        except ChallengeError as err:
            st.error(t("classroom.challenge_invalid"))
            st.text(str(err))
            return
        _choose(page, mine)
    if current is not None and not current.id:
        st.caption(t("classroom.share_challenge"))
        st.code(f"{_page_url()}?{urlencode(challenges.to_link(current))}", language=None,
                wrap_lines=True)


def verdict(page: str, task: Any, cfg: Any, last: Snapshot, box) -> None:
    """Below a finished (or stopped) run: checked in core against the page's challenge."""
    challenge = active_challenge(page)
    if challenge is None:
        return
    metrics = dict(task.result(cfg, last))
    metrics.setdefault("steps", last.step)
    if last.divergence is not None:
        metrics["diverged"] = True
    try:
        result = challenges.check(challenge, cfg, metrics)
    except (ChallengeError, ConfigError) as err:
        box.warning(str(err))
        return
    lines = [t(f"challenge.part.{p.code}", **_words(dict(p.values), challenge))
             for p in result.parts]
    head = t("classroom.passed") if result.passed else t("classroom.not_passed")
    (box.success if result.passed else box.warning)(head + "  \n" + "  \n".join(lines),
                                                     icon=":material/flag:")


def _words(values: dict[str, Any], challenge: Challenge) -> dict[str, str]:
    words = {k: (f"{v:.4g}" if isinstance(v, float) else str(v)) for k, v in values.items()}
    if "bound" in words and isinstance(challenge.goal.bound, str):  # another metric of the run
        words["bound"] = f"{challenge.goal.bound} ({words['bound']})"
    return words
