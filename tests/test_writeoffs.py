"""Write-offs by act (issue 15): a fourth upload kind whose plantings count zero alive in every figure from the
act's date while their trees stay in planted; a batch like any other (history, rollback, rule 7, check = import).
Files as officers send them (tests/data/make_writeoffs.py). SQLite and PostGIS."""

from __future__ import annotations

import json
from collections.abc import Callable
from html import escape as html_escape
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import sqlalchemy as sa
from app_driver import PASSWORD, assert_clean, open_app, text
from sqlalchemy.engine import Engine

from geo import (
    auth,
    db,
    export,
    mapview,
    progress,
    publicdata,
    readers,
    settings,
    surveys,
    survival,
    viewport,
    writeoffs,
)
from geo.api import OPENAPI
from geo.cli import main
from geo.i18n import fmt_int, t
from geo.store import ImportResult, check, history, import_file, rollback, signoff
from tests.test_db import migrate

DATA = Path(__file__).parent / "data"
PLOTS = DATA / "plots_semey.geojson"
PLANTINGS = DATA / "writeoffs_plantings_cp1251.csv"  # nine plantings on SEM-0001…3, eight of them surveyed
FIRE = DATA / "writeoffs_fire_cp1251.csv"  # act 12 of 02.06.2025: every planting of SEM-0001 burnt
FIRE_AGAIN = DATA / "writeoffs_fire_again_cp1251.csv"  # the same act in the next cumulative sheet
ONE_PLANTING = DATA / "writeoffs_one_planting_cp1251.csv"  # act 7/25: the birch of 17.04.2023 on SEM-0003 alone
BAD = DATA / "writeoffs_bad_cp1251.csv"
KAZAKH = DATA / "writeoffs_kk.xlsx"  # both acts, in a Kazakh workbook
GAP_FILLINGS = DATA / "writeoffs_gap_fillings_cp1251.csv"  # gap-filling on SEM-0001 before its fire
PINE, BIRCH = "Pinus sylvestris", "Betula pendula"


def upload(engine: Engine, path: Path, **options: object) -> ImportResult:
    result = import_file(engine, path.read_bytes(), path.name, user="aigerim", **options)
    assert result.committed or result.already, result.to_json()
    return result


@pytest.fixture
def planted(store: Engine) -> Engine:
    """The store with the three Semey plots and their nine plantings."""
    upload(store, PLOTS)
    upload(store, PLANTINGS)
    return store


def plantings_frame() -> pd.DataFrame:
    """The plantings file read back by hand (not through Orman): plot, date, species, planted, alive (NaN where
    not surveyed)."""
    table = pd.read_csv(PLANTINGS, sep=";", encoding="cp1251", dtype=str, keep_default_na=False)
    names = {"сосна обыкновенная": PINE, "берёза повислая": BIRCH}
    return pd.DataFrame(
        {
            "plot_id": table["Участок"],
            "date": pd.to_datetime(table["Дата посадки"], format="%d.%m.%Y").dt.date.astype(str),
            "species": table["Порода"].map(names),
            "planted": table["Посажено"].str.replace(" ", "").astype(int),
            "alive": pd.to_numeric(table["Прижилось"].str.replace(" ", ""), errors="coerce"),
        }
    )


def oracle(written_off: pd.Series) -> survival.Estimate | survival.NoEstimate:
    """The estimate of the plantings file with ``written_off`` (one flag a planting) known dead: the frame
    survival.estimate takes, one row a planting, built from the file itself."""
    frame = plantings_frame()
    return survival.estimate(
        pd.DataFrame(
            {
                "region": "KZ-10",
                "year": frame["date"].str[:4].astype(int),
                "planted": frame["planted"],
                "alive": frame["alive"],
                "counted": np.nan,
                "written_off": written_off.to_numpy(),
            }
        )
    )


