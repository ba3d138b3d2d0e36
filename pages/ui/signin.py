"""Signing in and out: the session checked at the start of every run, the sign-in form and its callback, and the
organisation's OIDC provider when one is configured."""

from __future__ import annotations

import logging
from collections.abc import Mapping

import streamlit as st

from geo import audit, auth
from geo.i18n import t
from pages.ui.database import engine
from pages.ui.errors import failure_text, guarded
from pages.ui.identity import SESSION_KEY, forget_user_state
from pages.ui.look import embedded, md
from pages.ui.nav import FRONT_PAGE, NAV_KEY

SIGN_IN_FAILURE_KEY = "sign_in_failure"
AUTH_FLASH_KEY = "auth_flash"

log = logging.getLogger(__name__)


def resume() -> auth.Session | None:
    """Check the kept session against the store, once at the start of every run (app.py).

    An expired session, or one whose account was disabled or removed, signs the browser out; the role is read
    again, so a changed role applies at once and a session forged with another role gets the stored one. With OIDC
    configured, a signed-in identity whose e-mail belongs to an active account starts a session; when that session
    ends, the identity is signed out too.
    """
    kept = st.session_state.get(SESSION_KEY)
    kept = kept if isinstance(kept, auth.Session) else None
    current = auth.resume_session(engine(), kept)
    if current is None and kept is not None:
        forget_user_state()
        st.session_state[AUTH_FLASH_KEY] = "auth_session_expired"
        if kept.via == "oidc" and oidc_signed_in():
            st.logout()  # or the identity cookie would sign the browser straight back in
            return None
    if current is None and kept is None and oidc_signed_in():
        current = _oidc_session()
    if current is None:
        st.session_state.pop(SESSION_KEY, None)
    else:
        st.session_state[SESSION_KEY] = current
    return current


def oidc_providers() -> list[str | None] | None:
    """The OIDC providers of ``[auth]`` in .streamlit/secrets.toml: ``[None]`` for one unnamed provider, the names of
    ``[auth.NAME]`` sections otherwise; None when OIDC is not configured (no secrets file, no ``[auth]``)."""
    try:
        section = st.secrets.get("auth")
    except (FileNotFoundError, KeyError, TypeError, ValueError):  # no secrets file, or one that does not parse
        return None
    if not isinstance(section, Mapping):
        return None
    named: list[str | None] = [name for name, value in section.items() if isinstance(value, Mapping)]
    return named or [None]


def oidc_signed_in() -> bool:
    """True when st.user holds an identity from the OIDC provider (never inside an iframe: Streamlit refuses it)."""
    if oidc_providers() is None or embedded():
        return False
    try:
        return bool(st.user.get("is_logged_in"))
    except Exception:  # noqa: BLE001 - no identity is the safe answer
        return False


def _oidc_session() -> auth.Session | None:
    """A session for the OIDC identity's account (matched by e-mail), or None and a message saying why not."""
    claimed = st.user.get("email")
    email = claimed if isinstance(claimed, str) else None
    if st.user.get("email_verified") is False:  # a provider that says the address is unproven
        email = None
    user = auth.user_for_email(engine(), email)
    if user is None:
        st.session_state[SIGN_IN_FAILURE_KEY] = ("auth_oidc_unknown", {"email": md(email or "—")})
        return None
    audit.record(engine(), user.name, "sign_in", details={"via": "oidc"})
    return auth.start_session(user, via="oidc")


def _sign_in() -> None:
    """The sign-in form's callback: runs before the script, so the run it triggers is already signed in."""
    name = str(st.session_state.get("sign_in_name") or "")
    password = str(st.session_state.get("sign_in_password") or "")
    st.session_state["sign_in_password"] = ""  # never kept past the attempt
    try:
        outcome = (
            auth.authenticate(engine(), name, password) if name.strip() and password else auth.LoginFailure("invalid")
        )
    except Exception as exc:  # a callback's failure would otherwise reach the page as a trace
        log.exception("sign-in failed: %s", type(exc).__name__)
        st.session_state[SIGN_IN_FAILURE_KEY] = failure_text(exc)
        return
    if isinstance(outcome, auth.LoginFailure):
        st.session_state[SIGN_IN_FAILURE_KEY] = outcome
        return
    forget_user_state()
    st.session_state["sign_in_name"] = ""
    st.session_state[SESSION_KEY] = auth.start_session(outcome)


def account_sidebar(current: auth.Session | None, lang_code: str) -> None:
    """The sidebar's account box: who is signed in and a sign-out button, or the sign-in form (name and password,
    and the organisation's OIDC provider when configured)."""
    side = st.sidebar
    flash = st.session_state.pop(AUTH_FLASH_KEY, None)
    if flash:
        side.info(t(flash, lang_code), icon=":material/timer_off:")
    if current is not None:
        side.caption(
            t("auth_signed_in_as", lang_code, name=md(current.name), role=auth.role_label(current.role, lang_code))
        )
        if side.button(t("auth_sign_out", lang_code), key="sign_out", icon=":material/logout:"):
            was_oidc = current.via == "oidc"
            forget_user_state()
            if was_oidc and oidc_signed_in():
                st.logout()
            st.switch_page(st.session_state[NAV_KEY][FRONT_PAGE])  # back to the public front page
        return
    sign_in_form(lang_code)
    sign_in_failure(lang_code)
    providers = oidc_providers()
    if providers is not None and not embedded():
        for provider in providers:
            label = t("auth_sign_in_oidc", lang_code) + (f" ({provider})" if provider and len(providers) > 1 else "")
            if side.button(label, key=f"sign_in_oidc_{provider or ''}", icon=":material/badge:", width="stretch"):
                with guarded(lang_code):  # without Authlib installed, Streamlit refuses: said, not shown as a trace
                    st.login(provider)


def sign_in_form(lang_code: str) -> None:
    """The name and password form in the sidebar; submitting it runs :func:`_sign_in`."""
    with st.sidebar.form("sign_in", border=True, enter_to_submit=True):
        st.markdown(f"**{t('auth_staff_sign_in', lang_code)}**")
        st.text_input(t("auth_user_name", lang_code), key="sign_in_name", autocomplete="username", max_chars=200)
        st.text_input(
            t("auth_password", lang_code),
            key="sign_in_password",
            type="password",
            autocomplete="current-password",
            max_chars=auth.MAX_PASSWORD_LENGTH,
        )
        st.form_submit_button(
            t("auth_sign_in", lang_code),
            type="primary",
            key="sign_in_submit",
            icon=":material/login:",
            on_click=_sign_in,
            width="stretch",
        )


def sign_in_failure(lang_code: str) -> None:
    """Why the last attempt failed: a wrong name or password, the store, or an OIDC identity without an account
    (which may sign out)."""
    side = st.sidebar
    failure = st.session_state.pop(SIGN_IN_FAILURE_KEY, None)
    if isinstance(failure, auth.LoginFailure):
        side.error(failure.message(lang_code), icon=":material/lock:")
    elif failure is not None:
        code, params = failure
        side.error(t(code, lang_code, **params), icon=":material/lock:")
        if code == "auth_oidc_unknown" and side.button(
            t("auth_sign_out", lang_code), key="oidc_sign_out", icon=":material/logout:"
        ):
            st.logout()
