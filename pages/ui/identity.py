"""Who a run acts for: the session kept between runs, and forgetting it with everything its user left behind."""

from __future__ import annotations

import streamlit as st

from geo import auth

SESSION_KEY = "auth_session"
# Every key a page keeps for its user (the file being checked, pending confirmations, flashes) starts with its page's
# prefix, so none outlives its user: signing in or out drops the keys with these prefixes.
PER_USER_PREFIXES = ("upload_", "rollback_", "admin_", "audit_", "review_")


def session() -> auth.Session | None:
    """Who this run acts for, as signin.resume checked it at the start of the run; None for the public."""
    kept = st.session_state.get(SESSION_KEY)
    return kept if isinstance(kept, auth.Session) else None


def forget_user_state() -> None:
    """Drop the session and every page's state for its user."""
    st.session_state.pop(SESSION_KEY, None)
    for key in [k for k in st.session_state if str(k).startswith(PER_USER_PREFIXES)]:
        st.session_state.pop(key, None)