def assert_estimate(found: dict, expected: survival.Estimate | survival.NoEstimate) -> None:
    assert isinstance(expected, survival.Estimate)
    for name in ("surviving", "low", "high", "surveyed"):
        assert abs(found[name] - getattr(expected, name)) <= 1, name
    assert found["rate"] == pytest.approx(expected.rate)


def test_a_write_off_table_is_told_by_its_headers_and_read_in_kk_and_ru() -> None:
    for path in (FIRE, ONE_PLANTING, BAD, KAZAKH):
        assert readers.infer_kind(path.read_bytes(), path.name) == "writeoffs", path.name
    assert readers.infer_kind(PLANTINGS.read_bytes(), PLANTINGS.name) == "plantings"


def test_a_fire_act_zeroes_surviving_and_the_estimate_of_the_plot_from_its_date_and_keeps_planted(
    planted: Engine,
) -> None:
    before = progress.summary(planted)
    frame = plantings_frame()
    burnt = frame["plot_id"].eq("SEM-0001")
    assert before["written_off"] == 0
    assert_estimate(before["estimate"], oracle(pd.Series(False, index=frame.index)))

    result = upload(planted, FIRE)
    after = progress.summary(planted)

    assert (result.kind, result.new, result.updated, result.unchanged) == ("writeoffs", 1, 0, 0)
    assert after["planted"] == before["planted"] == int(frame["planted"].sum())
    assert after["surviving"] == before["surviving"] - int(frame.loc[burnt, "alive"].sum())
    assert after["surveyed_planted"] == before["surveyed_planted"]  # the burnt plot was surveyed in full
    assert after["written_off"] == after["by_region"]["KZ-10"]["written_off"] == int(frame.loc[burnt, "planted"].sum())
    assert progress.breakdown(planted, "region").set_index("region").loc["KZ-10", "written_off"] == after["written_off"]
    # Known dead, not unsurveyed: the estimate is the one with the burnt plantings out of the sample at zero.
    assert_estimate(after["estimate"], oracle(burnt))
    unsurveyed = oracle(pd.Series(False, index=frame.index))
    assert after["estimate"]["surviving"] < unsurveyed.surviving
    by_plot = progress.survival_by_plot(planted).set_index("plot_id")
    assert by_plot.loc["SEM-0001", "survival"] == 0.0 and by_plot.loc["SEM-0002", "survival"] == 0.8
    below = progress.below_target(planted)
    assert below.loc[below["plot_id"] == "SEM-0001", "survival"].tolist() == [0.0]
    assert below.loc[below["plot_id"] == "SEM-0001", "flag"].tolist() == ["written_off"]  # not asked to be again


def test_a_write_off_of_one_planting_leaves_the_plots_other_plantings(planted: Engine) -> None:
    before = progress.summary(planted)
    upload(planted, ONE_PLANTING)
    after = progress.summary(planted)
    frame = plantings_frame()
    birch = frame["plot_id"].eq("SEM-0003") & frame["species"].eq(BIRCH) & frame["date"].eq("2023-04-17")

    assert after["written_off"] == 1500 and after["surviving"] == before["surviving"] - 1200
    assert_estimate(after["estimate"], oracle(birch))
    stats = progress.survival_by_plot(planted).set_index("plot_id").loc["SEM-0003"]
    # The pines of 2023 and 2024 and the birch of 2024 keep their counts; the birch of 2023 counts zero of 1 500.
    assert (int(stats["surviving"]), int(stats["surveyed_planted"])) == (4000 + 2000 + 560, 5000 + 1500 + 2500 + 800)


def test_rollback_of_a_write_off_restores_the_exact_earlier_summary(planted: Engine) -> None:
    before = json.dumps(progress.summary(planted, inventories=True), sort_keys=True)
    batch = upload(planted, KAZAKH).batch
    assert progress.summary(planted)["written_off"] == 5000 + 1500
    assert history(planted)[0].kind == "writeoffs" and history(planted)[0].new == 2

    assert rollback(planted, batch, user="aigerim").ok
    assert json.dumps(progress.summary(planted, inventories=True), sort_keys=True) == before
    assert writeoffs.acts(planted).empty


