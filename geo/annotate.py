"""The officer's own file handed back with its problems: the same rows and columns, plus one saying what is wrong in
each row (a property of each feature for GeoJSON); and the refused features, drawable on a map.

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
from geo.report import Report

SPREADSHEETS = (".xlsx", ".xlsm", ".xls", ".ods")  # handed back as .xlsx
GEOJSON = (".geojson", ".json")
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


def annotated_copy(data: bytes, filename: str, report: Report, lang: str, sheet: str | None = None) -> Annotated | None:
    """The uploaded file with a column (a property for GeoJSON) of problems in ``lang``: a CSV back as CSV, a
    workbook as .xlsx. None when it cannot be read, or for formats not handed back (archives, plots from a table)."""
    suffix = PurePath(filename).suffix.casefold()
    stem = f"{PurePath(filename).stem}-{column_name('problems', lang).casefold()}"
    try:
        if suffix in GEOJSON:
            if report.kind != "plots":
                return None
            return Annotated(_geojson(data, report, lang), f"{stem}.geojson", "application/geo+json")
        rows = _table_rows(data, report, lang, sheet)
    except (Unreadable, ValueError, KeyError, AttributeError):  # not the file the report was made from
        return None
    if rows is None:
        return None
    cells, header_row = rows
    if suffix in SPREADSHEETS:
        xlsx = templates.xlsx_bytes(cells, sheet=column_name("problems", lang), header_row=header_row)
        return Annotated(xlsx, f"{stem}.xlsx", templates.MIME["xlsx"])
    return Annotated(templates.csv_bytes(cells), f"{stem}.csv", templates.MIME["csv"])


def _table_rows(data: bytes, report: Report, lang: str, sheet: str | None) -> tuple[list[list[str]], int] | None:
    """Every row of the sheet as the file has it, with the problems' column after the last one used."""
    if report.kind == "plots":
        return None  # plots from a table are numbered by feature; handed back once their reader says which rows
    cells = readers.read_cells(data, sheet)
    header_row = readers.to_table(cells).header_row
    used = [c for c in cells.columns if cells[c].astype(str).str.strip().ne("").any()]
    width = (max(used) + 1) if used else 1
    found = problems_by_row(report, lang)
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


def rejected_features(data: bytes, report: Report, lang: str) -> gpd.GeoDataFrame:
    """The features with an error whose geometry can be drawn: ``title``, ``problems`` (messages), ``geometry``
    in WGS 84. Empty when the file has none, or is not GeoJSON."""
    empty = gpd.GeoDataFrame({"title": [], "problems": []}, geometry=gpd.GeoSeries([], crs=geometry.WGS84))
    errors = {p.row for p in report.errors if p.row is not None}
    if report.kind != "plots" or not errors:
        return empty
    try:
        features = readers.read_features(data)
    except Unreadable:
        return empty
    rows = np.array(sorted(i for i in errors if i < len(features.geometries)), dtype=int)
    geoms, _ = geometry.build([features.geometries[i] for i in rows])
    present = shapely.is_geometry(geoms)
    drawable = present.copy()
    drawable[present] = ~shapely.is_empty(geoms[present])
    rows, geoms = rows[drawable], shapely.force_2d(geoms[drawable])
    geoms = _in_wgs84(geoms, features.crs)
    minx, miny, maxx, maxy = shapely.bounds(geoms).T if len(geoms) else (np.empty(0),) * 4
    on_earth = (minx >= -180) & (maxx <= 180) & (miny >= -90) & (maxy <= 90)
    rows, geoms = rows[on_earth], shapely.make_valid(geoms[on_earth])
    ids = features.columns.get("plot_id") or [None] * len(features.geometries)
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
