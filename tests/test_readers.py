"""Reading bytes into cells and features: encodings, delimiters, headers, numbers and dates as officers write them."""

import codecs
import io
import json
import zipfile
from datetime import datetime
from pathlib import Path, PurePosixPath

import pandas as pd
import pytest

from geo import columns, readers
from geo.readers import Unreadable, decode_text, parse_dates, parse_numbers, read_features, read_table
from geo.validate import infer_kind

DATA = Path(__file__).parent / "data"
HEADER = "Участок;Дата посадки;Порода;Посажено\n"


def unreadable_code(read, data: bytes) -> str:
    with pytest.raises(Unreadable) as caught:
        read(data)
    return caught.value.problem.code


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1251", "utf-16"])
def test_text_encodings_are_detected_without_asking(encoding):
    assert decode_text("Порода;Посажено\nсосна;1 200\n".encode(encoding)) == "Порода;Посажено\nсосна;1 200\n"


def test_kazakh_letters_survive_utf8_with_bom():
    assert decode_text(codecs.BOM_UTF8 + "Сақталды".encode()) == "Сақталды"


@pytest.mark.parametrize("data", [b"\x00\x01\x02\x03binary", bytes(range(256)) * 4, b"\x89PNG\r\n\x1a\n\x00\x00"])
def test_binary_bytes_are_not_taken_for_text(data):
    assert unreadable_code(decode_text, data) == "binary_file"


@pytest.mark.parametrize(
    "header, canonical",
    [
        ("plot_id", "plot_id"),
        (" PLOT ID ", "plot_id"),
        ("Код участка", "plot_id"),
        ("Учаске коды", "plot_id"),
        ("№ участка", "plot_id"),
        ("Дата посадки", "date"),
        ("ДАТА", "date"),
        ("Отырғызу күні", "date"),
        ("Порода", "species"),
        ("Түр", "species"),
        ("Посажено, шт.", "planted"),
        ("Посажено (шт)", "planted"),
        ("Кол-во посаженных", "planted"),
        ("отырғызылды", "planted"),
        ("Прижилось", "surviving"),
        ("Сақталды", "surviving"),
        ("Дата учёта", "survey_date"),
        ("дата учета", "survey_date"),
        ("Есеп күні", "survey_date"),
        ("Survey date", "survey_date"),
    ],
)
def test_planting_headers_are_matched_in_any_case_and_language(header, canonical):
    table = read_table(f"{header};x\nSEM-0001;1\n".encode())
    assert list(table.columns) == [canonical]


@pytest.mark.parametrize("sep", [";", ",", "\t"])
def test_delimiter_is_sniffed(sep):
    text = (
        sep.join(["plot_id", "date", "species", "planted"])
        + "\n"
        + sep.join(["SEM-0001", "15.04.2024", "сосна", "12500"])
        + "\n"
    )
    table = read_table(text.encode())
    assert table.columns.loc[2].tolist() == ["SEM-0001", "15.04.2024", "сосна", "12500"]


def test_semicolon_wins_over_decimal_commas_in_the_data():
    table = read_table((HEADER + "SEM-0001;15.04.2024;сосна;12,0\nSEM-0002;16.04.2024;сосна;1,5\n").encode())
    assert table.columns["planted"].tolist() == ["12,0", "1,5"]


def test_excel_sep_line_is_hidden_from_row_numbers():
    table = read_table(("sep=;\n" + HEADER + "SEM-0001;15.04.2024;сосна;100\n").encode())
    assert table.header_row == 1 and table.columns.index.tolist() == [2]


def test_title_rows_above_the_header_keep_excel_row_numbers():
    text = "Учёт лесных культур 2024;;;\n;;;\n" + HEADER + "SEM-0001;15.04.2024;сосна;100\n"
    table = read_table(text.encode("cp1251"))
    assert table.header_row == 3 and table.columns.index.tolist() == [4]


def test_trailing_empty_rows_and_columns_are_ignored_but_blank_rows_keep_numbering():
    text = (
        "Участок;Дата посадки;Порода;Посажено;;;\nSEM-0001;15.04.2024;сосна;100;;;\n;;;;;;\n"
        "SEM-0002;16.04.2024;сосна;200;;;\n;;;;;;\n\n"
    )
    table = read_table(text.encode("cp1251"))
    assert table.columns.index.tolist() == [2, 4]
    assert list(table.columns) == ["plot_id", "date", "species", "planted"]


