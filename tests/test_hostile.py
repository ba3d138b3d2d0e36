"""Hostile files (issue 18): what a file may make Orman allocate, and what it may not make Orman do.

The small files are in tests/data (hostile_*, written by tests/data/make_hostile.py); the bombs are built here, in
memory, in about a second.
"""

from __future__ import annotations

import io
import json
import resource
import sys
import time
import unicodedata
import zipfile
from pathlib import Path

import pytest
import python_calamine
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.engine import Engine

from geo import cli, db
from geo.columns import TEXT_LIMITS
from geo.progress import summary
from geo.readers import Unreadable, limits, normalise_text, read_cells, read_features, read_table
from geo.readers.workbook import _SheetExtent, check_inflation, read_workbook
from geo.report import ELLIPSIS, MAX_ECHO_CHARS, MORE_WARNINGS, WARNINGS_PER_CODE, Report, echoed
from geo.store import check, get_batch, import_file
from geo.validate import MAX_POINT_AREA_HA, validate_file

DATA = Path(__file__).parent / "data"
sys.path.insert(0, str(DATA))
import make_hostile  # noqa: E402

PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def refused(read, data: bytes) -> Unreadable:
    with pytest.raises(Unreadable) as caught:
        read(data)
    return caught.value


def test_the_committed_hostile_files_are_those_the_script_writes():
    for name, make in make_hostile.COMMITTED.items():
        assert (DATA / name).read_bytes() == make(), name


# --- workbooks: what they inflate to, and the rectangle of cells they span ---------------------------------------


def test_a_workbook_declaring_gigabytes_is_refused_from_its_zip_directory():
    bomb = make_hostile.bomb_xlsx(1 << 30)
    assert len(bomb) < 4 << 20
    problem = refused(check_inflation, bomb).problem
    assert problem.code == "workbook_inflates"
    assert problem.params == {"size": 1025, "limit": limits.MAX_INFLATED_BYTES >> 20}


def test_a_member_packed_far_tighter_than_any_sheet_is_refused_by_its_ratio():
    problem = refused(check_inflation, make_hostile.bomb_xlsx(20 << 20)).problem
    assert problem.code == "workbook_ratio"
    assert problem.params["ratio"] > limits.MAX_RATIO


def test_a_member_inflating_past_what_its_directory_declares_is_refused_as_it_inflates():
    bomb = make_hostile.bomb_xlsx(300 << 20, lie=True)
    declared = sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(bomb)).infolist())
    assert declared < limits.MAX_INFLATED_BYTES  # the directory's sizes alone let it through
    problem = refused(check_inflation, bomb).problem
    assert problem.code == "workbook_lies"
    assert problem.params["member"] == "xl/worksheets/sheet1.xml"


def test_two_cells_at_the_corners_of_a_sheet_are_refused_before_the_reader_holds_the_rectangle():
    problem = refused(read_workbook_first, (DATA / "hostile_sparse.xlsx").read_bytes()).problem
    assert problem.code == "sheet_too_large"
    assert problem.params["last"] == "XFD1048576"


def test_an_ods_cell_repeated_over_the_whole_sheet_is_refused():
    problem = refused(read_workbook_first, (DATA / "hostile_repeated.ods").read_bytes()).problem
    assert problem.code == "sheet_too_large"
    assert (problem.params["rows"], problem.params["columns"]) == (1_048_576, 16_384)


def test_a_cell_longer_than_excel_allows_is_named_by_its_address():
    problem = refused(read_workbook_first, (DATA / "hostile_long_cell.xlsx").read_bytes()).problem
    assert problem.code == "cell_too_long"
    assert problem.params == {"cell": "C2", "length": 100_000, "limit": limits.MAX_CELL_CHARS}


@pytest.mark.parametrize("name", ["plantings_season_2024.xlsx", "plantings_semey.ods", "plots_aral_points.xlsx"])
def test_real_workbooks_pass_the_bounds(name):
    check_inflation((DATA / name).read_bytes())


def test_bounds_refuse_through_validation_as_one_problem_in_every_language():
    report = validate_file(make_hostile.bomb_xlsx(1 << 30), "plantings.xlsx").report
    assert report.unreadable is not None and report.unreadable.code == "workbook_inflates"
    for lang in ("en", "ru", "kk"):
        assert "1" in report.to_json(lang)["errors"][0]["message"]


def read_workbook_first(data: bytes):
    return read_workbook(data, None)


