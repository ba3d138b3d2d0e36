"""The life of a planting (issue 15): a plantings row is a planting, a gap-filling (дополнение / толықтыру) or a
sowing (посев / себу). Planted counts plantings alone; gap-filling seedlings and hectares sown are figures of their
own; a gap-filling must follow a planting of its plot; rule 7 and rollbacks stay exact."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from geo import db, progress, publicdata, readers
from geo.columns import GAP_FILLING, PLANTING, SOWING
from geo.export import plots_with_figures
from geo.i18n import LANGS, message
from geo.store import check, import_file, rollback
from tests.store_expected import assert_store_holds

DATA = Path(__file__).parent / "data"
PLOTS = DATA / "store_plots_v1.geojson"
# Saved from Excel in Russian: cp1251, ';', decimal comma, dd.mm.yyyy, an Операция column and a totals row. Pine on
# SEM-0001 gap-filled a year on (with a count the gap-filling does not get), SEM-0002 planted and gap-filled on one
# day, saxaul sown on ARL-0001 and on ARL-0002 beside a planting of the same day.
OPERATIONS = DATA / "plantings_operations_cp1251.csv"
# An inventory of SEM-0001's gap-filling (no planting of that day) and of SEM-0002's planting, gap-filled that day.
SURVEYS = DATA / "surveys_of_a_gap_filling.csv"
NEXT_SEASON = DATA / "plantings_operations_next_season.csv"  # BUR-0001 gap-filled, ARL-0001's sowing re-measured
ORPHANS = DATA / "plantings_gap_filling_orphan_kk.csv"  # in Kazakh: two gap-fillings of no planting


def _import(store: Engine, *paths: Path) -> list[int]:
    batches = []
    for path in paths:
        result = import_file(store, path.read_bytes(), path.name, user="test")
        assert result.committed, result.report.to_json("en")
        batches.append(result.batch)
    return batches


def _operations(store: Engine) -> dict[tuple[str, str, str], tuple[int, float | None]]:
    """(plot_id, date, operation) -> (planted, area_ha) of the current records."""
    t = db.plantings
    with store.connect() as conn:
        rows = conn.execute(
            sa.select(t.c.plot_id, t.c.date, t.c.operation, t.c.planted, t.c.area_ha).where(
                t.c.superseded_batch.is_(None)
            )
        )
        return {(p, d.isoformat(), o): (n, a) for p, d, o, n, a in rows}


def test_gap_filling_adds_to_gap_filled_and_sowing_to_hectares_never_to_planted(store: Engine) -> None:
    batch = _import(store, PLOTS, OPERATIONS)[1]

    figures = progress.summary(store)
    assert figures["planted"] == 35_000 + 30_000 + 25_000 + 32_000
    assert figures["gap_filled"] == 5_600 + 2_000
    assert figures["sown_ha"] == pytest.approx(12.5 + 8.25)
    assert figures["by_region"]["KZ-43"]["planted"] == 25_000 and figures["by_region"]["KZ-43"]["gap_filled"] == 0
    assert figures["by_region"]["KZ-43"]["sown_ha"] == pytest.approx(20.75)
    assert figures["by_region"]["KZ-10"]["gap_filled"] == 7_600 and figures["by_region"]["KZ-10"]["sown_ha"] == 0
    # Survival is the plantings': the gap-filling's count of 5 000 alive is left out, with a warning at its row.
    assert (figures["surviving"], figures["surveyed_planted"]) == (29_400 + 21_000 + 19_200, 35_000 + 30_000 + 32_000)
    with store.connect() as conn:
        report = conn.execute(sa.select(db.batches.c.report).where(db.batches.c.id == batch)).scalar_one()
    assert {(w["row"], w["column"], w["code"]) for w in report["warnings"]} >= {
        (3, "surviving", "survey_not_of_planting")
    }
    # A planting and a gap-filling of one plot, date and species are two records; so are a sowing and a planting.
    stored = _operations(store)
    assert stored[("SEM-0002", "2024-04-20", PLANTING)] == (30_000, None)
    assert stored[("SEM-0002", "2024-04-20", GAP_FILLING)] == (2_000, None)
    assert stored[("ARL-0002", "2024-10-12", SOWING)] == (0, 8.25)
    assert stored[("ARL-0001", "2024-10-10", SOWING)] == (0, 12.5)
    assert_store_holds(store, [PLOTS, OPERATIONS])  # the independent replay of the files agrees


def test_each_plot_exports_its_gap_filling_and_hectares_sown(store: Engine) -> None:
    _import(store, PLOTS, OPERATIONS)

    plots = pd.DataFrame(plots_with_figures(store)).set_index("plot_id")

    assert plots.loc["SEM-0001", ["planted", "gap_filled"]].tolist() == [35_000, 5_600]
    assert plots.loc["ARL-0002", ["planted", "gap_filled", "sown_ha"]].tolist() == [25_000, 0, 8.25]
    assert plots.loc["ARL-0001", "sown_ha"] == 12.5 and plots.loc["ARL-0001", "planted"] == 0
    assert plots.loc["SEM-0001", "density_per_ha"] == round(35_000 / plots.loc["SEM-0001", "area_ha"], 1)


def test_the_public_summary_and_regions_carry_gap_filled_and_sown_ha(store: Engine) -> None:
    _import(store, PLOTS, OPERATIONS)

    _, public = publicdata.summary(store)
    _, regions = publicdata.regions(store)

    assert (public["gap_filled"], public["sown_ha"]) == (7_600, pytest.approx(20.75))
    assert public["by_region"]["KZ-43"]["sown_ha"] == pytest.approx(20.75)
    aral = next(r for r in regions if r["region"] == "KZ-43")
    assert (aral["planted"], aral["gap_filled"], aral["sown_ha"]) == (25_000, 0, pytest.approx(20.75))


def test_a_gap_filling_of_no_planting_is_an_error_at_its_row_and_nothing_is_written(store: Engine) -> None:
    _import(store, PLOTS)

    found = check(store, ORPHANS.read_bytes(), ORPHANS.name)
    result = import_file(store, ORPHANS.read_bytes(), ORPHANS.name)

    errors = {(p.row, p.column, p.code) for p in result.report.errors}
    assert errors == {
        (3, "operation", "gap_filling_without_planting"),  # a day before SEM-0003's planting of the same file
        (4, "operation", "gap_filling_without_planting"),  # BUR-0001 has no planting at all
    }
    assert {(p.row, p.column, p.code) for p in found.report.errors} == errors  # check tells what import would
    assert not result.committed and progress.summary(store)["planted"] == 0
    shown = json.dumps(result.report.to_json("kk"), ensure_ascii=False)
    assert "4-жол: BUR-0001 учаскесінде 01.05.2025 толықтыру" in shown and "«жұмыс түрі»" in shown


def test_a_gap_filling_of_a_stored_planting_is_accepted(store: Engine) -> None:
    _import(store, PLOTS, OPERATIONS, NEXT_SEASON)

    figures = progress.summary(store)
    assert figures["planted"] == 122_000  # the next season planted nothing
    assert figures["gap_filled"] == 7_600 + 3_000
    assert figures["sown_ha"] == pytest.approx(14 + 6.4 + 8.25)  # ARL-0001's 12,5 ha re-measured: 14 ha


@pytest.mark.parametrize(
    ("word", "operation"),
    [
        ("", PLANTING),
        ("Посадка", PLANTING),
        ("отырғызу", PLANTING),
        ("ДОПОЛНЕНИЕ", GAP_FILLING),
        ("толықтыру", GAP_FILLING),
        ("Gap filling", GAP_FILLING),
        ("gap-filling", GAP_FILLING),
        ("посев", SOWING),
        ("Себу", SOWING),
        ("sowing", SOWING),
    ],
)
def test_operations_are_read_in_kazakh_russian_and_english_in_any_case(word: str, operation: str) -> None:
    assert readers.operation_of(word) == operation


def test_an_unknown_operation_and_a_sowing_of_no_hectares_are_errors_in_the_readers_language(store: Engine) -> None:
    _import(store, PLOTS)
    data = (
        "код участка;дата посадки;порода;посажено;вид работ;площадь, га\r\n"
        "SEM-0001;15.04.2024;сосна;100;пересадка;\r\nARL-0001;10.10.2024;саксаул;;посев;\r\n"
        "ARL-0002;12.10.2024;саксаул;;посев;много\r\n"
    )

    result = import_file(store, data.encode("cp1251"), "bad.csv")

    error, no_area, bad_area = result.report.errors
    assert (error.row, error.column, error.code) == (2, "operation", "bad_operation")
    assert (no_area.row, no_area.column, no_area.code) == (3, "area_ha", "sowing_without_area")
    assert (bad_area.row, bad_area.column, bad_area.code) == (4, "area_ha", "bad_sown_area")
    assert not result.committed
    assert (
        "Строка 3: посев учитывается в гектарах, а «площадь, га» не заполнено"
        in result.report.to_json("ru")["errors"][1]["message"]
    )
    words = {"kk": "отырғызу, толықтыру, себу", "ru": "посадка, дополнение, посев", "en": "planting, gap_filling"}
    for lang in LANGS:
        assert words[lang] in message(error.code, lang, row=2, column="вид работ", **error.params)


def test_a_cumulative_reupload_with_operations_is_unchanged(store: Engine) -> None:
    _import(store, PLOTS, OPERATIONS)
    before = progress.summary(store)

    again = import_file(store, OPERATIONS.read_bytes() + b"\r\n", "the same sheet, saved again.csv")

    assert again.committed and (again.new, again.updated, again.unchanged) == (0, 0, 8)
    assert progress.summary(store) == before


def test_rollback_restores_the_figures_exactly(store: Engine) -> None:
    _import(store, PLOTS)
    plots_only = progress.summary(store)
    [first] = _import(store, OPERATIONS)
    after_first = progress.summary(store)
    result = import_file(store, NEXT_SEASON.read_bytes(), NEXT_SEASON.name)
    assert result.committed and (result.new, result.updated) == (2, 1)  # a gap-filling, a sowing; ARL-0001's area

    assert rollback(store, result.batch, user="admin").ok
    assert progress.summary(store) == after_first
    assert _operations(store)[("ARL-0001", "2024-10-10", SOWING)] == (0, 12.5)
    assert rollback(store, first, user="admin").ok
    assert progress.summary(store) == plots_only


def test_a_survey_counts_a_planting_never_a_gap_filling(store: Engine) -> None:
    _import(store, PLOTS, OPERATIONS)

    refused = import_file(store, SURVEYS.read_bytes(), SURVEYS.name)
    result = import_file(store, SURVEYS.read_bytes(), SURVEYS.name, skip_invalid=True)

    assert [(p.row, p.code) for p in refused.report.errors] == [(2, "unknown_planting")] and not refused.committed
    assert result.committed and result.new == 1
    figures = progress.summary(store)["by_region"]["KZ-10"]
    # SEM-0002's planting of 30 000 now at 60 %: 18 000; the gap-filling beside it neither counted nor surveyed.
    assert (figures["surviving"], figures["gap_filled"]) == (29_400 + 18_000, 7_600)
