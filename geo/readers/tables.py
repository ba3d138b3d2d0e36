"""Sheets of cells (CSV or workbook) into a Table under canonical column names, rows numbered as Excel shows."""

from __future__ import annotations

import numpy as np
import pandas as pd

from geo.formats import ZIP_MAGIC
from geo.readers.aliases import PLANTING_LOOKUP, POINTS_LOOKUP, WRITEOFF_LOOKUP, best_of
from geo.readers.base import Table, Unreadable
from geo.readers.text import HEADER_SEARCH_ROWS, check_not_html, decode_text, header_score, is_blank, is_json, read_csv
from geo.readers.workbook import is_workbook, read_workbook

PEEK_BYTES = 65536  # of a text table, to tell its kind by its header


def read_cells(data: bytes, sheet: str | None = None) -> pd.DataFrame:
    """Every cell of a CSV or of a workbook's sheet as text; raises ``Unreadable`` when it is not a table."""
    if is_blank(data):
        raise Unreadable("empty_file")
    if is_workbook(data):
        return read_workbook(data, sheet)
    if data.startswith(ZIP_MAGIC):
        raise Unreadable("zip_file")
    text = decode_text(data)
    check_not_html(text)
    if text.lstrip().startswith(("{", "[")) and is_json(text):
        raise Unreadable("json_as_table")
    return read_csv(text)


def peek_cells(data: bytes, sheet: str | None = None) -> pd.DataFrame:
    """The first rows of a table, enough to find its header; raises ``Unreadable`` when it is not a table."""
    if is_workbook(data):
        return read_workbook(data, sheet, nrows=HEADER_SEARCH_ROWS + 1)
    head = data[:PEEK_BYTES]
    if len(data) > PEEK_BYTES and b"\n" in head:
        head = head[: head.rindex(b"\n")]
    return read_cells(head, sheet)


def read_table(data: bytes, sheet: str | None = None, lookup: dict[str, tuple[str, int]] = PLANTING_LOOKUP) -> Table:
    """Read a CSV or spreadsheet (of plantings, by default); raises ``Unreadable`` when it is not a table."""
    return to_table(read_cells(data, sheet), lookup)


def _header_row(cells: pd.DataFrame) -> int:
    """The row naming the most known columns among the first non-blank ones (the first, if none names two)."""
    nonblank = cells.ne("").any(axis=1).to_numpy()
    candidates = cells.index[nonblank][:HEADER_SEARCH_ROWS]
    if len(candidates) == 0:
        raise Unreadable("empty_file")
    scores = [header_score(row) for row in cells.loc[candidates].to_numpy().tolist()]
    return int(candidates[int(np.argmax(scores))] if max(scores) >= 2 else candidates[0])


def _stripped(cells: pd.DataFrame) -> pd.DataFrame:
    if cells.empty:
        raise Unreadable("no_rows")
    cells = cells.apply(lambda column: column.str.strip())
    cells.index = pd.RangeIndex(1, len(cells) + 1)
    return cells


def table_kind(cells: pd.DataFrame) -> str:
    """What a table holds, from its header row (DATA-CONTRACT "More file formats"): 'plots' for points (longitude
    and latitude columns, no ``planted``); 'surveys' for counts (``alive`` and no ``planted``, or counts with the
    planting spots counted or sample plots: a filled survey sheet of ``geo sample`` also names ``planted``, for the
    field team to see); 'writeoffs' for acts (an ``act`` or ``reason`` column, and no counts); else 'plantings'."""
    try:
        cells = _stripped(cells)
        headers = cells.loc[_header_row(cells)].tolist()
    except Unreadable:
        return "plantings"
    points, columns = best_of(headers, POINTS_LOOKUP), set(best_of(headers, PLANTING_LOOKUP))
    if {"lon", "lat"} <= set(points) and "planted" not in columns:
        return "plots"
    counts = bool(columns & {"alive", "surviving"})
    if {"act", "reason"} & set(best_of(headers, WRITEOFF_LOOKUP)) and not counts and "planted" not in columns:
        return "writeoffs"
    sampled = bool(columns & {"counted", "sample_plot"})
    return "surveys" if counts and (sampled or ("alive" in columns and "planted" not in columns)) else "plantings"


def to_table(cells: pd.DataFrame, lookup: dict[str, tuple[str, int]] = PLANTING_LOOKUP) -> Table:
    """Find the header row, keep recognised columns, drop blank rows, index rows as Excel numbers them."""
    cells = _stripped(cells)
    header_row = _header_row(cells)
    headers = cells.loc[header_row]
    body = cells.loc[header_row + 1 :]
    body = body[body.ne("").any(axis=1)]
    if body.empty:
        raise Unreadable("no_rows")
    used = [position for position in cells.columns if headers[position] or body[position].ne("").any()]
    recognised = best_of([headers[position] for position in used], lookup)
    columns = pd.DataFrame({name: body[used[i]] for name, i in recognised.items()}, index=body.index)
    written = {name: str(headers[used[i]]) for name, i in recognised.items()}
    return Table(columns=columns, first_column=body[used[0]], header_row=header_row, headers=written)