def _sheet(cells: list[tuple[int, int]], with_refs: bool) -> bytes:
    """Sheet XML with a value at each (row, column), 1-based, rows in order; without references rows and cells
    are written in place of every gap (as a writer that omits ``r`` must)."""
    rows: dict[int, list[int]] = {}
    for row, column in sorted(set(cells)):
        rows.setdefault(row, []).append(column)
    xml = []
    last_row = 0
    for row, columns in rows.items():
        if with_refs:
            xml.append(f'<row r="{row}">')
            xml += [f'<c r="{make_hostile_letters(c)}{row}"><v>1</v></c>' for c in columns]
        else:
            xml += ["<row/>"] * (row - last_row - 1) + ["<row>"]
            last = 0
            for c in columns:
                xml += ["<c/>"] * (c - last - 1) + ["<c><v>1</v></c>"]
                last = c
        xml.append("</row>")
        last_row = row
    return (make_hostile._SHEET_HEAD + "".join(xml) + make_hostile._SHEET_TAIL).encode()


def make_hostile_letters(number: int) -> str:
    return limits.column_letters(number)


@PROPERTY
@given(
    st.lists(st.tuples(st.integers(1, 400), st.integers(1, 60)), min_size=1, max_size=40),
    st.booleans(),
    st.integers(64, 4096),
)
def test_the_extent_found_while_inflating_is_never_smaller_than_what_the_reader_holds(cells, with_refs, piece):
    """Whatever the cells and however the XML is cut into pieces, the bound covers the reader's rectangle."""
    sheet = _sheet(cells, with_refs)
    extent = _SheetExtent(ods=False)
    for at in range(0, len(sheet), piece):
        extent.feed(sheet[at : at + piece])
    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(make_hostile._xlsx(sheet)))
    end_row, end_column = book.get_sheet_by_index(0).end or (0, 0)
    assert extent.rows >= end_row + 1 and extent.columns >= end_column + 1
    assert (extent.rows, extent.columns) == (max(r for r, _ in cells), max(c for _, c in cells))


# --- text tables: columns and line length ------------------------------------------------------------------------


def test_a_line_of_a_hundred_thousand_delimiters_is_refused_with_its_line_number():
    problem = refused(read_cells, (DATA / "hostile_wide.csv").read_bytes()).problem
    assert problem.code == "too_many_columns"
    assert problem.params == {"line": 2, "columns": 100_000, "limit": limits.MAX_COLUMNS}


def test_excel_sep_line_counts_in_the_line_number():
    data = b"sep=;\r\nplot_id;date;species;planted\r\nSEM-1;15.04.2024;x;1\r\n" + b";" * 1500 + b"\r\n"
    assert refused(read_cells, data).problem.params["line"] == 4


def test_a_line_of_two_million_characters_is_refused():
    problem = refused(read_cells, make_hostile.long_line_csv()).problem
    assert problem.code == "line_too_long"
    assert problem.params == {"line": 3, "length": 2_000_000, "limit": limits.MAX_LINE_CHARS}


def test_a_csv_cell_longer_than_excel_allows_is_named_by_its_address():
    problem = refused(read_cells, make_hostile.long_line_csv(40_000)).problem
    assert problem.params == {"cell": "A3", "length": 40_000, "limit": limits.MAX_CELL_CHARS}


def test_a_table_at_the_column_limit_is_read():
    header = ";".join(["plot_id", "date", "species", "planted", *(f"x{i}" for i in range(limits.MAX_COLUMNS - 4))])
    table = read_table(f"{header}\nSEM-1;15.04.2024;сосна;10{';' * (limits.MAX_COLUMNS - 4)}\n".encode())
    assert table.columns["planted"].tolist() == ["10"]


def test_a_header_of_unclosed_brackets_is_sniffed_in_linear_time():
    data = ("plot_id;date;species;planted;" + "(" * 30_000 + "\nSEM-1;15.04.2024;сосна;10\n").encode()
    started = time.perf_counter()
    assert read_table(data).columns["species"].tolist() == ["сосна"]
    assert time.perf_counter() - started < 5


