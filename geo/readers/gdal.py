"""Plot files GIS software writes, read through GDAL (pyogrio) from the uploaded bytes, never from a file on disk:
KML/KMZ, zipped Shapefile, GeoPackage, zipped MapInfo TAB and MIF/MID.

pyogrio copies the bytes into GDAL's memory file system (/vsimem/) and opens a ZIP through /vsizip/. A ZIP is looked
into here first: its sizes are bounded, the one dataset in it is found, and that dataset's files alone are passed on.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

import numpy as np
import pyogrio
import pyogrio.raw
import shapely

from geo.readers.aliases import PLOT_LOOKUP, best_of
from geo.readers.base import Features, Unreadable, short
from geo.readers.limits import MAX_MEMBERS, check_declared

KML_OWN_FIELDS = frozenset(
    {
        "id",
        "description",
        "timestamp",
        "begin",
        "end",
        "altitudemode",
        "tessellate",
        "extrude",
        "visibility",
        "draworder",
        "icon",
        "snippet",
    }
)
POLYGON_LAYER_TYPES = frozenset({"Polygon", "MultiPolygon", "Polygon Z", "MultiPolygon Z", "CurvePolygon"})
_GDAL_ERRORS = (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, RuntimeError, ValueError)
# The main file of each dataset a ZIP may hold, and the files that must come with it.
DATASET_PARTS = {".shp": (".shx", ".dbf"), ".tab": (".dat", ".map"), ".mif": (".mid",), ".kml": (), ".gpkg": ()}
ZIP_NAME_FOR = {".shp": "shapefile", ".tab": "mapinfo", ".mif": "mapinfo", ".kml": "kml", ".gpkg": "gpkg"}


@dataclass(frozen=True)
class Dataset:
    """One dataset found in a ZIP: its main file's suffix and its files' bytes by suffix."""

    suffix: str
    name: str
    parts: dict[str, bytes]


# --- archives ------------------------------------------------------------------------------------------------


_ZIP_ERRORS = (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError)


def open_zip(data: bytes) -> zipfile.ZipFile:
    """The archive, after checking by its directory that unpacking it cannot exhaust memory (the bounds of
    geo.readers.limits, as for a workbook); raises ``Unreadable`` otherwise."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except _ZIP_ERRORS:
        raise Unreadable("bad_zip") from None
    if len(members) > MAX_MEMBERS:
        raise Unreadable("zip_too_large")
    check_declared(members, "archive_inflates", "archive_ratio")
    return archive


def member_bytes(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bytes:
    """A member's bytes, never inflating more than its directory declares: ``ZipFile.read`` inflates a member
    that lies about its size whole (600 MB for one declaring 300 kB), a bounded read stops and fails its CRC."""
    try:
        with archive.open(member) as opened:
            return opened.read(member.file_size)
    except _ZIP_ERRORS:
        raise Unreadable("bad_zip") from None


def _hidden(name: str) -> bool:
    """A file the archiver added (macOS's __MACOSX folder, dot files), not one the officer packed."""
    return name.startswith("__MACOSX/") or PurePosixPath(name).name.startswith(".")


def _listed(names: list[str]) -> str:
    return ", ".join(names[:10]) + (", …" if len(names) > 10 else "")


def find_dataset(data: bytes, layer: str | None = None) -> Dataset:
    """The one plot dataset in a ZIP (or the one whose name is ``layer``), with the files it needs."""
    archive = open_zip(data)
    files = [
        m
        for m in archive.infolist()
        if not m.is_dir()
        and not m.filename.startswith("__MACOSX/")
        and not PurePosixPath(m.filename).name.startswith(".")
    ]
    by_path = {PurePosixPath(m.filename.casefold()): m for m in files}
    mains = [path for path in by_path if path.suffix in DATASET_PARTS]
    if not mains:
        raise Unreadable("zip_without_plots", files=_listed([m.filename for m in files]) or "—")
    if len(mains) > 1 and any(p.suffix == ".kml" for p in mains) and all(p.suffix == ".kml" for p in mains):
        return _kml_members(archive, [by_path[p] for p in mains])
    if layer is not None:
        mains = [p for p in mains if p.stem == layer.casefold() or p.name == layer.casefold()] or mains
    if len(mains) > 1:
        choices = [PurePosixPath(by_path[p].filename).name for p in mains]
        raise Unreadable(
            "zip_several_datasets", datasets=_listed([by_path[p].filename for p in mains]), choices=choices
        )
    main = mains[0]
    missing = [suffix for suffix in DATASET_PARTS[main.suffix] if main.with_suffix(suffix) not in by_path]
    if missing:
        code = "shapefile_incomplete" if main.suffix == ".shp" else "mapinfo_incomplete"
        raise Unreadable(code, file=by_path[main].filename, missing=", ".join(missing))
    siblings = {path.suffix: m for path, m in by_path.items() if path.with_suffix("") == main.with_suffix("")}
    return Dataset(main.suffix, by_path[main].filename, {s: member_bytes(archive, m) for s, m in siblings.items()})


def _kml_members(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo]) -> Dataset:
    """A KMZ, or a ZIP of KML files: the KML files that hold placemarks (a KMZ's doc.kml may only link to them)."""
    texts = [member_bytes(archive, m) for m in members]
    held = [text for text in texts if b"<Placemark" in text] or texts[:1]
    return Dataset(".kml", members[0].filename, {f".kml{i}": text for i, text in enumerate(held)})


