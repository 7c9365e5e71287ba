"""The UI package: everything Streamlit-specific that pages share.

i18n      t(key) and the language switch; strings live in ui/strings/*.py (one catalog)
controls  widgets built from a config dataclass, synced with the URL
charts    pure Altair chart builders (testable without a browser)
raster    arrays -> PNG images (decision boundaries, neuron maps)
live      the training page: Train/Stop, live frames by time, scrub/replay, code, downloads
nav       the page catalog the router and the home page read
"""


def _use_the_router() -> None:
    """Make Streamlit route through streamlit_app.py even when a first visit opens a page URL.

    Streamlit decides once per process, from the mere existence of ``pages/``, to run page
    files directly (its older multipage mode) until the router's ``st.navigation`` has run once.
    A server whose first visitor opens ``/regression`` would then serve pages without the
    router (no navigation, no language switch). Every page imports ``ui`` first, so here we
    switch that mode off and rerun through the router. Runs once per process.
    """
    try:
        from streamlit.runtime.pages_manager import PagesManager
    except ImportError:  # pragma: no cover - a Streamlit without this class routes correctly
        return
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        import streamlit as st

        if st.runtime.exists():
            st.rerun()


_use_the_router()