def reference(tmp_path: Path, files: list[Path]) -> dict:
    """The figures of importing ``files`` in this order into a fresh SQLite store without sign-off."""
    engine = db.create_engine(f"sqlite:///{tmp_path / 'reference.sqlite'}")
    for path in files:
        upload(engine, path)
    figures = progress.summary(engine)
    engine.dispose()
    return figures


def test_under_sign_off_an_act_counts_only_once_approved_and_a_rejected_one_never(
    planted: Engine, account: Callable[..., str], tmp_path: Path
) -> None:
    supervisor = account("dana", "supervisor")
    settings.change(planted, settings.SIGN_OFF, settings.ON)
    before = progress.summary(planted)

    fire = import_file(planted, FIRE.read_bytes(), FIRE.name, user="aigerim")
    drought = import_file(planted, ONE_PLANTING.read_bytes(), ONE_PLANTING.name, user="aigerim")

    assert fire.submitted and drought.submitted and fire.batch is not None and drought.batch is not None
    assert progress.summary(planted) == before and writeoffs.acts(planted).empty
    assert signoff.reject(planted, drought.batch, supervisor, "Акт не подписан комиссией").ok
    assert progress.summary(planted) == before
    assert signoff.approve(planted, fire.batch, user=supervisor).ok
    assert progress.summary(planted) == reference(tmp_path, [PLOTS, PLANTINGS, FIRE])
    assert progress.summary(planted)["written_off"] == 4000 + 1000
    assert writeoffs.acts(planted)["act"].tolist() == ["12"]
    assert rollback(planted, fire.batch, user=supervisor).ok
    assert progress.summary(planted) == before


def test_an_act_writes_off_plantings_and_leaves_gap_filling_a_figure_of_its_own(planted: Engine) -> None:
    upload(planted, GAP_FILLINGS)  # 600 pine and 300 birch seedlings on SEM-0001, one sharing a planting's key
    before = progress.summary(planted)
    assert before["gap_filled"] == 900

    upload(planted, FIRE)
    after = progress.summary(planted)

    assert after["written_off"] == 4000 + 1000  # the plot's plantings, not its gap-filling seedlings
    assert (after["gap_filled"], after["planted"]) == (before["gap_filled"], before["planted"])
    assert after["surviving"] == before["surviving"] - 3000 - 700
    with planted.connect() as conn:
        rows = conn.execute(
            sa.select(db.latest_surveys.c.species, db.latest_surveys.c.written_off).where(
                db.latest_surveys.c.plot_id == "SEM-0001"
            )
        ).all()
    assert sorted(species for species, _ in rows) == [BIRCH, PINE]  # one row a planting, none for gap-filling
    assert all(day is not None for _, day in rows)


def test_the_same_acts_again_are_unchanged_and_another_reason_is_an_update_rolled_back_to_the_first(
    planted: Engine,
) -> None:
    first = upload(planted, FIRE).batch
    figures = progress.summary(planted)
    again = upload(planted, FIRE_AGAIN)  # other bytes, the same act: other case and spacing, a totals row
    assert (again.new, again.updated, again.unchanged, again.already) == (0, 0, 1, False)
    assert progress.summary(planted) == figures
    assert upload(planted, FIRE).already  # the very same bytes: nothing at all

    grazing = FIRE.read_bytes().replace("Пожар".encode("cp1251"), "выпас".encode("cp1251"))
    changed = import_file(planted, grazing, "writeoffs_grazing.csv", user="aigerim")
    assert (changed.new, changed.updated, changed.unchanged) == (0, 1, 0)
    assert writeoffs.acts(planted)["reason"].tolist() == ["grazing"]
    assert progress.summary(planted) == figures  # the same plantings written off, for another reason
    assert not rollback(planted, first).ok  # the update replaced its act
    assert rollback(planted, changed.batch).ok
    assert writeoffs.acts(planted)["reason"].tolist() == ["fire"]


