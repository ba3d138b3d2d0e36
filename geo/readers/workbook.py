"""Excel and OpenDocument workbooks (.xlsx, .xlsm, .xls, .ods) read through python-calamine, as cells of text."""

from __future__ import annotations

import io
import math
import re
import zipfile
import zlib
from collections.abc import Iterator
from datetime import date, datetime, time

import pandas as pd
import python_calamine

from geo.formats import OLE_MAGIC, ZIP_MAGIC
from geo.readers.base import Unreadable, short
from geo.readers.limits import (
    MAX_CELL_CHARS,
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_INFLATED_BYTES,
    MAX_TAG_BYTES,
    cell_too_long,
    check_declared,
    column_letters,
    megabytes,
)

_ZIP_ERRORS = (zipfile.BadZipFile, OSError, ValueError, KeyError, RuntimeError, NotImplementedError, EOFError)
_PIECE = 1 << 20  # compressed bytes inflated at a time, and the most one step may inflate
_LOCAL_HEADER = 30
_XLSX_SHEET = re.compile(r"xl/worksheets/[^/]+\.xml", re.IGNORECASE)
_ODS_CONTENT = "content.xml"
# xlsx: references (of rows and cells), their rows, columns of two letters or more, and the worksheet's prefix
_REFS = b' r="'
_REF_ROWS = re.compile(rb' r="[A-Za-z]*(\d{1,12})"')
_REF_COLUMNS = re.compile(rb' r="([A-Za-z]{1,8})\d')
_ROOT = re.compile(rb"<(\w+:)?worksheet\b")
_ROW_START = re.compile(rb"<(?:\w+:)?row[\s/>]")
_CELL_START = re.compile(rb"<(?:\w+:)?c[\s/>]")
# ods: tables, rows and cells with their repeat counts
_ODS_TAG = re.compile(rb"<table:(table-row|table-cell|covered-table-cell|table)(?=[\s/>])([^>]*)>")
_ODS_ROWS = re.compile(rb"number-rows-repeated=\"(\d{1,12})\"")
_ODS_COLUMNS = re.compile(rb"number-columns-repeated=\"(\d{1,12})\"")


def is_workbook(data: bytes) -> bool:
    """True for an Excel or OpenDocument workbook, by its bytes whatever its name."""
    if data.startswith(OLE_MAGIC):
        return True
    if not data.startswith(ZIP_MAGIC):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            mimetype = b""
            if "mimetype" in names:
                with archive.open("mimetype") as member:  # its first bytes only: a member may be a bomb
                    mimetype = member.read(100)
    except _ZIP_ERRORS:
        return False
    return "xl/workbook.xml" in names or mimetype.startswith(b"application/vnd.oasis.opendocument.spreadsheet")


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - 64
    return number


