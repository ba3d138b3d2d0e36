"""Orman's Streamlit app: page registry, language, shared look. Run with ``streamlit run app.py``."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from geo.i18n import t
from views import common


@dataclass(frozen=True)
class PageSpec:
    """One page of the app. ``name`` is the page's name in geo.auth's permissions."""

    name: str
    path: str
    icon: str
    default: bool = False


# Every page, in menu order: the one place that decides what the navigation offers.
PAGES = (
    PageSpec("overview", "views/overview.py", ":material/dashboard:", default=True),
    PageSpec("map", "views/map.py", ":material/map:"),
    PageSpec("progress", "views/progress.py", ":material/bar_chart:"),
    PageSpec("upload", "views/upload.py", ":material/upload_file:"),
    PageSpec("history", "views/history.py", ":material/history:"),
)


def main() -> None:
    st.set_page_config(page_title="Orman", page_icon="🌲", layout="wide", initial_sidebar_state="expanded")
    lang = common.lang()
    common.css()
    pages = [st.Page(p.path, title=t(f"nav_{p.name}", lang), icon=p.icon, url_path=p.name, default=p.default)
             for p in PAGES]
    current = st.navigation(pages)
    with st.sidebar:
        st.markdown(f"**{t('app_title', lang)}**")
        st.caption(t("app_tagline", lang))
    common.language_switch()
    with common.guarded(lang):
        current.run()


main()
