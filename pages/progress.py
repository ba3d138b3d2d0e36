"""Progress: planted and survival by region, year, partner and species, and the survival of surveyed plots."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from sqlalchemy.engine import Engine

from geo import charts, progress, queries, survival
from geo.i18n import fmt_int, fmt_num, fmt_pct, t
from pages.ui import blocks, database, nav, sidebar_filters, widgets

BREAKDOWNS: tuple[progress.Dimension, ...] = ("region", "year", "partner", "species")


def table(frame: pd.DataFrame, by: str, lang: str) -> pd.DataFrame:
    """The figures of a breakdown with headers in the reader's language; "survival-adjusted" is planted x survival,
    the trees expected alive (empty where nothing was surveyed), as the chart's darker bars show. A frame with its
    rows' estimates (`progress.with_estimates`) adds the estimated surviving trees, its 95 % interval and, where a
    row has none, why."""
    columns = {
        "label": t(f"col_{by}", lang),
        "planted": t("col_planted", lang),
        "surviving": t("col_surviving", lang),
        "survival": t("col_survival", lang),
        "alive": t("kpi_surviving", lang),
    }
    out = frame.assign(
        survival=(frame["survival"] * 100).round(1),
        alive=progress.expected_alive(frame["planted"], frame["survival"]),
    )
    if "estimate" in frame:
        columns |= {
            "estimate": t("col_estimate", lang),
            "low": t("col_estimate_low", lang),
            "high": t("col_estimate_high", lang),
        }
        if frame["estimate_reason"].notna().any():
            columns["note"] = t("col_estimate_note", lang)
            out = out.assign(note=[reason_text(why, lang) for why in frame["estimate_reason"]])
    if "plots" in frame:
        columns |= {"plots": t("col_plots", lang), "area_ha": t("col_area", lang)}
        out = out.assign(area_ha=out["area_ha"].round(1))
    return out[list(columns)].rename(columns=columns)


def reason_text(why: object, lang: str) -> str:
    """Why a row has no estimate, in a few words ("" where it has one)."""
    if why is None or (isinstance(why, float) and pd.isna(why)):
        return ""
    return t(f"kpi_estimate_none_{why}", lang, needed=survival.MIN_SURVEYS)


def render() -> None:
    """The progress page (officials and above): every breakdown as a chart, a table and downloads."""
    lang, _ = nav.open_page("progress")
    engine = database.engine()
    filters = sidebar_filters.shared_filters(lang)
    st.title(t("progress_title", lang))
    figures = progress.summary(engine, filters, inventories=True)
    widgets.kpi_cards(
        [
            widgets.Kpi(t("kpi_planted", lang), fmt_int(figures["planted"], lang)),
            *blocks.survival_cards(figures, lang),
            widgets.Kpi(t("kpi_plots", lang), fmt_int(figures["plots"], lang)),
            widgets.Kpi(t("kpi_area", lang), fmt_num(figures["area_ha"], lang)),
        ]
    )
    if figures.get("estimate_by_inventory"):
        st.caption(blocks.inventories_line(figures["estimate_by_inventory"], lang))
    tabs = st.tabs([t(key, lang) for key in ("tab_region", "tab_year", "tab_partner", "tab_species", "tab_survival")])
    estimates = progress.breakdown_estimates(engine, BREAKDOWNS, filters)
    for tab, by in zip(tabs, BREAKDOWNS, strict=False):
        with tab:
            frame = progress.with_estimates(blocks.labelled(engine, by, filters, lang), estimates[by], by)
            st.caption(t("estimate_chart_caption", lang))
            chart = charts.bars(frame, "label", "planted", lang, t("col_planted", lang), horizontal=by != "year")
            widgets.chart_with_table(chart, table(frame, by, lang), f"orman-{by}", lang)
    with tabs[-1]:
        survival_tab(engine, filters, lang)


def survival_tab(engine: Engine, filters: queries.Filters, lang: str) -> None:
    """Plots by survival at their latest survey, against the 65 % requirement."""
    st.caption(t("survival_caption", lang))
    distribution = progress.survival_distribution(engine, filters)
    share = progress.survival_target_share(engine, filters)
    if share["plots"]:
        st.markdown(
            t(
                "survival_below",
                lang,
                n=fmt_int(share["plots"] - share["meeting"], lang),
                total=fmt_int(share["plots"], lang),
            )
        )
    bands = pd.DataFrame(
        {
            t("map_survival", lang): [
                f"{fmt_pct(lo, lang, 0)}–{fmt_pct(hi, lang, 0)}"
                for lo, hi in zip(distribution["lower"], distribution["upper"], strict=True)
            ],
            t("col_plots", lang): distribution["plots"],
            t("col_planted", lang): distribution["surveyed_planted"],
        }
    )
    widgets.chart_with_table(
        charts.survival_histogram(distribution, lang),
        bands if share["plots"] else bands.iloc[0:0],
        "orman-survival",
        lang,
    )


if __name__ == "__main__":  # Streamlit opened this file as the script (see pages.ui.nav.run_directly)
    nav.run_directly()
