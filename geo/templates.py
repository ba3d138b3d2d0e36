"""Empty upload files to fill in: the columns of each kind the data contract names, headed in the officer's language.

CSV templates are what Excel in a Russian or Kazakh locale opens as columns at once: UTF-8 with a BOM, ``;`` between
cells. XLSX templates have the headers bold, frozen, and wide enough to read.
"""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font

from geo.i18n import column_name, pick_lang

FORMATS = ("csv", "xlsx")
MIME = {"csv": "text/csv", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
CSV_DELIMITER = ";"  # Excel's list separator in the ru-RU and kk-KZ locales
# Each kind's columns (DATA-CONTRACT.md), required ones first.
COLUMNS: dict[str, tuple[str, ...]] = {
    "plots": ("plot_id", "region", "lon", "lat", "area_ha", "name", "partner", "forestry", "block", "compartment"),
    "plantings": ("plot_id", "date", "species", "planted", "surviving", "survey_date", "operation", "area_ha"),
    "surveys": ("plot_id", "date", "species", "survey_date", "alive", "counted", "survey", "sample_plot"),
    "writeoffs": ("plot_id", "date", "reason", "act", "species", "planting_date"),
}
TEMPLATE_KINDS = tuple(COLUMNS)
# A column whose meaning differs in one kind: the write-off's ``date`` is the act's date, not the planting's.
HEADERS_OF_KIND: dict[tuple[str, str], dict[str, str]] = {
    ("writeoffs", "date"): {"en": "date", "ru": "дата акта", "kk": "акт күні"},
}
MIN_WIDTH, MAX_WIDTH = 12, 40  # characters, for an XLSX column


def header(kind: str, column: str, lang: str) -> str:
    """The header of ``column`` in a ``kind`` sheet in ``lang``: the one name of each column in each language, for
    the templates here and for the survey sheet ``geo sample`` writes (geo.surveys)."""
    lang = pick_lang(lang, "en")
    return HEADERS_OF_KIND.get((kind, column), {}).get(lang) or column_name(column, lang)


def headers(kind: str, lang: str) -> list[str]:
    """The header row of a ``kind`` template in ``lang``."""
    return [header(kind, c, lang) for c in COLUMNS[kind]]


def template(kind: str, lang: str, fmt: str) -> bytes:
    """An empty ``kind`` upload file in ``fmt`` (csv or xlsx) with the headers in ``lang``."""
    if kind not in COLUMNS:
        raise ValueError(f"kind must be one of {TEMPLATE_KINDS}, not {kind!r}")
    names = headers(kind, lang)
    if fmt == "csv":
        return csv_bytes([names])
    if fmt == "xlsx":
        return xlsx_bytes([names], sheet=kind)
    raise ValueError(f"format must be one of {FORMATS}, not {fmt!r}")


def file_name(kind: str, lang: str, fmt: str) -> str:
    return f"orman-{kind}-{pick_lang(lang, 'en')}.{fmt}"


def csv_bytes(rows: list[list[str]]) -> bytes:
    """Rows as CSV that Excel in a Russian locale opens as columns: UTF-8 with BOM, ``;``, CRLF."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=CSV_DELIMITER, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def xlsx_bytes(rows: list[list[str]], sheet: str, header_row: int = 1) -> bytes:
    """Rows as one sheet of an XLSX workbook, every cell text (a leading '=' stays text, never a formula); the
    header row (1-based) bold and frozen under it."""
    book = Workbook()
    ws = book.active
    ws.title = sheet[:31]
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value == "":
                continue
            cell = ws.cell(row=r, column=c)
            cell.value = value
            cell.data_type = "s"
            if r == header_row:
                cell.font = Font(bold=True)
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    for c in range(1, ws.max_column + 1):
        letter = ws.cell(row=1, column=c).column_letter
        longest = max((len(str(row[c - 1])) for row in rows if c - 1 < len(row)), default=0)
        ws.column_dimensions[letter].width = max(MIN_WIDTH, min(MAX_WIDTH, longest + 2))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
