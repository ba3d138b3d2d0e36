"""Orman's Streamlit app: page registry, sign-in, language, shared look. Run with ``streamlit run app.py``.

Every page is a callable ``render()`` in ``pages/``; this file is the one place that lists them. Which of them the
menu offers comes from ``geo.auth`` for the signed-in user; pages the user may not open stay registered but hidden,
so a bookmarked address answers "sign in" (each page checks again itself) instead of "page not found".

Run that way, the server is the ``app`` defined at the bottom (Streamlit's st.App, found by ``streamlit run``): the
same pages, the read API of geo.api under /api on the same port, and security headers on every response.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st
from starlette.middleware import Middleware
from streamlit.navigation.page import StreamlitPage
from streamlit.starlette import App

from geo import api, auth
from geo.i18n import t
from pages import admin, audit, embed, history, overview, progress, public, review, upload
from pages import map as map_page
from pages.ui import errors, language, look, nav, signin

# The app's own loggers (not the root, so Streamlit's logging stays as it is) write to stderr from INFO up.
LOGGERS = ("geo", "pages", "app")
LOG_HANDLER = "orman"
log = logging.getLogger("app")  # this file runs as __main__ under `streamlit run`


def configure_logging() -> None:
    """Send the app's log records to stderr, once per process however often Streamlit runs this file."""
    for name in LOGGERS:
        logger = logging.getLogger(name)
        logger.setLevel(logging.INFO)
        if not any(h.get_name() == LOG_HANDLER for h in logger.handlers):
            handler = logging.StreamHandler(sys.stderr)
            handler.set_name(LOG_HANDLER)
            handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
            logger.addHandler(handler)


@dataclass(frozen=True)
class PageSpec:
    """One page of the app. ``name`` is its address (``/name``) and its name in geo.auth's permissions."""

    name: str
    render: Callable[[], None]
    icon: str


# Every page, in menu order (geo.auth.PAGES): the one place that decides what the navigation offers.
PAGES = (
    PageSpec("overview", overview.render, ":material/dashboard:"),
    PageSpec("map", map_page.render, ":material/map:"),
    PageSpec("progress", progress.render, ":material/bar_chart:"),
    PageSpec("public", public.render, ":material/public:"),
    PageSpec("upload", upload.render, ":material/upload_file:"),
    PageSpec("history", history.render, ":material/history:"),
    PageSpec("review", review.render, ":material/fact_check:"),
    PageSpec("embed", embed.render, ":material/code:"),
    PageSpec("admin", admin.render, ":material/admin_panel_settings:"),
    PageSpec("audit", audit.render, ":material/policy:"),
)
HOME = nav.FRONT_PAGE  # the address "/": the public page, or (signed in) straight on to the overview


def navigation(session: auth.Session | None, lang: str) -> dict[str, st.Page]:
    """Every page by name, visible in the menu only when ``session`` may open it, after the front page at "/"."""
    allowed = auth.pages_for(session)
    pages = {
        HOME: st.Page(
            public.render, title=t("app_title", lang), icon="🌲", url_path=HOME, default=True, visibility="hidden"
        )
    }
    for spec in PAGES:
        pages[spec.name] = st.Page(
            spec.render,
            title=t(f"nav_{spec.name}", lang),
            icon=spec.icon,
            url_path=spec.name,
            visibility="visible" if spec.name in allowed else "hidden",
        )
    return pages


def main() -> None:
    # Before the navigation, so that no page's Material icon becomes the favicon (fetched from Google's fonts,
    # which an intranet does not reach).
    st.set_page_config(page_title="Orman", page_icon="🌲", layout="wide")
    configure_logging()
    lang = language.lang()
    look.css()
    embedded = look.embedded()
    try:
        session = signin.resume()
    except Exception as exc:  # the store cannot even say who is signed in: say so, and nothing else
        log.exception("could not check the session: %s", type(exc).__name__)
        st.error(errors.generic_error(lang, exc))
        st.stop()
    pages = navigation(session, lang)
    st.session_state[nav.NAV_KEY] = pages
    # The public (and anyone inside an iframe) gets no menu: the public page and the sign-in form are all there is.
    current = st.navigation(list(pages.values()), position="sidebar" if session and not embedded else "hidden")
    if current is pages[HOME] and auth.can_see(session, "overview"):
        st.switch_page(pages["overview"])  # signed in at "/": on to the overview, marked in the menu
    # A reader of the public page who is not signed in meets the figures, not the staff's sign-in: the sidebar
    # holding it opens collapsed (staff open it), and is filled after the page, so the figures arrive first.
    public = session is None and current in (pages[HOME], pages["public"])
    st.set_page_config(initial_sidebar_state="collapsed" if public else "expanded")  # adds to the call above
    if embedded:
        run(current, lang)
    elif public:
        language.language_switch(st.container(key=look.LANG_SWITCH_KEY))  # in the top bar (look.CSS)
        run(current, lang)
        sidebar(session, lang, switch=False)
    else:
        sidebar(session, lang, switch=True)
        run(current, lang)


def sidebar(session: auth.Session | None, lang: str, switch: bool) -> None:
    """The sidebar: the app's name, the language switch (with ``switch``) and the account box or sign-in form."""
    with st.sidebar:
        st.markdown(f"**{t('app_title', lang)}**")
        st.caption(t("app_tagline", lang))
    if switch:
        language.language_switch(st.sidebar)
    with errors.guarded(lang):
        signin.account_sidebar(session, lang)


def run(current: StreamlitPage, lang: str) -> None:
    """The page, any failure in it said in the reader's language (pages/ui/errors.py)."""
    with errors.guarded(lang):
        current.run()


# Addresses any site may frame: the front page ("/") and the public page, which pages/embed.py's snippet embeds.
FRAMABLE = ("/", f"/{HOME}", "/public")

if __name__ == "__main__":  # Streamlit runs this file as the script of every session
    main()
else:  # `streamlit run app.py` finds `app` here and serves it: the pages, the read API beside them, the headers
    configure_logging()
    app = App(__file__, routes=api.routes(), middleware=[Middleware(api.SecurityHeaders, framable=FRAMABLE)])
