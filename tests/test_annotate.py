"""The officer's file handed back with its problems, and the refused features for the map (issue 13)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pandas as pd

from geo import readers
from geo.annotate import annotated_copy, rejected_features
from geo.validate import validate_file

DATA = Path(__file__).parent / "data"


def copy_of(name: str, lang: str):
    data = (DATA / name).read_bytes()
    return data, annotated_copy(data, name, validate_file(data, name).report, lang)


def test_a_csv_comes_back_with_the_same_rows_and_columns_and_a_column_of_problems() -> None:
    data, copy = copy_of("plantings_fractional_count.csv", "ru")
    assert copy is not None and copy.name == "plantings_fractional_count-ошибки.csv"
    original = readers.read_cells(data).to_numpy().tolist()
    annotated = list(csv.reader(io.StringIO(copy.data.decode("utf-8-sig")), delimiter=";"))
    assert [row[:-1] for row in annotated] == original
    problems = [row[-1] for row in annotated]
    assert problems[0] == "Ошибки"
    assert problems[1].startswith("ошибка: Строка 2: в «посажено»") and problems[2] == ""


def test_a_workbook_comes_back_as_xlsx_in_kazakh() -> None:
    data, copy = copy_of("plantings_season_2024.xlsx", "kk")
    assert copy is not None and copy.name.endswith("-қателер.xlsx")
    annotated = pd.read_excel(io.BytesIO(copy.data), header=None, dtype=str, engine="openpyxl")
    problems = annotated.iloc[:, -1].fillna("").tolist()
    assert "Қателер" in problems and any(p.startswith("ескерту: ") for p in problems)
    assert len(annotated) == len(readers.read_cells(data))


def test_a_file_level_problem_sits_beside_the_header() -> None:
    _, copy = copy_of("plantings_missing_column.csv", "en")
    assert copy is not None
    header = readers.read_cells(copy.data).iloc[0].tolist()
    assert header[-1].startswith("Problems\nerror: Required column “planted” is missing.")


def test_geojson_comes_back_with_a_problems_property_per_feature() -> None:
    _, copy = copy_of("plots_unknown_region.geojson", "ru")
    assert copy is not None and copy.mime == "application/geo+json"
    features = json.loads(copy.data)["features"]
    problems = [f["properties"]["Ошибки"] for f in features]
    assert problems[0] == "" and problems[1].startswith("ошибка: Объект 2 (MIX-0002)")


def test_an_unreadable_file_has_no_copy() -> None:
    _, copy = copy_of("plots_truncated.geojson", "en")
    assert copy is None


def test_refused_features_with_a_shape_are_drawable_and_counted_from_one() -> None:
    data = (DATA / "plots_broken_geometry.geojson").read_bytes()
    report = validate_file(data, "plots_broken_geometry.geojson").report
    features = rejected_features(data, report, "en")
    assert features["title"].tolist() == ["Feature 3", "Feature 4 · SEM-0204"]
    assert features.geometry.is_valid.all() and features.crs.to_epsg() == 4326
    assert features["problems"].iloc[1] == [report.describe(report.errors[3], "en")["message"]]


def test_a_table_has_no_refused_features() -> None:
    data = (DATA / "plantings_fractional_count.csv").read_bytes()
    assert rejected_features(data, validate_file(data, "x.csv").report, "en").empty


def test_the_map_of_refused_features_draws_them_red_with_escaped_problems() -> None:
    import geopandas as gpd
    import shapely

    from geo import mapview

    features = gpd.GeoDataFrame(
        {"title": ["Feature 1 · <b>X</b>"], "problems": [["Row <script>alert(1)</script>", "second"]]},
        geometry=gpd.GeoSeries([shapely.box(80.1, 50.4, 80.11, 50.41)], crs=4326),
    )
    m = mapview.base_map("en")
    mapview.rejected_layer(features, "en").add_to(m)
    page = m.get_root().render()
    assert mapview.REJECTED_COLOUR in page and "<script>alert" not in page
    assert "\\u0026lt;script\\u0026gt;alert(1)" in page and "<br>second" not in page  # escaped, then made script-safe
