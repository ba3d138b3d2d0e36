"""The one table of upload formats: suffixes and magic bytes, the reader and kind of each, and its label.

Validation, the command line's help and the upload page all read FORMATS, so a new format is one row here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from geo.readers.base import Unreadable
from geo.readers.tables import peek_cells, table_kind
from geo.readers.text import is_blank
from geo.readers.workbook import OLE_MAGIC, ZIP_MAGIC, is_workbook

SQLITE_MAGIC = b"SQLite format 3\x00"  # a GeoPackage is an SQLite database
KML_SNIFF_BYTES = 1024


@dataclass(frozen=True)
class Format:
    """One kind of file an upload may be."""

    key: str
    name: str  # as GIS software and officers call it (the same in every language)
    suffixes: tuple[str, ...]
    kind: str | None  # what it holds; None for a table, whose headers say (plots with lon/lat, else plantings)
    reader: str  # geojson | gis | table | unzipped (a part of a dataset that must come zipped with the rest)
    label: str  # the message (geo/i18n/messages.py) describing it in the format guide
    magic: tuple[bytes, ...] = ()
    alone: str | None = None  # for a part of a multi-file dataset: the problem it is when uploaded alone


FORMATS: tuple[Format, ...] = (
    Format("geojson", "GeoJSON", (".geojson", ".json"), "plots", "geojson", "format_geojson"),
    Format("kml", "KML", (".kml",), "plots", "gis", "format_kml"),
    Format("kmz", "KMZ", (".kmz",), "plots", "gis", "format_kmz"),
    Format("zip", "ZIP", (".zip",), "plots", "gis", "format_zip", ZIP_MAGIC),
    Format("gpkg", "GeoPackage", (".gpkg",), "plots", "gis", "format_gpkg", (SQLITE_MAGIC,)),
    Format(
        "shapefile",
        "Shapefile",
        (".shp", ".shx", ".dbf"),
        "plots",
        "unzipped",
        "format_shapefile",
        alone="shapefile_not_zipped",
    ),
    Format("mapinfo", "MapInfo", (".tab", ".mif"), "plots", "unzipped", "format_mapinfo", alone="mapinfo_not_zipped"),
    Format("csv", "CSV", (".csv", ".tsv", ".txt"), None, "table", "format_csv"),
    Format("workbook", "Excel / OpenDocument", (".xlsx", ".xlsm", ".xls", ".ods"), None, "table", "format_workbook"),
)
BY_KEY = {fmt.key: fmt for fmt in FORMATS}
BY_SUFFIX = {suffix: fmt for fmt in FORMATS for suffix in fmt.suffixes}
UPLOAD_SUFFIXES = tuple(BY_SUFFIX)


def by_name(filename: str) -> Format | None:
    """The format a file name says, or None."""
    return BY_SUFFIX.get(PurePath(filename).suffix.casefold())


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


def kind_by_name(filename: str) -> str | None:
    """The kind a file name says ('plantings' for a table), None when the name does not say."""
    fmt = by_name(filename)
    if fmt is None:
        return None
    return fmt.kind or "plantings"


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
