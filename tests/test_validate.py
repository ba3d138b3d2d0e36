"""Every sample file in tests/data, written the way officers write them, gives exactly the problems listed here."""

from datetime import date
from pathlib import Path

import pytest
import shapely

from geo.validate import validate_file

DATA = Path(__file__).parent / "data"
TODAY = date(2026, 11, 25)

# file -> (errors, warnings), each a list of (row, column, code); row is the Excel row or the feature index.
EXPECTED: dict[str, tuple[list, list]] = {
    "plantings_semey_cp1251.csv": ([], [(7, None, "totals_row")]),
    "plantings_aral_bom.csv": ([], [(6, None, "duplicate_row")]),
    "plantings_species_spellings.csv": (
        [],
        [(3, "species", "invisible_characters"), (5, "species", "unknown_species")],
    ),
    "plantings_kazakh_headers.csv": ([], [(5, None, "totals_row")]),
    "plantings_tab_delimited.csv": ([], []),
    # Operations: the gap-filling's survey count is not counted; the plantings it needs the store checks.
    "plantings_operations_cp1251.csv": ([], [(3, "surviving", "survey_not_of_planting"), (10, None, "totals_row")]),
    "plantings_operations_next_season.csv": ([], []),
    "plantings_gap_filling_orphan_kk.csv": ([], []),
    "plantings_unicode_text.txt": ([], []),
    "plantings_english_comma.csv": ([], []),
    "plantings_season_2024.xlsx": ([], [(8, None, "totals_row")]),
    "plantings_xlsx_renamed.csv": ([], [(8, None, "totals_row")]),
    "plantings_missing_column.csv": ([(None, "planted", "missing_column")], []),
    "plantings_future_date.csv": ([(3, "date", "future_date"), (4, "survey_date", "future_date")], []),
    "plantings_fractional_count.csv": (
        [(2, "planted", "not_whole"), (4, "planted", "negative"), (5, "planted", "not_a_number")],
        [],
    ),
    "plantings_surviving_exceeds.csv": (
        [(2, "surviving", "surviving_exceeds_planted"), (3, "survey_date", "survey_before_planting")],
        [],
    ),
    "plantings_bad_cells.csv": (
        [
            (2, "surviving", "not_a_number"),
            (3, "plot_id", "blank"),
            (4, "date", "blank"),
            (5, "species", "blank"),
            (6, "planted", "blank"),
            (7, "date", "bad_date"),
            (8, "planted", "not_finite"),
            (9, "surviving", "not_finite"),
        ],
        [],
    ),
    "plantings_conflicting_rows.csv": ([(4, None, "conflicting_rows")], [(5, None, "duplicate_row")]),
    "plots_semey.geojson": ([], []),
    "plots_single_feature_kk.geojson": ([], []),
    "plots_utm42n.geojson": ([], [(None, "geometry", "reprojected")]),
    "plots_no_crs_metres.geojson": ([(None, "geometry", "unknown_crs")], []),
    "plots_bowtie.geojson": ([], [(0, "geometry", "repaired_geometry")]),
    "plots_swapped.geojson": ([(0, "geometry", "swapped_coordinates"), (1, "geometry", "swapped_coordinates")], []),
    "plots_with_z.geojson": ([], [(None, "geometry", "z_dropped")]),
    "plots_aral_points.geojson": ([(2, "geometry", "point_without_area")], []),
    "plots_outside_kazakhstan.geojson": ([(1, "geometry", "outside_kazakhstan")], []),
    "plots_duplicate_ids.geojson": ([(2, "plot_id", "duplicate_plot_id")], []),
    "plots_unknown_region.geojson": ([(1, "region", "unknown_region"), (2, "region", "missing_region")], []),
    "plots_area_mismatch.geojson": ([(1, "area_ha", "bad_area")], [(0, "area_ha", "area_mismatch")]),
    # GIS files as Google Earth, ArcGIS, QGIS and MapInfo write them (tests/data/make_gis_files.py), and tables
    "plots_semey.kml": ([], []),
    "plots_semey.kmz": ([], []),
    "plots_semey_arcgis_shp.zip": ([], []),
    "plots_semey_qgis_shp.zip": ([], []),
    "plots_utm42n_shp.zip": ([], [(None, "geometry", "reprojected")]),
    "plots_unknown_region_shp.zip": ([(1, "region", "unknown_region"), (2, "region", "missing_region")], []),
    "plots_semey.gpkg": ([], []),
    "plots_semey_tab.zip": ([], []),
    "plots_semey_mif.zip": ([], []),
    "plots_aral_points_cp1251.csv": ([], []),
    "plots_aral_points.xlsx": ([(2, "geometry", "point_without_area")], []),
    "plantings_semey.ods": ([(4, "surviving", "surviving_exceeds_planted")], []),
    "plantings_semey.xls": ([(4, "surviving", "surviving_exceeds_planted")], []),
    "plots_broken_geometry.geojson": (
        [
            (0, "geometry", "null_geometry"),
            (1, "geometry", "empty_geometry"),
            (2, "plot_id", "missing_plot_id"),
            (3, "geometry", "unsupported_geometry"),
            (4, "geometry", "bad_geometry"),
        ],
        [],
    ),
}

