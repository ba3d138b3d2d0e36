"""History: every batch with who, when and what it changed; its report; rollback after a confirmation."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from sqlalchemy.engine import Engine

from geo import actions, auth, db, store, writeoffs
from geo.i18n import fmt_day, fmt_int, fmt_moment, t
from geo.species import species_name
from pages.ui import database, errors, identity, look, nav, sidebar_filters, uploads, widgets

PENDING = "rollback_pending"
BATCH_KEY = "history_batch"  # the batch shown: ?batch=12 in the address
CHECKED = "history_rollback_checked"  # (batch, store version) -> the store's refusal, or None: rollback possible


def status(batch: store.Batch, lang: str) -> str:
    """In force (approved by whom, when, under sign-off), awaiting approval, rejected (by whom, when, why: the
    reason as its author wrote it), or rolled back (by whom, when)."""
    if batch.active and batch.decided_at is not None:  # approved under sign-off: by whom, when
        approved = t("history_approved_by", lang, when=fmt_moment(batch.decided_at, lang), user=batch.decided_by or "—")
        return f"{t('status_active', lang)} · {approved}"
    if batch.active:
        return t("status_active", lang)
    if batch.status == db.REJECTED:
        when = fmt_moment(batch.decided_at, lang) if batch.decided_at is not None else "—"
        return t("history_rejected", lang, when=when, user=batch.decided_by or "—", reason=batch.reason or "—")
    if batch.status == db.SUBMITTED:
        return t("batch_status_submitted", lang)
    return t(
        "status_rolled_back_by",
        lang,
        when=fmt_moment(batch.rolled_back_at, lang) if batch.rolled_back_at is not None else "—",
        user=batch.rolled_back_by or "—",
    )


def batches_table(batches: list[store.Batch], lang: str) -> pd.DataFrame:
    """Who uploaded what, when, with what effect, and whether it is still in force (and who rolled it back)."""
    return pd.DataFrame(
        {
            t("col_batch", lang): [b.id for b in batches],
            t("col_when", lang): [fmt_moment(b.created_at, lang) for b in batches],
            t("col_who", lang): [b.user or "—" for b in batches],
            t("col_kind", lang): [t(f"kind_{b.kind}", lang) for b in batches],
            t("col_file", lang): [b.filename for b in batches],
            t("col_rows", lang): [b.rows for b in batches],
            t("preview_new", lang): [b.new for b in batches],
            t("preview_updated", lang): [b.updated for b in batches],
            t("col_status", lang): [status(b, lang) for b in batches],
        }
    )


def acts_table(engine: Engine, batch: store.Batch, lang: str) -> pd.DataFrame:
    """The write-off acts a batch wrote: plot, act, its date and reason, and the planting it names (or every
    planting of the plot)."""
    acts = writeoffs.acts(engine, batch=batch.id)
    whole = t("writeoff_whole_plot", lang)
    return pd.DataFrame(
        {
            t("col_plot", lang): acts["plot_id"],
            t("col_act", lang): acts["act"],
            t("col_act_date", lang): [fmt_day(d, lang) for d in acts["date"]],
            t("col_reason", lang): [writeoffs.reason_name(r, lang) for r in acts["reason"]],
            t("col_species", lang): [whole if s is None else species_name(s, lang) for s in acts["species"]],
            t("col_planting_date", lang): ["" if d is None else fmt_day(d, lang) for d in acts["planting_date"]],
        }
    )


def render() -> None:
    """The history page (officials and above; rollback for officers, of their own batches, and administrators)."""
    lang, session = nav.open_page("history")
    engine = database.engine()
    st.title(t("history_title", lang))
    st.caption(t("history_caption", lang))

    flash = st.session_state.pop("rollback_flash", None)
    if flash is not None:
        st.success(flash, icon=":material/undo:")

    batches = store.history(engine)
    if not batches:
        st.info(t("history_empty", lang), icon=":material/inbox:")
        nav.page_link("upload", t("go_upload", lang), ":material/upload_file:")
        return

    table = batches_table(batches, lang)
    widgets.number_table(
        table,
        lang,
        plain=(t("col_batch", lang),),
        height=min(38 + 35 * len(table), 300),
        column_config={
            t("col_file", lang): st.column_config.TextColumn(width="medium"),
            t("col_status", lang): st.column_config.TextColumn(width="medium"),
        },
    )

    sidebar_filters.bound("batch", BATCH_KEY, [b.id for b in batches], batches[0].id)
    batch = uploads.pick_batch(t("batch_pick", lang), batches, BATCH_KEY, lang)
    st.markdown(f"{batch.counts_text(lang)} · {look.md(status(batch, lang))}")
    if batch.kind == "writeoffs":
        st.subheader(t("history_acts", lang))
        st.dataframe(acts_table(engine, batch, lang), hide_index=True, width="stretch")
    with st.expander(t("report_title", lang), expanded=False, icon=":material/fact_check:"):
        problems = widgets.report_table(batch.report, lang)
        if problems.empty:
            st.caption(t("batch_report_clean", lang))
        else:
            st.dataframe(
                problems,
                hide_index=True,
                width="stretch",
                column_config={t("col_message", lang): st.column_config.TextColumn(width="large")},
            )
            widgets.download_csv(problems, f"batch-{batch.id}-report", lang, key=f"batch_report_{batch.id}")
    if batch.active:
        rollback_section(engine, session, batch, lang)


def rollback_refusal(engine: Engine, batch_id: int) -> store.RollbackResult | None:
    """Why ``batch_id`` cannot be rolled back (the store's dry run, which changes nothing), or None if it can;
    asked once per batch and store version, as any import or rollback may change the answer."""
    checked: dict[tuple[int, str], store.RollbackResult | None] = st.session_state.setdefault(CHECKED, {})
    key = (batch_id, store.version(engine))
    if key not in checked:
        result = store.rollback(engine, batch_id, dry_run=True)
        checked[key] = None if result.ok else result
    return checked[key]


def rollback_section(engine: Engine, session: auth.Session | None, batch: store.Batch, lang: str) -> None:
    """Ask, show what will change, then roll back; only to those who may roll this batch back, and only for a
    batch that can be: for one that cannot (a later batch depends on it), why not, and no button."""
    if not auth.can(session, "rollback", batch):
        if auth.can(session, "rollback_own"):  # an officer looking at someone else's batch: say whom to ask
            st.caption(t("auth_not_own_batch", lang, batch=batch.id, owner=look.md(batch.user or "—")))
        return
    refused = rollback_refusal(engine, batch.id)
    if refused is not None:  # said before anyone is asked to confirm, and no button to press
        st.info(refused.explain(lang), icon=":material/block:")
        return
    if st.session_state.get(PENDING) != batch.id:
        if st.button(t("rollback_button", lang), icon=":material/undo:", key="rollback_ask"):
            st.session_state[PENDING] = batch.id
            st.rerun()
        return
    st.warning(
        t(
            "rollback_preview",
            lang,
            batch=batch.id,
            removed=fmt_int(batch.new + batch.updated, lang),
            restored=fmt_int(batch.updated, lang),
        ),
        icon=":material/warning:",
    )
    yes_col, no_col, _ = st.columns([2, 1, 3])
    if yes_col.button(t("rollback_confirm", lang, batch=batch.id), type="primary", key="rollback_yes"):
        st.session_state.pop(PENDING, None)
        with errors.guarded(lang):
            outcome = actions.rollback_as(engine, identity.session(), batch.id)
            if outcome.ok:
                st.session_state["rollback_flash"] = t("rollback_done", lang, batch=batch.id)
                uploads.forget_previews()
                st.rerun()
            st.error(outcome.explain(lang), icon=":material/block:")
    if no_col.button(t("rollback_cancel", lang), key="rollback_no"):
        st.session_state.pop(PENDING, None)
        st.rerun()


if __name__ == "__main__":  # Streamlit opened this file as the script (see pages.ui.nav.run_directly)
    nav.run_directly()
