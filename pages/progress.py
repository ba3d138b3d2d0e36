"""Progress: planted and survival by region, year, partner and species, and the survival of surveyed plots."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st
from sqlalchemy.engine import Engine

from geo import charts, programme, progress, queries, species, survival
from geo.i18n import fmt_date, fmt_int, fmt_num, fmt_pct, fmt_short, name_key, t
from geo.regions import region_name
from pages.ui import blocks, database, nav, sidebar_filters, widgets

BREAKDOWNS: tuple[progress.Dimension, ...] = ("region", "year", "partner", "species")
SURVIVAL_TAB = "survival"
# The tabs, each by its name in the address (?tab=survival), with its label's key.
TABS = {
    "region": "tab_region",
    "year": "tab_year",
    "partner": "tab_partner",
    "species": "tab_species",
    SURVIVAL_TAB: "tab_survival",
}


def table(frame: pd.DataFrame, by: str, lang: str) -> pd.DataFrame:
    """The figures of a breakdown with headers in the reader's language, regions in alphabetical order of their
    names; "survival-adjusted" is planted x survival, the trees expected alive (empty where nothing was surveyed),
    as the chart's darker bars show; gap-filling seedlings and hectares sown beside them. A frame with its rows'
    estimates (`progress.with_estimates`) adds the estimated surviving trees, its 95 % interval and, where a row
    has none, why. Counts are whole numbers (Int64, empty where there is none), survival in percent and hectares
    to one decimal."""
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
    columns |= {"gap_filled": t("col_gap_filled", lang), "sown_ha": t("col_sown", lang)}
    if "written_off" in frame:
        columns["written_off"] = t("kpi_written_off", lang)
    out = out.assign(sown_ha=out["sown_ha"].round(1))
    if "plots" in frame:
        columns |= {"plots": t("col_plots", lang), "area_ha": t("col_area", lang), "density": t("col_density", lang)}
        out = out.assign(area_ha=out["area_ha"].round(1), density=out["density_per_ha"].round().astype("Int64"))
    if by == "region":
        out = out.sort_values("label", key=lambda labels: labels.map(name_key), ignore_index=True)
    counts = {c: "Int64" for c in ("estimate", "low", "high") if c in columns}
    return out[list(columns)].round(dict.fromkeys(counts, 0)).astype(counts).rename(columns=columns)


def table_help(lang: str) -> dict[str, str]:
    """What the breakdown tables' figures of survival mean, on their headers: surviving (counted, surveyed
    plantings only), survival, survival-adjusted (planted x survival) and the estimate (all plantings, sampled)."""
    required = fmt_pct(programme.SURVIVAL_TARGET, lang, 0)
    return {
        t("col_surviving", lang): t("help_col_surviving", lang),
        t("col_survival", lang): t("help_col_survival", lang, required=required),
        t("kpi_surviving", lang): t("help_col_adjusted", lang),
        t("col_estimate", lang): t("help_col_estimate", lang),
        t("col_gap_filled", lang): t("help_col_gap_filled", lang),
        t("col_sown", lang): t("kpi_sown_help", lang),
        t("kpi_written_off", lang): t("kpi_written_off_help", lang),
    }


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
            widgets.count(t("kpi_planted", lang), figures["planted"], lang),
            *blocks.survival_cards(figures, lang),
            widgets.count(t("kpi_plots", lang), figures["plots"], lang),
            widgets.Kpi(
                t("kpi_area", lang), fmt_num(figures["area_ha"], lang), short=fmt_short(figures["area_ha"], lang)
            ),
            *blocks.operation_cards(figures, lang),
        ]
    )
    if figures.get("estimate_by_inventory"):
        st.caption(blocks.inventories_line(figures["estimate_by_inventory"], lang))
    tabs = sidebar_filters.tabs({name: t(key, lang) for name, key in TABS.items()}, key=f"progress_tab_{lang}")
    estimates = progress.breakdown_estimates(engine, BREAKDOWNS, filters)
    per_year = needed_per_year(engine, filters)
    for by in BREAKDOWNS:
        with tabs[by]:
            frame = progress.with_estimates(blocks.labelled(engine, by, filters, lang), estimates[by], by)
            st.caption(t("estimate_chart_caption", lang))
            reference = per_year if by == "year" else None
            if reference is not None:
                st.caption(needed_caption(lang))
            chart = charts.bars(
                frame, "label", "planted", lang, t("col_planted", lang), horizontal=by != "year", reference=reference
            )
            widgets.chart_with_table(chart, table(frame, by, lang), f"orman-{by}", lang, table_help(lang))
    with tabs[SURVIVAL_TAB]:
        survival_tab(engine, filters, lang)


def needed_per_year(engine: Engine, filters: queries.Filters) -> float | None:
    """The trees needed per year to reach the national target by the deadline, for the by-year chart; only
    unfiltered (a region's or a partner's trees against the national target would only mislead)."""
    if filters != queries.NO_FILTERS:
        return None
    return progress.pace(engine).required_per_year


def needed_caption(lang: str) -> str:
    """What the by-year chart's dashed line is."""
    return t(
        "chart_needed_caption",
        lang,
        target=fmt_int(programme.TARGET_TREES, lang),
        deadline=fmt_date(programme.DEADLINE, lang, "long"),
    )


