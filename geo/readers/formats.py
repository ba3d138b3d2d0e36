"""Which format and kind an upload is: by its bytes where they are unmistakable, else by its name (geo/formats.py),
and for a table by its header row."""

from __future__ import annotations

from geo.formats import BY_KEY, FORMATS, OLE_MAGIC, ZIP_MAGIC, Format, by_name
from geo.readers.base import Unreadable
from geo.readers.tables import peek_cells, table_kind
from geo.readers.text import is_blank
from geo.readers.workbook import is_workbook

KML_SNIFF_BYTES = 1024


def by_content(data: bytes) -> Format | None:
    """The format the bytes themselves show, when they show one (a workbook, GeoPackage, ZIP, KML or JSON)."""
    if data.startswith(OLE_MAGIC) or (data.startswith(ZIP_MAGIC) and is_workbook(data)):
        return BY_KEY["workbook"]
    for fmt in FORMATS:
        if fmt.magic and data.startswith(fmt.magic):
            return fmt
    start = data[:KML_SNIFF_BYTES].lstrip().removeprefix(b"\xef\xbb\xbf").lstrip()
    if start.startswith(b"<") and b"<kml" in start:
        return BY_KEY["kml"]
    if start.startswith((b"{", b"[")):
        return BY_KEY["geojson"]
    return None


def detect(data: bytes, filename: str) -> Format:
    """How to read a file of plots: by its bytes when they are unmistakable, else by its name, else GeoJSON."""
    return by_content(data) or by_name(filename) or BY_KEY["geojson"]


def infer_kind(data: bytes, filename: str, sheet: str | None = None) -> str:
    """The kind of an upload: from its name, or for a table from its header row (a table of points is plots)."""
    fmt = by_name(filename) or by_content(data)
    if fmt is not None and fmt.kind is not None:
        return fmt.kind
    if is_blank(data):
        return "plantings"
    try:
        return table_kind(peek_cells(data, sheet))
    except Unreadable:
        return "plantings"
