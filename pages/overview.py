"""Overview: where the programme stands against 2 billion trees, and the government's own figures beside it."""

from __future__ import annotations

import streamlit as st
from sqlalchemy.engine import Engine

from geo import charts, programme, progress
from geo.i18n import fmt_date, fmt_int, fmt_num, fmt_pct, t
from pages import common


def headline(figures: dict, lang: str, national: bool = True) -> None:
    """The headline KPI cards: planted, survival-adjusted, share of the 2 billion target (nationally), plots,
    hectares and partners. Only programme figures: nothing here names a person."""
    survival = figures["survival"]
    adjusted = common.survival_adjusted(figures)
    partners = [p for p in figures["by_partner"] if p]
    cards = [
        common.Kpi(t("kpi_planted", lang), fmt_int(figures["planted"], lang)),
        common.Kpi(
            t("kpi_surviving", lang),
            fmt_int(adjusted, lang) if adjusted is not None else "—",
            t("kpi_survival_rate", lang, rate=fmt_pct(survival, lang)) if survival is not None else "",
            warn=survival is not None and survival < programme.SURVIVAL_TARGET,
            help=t("kpi_surviving_help", lang, rate=fmt_pct(survival, lang)) if survival is not None else "",
        ),
    ]
    if national:  # a region's trees against the national target would only mislead
        cards.append(
            common.Kpi(
                t("kpi_target", lang),
                fmt_pct(figures["planted"] / programme.TARGET_TREES, lang, 3),
                fmt_int(programme.TARGET_TREES, lang),
            )
        )
    cards += [
        common.Kpi(t("kpi_plots", lang), fmt_int(figures["plots"], lang)),
        common.Kpi(t("kpi_area", lang), fmt_num(figures["area_ha"], lang)),
        common.Kpi(t("kpi_partners", lang), fmt_int(len(partners), lang)),
    ]
    common.kpi_cards(cards)


def trajectory(engine: Engine, lang: str) -> None:
    """Cumulative planted against the straight line to 2 billion by the deadline."""
    st.subheader(t("trajectory_title", lang))
    st.caption(
        t(
            "trajectory_caption",
            lang,
            target=fmt_int(programme.TARGET_TREES, lang),
            deadline=fmt_date(programme.DEADLINE, lang, "long"),
        )
    )
    st.altair_chart(charts.trajectory(progress.monthly(engine), lang), width="stretch")


def pace_panel(engine: Engine, lang: str) -> None:
    """Trees needed per month to the deadline against the current pace, and the projected completion."""
    pace = progress.pace(engine)
    st.subheader(t("pace_title", lang))
    deadline = fmt_date(programme.DEADLINE, lang)
    required = pace.required_per_month
    projected = pace.projected_completion
    common.kpi_cards(
        [
            common.Kpi(
                t("pace_required", lang),
                fmt_int(required, lang) if required is not None else "—",
                t(
                    "pace_required_help",
                    lang,
                    remaining=fmt_int(pace.remaining, lang),
                    months=fmt_num(pace.months_left, lang, 0),
                    deadline=deadline,
                ),
            ),
            common.Kpi(
                t("pace_current", lang),
                fmt_int(pace.current_per_month, lang),
                t("pace_current_help", lang, months=progress.PACE_WINDOW_MONTHS),
                warn=not pace.on_track,
            ),
            common.Kpi(
                t("pace_projection", lang),
                t("pace_done", lang)
                if pace.remaining == 0
                else fmt_date(projected, lang)
                if projected is not None
                else t("pace_never", lang, years=progress.PROJECTION_HORIZON_YEARS),
                warn=not pace.on_track,
            ),
        ]
    )
    if pace.on_track:
        st.success(t("pace_ahead", lang), icon=":material/check_circle:")
    elif required and pace.current_per_month > 0:
        st.warning(
            t("pace_behind", lang, factor=fmt_num(required / pace.current_per_month, lang, 0)),
            icon=":material/warning:",
        )


def render() -> None:
    """The overview (officials and above): headline figures, the trajectory, the pace, the national context."""
    lang, _ = common.open_page("overview")
    engine = common.engine()
    st.title(t("overview_title", lang))
    figures = progress.summary(engine)
    if figures["plots"] == 0 and figures["planted"] == 0:
        common.empty_state(lang)
    else:
        st.caption(t("overview_caption", lang))
        headline(figures, lang)
        chart_col, pace_col = st.columns([2, 1], gap="large")
        with chart_col:
            trajectory(engine, lang)
        with pace_col:
            pace_panel(engine, lang)
    common.national_context(lang)


if __name__ == "__main__":  # Streamlit opened this file as the script (see common.run_directly)
    common.run_directly()