def _flat_zip(parts: dict[str, bytes]) -> bytes:
    """The files of one dataset, stored (not compressed again) at the root of a new ZIP under plain names."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for suffix, content in parts.items():
            archive.writestr(f"layer{suffix}", content)
    return buffer.getvalue()


# --- Shapefile attribute encoding ----------------------------------------------------------------------------


def dbf_encoding(parts: dict[str, bytes]) -> str | None:
    """The .dbf's encoding: as its .cpg names it (left to GDAL), else UTF-8 when its text decodes so, else
    Windows-1251 (what ArcGIS in a Russian Windows writes). GDAL alone would read such a file as Latin-1."""
    if ".cpg" in parts:
        return None
    dbf = parts[".dbf"]
    header_length = int.from_bytes(dbf[8:10], "little") if len(dbf) >= 32 else len(dbf)
    names = b"".join(dbf[i : i + 11].split(b"\0")[0] for i in range(32, max(header_length - 32, 32), 32))
    try:
        (names + dbf[header_length:]).decode("utf-8")
    except UnicodeDecodeError:
        return "cp1251"
    return "UTF-8"


# --- reading -------------------------------------------------------------------------------------------------


def read_gis(data: bytes, fmt: str, layer: str | None = None) -> Features:
    """Plots from GIS bytes: ``fmt`` is 'kml', 'gpkg' or 'zip' (a KMZ, or a zipped dataset of any of these)."""
    name, read = _read_layers(data, fmt, layer)
    ignored = KML_OWN_FIELDS if name == "KML" else frozenset()
    features = _concat([_features(meta, wkb, fields, ignored) for meta, _, wkb, fields in read])
    if not len(features):
        raise Unreadable("no_rows")
    return features


def read_gis_properties(data: bytes, fmt: str, layer: str | None = None) -> Features:
    """The features :func:`read_gis` reads, in the same order, with every property under the name the file gives it
    (none left out or renamed): for handing the officer's own features back."""
    _, read = _read_layers(data, fmt, layer)
    parts = []
    for meta, _, wkb, fields in read:
        names = [str(n) for n in meta["fields"]]
        shapes = _polygon_collections(shapely.from_wkb(wkb)) if wkb is not None else np.full(len(fields[0]), None)
        columns = {n: fields[i].tolist() for i, n in enumerate(names)}
        parts.append(Features(columns, [], meta.get("crs"), shapes=shapes))
    return _concat(parts)


def _read_layers(data: bytes, fmt: str, layer: str | None) -> tuple[str, list[Any]]:
    """GDAL's name of the format and what pyogrio read of each layer to take (meta, fids, wkb, fields)."""
    if fmt == "zip":
        dataset = find_dataset(data, layer)
        if dataset.suffix == ".kml":
            read = [r for text in dataset.parts.values() for r in _read(text, "KML", None, all_layers=True)]
            return "KML", read
        if dataset.suffix == ".gpkg":
            return "GeoPackage", _read(dataset.parts[".gpkg"], "GeoPackage", layer)
        if dataset.suffix == ".shp":
            encoding = dbf_encoding(dataset.parts)
            return "Shapefile", _read(_flat_zip(dataset.parts), "Shapefile", None, encoding=encoding)
        return "MapInfo", _read(_flat_zip(dataset.parts), "MapInfo", None)
    if fmt == "kml":
        return "KML", _read(data, "KML", None, all_layers=True)
    return "GeoPackage", _read(data, "GeoPackage", layer)