@PROPERTY
@given(st.integers(1, 2 * limits.MAX_COLUMNS), st.integers(2, 5), st.sampled_from([";", ",", "\t"]))
def test_a_csv_is_read_or_refused_by_its_widest_line(width, line, sep):
    """Below the limit the table is read whole; above it the first line past the limit is named."""
    body = ["plot_id;date;species;planted".replace(";", sep)] + [sep.join(["SEM-1", "15.04.2024", "x", "1"])] * 4
    body[line - 1] = sep.join(["v"] * width) if width > 4 else body[line - 1]
    data = "\n".join(body).encode()
    if max(width, 4) > limits.MAX_COLUMNS:
        problem = refused(read_cells, data).problem
        assert (problem.code, problem.params["line"], problem.params["columns"]) == ("too_many_columns", line, width)
    else:
        assert read_cells(data).shape == (5, max(width, 4))


# --- reports: the warnings of one kind past the first ones, and overlaps of stacked plots ----------------------


def test_a_report_lists_the_first_warnings_of_a_kind_and_counts_the_rest_after_them():
    report = Report("plantings")
    for row in range(250, 0, -1):
        report.warn("duplicate_row", row + 1, None, first=1)
    report.warn("totals_row", 300, None, value="Итого")
    report.sort()
    report.sort()  # sorting again changes nothing
    codes = [p.code for p in report.warnings]
    assert codes == ["duplicate_row"] * WARNINGS_PER_CODE + [MORE_WARNINGS, "totals_row"]
    summary = report.warnings[WARNINGS_PER_CODE]
    assert summary.params == {"count": 150, "kind": "duplicate_row", "limit": WARNINGS_PER_CODE}
    assert report.warnings[WARNINGS_PER_CODE - 1].row == 251  # the kept ones are read top to bottom
    again = Report.from_dict(report.to_dict())
    again.sort()
    assert again.to_dict() == report.to_dict()
    for lang in ("en", "ru", "kk"):
        assert "150" in summary.text(lang)


def test_four_hundred_stacked_points_give_a_bounded_report_and_a_bounded_stored_batch(store: Engine):
    data = (DATA / "hostile_stacked_400.geojson").read_bytes()
    result = import_file(store, data, "hostile_stacked_400.geojson", user="aigerim")
    assert result.committed and result.new == 400
    warnings = result.report.warnings
    stacked = [p for p in warnings if p.code == "same_point"]  # points at one place: each pair a double count
    assert len(stacked) == WARNINGS_PER_CODE
    more = next(p for p in warnings if p.code == MORE_WARNINGS)
    assert more.params["kind"] == "same_point" and more.params["count"] > 0
    unchecked = next(p for p in warnings if p.code == "overlaps_unchecked")
    assert 0 < unchecked.params["count"] < 400
    assert len(warnings) == WARNINGS_PER_CODE + 2
    kept = get_batch(store, result.batch)
    assert kept is not None and len(kept.report.warnings) == WARNINGS_PER_CODE + 2
    assert len(json.dumps(result.report.to_json("ru"), ensure_ascii=False)) < 100_000
    # the same plots again under other ids: the stored neighbours are bounded as well
    again = json.loads(data)
    for feature in again["features"]:
        feature["properties"]["plot_id"] += "-B"
    second = check(store, json.dumps(again).encode(), "again.geojson")
    assert len([p for p in second.report.warnings if p.code == "same_point"]) == WARNINGS_PER_CODE
    assert next(p for p in second.report.warnings if p.code == "overlaps_unchecked").params["count"] > 0


# --- importing the valid rows only: both halves of a conflicting pair are skipped ------------------------------


def test_skip_invalid_imports_neither_row_of_a_conflicting_pair(store: Engine):
    plots = import_file(store, (DATA / "plots_semey.geojson").read_bytes(), "plots_semey.geojson", user="aigerim")
    assert plots.committed
    name = "plantings_conflicting_rows.csv"  # rows 2 and 4: one planting, two survival counts; 3 and 5 identical
    result = import_file(store, (DATA / name).read_bytes(), name, user="aigerim", skip_invalid=True)
    assert result.committed
    assert [(p.row, p.code, p.params) for p in result.report.errors] == [(4, "conflicting_rows", {"first": 2})]
    assert (result.new, result.skipped) == (1, 2)
    with store.connect() as conn:
        kept = conn.exec_driver_sql("SELECT plot_id, surviving FROM plantings").all()
    assert kept == [("SEM-0002", 7000)]
    batch = get_batch(store, result.batch)
    assert batch is not None and batch.skipped == 2


