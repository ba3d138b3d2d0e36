"""The one table of upload formats: suffixes and magic bytes, the reader and kind of each, and its label.

Validation, the command line's help and the upload page all read FORMATS, so a new format is one row here. It
imports nothing heavy, so the command line's help can list the formats at once; the readers that detect and read
each format are in geo/readers.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97-2003 (.xls)
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
SQLITE_MAGIC = b"SQLite format 3\x00"  # a GeoPackage is an SQLite database


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


def kind_by_name(filename: str) -> str | None:
    """The kind a file name says ('plantings' for a table), None when the name does not say."""
    fmt = by_name(filename)
    if fmt is None:
        return None
    return fmt.kind or "plantings"
