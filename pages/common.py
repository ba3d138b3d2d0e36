"""What every page shares: the language, the store, who is signed in, the filters, guarded actions, KPI cards
and downloads.

This is the Streamlit side only; every figure comes from ``geo`` and every permission from ``geo.auth``.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import streamlit as st
from sqlalchemy.engine import Engine

from geo import actions, auth, charts, db, progress, queries, store
from geo.export import neutralise_formulas
from geo.i18n import DEFAULT_LANG, LANGS, fmt_date, pick_lang, t
from geo.i18n.ui import UI
from geo.palette import AMBER, GREEN, GREEN_DARK
from geo.programme import NATIONAL_FIGURES
from geo.regions import region_name
from geo.report import Report

LANG_KEY = "lang"
LANG_NAMES = {"kk": "ҚАЗ", "ru": "РУС", "en": "ENG"}
FILTERS_KEY = "filters"
FILTER_FIELDS = ("region", "partner", "species", "year")


CSS = f"""
<style>
.orman-kpis {{ display: grid; grid-template-columns: repeat(auto-fit, minmax(132px, 1fr)); gap: 10px;
  margin: 4px 0 12px; }}
.orman-kpi {{ background: #F4F8F4; border: 1px solid #D5E4D6; border-left: 5px solid {GREEN};
  border-radius: 8px; padding: 8px 12px; min-width: 0; }}