def test_errors_name_their_row_and_column_in_the_users_language_and_nothing_is_written(planted: Engine) -> None:
    figures, batches = progress.summary(planted), len(history(planted))
    result = import_file(planted, BAD.read_bytes(), BAD.name, user="aigerim")

    found = [(p.row, p.column, p.code) for p in result.report.errors]
    assert found == [(4, "reason", "bad_reason"), (5, "act", "blank"), (6, "date", "future_date")]
    assert not result.committed and len(history(planted)) == batches and progress.summary(planted) == figures
    messages = {p.code: p.text("kk", result.report.headers) for p in result.report.errors}
    assert messages["bad_reason"].startswith("4-жол") and "«Причина»" in messages["bad_reason"]
    assert "өрт, құрғақшылық, зиянкестер, мал жаю, басқа" in messages["bad_reason"]
    assert "«Номер акта»" in messages["blank"]
    # Once the file reads, the store checks its plots and plantings, as for plantings (rows 2 and 3 alone).
    first_rows = b"".join(BAD.read_bytes().splitlines(keepends=True)[:3])
    result = import_file(planted, first_rows, BAD.name, user="aigerim")
    found = [(p.row, p.column, p.code) for p in result.report.errors]
    assert found == [(2, "plot_id", "unknown_plot"), (3, "planting_date", "unknown_planting")]
    assert not result.committed and len(history(planted)) == batches and progress.summary(planted) == figures
    assert "SEM-0009" in result.report.errors[0].text("ru")
    assert "16.04.2023" in result.report.errors[1].text("ru") or "2023-04-16" in result.report.errors[1].text("ru")


def test_check_reports_what_import_would(planted: Engine) -> None:
    unknown = b"".join(BAD.read_bytes().splitlines(keepends=True)[:3])  # an unknown plot and planting
    for name, data in [
        (BAD.name, BAD.read_bytes()),
        (BAD.name, unknown),
        *((p.name, p.read_bytes()) for p in (FIRE, KAZAKH)),
    ]:
        checked = check(planted, data, name)
        assert checked.batch is None and writeoffs.acts(planted).empty
        imported = import_file(planted, data, name, user="aigerim")
        assert checked.to_json()["errors"] == imported.to_json()["errors"]
        assert checked.to_json()["warnings"] == imported.to_json()["warnings"]
        assert (checked.new, checked.updated, checked.unchanged) == (imported.new, imported.updated, imported.unchanged)
        if imported.committed:
            rollback(planted, imported.batch)


def test_a_planting_uploaded_later_is_written_off_when_planted_before_the_act_and_alive_when_after(
    planted: Engine,
) -> None:
    upload(planted, FIRE)
    later = (
        "Участок;Дата посадки;Порода;Посажено;Прижилось;Дата учета\r\n"
        "SEM-0001;10.04.2025;сосна обыкновенная;600;500;01.05.2025\r\n"  # before the act of 02.06.2025
        "SEM-0001;15.04.2026;сосна обыкновенная;800;640;10.09.2026\r\n"  # replanted after the fire
    ).encode("cp1251")
    before = progress.summary(planted)
    assert import_file(planted, later, "plantings_2026.csv", user="aigerim").committed
    after = progress.summary(planted)
    assert after["written_off"] == before["written_off"] + 600
    assert after["surviving"] == before["surviving"] + 640
    survey = (
        "Участок;Дата посадки;Порода;Дата учета;Живых\r\nSEM-0001;15.04.2023;сосна обыкновенная;01.10.2026;3500\r\n"
    ).encode("cp1251")
    assert import_file(planted, survey, "surveys_2026.csv", user="aigerim").committed
    assert progress.summary(planted)["surviving"] == after["surviving"]  # a count after the act revives nothing