def test_skip_invalid_imports_neither_feature_of_a_duplicated_plot_id(store: Engine):
    name = "plots_duplicate_ids.geojson"
    validated = validate_file((DATA / name).read_bytes(), name)
    pairs = [(p.row, p.params["first"]) for p in validated.report.errors if p.code == "duplicate_plot_id"]
    assert pairs
    result = import_file(store, (DATA / name).read_bytes(), name, user="aigerim", skip_invalid=True)
    duplicated = {validated.plots.set_index("row").loc[first, "plot_id"] for _, first in pairs}
    with store.connect() as conn:
        stored = {row[0] for row in conn.exec_driver_sql("SELECT plot_id FROM plots")}
    assert not duplicated & stored
    assert result.skipped == len({p.row for p in validated.report.errors} | {first for _, first in pairs})


# --- keys that look alike are one key (issue 18 #4) ---------------------------------------------------------------

INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e", "\u2061"]
SPACES = [" ", "\u00a0", "\u2009", "\u202f", "\t", "  "]
# Text as officers type it: letters (Latin, Cyrillic, Kazakh), digits, punctuation and single spaces inside.
WORDS = st.text(st.sampled_from("abcXYZ019-/.«»йёқәүұіАБВЙЁЖжнш"), min_size=1, max_size=12)
KEYS = st.lists(WORDS, min_size=1, max_size=4).map(" ".join)


@PROPERTY
@given(KEYS, st.lists(st.tuples(st.integers(0, 60), st.sampled_from(INVISIBLE)), max_size=6), st.data())
def test_a_key_with_invisible_characters_inserted_normalises_to_the_same_key(key, inserted, data):
    """Zero-width and format characters anywhere, another kind of space between words, letters decomposed (NFD)
    and spaces at the ends: the key is the one typed plainly."""
    text = key
    for position, character in inserted:
        at = position % (len(text) + 1)
        text = text[:at] + character + text[at:]
    text = " ".join(text.split(" "))
    spaced = data.draw(st.sampled_from(SPACES)).join(text.split(" "))
    decomposed = unicodedata.normalize("NFD", spaced)
    assert normalise_text(f" \u00a0{decomposed}\t") == normalise_text(key) == key


@PROPERTY
@given(st.text(max_size=40))
def test_normalising_is_idempotent_for_any_text(text):
    once = normalise_text(text)
    assert normalise_text(once) == once
    assert once == once.strip() and "  " not in once
    assert not any(unicodedata.category(c) == "Cf" for c in once)


def test_keys_are_normalised_for_every_kind_with_a_warning_at_the_row_and_column():
    plants = validate_file((DATA / "hostile_alike_plantings_invisible.csv").read_bytes(), "p.csv").report
    assert {(p.row, p.column) for p in plants.warnings if p.code == "invisible_characters"} == {
        (row, column) for row in (2, 3, 4) for column in ("plot_id", "species")
    }
    plots = validate_file((DATA / "hostile_alike_plots_invisible.geojson").read_bytes(), "p.geojson")
    assert plots.plots["plot_id"].tolist() == ["INV-0001", "INV-0002"]
    warned = {(p.row, p.column) for p in plots.report.warnings if p.code == "invisible_characters_feature"}
    assert warned == {(row, column) for row in (0, 1) for column in ("plot_id", "partner", "forestry")}
    survey = "plot_id;date;species;survey_date;alive\r\n"
    survey += "INV-\u200b0001;15.04.2024;лох узколистны\u0438\u0306;01.10.2024;5\r\n"
    surveys = validate_file(survey.encode(), "s.csv", kind="surveys")
    assert surveys.surveys[["plot_id", "species"]].values.tolist() == [["INV-0001", "Elaeagnus angustifolia"]]
    assert {p.column for p in surveys.report.warnings if p.code == "invisible_characters"} == {"plot_id", "species"}
    for lang in ("en", "ru", "kk"):
        said = [w["message"] for w in plants.to_json(lang)["warnings"]]
        assert "2" in said[0] and any("«лох узколистный»" in m or "“лох узколистный”" in m for m in said)


def test_a_reupload_whose_keys_carry_invisible_characters_finds_every_record_unchanged(store: Engine):
    for name in ("hostile_alike_plots.geojson", "hostile_alike_plantings.csv"):
        assert import_file(store, (DATA / name).read_bytes(), name, user="aigerim").committed
    before = summary(store)
    plots = import_file(store, (DATA / "hostile_alike_plots_invisible.geojson").read_bytes(), "again.geojson")
    assert (plots.new, plots.updated, plots.unchanged) == (0, 0, 2)  # rings redrawn from another vertex, clockwise
    name = "hostile_alike_plantings_invisible.csv"
    plantings = import_file(store, (DATA / name).read_bytes(), name, user="aigerim")
    assert (plantings.new, plantings.updated, plantings.unchanged) == (0, 0, 3)
    assert summary(store) == before and before["planted"] == 5_000
    with store.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM plantings").scalar_one() == 3
        assert conn.exec_driver_sql("SELECT count(*) FROM plots").scalar_one() == 2