def _read(
    data: bytes, name: str, layer: str | None, encoding: str | None = None, all_layers: bool = False
) -> list[Any]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # GDAL's remarks on a /vsimem/ name without the usual extension
        try:
            layers = [(str(n), str(t)) for n, t in pyogrio.list_layers(data)]
        except _GDAL_ERRORS as exc:
            raise Unreadable("bad_gis_file", format=name, detail=short(exc)) from None
        chosen = [n for n, _ in layers] if all_layers else [_choose_layer(layers, layer, name)]
        try:
            return [pyogrio.raw.read(data, layer=n, encoding=encoding, force_2d=name == "KML") for n in chosen]
        except _GDAL_ERRORS as exc:
            raise Unreadable("bad_gis_file", format=name, detail=short(exc)) from None


def _choose_layer(layers: list[tuple[str, str]], wanted: str | None, name: str) -> str:
    """The layer named ``wanted`` (in any case), else the only polygon layer, else the only layer."""
    names = [n for n, _ in layers]
    if not layers:
        raise Unreadable("no_rows")
    if wanted is not None:
        matches = [n for n in names if n.casefold() == wanted.strip().casefold()]
        if not matches:
            raise Unreadable("no_layer", layer=wanted, layers=", ".join(names))
        return matches[0]
    polygonal = [n for n, kind in layers if kind in POLYGON_LAYER_TYPES]
    if len(polygonal) == 1:
        return polygonal[0]
    if len(layers) == 1:
        return names[0]
    # ``choices``: the layers one may pick (the app offers them; the command line takes one with --layer).
    if polygonal:
        raise Unreadable("several_layers", layers=", ".join(polygonal), choices=polygonal)
    raise Unreadable("no_polygon_layer", format=name, layers=", ".join(names), choices=names)


def _features(meta: dict[str, Any], wkb: np.ndarray, fields: list[np.ndarray], ignored: frozenset[str]) -> Features:
    """Properties under canonical names and shapely geometries, from what pyogrio read."""
    names = [str(n) for n in meta["fields"]]
    usable = [n if n.casefold() not in ignored else "" for n in names]
    chosen = best_of(usable, PLOT_LOOKUP)
    columns = {canonical: fields[i].tolist() for canonical, i in chosen.items()}
    shapes = _polygon_collections(shapely.from_wkb(wkb)) if wkb is not None else np.full(len(fields[0]), None)
    written = {canonical: names[i] for canonical, i in chosen.items()}
    return Features(columns, [], meta.get("crs"), shapes=shapes, headers=written)


def _polygon_collections(shapes: np.ndarray) -> np.ndarray:
    """A GeometryCollection made only of polygons (KML's MultiGeometry) as the MultiPolygon it is."""
    collections = np.flatnonzero(shapely.get_type_id(shapes) == shapely.GeometryType.GEOMETRYCOLLECTION)
    for i in collections.tolist():
        parts = shapely.get_parts(shapes[i])
        if len(parts) and np.isin(shapely.get_type_id(parts), [3, 6]).all():
            shapes[i] = shapely.multipolygons(shapely.get_parts(parts))
    return shapes


def _concat(parts: list[Features]) -> Features:
    """Features of several layers one after another (a KML's folders), positions counted across them all."""
    if len(parts) == 1:
        return parts[0]
    sizes = [len(p) for p in parts]
    names = dict.fromkeys(name for p in parts for name in p.columns)
    columns = {
        name: [v for p, n in zip(parts, sizes, strict=True) for v in p.columns.get(name, [None] * n)] for name in names
    }
    shapes = np.concatenate([p.shapes for p in parts if p.shapes is not None]) if parts else np.empty(0, object)
    written = {name: header for p in reversed(parts) for name, header in p.headers.items()}
    return Features(columns, [], next((p.crs for p in parts if p.crs), None), shapes=shapes, headers=written)
