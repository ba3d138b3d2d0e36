"""Surveys (inventories): their own upload kind, a history per planting where the latest survey is current and an
older one never replaces it, rule 7 and rollback for them, and the estimate they feed. SQLite and PostGIS."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from test_store import PLANTINGS_2024, SEASONS, committed, upload

from geo import db, demo, species, surveys, survival
from geo.progress import breakdown_estimates, summary
from geo.queries import Filters
from geo.store import ImportResult, import_file, rollback
from geo.validate import validate_file

DATA = Path(__file__).parent / "data"
AUTUMN = DATA / "surveys_autumn_2025.csv"  # cp1251, ';', sample plots of one planting on two rows, a totals row
OLDER = DATA / "surveys_older.csv"
UNKNOWN = DATA / "surveys_unknown_planting.csv"
ROOT = Path(__file__).parent.parent


def counts(engine: Engine) -> dict[str, int]:
    tables = ("surveys", "latest_surveys", "plantings", "plot_stats", "cube_plantings")
    with engine.connect() as conn:
        return {
            t: conn.execute(sa.select(sa.func.count()).select_from(db.metadata.tables[t])).scalar_one() for t in tables
        }


def latest(engine: Engine, plot_id: str) -> list[tuple]:
    table = db.latest_surveys
    with engine.connect() as conn:
        query = sa.select(table.c.survey_date, table.c.alive, table.c.counted, table.c.surviving).where(
            table.c.plot_id == plot_id
        )
        return [(str(r[0]), *r[1:]) for r in conn.execute(query.order_by(table.c.date))]


def test_a_table_with_alive_and_no_planted_is_a_survey_and_its_sample_plots_are_summed() -> None:
    validated = validate_file(AUTUMN.read_bytes(), AUTUMN.name)

    assert validated.report.kind == "surveys" and validated.report.ok
    assert [w.code for w in validated.report.warnings] == ["totals_row"]
    pine = validated.surveys[validated.surveys["plot_id"] == "SEM-0002"]
    assert (len(validated.surveys), int(pine["alive"].iloc[0]), int(pine["counted"].iloc[0])) == (3, 290, 400)
    assert int(pine["row"].iloc[0]) == 2 and pine["survey"].iloc[0] == "3"


def test_survey_rows_with_alive_above_counted_or_a_sample_plot_without_counted_are_errors() -> None:
    text = (
        "plot_id;date;species;survey_date;alive;counted;sample_plot\n"
        "A-1;2024-04-20;Pinus;2025-09-20;50;40;1\n"
        "A-2;2024-04-20;Pinus;2025-09-20;30;;1\n"
        "A-2;2024-04-20;Pinus;2025-09-20;30;50;2\n"
        "A-3;2024-04-20;Pinus;2023-09-20;30;50;1\n"
    )
    report = validate_file(text.encode(), "s.csv").report

    assert [(p.row, p.column, p.code) for p in report.errors] == [
        (2, "alive", "alive_exceeds_counted"),
        (3, "counted", "blank"),  # a sample plot of a count on several: how many spots it examined
        (5, "survey_date", "survey_before_planting"),
    ]
    assert all(p.to_dict(lang)["message"] != p.code for p in report.errors for lang in ("kk", "ru", "en"))


def test_surveys_of_plantings_not_in_the_store_or_above_planted_are_refused_and_nothing_is_written(
    store: Engine,
) -> None:
    committed(store, *SEASONS)
    before = counts(store), summary(store)

    result = upload(store, UNKNOWN)

    assert not result.committed
    assert [(p.row, p.column, p.code) for p in result.report.errors] == [
        (2, "plot_id", "unknown_planting"),
        (3, "counted", "counted_exceeds_planted"),
        (4, "alive", "alive_exceeds_planted"),
    ]
    assert (counts(store), summary(store)) == before


def test_importing_surveys_sets_survival_from_the_sample_and_an_older_file_leaves_the_newer_current(
    store: Engine,
) -> None:
    committed(store, *SEASONS)
    before = summary(store)

    autumn = upload(store, AUTUMN)
    after = summary(store)
    older = upload(store, OLDER)

    assert autumn.committed and (autumn.new, autumn.updated, autumn.unchanged) == (3, 0, 0)
    assert after["surviving"] == before["surviving"] + (21_750 - 21_000) + 7_500 + 8_500
    assert after["surveyed_planted"] == before["surveyed_planted"] + 25_000 + 10_000
    assert latest(store, "SEM-0002")[0] == ("2025-09-20", 290, 400, 21_750)
    assert older.committed and (older.new, older.updated, older.unchanged) == (2, 0, 0)
    assert [(w.row, w.code) for w in older.report.warnings] == [(2, "older_survey"), (3, "older_survey")]
    assert summary(store) == after
    assert latest(store, "SEM-0002")[0] == ("2025-09-20", 290, 400, 21_750)
    assert counts(store)["surveys"] == 3 + 5 + 3 + 2  # the surveys of both plantings files, then of the two files


def test_rolling_surveys_back_restores_the_store_exactly(store: Engine) -> None:
    committed(store, *SEASONS)
    snapshots = [(counts(store), summary(store))]
    (autumn,) = committed(store, AUTUMN)
    snapshots.append((counts(store), summary(store)))
    (older,) = committed(store, OLDER)

    assert rollback(store, older).ok
    assert (counts(store), summary(store)) == snapshots[1]
    assert rollback(store, autumn).ok
    assert (counts(store), summary(store)) == snapshots[0]


def test_a_survey_upload_again_with_other_figures_is_an_update_and_the_same_figures_unchanged(
    store: Engine, tmp_path: Path
) -> None:
    committed(store, *SEASONS, AUTUMN)
    text = AUTUMN.read_bytes().decode("cp1251")
    same = tmp_path / "same.csv"
    same.write_text(text, encoding="utf-8")
    changed = tmp_path / "changed.csv"
    changed.write_text(text.replace(";30;100;1;1", ";40;100;1;1"), encoding="utf-8")

    unchanged = upload(store, same)
    updated = upload(store, changed)

    assert (unchanged.new, unchanged.updated, unchanged.unchanged) == (0, 0, 3)
    assert (updated.new, updated.updated, updated.unchanged) == (0, 1, 2)
    assert latest(store, "ARL-0002") == [("2025-10-01", 40, 100, 10_000)]
    assert rollback(store, updated.batch).ok
    assert latest(store, "ARL-0002") == [("2025-10-01", 30, 100, 7_500)]


def test_an_old_plantings_spreadsheet_uploaded_again_no_longer_lowers_survival(store: Engine, tmp_path: Path) -> None:
    committed(store, *SEASONS)
    before = summary(store)
    again = tmp_path / "plantings_2024_again.csv"
    again.write_text(PLANTINGS_2024.read_bytes().decode("cp1251"), encoding="utf-8")

    result = upload(store, again)

    assert result.committed and result.updated > 0
    assert "older_survey" in {w.code for w in result.report.warnings}
    assert (summary(store)["surviving"], summary(store)["surveyed_planted"]) == (
        before["surviving"],
        before["surveyed_planted"],
    )


def test_plantings_cannot_be_rolled_back_while_surveys_of_a_later_batch_refer_to_them(store: Engine) -> None:
    batches = committed(store, *SEASONS, AUTUMN)

    refused = rollback(store, batches[3])

    assert refused.problem is not None and refused.problem.code == "rollback_surveys_depend"
    assert refused.problem.params["later"] == str(batches[4])


def test_summary_estimate_is_the_estimator_over_the_plantings_with_their_latest_surveys(store: Engine) -> None:
    committed(store, *SEASONS, AUTUMN)
    plantings = surveys.current_plantings(store)
    table = db.latest_surveys
    with store.connect() as conn:
        rows = conn.execute(sa.select(table.c.plot_id, table.c.date, table.c.species, table.c.alive, table.c.counted))
        found = pd.DataFrame([tuple(r) for r in rows], columns=["plot_id", "date", "species", "alive", "counted"])
    frame = plantings.merge(found, on=["plot_id", "date", "species"], how="left")
    frame[["alive", "counted"]] = frame[["alive", "counted"]].astype(float)

    figures = summary(store)
    direct = survival.estimate(frame)

    assert isinstance(direct, survival.Estimate) and direct.surveyed == 9
    assert figures["estimate"]["surviving"] == direct.surviving
    assert (figures["estimate"]["low"], figures["estimate"]["high"]) == (direct.low, direct.high)
    assert figures["estimate"]["rate"] == pytest.approx(direct.rate)
    assert figures["estimate_reason"] is None
    kz10 = survival.estimate(frame[frame["region"] == "KZ-10"])
    assert figures["by_region"]["KZ-10"]["estimate"] == pytest.approx(kz10.as_json())
    assert figures["by_region"]["KZ-43"] == {**figures["by_region"]["KZ-43"], "estimate": None}


def test_geo_sample_draws_a_seeded_survey_sheet_that_uploads_back_as_surveys(store_url: str, tmp_path: Path) -> None:
    engine = db.create_engine(store_url)
    committed(engine, *SEASONS)
    out = tmp_path / "sample.csv"

    def run(*args: str) -> subprocess.CompletedProcess:
        command = [sys.executable, "-m", "geo", "sample", *args]
        env = {"ORMAN_DB_URL": store_url, "PATH": "/usr/bin:/bin"}
        return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)

    done = run("--n", "4", "--seed", "7", "--out", str(out), "--lang", "ru")
    again = run("--n", "4", "--seed", "7", "--lang", "ru")

    assert done.returncode == 0 and again.returncode == 0, done.stderr + again.stderr
    sheet = out.read_text(encoding="utf-8-sig")
    assert sheet.replace("\r\n", "\n") == again.stdout.replace("\r\n", "\n")
    lines = sheet.splitlines()
    assert lines[0].startswith(
        "код участка;дата посадки;порода;посажено;область;дата учёта;живых"
    )  # the templates' names
    assert len(lines) == 5
    filled = [line.split(";") for line in lines[1:]]
    for cells in filled:
        cells[5:8] = [cells[1].replace("2024", "2025"), "10", "20"]
    out.write_text("\n".join([lines[0], *[";".join(c) for c in filled]]), encoding="utf-8-sig")
    validated = validate_file(out.read_bytes(), out.name)
    assert validated.report.kind == "surveys" and validated.report.ok, validated.report.to_json()


def test_the_draw_is_stratified_and_skips_nothing_it_should_draw() -> None:
    frame = pd.DataFrame({"region": ["KZ-10"] * 6 + ["KZ-43"] * 4, "year": 2024, "planted": np.arange(10) + 100})

    drawn = survival.draw_sample(frame, 5, seed=1)

    assert sorted(drawn["region"].value_counts().tolist()) == [2, 3]


def regions_of_latest_surveys(engine: Engine) -> dict[str, set[str | None]]:
    """The region each latest survey holds, per plot, beside the region of the plot's current version."""
    with engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT l.plot_id, l.region, p.region FROM latest_surveys l LEFT JOIN plots p ON p.plot_id = l.plot_id "
            "AND p.superseded_batch IS NULL"
        ).fetchall()
    assert all(kept == plot for _, kept, plot in rows), rows  # always the plot's current region
    return {plot_id: {kept for p, kept, _ in rows if p == plot_id} for plot_id, _, _ in rows}


