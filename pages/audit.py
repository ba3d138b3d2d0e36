"""The audit trail (administrators only): every action, newest first, filtered by action, person and days; whether
the trail was altered; the entries shown as a CSV, whose download is itself recorded (an export, pages.ui.widgets)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st
from sqlalchemy.engine import Engine

from geo import audit
from geo.i18n import fmt_moment, t
from pages.ui import database, nav, widgets

CSV_NAME = "orman-audit"
# The action column's width: sized to the rows first on screen, it cut the longer labels further down. The longest,
# ru «Загрузка отправлена на утверждение», is whole at this width (1366 px, as scripts/screenshots.py shows it).
ACTION_WIDTH_PX = 260


def entries_table(found: list[audit.Entry], lang: str) -> pd.DataFrame:
    """Each entry: its number, when (Kazakhstan's time), who, the action in ``lang``, its subject and details."""
    return pd.DataFrame(
        {
            t("audit_col_id", lang): [e.id for e in found],
            t("col_when", lang): [fmt_moment(e.at, lang) for e in found],
            t("col_who", lang): [e.actor for e in found],
            t("audit_col_action", lang): [audit.action_label(e.action, lang) for e in found],
            t("audit_col_subject", lang): [e.subject or "—" for e in found],
            t("audit_col_details", lang): [audit.describe(e, lang) for e in found],
        }
    )


def render() -> None:
    """The audit page (administrators only)."""
    lang, _ = nav.open_page("audit")
    engine = database.engine()
    st.title(t("audit_title", lang))
    st.caption(t("audit_intro", lang))
    verify_status(engine, lang)
    action, actor, since, until = filters(engine, lang)
    found = audit.entries(engine, action=action, actor=actor, since=since, until=until)
    if not found:
        st.info(t("audit_none_match" if (action or actor or since) else "audit_empty", lang), icon=":material/inbox:")
        return
    table = entries_table(found, lang)
    wide = {t("audit_col_action", lang): st.column_config.TextColumn(width=ACTION_WIDTH_PX)}
    st.dataframe(table, hide_index=True, width="stretch", column_config=wide)
    widgets.download_csv(table, CSV_NAME, lang, key="audit_csv")  # recorded as an export when clicked


def verify_status(engine: Engine, lang: str) -> None:
    """One line: the trail is intact, or it was altered and how."""
    findings = audit.verify(engine, incremental=True)
    if not findings:
        st.success(t("audit_intact", lang), icon=":material/verified:")
        return
    lines = "\n".join(f"- {finding.message(lang)}" for finding in findings)
    st.error(f"{t('audit_altered', lang)}\n\n{lines}", icon=":material/gpp_bad:")


def filters(engine: Engine, lang: str) -> tuple[str | None, str | None, date | None, date | None]:
    """The action, the person and the days (from, to) chosen; None for any."""
    action_col, actor_col, days_col = st.columns(3)
    action = action_col.selectbox(
        t("audit_filter_action", lang),
        [None, *audit.AUDIT_ACTIONS],
        format_func=lambda a: t("audit_all", lang) if a is None else audit.action_label(a, lang),
        key="audit_action",
    )
    actor = actor_col.selectbox(
        t("audit_filter_actor", lang),
        [None, *audit.actors(engine)],
        format_func=lambda a: t("audit_all", lang) if a is None else a,
        key="audit_actor",
    )
    days = days_col.date_input(t("audit_filter_days", lang), value=[], format="DD.MM.YYYY", key="audit_days")
    chosen = list(days) if isinstance(days, tuple | list) else [days]
    since = chosen[0] if chosen else None
    until = chosen[1] if len(chosen) > 1 else None
    return action, actor, since, until


if __name__ == "__main__":  # Streamlit opened this file as the script (see pages.ui.nav.run_directly)
    nav.run_directly()
