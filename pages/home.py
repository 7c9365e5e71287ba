"""Home: the sixteen lessons, each with a picture and one line."""
import streamlit as st

from ui.i18n import t
from ui.nav import CATALOG, ROOT, SECTIONS

st.title(t("app.title"))
st.markdown(t("app.tagline"))
st.caption(t("home.intro"))

COLUMNS = 4
for section in SECTIONS:
    entries = [p for p in CATALOG if p.section == section]
    st.subheader(t(f"nav.section.{section}"))
    for start in range(0, len(entries), COLUMNS):
        for col, entry in zip(st.columns(COLUMNS), entries[start:start + COLUMNS]):
            with col.container(border=True):
                thumb = ROOT / "ui" / "thumbnails" / f"{entry.name}.png"
                if thumb.is_file():
                    st.image(str(thumb), width="stretch")
                if entry.exists:
                    st.page_link(entry.path, label=t(f"nav.{entry.name}"), icon=entry.icon)
                else:
                    st.markdown(f"**{t(f'nav.{entry.name}')}**")
                st.caption(t(f"home.{entry.name}"))
