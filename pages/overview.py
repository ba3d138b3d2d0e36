"""Overview: where the programme stands against 2 billion trees, and the government's own figures beside it."""

from __future__ import annotations

from typing import Any

import streamlit as st
from sqlalchemy.engine import Engine

from geo import programme, progress, store, survival
from geo.i18n import fmt_date, fmt_int, fmt_num, fmt_pct, fmt_short, fmt_short_range, t
from pages.ui import blocks, database, first_run, nav, widgets


def pace_panel(outlook: progress.Projection, lang: str) -> None:
    """Trees needed per month to the deadline against the current pace, the projected completion, and where the
    current pace leads by the deadline: trees planted, trees estimated alive, and the surviving trees needed."""
    pace = outlook.pace
    st.subheader(t("pace_title", lang))
    deadline = fmt_date(programme.DEADLINE, lang)
    required = pace.required_per_month
    projected = pace.projected_completion
    widgets.kpi_cards(
        [
            widgets.count(
                t("pace_required", lang),
                required,
                lang,
                t(
                    "pace_required_help",
                    lang,
                    remaining=fmt_int(pace.remaining, lang),
                    months=fmt_num(pace.months_left, lang, 0),
                    deadline=deadline,
                ),
            ),
            widgets.count(
                t("pace_current", lang),
                pace.current_per_month,
                lang,
                t("pace_current_help", lang, months=progress.PACE_WINDOW_MONTHS),
                warn=not pace.on_track,
            ),
            widgets.Kpi(
                t("pace_projection", lang),
                t("pace_done", lang)
                if pace.remaining == 0
                else fmt_date(projected, lang)
                if projected is not None
                else t("pace_never", lang, years=progress.PROJECTION_HORIZON_YEARS),
                warn=not pace.on_track,
            ),
            widgets.count(
                t("pace_planted_at_deadline", lang, deadline=deadline),
                outlook.planted,
                lang,
                t("pace_of_target", lang, target=fmt_int(programme.TARGET_TREES, lang)),
                warn=outlook.planted < programme.TARGET_TREES,
            ),
            *survival_outlook(outlook, lang),
        ]
    )
    verdict(outlook, lang)


def survival_outlook(outlook: progress.Projection, lang: str) -> list[widgets.Kpi]:
    """The estimated surviving trees at the deadline with their band, and the surviving trees needed per month
    (with the planting that gives them at the estimated rate); why not, where there is no estimate."""
    deadline = fmt_date(programme.DEADLINE, lang)
    found = outlook.estimate
    alive_label = t("pace_alive_at_deadline", lang, deadline=deadline)
    if not isinstance(found, survival.Estimate) or outlook.surviving is None:
        reason = found.reason if isinstance(found, survival.NoEstimate) else survival.TOO_FEW_SURVEYS
        why = t(f"kpi_estimate_none_{reason}", lang, needed=survival.MIN_SURVEYS)
        return [widgets.Kpi(alive_label, "—", why)]
    needed = fmt_int(outlook.surviving_target, lang)
    band = fmt_short_range(outlook.surviving_low or 0, outlook.surviving_high or 0, lang)
    alive = widgets.count(
        alive_label,
        outlook.surviving,
        lang,
        t("pace_alive_sub", lang, range=band, needed=needed),
        warn=outlook.surviving < outlook.surviving_target,
        help=t(
            "pace_alive_help",
            lang,
            rate=fmt_pct(found.rate, lang),
            rate_low=fmt_pct(found.rate_low, lang),
            rate_high=fmt_pct(found.rate_high, lang),
        ),
    )
    per_month = outlook.surviving_needed_per_month
    if per_month is None:
        return [alive]
    planting = outlook.planting_for_surviving_per_month
    return [
        alive,
        widgets.count(
            t("pace_surviving_needed", lang),
            per_month,
            lang,
            t("pace_surviving_needed_sub", lang, planted=fmt_int(planting, lang), rate=fmt_pct(found.rate, lang))
            if planting is not None
            else "",
            warn=not outlook.survival_on_track,
            help=t(
                "pace_surviving_needed_help",
                lang,
                needed=needed,
                share=fmt_pct(programme.SURVIVAL_TARGET, lang, 0),
                target=fmt_int(programme.TARGET_TREES, lang),
                deadline=deadline,
                gap=fmt_int(max(outlook.surviving_target - found.surviving, 0), lang),
                now=fmt_int(found.surviving, lang),
                months=fmt_num(outlook.pace.months_left, lang, 0),
            ),
        ),
    ]


