"""Blocks more than one page shows: the headline KPI cards, the trajectory to the target, a labelled breakdown, the
plots map, and the national figures beside the programme's."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
import streamlit as st
from sqlalchemy.engine import Engine

from geo import charts, mapview, programme, progress, queries, surveys, survival
from geo.i18n import fmt_date, fmt_int, fmt_num, fmt_pct, fmt_short_range, t
from geo.i18n.ui import UI
from geo.regions import region_name
from geo.viewport import StoreSource, plots_extent
from pages.ui.widgets import Kpi, chart, kpi_cards, st_folium

MAP_KEY = "orman_map"
MAP_HEIGHT = 540


def survival_cards(figures: dict[str, Any], lang: str) -> list[Kpi]:
    """The numbers of survival beside planted, from a summary: survival-adjusted (planted x the survival of the
    surveyed plantings) and the estimated surviving trees with its 95 % interval, or why there is none."""
    measured = figures["survival"]
    adjusted = figures["survival_adjusted"]
    found = figures.get("estimate")
    if found is None:
        why = figures.get("estimate_reason") or survival.TOO_FEW_SURVEYS
        estimate = Kpi(
            t("kpi_estimate", lang),
            "—",
            t(f"kpi_estimate_none_{why}", lang, needed=survival.MIN_SURVEYS),
            help="" if why == survival.NO_PLANTINGS else t("kpi_estimate_none_help", lang, needed=survival.MIN_SURVEYS),
        )
    else:
        estimate = Kpi(
            t("kpi_estimate", lang),
            fmt_int(found["surviving"], lang),
            t("kpi_estimate_interval", lang, range=fmt_short_range(found["low"], found["high"], lang)),
            warn=found["rate"] < programme.SURVIVAL_TARGET,
            help=t("kpi_estimate_help", lang, line=surveys.explain(figures, lang)),
        )
    inventories = inventory_card(figures.get("estimate_by_inventory") or {}, lang)
    return [
        Kpi(
            t("kpi_surviving", lang),
            fmt_int(adjusted, lang) if adjusted is not None else "—",
            t("kpi_survival_rate", lang, rate=fmt_pct(measured, lang)) if measured is not None else "",
            warn=measured is not None and measured < programme.SURVIVAL_TARGET,
            help=t("kpi_surviving_help", lang, rate=fmt_pct(measured, lang)) if measured is not None else "",
        ),
        estimate,
        *inventories,
    ]


def inventory_card(by_inventory: dict[str, Any], lang: str) -> list[Kpi]:
    """The survival estimated from first- and third-year inventories apart, as one card (none where the summary
    holds not both: `geo.progress.summary` with ``inventories``)."""
    if set(by_inventory) != set(surveys.INVENTORIES):
        return []
    first, third = (by_inventory[kind].get("estimate") for kind in surveys.INVENTORIES)
    return [
        Kpi(
            t("kpi_inventories", lang),
            " / ".join(fmt_pct(f["rate"], lang, 0) if f else "—" for f in (first, third)),
            t("kpi_inventories_sub", lang, first=_rate_range(first, lang), third=_rate_range(third, lang)),
            warn=any(f is not None and f["rate"] < programme.SURVIVAL_TARGET for f in (first, third)),
            help=inventories_line(by_inventory, lang),
        )
    ]


def inventories_line(by_inventory: dict[str, Any], lang: str) -> str:
    """First- and third-year survival apart in a sentence: each rate with its 95 % interval, or why there is none."""
    parts = []
    for kind in surveys.INVENTORIES:
        entry = by_inventory[kind]
        found = entry.get("estimate")
        if found is None:
            why = entry.get("estimate_reason") or survival.TOO_FEW_SURVEYS
            parts.append(t(f"kpi_estimate_none_{why}", lang, needed=survival.MIN_SURVEYS))
        else:
            parts.append(
                t(
                    "inventory_rate",
                    lang,
                    rate=fmt_pct(found["rate"], lang),
                    low=fmt_pct(found["rate_low"], lang),
                    high=fmt_pct(found["rate_high"], lang),
                )
            )
    return t("inventories_line", lang, first=parts[0], third=parts[1])


def _rate_range(found: dict[str, Any] | None, lang: str) -> str:
    """An estimate's rate interval in whole percent (78–84 %), or a dash."""
    if found is None:
        return "—"
    return f"{fmt_pct(found['rate_low'], lang, 0)}–{fmt_pct(found['rate_high'], lang, 0)}"


