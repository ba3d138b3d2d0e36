"""Upload templates (issue 13): every kind in kk, ru and en, as CSV that Excel in a Russian locale opens as columns
and as XLSX, from `python -m geo template`; every header is a header the readers take for its column."""

from __future__ import annotations

import codecs
import io
from pathlib import Path

import pandas as pd
import pytest

from geo import readers, surveys, templates
from geo.cli import main
from geo.columns import SURVEY_TEMPLATE
from geo.i18n import LANGS

# The alias table each template column is read back through: a table of points' lon/lat through POINT_ALIASES, a
# survey's counts through SURVEY_ALIASES, a survey's planting key and date as a planting's.
ALIASES = {
    "plots": {**readers.PLOT_ALIASES, **readers.POINT_ALIASES},
    "plantings": readers.PLANTING_ALIASES,
    "surveys": {
        **{column: readers.PLANTING_ALIASES[column] for column in ("plot_id", "date", "species", "survey_date")},
        **readers.SURVEY_ALIASES,
    },
    "writeoffs": readers.WRITEOFF_ALIASES,  # a write-off's ``date`` is the act's, its planting's planting_date
}
CASES = [(kind, lang) for kind in templates.TEMPLATE_KINDS for lang in LANGS]


@pytest.mark.parametrize(("kind", "lang"), CASES)
def test_every_header_reads_back_as_its_column(kind: str, lang: str) -> None:
    for column, header in zip(templates.COLUMNS[kind], templates.headers(kind, lang), strict=True):
        accepted = {readers.header_key(alias) for alias in ALIASES[kind][column]}
        assert readers.header_key(header) in accepted, (kind, lang, column, header)


@pytest.mark.parametrize(("kind", "lang"), CASES)
def test_csv_template_is_utf8_with_bom_and_semicolons(kind: str, lang: str) -> None:
    data = templates.template(kind, lang, "csv")
    assert data.startswith(codecs.BOM_UTF8)
    assert data.decode("utf-8-sig").rstrip("\r\n").split(";") == templates.headers(kind, lang)


@pytest.mark.parametrize(("kind", "lang"), CASES)
def test_xlsx_template_holds_the_headers(kind: str, lang: str) -> None:
    cells = readers.read_cells(templates.template(kind, lang, "xlsx"))
    assert cells.iloc[0].tolist() == templates.headers(kind, lang)
    frame = pd.read_excel(io.BytesIO(templates.template(kind, lang, "xlsx")), engine="openpyxl")
    assert list(frame.columns) == templates.headers(kind, lang) and frame.empty


def test_plantings_template_filled_in_is_read_as_plantings() -> None:
    header = templates.template("plantings", "kk", "csv").decode("utf-8-sig")
    filled = header + "SEM-0001;15.04.2024;қарағай;12 500;;;;\r\n"
    table = readers.read_table(filled.encode("utf-8-sig"))
    assert {"plot_id", "date", "species", "planted", "surviving", "survey_date"} <= set(table.columns)
    assert table.columns["planted"].tolist() == ["12 500"]


@pytest.mark.parametrize("fmt", templates.FORMATS)
@pytest.mark.parametrize("kind", templates.TEMPLATE_KINDS)
def test_template_command_writes_the_file(kind: str, fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"template.{fmt}"
    assert main(["template", "--kind", kind, "--lang", "ru", "--format", fmt, "--out", str(out)]) == 0
    assert out.read_bytes() == templates.template(kind, "ru", fmt) or fmt == "xlsx"
    assert readers.read_cells(out.read_bytes()).iloc[0].tolist() == templates.headers(kind, "ru")


@pytest.mark.parametrize("lang", LANGS)
def test_the_survey_sheet_of_geo_sample_is_headed_as_the_surveys_template(lang: str) -> None:
    """One name of each survey column per language: the sample sheet's headers are the template's, and read back
    as the survey's columns (the sheet also shows planted and region, for the field team)."""
    sheet = surveys.template_headers(lang)
    template = templates.headers("surveys", lang)
    assert [name for name in sheet if name in template] == template
    assert sheet == [templates.header("surveys", column, lang) for column in SURVEY_TEMPLATE]
    read = readers.best_of(sheet, readers.PLANTING_LOOKUP)
    assert {column: sheet[i] for column, i in read.items()} == {
        column: templates.header("surveys", column, lang) for column in SURVEY_TEMPLATE if column != "region"
    }
