"""Blocks more than one page shows: the headline KPI cards, the trajectory to the target, a labelled breakdown, the
plots map, and the national figures beside the programme's.

What the trajectory and the map's national view draw from the store depends on the store alone, so it comes from
geo.publicdata's cache, computed once per store version for every reader: a visit costs drawing, not queries.
"""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import pandas as pd
import streamlit as st
from sqlalchemy.engine import Engine

from geo import charts, mapview, programme, progress, publicdata, queries, surveys, survival
from geo.i18n import fmt_date, fmt_day, fmt_int, fmt_num, fmt_pct, fmt_short, fmt_short_range, t
from geo.i18n.ui import UI
from geo.regions import region_name
from geo.species import species_name
from pages.ui.widgets import Kpi, chart, count, kpi_cards, st_folium

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
        estimate = count(
            t("kpi_estimate", lang),
            found["surviving"],
            lang,
            t("kpi_estimate_interval", lang, range=fmt_short_range(found["low"], found["high"], lang)),
            warn=found["rate"] < programme.SURVIVAL_TARGET,
            help=t("kpi_estimate_help", lang, line=surveys.explain(figures, lang)),
        )
    inventories = inventory_card(figures.get("estimate_by_inventory") or {}, lang)
    return [
        count(
            t("kpi_surviving", lang),
            adjusted,
            lang,
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
    cards = [count(t("kpi_planted", lang), figures["planted"], lang), *survival_cards(figures, lang)]
    if national:  # a region's trees against the national target would only mislead
        cards.append(
            Kpi(
                t("kpi_target", lang),
                fmt_pct(figures["planted"] / programme.TARGET_TREES, lang, 3),
                fmt_short(programme.TARGET_TREES, lang),
            )
        )
    cards += [
        count(t("kpi_plots", lang), figures["plots"], lang),
        Kpi(t("kpi_area", lang), fmt_num(figures["area_ha"], lang), short=fmt_short(figures["area_ha"], lang)),
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
        chart(charts.trajectory(publicdata.monthly(engine)[1], lang, outlook=outlook))
        return
    # The chart as Vega-Lite, built and checked against its schema once per store version, language and day (the
    # straight line of an empty store starts this month); Streamlit's own conversion of an Altair chart costs more
    # than the rest of the page.
    _, spec = publicdata.CACHE.get(engine, ("trajectory", lang, date.today()), lambda: _trajectory_spec(engine, lang))
    st.vega_lite_chart(spec=copy.deepcopy(spec), width="stretch")  # a copy: every reader shares the cached one


def _trajectory_spec(engine: Engine, lang: str) -> dict[str, Any]:
    return charts.trajectory(publicdata.monthly(engine)[1], lang).to_dict()


def labelled(engine: Engine, by: progress.Dimension, filters: queries.Filters, lang: str) -> pd.DataFrame:
    """The breakdown by ``by`` with a ``label`` column readers understand."""
    frame = progress.breakdown(engine, by, filters)
    if by == "region":
        labels = [region_name(code, lang) for code in frame["region"]]
    elif by == "partner":
        labels = [p or t("no_partner", lang) for p in frame["partner"]]
    elif by == "species":
        labels = [species_name(name, lang) for name in frame["species"]]
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
    focus = publicdata.map_extent(engine, filters)[1] if filters.regions or filters.partners else None
    source = publicdata.CachedStoreSource(engine, filters, below_target, figures)  # the regions: once per store version
    base, layer = mapview.app_map(source, view, lang, colour_by, focus)
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
        if isinstance(value, date):  # as every table writes a day (geo.i18n.fmt_day)
            return fmt_day(value, lang_code)
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


def framing(figures: dict[str, Any], lang: str, place: str | None = None) -> None:
    """One sentence on what the figures are (the programme's own plantings, beside the national total the
    government reported), then a bar toward 2 billion (nationally; ``place`` names a region, whose trees against
    the national target would mislead) and one toward the 65 % survival required, at the estimated survival."""
    shown = {
        "planted": fmt_int(figures["planted"], lang),
        "national": fmt_short(programme.NATIONAL_LATEST_TREES, lang),
        "when": fmt_day(programme.NATIONAL_LATEST_WHEN, lang),
    }
    if place is None:
        st.markdown(t("framing_national", lang, **shown))
        share = figures["planted"] / programme.TARGET_TREES
        target = fmt_short(programme.TARGET_TREES, lang)
        st.progress(min(share, 1.0), text=t("framing_target_bar", lang, target=target, share=fmt_pct(share, lang, 1)))
    else:
        st.markdown(t("framing_region", lang, place=place, **shown))
    required = fmt_pct(programme.SURVIVAL_TARGET, lang, 0)
    found = figures.get("estimate")
    if found is None:
        st.caption(t("framing_survival_none", lang, required=required))
        return
    rate = found["rate"]
    st.progress(
        min(rate / programme.SURVIVAL_TARGET, 1.0),
        text=t("framing_survival_bar", lang, rate=fmt_pct(rate, lang), required=required),
    )


def operation_cards(figures: dict[str, Any], lang: str) -> list[Kpi]:
    """A summary's gap-filling seedlings, hectares sown and trees written off by act, as cards: figures apart from
    planted."""
    sown = figures["sown_ha"]
    return [
        count(
            t("kpi_gap_filled", lang),
            figures["gap_filled"],
            lang,
            t("kpi_gap_filled_sub", lang),
            help=t("kpi_gap_filled_help", lang),
        ),
        Kpi(
            t("kpi_sown", lang),
            fmt_num(sown, lang),
            t("kpi_sown_sub", lang),
            help=t("kpi_sown_help", lang),
            short=fmt_short(sown, lang),
        ),
        count(
            t("kpi_written_off", lang),
            figures["written_off"],
            lang,
            t("kpi_written_off_sub", lang),
            warn=figures["written_off"] > 0,
            help=t("kpi_written_off_help", lang),
        ),
    ]
