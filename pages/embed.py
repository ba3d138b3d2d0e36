"""Embed: the snippet and the link that put the public page on a ministry's or a partner's website."""

from __future__ import annotations

import html
import os
from urllib.parse import urlencode, urlsplit, urlunsplit

import streamlit as st

from geo.i18n import LANGS, t
from geo.regions import REGIONS, region_name
from pages.ui import language, nav, sidebar_filters

PUBLIC_URL_ENV = "ORMAN_PUBLIC_URL"  # the app's address as the public reaches it, e.g. https://orman.example.kz
PAGE = "embed"
HEIGHTS = (700, 900, 1200, 1600)
DEFAULT_HEIGHT = 900  # the frame's height until the script has grown it (or without it)
RESIZE_SCRIPT = "app/static/orman-embed.js"  # static/orman-embed.js, as Streamlit serves static/
PREVIEW_HEIGHT = 720
COUNTRY = ""  # the region choice "all of Kazakhstan" (a selectbox shows None as nothing chosen)


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


def resizing_snippet(src: str, title: str, base: str) -> str:
    """The <iframe> with Orman's own script (static/orman-embed.js), which grows it to the page's height."""
    return f'{snippet(src, DEFAULT_HEIGHT, title)}\n<script src="{_attribute(base)}/{RESIZE_SCRIPT}" async></script>'


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
    """The embed panel (officials and above): choose language and region; copy the self-resizing snippet, the
    plain iframe or the link; see the page as it will be shown. Every choice is in the address."""
    lang, _ = nav.open_page("embed")
    st.title(t("embed_title", lang))
    st.caption(t("embed_caption", lang))
    lang_col, region_col = st.columns([1, 2], gap="medium")
    sidebar_filters.bound("embed_lang", "embed_lang", LANGS, lang)
    chosen_lang = lang_col.selectbox(t("lang_label", lang), LANGS, key="embed_lang", format_func=language.lang_name)
    filtered = sidebar_filters.kept("region") or []  # the one region the map or progress page is filtered to
    places = [COUNTRY, *REGIONS]
    sidebar_filters.bound(
        "embed_region", "embed_region", places, COUNTRY, start=filtered[0] if len(filtered) == 1 else COUNTRY
    )
    region = (
        region_col.selectbox(
            t("filter_region", lang),
            places,
            key="embed_region",
            format_func=lambda c: f"{region_name(c, lang)} ({c})" if c else t("public_kazakhstan", lang),
        )
        or None
    )
    base = base_url(os.environ.get(PUBLIC_URL_ENV), _browser_url(), _host())
    src = public_link(base, chosen_lang, region, embed=True)
    place = region_name(region, chosen_lang) if region else t("public_kazakhstan", chosen_lang)
    title = t("public_title", chosen_lang, place=place)

    st.subheader(t("embed_auto_title", lang))
    st.caption(t("embed_auto_help", lang))
    st.code(resizing_snippet(src, title, base), language="html", wrap_lines=True)

    st.subheader(t("embed_fixed_title", lang))
    st.caption(t("embed_fixed_help", lang))
    sidebar_filters.bound("embed_height", "embed_height", HEIGHTS, DEFAULT_HEIGHT)
    height_col, _ = st.columns([1, 3])
    height = height_col.selectbox(t("embed_height", lang), HEIGHTS, key="embed_height", format_func=lambda h: f"{h} px")
    st.code(snippet(src, height, title), language="html", wrap_lines=True)

    st.subheader(t("embed_link", lang))
    link = public_link(base, chosen_lang, region, embed=False)
    st.code(link, language=None, wrap_lines=True)
    st.link_button(t("embed_open", lang), link, icon=":material/open_in_new:")

    st.subheader(t("embed_preview", lang))
    st.caption(t("embed_preview_help", lang))
    # This browser's own address of the app (the public one may be a name only the public's side resolves).
    preview = public_link(base_url(None, _browser_url(), _host()), chosen_lang, region, embed=True)
    st.container(border=True).iframe(preview, height=PREVIEW_HEIGHT)


if __name__ == "__main__":  # Streamlit opened this file as the script (see pages.ui.nav.run_directly)
    nav.run_directly()
