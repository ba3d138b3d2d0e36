"""Public: the programme's progress and map for anyone, without signing in, made to be embedded in an iframe.

Only public programme facts: totals, regions, partner organisations, species, plot ids and names. No officer or
account names, no e-mails, no batches, reports or file names, nothing to upload and no sign-in prompt. Addresses:
``/public?embed=true`` (Streamlit's embed mode hides the app's chrome), ``region=`` an ISO code (``KZ-10``) or a
region's name in kk/ru/en to show one region, ``lang=`` kk, ru or en. The summary and the regions' table come from
geo.publicdata, as the read API's do: the same figures, computed once per store version for every reader.
"""

from __future__ import annotations

import html
from typing import Any

import pandas as pd
import streamlit as st
from sqlalchemy.engine import Engine

from geo import charts, programme, publicdata, survival
from geo.i18n import fmt_int, fmt_ints, fmt_nums, fmt_pct, fmt_short_range, name_key, t
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


# Columns a phone leaves out (the region's plots and hectares: the cards above give them for the whole view), so
# that name, planted, survival and the estimate fit 390 px without scrolling sideways.
MINOR_COLUMNS = ("col_plots", "col_area")


def region_table(table: pd.DataFrame, lang: str) -> None:
    """The regions' figures as the reader writes numbers, with what survival and the estimate mean on their
    headers; a note instead when there is nothing to show."""
    if table.empty:
        st.info(t("no_data", lang), icon=":material/info:")
        return
    st.html(table_html(table, lang))


def table_html(table: pd.DataFrame, lang: str) -> str:
    """The regions' table as light HTML (look.CSS's ``orman-table``) rather than Streamlit's data grid, whose
    scripts cost the browser more than the rest of the page: numbers right-aligned in the reader's format, empty
    where there is none; survival and the estimate explained on hovering their header; on a narrow screen without
    MINOR_COLUMNS, an estimate's interval below its figure."""
    required = fmt_pct(programme.SURVIVAL_TARGET, lang, 0)
    help = {
        t("col_survival", lang): t("help_col_survival", lang, required=required),
        t("public_col_estimate", lang): t("help_col_estimate", lang),
    }
    minor = {t(key, lang) for key in MINOR_COLUMNS}
    estimate = t("public_col_estimate", lang)
    columns: list[tuple[str, list[str], str]] = []  # name, cells as shown, class
    for name in table.columns:
        values = table[name]
        if pd.api.types.is_integer_dtype(values):
            cells = ["" if pd.isna(v) else fmt_ints([v], lang)[0] for v in values]
        elif pd.api.types.is_float_dtype(values):
            cells = ["" if pd.isna(v) else fmt_nums([v], lang)[0] for v in values]
        else:
            cells = [str(v) for v in values]
        kind = "num" if pd.api.types.is_numeric_dtype(values) else "text"
        if name in minor:
            kind += " minor"
        elif name == estimate:  # the longest header: on a phone it may break inside a word
            kind += " long"
        columns.append((name, cells, kind))
    head = "".join(
        f'<th class="{cls}"><span class="help" title="{html.escape(help[name])}">{html.escape(name)}</span></th>'
        if name in help
        else f'<th class="{cls}">{html.escape(name)}</th>'
        for name, _, cls in columns
    )
    rows = "".join(
        "<tr>" + "".join(f'<td class="{cls}">{_cell(cells[i])}</td>' for _, cells, cls in columns) + "</tr>"
        for i in range(len(table))
    )
    body = f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody>"
    return f'<div class="orman-table-wrap"><table class="orman-table">{body}</table></div>'


def _cell(text: str) -> str:
    """A cell's text as HTML; a figure with its interval in brackets (1 234 567 (1,2–1,3 млн)) keeps the figure
    whole on its line, and the interval breaks, where it must, only after its dash."""
    figure, bracket, rest = text.partition(" (")
    if not bracket:
        return html.escape(text)
    interval = html.escape(rest).replace("\u2060", "").replace("–", "–<wbr>")  # on a phone it may break after the dash
    return f'<span class="nowrap">{html.escape(figure)}</span> ({interval}'


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
