"""Public: the programme's progress and map for anyone, without signing in, made to be embedded in an iframe.

Only public programme facts: totals, regions, partner organisations, species, plot ids and names. No officer or
account names, no e-mails, no batches, reports or file names, nothing to upload and no sign-in prompt. Addresses:
``/public?embed=true`` (Streamlit's embed mode hides the app's chrome), ``region=`` an ISO code (``KZ-10``) or a
region's name in kk/ru/en to show one region, ``lang=`` kk, ru or en. The summary and the regions' table come from
geo.publicdata, as the read API's do: the same figures, computed once per store version for every reader.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st
from sqlalchemy.engine import Engine

from geo import charts, programme, publicdata, survival
from geo.i18n import fmt_int, fmt_pct, fmt_short_range, name_key, t
from geo.regions import normalise_region, region_name
from pages.ui import blocks, database, embed_height, look, nav, widgets

MAP_KEY = "public_map"
MAP_HEIGHT = 480


def region_from_query(value: str | None) -> tuple[str | None, bool]:
    """The region asked for by ``?region=`` (an ISO code or a name in any of the three languages), and whether the
    value was understood; no value means all of Kazakhstan."""
    if not value:
        return None, True
    code = normalise_region(value)
    return code, code is not None


def by_region_table(entries: list[dict[str, Any]], lang: str) -> pd.DataFrame:
    """Planted, survival in percent, estimated surviving with its 95 % interval (or why there is none), plots and
    hectares per region (geo.publicdata's entries, as the API gives them), regions in alphabetical order of their
    names; the figures stay numbers (`widgets.localised` writes them as the reader does)."""
    rows = sorted(entries, key=lambda e: name_key(region_name(e["region"], lang)))
    return pd.DataFrame(
        {
            t("col_region", lang): [region_name(e["region"], lang) for e in rows],
            t("col_planted", lang): pd.array([e["planted"] for e in rows], dtype="Int64"),
            t("col_survival", lang): pd.array(
                [None if e["survival"] is None else round(e["survival"] * 100, 1) for e in rows], dtype="Float64"
            ),
            t("public_col_estimate", lang): [estimate_text(e, lang) for e in rows],
            t("col_plots", lang): pd.array([e["plots"] for e in rows], dtype="Int64"),
            t("col_area", lang): pd.array([e["area_ha"] for e in rows], dtype="Float64"),
        }
    )


def regions_table(engine: Engine, region: str | None, lang: str) -> pd.DataFrame:
    """`by_region_table` of geo.publicdata's regions, written once per store version and language for every reader
    (hundreds of numbers in the reader's format)."""
    return publicdata.CACHE.get(
        engine, ("regions_table", region, lang), lambda: by_region_table(publicdata.regions(engine, region)[1], lang)
    )[1]


def estimate_text(entry: dict[str, Any], lang: str) -> str:
    """A region's estimate and its interval in short (1 234 567 (1,2–1,3 млн)), or in a few words why none."""
    found = entry["estimate"]
    if found is None:
        reason = entry["estimate_reason"] or survival.NO_PLANTINGS
        return t(f"kpi_estimate_none_{reason}", lang, needed=survival.MIN_SURVEYS)
    return f"{fmt_int(found['surviving'], lang)} ({fmt_short_range(found['low'], found['high'], lang)})"


def region_table(table: pd.DataFrame, lang: str) -> None:
    """The regions' figures as the reader writes numbers, with what survival and the estimate mean on their
    headers; a note instead when there is nothing to show."""
    if table.empty:
        st.info(t("no_data", lang), icon=":material/info:")
        return
    required = fmt_pct(programme.SURVIVAL_TARGET, lang, 0)
    help = {
        t("col_survival", lang): t("help_col_survival", lang, required=required),
        t("public_col_estimate", lang): t("help_col_estimate", lang),
    }
    widgets.number_table(table, lang, help, height=min(38 + 35 * len(table), 320))


def render() -> None:
    """The public page: national (or one region's) progress, the trajectory, the regions, the map."""
    lang, _ = nav.open_page("public")
    engine = database.engine()
    asked = st.query_params.get("region")
    region, understood = region_from_query(asked)
    filters = publicdata.region_filters(region)
    place = region_name(region, lang) if region else t("public_kazakhstan", lang)
    st.title(t("public_title", lang, place=place))
    st.caption(t("public_caption", lang))
    if not understood:
        st.warning(t("public_region_unknown", lang, region=look.md(asked)), icon=":material/travel_explore:")

    _, figures = publicdata.summary(engine, region)
    blocks.framing(figures, lang, place=region_name(region, lang) if region else None)
    blocks.headline(figures, lang, national=region is None)
    if region is None:
        blocks.trajectory(engine, lang)
    else:  # a region has no target line of its own: its plantings year by year
        st.subheader(t("public_by_year", lang))
        years = blocks.labelled(engine, "year", filters, lang)
        if years.empty:
            st.info(t("no_data", lang), icon=":material/info:")
        else:
            widgets.chart(charts.bars(years, "label", "planted", lang, t("col_planted", lang), horizontal=False))
    st.subheader(t("public_by_region", lang))
    region_table(regions_table(engine, region, lang), lang)

    st.subheader(t("public_map", lang))
    blocks.plots_map(engine, filters, lang, key=MAP_KEY, height=MAP_HEIGHT, figures=figures)
    st.caption(t("public_source", lang))
    embed_height.report()  # inside another site's iframe: its height, for static/orman-embed.js


if __name__ == "__main__":  # Streamlit opened this file as the script (see pages.ui.nav.run_directly)
    nav.run_directly()
