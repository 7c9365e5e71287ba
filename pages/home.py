"""Home: every lesson of core/catalog.py, each with a picture and one line."""
import streamlit as st

from core.catalog import LESSONS, SECTIONS
from ui.i18n import t
from ui.presenter import presenter_toggle

st.title(t("app.title"))
presenter_toggle("home")  # ?present=1: big type for the projector
st.markdown(t("app.tagline"))
st.caption(t("home.intro"))

COLUMNS = 4
for section in SECTIONS:
    lessons = [lesson for lesson in LESSONS if lesson.section == section]
    st.subheader(t(f"nav.section.{section}"))
    for start in range(0, len(lessons), COLUMNS):
        for col, lesson in zip(st.columns(COLUMNS), lessons[start:start + COLUMNS], strict=False):
            with col.container(border=True):
                if lesson.thumbnail.is_file():
                    st.image(str(lesson.thumbnail), width="stretch")
                if lesson.exists:
                    st.page_link(lesson.page, label=t(f"nav.{lesson.name}"), icon=lesson.icon)
                else:
                    st.markdown(f"**{t(f'nav.{lesson.name}')}**")
                st.caption(t(f"home.{lesson.name}"))