def verdict(outlook: progress.Projection, lang: str) -> None:
    """Green only when the pace reaches the target in time and the estimated survival reaches 65 %; otherwise what
    falls short."""
    pace, found = outlook.pace, outlook.estimate
    if outlook.on_track:
        st.success(t("pace_ahead", lang), icon=":material/check_circle:")
        return
    if not pace.on_track and pace.required_per_month and pace.current_per_month > 0:
        factor = fmt_num(pace.required_per_month / pace.current_per_month, lang, 0)
        st.warning(t("pace_behind", lang, factor=factor), icon=":material/warning:")
    if outlook.survival_on_track is False and isinstance(found, survival.Estimate):
        st.warning(
            t(
                "pace_survival_behind",
                lang,
                rate=fmt_pct(found.rate, lang),
                required=fmt_pct(programme.SURVIVAL_TARGET, lang, 0),
                alive=fmt_int(outlook.surviving or 0, lang),
                deadline=fmt_date(programme.DEADLINE, lang),
                needed=fmt_int(outlook.surviving_target, lang),
            ),
            icon=":material/eco:",
        )
    elif outlook.survival_on_track is None and pace.on_track:
        st.info(t("pace_ahead_survival_unknown", lang), icon=":material/info:")


def planting_cards(figures: dict[str, Any], lang: str) -> list[widgets.Kpi]:
    """The share of planted trees on plots mapped as a polygon (not only a point); the seedlings of gap-filling,
    the hectares sown and the trees written off by act, which stand apart from planted."""
    share = figures["mapped_share"]
    mapped = widgets.Kpi(
        t("kpi_mapped", lang),
        "—" if share is None else fmt_pct(share, lang),
        t("kpi_mapped_sub", lang),
        help=t("kpi_mapped_help", lang),
    )
    return [mapped, *blocks.operation_cards(figures, lang)]


def pending_cards(engine: Engine, lang: str) -> list[widgets.Kpi]:
    """The trees in uploads awaiting approval (sign-off), marked as such, beside the figures that count; none when
    no upload waits."""
    waiting = store.pending(engine)
    if not waiting["batches"]:
        return []
    planted = f"+ {fmt_short(waiting['planted'], lang)}"
    help_text = t("pending_help", lang, batches=fmt_int(waiting["batches"], lang))
    return [widgets.Kpi(t("kpi_planted", lang), planted, t("batch_status_submitted", lang), help=help_text)]


def render() -> None:
    """The overview (officials and above): headline figures, the trajectory and the projection to the deadline,
    the pace, the national context."""
    lang, _ = nav.open_page("overview")
    engine = database.engine()
    st.title(t("overview_title", lang))
    figures = progress.summary(engine, inventories=True)
    if figures["plots"] == 0 and figures["planted"] == 0:
        first_run.empty_state(lang)
    else:
        st.caption(t("overview_caption", lang))
        blocks.framing(figures, lang)
        blocks.headline(figures, lang)
        widgets.kpi_cards([*planting_cards(figures, lang), *pending_cards(engine, lang)])
        outlook = progress.projection(engine)
        chart_col, pace_col = st.columns([2, 1], gap="large")
        with chart_col:
            blocks.trajectory(engine, lang, outlook)
        with pace_col:
            pace_panel(outlook, lang)
    blocks.national_context(lang)


if __name__ == "__main__":  # Streamlit opened this file as the script (see pages.ui.nav.run_directly)
    nav.run_directly()
