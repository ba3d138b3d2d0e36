"""Property-based: whatever bytes arrive, validate_file returns a report (maybe 'unreadable'), never an exception."""

import json
from datetime import date

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from geo.validate import validate_file

TODAY = date(2026, 11, 25)
FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FUZZ_SHAPED = settings(FUZZ, max_examples=100)  # each example runs the whole pipeline


def assert_is_a_report(data: bytes, filename: str) -> None:
    validated = validate_file(data, filename, today=TODAY)
    report = validated.report
    for lang in ("en", "ru", "kk"):
        json.dumps(report.to_json(lang), allow_nan=False)  # every message renders; every parameter is plain JSON
    if report.unreadable is not None:
        assert not report.ok and report.errors == [] and report.warnings == []
        return
    kinds = (validated.plots, validated.plantings, validated.surveys, validated.writeoffs)
    records = next((r for r in kinds if r is not None), None)  # the kind the name and the headers tell
    assert records is not None and len(records) <= report.rows
    assert all(isinstance(p.row, int | None) for p in report.errors + report.warnings)


@FUZZ
@given(st.binary(max_size=2048))
def test_arbitrary_bytes_as_csv_never_raise(data):
    assert_is_a_report(data, "plantings.csv")


@FUZZ
@given(st.binary(max_size=2048))
def test_arbitrary_bytes_as_geojson_never_raise(data):
    assert_is_a_report(data, "plots.geojson")


PRINTABLE = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12)
CELLS = st.one_of(
    st.sampled_from(
        [
            "SEM-0001",
            "15.04.2024",
            "2024-04-15",
            "31.02.2024",
            "12 500",
            "1,5",
            "12,500",
            "-3",
            "nan",
            "inf",
            "Итого",
            "Барлығы",
            '"',
            '""',
            "1e400",
            "",
            " ",
            "#N/A",
            "99999999999999999999",
            "15/04/2204",
        ]
    ),
    PRINTABLE,
)
RECORD_CELLS = {
    "Участок": st.sampled_from(["SEM-0001", "SEM-0002", "ARAL-0001"]),
    "Дата посадки": st.sampled_from(["15.04.2024", "2024-04-16", "16/04/2024", "03.10.2023"]),
    "Порода": st.sampled_from(["сосна обыкновенная", "саксаул", "Betula pendula"]),
    "Посажено": st.integers(0, 50_000).map(str) | st.sampled_from(["12 500", "12\u00a0500", "12,500", "7500,0"]),
    "Прижилось": st.sampled_from(["", "0", "100", "9 800", "60000"]),
    "Дата учета": st.sampled_from(["", "30.09.2024", "2023-01-01"]),
}
RECORD = st.fixed_dictionaries(RECORD_CELLS)
HEADERS = st.one_of(
    st.permutations(list(RECORD_CELLS)).map(lambda names: [*names[:4], "примечание"]),
    st.permutations(list(RECORD_CELLS)).map(list),
    st.lists(PRINTABLE, min_size=1, max_size=6),
)


@FUZZ_SHAPED
@given(
    st.data(), HEADERS, st.sampled_from([";", ",", "\t"]), st.sampled_from(["utf-8", "utf-8-sig", "cp1251", "utf-16"])
)
def test_table_shaped_text_never_raises(data, headers, sep, encoding):
    records = RECORD.map(lambda record: [record.get(h, "") for h in headers])
    rows = data.draw(st.lists(records | st.lists(CELLS, max_size=9), max_size=12))
    text = "\n".join(sep.join(cells) for cells in [headers, *rows])
    assert_is_a_report(text.encode(encoding, errors="replace"), "plantings.csv")


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=12,
)
LONLAT = st.one_of(
    st.tuples(st.floats(-200, 200), st.floats(-100, 100)),
    st.tuples(st.floats(200_000, 800_000), st.floats(4_500_000, 6_100_000)),
).map(list)  # UTM metres
NEAR_SEMEY = st.tuples(st.floats(80.2, 80.21), st.floats(50.4, 50.41)).map(list)  # small, often self-crossing
RINGS = st.lists(st.lists(NEAR_SEMEY, min_size=3, max_size=6) | st.lists(LONLAT, max_size=6), min_size=1, max_size=3)
GEOMETRIES = st.one_of(
    st.none(),
    JSON_VALUES,
    st.builds(lambda c: {"type": "Point", "coordinates": c}, NEAR_SEMEY | LONLAT | JSON_VALUES),
    st.builds(lambda r: {"type": "Polygon", "coordinates": r}, RINGS),
    st.builds(lambda r: {"type": "MultiPolygon", "coordinates": [r, r]}, RINGS),
    st.builds(lambda r: {"type": "LineString", "coordinates": r[0]}, RINGS),
)
PROPERTIES = st.one_of(
    st.none(),
    st.fixed_dictionaries(
        {
            "plot_id": st.sampled_from(["SEM-0001", "SEM-0002"]) | JSON_VALUES,
            "region": st.sampled_from(["KZ-10", "Абай", "x", ""]),
        },
        optional={"area_ha": JSON_VALUES | st.floats(0.1, 50), "Площадь, га": PRINTABLE},
    ),
)
FEATURES = st.builds(lambda g, p: {"type": "Feature", "geometry": g, "properties": p}, GEOMETRIES, PROPERTIES)


# A ring collapsed to one point with a hole inside: GEOS's make_valid raises "mixed-dimension" on it.
COLLAPSED_WITH_HOLE = {
    "type": "Feature",
    "properties": None,
    "geometry": {
        "type": "Polygon",
        "coordinates": [
            [[80.2, 50.40625], [80.2, 50.40625], [80.2, 50.40625]],
            [[80.203125, 50.40625], [80.203125, 50.40234375], [80.201171875, 50.40625]],
        ],
    },
}


@FUZZ_SHAPED
@given(st.lists(FEATURES | JSON_VALUES, max_size=6), st.sampled_from([None, "EPSG:32642", "urn:x", "EPSG:3857"]))
@example([COLLAPSED_WITH_HOLE], None)
def test_geojson_shaped_documents_never_raise(features, crs):
    document = {"type": "FeatureCollection", "features": features}
    if crs:
        document["crs"] = {"type": "name", "properties": {"name": crs}}
    assert_is_a_report(json.dumps(document).encode(), "plots.geojson")
