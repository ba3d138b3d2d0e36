"""Administration: the accounts (list, disable), the store's settings (sign-off) and demo data. Accounts are created
on the server's command line."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import streamlit as st
from sqlalchemy.engine import Engine

from geo import actions, auth, progress, settings
from geo.i18n import fmt_moment, t
from pages.ui import database, errors, first_run, identity, look, nav

PENDING = "admin_disable_pending"
FLASH = "admin_flash"


def users_table(users: list[auth.User], lang: str) -> pd.DataFrame:
    """Every account with its role, e-mail, status, creation and last sign-in (never a password hash)."""

    def when(moment: datetime | None) -> str:
        return fmt_moment(moment, lang) if moment is not None else "—"

    return pd.DataFrame(
        {
            t("col_user", lang): [u.name for u in users],
            t("col_role", lang): [auth.role_label(u.role, lang) for u in users],
            t("col_email", lang): [u.email or "—" for u in users],
            t("col_status", lang): [
                t("auth_status_disabled" if u.disabled else "auth_status_active", lang) for u in users
            ],
            t("col_created", lang): [when(u.created_at) for u in users],
            t("col_last_login", lang): [when(u.last_login_at) for u in users],
        }
    )


def render() -> None:
    """The administration page (administrators only)."""
    lang, session = nav.open_page("admin")
    engine = database.engine()
    auth.require(session, "manage_users")
    st.title(t("admin_title", lang))
    flash = st.session_state.pop(FLASH, None)
    if flash is not None:
        st.success(flash, icon=":material/check_circle:")

    st.subheader(t("admin_users", lang))
    st.markdown(t("admin_add_on_server", lang))
    users = auth.list_users(engine)
    if users:
        st.dataframe(users_table(users, lang), hide_index=True, width="stretch", height=min(38 + 35 * len(users), 320))
    disable_section(engine, session, users, lang)
    settings_section(engine, lang)

    st.subheader(t("admin_demo_title", lang))
    if progress.summary(engine)["plots"]:
        st.caption(t("admin_demo_not_empty", lang))
    else:
        st.caption(t("demo_help", lang))
        first_run.demo_button(lang)


def settings_section(engine: Engine, lang: str) -> None:
    """The sign-off switch: uploads wait for a supervisor's approval, or count at once."""
    st.subheader(t("admin_settings", lang))
    current = settings.sign_off(engine)
    wanted = st.toggle(
        t("admin_sign_off", lang), value=current, help=t("admin_sign_off_help", lang), key="admin_sign_off"
    )
    if wanted != current:
        value = settings.ON if wanted else settings.OFF
        with errors.guarded(lang):
            actions.change_setting_as(engine, identity.session(), settings.SIGN_OFF, value)
            st.session_state[FLASH] = t("admin_setting_saved", lang, name=settings.SIGN_OFF, value=value)
            st.rerun()


def disable_section(engine: Engine, session: auth.Session | None, users: list[auth.User], lang: str) -> None:
    """Pick an active account (not one's own) and disable it after a confirmation."""
    own = session.name if session is not None else None
    active = [u.name for u in users if not u.disabled and u.name != own]
    if not active:
        return
    pick_col, button_col = st.columns([3, 2], gap="medium", vertical_alignment="bottom")
    name = pick_col.selectbox(t("admin_disable_pick", lang), active, key="admin_disable_user")
    if st.session_state.get(PENDING) != name:
        if button_col.button(t("admin_disable_button", lang), icon=":material/person_off:", key="admin_disable_ask"):
            st.session_state[PENDING] = name
            st.rerun()
        return
    st.warning(t("admin_disable_confirm_text", lang, name=look.md(name)), icon=":material/warning:")
    yes_col, no_col, _ = st.columns([2, 1, 3])
    if yes_col.button(t("admin_disable_yes", lang, name=name), type="primary", key="admin_disable_yes"):
        st.session_state.pop(PENDING, None)
        with errors.guarded(lang):
            done = actions.disable_user_as(engine, identity.session(), name)
            st.session_state[FLASH] = t("auth_user_disabled", lang, name=done.name)
            st.rerun()
    if no_col.button(t("rollback_cancel", lang), key="admin_disable_no"):
        st.session_state.pop(PENDING, None)
        st.rerun()


if __name__ == "__main__":  # Streamlit opened this file as the script (see pages.ui.nav.run_directly)
    nav.run_directly()
