"""Plot geometry: build from GeoJSON, bring to WGS 84, check against Kazakhstan, repair, and measure their area.

Functions take and return numpy arrays of shapely geometries so a file of many plots is handled column-wise.
"""

from __future__ import annotations

import contextlib
import warnings
from itertools import chain
from typing import Any

import numpy as np
import shapely
from pyproj import CRS, Geod, Transformer
from pyproj.exceptions import CRSError
from shapely.geometry import shape

from geo.programme import KAZAKHSTAN_EXTENT

WGS84 = CRS.from_epsg(4326)
EXTENT_MARGIN_DEG = 0.5
CIRCLE_VERTICES = 64
SQUARE_METRES_PER_HA = 10_000.0
GEOD = Geod(ellps="WGS84")
# Albers equal-area conic with standard parallels across Kazakhstan (43° and 53° N)
KAZAKHSTAN_EQUAL_AREA = CRS.from_proj4("+proj=aea +lat_0=48 +lon_0=67 +lat_1=43 +lat_2=53 +ellps=WGS84 +units=m")

POINT = shapely.GeometryType.POINT
POLYGONAL = (shapely.GeometryType.POLYGON, shapely.GeometryType.MULTIPOLYGON)


def build(mappings: list[Any]) -> tuple[np.ndarray, dict[int, str]]:
    """Shapely geometries from GeoJSON geometry members (None where null), and why any could not be built."""
    geoms = np.full(len(mappings), None, dtype=object)
    simple = [i for i, mapping in enumerate(mappings) if _is_simple_polygon(mapping)]
    # Something in the batch malformed: those are built one by one below, to say which.
    with contextlib.suppress(ValueError, TypeError, shapely.errors.GEOSException):
        geoms[simple] = _polygons_at_once([mappings[i]["coordinates"][0] for i in simple])
    failures: dict[int, str] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        for i, mapping in enumerate(mappings):
            if mapping is None or geoms[i] is not None:
                continue
            try:
                geoms[i] = shape(mapping)
            except Exception as exc:  # noqa: BLE001 - shapely reports malformed coordinates with assorted exception types
                failures[i] = _reason(exc)
    present = np.flatnonzero(shapely.is_geometry(geoms))
    coords, index = shapely.get_coordinates(geoms[present], return_index=True)
    for i in np.unique(index[~np.isfinite(coords).all(axis=1)]):
        failures[int(present[i])] = "coordinates that are not numbers"
        geoms[present[i]] = None
    return geoms, failures


def _reason(exc: Exception) -> str:
    text = " ".join(str(exc).split())
    if "inhomogeneous" in text:  # numpy's words for positions of unequal length, e.g. some with heights
        return "positions with different numbers of coordinates"
    return text[:120].rstrip(".") or type(exc).__name__


def _is_simple_polygon(mapping: Any) -> bool:
    """A Polygon without holes given as one list of at least four positions: the common case, built in bulk."""
    if not isinstance(mapping, dict) or mapping.get("type") != "Polygon":
        return False
    rings = mapping.get("coordinates")
    return (
        isinstance(rings, list)
        and len(rings) == 1
        and isinstance(rings[0], list)
        and len(rings[0]) >= 4
        and isinstance(rings[0][0], list)
    )


def _polygons_at_once(rings: list[list[Any]]) -> np.ndarray:
    coords = np.array(list(chain.from_iterable(rings)), dtype=float)
    if coords.ndim != 2 or coords.shape[1] not in (2, 3):
        raise ValueError("positions of different lengths")
    owner = np.repeat(np.arange(len(rings)), [len(ring) for ring in rings])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return shapely.polygons(shapely.linearrings(coords, indices=owner))


def parse_crs(name: str) -> CRS:
    """The CRS a legacy ``crs`` member names (EPSG code, URN or OGC name); ValueError when unrecognised."""
    try:
        return CRS.from_user_input(name)
    except CRSError as exc:
        raise ValueError(str(exc)) from None


def is_wgs84(crs: CRS) -> bool:
    """True for WGS 84 longitude/latitude in either axis order (EPSG:4326, OGC:CRS84)."""
    return crs.equals(WGS84, ignore_axis_order=True)


def crs_label(crs: CRS) -> str:
    authority = crs.to_authority()
    return ":".join(authority) if authority else crs.name


def looks_projected(geoms: np.ndarray) -> np.ndarray:
    """Geometries whose coordinates cannot be degrees (beyond ±180 / ±90), e.g. metres of a UTM zone."""
    bounds = shapely.bounds(geoms)
    return (np.abs(bounds[:, [0, 2]]) > 180).any(axis=1) | (np.abs(bounds[:, [1, 3]]) > 90).any(axis=1)