def test_latest_surveys_keep_their_plots_region_when_a_plot_moves_and_when_that_is_rolled_back(
    store: Engine, tmp_path: Path
) -> None:
    committed(store, *SEASONS, AUTUMN)
    assert regions_of_latest_surveys(store)["SEM-0002"] == {"KZ-10"}
    moved = json.loads((DATA / "store_plots_v2.geojson").read_text(encoding="utf-8"))
    for feature in moved["features"]:
        if feature["properties"]["plot_id"] == "SEM-0002":
            feature["properties"]["region"] = "KZ-11"
    path = tmp_path / "plots_moved.geojson"
    path.write_text(json.dumps(moved), encoding="utf-8")
    (batch,) = committed(store, path)

    assert regions_of_latest_surveys(store)["SEM-0002"] == {"KZ-11"}
    frame = surveys.current_plantings(store).merge(latest_counts(store), on=["plot_id", "date", "species"], how="left")
    by_region = summary(store)["by_region"]
    for region in ("KZ-10", "KZ-11"):
        direct = survival.estimate(frame[frame["region"] == region])
        shown = by_region[region]["estimate"]
        assert (shown is None) == isinstance(direct, survival.NoEstimate)
        if shown is not None:
            assert (shown["surviving"], shown["low"], shown["high"]) == (direct.surviving, direct.low, direct.high)

    assert rollback(store, batch).ok
    assert regions_of_latest_surveys(store)["SEM-0002"] == {"KZ-10"}


