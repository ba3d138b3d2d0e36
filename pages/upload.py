"""Upload: check a file, show what it would change, and write it only when the officer confirms."""

from __future__ import annotations

import streamlit as st
from sqlalchemy.engine import Engine

from geo import actions, annotate, auth, db, mapview, progress, store, templates
from geo.i18n import fmt_int, fmt_moment, fmt_num, message, t
from geo.report import Problem, Report
from geo.validate import KINDS as FILE_KINDS
from geo.validate import UPLOAD_TYPES, infer_kind, validate_file
from pages.ui import database, errors, identity, look, nav, uploads, widgets

KINDS = ("auto", *FILE_KINDS)
FILE_TYPES = list(UPLOAD_TYPES)  # what the readers read; any other file is refused with the reason, in words
REJECTED_MAP_HEIGHT = 320
PREVIEW_MARGIN = 0.3  # share of the plots' extent left around them on the preview map
MB = 1024 * 1024
OWN_DECISIONS_LOOKBACK = 20  # the latest batches searched for the officer's uploads awaiting a decision or rejected
# Problems of a file holding several layers, as the app words them: it offers the layers (the problem's
# ``choices``) in a list, where the command line's message names its --layer option.
LAYER_CHOICE_WORDING = {
    "several_layers": "several_layers_app",
    "zip_several_datasets": "zip_several_datasets_app",
    "no_polygon_layer": "no_polygon_layer_app",
}
# The totals a preview shows before and after the upload: label, figure, format.
PREVIEW_FIGURES = (
    ("kpi_planted", "planted", fmt_int),
    ("kpi_gap_filled", "gap_filled", fmt_int),
    ("kpi_sown", "sown_ha", fmt_num),
    ("kpi_plots", "plots", fmt_int),
    ("kpi_area", "area_ha", fmt_num),
    ("kpi_written_off", "written_off", fmt_int),
)


def max_upload_mb() -> int:
    """The upload limit in megabytes: Streamlit's ``server.maxUploadSize`` (.streamlit/config.toml)."""
    return int(st.get_option("server.maxUploadSize"))


def too_large(size: int, lang: str) -> str | None:
    """Why a file of ``size`` bytes is refused, or None. The server refuses such a file before it arrives; this is
    the same limit checked again here, before the file is read."""
    limit = max_upload_mb()
    if size <= limit * MB:
        return None
    return t("upload_too_large", lang, size=fmt_num(size / MB, lang), limit=fmt_int(limit, lang))


def refused_type(filename: str, lang: str) -> str | None:
    """Why a file is refused for its type (in the reader's language, naming the types Orman reads), or None.

    The uploader takes any file, so that a wrong type gets this sentence rather than the browser's own English."""
    suffix = filename.rsplit(".", 1)[1].casefold() if "." in filename.strip(".") else ""
    if suffix in FILE_TYPES:
        return None
    shown = f".{suffix}" if suffix else t("upload_no_suffix", lang)
    return t("upload_type_refused", lang, suffix=shown, accepted=", ".join(f".{s}" for s in FILE_TYPES))


def accepted(result: store.ImportResult) -> bool:
    """True when the upload was (or, for a preview, would be) stored, or is already there."""
    return result.already or result.batch is not None or (result.before is not None and result.after is not None)


