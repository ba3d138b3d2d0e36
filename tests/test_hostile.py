"""Hostile files (issue 18): what a file may make Orman allocate, and what it may not make Orman do.

The small files are in tests/data (hostile_*, written by tests/data/make_hostile.py); the bombs are built here, in
memory, in about a second.
"""

from __future__ import annotations

import io
import json
import sys
import time
import zipfile
from pathlib import Path

import pytest
import python_calamine
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.engine import Engine

from geo.readers import Unreadable, limits, read_cells, read_table
from geo.readers.workbook import _SheetExtent, check_inflation, read_workbook
from geo.report import MORE_WARNINGS, WARNINGS_PER_CODE, Report
from geo.store import check, get_batch, import_file
from geo.validate import validate_file

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
    overlaps = [p for p in warnings if p.code == "overlap"]
    assert len(overlaps) == WARNINGS_PER_CODE
    more = next(p for p in warnings if p.code == MORE_WARNINGS)
    assert more.params["kind"] == "overlap" and more.params["count"] > 0
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
    assert len([p for p in second.report.warnings if p.code == "overlap"]) == WARNINGS_PER_CODE
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