def latest_counts(engine: Engine) -> pd.DataFrame:
    table = db.latest_surveys
    with engine.connect() as conn:
        rows = conn.execute(sa.select(table.c.plot_id, table.c.date, table.c.species, table.c.alive, table.c.counted))
        found = pd.DataFrame([tuple(r) for r in rows], columns=["plot_id", "date", "species", "alive", "counted"])
    return found.astype({"alive": float, "counted": float})


FIRST_AND_THIRD = DATA / "surveys_first_and_third.csv"  # cp1251, ';': 1st- and 3rd-year counts, one recounted


def latest_of_kind(path: Path, kind: str) -> pd.DataFrame:
    """The file's latest count of ``kind`` per planting (sample plots summed), read with pandas alone."""
    table = pd.read_csv(path, sep=";", encoding="cp1251", dtype=str).iloc[:-1]  # the totals row
    table.columns = ["plot_id", "date", "species", "survey_date", "alive", "counted", "survey", "sample_plot"]
    table = table[table["survey"] == kind].assign(
        date=pd.to_datetime(table["date"], dayfirst=True).dt.date,
        survey_date=pd.to_datetime(table["survey_date"], dayfirst=True),
        alive=table["alive"].astype(float),
        counted=table["counted"].astype(float),
        species=table["species"].map(lambda name: species.canonical(name) or name),  # stored as the list names it
    )
    counts = table.groupby(["plot_id", "date", "species", "survey_date"], as_index=False)[["alive", "counted"]].sum()
    return counts.sort_values("survey_date").groupby(["plot_id", "date", "species"], as_index=False).last()


