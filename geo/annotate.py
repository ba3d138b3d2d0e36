"""The officer's own file handed back with its problems: the same rows and columns, plus one saying what is wrong in
each row (a property of each feature for GeoJSON and GIS files); and the refused features, drawable on a map.

Nothing here knows how it is shown: the Upload page offers these as a download and a map.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

import geopandas as gpd
import numpy as np
import shapely

from geo import geometry, readers, templates
from geo.i18n import column_name, t
from geo.readers import Unreadable
from geo.readers.aliases import POINTS_LOOKUP
from geo.report import Report

SPREADSHEETS = (".xlsx", ".xlsm", ".xls", ".ods")  # handed back as .xlsx
GEOJSON_MIME = "application/geo+json"
SEPARATOR = "\n"  # between the problems of one row, inside its cell


@dataclass(frozen=True)
class Annotated:
    """A file to download: its bytes, a name and a MIME type."""

    data: bytes
    name: str
    mime: str


def problems_by_row(report: Report, lang: str) -> dict[int | None, list[str]]:
    """Row (as the report numbers it; None for the file as a whole) -> 'error: …' / 'warning: …' messages."""
    found: dict[int | None, list[str]] = defaultdict(list)
    for level, problem in report.shown():
        found[problem.row].append(f"{t(f'level_{level}', lang)}: {report.describe(problem, lang)['message']}")
    return found


def annotated_copy(
    data: bytes, filename: str, report: Report, lang: str, sheet: str | None = None, layer: str | None = None
) -> Annotated | None:
    """The uploaded file with a column (a property for features) of problems in ``lang``: a CSV back as CSV, a
    workbook as .xlsx (a table of points too), GeoJSON as GeoJSON, and the features of a GIS file (KML, Shapefile,
    GeoPackage's ``layer``, MapInfo) as GeoJSON in WGS 84 with every property they have. None when the file cannot
    be read (it is not the file the report was made from, or it could not be read at all)."""
    suffix = PurePath(filename).suffix.casefold()
    stem = f"{PurePath(filename).stem}-{column_name('problems', lang).casefold()}"
    if report.unreadable is not None:
        return None
    try:
        fmt = readers.detect(data, filename) if report.kind == "plots" else None
        if fmt is not None and fmt.reader == "geojson":
            return Annotated(_geojson(data, report, lang), f"{stem}.geojson", GEOJSON_MIME)
        if fmt is not None and fmt.reader == "gis":
            features = readers.read_gis_properties(data, readers.gis_key(fmt), layer)
            return Annotated(_gis_geojson(features, report, lang), f"{stem}.geojson", GEOJSON_MIME)
        if fmt is not None and fmt.reader != "table":
            return None
        cells, header_row = _table_rows(data, report, lang, sheet)
    except (Unreadable, ValueError, KeyError, AttributeError, IndexError):  # not the file the report was made from
        return None
    if suffix in SPREADSHEETS or (fmt is not None and fmt.key == "workbook"):
        xlsx = templates.xlsx_bytes(cells, sheet=column_name("problems", lang), header_row=header_row)
        return Annotated(xlsx, f"{stem}.xlsx", templates.MIME["xlsx"])
    return Annotated(templates.csv_bytes(cells), f"{stem}.csv", templates.MIME["csv"])


def _table_rows(data: bytes, report: Report, lang: str, sheet: str | None) -> tuple[list[list[str]], int]:
    """Every row of the sheet as the file has it, with the problems' column after the last one used. Plots from a
    table of points are numbered by feature (0 for the first row of data): each is put back on its sheet row."""
    cells = readers.read_cells(data, sheet)
    lookup = POINTS_LOOKUP if report.kind == "plots" else readers.PLANTING_LOOKUP
    table = readers.to_table(cells, lookup)
    header_row = table.header_row
    used = [c for c in cells.columns if cells[c].astype(str).str.strip().ne("").any()]
    width = (max(used) + 1) if used else 1
    found = problems_by_row(report, lang)
    if report.kind == "plots":
        sheet_rows = table.columns.index.tolist()
        found = {(None if row is None else int(sheet_rows[row])): messages for row, messages in found.items()}
    found[header_row] = [column_name("problems", lang), *found.pop(None, [])]
    rows = []
    for number, values in enumerate(cells.iloc[:, :width].astype(str).to_numpy().tolist(), start=1):
        rows.append([*values, SEPARATOR.join(found.get(number, []))])
    return rows, header_row


def _geojson(data: bytes, report: Report, lang: str) -> bytes:
    """The FeatureCollection with each feature's problems in a property (named in ``lang``); the file's own
    problems in a member of the collection."""
    document = json.loads(readers.decode_text(data))
    features = document["features"] if document.get("type") == "FeatureCollection" else [document]
    name = column_name("problems", lang)
    found = problems_by_row(report, lang)
    for i, feature in enumerate(features):
        if isinstance(feature, dict):
            properties = feature.get("properties")
            feature["properties"] = {**(properties if isinstance(properties, dict) else {}), name: ""}
            feature["properties"][name] = SEPARATOR.join(found.get(i, []))
    if found.get(None):
        document[name] = found[None]
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def _gis_geojson(features: readers.Features, report: Report, lang: str) -> bytes:
    """Features a GIS reader read, as a GeoJSON FeatureCollection in WGS 84: every property the file has, and the
    problems of each in one more property; the file's own problems in a member of the collection."""
    name = column_name("problems", lang)
    found = problems_by_row(report, lang)
    shapes = features.shapes if features.shapes is not None else np.empty(0, dtype=object)
    present = np.flatnonzero(shapely.is_geometry(shapes))
    shapes = shapes.copy()
    shapes[present] = _in_wgs84(shapes[present], features.crs)
    geometries = [None if shape is None else json.loads(shapely.to_geojson(shape)) for shape in shapes]
    columns = list(features.columns.items())
    document: dict[str, Any] = {"type": "FeatureCollection", "features": []}
    for i, shape in enumerate(geometries):
        properties = {column: _plain(values[i]) for column, values in columns}
        properties[name] = SEPARATOR.join(found.get(i, []))
        document["features"].append({"type": "Feature", "properties": properties, "geometry": shape})
    if found.get(None):
        document[name] = found[None]
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def _plain(value: Any) -> Any:
    """A property's value as JSON has it: numbers and text as they are, NaN as null, dates and the rest as text."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if np.isfinite(value) else None
    if isinstance(value, np.generic):
        return _plain(value.item())
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def rejected_features(
    data: bytes,
    report: Report,
    lang: str,
    filename: str = "",
    layer: str | None = None,
    sheet: str | None = None,
) -> gpd.GeoDataFrame:
    """The features with an error whose geometry can be drawn: ``title``, ``problems`` (messages), ``geometry``
    in WGS 84, from any plots format (read as validation reads it). Empty when the file has none, or is a table
    of plantings or surveys."""
    empty = gpd.GeoDataFrame({"title": [], "problems": []}, geometry=gpd.GeoSeries([], crs=geometry.WGS84))
    errors = {p.row for p in report.errors if p.row is not None}
    if report.kind != "plots" or not errors or report.unreadable is not None:
        return empty
    try:
        features = readers.read_features(data, filename, layer, sheet)
    except Unreadable:
        return empty
    rows = np.array(sorted(i for i in errors if i < len(features)), dtype=int)
    if features.shapes is not None:
        geoms = np.asarray(features.shapes, dtype=object)[rows]  # as the GIS reader built them
    else:
        geoms, _ = geometry.build([features.geometries[i] for i in rows])
    present = shapely.is_geometry(geoms)
    drawable = present.copy()
    drawable[present] = ~shapely.is_empty(geoms[present])
    rows, geoms = rows[drawable], shapely.force_2d(geoms[drawable])
    geoms = _in_wgs84(geoms, features.crs)
    minx, miny, maxx, maxy = shapely.bounds(geoms).T if len(geoms) else (np.empty(0),) * 4
    on_earth = (minx >= -180) & (maxx <= 180) & (miny >= -90) & (maxy <= 90)
    rows, geoms = rows[on_earth], shapely.make_valid(geoms[on_earth])
    ids = features.columns.get("plot_id") or [None] * len(features)
    messages: dict[int, list[str]] = defaultdict(list)
    for problem in report.errors:
        if problem.row is not None:
            messages[problem.row].append(report.describe(problem, lang)["message"])
    titles = [_title(int(i), ids[i], lang) for i in rows]
    return gpd.GeoDataFrame(
        {"title": titles, "problems": [messages[int(i)] for i in rows]},
        geometry=gpd.GeoSeries(geoms, crs=geometry.WGS84),
    )


def _in_wgs84(geoms: np.ndarray, crs_name: str | None) -> np.ndarray:
    if not crs_name or not len(geoms):
        return geoms
    try:
        crs = geometry.parse_crs(crs_name)
    except ValueError:
        return geoms
    return geoms if geometry.is_wgs84(crs) else geometry.to_wgs84(geoms, crs)


def _title(index: int, plot_id: Any, lang: str) -> str:
    """'Feature 3 · SEM-0002': the feature counted from 1, and its id when it has one."""
    label = t("rejected_feature", lang, row=index + 1)
    text = "" if plot_id is None else str(plot_id).strip()
    return f"{label} · {text}" if text else label
