"""How much a file may make the readers allocate (issue 18): past these a file is refused before it is read.

One set of bounds for every ZIP a reader opens: a workbook (xlsx, ods) and a GIS archive (KMZ, zipped shapefile,
MapInfo, GeoPackage) alike.

Generous for any real officer's file (a cumulative spreadsheet of 100 000 rows is a few million cells and some tens
of megabytes of XML), small enough that no upload can make a reader take more than a few hundred megabytes.
"""

from __future__ import annotations

import zipfile

import pandas as pd

from geo.readers.base import Unreadable

MAX_INFLATED_BYTES = 128 << 20  # what all the members of a ZIP (workbook or GIS archive) may inflate to, together
MAX_RATIO = 200  # inflated / compressed for a member above RATIO_FLOOR (XML sheets deflate 5-30 to 1)
MAX_MEMBERS = 10_000  # files in a ZIP
RATIO_FLOOR = 8 << 20
MAX_CELLS = 3_000_000  # rows x columns of the sheet read (the reader holds every cell of that rectangle)
MAX_COLUMNS = 1_000  # columns of a table (a planting record has about ten)
MAX_CELL_CHARS = 32_767  # characters in one cell: Excel's own limit
MAX_LINE_CHARS = 1_000_000  # characters in one line of a text table
MAX_TAG_BYTES = 64 << 10  # one XML tag of a workbook (its attributes); real ones are well under a kilobyte


def megabytes(size: int) -> int:
    """A size in whole megabytes, rounded up, for a message."""
    return -(-size // (1 << 20))


def column_letters(number: int) -> str:
    """Excel's name of the 1-based column ``number`` (1 -> A, 28 -> AB)."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_too_long(frame: pd.DataFrame, first_row: int = 1) -> Unreadable:
    """The problem of the first cell of ``frame`` longer than MAX_CELL_CHARS (rows numbered from ``first_row``)."""
    for position, column in enumerate(frame.columns):
        lengths = frame[column].map(lambda v: len(v) if isinstance(v, str) else 0).to_numpy()
        over = (lengths > MAX_CELL_CHARS).nonzero()[0]
        if len(over):
            where = f"{column_letters(position + 1)}{int(over[0]) + first_row}"
            return Unreadable("cell_too_long", cell=where, length=int(lengths[over[0]]), limit=MAX_CELL_CHARS)
    return Unreadable("cell_too_long", cell="?", length=MAX_CELL_CHARS + 1, limit=MAX_CELL_CHARS)


def check_declared(members: list[zipfile.ZipInfo], inflates: str, ratio: str) -> None:
    """Refuse a ZIP whose directory declares more than MAX_INFLATED_BYTES in all, or a member above RATIO_FLOOR
    packed more than MAX_RATIO to 1, before anything in it is inflated; ``inflates`` and ``ratio`` are the codes
    to refuse with (the words for a workbook differ from those for a GIS archive)."""
    declared = sum(info.file_size for info in members)
    if declared > MAX_INFLATED_BYTES:
        raise Unreadable(inflates, size=megabytes(declared), limit=megabytes(MAX_INFLATED_BYTES))
    for info in members:
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            found = info.file_size // max(info.compress_size, 1)
            raise Unreadable(ratio, size=megabytes(info.file_size), ratio=found, limit=MAX_RATIO)