# --- text the store cannot keep is an error at its row and column, on both engines (issue 18 #5) -------------


def test_text_too_long_nul_and_lone_surrogates_are_errors_and_nothing_is_written(store: Engine):
    plots = import_file(store, (DATA / "hostile_unstorable_plots.geojson").read_bytes(), "u.geojson", user="aigerim")
    assert not plots.committed
    found = [(p.row, p.column, p.code) for p in plots.report.errors]
    assert found == [
        (0, "plot_id", "text_too_long_feature"),
        (1, "name", "bad_character_feature"),
        (2, "partner", "bad_character_feature"),
        (3, "forestry", "text_too_long_feature"),
        (4, "area_ha", "implausible_point_area"),
    ]
    assert [p.params.get("character") for p in plots.report.errors[1:3]] == ["U+0000", "U+D800"]
    assert plots.report.errors[0].params["plot_id"] == "X" * (MAX_ECHO_CHARS - 1) + ELLIPSIS
    for lang in ("en", "ru", "kk"):
        text = json.dumps(plots.to_json(lang), ensure_ascii=False)
        text.encode()  # every character printable and storable
        assert len(text) < 20_000
    import_file(store, (DATA / "hostile_alike_plots.geojson").read_bytes(), "a.geojson", user="aigerim")
    name = "hostile_unstorable_plantings.csv"
    plantings = import_file(store, (DATA / name).read_bytes(), name, user="aigerim")
    assert not plantings.committed
    assert [(p.row, p.column, p.code) for p in plantings.report.errors] == [
        (2, "species", "text_too_long"),
        (3, "plot_id", "text_too_long"),
        (4, "planted", "not_whole"),
        (5, "planted", "not_whole"),
        (6, "planted", "not_whole"),
    ]
    kept = import_file(store, (DATA / name).read_bytes(), name, user="aigerim", skip_invalid=True)
    assert kept.committed and kept.new == 1  # only 12500,0: whole, as the contract reads it
    with store.connect() as conn:
        assert conn.exec_driver_sql("SELECT planted FROM plantings").scalars().all() == [12_500]
    with store.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM plots").scalar_one() == 2


def test_the_text_limits_are_the_schema_column_lengths():
    for table in (db.plots, db.plantings, db.surveys):
        for column in table.columns:
            if column.name in TEXT_LIMITS:
                assert column.type.length == TEXT_LIMITS[column.name], (table.name, column.name)
    assert db.batches.c.created_by.type.length == TEXT_LIMITS["user"]


