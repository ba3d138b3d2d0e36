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


def test_a_zipped_shapefile_comes_back_as_geojson_with_every_property_and_its_problems() -> None:
    _, copy = copy_of("plots_unknown_region_shp.zip", "ru")
    assert copy is not None and copy.name == "plots_unknown_region_shp-ошибки.geojson"
    assert copy.mime == "application/geo+json"
    features = json.loads(copy.data)["features"]
    assert len(features) == 4
    assert [f["properties"]["plot_id"] for f in features] == ["MIX-0001", "MIX-0002", "MIX-0003", "MIX-0004"]
    assert features[1]["properties"]["region"] == "Каракалпакстан"  # the .dbf's own text, in its own field names
    problems = [f["properties"]["Ошибки"] for f in features]
    assert problems[0] == "" and problems[3] == ""
    assert problems[1].startswith("ошибка: Объект 2 (MIX-0002)") and problems[2].startswith(
        "ошибка: У объекта 3 (MIX-0003)"
    )
    assert all(f["geometry"]["type"] in ("Polygon", "MultiPolygon") for f in features)


def test_a_shapefile_in_utm_comes_back_in_wgs84_with_the_reprojection_beside_the_features() -> None:
    _, copy = copy_of("plots_utm42n_shp.zip", "en")
    assert copy is not None
    document = json.loads(copy.data)
    lon, lat = document["features"][0]["geometry"]["coordinates"][0][0]
    assert 46 < lon < 88 and 40 < lat < 56
    assert document["Problems"][0].startswith("warning: ") and "EPSG:32642" in document["Problems"][0]


def test_kml_geopackage_and_mapinfo_come_back_as_geojson() -> None:
    for name in (
        "plots_semey.kml",
        "plots_semey.kmz",
        "plots_semey.gpkg",
        "plots_semey_tab.zip",
        "plots_semey_mif.zip",
    ):
        data, copy = copy_of(name, "kk")
        assert copy is not None and copy.name.endswith("-қателер.geojson"), name
        features = json.loads(copy.data)["features"]
        assert len(features) == len(readers.read_features(data, name)), name
        assert all("Қателер" in f["properties"] for f in features), name


def test_the_layer_chosen_is_the_layer_handed_back() -> None:
    data = (DATA / "plots_two_layers.gpkg").read_bytes()
    for layer in ("2023", "2024"):
        report = validate_file(data, "plots_two_layers.gpkg", layer=layer).report
        copy = annotated_copy(data, "plots_two_layers.gpkg", report, "en", layer=layer)
        assert copy is not None
        features = json.loads(copy.data)["features"]
        assert len(features) == len(readers.read_features(data, "plots_two_layers.gpkg", layer)), layer


def test_a_table_of_points_comes_back_with_each_feature_on_its_own_sheet_row() -> None:
    data, copy = copy_of("plots_aral_points.xlsx", "en")
    assert copy is not None and copy.name == "plots_aral_points-problems.xlsx"
    annotated = pd.read_excel(io.BytesIO(copy.data), header=None, dtype=str, engine="openpyxl").fillna("")
    original = readers.read_cells(data)
    assert annotated.iloc[:, :-1].to_numpy().tolist() == original.to_numpy().tolist()  # a title above the header
    problems = annotated.iloc[:, -1].tolist()
    header = original.index[original.iloc[:, 0] == "plot_id"][0]
    assert problems[header] == "Problems"
    row = original.index[original.iloc[:, 0] == "ARL-0203"][0]
    assert problems[row].startswith("error: Feature 3 (ARL-0203) is a point without area_ha")
    assert [p for i, p in enumerate(problems) if i not in (header, row)] == [""] * (len(problems) - 2)


def test_a_csv_of_points_comes_back_as_csv() -> None:
    data, copy = copy_of("plots_aral_points_cp1251.csv", "ru")
    assert copy is not None and copy.name.endswith("-ошибки.csv")
    annotated = list(csv.reader(io.StringIO(copy.data.decode("utf-8-sig")), delimiter=";"))
    assert [row[:-1] for row in annotated] == readers.read_cells(data).to_numpy().tolist()
    assert "Ошибки" in [row[-1] for row in annotated]


def test_refused_features_of_a_shapefile_and_a_table_of_points_are_drawable() -> None:
    data = (DATA / "plots_unknown_region_shp.zip").read_bytes()
    report = validate_file(data, "plots_unknown_region_shp.zip").report
    features = rejected_features(data, report, "ru", "plots_unknown_region_shp.zip")
    assert features["title"].tolist() == ["Объект 2 · MIX-0002", "Объект 3 · MIX-0003"]
    assert features.geometry.is_valid.all() and features.crs.to_epsg() == 4326
    assert features["problems"].iloc[0] == [report.describe(report.errors[0], "ru")["message"]]

    data = (DATA / "plots_aral_points.xlsx").read_bytes()
    report = validate_file(data, "plots_aral_points.xlsx").report
    features = rejected_features(data, report, "en", "plots_aral_points.xlsx")
    assert features["title"].tolist() == ["Feature 3 · ARL-0203"]
    assert features.geometry.geom_type.tolist() == ["Point"]


def test_refused_features_of_a_utm_shapefile_are_drawn_in_wgs84() -> None:
    data = (DATA / "plots_utm42n_shp.zip").read_bytes()
    report = validate_file(data, "plots_utm42n_shp.zip").report
    report.error("missing_region", 0, "region", plot_id="AKM-0051")  # a refused feature, to draw
    features = rejected_features(data, report, "en", "plots_utm42n_shp.zip")
    west, south, east, north = features.total_bounds
    assert 46 < west < east < 88 and 40 < south < north < 56