def survival_tab(engine: Engine, filters: queries.Filters, lang: str) -> None:
    """Plots by survival at their latest survey, against the 65 % requirement, then the plots below it."""
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
    if share["plots"]:
        below_target_section(engine, filters, lang)


BELOW_FLAG_KEY = "progress_below_flag"  # ?flag=write_off in the address
BELOW_ALL = "all"
BELOW_OPTIONS = (BELOW_ALL, *progress.SURVIVAL_FLAGS)  # what the table can show: every plot below 65 %, or one flag
BELOW_NAME = "orman-below-65"
DATE_FORMATS = {"en": "DD/MM/YYYY"}  # the table's dates as officers write them (geo.i18n.fmt_day); else dd.mm.yyyy


def below_target_section(engine: Engine, filters: queries.Filters, lang: str) -> None:
    """The surveyed plots below 65 %, worst first, each with what forestry practice asks of it (write-off or
    gap-filling), a choice of that flag, and the table as CSV and XLSX."""
    st.subheader(t("below_title", lang))
    st.caption(t("below_caption", lang))
    plots = progress.below_target(engine, filters)
    if plots.empty:
        st.info(t("below_none", lang), icon=":material/check_circle:")
        return
    counts = plots["flag"].value_counts()
    sidebar_filters.bound("flag", BELOW_FLAG_KEY, BELOW_OPTIONS, BELOW_ALL)
    flag = st.radio(
        t("below_flag_filter", lang),
        BELOW_OPTIONS,
        key=BELOW_FLAG_KEY,
        horizontal=True,
        format_func=lambda v: t(
            f"below_show_{v}", lang, n=fmt_int(len(plots) if v == BELOW_ALL else counts.get(v, 0), lang)
        ),
    )
    shown = below_target_table(plots if flag in (None, BELOW_ALL) else plots[plots["flag"] == flag], lang)
    widgets.number_table(shown, lang, column_config=below_target_columns(lang))
    downloads = st.container(horizontal=True)
    with downloads:
        widgets.download_csv(shown, BELOW_NAME, lang, key=f"csv_{BELOW_NAME}")
        widgets.download_xlsx(shown, BELOW_NAME, lang, key=f"xlsx_{BELOW_NAME}")


BELOW_HEADERS = {  # what decides first (how bad, what it needs), then when it was counted, then where it is
    "plot_id": "col_plot",
    "survival": "col_survival",
    "flag": "col_flag",
    "planted": "col_planted",
    "density_per_ha": "col_density",
    "last_survey": "col_last_survey",
    "age_months": "col_survey_age",
    "region": "col_region",
    "partner": "col_partner",
    "species": "col_species",
}


def below_target_table(plots: pd.DataFrame, lang: str) -> pd.DataFrame:
    """`progress.below_target` with headers, regions, partners, flags and species in the reader's language; survival in
    percent to one decimal, the survey's age in whole months."""
    out = plots.assign(
        region=[region_name(code, lang) for code in plots["region"]],
        partner=[p or t("no_partner", lang) for p in plots["partner"]],
        survival=(plots["survival"] * 100).round(1),
        density_per_ha=plots["density_per_ha"].round().astype("Int64"),
        flag=[t(f"flag_{f}", lang) for f in plots["flag"]],
        species=[species.listed_names(names, lang) for names in plots["species"]],
    )
    return out[list(BELOW_HEADERS)].rename(columns={c: t(key, lang) for c, key in BELOW_HEADERS.items()})


def below_target_columns(lang: str) -> dict[str, Any]:
    """Help on the columns that need it: how survival is counted, the survey's age and what each flag asks."""
    return {
        t("col_plot", lang): st.column_config.TextColumn(pinned=True),
        t("col_survival", lang): st.column_config.Column(help=t("below_help_survival", lang)),
        t("col_last_survey", lang): st.column_config.DateColumn(format=DATE_FORMATS.get(lang, "DD.MM.YYYY")),
        t("col_survey_age", lang): st.column_config.NumberColumn(help=t("below_help_age", lang)),
        t("col_flag", lang): st.column_config.TextColumn(help=t("below_help_flag", lang)),
    }


if __name__ == "__main__":  # Streamlit opened this file as the script (see pages.ui.nav.run_directly)
    nav.run_directly()