def render() -> None:
    """The upload page (officers and administrators): file → report → preview → confirm → batch."""
    lang, session = nav.open_page("upload")
    engine = database.engine()
    st.title(t("upload_title", lang))
    st.caption(t("upload_intro", lang))

    done = st.session_state.pop("upload_done", None)
    if done is not None and done.get("submitted"):
        st.success(t("import_submitted", lang, batch=done["batch"]), icon=":material/hourglass_top:")
    elif done is not None:
        st.success(
            t(
                "import_done",
                lang,
                batch=done["batch"],
                new=fmt_int(done["new"], lang),
                updated=fmt_int(done["updated"], lang),
                unchanged=fmt_int(done["unchanged"], lang),
            ),
            icon=":material/check_circle:",
        )

    own_decisions(engine, session, lang)
    generation = st.session_state.setdefault("upload_generation", 0)
    look.uploader_words(lang, max_upload_mb())
    file_col, kind_col = st.columns([3, 2], gap="large")
    uploaded = file_col.file_uploader(
        t("upload_label", lang),
        type=None,
        key=f"upload_file_{generation}",
        help=t("upload_limit", lang, limit=fmt_int(max_upload_mb(), lang)),
    )
    choice = kind_col.selectbox(
        t("upload_kind", lang), KINDS, key="upload_kind", format_func=lambda k: t(f"kind_{k}", lang)
    )

    if uploaded is None:
        with st.expander(
            t("empty_title", lang) if progress.summary(engine)["plots"] == 0 else t("upload_kind", lang), expanded=False
        ):
            st.markdown(t("empty_plots", lang))
            st.markdown(t("empty_plantings", lang))
            st.markdown(t("empty_surveys", lang))
        templates_section(lang)
        return

    refused = too_large(uploaded.size, lang) or refused_type(uploaded.name, lang)
    if refused is not None:
        uploads.forget_previews()
        st.error(refused, icon=":material/block:")
        templates_section(lang)
        return
    data, filename = uploaded.getvalue(), uploaded.name
    kind = None if choice == "auto" else choice
    if kind is None and infer_kind(filename) is None:
        st.warning(t("upload_kind_unknown", lang), icon=":material/help:")
        return

    skip_invalid = bool(st.session_state.get("upload_skip_invalid", False))
    with st.spinner(t("upload_checking", lang)):
        result = uploads.cached_preview(engine, session, data, filename, kind, skip_invalid)
    choices = layer_choices(result.report)
    layer = None
    if choices:
        layer = st.selectbox(
            t("upload_layer", lang),
            choices,
            index=None,
            placeholder=t("upload_layer_placeholder", lang),
            key=f"upload_layer_{store.sha256(data)[:16]}",
        )
        if layer is None:  # nothing wrong yet: the file is read once a layer is chosen
            if result.report.unreadable is not None:
                st.info(in_app_words(result.report.unreadable, lang), icon=":material/layers:")
            return
        with st.spinner(t("upload_checking", lang)):
            result = uploads.cached_preview(engine, session, data, filename, kind, skip_invalid, layer)

    if result.already:
        batch = store.get_batch(engine, result.batch) if result.batch is not None else None
        when = fmt_moment(batch.created_at, lang) if batch is not None else "—"
        st.info(
            t("already_batch", lang, batch=result.batch, when=when),
            icon=":material/content_copy:",
        )
        nav.page_link("history", t("nav_history", lang), ":material/history:")
        return
    if not report_section(result, data, filename, skip_invalid, lang, layer):
        return
    preview_section(result, data, filename, lang, layer)

    if st.button(t("confirm_import", lang), type="primary", icon=":material/cloud_upload:", key="upload_confirm"):
        bar = st.progress(10, text=t("writing", lang))
        with errors.guarded(lang):
            committed = actions.import_as(
                engine, identity.session(), data, filename, kind=kind, skip_invalid=skip_invalid, layer=layer
            )
            bar.progress(100, text=t("writing", lang))
            if committed.committed or committed.already:
                st.session_state["upload_done"] = {
                    "batch": committed.batch,
                    "new": committed.new,
                    "updated": committed.updated,
                    "unchanged": committed.unchanged,
                    "submitted": committed.submitted,
                }
                st.session_state["upload_generation"] = generation + 1
                st.session_state.pop("upload_skip_invalid", None)
                uploads.forget_previews()
                st.rerun()
            st.error(t("import_rejected", lang), icon=":material/block:")


