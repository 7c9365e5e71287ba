"""PyTorch Playground: the router. Run with `make run` (or `streamlit run streamlit_app.py`).

Every lesson of core/catalog.py whose page exists becomes one entry of the navigation, at the
URL /<name>.
"""
import streamlit as st

from core.catalog import SECTIONS, available
from ui.class_membership import keep_membership
from ui.i18n import language_switch, t
from ui.warmup import warm_up

st.set_page_config(page_title="PyTorch Playground", page_icon=":material/neurology:",
                   layout="wide")
warm_up()  # once per server process: torch's import and first-call costs, not a student's click
language_switch()
keep_membership()  # a student's class and nickname ride in the URL: a reload stays joined

pages = {t("app.title"): [st.Page("pages/home.py", title=t("nav.home"),
                                  icon=":material/home:", default=True),
                          # not a lesson: the class's shared board (README, Teaching with it)
                          st.Page("pages/board.py", title=t("nav.board"),
                                  icon=":material/leaderboard:", url_path="board")]}
here = available()  # once per run: it looks for every lesson's page file on disk
for section in SECTIONS:
    lessons = [lesson for lesson in here if lesson.section == section]
    if lessons:
        pages[t(f"nav.section.{section}")] = [
            st.Page(lesson.page, title=t(f"nav.{lesson.name}"), icon=lesson.icon,
                    url_path=lesson.name)
            for lesson in lessons
        ]
page = st.navigation(pages, position="top")
if any(key.endswith(".run") for key in st.session_state):
    # A run ends when its page is left. Imported only once this session has a run (so it is
    # imported already): importing the training frame imports torch, which the first paint of
    # a fresh server must not wait for (ui/warmup.py imports it after the first page is drawn).
    from ui.training_page import leave_other_pages

    leave_other_pages(page.url_path)
page.run()