.orman-kpi .label {{ font-size: 0.8rem; color: #4A5D4E; line-height: 1.25; overflow-wrap: anywhere; }}
.orman-kpi .value {{ font-size: 1.35rem; font-weight: 700; color: {GREEN_DARK}; line-height: 1.25;
  white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }}
.orman-kpi .sub {{ font-size: 0.78rem; color: #5B6B5E; line-height: 1.3; }}
.orman-kpi.warn {{ border-left-color: {AMBER}; }}
.orman-context {{ background: #FAFAF5; border: 1px dashed #B8B89A; border-radius: 8px; padding: 4px 16px 12px; }}
.block-container {{ padding-top: 2.2rem; }}
[data-testid="stAppDeployButton"] {{ display: none; }}
h1 {{ font-size: 2.1rem !important; }}
</style>
"""


def lang() -> str:
    """The language this session reads: set by the sidebar switch, ``?lang=``, or the browser."""
    if LANG_KEY not in st.session_state:
        wanted = st.query_params.get("lang") or _browser_locale()
        st.session_state[LANG_KEY] = pick_lang(wanted, DEFAULT_LANG)
    return st.session_state[LANG_KEY]


def _browser_locale() -> str | None:
    try:
        return st.context.locale
    except AttributeError:  # a Streamlit without st.context.locale
        return None


def language_switch() -> str:
    """The sidebar's kk/ru/en switch; keeps ``?lang=`` in the address so a shared link opens in that language."""
    current = lang()
    chosen = st.sidebar.segmented_control(
        t("lang_label", current),
        LANGS,
        default=current,
        format_func=LANG_NAMES.get,
        key="_lang_switch",
        label_visibility="collapsed",
    )
    if chosen and chosen != current:
        st.session_state[LANG_KEY] = chosen
        st.query_params["lang"] = chosen
        st.rerun()
    return current


@st.cache_resource(show_spinner=False)
def _engine(url: str) -> Engine:
    return db.get_engine(url)


def engine() -> Engine:
    """The store, opened (and migrated) once per process for the URL in ORMAN_DB_URL."""
    return _engine(db.database_url())


@contextmanager
def guarded(lang_code: str) -> Iterator[None]:
    """Run a page or an action; a refusal says why in the user's language, any other failure becomes a short
    error message, never a traceback."""
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
    except Exception as exc:  # noqa: BLE001 - the last line between a failure and the user
        st.error(t("error_generic", lang_code, detail=type(exc).__name__))


def css() -> None:
    st.markdown(CSS, unsafe_allow_html=True)  # constant text: no user data


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$])")


def md(text: object) -> str:
    """User text (a name, a file name) made literal inside Markdown: no emphasis, links, images or HTML."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", "" if text is None else str(text))


def embedded() -> bool:
    """True inside an iframe opened with ``?embed=true`` (Streamlit's embed mode)."""
    try:
        return bool(st.context.is_embedded)
    except AttributeError:  # a Streamlit without st.context.is_embedded
        return False


# --- who is signed in ---------------------------------------------------------------------------------------------

SESSION_KEY = "auth_session"
SIGN_IN_FAILURE_KEY = "sign_in_failure"
AUTH_FLASH_KEY = "auth_flash"
NAV_KEY = "nav_pages"  # page name -> st.Page, set by app.py on every run
FRONT_PAGE = "home"  # app.py's page at "/"
# What a session keeps between runs that must not outlive its user: the file being checked, pending confirmations.
PER_USER_KEYS = (
    "upload_preview",
    "upload_done",
    "upload_skip_invalid",
    "rollback_pending",
    "rollback_flash",
    "admin_disable_pending",
    "admin_flash",
)


def session() -> auth.Session | None:
    """Who this run acts for, as :func:`resume` checked it at the start of the run; None for the public."""
    kept = st.session_state.get(SESSION_KEY)
    return kept if isinstance(kept, auth.Session) else None


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
        _forget_user_state()
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


def _forget_user_state() -> None:
    st.session_state.pop(SESSION_KEY, None)
    for key in PER_USER_KEYS:
        st.session_state.pop(key, None)


def oidc_providers() -> list[str | None] | None:
    """The OIDC providers of ``[auth]`` in .streamlit/secrets.toml: ``[None]`` for one unnamed provider, the names of
    ``[auth.NAME]`` sections otherwise; None when OIDC is not configured (no secrets file, no ``[auth]``)."""
    try:
        section = st.secrets.get("auth")
    except (FileNotFoundError, KeyError, TypeError, ValueError):  # no secrets file, or one that does not parse
        return None
    if not isinstance(section, Mapping):
        return None
    named = [name for name, value in section.items() if isinstance(value, Mapping)]
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
    email = st.user.get("email")
    if st.user.get("email_verified") is False:  # a provider that says the address is unproven
        email = None
    user = auth.user_for_email(engine(), email)
    if user is None:
        st.session_state[SIGN_IN_FAILURE_KEY] = ("auth_oidc_unknown", {"email": md(email or "—")})
        return None
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
    except Exception as exc:  # noqa: BLE001 - a callback's failure would otherwise reach the page as a trace
        st.session_state[SIGN_IN_FAILURE_KEY] = ("error_generic", {"detail": type(exc).__name__})
        return
    if isinstance(outcome, auth.LoginFailure):
        st.session_state[SIGN_IN_FAILURE_KEY] = outcome
        return
    _forget_user_state()
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
            _forget_user_state()
            if was_oidc and oidc_signed_in():
                st.logout()
            st.switch_page(st.session_state[NAV_KEY][FRONT_PAGE])  # back to the public front page
        return
    with side.form("sign_in", border=True, enter_to_submit=True):
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
    failure = st.session_state.pop(SIGN_IN_FAILURE_KEY, None)
    if isinstance(failure, auth.LoginFailure):
        side.error(failure.message(lang_code), icon=":material/lock:")
    elif failure is not None:  # the store failed, or an OIDC identity without an account (which may sign out)
        code, params = failure
        side.error(t(code, lang_code, **params), icon=":material/lock:")
        if code == "auth_oidc_unknown" and side.button(
            t("auth_sign_out", lang_code), key="oidc_sign_out", icon=":material/logout:"
        ):
            st.logout()
    providers = oidc_providers()
    if providers is not None and not embedded():
        for provider in providers:
            label = t("auth_sign_in_oidc", lang_code) + (f" ({provider})" if provider and len(providers) > 1 else "")
            if side.button(label, key=f"sign_in_oidc_{provider or ''}", icon=":material/badge:", width="stretch"):
                with guarded(lang_code):  # without Authlib installed, Streamlit refuses: said, not shown as a trace
                    st.login(provider)


def open_page(name: str) -> tuple[str, auth.Session | None]:
    """What every page does first: refuse (server-side, whatever the menu showed) unless the signed-in user may
    open ``name``; returns the reader's language and the session."""
    current = session()
    auth.require_page(current, name)
    return lang(), current


def page_link(name: str, label: str, icon: str) -> None:
    """A link to another page of the app, shown only to those who may open it."""
    target = st.session_state.get(NAV_KEY, {}).get(name)
    if target is not None and auth.can_see(session(), name):
        st.page_link(target, label=label, icon=icon)


def run_directly() -> None:
    """Run the whole app when Streamlit executes a pages/ file as the script itself.

    A pages/ folder beside app.py makes Streamlit run a deep link such as ``/public`` on the first request after the
    server starts (and AppTest on every rerun) as that file, without app.py; each page module ends by calling this,
    so the page still comes with app.py's navigation, sign-in and permission checks.
    """
    import app  # noqa: PLC0415 - app imports the pages; importing it at the top would be circular

    app.main()


@dataclass(frozen=True)
class Kpi:
    label: str
    value: str
    sub: str = ""
    warn: bool = False
    help: str = ""


def kpi_cards(cards: list[Kpi]) -> None:
    """A row of KPI cards that wraps instead of overflowing on a 13-inch screen."""

    def card(k: Kpi) -> str:
        cls = "orman-kpi warn" if k.warn else "orman-kpi"
        title = f' title="{html.escape(k.help)}"' if k.help else ""
        return (
            f'<div class="{cls}"{title}><div class="label">{html.escape(k.label)}</div>'
            f'<div class="value">{html.escape(k.value)}</div><div class="sub">{html.escape(k.sub)}</div></div>'
        )

    st.markdown(f'<div class="orman-kpis">{"".join(card(k) for k in cards)}</div>', unsafe_allow_html=True)


# --- filters shared by the map and the progress pages -------------------------------------------------------------


def filters() -> dict[str, list]:
    """The current filters: field -> chosen values (empty = all)."""
    return st.session_state.setdefault(FILTERS_KEY, {f: [] for f in FILTER_FIELDS})


def _keep(field: str) -> None:
    filters()[field] = list(st.session_state[f"_filter_{field}"])


def _clear() -> None:
    st.session_state[FILTERS_KEY] = {f: [] for f in FILTER_FIELDS}
    for f in FILTER_FIELDS:
        st.session_state.pop(f"_filter_{f}", None)


def filter_sidebar(options: dict[str, list], labels: dict[str, dict], lang_code: str) -> dict[str, list]:
    """Multiselects for region, partner, species and year in the sidebar, kept across pages.

    ``options``: field -> values offered; ``labels``: field -> {value: shown text}.
    """
    current = filters()
    side = st.sidebar
    side.subheader(t("filters_title", lang_code))
    side.caption(t("filters_caption", lang_code))
    for field in FILTER_FIELDS:
        values = options.get(field, [])
        chosen = [v for v in current.get(field, []) if v in values]
        key = f"_filter_{field}"
        st.session_state[key] = chosen
        names = labels.get(field, {})
        side.multiselect(
            t(f"filter_{field}", lang_code),
            values,
            key=key,
            on_change=_keep,
            args=(field,),
            format_func=lambda v, names=names: names.get(v, str(v)),
            placeholder=t("filter_all", lang_code),
        )
        current[field] = chosen
    if any(current.values()):
        side.button(t("filters_reset", lang_code), on_click=_clear, icon=":material/filter_alt_off:")
    return current


# --- tables and downloads -----------------------------------------------------------------------------------------


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV that Excel opens with the right letters (UTF-8 with BOM) and that runs no formula."""
    buffer = io.StringIO()
    neutralise_formulas(frame).to_csv(buffer, index=False)
    return buffer.getvalue().encode("utf-8-sig")


def download_csv(frame: pd.DataFrame, name: str, lang_code: str, key: str, label: str | None = None) -> None:
    st.download_button(
        label or t("download_csv", lang_code),
        csv_bytes(frame),
        file_name=f"{name}.csv",
        mime="text/csv",
        key=key,
        icon=":material/download:",
        on_click="ignore",
    )


# --- figures the overview shows -----------------------------------------------------------------------------------


def survival_adjusted(figures: dict) -> int | None:
    """Trees planted times the survival measured at the latest surveys; None before any survey."""
    return progress.expected_alive(figures["planted"], figures.get("survival"))


def national_context(lang_code: str) -> None:
    """The national figures as the government reported them, with dates, set apart from the programme's data."""
    st.divider()
    st.subheader(t("context_title", lang_code))
    st.caption(t("context_caption", lang_code))

    def when(value: object) -> str:
        if isinstance(value, date):
            return fmt_date(value, lang_code)
        return t(value, lang_code) if value in UI else str(value)

    rows = [
        {
            t("context_col_when", lang_code): when(w),
            t("context_col_figure", lang_code): t(f, lang_code),
            t("context_col_source", lang_code): t(s, lang_code),
        }
        for w, f, s in NATIONAL_FIGURES
    ]
    target_col, survival_col = st.columns(2, gap="medium")
    target_col.info(t("context_target", lang_code), icon=":material/flag:")
    survival_col.warning(t("context_survival", lang_code), icon=":material/eco:")
    st.table(pd.DataFrame(rows), hide_index=True, border="horizontal")


# --- the first run ---------------------------------------------------------------------------------------------------

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def empty_state(lang_code: str) -> None:
    """What an empty store shows: the two file formats, sample files, and demo data in one click."""
    st.info(f"**{t('empty_title', lang_code)}** — {t('empty_body', lang_code)}", icon=":material/park:")
    plots_col, plantings_col = st.columns(2, gap="large")
    with plots_col:
        st.markdown(t("empty_plots", lang_code))
        st.download_button(
            t("sample_plots", lang_code),
            (SAMPLES / "plots.geojson").read_bytes(),
            file_name="orman-sample-plots.geojson",
            mime="application/geo+json",
            icon=":material/download:",
            on_click="ignore",
            key="sample_plots",
        )
    with plantings_col:
        st.markdown(t("empty_plantings", lang_code))
        st.download_button(
            t("sample_plantings", lang_code),
            (SAMPLES / "plantings.csv").read_bytes(),
            file_name="orman-sample-plantings.csv",
            mime="text/csv",
            icon=":material/download:",
            on_click="ignore",
            key="sample_plantings",
        )
    demo_col, upload_col = st.columns(2, gap="large")
    if auth.can(session(), "load_demo"):
        with demo_col:
            demo_button(lang_code)
    with upload_col:
        page_link("upload", t("go_upload", lang_code), ":material/upload_file:")


def demo_button(lang_code: str) -> None:
    """One click fills an empty store with DEMO data (administrators; refused server-side to anyone else, and
    refused once the store holds data, so generated figures never mix with the programme's own)."""
    if st.button(
        t("demo_button", lang_code),
        type="primary",
        icon=":material/auto_awesome:",
        help=t("demo_help", lang_code),
        key="load_demo",
    ):
        with guarded(lang_code), st.spinner(t("demo_loading", lang_code)):
            if progress.summary(engine())["plots"]:
                st.warning(t("admin_demo_not_empty", lang_code), icon=":material/block:")
                return
            actions.load_demo_as(engine(), session())
            st.rerun()


def shared_filters(lang_code: str) -> queries.Filters:
    """The sidebar filters the map and progress pages share, as geo.queries Filters."""
    options = progress.filter_options(engine())
    values = {
        "region": options["regions"],
        "partner": options["partners"],
        "species": options["species"],
        "year": options["years"],
    }
    labels = {
        "region": {code: region_name(code, lang_code) for code in values["region"]},
        "partner": {"": t("no_partner", lang_code)},
    }
    chosen = filter_sidebar(values, labels, lang_code)
    return queries.Filters(
        regions=tuple(chosen["region"]),
        partners=tuple(chosen["partner"]),
        species=tuple(chosen["species"]),
        years=tuple(int(y) for y in chosen["year"]),
    )


def chart_with_table(chart: object, table: pd.DataFrame, name: str, lang_code: str) -> None:
    """A chart, its figures as a table, and both as downloads (CSV; PNG where the chart can be rendered)."""
    if table.empty:
        st.info(t("no_data", lang_code), icon=":material/info:")
        return
    st.altair_chart(chart, width="stretch")
    downloads = st.container(horizontal=True)
    with downloads:
        download_csv(table, name, lang_code, key=f"csv_{name}")
    if charts.PNG_AVAILABLE:
        downloads.download_button(
            t("download_png", lang_code),
            lambda: charts.png(chart),
            file_name=f"{name}.png",
            mime="image/png",
            key=f"png_{name}",
            icon=":material/image:",
            on_click="ignore",
        )
    with st.expander(t("view_table", lang_code), icon=":material/table:"):
        st.dataframe(table, hide_index=True, width="stretch")


# --- uploads and batches --------------------------------------------------------------------------------------------

PREVIEW_KEY = "upload_preview"


def cached_preview(
    engine_: Engine, who: auth.Session | None, data: bytes, filename: str, kind: str | None, skip_invalid: bool
) -> store.ImportResult:
    """The store's preview of an upload, computed once per user, file and option in this session (nothing is
    written); refused unless ``who`` may upload."""
    auth.require(who, "upload")
    key = (who.name, store.sha256(data), filename, kind, skip_invalid)
    kept = st.session_state.get(PREVIEW_KEY)
    if kept is None or kept[0] != key:
        kept = (key, actions.preview_as(engine_, who, data, filename, kind=kind, skip_invalid=skip_invalid))
        st.session_state[PREVIEW_KEY] = kept
    return kept[1]


def forget_previews() -> None:
    st.session_state.pop(PREVIEW_KEY, None)


def report_table(report: Report, lang_code: str) -> pd.DataFrame:
    """Errors then warnings as rows (type, row, column, message in the reader's language)."""
    found = report.to_json(lang_code)
    rows = [
        (t(level, lang_code), p["row"], p["column"], p["message"])
        for level, key in (("level_error", "errors"), ("level_warning", "warnings"))
        for p in found[key]
    ]
    columns = [t(k, lang_code) for k in ("col_level", "col_row", "col_column", "col_message")]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.astype({columns[1]: "Int64"})


def fmt_when(moment: datetime, lang_code: str, short: bool = False) -> str:
    """A batch's time as the reader writes dates, in UTC (the store keeps UTC)."""
    return f"{fmt_date(moment.date(), lang_code, 'short' if short else 'medium')} {moment:%H:%M} UTC"


if __name__ == "__main__":  # Streamlit opened this file as the script (see run_directly)
    run_directly()
