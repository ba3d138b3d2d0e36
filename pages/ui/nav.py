"""Opening pages: the permission check every page starts with, links to other pages, and a page file run alone."""

from __future__ import annotations

import streamlit as st

from geo import auth
from pages.ui.identity import session
from pages.ui.language import lang

NAV_KEY = "nav_pages"  # page name -> st.Page, set by app.py on every run
FRONT_PAGE = "home"  # app.py's page at "/"


def open_page(name: str) -> tuple[str, auth.Session | None]:
    """What every page does first: refuse (server-side, whatever the menu showed) unless the signed-in user may
    open ``name``; returns the reader's language and the session."""
    current = session()
    auth.require_page(current, name)
    return lang(), current


def page_link(name: str, label: str, icon: str) -> None:
    """A link to another page of the app, shown only to those who may open it."""
    target = st.session_state.get(NAV_KEY, {}).get(name)
    if target is not None and auth.can_see(session(), name):
        st.page_link(target, label=label, icon=icon)


def run_directly() -> None:
    """Run the whole app when Streamlit executes a pages/ file as the script itself.

    A pages/ folder beside app.py makes Streamlit run a deep link such as ``/public`` on the first request after the
    server starts (and AppTest on every rerun) as that file, without app.py; each page module ends by calling this,
    so the page still comes with app.py's navigation, sign-in and permission checks.
    """
    import app  # noqa: PLC0415 - app imports the pages; importing it at the top would be circular

    app.main()
