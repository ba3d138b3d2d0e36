"""Review: the uploads submitted for approval, each with what approving it now would do; approve or reject it."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st
from sqlalchemy.engine import Engine

from geo import actions, auth, store, viewport
from geo.columns import TEXT_LIMITS
from geo.i18n import fmt_int, fmt_moment, t
from geo.validate import validate_file
from pages.ui import database, errors, identity, look, nav, uploads, widgets
from pages.upload import PREVIEW_FIGURES, focus_map, preview_section

BATCH_KEY = "review_batch"
FLASH = "review_flash"
CHECKED = "review_checked"  # (batch, store version) -> what approving it would do: asked once per store version
# The totals before and after approval: the upload preview's, and the surviving trees.
REVIEW_FIGURES = (*PREVIEW_FIGURES, ("kpi_surviving", "surviving", fmt_int))


def render() -> None:
    """The review page (supervisors and administrators): the queue, one upload's report and effect, the decision."""
    lang, session = nav.open_page("review")
    engine = database.engine()
    auth.require(session, auth.REVIEW)
    st.title(t("review_title", lang))
    st.caption(t("review_caption", lang))
    flash = st.session_state.pop(FLASH, None)
    if flash is not None:
        st.success(flash, icon=":material/check_circle:")

    queue = store.submitted(engine)
    if not queue:
        st.info(t("review_empty", lang), icon=":material/inbox:")
        return
    if st.session_state.get(BATCH_KEY) not in {b.id for b in queue}:
        st.session_state[BATCH_KEY] = queue[0].id
    batch = uploads.pick_batch(t("review_pick", lang), queue, BATCH_KEY, lang)
    when = fmt_moment(batch.created_at, lang)
    st.markdown(t("review_submitted_by", lang, when=when, user=look.md(batch.user or "—")))
    review_section(engine, session, batch, lang)


def review_section(engine: Engine, session: auth.Session | None, batch: store.Batch, lang: str) -> None:
    """The upload checked against the store now (report, counts, figures before and after, its plots on a map),
    then Approve, or Reject with a reason; for one's own upload, why someone else must decide."""
    result = reviewed(engine, batch.id)
    staged = store.staged_upload(engine, batch.id)
    if result is None or staged is None:
        st.info(t("review_gone", lang), icon=":material/block:")
        return
    data, options = staged
    problems = widgets.report_table(result.report, lang)
    with st.expander(t("report_title", lang), expanded=not problems.empty, icon=":material/fact_check:"):
        if problems.empty:
            st.caption(t("batch_report_clean", lang))
        else:
            widgets.problems_table(problems, lang)
    st.markdown(f"**{t('review_now', lang)}**")
    preview_section(result, data, batch.filename, lang, options.get("layer"), REVIEW_FIGURES)
    if batch.kind != "plots":  # a plots file's own plots are on the preview's map
        planted_plots_map(engine, batch, data, options, lang)
    if not auth.can(session, auth.REVIEW, batch):
        st.info(t("auth_own_batch_review", lang, batch=batch.id), icon=":material/group:")
        return
    approve_col, _ = st.columns([1, 3])
    if approve_col.button(t("review_approve", lang), type="primary", icon=":material/verified:", key="review_approve"):
        decide(lambda who: actions.approve_as(engine, who, batch.id), lang)
    reason = st.text_area(t("review_reason", lang), key=f"review_reason_{batch.id}", max_chars=TEXT_LIMITS["reason"])
    if st.button(t("review_reject", lang), icon=":material/block:", key="review_reject"):
        decide(lambda who: actions.reject_as(engine, who, batch.id, reason), lang)


def reviewed(engine: Engine, batch_id: int) -> store.ImportResult | None:
    """:func:`geo.store.review` of ``batch_id``, computed once per store version in this session (typing a reason
    reruns the page; only an import, approval or rollback can change the answer)."""
    checked: dict[tuple[int, str], store.ImportResult | None] = st.session_state.setdefault(CHECKED, {})
    key = (batch_id, store.version(engine))
    if key not in checked:
        checked.clear()
        checked[key] = store.review(engine, batch_id)
    return checked[key]


def planted_plots_map(engine: Engine, batch: store.Batch, data: bytes, options: dict, lang: str) -> None:
    """The store's map around the plots a plantings, surveys or write-offs upload names."""
    validated = validate_file(data, batch.filename, kind=batch.kind, sheet=options.get("sheet"))
    records = getattr(validated, batch.kind)  # the records of the upload's kind
    bounds = viewport.plots_extent_of(engine, records["plot_id"]) if records is not None else None
    if bounds is None:
        return
    st.caption(t("review_plots_map", lang))
    focus_map(viewport.StoreSource(engine), bounds, lang, "review_map")


def decide(decision: Callable[[auth.Session | None], store.Decision], lang: str) -> None:
    """Run an approval or rejection for the signed-in user: done, to the next upload; refused, why."""
    with errors.guarded(lang):
        outcome = decision(identity.session())
        if outcome.ok:
            st.session_state[FLASH] = outcome.explain(lang)
            st.session_state.pop(BATCH_KEY, None)
            st.rerun()
        st.error(outcome.explain(lang), icon=":material/block:")


if __name__ == "__main__":  # Streamlit opened this file as the script (see pages.ui.nav.run_directly)
    nav.run_directly()
