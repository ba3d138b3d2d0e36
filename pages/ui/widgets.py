"""Widgets several pages draw the same way: KPI cards, charts (with their table and downloads), a CSV download,
and a validation report as a table. A signed-in reader's download is recorded in the audit trail as an export."""

from __future__ import annotations

import html
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from geo import audit, charts, templates
from geo.export import neutralise_formulas, xlsx_bytes
from geo.i18n import fmt_int, fmt_ints, fmt_nums, fmt_short, t
from geo.report import Report
from pages.ui import database, identity
from pages.ui.look import KPI_FIT_CHARS


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
    short: str = ""  # the value in short (4,73 млрд), shown instead where the card is too narrow for ``value``


def count(label: str, number: float | int | None, lang: str, sub: str = "", warn: bool = False, help: str = "") -> Kpi:
    """A card of a whole number: in full (4 733 740 123), or in short (4,73 млрд) where that would not fit; a
    dash for no number."""
    if number is None:
        return Kpi(label, "—", sub, warn, help)
    return Kpi(label, fmt_int(number, lang), sub, warn, help, fmt_short(number, lang))


def kpi_value(k: Kpi) -> str:
    """A card's figure as HTML: the full figure, and its short form with the full one on hover where it has one
    (the page's CSS shows the short form in a card narrower than the full one needs)."""
    full = html.escape(k.value)
    if not k.short or k.short == k.value:
        return full
    return f'<span class="full">{full}</span><span class="short" title="{full}">{html.escape(k.short)}</span>'


def kpi_cards(cards: list[Kpi]) -> None:
    """A row of KPI cards that wraps instead of overflowing, from a 390 px phone to a wide screen; a figure too
    long for its card is shown in short."""

    def card(k: Kpi) -> str:
        cls = "orman-kpi warn" if k.warn else "orman-kpi"
        if k.short and k.short != k.value:
            cls += f" fit-{min(max(len(k.value), KPI_FIT_CHARS.start), KPI_FIT_CHARS.stop - 1)}"
        title = f' title="{html.escape(k.help)}"' if k.help else ""
        return (
            f'<div class="{cls}"{title}><div class="label">{html.escape(k.label)}</div>'
            f'<div class="value">{kpi_value(k)}</div><div class="sub">{html.escape(k.sub)}</div></div>'
        )

    # st.html draws the cards as they are; Markdown would first fetch and run its HTML parser (rehype-raw), the
    # longest wait before the public page's first figure shows (benchmarks/load.py)
    st.html(f'<div class="orman-kpis">{"".join(card(k) for k in cards)}</div>')


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV that Excel opens with the right letters (UTF-8 with BOM) and that runs no formula."""
    buffer = io.StringIO()
    neutralise_formulas(frame).to_csv(buffer, index=False)
    return buffer.getvalue().encode("utf-8-sig")


def recorded(make: Callable[[], bytes], file_name: str, rows: int) -> Callable[[], bytes]:
    """A download's bytes, made when it is clicked (on a thread of Streamlit's own), and for a signed-in reader the
    download recorded in the audit trail as an export by them (the public's downloads are of public figures)."""
    who = identity.session()
    engine = database.engine() if who is not None else None

    def download() -> bytes:
        if who is not None and engine is not None:
            fmt = file_name.rpartition(".")[2]
            audit.record(engine, who.name, "export", file_name, {"format": fmt, "rows": rows})
        return make()

    return download


def download_csv(frame: pd.DataFrame, name: str, lang_code: str, key: str, label: str | None = None) -> None:
    st.download_button(
        label or t("download_csv", lang_code),
        recorded(lambda: csv_bytes(frame), f"{name}.csv", len(frame)),
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
        recorded(lambda: xlsx_bytes(frame, name), f"{name}.xlsx", len(frame)),
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


def localised(frame: pd.DataFrame, lang_code: str, digits: int = 1, plain: tuple[str, ...] = ()) -> Styler:
    """The table as the reader writes numbers (12 500 and 66,5 in kk and ru; 12,500 and 66.5 in en), whole
    numbers as such and the others to ``digits`` decimals, empty where there is none; the ``plain`` columns
    (numbers that name something, such as a batch) as they are. Only what the page shows: the cells stay numbers,
    so sorting a column sorts numbers, and the downloads take the frame itself."""
    whole = [c for c in frame if pd.api.types.is_integer_dtype(frame[c]) and c not in plain]
    decimal = [c for c in frame if pd.api.types.is_float_dtype(frame[c])]
    return (
        frame.style.hide(axis="index")
        .format(lambda v: fmt_ints([v], lang_code)[0], subset=whole, na_rep="")
        .format(lambda v: fmt_nums([v], lang_code, digits)[0], subset=decimal, na_rep="")
    )


def number_table(
    frame: pd.DataFrame,
    lang_code: str,
    help: dict[str, str] | None = None,
    plain: tuple[str, ...] = (),
    column_config: dict[str, Any] | None = None,
    **options: Any,
) -> None:
    """A table on the page with its numbers localised (`localised`, ``plain`` columns as they are) and, for the
    columns ``help`` names, what they hold on hovering their header."""
    config = {name: st.column_config.Column(help=text) for name, text in (help or {}).items() if name in frame}
    st.dataframe(
        localised(frame, lang_code, plain=plain),
        hide_index=True,
        width="stretch",
        column_config={**config, **(column_config or {})},
        **options,
    )


def chart_with_table(
    figure: alt.TopLevelMixin, table: pd.DataFrame, name: str, lang_code: str, help: dict[str, str] | None = None
) -> None:
    """A chart, its figures as a table (numbers as the reader writes them, ``help`` on the columns it names), and
    both as downloads (CSV with plain numbers; PNG where the chart can be rendered)."""
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
            recorded(lambda: charts.png(figure), f"{name}.png", len(table)),
            file_name=f"{name}.png",
            mime="image/png",
            key=f"png_{name}",
            icon=":material/image:",
            on_click="ignore",
        )
    with st.expander(t("view_table", lang_code), icon=":material/table:"):
        number_table(table, lang_code, help)


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
