"""The language a session reads, and the sidebar's switch between kk, ru and en."""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from geo.i18n import DEFAULT_LANG, LANGS, pick_lang, t

LANG_KEY = "lang"
LANG_NAMES = {"kk": "ҚАЗ", "ru": "РУС", "en": "ENG"}


def lang() -> str:
    """The language this session reads: set by the sidebar switch, ``?lang=``, or the browser."""
    if LANG_KEY not in st.session_state:
        wanted = st.query_params.get("lang") or _browser_locale()
        st.session_state[LANG_KEY] = pick_lang(wanted, DEFAULT_LANG)
    return str(st.session_state[LANG_KEY])


def lang_name(code: str) -> str:
    """A language's short name as its own readers write it (ҚАЗ, РУС, ENG)."""
    return LANG_NAMES.get(code, code)


def _browser_locale() -> str | None:
    try:
        return st.context.locale
    except AttributeError:  # a Streamlit without st.context.locale
        return None


def language_switch(where: DeltaGenerator) -> str:
    """The kk/ru/en switch (in the sidebar, or atop the public page); keeps ``?lang=`` in the address so a shared
    link opens in that language."""
    current = lang()
    chosen = where.segmented_control(
        t("lang_label", current),
        LANGS,
        default=current,
        format_func=lang_name,
        key="_lang_switch",
        label_visibility="collapsed",
    )
    if chosen and chosen != current:
        st.session_state[LANG_KEY] = chosen
        st.query_params["lang"] = chosen
        st.rerun()
    return current