def to_wgs84(geoms: np.ndarray, crs: CRS) -> np.ndarray:
    """Reproject from ``crs`` to WGS 84 longitude/latitude, all coordinates in one call."""
    transformer = Transformer.from_crs(crs, WGS84, always_xy=True)

    def reproject(xy: np.ndarray) -> np.ndarray:
        return np.column_stack(transformer.transform(xy[:, 0], xy[:, 1]))

    return shapely.transform(geoms, reproject)


def extent_check(geoms: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(inside, swapped): inside Kazakhstan's extent (with a margin), and outside it but inside once x/y swap."""
    west, south, east, north = KAZAKHSTAN_EXTENT
    m = EXTENT_MARGIN_DEG
    minx, miny, maxx, maxy = shapely.bounds(geoms).T

    def within(x0: np.ndarray, y0: np.ndarray, x1: np.ndarray, y1: np.ndarray) -> np.ndarray:
        return (x0 >= west - m) & (x1 <= east + m) & (y0 >= south - m) & (y1 <= north + m)

    inside = within(minx, miny, maxx, maxy)
    return inside, ~inside & within(miny, minx, maxy, maxx)


def circles(points: np.ndarray, area_ha: np.ndarray) -> np.ndarray:
    """Polygons around each point whose geodesic area is ``area_ha`` (a regular polygon of CIRCLE_VERTICES)."""
    n = CIRCLE_VERTICES
    area_m2 = np.asarray(area_ha, dtype=float) * SQUARE_METRES_PER_HA
    radius = np.sqrt(2 * area_m2 / (n * np.sin(2 * np.pi / n)))  # circumradius of a regular n-gon of that area
    azimuths = np.tile(np.linspace(360, 0, n, endpoint=False), len(points))  # anticlockwise
    lons, lats, _ = GEOD.fwd(
        np.repeat(shapely.get_x(points), n), np.repeat(shapely.get_y(points), n), azimuths, np.repeat(radius, n)
    )
    return shapely.polygons(np.stack([lons, lats], axis=-1).reshape(len(points), n, 2))


def repair(geoms: np.ndarray) -> tuple[np.ndarray, dict[int, str]]:
    """Make invalid geometries valid, keeping only their polygonal parts; returns them and what was wrong."""
    fixed = geoms.copy()
    invalid = np.flatnonzero(~shapely.is_valid(geoms))
    reasons = dict(zip(invalid.tolist(), shapely.is_valid_reason(geoms[invalid]).tolist(), strict=True))
    try:
        made = shapely.make_valid(geoms[invalid])
    except shapely.errors.GEOSException:  # one geometry GEOS cannot repair stops the whole array: go one by one
        made = [_make_valid_one(g) for g in geoms[invalid]]
    for i, geom in zip(invalid, made, strict=True):
        fixed[i] = _polygonal_part(geom)
    return fixed, reasons


def _make_valid_one(geom: shapely.Geometry) -> shapely.Geometry:
    """make_valid, falling back to the 'structure' method; a ring GEOS cannot rebuild at all becomes empty."""
    for method in ("linework", "structure"):
        try:
            return shapely.make_valid(geom, method=method, keep_collapsed=method == "linework")
        except shapely.errors.GEOSException:
            continue
    return shapely.MultiPolygon()


def _polygonal_part(geom: shapely.Geometry) -> shapely.MultiPolygon:
    parts = shapely.get_parts(shapely.get_parts(geom))
    polygons = parts[(shapely.get_type_id(parts) == shapely.GeometryType.POLYGON) & (shapely.area(parts) > 0)]
    return shapely.MultiPolygon(polygons.tolist())


def as_multipolygons(geoms: np.ndarray) -> np.ndarray:
    """Each non-empty polygonal geometry as a MultiPolygon, exterior rings anticlockwise (RFC 7946)."""
    parts, index = shapely.get_parts(shapely.orient_polygons(geoms), return_index=True)
    return shapely.multipolygons(parts, indices=index)


def area_ha(geoms: np.ndarray) -> np.ndarray:
    """Area of each polygonal geometry in hectares, measured in an Albers equal-area projection of the WGS 84
    ellipsoid fitted to Kazakhstan. The projection keeps areas exact, so for plots the figure agrees with the
    geodesic area (pyproj.Geod) to about one part in 10^8, and a whole file is measured in one call to PROJ."""
    equal_area = Transformer.from_crs(WGS84, KAZAKHSTAN_EQUAL_AREA, always_xy=True)
    projected = shapely.transform(geoms, lambda xy: np.column_stack(equal_area.transform(xy[:, 0], xy[:, 1])))
    return shapely.area(projected) / SQUARE_METRES_PER_HA
