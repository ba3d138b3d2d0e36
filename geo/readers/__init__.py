"""Read uploaded bytes into cells and features, tolerating how officers' and GIS offices' files really look.

Tables (CSV in UTF-8, UTF-8 with BOM, Windows-1251 or UTF-16; XLSX/XLSM/XLS/ODS) become text cells under canonical
column names, indexed by the row number Excel shows. Plots come from GeoJSON (raw property values and geometry
mappings), from GIS files through GDAL (shapely geometries), or from a table of points. Which reader a file gets
is one row of :data:`FORMATS`. A file that cannot be read at all raises ``Unreadable`` carrying the problem to
report; nothing else escapes.

Modules: ``formats`` (the table and detection), ``aliases`` (header names), ``text`` (decoding, CSV, numbers and
dates), ``workbook`` (calamine), ``tables``, ``geojson``, ``gdal`` (pyogrio), ``points``.
"""

from __future__ import annotations

from geo.formats import FORMATS, UPLOAD_SUFFIXES, Format, kind_by_name
from geo.readers.aliases import (
    OPERATION_WORD_LANGS,
    OPERATION_WORDS,
    PLANTING_ALIASES,
    PLANTING_LOOKUP,
    PLOT_ALIASES,
    PLOT_LOOKUP,
    POINT_ALIASES,
    SURVEY_ALIASES,
    WRITEOFF_ALIASES,
    WRITEOFF_LOOKUP,
    best_of,
    header_key,
    operation_of,
    shown_aliases,
)
from geo.readers.base import Features, Table, Unreadable, gc_paused
from geo.readers.formats import detect, infer_kind
from geo.readers.gdal import read_gis, read_gis_properties
from geo.readers.geojson import read_geojson, read_geojson_shapes
from geo.readers.points import read_points
from geo.readers.tables import read_cells, read_table, to_table
from geo.readers.text import (
    NON_FINITE_WORDS,
    decode_text,
    has_fraction,
    is_blank,
    normalise_text,
    parse_dates,
    parse_numbers,
)

__all__ = [
    "FORMATS",
    "NON_FINITE_WORDS",
    "OPERATION_WORDS",
    "OPERATION_WORD_LANGS",
    "PLANTING_ALIASES",
    "PLANTING_LOOKUP",
    "PLOT_ALIASES",
    "PLOT_LOOKUP",
    "POINT_ALIASES",
    "SURVEY_ALIASES",
    "UPLOAD_SUFFIXES",
    "WRITEOFF_ALIASES",
    "WRITEOFF_LOOKUP",
    "Features",
    "Format",
    "Table",
    "Unreadable",
    "best_of",
    "decode_text",
    "detect",
    "gc_paused",
    "gis_key",
    "has_fraction",
    "header_key",
    "infer_kind",
    "kind_by_name",
    "normalise_text",
    "operation_of",
    "parse_dates",
    "parse_numbers",
    "read_cells",
    "read_features",
    "read_gis_properties",
    "read_table",
    "shown_aliases",
    "to_table",
]


def gis_key(fmt: Format) -> str:
    """What :func:`read_gis` calls a GIS format: 'kml', 'gpkg', or 'zip' (a KMZ too)."""
    return "zip" if fmt.key in ("zip", "kmz") else fmt.key


def read_features(
    data: bytes, filename: str = "", layer: str | None = None, sheet: str | None = None, built: bool = False
) -> Features:
    """Plots from any format FORMATS lists (GeoJSON when neither the bytes nor the name say otherwise). ``built``:
    GeoJSON's geometries as shapely ``shapes`` too, built while the file is streamed (what validation wants)."""
    if is_blank(data):
        raise Unreadable("empty_file")
    fmt = detect(data, filename)
    if fmt.reader == "gis":
        return read_gis(data, gis_key(fmt), layer)
    if fmt.reader == "table":
        return read_points(data, sheet)
    if fmt.alone is not None:
        raise Unreadable(fmt.alone)
    return read_geojson_shapes(data) if built else read_geojson(data)