UNREADABLE = {
    "plantings_empty.csv": "empty_file",
    "plantings_header_only.csv": "no_rows",
    "plantings_saved_page.csv": "html_file",
    "plantings_archive.csv": "zip_file",
    "plots_truncated.geojson": "bad_json",
    "plots_no_dbf_shp.zip": "shapefile_incomplete",
    "plots_two_layers.gpkg": "several_layers",
    "plots_damaged.gpkg": "bad_gis_file",
    "plots_readme_only.zip": "zip_without_plots",
}
# The GIS files written from a GeoJSON sample, which must give the very plots that sample gives.
SAME_AS_GEOJSON = {
    "plots_semey.kml": "plots_semey.geojson",
    "plots_semey.kmz": "plots_semey.geojson",
    "plots_semey_arcgis_shp.zip": "plots_semey.geojson",
    "plots_semey_qgis_shp.zip": "plots_semey.geojson",
    "plots_semey.gpkg": "plots_semey.geojson",
    "plots_semey_tab.zip": "plots_semey.geojson",
    "plots_semey_mif.zip": "plots_semey.geojson",
    "plots_utm42n_shp.zip": "plots_utm42n.geojson",
    "plots_unknown_region_shp.zip": "plots_unknown_region.geojson",
}


def check(name: str, **options):
    return validate_file((DATA / name).read_bytes(), name, today=TODAY, **options)


def where(problems) -> list[tuple]:
    return [(p.row, p.column, p.code) for p in problems]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_file_gives_exactly_its_problems(name):
    report = check(name).report
    errors, warnings = EXPECTED[name]
    assert report.unreadable is None
    assert where(report.errors) == errors
    assert where(report.warnings) == warnings
    assert report.ok is (not errors)


@pytest.mark.parametrize("name", sorted(UNREADABLE))
def test_unreadable_sample_file_says_why_in_one_problem(name):
    report = check(name).report
    assert report.unreadable is not None and report.unreadable.code == UNREADABLE[name]
    assert not report.ok
    assert report.errors == [] and report.warnings == []


def test_every_sample_file_has_an_expectation():
    samples = {p.name for p in DATA.iterdir() if p.name.startswith(("plantings_", "plots_"))}
    assert samples == set(EXPECTED) | set(UNREADABLE)


def test_cp1251_semicolon_file_gives_typed_records_without_the_totals_row():
    plantings = check("plantings_semey_cp1251.csv").plantings
    assert plantings["row"].tolist() == [2, 3, 4, 5, 6]
    assert plantings["planted"].sum() == 39_500
    assert plantings["planted"].dtype == "int64" and plantings["surviving"].dtype == "Int64"
    first = plantings.iloc[0]
    assert (first["plot_id"], first["date"], first["species"]) == ("SEM-0001", date(2024, 4, 15), "Pinus sylvestris")
    assert first["surviving"] == 11_250 and first["survey_date"] == date(2024, 9, 30)
    assert plantings["survey_date"].iloc[2] is None and plantings["surviving"].isna().iloc[2]


def test_identical_rows_count_once():
    plantings = check("plantings_aral_bom.csv").plantings
    assert len(plantings) == 4
    assert plantings["planted"].sum() == 25_000 + 18_000 + 6_000 + 4_500


def test_conflicting_rows_name_both_rows_and_keep_the_first():
    validated = check("plantings_conflicting_rows.csv")
    conflict = validated.report.errors[0]
    assert conflict.params == {"first": 2}
    message = conflict.to_dict("ru")["message"]
    assert "2" in message and "4" in message
    assert validated.plantings["row"].tolist() == [2, 3]


def test_narrow_no_break_space_and_kazakh_headers_are_understood():
    plantings = check("plantings_kazakh_headers.csv").plantings
    assert plantings["planted"].tolist() == [15_000, 3_000, 9_500]
    assert plantings["species"].iloc[1] == "Betula pendula"  # салбыраңқы қайың, as the species list names it


def test_english_thousands_commas_in_counts_are_not_decimal_commas():
    plantings = check("plantings_english_comma.csv").plantings
    assert plantings["planted"].tolist() == [30_000, 5_000, 2_500]
    assert plantings["species"].iloc[0] == "Haloxylon aphyllum"  # "… (black saxaul, seedlings)" in the file


