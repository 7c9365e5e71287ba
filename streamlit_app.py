"""PyTorch Playground: the router. Run with `make run` (or `streamlit run streamlit_app.py`)."""
import streamlit as st

from ui.i18n import language_switch, t
from ui.nav import SECTIONS, available
from ui.warmup import warm_up

st.set_page_config(page_title="PyTorch Playground", page_icon=":material/neurology:",
                   layout="wide")
warm_up()  # once per server process: torch's import and first-call costs, not a student's click
language_switch()

pages = {t("app.title"): [st.Page("pages/home.py", title=t("nav.home"),
                                  icon=":material/home:", default=True)]}
for section in SECTIONS:
    entries = [p for p in available() if p.section == section]
    if entries:
        pages[t(f"nav.section.{section}")] = [
            st.Page(p.path, title=t(f"nav.{p.name}"), icon=p.icon, url_path=p.name)
            for p in entries
        ]
st.navigation(pages, position="top").run()
