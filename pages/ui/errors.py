"""Failures turned into messages: a refusal says why in the reader's language, a failing store says what failed (its
driver's error logged on the server), anything else a short error, logged with its traceback on the server and never
shown to the reader."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import streamlit as st

from geo import auth, db
from geo.i18n import t
from pages.ui.look import embedded
from pages.ui.nav import page_link

log = logging.getLogger(__name__)


def generic_error(lang_code: str, exc: Exception) -> str:
    """What the reader is told of an unexpected failure (see :func:`failure_text`)."""
    code, params = failure_text(exc)
    return t(code, lang_code, **params)


def failure_text(exc: Exception) -> tuple[str, dict[str, Any]]:
    """The message key and its parameters for an unexpected failure: what failed if it was the store, else that
    something happened and its kind, no more."""
    failure = db.store_error(exc)
    if failure is not None:
        return failure.code, failure.params
    return "error_generic", {"detail": type(exc).__name__}


@contextmanager
def guarded(lang_code: str) -> Iterator[None]:
    """Run a page or an action; a refusal says why in the user's language, any other failure becomes a short
    error message, never a traceback (which goes to the server's log)."""
    try:
        yield
    except auth.PermissionDenied as refused:
        signed_out = refused.code.endswith("login_required")
        hint = f" {t('auth_use_sidebar', lang_code)}" if signed_out and not embedded() else ""
        st.warning(refused.message(lang_code) + hint, icon=":material/lock:")
        if signed_out:
            page_link("public", t("auth_see_public", lang_code), ":material/public:")
    except auth.UserError as refused:
        st.error(refused.message(lang_code), icon=":material/block:")
    except Exception as exc:  # the last line between a failure and the user
        failure = db.store_error(exc)
        if failure is None:
            log.exception("unexpected failure shown as %s", type(exc).__name__)
        else:
            log.warning("store failure shown as %s: %r", failure.code, exc.__cause__ or exc)
        st.error(generic_error(lang_code, exc), icon=":material/database:" if failure else None)