def test_ragged_rows_longer_than_the_header_are_read():
    table = read_table((HEADER + "SEM-0001;15.04.2024;сосна;100;примечание;ещё\n").encode())
    assert table.columns.loc[2, "planted"] == "100"


def test_unclosed_quote_is_read_without_an_exception():
    table = read_table(b'plot_id,date,species,planted\nSEM-1,2024-04-15,"pine,100\n')
    assert "plot_id" in table.columns


@pytest.mark.parametrize(
    "text, value",
    [
        ("12500", 12500.0),
        ("12 500", 12500.0),
        ("12\u00a0500", 12500.0),
        ("12\u202f500", 12500.0),
        ("12500,0", 12500.0),
        ("1,5", 1.5),
        ("-300", -300.0),
        (" 7 ", 7.0),
        ("1e3", 1000.0),
    ],
)
def test_numbers_in_officers_notation(text, value):
    assert parse_numbers(pd.Series([text])).iloc[0] == value


@pytest.mark.parametrize("text", ["много", "12.500,5", "#N/A", ""])
def test_non_numbers_are_nan(text):
    assert pd.isna(parse_numbers(pd.Series([text])).iloc[0])


def test_grouped_commas_are_thousands_only_when_asked():
    text = pd.Series(["12,500", "1,234,567", "12500,0", "1,5"])
    assert parse_numbers(text, grouped_commas=True).tolist() == [12500.0, 1234567.0, 12500.0, 1.5]
    assert parse_numbers(text).iloc[0] == 12.5


@pytest.mark.parametrize(
    "text, expected",
    [
        ("15.04.2024", datetime(2024, 4, 15)),
        ("5.4.2024", datetime(2024, 4, 5)),
        ("15/04/2024", datetime(2024, 4, 15)),
        ("2024-04-15", datetime(2024, 4, 15)),
        ("2024-04-15 00:00:00", datetime(2024, 4, 15)),
        ("15.04.24", datetime(2024, 4, 15)),
        ("15.04.2024 0:00", datetime(2024, 4, 15)),
    ],
)
def test_dates_in_officers_notation(text, expected):
    assert parse_dates(pd.Series([text])).iloc[0] == expected


@pytest.mark.parametrize("text", ["31.02.2024", "15.04.0024", "апрель 2024", "45397", "2024", ""])
def test_non_dates_are_nat(text):
    assert pd.isna(parse_dates(pd.Series([text])).iloc[0])


def test_totals_and_first_column_are_kept_for_the_validator():
    table = read_table((HEADER + "SEM-0001;15.04.2024;сосна;100\nИтого;;;100\n").encode())
    assert table.first_column.tolist() == ["SEM-0001", "Итого"]


@pytest.mark.parametrize(
    "data, code",
    [
        (b"", "empty_file"),
        (b"  \r\n\r\n", "empty_file"),
        (codecs.BOM_UTF8 + b"\r\n", "empty_file"),
        (b";;;\n;;;\n", "empty_file"),
        (HEADER.encode(), "no_rows"),
        (b"<!DOCTYPE html><html><body><table></table></body></html>", "html_file"),
        (b'{"type": "FeatureCollection", "features": []}', "json_as_table"),
    ],
)
def test_tables_that_cannot_be_read_say_why(data, code):
    assert unreadable_code(read_table, data) == code


def test_zip_that_is_not_a_workbook_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("plantings.csv", HEADER)
    assert unreadable_code(read_table, buffer.getvalue()) == "zip_file"


def test_workbook_is_recognised_by_its_bytes_not_its_name():
    table = read_table((DATA / "plantings_xlsx_renamed.csv").read_bytes())
    assert table.header_row == 3 and list(table.columns) == [
        "plot_id",
        "date",
        "species",
        "planted",
        "surviving",
        "survey_date",
    ]


def feature_collection(*features, **members) -> bytes:
    return json.dumps({"type": "FeatureCollection", **members, "features": list(features)}).encode()


POLYGON = {"type": "Polygon", "coordinates": [[[80.2, 50.4], [80.21, 50.4], [80.21, 50.41], [80.2, 50.4]]]}


def test_feature_properties_are_read_under_canonical_names():
    features = read_features(
        feature_collection(
            {
                "type": "Feature",
                "geometry": POLYGON,
                "properties": {
                    " Plot_ID ": "SEM-0001",
                    "Область": "Абай",
                    "Площадь, га": "12,5",
                    "Квартал": 12,
                    "note": "x",
                },
            }
        )
    )
    assert features.columns == {"plot_id": ["SEM-0001"], "region": ["Абай"], "area_ha": ["12,5"], "block": [12]}
    assert features.geometries == [POLYGON] and features.crs is None