def own_decisions(engine: Engine, session: auth.Session | None, lang: str) -> None:
    """The signed-in officer's recent uploads that wait for approval or were rejected (with the reason), so that
    what became of an upload is said where it was made (sign-off)."""
    if session is None:
        return
    recent = store.history(engine, limit=OWN_DECISIONS_LOOKBACK)
    for batch in recent:
        if batch.user != session.name or batch.status not in (db.SUBMITTED, db.REJECTED):
            continue
        label = t("batch_label", lang, batch=batch.id, file=batch.filename, when=fmt_moment(batch.created_at, lang))
        if batch.status == db.SUBMITTED:
            st.info(f"{look.md(label)} · {t('batch_status_submitted', lang)}", icon=":material/hourglass_top:")
            continue
        when = fmt_moment(batch.decided_at, lang) if batch.decided_at is not None else "—"
        why = t("history_rejected", lang, when=when, user=batch.decided_by or "—", reason=batch.reason or "—")
        st.warning(look.md(f"{label} · {why}"), icon=":material/block:")


def layer_choices(report: Report) -> list[str]:
    """The layers to choose from when the file holds several (none chosen yet), else an empty list."""
    problem = report.unreadable
    if problem is None or problem.code not in LAYER_CHOICE_WORDING:
        return []
    return [str(choice) for choice in problem.params.get("choices") or []]


def in_app_words(problem: Problem, lang: str) -> str:
    """What to do with a file of several layers, in the app's words (choose in the list), not the command line's
    (its --layer option)."""
    return message(LAYER_CHOICE_WORDING.get(problem.code, problem.code), lang, **problem.params)


def report_section(
    result: store.ImportResult, data: bytes, filename: str, skip_invalid: bool, lang: str, layer: str | None = None
) -> bool:
    """The validation report (errors and warnings as a table, downloadable, and the file back with its problems);
    True when the file can be imported."""
    report = result.report
    st.subheader(t("report_title", lang))
    problems = widgets.report_table(report, lang)
    errors_ = t("count_errors", lang, count=len(report.errors))
    rows = t("count_plots" if report.by_feature else "count_rows", lang, count=report.rows)
    if report.unreadable is not None:
        st.error(t("report_unreadable", lang), icon=":material/error:")
    elif report.errors and skip_invalid:
        st.warning(t("report_skipping", lang, errors=errors_), icon=":material/rule:")
    elif report.errors:
        st.error(t("report_errors", lang, errors=errors_, rows=rows), icon=":material/error:")
    else:
        st.success(t("report_ok", lang, rows=rows), icon=":material/task_alt:")
    if report.warnings:
        warnings = t("count_warnings", lang, count=len(report.warnings))
        st.warning(t("report_warnings", lang, warnings=warnings), icon=":material/warning:")
    if not problems.empty:
        widgets.problems_table(problems, lang)
        downloads = st.container(horizontal=True)
        with downloads:
            widgets.download_csv(
                problems,
                f"{filename.rsplit('.', 1)[0]}-report",
                lang,
                key="report_csv",
                label=t("download_report", lang),
            )
            annotated_download(data, filename, report, lang, layer)
    rejected_map(data, filename, report, lang, layer)
    if report.errors and report.unreadable is None:
        st.checkbox(t("skip_invalid", lang), key="upload_skip_invalid", help=t("skip_invalid_help", lang))
    if accepted(result):
        return True
    if report.ok:
        st.info(t("preview_nothing", lang), icon=":material/info:")
    else:
        st.error(t("import_rejected", lang), icon=":material/block:")
    return False


def preview_section(
    result: store.ImportResult,
    data: bytes,
    filename: str,
    lang: str,
    layer: str | None = None,
    figures: tuple = PREVIEW_FIGURES,
) -> None:
    """What the import will change: counts, totals before and after (``figures``), and a map of the plots in the
    file."""
    st.subheader(t("preview_title", lang))
    widgets.kpi_cards(
        [
            widgets.Kpi(t("preview_new", lang), fmt_int(result.new, lang)),
            widgets.Kpi(t("preview_updated", lang), fmt_int(result.updated, lang)),
            widgets.Kpi(t("preview_unchanged", lang), fmt_int(result.unchanged, lang)),
            widgets.Kpi(t("preview_skipped", lang), fmt_int(result.skipped, lang), warn=result.skipped > 0),
        ]
    )
    before, after = result.before, result.after
    if before is not None and after is not None:  # a preview's totals before and after the upload
        widgets.kpi_cards(
            [
                widgets.Kpi(
                    t(key, lang),
                    fmt(after[name], lang),
                    t(
                        "preview_now",
                        lang,
                        before=fmt(before[name], lang),
                        change=("+" if after[name] >= before[name] else "") + fmt(after[name] - before[name], lang),
                    ),
                )
                for key, name, fmt in figures
            ]
        )
    if result.kind != "plots":
        return
    plots = validate_file(data, filename, kind=result.kind, layer=layer).plots
    if plots is None or not len(plots):
        return
    st.caption(t("preview_map", lang))
    focus_map(mapview.FrameSource(plots), tuple(plots.total_bounds), lang, "upload_preview_map")