def test_dd_mm_yyyy_slashes_and_iso_dates_mix_in_one_column():
    plantings = check("plantings_tab_delimited.csv").plantings
    assert plantings["date"].tolist() == [date(2024, 4, 20), date(2024, 4, 21), date(2024, 4, 23)]


def test_excel_unicode_text_export_is_read():
    plantings = check("plantings_unicode_text.txt").plantings
    assert plantings["plot_id"].tolist() == ["KST-0011", "KST-0012"]


def test_xlsx_rows_are_numbered_as_excel_shows_them_below_a_title():
    plantings = check("plantings_season_2024.xlsx").plantings
    assert plantings["row"].tolist() == [4, 5, 6, 7]
    assert plantings["plot_id"].tolist() == ["SEM-0001", "SEM-0002", "SEM-0003", "1205"]
    assert plantings["date"].tolist() == [date(2024, 4, 15), date(2024, 4, 18), date(2024, 4, 22), date(2024, 10, 3)]
    assert plantings["planted"].tolist() == [12_500, 8_750, 2_000, 6_250]


def test_xlsx_named_sheet_is_read_case_insensitively():
    report = check("plantings_season_2024.xlsx", sheet="посадки 2023").report
    assert where(report.errors) == [(3, "surviving", "surviving_exceeds_planted")]


def test_xlsx_unknown_sheet_lists_the_sheets():
    report = check("plantings_season_2024.xlsx", sheet="2025").report
    assert report.unreadable.code == "no_sheet"
    assert report.unreadable.params == {"sheet": "2025", "sheets": "Посадки 2024, Посадки 2023"}


def test_plots_get_codes_geodesic_area_and_multipolygons():
    plots = check("plots_semey.geojson").plots
    assert plots["plot_id"].tolist() == ["SEM-0001", "SEM-0002", "SEM-0003"]
    assert plots["region"].tolist() == ["KZ-10"] * 3
    assert plots.crs.to_epsg() == 4326
    assert set(plots.geom_type) == {"MultiPolygon"}
    assert (abs(plots["area_ha"] - plots["declared_area_ha"]) < 0.06).all()
    assert plots.loc[2, "block"] == "14" and plots.loc[2, "forestry"] == "ГЛПР «Семей орманы»"
    clearing = plots.geometry.iloc[2].geoms[0]
    assert len(clearing.interiors) == 1


def test_utm_plots_land_near_kokshetau_with_their_declared_area():
    plots = check("plots_utm42n.geojson").plots
    centre = plots.geometry.iloc[0].centroid
    assert centre.x == pytest.approx(69.42, abs=0.01) and centre.y == pytest.approx(53.31, abs=0.01)
    assert plots["area_ha"].round(1).tolist() == plots["declared_area_ha"].tolist()
    assert plots["region"].tolist() == ["KZ-11", "KZ-11"]


def test_single_kazakh_feature_with_multipolygon_and_decimal_comma_area():
    plots = check("plots_single_feature_kk.geojson").plots
    row = plots.iloc[0]
    assert (row["plot_id"], row["region"], row["block"], row["compartment"]) == ("ABY-0007", "KZ-10", "31", "4")
    assert row["declared_area_ha"] == 5.5 and row["area_ha"] == pytest.approx(5.5, abs=0.05)
    assert len(row["geometry"].geoms) == 2


def test_bowtie_is_repaired_into_two_triangles():
    validated = check("plots_bowtie.geojson")
    assert "Self-intersection" in validated.report.warnings[0].params["detail"]
    repaired = validated.plots.geometry.iloc[0]
    assert repaired.is_valid and len(repaired.geoms) == 2


def test_z_values_are_dropped_and_counted_once():
    validated = check("plots_with_z.geojson")
    assert validated.report.warnings[0].params == {"count": 2}
    assert not shapely.has_z(validated.plots.geometry.values).any()


def test_point_with_area_becomes_a_circle_of_that_area():
    plots = check("plots_aral_points.geojson").plots
    assert plots["area_ha"].round(3).tolist() == [12.5, 9.0]
    assert plots.geometry.iloc[0].centroid.distance(shapely.Point(60.512, 45.498)) < 1e-6


def test_unknown_region_suggests_names_in_the_users_language():
    problem = check("plots_unknown_region.geojson").report.errors[0]
    assert problem.params["value"] == "Каракалпакстан"
    messages = {lang: problem.to_dict(lang)["message"] for lang in ("en", "ru", "kk")}
    assert "Region" in messages["en"] and "область" in messages["ru"] and "облысы" in messages["kk"]


def test_duplicate_plot_id_names_both_features():
    problem = check("plots_duplicate_ids.geojson").report.errors[0]
    assert problem.params == {"first": 0, "value": "SEM-0101"}