def test_features_naming_their_properties_differently_line_up_in_the_same_columns():
    features = read_features(
        feature_collection(
            {"type": "Feature", "geometry": POLYGON, "properties": {"plot_id": "A", "region": "KZ-10"}},
            {"type": "Feature", "geometry": POLYGON, "properties": {"Участок": "B", "Область": "Абай", "Партнёр": "X"}},
            {"type": "Feature", "geometry": POLYGON, "properties": None},
        )
    )
    assert features.columns == {
        "plot_id": ["A", "B", None],
        "region": ["KZ-10", "Абай", None],
        "partner": [None, "X", None],
    }


def test_plot_id_property_beats_a_gis_id_field_whatever_the_order():
    features = read_features(
        feature_collection(
            {
                "type": "Feature",
                "geometry": POLYGON,
                "properties": {"id": 17, "plot_id": "SEM-0001", "Регион": "KZ-10", "region": None},
            }
        )
    )
    assert features.columns == {"plot_id": ["SEM-0001"], "region": [None]}


def test_best_named_column_wins_over_a_looser_alias():
    table = read_table("id;Код участка;Дата;Порода;Посажено\n7;SEM-0001;15.04.2024;сосна;100\n".encode())
    assert table.columns.loc[2, "plot_id"] == "SEM-0001"


def test_a_single_feature_is_a_collection_of_one():
    data = json.dumps({"type": "Feature", "properties": {"plot_id": "A"}, "geometry": POLYGON}).encode()
    assert read_features(data).columns == {"plot_id": ["A"]}


@pytest.mark.parametrize(
    "member, name",
    [
        ({"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::32642"}}, "urn:ogc:def:crs:EPSG::32642"),
        ({"type": "EPSG", "properties": {"code": 32643}}, "EPSG:32643"),
        ({"type": "link", "properties": {"href": "x.prj"}}, None),
    ],
)
def test_legacy_crs_member_is_read(member, name):
    assert read_features(feature_collection(crs=member)[:-2] + b'{"type": "Feature"}]}').crs == name


@pytest.mark.parametrize(
    "data, code",
    [
        (b"", "empty_file"),
        (b'{"type": "FeatureCollection", "features": [', "bad_json"),
        (b"[1, 2]", "not_geojson"),
        (json.dumps(POLYGON).encode(), "not_geojson"),
        (b'{"type": "FeatureCollection", "features": []}', "no_rows"),
        (b"<html><head></head></html>", "html_file"),
        ((DATA / "plantings_season_2024.xlsx").read_bytes(), "table_as_plots"),
    ],
)
def test_geojson_that_cannot_be_read_says_why(data, code):
    assert unreadable_code(read_features, data) == code


def test_truncated_geojson_says_where_it_stops():
    with pytest.raises(Unreadable) as caught:
        read_features((DATA / "plots_truncated.geojson").read_bytes())
    assert caught.value.problem.params["detail"].startswith("line 7, column")


@pytest.mark.parametrize(
    "name, kind",
    [
        ("plots.geojson", "plots"),
        ("PLOTS.JSON", "plots"),
        ("посадки.csv", "plantings"),
        ("season.xlsx", "plantings"),
        ("export.txt", "plantings"),
        ("notes.docx", None),
        ("README", None),
    ],
)
def test_kind_is_inferred_from_the_file_name(name, kind):
    assert infer_kind(name) == kind


def test_shown_aliases_name_other_spellings():
    assert (
        readers.shown_aliases(readers.PLANTING_ALIASES, "planted")
        == "посажено, отырғызылды, кол-во посаженных, seedlings planted"
    )


def test_every_planting_field_and_uploaded_plot_property_has_header_aliases():
    assert tuple(readers.PLANTING_ALIASES) == columns.PLANTING_FIELDS
    assert set(readers.PLOT_ALIASES) == {"plot_id", "region", "area_ha", *columns.PLOT_TEXT}


# --- the FORMATS table and the GIS readers ------------------------------------------------------------------


def test_upload_types_and_kinds_by_name_come_from_the_formats_table():
    from geo.validate import KIND_BY_SUFFIX, UPLOAD_TYPES

    suffixes = [suffix for fmt in readers.FORMATS for suffix in fmt.suffixes]
    assert list(KIND_BY_SUFFIX) == suffixes and tuple(s[1:] for s in suffixes) == UPLOAD_TYPES
    assert {"kml", "kmz", "zip", "gpkg", "xls", "ods"} <= set(UPLOAD_TYPES)


