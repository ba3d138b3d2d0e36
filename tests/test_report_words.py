"""A report officers can act on (issue 13): their own headers, their language only, their notation for numbers and
dates, plural forms that agree, no "None", features counted from 1 — while the JSON keeps the contract's fields."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from geo.cli import main
from geo.i18n import LANGS, message
from geo.i18n.details import PHRASES
from geo.report import Problem, Report
from geo.validate import validate_file

DATA = Path(__file__).parent / "data"
TODAY = date(2026, 11, 25)
FILES = sorted(p for p in DATA.iterdir() if p.suffix in (".csv", ".txt", ".xlsx", ".geojson"))
# What GEOS, Python's JSON parser, numpy and pandas write, and what an unfilled value looks like.
LIBRARY_WORDS = re.compile(
    r"Expecting|Self-intersection|Too few points|Hole lies|Interior is|linearring|inhomogeneous|"
    r"line \d|column \d|Error tokenizing|could not convert|\bNone\b|\bnan\b|\{\w*\}",
)


def report_of(name: str) -> Report:
    return validate_file((DATA / name).read_bytes(), name, today=TODAY).report


def messages(report: Report, lang: str) -> list[str]:
    return [report.describe(p, lang)["message"] for _, p in report.shown()]


@pytest.mark.parametrize("lang", ["kk", "ru"])
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_no_library_text_or_none_in_any_message(path: Path, lang: str) -> None:
    report = report_of(path.name)
    found = [m for m in messages(report, lang) if LIBRARY_WORDS.search(m)]
    assert not found, found


def test_a_self_intersection_is_named_with_its_point_in_every_language() -> None:
    report = report_of("plots_bowtie.geojson")
    words = {lang: messages(report, lang)[0] for lang in LANGS}
    assert "самопересечение контура в точке" in words["ru"] and "қиып өтеді" in words["kk"]
    assert "crosses itself at point" in words["en"]
    assert re.search(r"\d+,\d+; \d+,\d+", words["ru"])  # the point in Russian notation


def test_truncated_geojson_says_the_line_and_position_in_words() -> None:
    problem = report_of("plots_truncated.geojson").unreadable
    assert problem is not None
    text = problem.text("ru")
    assert re.search(r"ошибка в строке 7, позиция \d+", text) and "Expecting" not in text


def test_unknown_library_words_become_the_codes_own_phrase() -> None:
    text = message("bad_table", "kk", detail="Zip file is corrupted: CRC mismatch")
    assert "файл бүлінген" in text and "CRC" not in text


def test_columns_are_named_as_the_officers_header_wrote_them() -> None:
    report = report_of("plantings_fractional_count.csv")
    assert report.headers["planted"] == "посажено"
    assert "«посажено»" in messages(report, "ru")[0] and "“посажено”" in messages(report, "en")[0]
    assert report.to_json("en")["errors"][0]["column"] == "planted"  # the contract's canonical name stays


def test_a_missing_column_is_named_as_the_template_of_that_language_heads_it() -> None:
    report = report_of("plantings_missing_column.csv")
    assert "«посажено»" in messages(report, "ru")[0] and "«отырғызылды»" in messages(report, "kk")[0]


def test_features_are_counted_from_one_in_messages_and_from_zero_in_json() -> None:
    report = report_of("plots_unknown_region.geojson")
    problem = report.to_json("ru")["errors"][0]
    assert problem["row"] == 1 and problem["message"].startswith("Объект 2 (MIX-0002)")
    duplicate = report_of("plots_duplicate_ids.geojson").to_json("en")["errors"][0]
    assert duplicate["message"].startswith("Features 1 and 3 both have")


def test_numbers_and_dates_in_the_officers_notation() -> None:
    assert message("future_date", "ru", row=3, column="дата", value="2030-04-15").endswith(
        "15.04.2030 — дата в будущем."
    )
    assert "15.04.2030" in message("future_date", "kk", row=3, column="күні", value="2030-04-15")
    shown = message("too_many", "ru", row=3, column="посажено", value="5e9", limit=1_000_000_000)
    assert "1\u00a0000\u00a0000\u00a0000" in shown
    assert "12,5 га" in message("area_mismatch", "ru", row=0, plot_id="A", declared=12.5, measured=10.0, percent=25)


def test_missing_values_show_a_dash_never_none() -> None:
    text = Problem("missing_region", 4, "region", {"plot_id": None}).text("ru", features=True)
    assert text.startswith("У объекта 5 (—) не указана область") and "None" not in text
    assert "None" not in message("unknown_region", "en", row=1)


@pytest.mark.parametrize(("count", "words"), [(1, "у 1 участка"), (2, "у 2 участков"), (5, "у 5 участков")])
def test_a_problem_with_a_count_agrees_with_it(count: int, words: str) -> None:
    assert words in Problem("z_dropped", None, "geometry", {"count": count}).text("ru")
    assert ("1 plot;" if count == 1 else f"{count} plots;") in Problem("z_dropped", params={"count": count}).text("en")


def test_the_check_summary_line_has_plural_forms(capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", str(DATA / "plots_bowtie.geojson"), "--lang", "ru"])
    assert capsys.readouterr().out.splitlines()[0].endswith("ошибок нет; проверено: 2 участка, 1 предупреждение.")


def test_headers_are_kept_with_a_stored_report_and_the_json_is_unchanged(capsys: pytest.CaptureFixture[str]) -> None:
    report = report_of("plantings_fractional_count.csv")
    assert Report.from_dict(json.loads(json.dumps(report.to_dict()))).headers == report.headers
    main(["check", str(DATA / "plantings_fractional_count.csv"), "--json"])
    out = json.loads(capsys.readouterr().out)
    assert list(out) == ["ok", "kind", "rows", "errors", "warnings", "batch"]
    assert all(list(p) == ["row", "column", "code", "message"] for p in out["errors"])


def test_every_phrase_is_in_kk_ru_en_with_the_same_placeholders() -> None:
    from string import Formatter

    def names(text: str) -> set[str]:
        return {n for _, n, _, _ in Formatter().parse(text) if n}

    for key, texts in PHRASES.items():
        assert set(texts) == set(LANGS), key
        assert all(names(texts[lang]) == names(texts["en"]) for lang in LANGS), key
