"""What every page shares: the language, the store, the filters, guarded actions, KPI cards and downloads.

This is the Streamlit side only; every figure comes from ``geo``.
"""

from __future__ import annotations

import html
import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import streamlit as st
from sqlalchemy.engine import Engine

from geo import charts, db, progress, store
from geo.export import neutralise_formulas
from geo.i18n import DEFAULT_LANG, LANGS, fmt_date, pick_lang, t
from geo.i18n.ui import UI
from geo.regions import region_name
from geo.report import Report

LANG_KEY = "lang"
LANG_NAMES = {"kk": "ҚАЗ", "ru": "РУС", "en": "ENG"}
FILTERS_KEY = "filters"
FILTER_FIELDS = ("region", "partner", "species", "year")

# The forest-green palette every page and chart uses.
GREEN_DARK = "#1B5E20"
GREEN = "#2E7D32"
GREEN_LIGHT = "#A5D6A7"
AMBER = "#F0A202"

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
        t("lang_label", current), LANGS, default=current, format_func=LANG_NAMES.get, key="_lang_switch",
        label_visibility="collapsed")
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
    """Run an action; any failure becomes an error message in the user's language, never a traceback."""
    try:
        yield
    except Exception as exc:  # noqa: BLE001 - the last line between a failure and the user
        st.error(t("error_generic", lang_code, detail=type(exc).__name__))


def css() -> None:
    st.markdown(CSS, unsafe_allow_html=True)


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
        return (f'<div class="{cls}"{title}><div class="label">{html.escape(k.label)}</div>'
                f'<div class="value">{html.escape(k.value)}</div><div class="sub">{html.escape(k.sub)}</div></div>')
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
        side.multiselect(t(f"filter_{field}", lang_code), values, key=key, on_change=_keep, args=(field,),
                         format_func=lambda v, names=names: names.get(v, str(v)),
                         placeholder=t("filter_all", lang_code))
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
    st.download_button(label or t("download_csv", lang_code), csv_bytes(frame), file_name=f"{name}.csv",
                       mime="text/csv", key=key, icon=":material/download:", on_click="ignore")


# --- figures the overview shows -----------------------------------------------------------------------------------

def survival_adjusted(figures: dict) -> int | None:
    """Trees planted times the survival measured at the latest surveys; None before any survey."""
    survival = figures.get("survival")
    return None if survival is None else round(figures["planted"] * survival)


# The government's reported national figures (FACTS.md): (when, figure key, source key), oldest first.
NATIONAL_FIGURES = (
    ("context_2021_when", "context_2021", "source_forestry_committee"),
    ("context_2022_when", "context_2022", "source_forestry_committee"),
    ("2021–2023", "context_2023", "source_fc_press"),
    ("2021–2024", "context_2024", "source_ministry"),
    (date(2025, 12, 4), "context_2025a", "source_kazinform"),
    (date(2025, 12, 19), "context_2025b", "source_kazinform"),
)


def national_context(lang_code: str) -> None:
    """The national figures as the government reported them, with dates, set apart from the programme's data."""
    st.divider()
    st.subheader(t("context_title", lang_code))
    st.caption(t("context_caption", lang_code))

    def when(value: object) -> str:
        if isinstance(value, date):
            return fmt_date(value, lang_code)
        return t(value, lang_code) if value in UI else str(value)

    rows = [{t("context_col_when", lang_code): when(w), t("context_col_figure", lang_code): t(f, lang_code),
             t("context_col_source", lang_code): t(s, lang_code)} for w, f, s in NATIONAL_FIGURES]
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
        st.download_button(t("sample_plots", lang_code), (SAMPLES / "plots.geojson").read_bytes(),
                           file_name="orman-sample-plots.geojson", mime="application/geo+json",
                           icon=":material/download:", on_click="ignore", key="sample_plots")
    with plantings_col:
        st.markdown(t("empty_plantings", lang_code))
        st.download_button(t("sample_plantings", lang_code), (SAMPLES / "plantings.csv").read_bytes(),
                           file_name="orman-sample-plantings.csv", mime="text/csv", icon=":material/download:",
                           on_click="ignore", key="sample_plantings")
    demo_col, upload_col = st.columns(2, gap="large")
    if demo_col.button(t("demo_button", lang_code), type="primary", icon=":material/auto_awesome:",
                       help=t("demo_help", lang_code), key="load_demo"):
        with guarded(lang_code), st.spinner(t("demo_loading", lang_code)):
            load_demo(engine())
            st.rerun()
    upload_col.page_link("views/upload.py", label=t("go_upload", lang_code), icon=":material/upload_file:")


def shared_filters(lang_code: str) -> progress.Filters:
    """The sidebar filters the map and progress pages share, as geo.progress Filters."""
    options = progress.filter_options(engine())
    values = {"region": options["regions"], "partner": options["partners"], "species": options["species"],
              "year": options["years"]}
    labels = {"region": {code: region_name(code, lang_code) for code in values["region"]},
              "partner": {"": t("no_partner", lang_code)}}
    chosen = filter_sidebar(values, labels, lang_code)
    return progress.Filters(regions=tuple(chosen["region"]), partners=tuple(chosen["partner"]),
                            species=tuple(chosen["species"]), years=tuple(int(y) for y in chosen["year"]))


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
        downloads.download_button(t("download_png", lang_code), lambda: charts.png(chart), file_name=f"{name}.png",
                                mime="image/png", key=f"png_{name}", icon=":material/image:", on_click="ignore")
    with st.expander(t("view_table", lang_code), icon=":material/table:"):
        st.dataframe(table, hide_index=True, width="stretch")


# --- uploads and batches --------------------------------------------------------------------------------------------

PREVIEW_KEY = "upload_preview"


def current_user() -> str | None:
    """The name recorded with a batch: the signed-in user once sign-in exists."""
    return st.session_state.get("user_name")


def cached_preview(engine_: Engine, data: bytes, filename: str, kind: str | None,
                   skip_invalid: bool) -> store.ImportResult:
    """The store's preview of an upload, computed once per file and option in this session (nothing is written)."""
    key = (store.sha256(data), filename, kind, skip_invalid)
    kept = st.session_state.get(PREVIEW_KEY)
    if kept is None or kept[0] != key:
        kept = (key, store.preview(engine_, data, filename, kind=kind, user=current_user(),
                                   skip_invalid=skip_invalid))
        st.session_state[PREVIEW_KEY] = kept
    return kept[1]


def forget_previews() -> None:
    st.session_state.pop(PREVIEW_KEY, None)


def report_table(report: Report, lang_code: str) -> pd.DataFrame:
    """Errors then warnings as rows (type, row, column, message in the reader's language)."""
    found = report.to_json(lang_code)
    rows = [(t(level, lang_code), p["row"], p["column"], p["message"])
            for level, key in (("level_error", "errors"), ("level_warning", "warnings")) for p in found[key]]
    columns = [t(k, lang_code) for k in ("col_level", "col_row", "col_column", "col_message")]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.astype({columns[1]: "Int64"})


def fmt_when(moment: datetime, lang_code: str, short: bool = False) -> str:
    """A batch's time as the reader writes dates, in UTC (the store keeps UTC)."""
    return f"{fmt_date(moment.date(), lang_code, 'short' if short else 'medium')} {moment:%H:%M} UTC"


def load_demo(engine_: Engine) -> None:
    """Fill the store with geo.demo's generated DEMO plots and plantings."""
    from geo import demo

    demo.load(engine_)