@pytest.mark.parametrize(
    "name, kind",
    [
        ("plots_semey.kml", "plots"),
        ("plots_semey_arcgis_shp.zip", "plots"),
        ("plots_semey.gpkg", "plots"),
        ("plots_aral_points_cp1251.csv", "plots"),
        ("plots_aral_points.xlsx", "plots"),
        ("plantings_semey_cp1251.csv", "plantings"),
        ("plantings_semey.ods", "plantings"),
        ("plantings_archive.csv", "plantings"),
    ],
)
def test_kind_is_inferred_from_the_name_and_a_tables_headers(name, kind):
    assert infer_kind(name, (DATA / name).read_bytes()) == kind


def test_gis_file_is_recognised_by_its_bytes_whatever_its_name():
    data = (DATA / "plots_semey.gpkg").read_bytes()
    assert read_features(data, "участки.dat").columns["plot_id"] == ["SEM-0001", "SEM-0002", "SEM-0003"]


def test_truncated_dbf_field_names_are_aliases():
    assert readers.best_of(["compartmen", "orman shar"], readers.PLOT_LOOKUP) == {"compartment": 0}


@pytest.mark.parametrize("name, code", [("участки.shp", "shapefile_not_zipped"), ("semey.tab", "mapinfo_not_zipped")])
def test_one_file_of_a_multi_file_format_asks_for_a_zip(name, code):
    assert unreadable_code(lambda data: read_features(data, name), b"\x00\x00\x27\x0a binary") == code


def zipped(**members: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name.replace("__", "/"), content)
    return buffer.getvalue()


def test_zip_bomb_is_refused_before_it_is_unpacked():
    bomb = zipped(**{"plots.shp": bytes(80 * 1024 * 1024), "plots.shx": b"", "plots.dbf": b""})
    assert len(bomb) < 1024 * 1024
    assert unreadable_code(lambda data: read_features(data, "plots.zip"), bomb) == "archive_ratio"


def test_zip_with_two_layers_names_them_and_layer_picks_one():
    with zipfile.ZipFile(DATA / "plots_semey_qgis_shp.zip") as archive:
        parts = {PurePosixPath(n).name: archive.read(n) for n in archive.namelist()}
    two = zipped(**parts, **{n.replace("plots_qgis", "copy"): v for n, v in parts.items()})
    with pytest.raises(Unreadable) as caught:
        read_features(two, "two.zip")
    assert caught.value.problem.code == "zip_several_datasets"
    assert "copy.shp" in caught.value.problem.params["datasets"]
    assert read_features(two, "two.zip", layer="copy").columns["plot_id"] == ["SEM-0001", "SEM-0002", "SEM-0003"]
    choices = caught.value.problem.params["choices"]  # what the app offers to choose from
    assert sorted(choices) == ["copy.shp", "plots_qgis.shp"]
    assert all(len(read_features(two, "two.zip", layer=choice)) == 3 for choice in choices)


def test_damaged_zip_is_one_clear_code():
    assert unreadable_code(lambda data: read_features(data, "plots.zip"), b"PK\x03\x04 cut short") == "bad_zip"


def test_unreadable_is_a_coded_error_that_keeps_its_problem():
    from geo.errors import CodedError

    error = Unreadable("no_layer", layer="2025", layers="2023, 2024")
    assert isinstance(error, CodedError) and error.code == "no_layer"
    assert error.problem.params == {"layer": "2025", "layers": "2023, 2024"}
    assert "2025" in error.message("ru") and "2025" in str(error)


@pytest.mark.parametrize(
    ("written", "fraction"),
    [
        ("999999999.9999999999", True),
        ("999999999,9999999999", True),
        ("12.5", True),
        ("12,5", True),
        ("12500,0", False),
        ("12 500", False),
        ("1,234,567", False),
        ("1e3", False),
        ("сорок", False),
    ],
)
def test_a_written_fraction_is_seen_however_near_a_whole_number_its_float_lies(written, fraction):
    assert readers.has_fraction(pd.Series([written]), grouped_commas=True).tolist() == [fraction]


def test_a_windows_1251_file_whose_bytes_happen_to_look_like_utf8_cyrillic_is_still_read_as_1251():
    text = "Код;Порода\r\nРЂ-1;сосна\r\n"  # 'Р' then 'Ђ' is D0 80 in Windows-1251: a UTF-8 Cyrillic lead pair
    assert decode_text(text.encode("cp1251")) == text