def test_only_valid_plots_are_returned():
    plots = check("plots_outside_kazakhstan.geojson").plots
    assert plots["plot_id"].tolist() == ["SEM-0031"]
    assert plots["row"].tolist() == [0]


@pytest.mark.parametrize("name", sorted(SAME_AS_GEOJSON))
def test_gis_file_gives_the_plots_its_geojson_gives(name):
    plots, expected = check(name).plots, check(SAME_AS_GEOJSON[name]).plots
    text = ["row", "plot_id", "name", "region", "partner", "forestry", "block", "compartment"]
    assert plots[text].to_dict("list") == expected[text].to_dict("list")
    assert plots["declared_area_ha"].to_numpy() == pytest.approx(expected["declared_area_ha"].to_numpy(), nan_ok=True)
    assert plots["area_ha"].to_numpy() == pytest.approx(expected["area_ha"].to_numpy(), rel=1e-6)
    assert plots.crs.to_epsg() == 4326 and set(plots.geom_type) == {"MultiPolygon"}
    assert shapely.equals_exact(plots.geometry.values, expected.geometry.values, tolerance=1e-6).all()


def test_cp1251_dbf_without_cpg_is_read_as_cyrillic_not_latin1():
    plots = check("plots_semey_arcgis_shp.zip").plots
    assert plots["name"].tolist()[0] == "Бор у Семея, кв. 12"
    assert plots["forestry"].tolist()[0] == "ГЛПР «Семей орманы»"


def test_dbf_field_cut_to_ten_characters_is_the_compartment():
    plots = check("plots_semey_qgis_shp.zip").plots
    assert plots["compartment"].tolist() == ["7", "9", "2"]


def test_utm_shapefile_is_reprojected_from_its_prj():
    validated = check("plots_utm42n_shp.zip")
    assert validated.report.warnings[0].params == {"crs": "EPSG:32642"}
    centre = validated.plots.geometry.iloc[0].centroid
    assert centre.x == pytest.approx(69.42, abs=0.01) and centre.y == pytest.approx(53.31, abs=0.01)


def test_geopackage_layer_is_chosen_by_name():
    data = (DATA / "plots_two_layers.gpkg").read_bytes()
    assert validate_file(data, "plots_two_layers.gpkg", layer="2024").plots["plot_id"].tolist() == ["SEM-0003"]
    report = validate_file(data, "plots_two_layers.gpkg").report
    assert report.unreadable.params == {"layers": "2023, 2024", "choices": ["2023", "2024"]}  # the app offers them
    missing = validate_file(data, "plots_two_layers.gpkg", layer="2025").report.unreadable
    assert (missing.code, missing.params) == ("no_layer", {"layer": "2025", "layers": "2023, 2024"})


def test_geopackage_point_layer_beside_the_plots_is_left_alone():
    assert check("plots_semey.gpkg").plots["plot_id"].tolist() == ["SEM-0001", "SEM-0002", "SEM-0003"]


def test_table_of_points_becomes_circles_of_their_area_with_decimal_commas():
    plots = check("plots_aral_points_cp1251.csv").plots
    assert plots["plot_id"].tolist() == ["ARL-0101", "ARL-0102", "ARL-0103"]
    assert plots["region"].tolist() == ["KZ-43"] * 3
    assert plots["forestry"].tolist() == ["Аральский лесхоз"] * 3
    assert plots["area_ha"].round(3).tolist() == [12.5, 9.0, 7.25]
    assert plots.geometry.iloc[0].centroid.distance(shapely.Point(61.6712, 45.7725)) < 1e-6


def test_xlsx_of_points_below_a_title_row_is_plots_numbered_from_0():
    validated = check("plots_aral_points.xlsx")
    assert validated.report.kind == "plots"
    assert validated.plots["row"].tolist() == [0, 1]


@pytest.mark.parametrize("name", ["plantings_semey.ods", "plantings_semey.xls"])
def test_ods_and_xls_plantings_are_read_like_xlsx(name):
    plantings = check(name).plantings
    assert plantings["plot_id"].tolist() == ["SEM-0001", "SEM-0002"]
    assert plantings["date"].tolist() == [date(2024, 4, 15), date(2024, 4, 18)]
    assert plantings["surviving"].tolist()[0] == 11_250


def test_damaged_geopackage_is_not_told_to_be_saved_from_excel():
    problem = check("plots_damaged.gpkg").report.unreadable
    assert problem.params["format"] == "GeoPackage"
    for lang in ("en", "ru", "kk"):
        text = problem.to_dict(lang)["message"]
        assert "GeoPackage" in text and "Excel" not in text and "CSV" not in text