def test_first_and_third_year_inventories_are_estimated_apart_each_from_its_latest_count(store: Engine) -> None:
    committed(store, *SEASONS, FIRST_AND_THIRD)
    plantings = surveys.current_plantings(store)

    shown = summary(store, inventories=True)["estimate_by_inventory"]

    assert set(shown) == {surveys.FIRST_YEAR, surveys.THIRD_YEAR}
    for kind in (surveys.FIRST_YEAR, surveys.THIRD_YEAR):
        frame = plantings.merge(latest_of_kind(FIRST_AND_THIRD, kind), on=["plot_id", "date", "species"], how="left")
        direct = survival.estimate(frame.drop(columns="survey_date"))
        assert isinstance(direct, survival.Estimate) and direct.surveyed == 7
        assert shown[kind] == {"estimate": pytest.approx(direct.as_json()), "estimate_reason": None}
    first, third = (shown[k]["estimate"] for k in (surveys.FIRST_YEAR, surveys.THIRD_YEAR))
    assert first["rate"] > third["rate"]  # the third-year counts are lower, as in the file
    recounted = latest_of_kind(FIRST_AND_THIRD, surveys.FIRST_YEAR).set_index("plot_id").loc["SEM-0002", "alive"]
    assert recounted == 76  # the later of the two first-year counts of one planting
    assert summary(store, inventories=True)["estimate"] == summary(store)["estimate"]  # the latest survey, any kind


