"""The paths that keep a national-scale upload within memory (issue 19) give what the whole-file paths give.

GeoJSON is streamed a window of text and a chunk of features at a time (geo.readers.read_geojson_shapes); here the
window and chunk are made tiny, so every boundary a real file crosses (a feature, a number, a key or a multi-byte
character cut by the window's end, a chunk's end) is crossed, and the result is compared with reading the file
whole and building its geometries in one go.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import shapely

from geo import geometry, readers, validate
from geo.readers import Features, read_geojson, read_geojson_shapes
from geo.report import Report

DATA = Path(__file__).parent / "data"
GEOJSON_FILES = sorted(DATA.glob("*.geojson"))
RING = [[80.2, 50.4], [80.21, 50.4], [80.21, 50.41], [80.2, 50.4]]


def whole(data: bytes) -> Features:
    """The file read whole and its geometries built in one go: what streaming must equal."""
    features = read_geojson(data)
    features.shapes, features.failures = geometry.build(features.geometries)
    features.geometries = []
    return features


def same_shapes(a: np.ndarray, b: np.ndarray) -> bool:
    present = shapely.is_geometry(a)
    if len(a) != len(b) or not (present == shapely.is_geometry(b)).all():
        return False
    return bool(shapely.equals_exact(a[present], b[present], 0.0).all() or not present.any())


def assert_same(streamed: Features, expected: Features) -> None:
    assert streamed.columns == expected.columns
    assert list(streamed.columns) == list(expected.columns)
    assert streamed.headers == expected.headers and list(streamed.headers) == list(expected.headers)
    assert streamed.crs == expected.crs
    assert streamed.repeated_keys == expected.repeated_keys
    assert streamed.failures == expected.failures
    assert streamed.geometries == []
    assert same_shapes(streamed.shapes, expected.shapes)


def feature(properties: object, geometry_member: object = None, **members: object) -> dict:
    return {"type": "Feature", "properties": properties, "geometry": geometry_member, **members}


MIXED = json.dumps(
    {
        "type": "FeatureCollection",
        "name": "участки",
        "features": [
            feature({"plot_id": "A-1", "region": "Абай", "area_ha": 12.5}, {"type": "Polygon", "coordinates": [RING]}),
            feature({"Участок": "Б-2", "Область": "KZ-10", "Партнёр": "Лесхоз «Семей»"}),
            "not a feature",
            feature(None, {"type": "Polygon", "coordinates": [[[80.2, 50.4], [80.3, "x"], [80.2, 50.4]]]}),
            feature({"plot_id": 7, "block": 1e21}, {"type": "Point", "coordinates": [80.25, 50.45]}),
            feature({"plot_id": "A-1"}, {"type": "MultiPolygon", "coordinates": [[RING]]}),
        ],
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4326"}},
    },
    ensure_ascii=False,
    indent=1,
).encode()
REPEATED = (
    b'{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"plot_id": "A", "plot_id": "B"},'
    b' "geometry": null}, {"type": "Feature", "type": "Feature", "properties": {}, "geometry": null}]}\r\n\x1a'
)


@pytest.mark.parametrize("chunk, window", [(1, 1), (2, 7), (3, 64), (1000, 1 << 20)])
@pytest.mark.parametrize("data", [MIXED, REPEATED, b"\xef\xbb\xbf" + MIXED], ids=["mixed", "repeated", "bom"])
def test_streamed_geojson_is_the_whole_file_read_at_once(data, chunk, window):
    assert_same(read_geojson_shapes(data, chunk, window), whole(data))


@pytest.mark.parametrize("path", GEOJSON_FILES, ids=[p.name for p in GEOJSON_FILES])
def test_every_sample_geojson_streams_as_it_reads_whole(path):
    data = path.read_bytes()
    try:
        expected = whole(data)
    except readers.Unreadable as exc:  # a file that cannot be read says the same, streamed or not
        with pytest.raises(readers.Unreadable) as caught:
            read_geojson_shapes(data, 2, 5)
        assert caught.value.problem == exc.problem
        return
    assert_same(read_geojson_shapes(data, 2, 5), expected)


@pytest.mark.parametrize(
    "data",
    [
        b'{"type": "FeatureCollection", "features": [{"type": "Feature"},]}',  # a trailing comma
        b'{"type": "FeatureCollection", "features": [{"type": "Feature"}]} extra',
        b'{"type": "FeatureCollection", "features": [{"type": "Feature"}], "features": []}',
        b'{"type": "FeatureCollection", "features": []}',
        b'{"type": "Feature", "properties": {"plot_id": "A"}, "geometry": null}',
        b'{"type": "Topology", "features": [{"type": "Feature"}]}',
        b'{"features": [{"type": "Feature"}], "type": "FeatureCollection", "crs": {"type": "EPSG", "properties": '
        b'{"code": 32642}}}',
        b'{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"name": "\xd0\xa1\xd0'
        b'\xb5\xd0\xbc\xd0\xb5\xd0\xb9"}, "geometry": null}]}',
        b"{'type': 'FeatureCollection'}",
        '{"type": "FeatureCollection", "features": [{"properties": {"name": "Семей"}}]}'.encode("cp1251"),
        '{"type": "FeatureCollection", "features": [{"properties": {"name": "Семей"}}]}'.encode("utf-16"),
        b'{"type": "FeatureCollection", "features": [' + b"[" * 5000 + b"]" * 5000 + b"]}",
        b'{"type": "FeatureCollection", "total": 12',
        b'{"type": "FeatureCollection", "total": 12, "features": [{"type": "Feature"}]}',
    ],
)
def test_odd_documents_read_streamed_as_whole(data):
    try:
        expected = whole(data)
    except readers.Unreadable as exc:
        with pytest.raises(readers.Unreadable) as caught:
            read_geojson_shapes(data, 1, 3)
        assert caught.value.problem == exc.problem
        return
    assert_same(read_geojson_shapes(data, 1, 3), expected)


@pytest.mark.parametrize("path", GEOJSON_FILES, ids=[p.name for p in GEOJSON_FILES])
def test_validation_of_built_shapes_equals_validation_of_mappings(path):
    """Validation reads GeoJSON with its shapes built while streaming; the report and records are those of
    building them from the parsed mappings."""
    data = path.read_bytes()
    results = []
    for built in (False, True):
        report = Report("plots")
        try:
            plots = validate._validate_plots(readers.read_features(data, path.name, built=built), report)
        except readers.Unreadable as exc:
            results.append(exc.problem)
            continue
        report.sort()
        results.append((report.to_dict(), plots.drop(columns="geometry"), plots.geometry.to_wkb().tolist()))
    if isinstance(results[0], tuple):
        assert results[0][0] == results[1][0]
        assert results[0][1].equals(results[1][1])
        assert results[0][2] == results[1][2]
    else:
        assert results[0] == results[1]
