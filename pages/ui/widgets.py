"""Widgets several pages draw the same way: KPI cards, charts (with their table and downloads), a CSV download,
and a validation report as a table."""

from __future__ import annotations

import html
import io
from dataclasses import dataclass
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from geo import charts, templates
from geo.export import neutralise_formulas, xlsx_bytes
from geo.i18n import fmt_int, t
from geo.report import Report


def st_folium(*args: Any, **kwargs: Any) -> Any:
    """streamlit_folium's ``st_folium``, imported at its first call, inside a script run: a component declared
    outside a run is never registered with the server (its iframe answers 404), and `streamlit run app.py` imports
    app.py and so the pages before any run (st.App, see app.py)."""
    from streamlit_folium import st_folium as draw  # noqa: PLC0415 - see above

    return draw(*args, **kwargs)


REPORT_ROWS_SHOWN = 200  # problems listed on the page; a file with more has them all in the downloads


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


def download_xlsx(frame: pd.DataFrame, name: str, lang_code: str, key: str) -> None:
    """The table as an Excel workbook (numbers stay numbers, text stays text), beside its CSV."""
    st.download_button(
        t("download_xlsx", lang_code),
        lambda: xlsx_bytes(frame, name),
        file_name=f"{name}.xlsx",
        mime=templates.MIME["xlsx"],
        key=key,
        icon=":material/table_view:",
        on_click="ignore",
    )


def chart(figure: alt.TopLevelMixin) -> None:
    """A chart from geo.charts, as wide as its column."""
    # Streamlit draws any Altair top-level chart (it reads its spec); its overloads name only the concrete classes.
    st.altair_chart(figure, width="stretch")  # type: ignore[call-overload]


def chart_with_table(figure: alt.TopLevelMixin, table: pd.DataFrame, name: str, lang_code: str) -> None:
    """A chart, its figures as a table, and both as downloads (CSV; PNG where the chart can be rendered)."""
    if table.empty:
        st.info(t("no_data", lang_code), icon=":material/info:")
        return
    chart(figure)
    downloads = st.container(horizontal=True)
    with downloads:
        download_csv(table, name, lang_code, key=f"csv_{name}")
    if charts.PNG_AVAILABLE:
        downloads.download_button(
            t("download_png", lang_code),
            lambda: charts.png(figure),
            file_name=f"{name}.png",
            mime="image/png",
            key=f"png_{name}",
            icon=":material/image:",
            on_click="ignore",
        )
    with st.expander(t("view_table", lang_code), icon=":material/table:"):
        st.dataframe(table, hide_index=True, width="stretch")


def report_table(report: Report, lang_code: str) -> pd.DataFrame:
    """Errors then warnings as rows: type, row (a feature counted from 1), the column as the file heads it, and
    the message in the reader's language."""
    rows = [
        (
            t(f"level_{level}", lang_code),
            None if p.row is None else p.row + (1 if report.by_feature else 0),
            p.column_shown(lang_code, report.headers) or "",
            report.describe(p, lang_code)["message"],
        )
        for level, p in report.shown()
    ]
    where = "col_feature" if report.by_feature else "col_row"
    columns = [t(k, lang_code) for k in ("col_level", where, "col_column", "col_message")]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.astype({columns[1]: "Int64"})


def problems_table(problems: pd.DataFrame, lang_code: str) -> None:
    """A report table whose messages wrap, never cut off; the first REPORT_ROWS_SHOWN rows (the downloads hold
    all of them)."""
    shown = problems.head(REPORT_ROWS_SHOWN).astype(object).where(problems.head(REPORT_ROWS_SHOWN).notna(), "")
    st.table(shown.style.hide(axis="index"))
    if len(problems) > REPORT_ROWS_SHOWN:
        st.caption(
            t(
                "report_shown_first",
                lang_code,
                shown=fmt_int(REPORT_ROWS_SHOWN, lang_code),
                total=fmt_int(len(problems), lang_code),
            )
        )
