"""The UI package: everything Streamlit-specific that pages share.

i18n           t(key, default=) and the language switch; strings in ui/strings/<lesson>.py
controls       widgets built from a config dataclass, synced with the URL
charts/        pure Altair chart builders by kind of picture (testable without a browser)
frames         live frames: a chart compiled once, only its data swapped
raster         arrays -> pictures (decision boundaries as PNG, digits, filter maps)
training_page  the training page frame: Train/Stop, live frames, scrub/replay, code, downloads
workers        training in worker processes
The list of lessons is core/catalog.py.
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
