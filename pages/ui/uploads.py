"""An upload's preview, computed once per user, file and option in a session, and forgotten once it is stale; the
batch picker of the pages that show one batch (History, Review)."""

from __future__ import annotations

import streamlit as st
from sqlalchemy.engine import Engine

from geo import actions, auth, store
from geo.i18n import fmt_moment, t

PREVIEW_KEY = "upload_preview"  # under the upload page's prefix: forgotten with its user (pages.ui.identity)


def cached_preview(
    engine_: Engine,
    who: auth.Session | None,
    data: bytes,
    filename: str,
    kind: str | None,
    skip_invalid: bool,
    layer: str | None = None,
) -> store.ImportResult:
    """The store's preview of an upload (of its ``layer``, for a file of several), computed once per user, file and
    option in this session (nothing is written); refused unless ``who`` may upload."""
    key = (auth.require(who, "upload").name, store.sha256(data), filename, kind, skip_invalid, layer)
    kept = st.session_state.get(PREVIEW_KEY)
    if kept is None or kept[0] != key:
        options = {"kind": kind, "skip_invalid": skip_invalid, "layer": layer}
        kept = (key, actions.preview_as(engine_, who, data, filename, **options))
        st.session_state[PREVIEW_KEY] = kept
    return kept[1]


def forget_previews() -> None:
    st.session_state.pop(PREVIEW_KEY, None)


def pick_batch(label: str, batches: list[store.Batch], key: str, lang: str) -> store.Batch:
    """A select box of ``batches`` (number, file and when, under ``key``); the one chosen."""
    by_id = {b.id: b for b in batches}
    chosen = st.selectbox(
        label,
        list(by_id),
        key=key,
        format_func=lambda i: t(
            "batch_label", lang, batch=i, file=by_id[i].filename, when=fmt_moment(by_id[i].created_at, lang)
        ),
    )
    return by_id[chosen]