def _inflated(data: bytes, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """The member's bytes as they really inflate, a piece at a time, whatever its ZIP directory declares: more
    than it declares is refused (the workbook reader would inflate it all)."""
    start = info.header_offset
    header = data[start : start + _LOCAL_HEADER]
    if len(header) < _LOCAL_HEADER or not header.startswith(b"PK\x03\x04"):
        raise Unreadable("bad_table", detail=f"damaged ZIP member {info.filename}")
    start += _LOCAL_HEADER + int.from_bytes(header[26:28], "little") + int.from_bytes(header[28:30], "little")
    raw = memoryview(data)[start : start + info.compress_size]
    if info.compress_type == zipfile.ZIP_STORED:
        for at in range(0, len(raw), _PIECE):
            yield bytes(raw[at : at + _PIECE])
        return
    if info.compress_type != zipfile.ZIP_DEFLATED:
        raise Unreadable("bad_table", detail=f"ZIP compression method {info.compress_type}")
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    produced = 0
    try:
        for at in range(0, len(raw), _PIECE):
            pending = bytes(raw[at : at + _PIECE])
            while pending:
                out = inflater.decompress(pending, _PIECE)
                pending = inflater.unconsumed_tail
                produced += len(out)
                if produced > info.file_size:
                    raise Unreadable("workbook_lies", member=info.filename, size=megabytes(info.file_size))
                yield out
                if inflater.eof:
                    return
    except zlib.error as exc:
        raise Unreadable("bad_table", detail=short(exc)) from None


class _SheetExtent:
    """The rectangle a worksheet's XML makes the reader hold, read as it inflates: the last row and column any
    cell names, or that rows and cells without references reach by counting (xlsx), or by their repeat counts
    (ods)."""

    def __init__(self, ods: bool) -> None:
        self.ods = ods
        self.carry = b""
        self.rows = self.columns = 0
        self.prefix: bytes | None = None  # xlsx: the worksheet's namespace prefix (b"" for none)
        self.cells = 0  # xlsx: cells
        self.row_cells = 0  # xlsx: cells so far in the row being read
        self.row_count = 0  # xlsx: rows started
        self.row_at = 0  # ods: the row being read, and its repeat count and column
        self.repeat = 0  # (no row before the first)
        self.column_at = 0

    def feed(self, chunk: bytes) -> None:
        text = self.carry + chunk
        cut = text.rfind(b"<")
        if cut >= 0 and text.find(b">", cut) < 0:  # a tag cut by the piece: read it with the next one
            text, self.carry = text[:cut], text[cut:]
            if len(self.carry) > MAX_TAG_BYTES:
                raise Unreadable("bad_table", detail="an XML tag of more than 64 KB")
        else:
            self.carry = b""
        self._ods(text) if self.ods else self._xlsx(text)
        self.check()

    def _xlsx(self, text: bytes) -> None:
        """Counts with bytes.count and two regular expressions over the references: a 30 MB sheet scans in about
        half a second, a sixth of what reading it takes. Only a sheet whose rows or cells go without references
        (no Excel writes one) is read row by row, to count the cells each row reaches."""
        if self.prefix is None:
            root = _ROOT.search(text)
            self.prefix = (root.group(1) or b"") if root else b""
        tag = b"<" + self.prefix
        cells = sum(text.count(tag + b"c" + end) for end in (b" ", b">", b"/>"))
        rows = sum(text.count(tag + b"row" + end) for end in (b" ", b">", b"/>"))
        self.cells += cells
        self.row_count += rows
        self.rows = max(self.rows, max(map(int, set(_REF_ROWS.findall(text))), default=0))
        self.columns = max(self.columns, max(map(_column_number, set(_REF_COLUMNS.findall(text))), default=0))
        if text.count(_REFS) < cells + rows:  # some rows or cells are placed by counting
            self.rows = max(self.rows, self.row_count)
            pieces = _ROW_START.split(text)
            for n, piece in enumerate(pieces):
                found = len(_CELL_START.findall(piece))
                self.row_cells = found if n else self.row_cells + found
                self.columns = max(self.columns, self.row_cells)
        if self.cells > MAX_CELLS:
            raise Unreadable("sheet_too_many_cells", cells=self.cells, limit=MAX_CELLS)

    def _ods(self, text: bytes) -> None:
        for match in _ODS_TAG.finditer(text):
            tag, attributes = match.group(1), match.group(2)
            if tag == b"table":
                self.row_at, self.repeat, self.column_at = 0, 0, 0
                continue
            if tag == b"table-row":
                self.row_at += self.repeat
                found = _ODS_ROWS.search(attributes)
                self.repeat, self.column_at = int(found.group(1)) if found else 1, 0
                continue
            found = _ODS_COLUMNS.search(attributes)
            self.column_at += int(found.group(1)) if found else 1
            if b"value-type" in attributes or not attributes.endswith(b"/"):
                self.rows = max(self.rows, self.row_at + self.repeat)
                self.columns = max(self.columns, self.column_at)

    def check(self) -> None:
        _check_extent(self.rows, self.columns)


def _check_extent(rows: int, columns: int) -> None:
    if columns > MAX_COLUMNS or rows * columns > MAX_CELLS:
        raise Unreadable(
            "sheet_too_large",
            rows=rows,
            columns=columns,
            last=f"{column_letters(columns)}{rows}",
            limit=MAX_CELLS,
            max_columns=MAX_COLUMNS,
        )


def check_inflation(data: bytes) -> None:
    """Refuse a ZIP workbook (xlsx, ods) that would make the reader inflate or hold too much, before it reads it:
    by the sizes its directory declares, then by what its members really inflate to and the rectangle of cells
    its sheets span."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except _ZIP_ERRORS:
        return  # not a ZIP the reader could open either: it says so itself
    check_declared(members, "workbook_inflates", "workbook_ratio")
    total = 0
    for info in members:
        sheet = _XLSX_SHEET.fullmatch(info.filename) is not None
        extent = _SheetExtent(ods=False) if sheet else _SheetExtent(ods=True) if info.filename == _ODS_CONTENT else None
        for piece in _inflated(data, info):
            total += len(piece)
            if total > MAX_INFLATED_BYTES:
                raise Unreadable("workbook_inflates", size=megabytes(total), limit=megabytes(MAX_INFLATED_BYTES))
            if extent is not None:
                extent.feed(piece)


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
    text = str(value)
    if len(text) > MAX_CELL_CHARS:
        raise _CellTooLong
    return text


class _CellTooLong(Exception):
    pass


def _check_shape(data: bytes, sheet: str | int) -> None:
    """An old .xls, whose cells the reader holds as a rectangle: refuse it when the rectangle is too large (its
    file size bounds how many cells it has, not how far apart they lie)."""
    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    found = book.get_sheet_by_name(sheet) if isinstance(sheet, str) else book.get_sheet_by_index(sheet)
    _check_extent(found.height, found.width)


def read_workbook(data: bytes, sheet: str | None, nrows: int | None = None) -> pd.DataFrame:
    """The cells of the first sheet (or of ``sheet``, in any case) as text; the first ``nrows`` rows only if given."""
    if data.startswith(ZIP_MAGIC):
        check_inflation(data)
    try:
        book = pd.ExcelFile(io.BytesIO(data), engine="calamine")
        names = [str(name) for name in book.sheet_names]
        name: str | int = 0
        if sheet is not None:
            wanted = [n for n in names if n.strip().casefold() == sheet.strip().casefold()]
            if not wanted:
                raise Unreadable("no_sheet", sheet=sheet, sheets=", ".join(names))
            name = wanted[0]
        if data.startswith(OLE_MAGIC):
            _check_shape(data, name)
        frame = pd.read_excel(book, sheet_name=name, header=None, dtype=object, nrows=nrows)
    except Unreadable:
        raise
    except Exception as exc:  # noqa: BLE001 - the workbook reader's own errors: a damaged or foreign file
        raise Unreadable("bad_table", detail=short(exc)) from None
    frame.columns = range(frame.shape[1])
    _check_extent(*frame.shape)
    try:
        return frame.map(_cell_text).astype(str)
    except _CellTooLong:
        raise cell_too_long(frame.map(_cell_text_any)) from None


def _cell_text_any(value: object) -> object:
    try:
        return _cell_text(value)
    except _CellTooLong:
        return str(value)