def test_the_map_greys_a_burnt_plot_and_names_its_act_and_exports_carry_written_off(planted: Engine) -> None:
    upload(planted, FIRE)
    upload(planted, ONE_PLANTING)
    plots, _ = viewport.plots_in_bbox(planted, (79.0, 49.0, 82.0, 52.0))
    by_id = plots.set_index("plot_id")
    assert by_id.loc["SEM-0001", "written_off"] == 5000 and by_id.loc["SEM-0003", "written_off"] == 1500
    m = mapview.base_map("kk")
    mapview.plots_layer(plots, 13, "kk").layer.add_to(m)
    html = m.get_root().render()
    assert "02.06.2025 күнгі № 12 акт, өрт" in html
    assert "20.05.2025 күнгі № 7/25 акт, құрғақшылық (салбыраңқы қайың, 17.04.2023)" in html
    assert t("map_legend_written_off", "kk") in html and '"dashArray":"4 3"' in html
    grey = len(mapview.SURVIVAL_COLOURS)  # the style after the survival classes': a plot wholly written off
    assert f'"c":{grey},"id":"SEM-0001"' in html and f'"c":{grey},"id":"SEM-0003"' not in html
    exported = export.plots_with_figures(planted).set_index("plot_id")
    assert exported["written_off"].to_dict() == {"SEM-0001": 5000, "SEM-0002": 0, "SEM-0003": 1500}
    # Written off already: no longer asked to be (its survival of 0 % would flag it for a write-off), in its popup or
    # in the export, which says it is written off.
    assert exported.loc["SEM-0001", "survival"] == 0.0 and exported.loc["SEM-0001", "survival_flag"] == "written_off"
    assert html_escape(t("flag_write_off", "kk")) not in html
    assert html_escape(t("flag_gap_filling", "kk")) in html  # SEM-0002 at 80 %


def test_the_public_summary_and_its_schema_carry_written_off(planted: Engine) -> None:
    upload(planted, FIRE)
    _, public = publicdata.summary(planted)
    assert public["written_off"] == public["by_region"]["KZ-10"]["written_off"] == 5000
    _, regions = publicdata.regions(planted)
    assert regions[0]["written_off"] == 5000
    schemas = OPENAPI["components"]["schemas"]
    assert "written_off" in json.dumps(schemas["Summary"]) and "written_off" in json.dumps(schemas["Region"])