def focus_map(source: mapview.MapSource, bounds: tuple[float, ...], lang: str, key: str) -> None:
    """The app's map of ``source`` fitted to ``bounds`` (west, south, east, north) with a margin around them."""
    west, south, east, north = bounds
    pad = max(east - west, north - south) * PREVIEW_MARGIN
    bbox = (west - pad, south - pad, east + pad, north + pad)
    view = mapview.View(zoom=mapview.bbox_zoom(bbox, 900, 320), bbox=bbox)
    base, drawn = mapview.app_map(source, view, lang, focus=bbox)
    widgets.st_folium(
        base,
        key=key,
        feature_group_to_add=drawn,
        returned_objects=[],
        height=320,
        use_container_width=True,
    )


def annotated_download(data: bytes, filename: str, report: Report, lang: str, layer: str | None = None) -> None:
    """The officer's own file with a column of problems in their language, when Orman can hand it back."""
    copy = annotate.annotated_copy(data, filename, report, lang, layer=layer)
    if copy is None:
        return
    st.download_button(
        t("download_annotated", lang),
        copy.data,
        file_name=copy.name,
        mime=copy.mime,
        key="report_annotated",
        icon=":material/edit_document:",
        help=t("download_annotated_help", lang),
        on_click="ignore",
    )


def rejected_map(data: bytes, filename: str, report: Report, lang: str, layer: str | None = None) -> None:
    """The features with errors (of any plots format), in red, each with what is wrong in its popup."""
    features = annotate.rejected_features(data, report, lang, filename, layer)
    if features.empty:
        return
    st.caption(t("rejected_map", lang))
    west, south, east, north = features.total_bounds
    pad = max(east - west, north - south, 0.01) * PREVIEW_MARGIN
    bbox = (west - pad, south - pad, east + pad, north + pad)
    center = ((bbox[1] + bbox[3]) / 2, (bbox[0] + bbox[2]) / 2)
    widgets.st_folium(
        mapview.base_map(lang, center=center, zoom=mapview.bbox_zoom(bbox, 900, REJECTED_MAP_HEIGHT)),
        key="upload_rejected_map",
        feature_group_to_add=mapview.rejected_layer(features, lang),
        center=center,
        zoom=mapview.bbox_zoom(bbox, 900, REJECTED_MAP_HEIGHT),
        returned_objects=[],
        height=REJECTED_MAP_HEIGHT,
        use_container_width=True,
    )


def templates_section(lang: str) -> None:
    """Empty files of each kind to fill in, with the headers in the reader's language (CSV and XLSX)."""
    with st.expander(t("templates_title", lang), icon=":material/table_view:"):
        st.caption(t("templates_caption", lang))
        for kind in templates.TEMPLATE_KINDS:
            row = st.container(horizontal=True, vertical_alignment="center")
            row.markdown(f"**{t(f'template_kind_{kind}', lang)}**", width=200)
            for fmt in templates.FORMATS:
                row.download_button(
                    fmt.upper(),
                    templates.template(kind, lang, fmt),
                    file_name=templates.file_name(kind, lang, fmt),
                    mime=templates.MIME[fmt],
                    key=f"template_{kind}_{fmt}",
                    icon=":material/download:",
                    on_click="ignore",
                )


if __name__ == "__main__":  # Streamlit opened this file as the script (see pages.ui.nav.run_directly)
    nav.run_directly()