@pytest.mark.parametrize("command", [["import", "plantings.csv"], ["rollback", "1"]])
def test_a_user_name_longer_than_the_store_keeps_is_refused_on_the_command_line(command, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ORMAN_DB_URL", f"sqlite:///{tmp_path / 'orman.sqlite'}")
    (tmp_path / "plantings.csv").write_bytes((DATA / "hostile_alike_plantings.csv").read_bytes())
    monkeypatch.chdir(tmp_path)
    for lang in ("en", "ru", "kk"):
        assert cli.main([*command, "--user", "u" * 201, "--lang", lang]) == cli.EXIT_ERRORS
        said = capsys.readouterr().err
        assert "201" in said and "200" in said and "Traceback" not in said
    assert cli.main([*command, "--user", "\udcff", "--lang", "ru"]) == cli.EXIT_ERRORS
    assert "--user" in capsys.readouterr().err
    assert not (tmp_path / "orman.sqlite").exists()  # refused before the store was opened


# --- mixed encodings, surrogates in bytes, repeated JSON keys, echoed values (issue 18 #3, #5, #11) -------------


def test_a_csv_mixing_utf8_and_windows_1251_lines_is_refused_at_the_first_line_not_in_utf8():
    report = validate_file((DATA / "hostile_mixed_encoding.csv").read_bytes(), "mixed.csv").report
    assert report.unreadable is not None
    assert (report.unreadable.code, report.unreadable.params) == ("mixed_encoding", {"line": 3, "utf8_line": 1})
    for lang in ("en", "ru", "kk"):
        message = report.to_json(lang)["errors"][0]["message"]
        assert "3" in message and "1" in message and "UTF-8" in message


def test_a_whole_windows_1251_file_with_the_same_rows_is_read_as_before():
    text = (DATA / "hostile_mixed_encoding.csv").read_bytes().decode("utf-8", "replace")
    clean = make_hostile.alike_plantings().decode("utf-8-sig")
    assert "лох" in clean and "\ufffd" in text
    validated = validate_file(clean.encode("cp1251"), "cp1251.csv")
    assert validated.report.ok and validated.plantings["species"].tolist()[0] == "Elaeagnus angustifolia"


def test_utf8_bytes_of_a_lone_surrogate_are_refused_with_their_line():
    data = "plot_id;date;species;planted\r\nINV-0001;15.04.2024;сосна;10\r\n".encode() + b"INV-0002;x\xed\xa0\x80;1\r\n"
    problem = refused(read_cells, data).problem
    assert (problem.code, problem.params) == ("lone_surrogate_line", {"line": 3})


def test_a_key_given_twice_in_a_feature_is_a_warning_and_the_last_value_is_used():
    validated = validate_file((DATA / "hostile_duplicate_keys.geojson").read_bytes(), "dup.geojson")
    assert [(p.code, p.row, p.params) for p in validated.report.warnings] == [("duplicate_key", 0, {"keys": "plot_id"})]
    assert validated.plots["plot_id"].tolist() == ["INV-0009"]
    top = b'{"type": "FeatureCollection", "type": "FeatureCollection", "features": []}'
    assert validate_file(top, "top.geojson").report.unreadable.code == "no_rows"


def test_a_huge_cell_is_echoed_back_cut():
    cell = "9" * 20_000 + "x"
    data = f"plot_id;date;species;planted\r\nINV-0001;15.04.2024;сосна;{cell}\r\n".encode()
    report = validate_file(data, "huge.csv").report
    (problem,) = report.errors
    assert problem.code == "not_a_number"
    assert problem.params["value"] == "9" * (MAX_ECHO_CHARS - 1) + ELLIPSIS
    assert len(json.dumps(report.to_json("ru"), ensure_ascii=False)) < 2_000


def test_echoed_values_are_bounded_and_storable_for_any_text():
    for text in ("a" * 10_000, "\x00\ud800 name", "short"):
        shown = echoed(text)
        shown.encode()
        assert len(shown) <= MAX_ECHO_CHARS
    assert echoed(12) == 12


# --- point plots: a declared area past any plot is an error (issue 18 #7) -----------------------------------------


@pytest.mark.parametrize(("area", "ok"), [(50, True), (MAX_POINT_AREA_HA, True), (MAX_POINT_AREA_HA + 1, False)])
def test_a_point_declaring_more_than_any_plot_is_refused(area, ok):
    feature = {"plot_id": "PT-1", "region": "KZ-10", "area_ha": area}
    data = json.dumps(
        {"type": "Feature", "properties": feature, "geometry": {"type": "Point", "coordinates": [80.2, 50.4]}}
    )
    report = validate_file(data.encode(), "point.geojson").report
    assert report.ok is ok
    if not ok:
        assert [(p.code, p.column, p.params["limit"]) for p in report.errors] == [
            ("implausible_point_area", "area_ha", MAX_POINT_AREA_HA)
        ]


def test_a_point_of_twenty_four_billion_hectares_overlaps_nothing_stored(store: Engine):
    assert import_file(store, (DATA / "hostile_alike_plots.geojson").read_bytes(), "a.geojson").committed
    result = import_file(store, (DATA / "hostile_unstorable_plots.geojson").read_bytes(), "u.geojson")
    assert not result.committed and not [p for p in result.report.warnings if p.code == "overlap"]


# A point plot's circle stands for its area, not for where the plot lies: a point overlaps an outline when it lies
# in it, and another point when both are at one place (within geo.store.SAME_POINT_METRES).
POINT_BY_PLOT = "hostile_point_by_plot.geojson"  # PNT-POLY, PNT-BIG (90 000 ha, 5 km away), PNT-KML inside
POINTS_BY_PLOT = "hostile_points_by_plot.csv"  # PNT-IN, PNT-SAME, PNT-A, PNT-B, PNT-C (features 0-4)
POINT_CODES = ("overlap", "point_in_plot", "same_point")


def point_warnings(result) -> list[tuple]:
    """(code, row, the two plots' ids) of the overlap warnings, sorted (the store gives neighbours in any order)."""
    return sorted((p.code, p.row, *sorted(p.params.values())) for p in result.report.warnings if p.code in POINT_CODES)


def test_a_large_point_near_a_plot_overlaps_nothing_and_a_point_inside_it_does(store: Engine):
    result = import_file(store, (DATA / POINT_BY_PLOT).read_bytes(), POINT_BY_PLOT)
    assert result.committed and result.new == 3
    # the 90 000 ha circle covers PNT-POLY and PNT-KML: only PNT-KML's point lies in the plot
    assert point_warnings(result) == [("point_in_plot", 2, "PNT-KML", "PNT-POLY")]
    message = result.report.warnings[0]
    assert "PNT-KML" in message.text("en") and "as a point" in message.text("en")
    assert "точкой" in message.text("ru") and "нүктемен" in message.text("kk")


def test_points_after_a_plot_warn_inside_it_and_at_one_place_only(store: Engine):
    assert import_file(store, (DATA / POINT_BY_PLOT).read_bytes(), POINT_BY_PLOT).committed
    result = import_file(store, (DATA / POINTS_BY_PLOT).read_bytes(), POINTS_BY_PLOT)
    assert result.committed and result.new == 5
    assert point_warnings(result) == [
        ("point_in_plot", 0, "PNT-IN", "PNT-POLY"),
        ("point_in_plot", 1, "PNT-POLY", "PNT-SAME"),
        ("same_point", 1, "PNT-IN", "PNT-SAME"),
        ("same_point", 4, "PNT-A", "PNT-C"),  # 0.28 m apart; PNT-B, 2.1 m from PNT-A, is another place
    ]
    same = next(p for p in result.report.warnings if p.code == "same_point")
    assert "same place" in same.text("en") and "одном и том же месте" in same.text("ru")


def test_a_plot_after_points_warns_for_the_points_inside_it_only(store: Engine):
    assert import_file(store, (DATA / POINTS_BY_PLOT).read_bytes(), POINTS_BY_PLOT).committed
    result = check(store, (DATA / POINT_BY_PLOT).read_bytes(), POINT_BY_PLOT)
    assert result.report.ok
    assert point_warnings(result) == [
        ("point_in_plot", 0, "PNT-IN", "PNT-POLY"),
        ("point_in_plot", 0, "PNT-POLY", "PNT-SAME"),
        ("point_in_plot", 2, "PNT-KML", "PNT-POLY"),
    ]


def test_point_plots_keep_their_point_as_centre_in_the_store(store: Engine):
    assert import_file(store, (DATA / POINTS_BY_PLOT).read_bytes(), POINTS_BY_PLOT).committed
    assert import_file(store, (DATA / POINT_BY_PLOT).read_bytes(), POINT_BY_PLOT).committed
    with store.connect() as conn:
        kept = {
            r.plot_id: r
            for r in conn.execute(sa.select(db.plots.c.plot_id, db.plots.c.point, db.plots.c.lon, db.plots.c.lat))
        }
    assert {pid for pid, r in kept.items() if r.point} == set(kept) - {"PNT-POLY"}
    assert (kept["PNT-C"].lon, kept["PNT-C"].lat) == (80.400004, 50.41)
    assert (kept["PNT-BIG"].lon, kept["PNT-BIG"].lat) == (80.25, 50.41)
    assert not kept["PNT-POLY"].point and kept["PNT-POLY"].lon == pytest.approx(80.322)


# --- GIS archives: the workbook's bounds before GDAL reads anything -----------------------------------------------


def test_a_kmz_declaring_gigabytes_is_refused_from_its_zip_directory():
    problem = refused(lambda data: read_features(data, "plots.kmz"), make_hostile.bomb_kmz(1 << 30)).problem
    assert problem.code == "archive_inflates"
    assert problem.params["limit"] == limits.MAX_INFLATED_BYTES >> 20


def test_a_kmz_member_lying_about_its_size_is_not_inflated_past_what_it_declares():
    bomb = make_hostile.bomb_kmz(300 << 20, lie=True)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    problem = refused(lambda data: read_features(data, "plots.kmz"), bomb).problem
    assert problem.code == "bad_zip"
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < 100  # ZipFile.read would have inflated 300 MB
