"""Driving app.py through Streamlit's AppTest as a browser would: open an address, sign in, read the page.

Shared by tests/test_pages.py and tests/test_pages_roles.py.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

from geo import db

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT_S = 60
PASSWORD = "Kokshetau-pines-2026"


def goto(at: AppTest, page: str) -> AppTest:
    """Open the app's page at ``/page``, as a click in the menu does, and run.

    The pages are callables (``st.Page(render, url_path=page)``), and AppTest.switch_page only takes page files, so
    this asks for the page the way the browser does: by its script hash, which Streamlit derives from the url_path.
    """
    at._page_hash = calc_hash(page)
    return at.run()


def open_app(
    url: str,
    monkeypatch: pytest.MonkeyPatch,
    lang: str = "ru",
    page: str | None = None,
    user: str | None = None,
    password: str = PASSWORD,
) -> AppTest:
    """A new browser session on the store at ``url``: open "/" (``?lang=``), sign in as ``user`` through the
    sidebar form when given, then open ``page`` when given."""
    monkeypatch.setenv(db.DB_URL_ENV, url)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT_S)
    at.query_params["lang"] = lang
    at.run()
    if user is not None:
        sign_in(at, user, password)
    if page is not None:
        goto(at, page)
    return at


def sign_in(at: AppTest, name: str, password: str) -> AppTest:
    """Type the name and password into the sidebar's sign-in form and submit it."""
    at.text_input(key="sign_in_name").input(name)
    at.text_input(key="sign_in_password").input(password)
    return at.button(key="sign_in_submit").click().run()


def sign_out(at: AppTest) -> AppTest:
    return at.button(key="sign_out").click().run()


def assert_clean(at: AppTest) -> None:
    """No exception and no error box: what a user sees is the page, not a failure."""
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.body for e in at.error]


def text(at: AppTest) -> str:
    """Everything the page wrote as markdown, HTML (the KPI cards), captions, alerts and titles (the sidebar
    included)."""
    parts = [
        *at.title,
        *at.subheader,
        *at.markdown,
        *at.html,
        *at.caption,
        *at.info,
        *at.success,
        *at.warning,
        *at.error,
    ]
    return "\n".join(str(p.value) for p in parts)


def button_keys(at: AppTest) -> set[str]:
    return {b.key for b in at.button if b.key}


class _TableReader(HTMLParser):
    """The header cells (text and hover help) and body cells (text) of an HTML table, as a browser shows them."""

    def __init__(self) -> None:
        super().__init__()
        self.headers: list[str] = []
        self.help: dict[int, str] = {}
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("th", "td"):
            self._cell = []
        elif tag == "tr":
            self.rows.append([])
        found = dict(attrs).get("title")
        if found and self._cell is not None and tag != "td":
            self.help[len(self.headers)] = found

    def handle_endtag(self, tag: str) -> None:
        if tag in ("th", "td") and self._cell is not None:
            text = "".join(self._cell)
            (self.headers if tag == "th" else self.rows[-1]).append(text)
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def html_table(at: AppTest, column: str) -> tuple[pd.DataFrame, dict[str, str]]:
    """The cells of the first HTML table the page drew (st.html) with ``column`` among its headers, as text, and
    what each header says on hovering it."""
    for element in at.html:
        reader = _TableReader()
        reader.feed(element.value)
        if column in reader.headers:
            rows = [r for r in reader.rows if r]
            return pd.DataFrame(rows, columns=reader.headers), {reader.headers[i]: h for i, h in reader.help.items()}
    raise AssertionError(f"no table with {column!r}")