def test_command_line_checks_and_imports_write_offs(
    store_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(db.DB_URL_ENV, store_url)
    assert main(["import", str(PLOTS)]) == 0 and main(["import", str(PLANTINGS)]) == 0
    capsys.readouterr()
    assert main(["check", str(BAD), "--kind", "writeoffs", "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["kind"] == "writeoffs"
    assert main(["import", str(FIRE), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["new"] == 1
    assert main(["summary", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["written_off"] == 5000
    assert main(["summary", "--lang", "ru"]) == 0
    assert f"{t('kpi_written_off', 'ru')}: {fmt_int(5000, 'ru')}" in capsys.readouterr().out
    with db.get_engine(store_url).connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(db.writeoffs)).scalar_one() == 1
    # A one-act sheet is one row, in each language's plural form: "1 row", "1 строка" (the plots file: 3 rows).
    for lang, one in (("en", "1 row: 1 new"), ("ru", "1 строка: новых 1"), ("kk", "1 жол: жаңа 1")):
        assert main(["history", "--lang", lang]) == 0
        assert one in capsys.readouterr().out
    assert main(["history", "--lang", "ru"]) == 0 and "3 строки:" in capsys.readouterr().out


def test_overview_shows_the_written_off_card_in_kazakh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'orman.sqlite'}"
    engine = db.get_engine(url)
    auth.add_user(engine, "aigerim", "admin", PASSWORD)
    for path in (PLOTS, PLANTINGS, FIRE):
        upload(engine, path)
    at = open_app(url, monkeypatch, lang="kk", user="aigerim")
    assert_clean(at)
    shown = text(at)
    assert t("kpi_written_off", "kk") in shown and t("kpi_written_off_sub", "kk") in shown
    assert fmt_int(5000, "kk") in shown


def test_an_officer_uploads_acts_through_the_page_and_history_lists_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'orman.sqlite'}"
    engine = db.get_engine(url)
    auth.add_user(engine, "aigerim", "admin", PASSWORD)
    for path in (PLOTS, PLANTINGS):
        upload(engine, path)
    at = open_app(url, monkeypatch, lang="ru", user="aigerim", page="upload")
    at.file_uploader[0].set_value((KAZAKH.name, KAZAKH.read_bytes(), "application/octet-stream")).run()
    assert_clean(at)
    at.button(key="upload_confirm").click().run()
    assert_clean(at)
    latest = history(engine)[0]
    assert (latest.kind, latest.new) == ("writeoffs", 2)

    at = open_app(url, monkeypatch, lang="ru", user="aigerim", page="history")
    assert_clean(at)
    assert t("kind_writeoffs", "ru") in at.dataframe[0].value[t("col_kind", "ru")].tolist()
    assert t("history_acts", "ru") in text(at)
    acts = at.dataframe[1].value
    assert acts[t("col_act", "ru")].tolist() == ["7/25", "12"]  # oldest act first
    assert acts[t("col_reason", "ru")].tolist() == ["засуха", "пожар"]
    assert acts[t("col_species", "ru")].tolist() == ["берёза повислая", t("writeoff_whole_plot", "ru")]
    assert acts[t("col_act_date", "ru")].tolist() == ["20.05.2025", "02.06.2025"]


def test_a_supervisor_reviews_a_submitted_act_with_its_effect_and_its_plot_on_the_map(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'orman.sqlite'}"
    engine = db.get_engine(url)
    auth.add_user(engine, "aigerim", "officer", PASSWORD)
    auth.add_user(engine, "dana", "supervisor", PASSWORD)
    for path in (PLOTS, PLANTINGS):
        upload(engine, path)
    settings.change(engine, settings.SIGN_OFF, settings.ON)
    assert upload(engine, FIRE).submitted
    at = open_app(url, monkeypatch, lang="kk", user="dana", page="review")
    assert_clean(at)
    shown = text(at)
    assert t("kpi_written_off", "kk") in shown and fmt_int(5000, "kk") in shown  # after approval: 0 → 5 000
    assert t("review_plots_map", "kk") in shown  # where the act is

    at.button(key="review_approve").click().run()

    assert_clean(at)
    assert progress.summary(engine)["written_off"] == 5000


def test_a_store_of_the_revision_before_write_offs_upgrades_with_its_figures_unchanged(planted: Engine) -> None:
    upload(planted, GAP_FILLINGS)
    before = progress.summary(planted, inventories=True)
    migrate(planted, "0008_operation", down=True)
    assert "writeoffs" not in sa.inspect(planted).get_table_names()
    assert "written_off" not in {c["name"] for c in sa.inspect(planted).get_columns("latest_surveys")}

    migrate(planted, "head")

    assert progress.summary(planted, inventories=True) == before
    upload(planted, FIRE)
    assert progress.summary(planted)["written_off"] == 5000


def test_the_survey_draw_never_sends_a_team_to_a_written_off_planting(planted: Engine) -> None:
    upload(planted, FIRE)
    frame = surveys.current_plantings(planted)
    assert frame.loc[frame["plot_id"] == "SEM-0001", "written_off"].all()
    assert not frame.loc[frame["plot_id"] != "SEM-0001", "written_off"].any()
    drawn = surveys.sample(planted, n=len(frame), seed=1)
    assert len(drawn) == len(frame) - 2 and "SEM-0001" not in set(drawn["plot_id"])
