"""Overview: where the programme stands against 2 billion trees, and the government's own figures beside it."""

from __future__ import annotations

import streamlit as st
from sqlalchemy.engine import Engine

from geo import programme, progress
from geo.i18n import fmt_date, fmt_int, fmt_num, t
from pages.ui import blocks, database, first_run, nav, widgets


def pace_panel(engine: Engine, lang: str) -> None:
    """Trees needed per month to the deadline against the current pace, and the projected completion."""
    pace = progress.pace(engine)
    st.subheader(t("pace_title", lang))
    deadline = fmt_date(programme.DEADLINE, lang)
    required = pace.required_per_month
    projected = pace.projected_completion
    widgets.kpi_cards(
        [
            widgets.Kpi(
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
            widgets.Kpi(
                t("pace_current", lang),
                fmt_int(pace.current_per_month, lang),
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
    lang, _ = nav.open_page("overview")
    engine = database.engine()
    st.title(t("overview_title", lang))
    figures = progress.summary(engine)
    if figures["plots"] == 0 and figures["planted"] == 0:
        first_run.empty_state(lang)
    else:
        st.caption(t("overview_caption", lang))
        blocks.headline(figures, lang)
        chart_col, pace_col = st.columns([2, 1], gap="large")
        with chart_col:
            blocks.trajectory(engine, lang)
        with pace_col:
            pace_panel(engine, lang)
    blocks.national_context(lang)


if __name__ == "__main__":  # Streamlit opened this file as the script (see pages.ui.nav.run_directly)
    nav.run_directly()
