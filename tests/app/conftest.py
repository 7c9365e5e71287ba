"""AppTest helpers: every page is run through the real router, streamlit_app.py."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

TIMEOUT = 120  # training runs inside AppTest; the default 3 s is far too short


def open_page(page: str | None = None, *, lang: str = "en", query: dict | None = None) -> AppTest:
    """Run the app, optionally switched to pages/<page>.py, with a language and URL settings."""
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=TIMEOUT)
    at.query_params.update(query or {})
    if lang != "en":
        at.query_params["lang"] = lang
    if page is not None:
        at.switch_page(f"pages/{page}.py")
    at.run()
    return at


def no_exceptions(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def texts(at: AppTest) -> str:
    """Everything written on the page, for 'the user sees ...' assertions."""
    parts = []
    for kind in ("title", "markdown", "caption", "success", "info", "warning", "error", "subheader"):
        parts.extend(str(e.value) for e in getattr(at, kind))
    parts.extend(f"{m.label} {m.value}" for m in at.metric)
    return "\n".join(parts)


@pytest.fixture
def page():
    return open_page
