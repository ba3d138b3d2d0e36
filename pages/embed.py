"""Embed: the snippet and the link that put the public page on a ministry's or a partner's website."""

from __future__ import annotations

import html
import os
from urllib.parse import urlencode, urlsplit, urlunsplit

import streamlit as st

from geo.i18n import LANGS, t
from geo.regions import REGIONS, region_name
from pages.ui import language, look, nav

PUBLIC_URL_ENV = "ORMAN_PUBLIC_URL"  # the app's address as the public reaches it, e.g. https://orman.example.kz
PAGE = "embed"
HEIGHTS = (700, 900, 1200, 1600)


def base_url(configured: str | None, browser_url: str | None, host: str | None) -> str:
    """The app's root address: the configured one (ORMAN_PUBLIC_URL, for an app behind a proxy or on an intranet
    address the public cannot reach), else the address this browser used without this page's path, else the
    request's Host header; the local default last."""
    if configured:
        return configured.strip().rstrip("/")
    if browser_url:
        scheme, netloc, path, _, _ = urlsplit(browser_url)
        path = path.rstrip("/")
        if path.endswith(f"/{PAGE}") or path == PAGE:
            path = path[: -len(PAGE)].rstrip("/")
        return urlunsplit((scheme, netloc, path, "", ""))
    if host:
        return f"http://{host}"
    return "http://localhost:8501"


def public_link(base: str, lang: str, region: str | None, embed: bool) -> str:
    """The public page's address with its options."""
    params = {"embed": "true"} if embed else {}
    params["lang"] = lang
    if region:
        params["region"] = region
    return f"{base}/public?{urlencode(params)}"


def _attribute(value: str) -> str:
    """Text safe inside a double-quoted HTML attribute (apostrophes left as they are, for a readable snippet)."""
    return html.escape(value, quote=False).replace('"', "&quot;")


def snippet(src: str, height: int, title: str) -> str:
    """The <iframe> element to paste into a web page."""
    return (
        f'<iframe src="{_attribute(src)}" title="{_attribute(title)}" width="100%" height="{int(height)}" '
        f'style="border:0" loading="lazy"></iframe>'
    )


def _browser_url() -> str | None:
    try:
        return st.context.url
    except AttributeError:  # a Streamlit without st.context.url
        return None


def _host() -> str | None:
    try:
        return st.context.headers.get("Host")
    except Exception:  # noqa: BLE001 - no request headers (tests, bare mode)
        return None


def render() -> None:
    """The embed panel (officials and above): choose language and region, copy the iframe or the link."""
    lang, _ = nav.open_page("embed")
    st.title(t("embed_title", lang))
    st.caption(t("embed_caption", lang))
    lang_col, region_col, height_col = st.columns([1, 2, 1], gap="medium")
    chosen_lang = lang_col.selectbox(
        t("lang_label", lang), LANGS, index=LANGS.index(lang), key="embed_lang", format_func=language.lang_name
    )
    region = region_col.selectbox(
        t("filter_region", lang),
        [None, *REGIONS],
        key="embed_region",
        format_func=lambda c: t("public_kazakhstan", lang) if c is None else f"{region_name(c, lang)} ({c})",
    )
    height = height_col.selectbox(
        t("embed_height", lang), HEIGHTS, index=1, key="embed_height", format_func=lambda h: f"{h} px"
    )
    base = base_url(os.environ.get(PUBLIC_URL_ENV), _browser_url(), _host())
    st.subheader(t("embed_snippet", lang))
    st.code(
        snippet(
            public_link(base, chosen_lang, region, embed=True),
            height,
            t(
                "public_title",
                chosen_lang,
                place=region_name(region, chosen_lang) if region else t("public_kazakhstan", chosen_lang),
            ),
        ),
        language="html",
        wrap_lines=True,
    )
    st.subheader(t("embed_link", lang))
    link = public_link(base, chosen_lang, region, embed=False)
    st.code(link, language=None, wrap_lines=True)
    st.link_button(t("embed_open", lang), link, icon=":material/open_in_new:")
    st.caption(t("embed_base_help", lang, env=PUBLIC_URL_ENV, base=look.md(base)))


if __name__ == "__main__":  # Streamlit opened this file as the script (see pages.ui.nav.run_directly)
    nav.run_directly()
