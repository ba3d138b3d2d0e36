"""Public: the programme's progress and map for anyone, without signing in, made to be embedded in an iframe.

Only public programme facts: totals, regions, partner organisations, species, plot ids and names. No officer or
account names, no e-mails, no batches, reports or file names, nothing to upload and no sign-in prompt. Addresses:
``/public?embed=true`` (Streamlit's embed mode hides the app's chrome), ``region=`` an ISO code (``KZ-10``) or a
region's name in kk/ru/en to show one region, ``lang=`` kk, ru or en.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st
from sqlalchemy.engine import Engine

from geo import charts, progress, queries, survival
from geo.i18n import fmt_int, fmt_ints, fmt_nums, fmt_pct, fmt_short_range, t
from geo.regions import normalise_region, region_name
from pages.ui import blocks, database, look, nav, widgets

MAP_KEY = "public_map"
MAP_HEIGHT = 480


def region_from_query(value: str | None) -> tuple[str | None, bool]:
    """The region asked for by ``?region=`` (an ISO code or a name in any of the three languages), and whether the
    value was understood; no value means all of Kazakhstan."""
    if not value:
        return None, True
    code = normalise_region(value)
    return code, code is not None


def by_region_table(engine: Engine, filters: queries.Filters, figures: dict, lang: str) -> pd.DataFrame:
    """Planted, survival, estimated surviving with its 95 % interval (or why there is none), plots and hectares per
    region, most planted first, as the reader writes numbers."""
    frame = blocks.labelled(engine, "region", filters, lang).sort_values("planted", ascending=False)
    frame = progress.with_estimates(frame, figures)
    return pd.DataFrame(
        {
            t("col_region", lang): frame["label"],
            t("col_planted", lang): fmt_ints(frame["planted"], lang),
            t("map_survival", lang): ["—" if pd.isna(v) else fmt_pct(v, lang) for v in frame["survival"]],
            t("public_col_estimate", lang): [
                estimate_text(r.estimate, r.low, r.high, r.estimate_reason, lang) for r in frame.itertuples()
            ],
            t("col_plots", lang): fmt_ints(frame["plots"], lang),
            t("col_area", lang): fmt_nums(frame["area_ha"], lang),
        }
    )


def estimate_text(estimate: object, low: object, high: object, why: object, lang: str) -> str:
    """A region's estimate and its interval in short (1 234 567 (1,2–1,3 млн)), or in a few words why none."""
    if pd.isna(estimate):
        reason = why if isinstance(why, str) else survival.NO_PLANTINGS
        return t(f"kpi_estimate_none_{reason}", lang, needed=survival.MIN_SURVEYS)
    return f"{fmt_int(int(estimate), lang)} ({fmt_short_range(int(low), int(high), lang)})"  # type: ignore[call-overload]


def region_table(table: pd.DataFrame, lang: str) -> None:
    """The regions' figures, right-aligned as numbers are; a note instead when there is nothing to show."""
    if table.empty:
        st.info(t("no_data", lang), icon=":material/info:")
        return
    figures = {name: st.column_config.TextColumn(alignment="right") for name in list(table)[1:]}
    st.dataframe(table, hide_index=True, width="stretch", height=min(38 + 35 * len(table), 320), column_config=figures)


def render() -> None:
    """The public page: national (or one region's) progress, the trajectory, the regions, the map."""
    lang, _ = nav.open_page("public")
    engine = database.engine()
    asked = st.query_params.get("region")
    region, understood = region_from_query(asked)
    filters = queries.Filters(regions=(region,)) if region else queries.NO_FILTERS
    place = region_name(region, lang) if region else t("public_kazakhstan", lang)
    st.title(t("public_title", lang, place=place))
    st.caption(t("public_caption", lang))
    if not understood:
        st.warning(t("public_region_unknown", lang, region=look.md(asked)), icon=":material/travel_explore:")

    figures = progress.summary(engine, filters)
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
    region_table(by_region_table(engine, filters, figures, lang), lang)

    st.subheader(t("public_map", lang))
    blocks.plots_map(engine, filters, lang, key=MAP_KEY, height=MAP_HEIGHT, figures=figures)
    st.caption(t("public_source", lang))


if __name__ == "__main__":  # Streamlit opened this file as the script (see pages.ui.nav.run_directly)
    nav.run_directly()
