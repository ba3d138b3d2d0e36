"""Excel and OpenDocument workbooks (.xlsx, .xlsm, .xls, .ods) read through python-calamine, as cells of text."""

from __future__ import annotations

import io
import math
import zipfile
from datetime import date, datetime, time

import pandas as pd

from geo.formats import OLE_MAGIC, ZIP_MAGIC
from geo.readers.base import Unreadable, short

_ZIP_ERRORS = (zipfile.BadZipFile, OSError, ValueError, KeyError, RuntimeError, NotImplementedError, EOFError)


def is_workbook(data: bytes) -> bool:
    """True for an Excel or OpenDocument workbook, by its bytes whatever its name."""
    if data.startswith(OLE_MAGIC):
        return True
    if not data.startswith(ZIP_MAGIC):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
    except _ZIP_ERRORS:
        return False
    return "xl/workbook.xml" in names or mimetype.startswith(b"application/vnd.oasis.opendocument.spreadsheet")


def _cell_text(value: object) -> str:
    """A spreadsheet cell as the text an officer would type: dates ISO, whole numbers without '.0'."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def read_workbook(data: bytes, sheet: str | None, nrows: int | None = None) -> pd.DataFrame:
    """The cells of the first sheet (or of ``sheet``, in any case) as text; the first ``nrows`` rows only if given."""
    try:
        book = pd.ExcelFile(io.BytesIO(data), engine="calamine")
        names = [str(name) for name in book.sheet_names]
        name: str | int = 0
        if sheet is not None:
            wanted = [n for n in names if n.strip().casefold() == sheet.strip().casefold()]
            if not wanted:
                raise Unreadable("no_sheet", sheet=sheet, sheets=", ".join(names))
            name = wanted[0]
        frame = pd.read_excel(book, sheet_name=name, header=None, dtype=object, nrows=nrows)
    except Unreadable:
        raise
    except Exception as exc:  # noqa: BLE001 - the workbook reader's own errors: a damaged or foreign file
        raise Unreadable("bad_table", detail=short(exc)) from None
    frame.columns = range(frame.shape[1])
    return frame.map(_cell_text).astype(str)