def headline(figures: dict[str, Any], lang: str, national: bool = True) -> None:
    """The headline KPI cards: planted, survival-adjusted, estimated surviving with its interval, share of the 2
    billion target (nationally), plots, hectares and partners. Only programme figures: nothing here names a
    person."""
    partners = [p for p in figures["by_partner"] if p]
    cards = [Kpi(t("kpi_planted", lang), fmt_int(figures["planted"], lang)), *survival_cards(figures, lang)]
    if national:  # a region's trees against the national target would only mislead
        cards.append(
            Kpi(
                t("kpi_target", lang),
                fmt_pct(figures["planted"] / programme.TARGET_TREES, lang, 3),
                fmt_int(programme.TARGET_TREES, lang),
            )
        )
    cards += [
        Kpi(t("kpi_plots", lang), fmt_int(figures["plots"], lang)),
        Kpi(t("kpi_area", lang), fmt_num(figures["area_ha"], lang)),
        Kpi(t("kpi_partners", lang), fmt_int(len(partners), lang)),
    ]
    kpi_cards(cards)


def trajectory(engine: Engine, lang: str, outlook: progress.Projection | None = None) -> None:
    """Cumulative planted against the straight line to 2 billion by the deadline; with ``outlook``, the planted and
    estimated surviving trees projected to the deadline at the current pace."""
    st.subheader(t("trajectory_title", lang))
    deadline = fmt_date(programme.DEADLINE, lang, "long")
    st.caption(t("trajectory_caption", lang, target=fmt_int(programme.TARGET_TREES, lang), deadline=deadline))
    if outlook is not None:
        months = progress.PACE_WINDOW_MONTHS
        st.caption(t("trajectory_projection_caption", lang, deadline=deadline, months=months))
    chart(charts.trajectory(progress.monthly(engine), lang, outlook=outlook))


def labelled(engine: Engine, by: progress.Dimension, filters: queries.Filters, lang: str) -> pd.DataFrame:
    """The breakdown by ``by`` with a ``label`` column readers understand."""
    frame = progress.breakdown(engine, by, filters)
    if by == "region":
        labels = [region_name(code, lang) for code in frame["region"]]
    elif by == "partner":
        labels = [p or t("no_partner", lang) for p in frame["partner"]]
    else:
        labels = [str(v) for v in frame[by]]
    return frame.assign(label=labels)


def plots_map(
    engine: Engine,
    filters: queries.Filters,
    lang: str,
    colour_by: mapview.ColourBy = "survival",
    key: str = MAP_KEY,
    height: int = MAP_HEIGHT,
    below_target: bool = False,
    figures: dict[str, Any] | None = None,
) -> None:
    """The folium map of the plots under ``filters`` (with ``below_target``, only the surveyed plots below 65 %),
    fetched for the view the browser reported last time (bounds and zoom), so only the data layer changes as the
    reader pans and zooms. ``figures``: the page's summary under ``filters``, whose estimates the regions show.
    Popup and tooltip text is escaped in geo.mapview."""
    reported = st.session_state.get(key) or {}
    view = mapview.view_from_bounds(reported.get("bounds"), reported.get("zoom"))
    # Picking regions or partners fits the map to their plots; clearing them fits it to all Kazakhstan (in the
    # browser, which knows the map's width: the data layer carries the bounds, so no center or zoom here).
    focus = plots_extent(engine, filters) if filters.regions or filters.partners else None
    base, layer = mapview.app_map(StoreSource(engine, filters, below_target, figures), view, lang, colour_by, focus)
    st_folium(
        base,
        key=key,
        feature_group_to_add=layer,
        returned_objects=["bounds", "zoom"],
        height=height,
        use_container_width=True,
    )


def national_context(lang_code: str) -> None:
    """The national figures as the government reported them, with dates, set apart from the programme's data."""
    st.divider()
    st.subheader(t("context_title", lang_code))
    st.caption(t("context_caption", lang_code))

    def when(value: object) -> str:
        if isinstance(value, date):
            return fmt_date(value, lang_code)
        return t(value, lang_code) if isinstance(value, str) and value in UI else str(value)

    rows = [
        {
            t("context_col_when", lang_code): when(w),
            t("context_col_figure", lang_code): t(f, lang_code),
            t("context_col_source", lang_code): t(s, lang_code),
        }
        for w, f, s in programme.NATIONAL_FIGURES
    ]
    target_col, survival_col = st.columns(2, gap="medium")
    target_col.info(t("context_target", lang_code), icon=":material/flag:")
    survival_col.warning(t("context_survival", lang_code), icon=":material/eco:")
    st.table(pd.DataFrame(rows), hide_index=True, border="horizontal")