def test_with_one_kind_of_inventory_only_there_is_nothing_to_set_apart(store: Engine) -> None:
    committed(store, *SEASONS, OLDER)  # first-year counts only (and the plantings files' counts, of no kind)

    assert summary(store, inventories=True)["estimate_by_inventory"] == {}
    assert "estimate_by_inventory" not in summary(store)
    assert surveys.inventories(store) == (surveys.FIRST_YEAR,)
    assert surveys.inventories(store, Filters(regions=("KZ-10",))) == (surveys.FIRST_YEAR,)
    assert surveys.inventories(store, Filters(regions=("KZ-11",))) == ()


def test_over_random_surveys_through_the_store_the_interval_covers_the_truth_about_95_percent(store: Engine) -> None:
    """The coverage simulation of tests/test_survival.py, here through the store on each engine. The store holds
    REPLICAS programmes side by side, one partner each: their plots, two plantings a plot with a known true number
    alive, and one season's survey drawn with `survival.draw_sample` from each, uploaded as officers' files. Each
    partner's estimate is then an independent repetition of the survey, and its interval must cover that partner's
    true number alive about 95 % of the time."""
    rng = np.random.default_rng(11)
    plots = demo.plot_table(REPLICAS * PLOTS_EACH, rng).assign(
        partner=[f"SIM-{i // PLOTS_EACH:03d}" for i in range(REPLICAS * PLOTS_EACH)]
    )
    assert store_import(store, demo.plots_geojson(plots), "plots.geojson").committed
    years = (date(2023, 4, 20), date(2024, 4, 22))
    rows = [(p, day, sp) for p, sp in zip(plots["plot_id"], plots["species"], strict=True) for day in years]
    planted = np.round(rng.lognormal(np.log(3000), 0.7, len(rows))).astype(int) + 100
    sheet = "plot_id;date;species;planted\n" + "".join(
        f"{p};{day:%d.%m.%Y};{sp};{n}\n" for (p, day, sp), n in zip(rows, planted, strict=True)
    )
    assert store_import(store, sheet.encode("cp1251"), "plantings.csv").committed
    population = surveys.current_plantings(store).merge(plots[["plot_id", "partner"]], on="plot_id")
    share = rng.beta(8 * 0.7, 8 * 0.3, len(population)) - 0.15 * (population["year"] == 2023).to_numpy()
    population["true"] = rng.binomial(population["planted"].to_numpy(), np.clip(share, 0.01, 0.99))
    drawn = pd.concat(
        survival.draw_sample(group, SURVEYED_EACH, seed=i) for i, (_, group) in enumerate(population.groupby("partner"))
    )
    counted = np.where(rng.random(len(drawn)) < 0.5, drawn["planted"], np.minimum(drawn["planted"], 150))
    alive = rng.hypergeometric(drawn["true"], drawn["planted"] - drawn["true"], counted)
    sheet = "plot_id;date;species;survey_date;alive;counted\n" + "".join(
        f"{p};{day:%d.%m.%Y};{sp};20.09.2025;{a};{c}\n"
        for p, day, sp, a, c in zip(drawn["plot_id"], drawn["date"], drawn["species"], alive, counted, strict=True)
    )
    assert store_import(store, sheet.encode("cp1251"), "surveys.csv").committed

    found = breakdown_estimates(store, ("partner",))["partner"].set_index("partner")
    truth = population.groupby("partner")["true"].sum()
    assert found["estimate"].notna().all() and len(found) == REPLICAS
    covered = (found["low"] <= truth) & (truth <= found["high"])
    assert 0.90 <= covered.mean() <= 0.99, covered.mean()
    assert abs((found["estimate"] - truth).mean()) < 0.01 * truth.mean()  # no bias beyond the ratio's small one


REPLICAS, PLOTS_EACH, SURVEYED_EACH = 200, 30, 20


def store_import(engine: Engine, data: bytes, name: str) -> ImportResult:
    return import_file(engine, data, name, user="aigerim", today=date(2025, 10, 1))
