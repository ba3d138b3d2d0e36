"""The store: batches all or nothing, cumulative re-uploads counted once, rollback, history. SQLite and PostGIS."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from store_expected import assert_figures_equal, assert_store_holds, current_plots

from geo import db
from geo.progress import summary
from geo.store import ImportResult, get_batch, history, import_file, preview, rollback, sha256

DATA = Path(__file__).parent / "data"
PLOTS_V1 = DATA / "store_plots_v1.geojson"
PLOTS_V2 = DATA / "store_plots_v2.geojson"
PLANTINGS_2024 = DATA / "store_plantings_2024.csv"
PLANTINGS_2025 = DATA / "store_plantings_2025.csv"
UNKNOWN_PLOT = DATA / "store_plantings_unknown_plot.csv"
SEASONS = [PLOTS_V1, PLANTINGS_2024, PLOTS_V2, PLANTINGS_2025]


def upload(engine: Engine, path: Path, user: str = "aigerim", **options: object) -> ImportResult:
    return import_file(engine, path.read_bytes(), path.name, user=user, **options)


def committed(engine: Engine, *paths: Path) -> list[int]:
    ids = []
    for path in paths:
        result = upload(engine, path)
        assert result.committed, result.to_json()
        ids.append(result.batch)
    return ids


def table_counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {
            t: conn.execute(sa.select(sa.func.count()).select_from(db.metadata.tables[t])).scalar_one()
            for t in ("batches", "plots", "plantings", "plot_stats", "cube_plantings", "cube_plots")
        }


def test_import_then_summary_equals_an_independent_computation_of_the_files(store: Engine) -> None:
    committed(store, PLOTS_V1, PLANTINGS_2024)

    assert_store_holds(store, [PLOTS_V1, PLANTINGS_2024])
    figures = summary(store)
    assert figures["planted"] == 185_000
    assert figures["surviving"] == 29_400 + 21_000 + 19_200
    assert figures["surveyed_planted"] == 35_000 + 30_000 + 32_000


def test_the_same_file_twice_changes_nothing_and_names_the_batch(store: Engine) -> None:
    (first,) = committed(store, PLOTS_V1)
    before = table_counts(store), summary(store)

    again = upload(store, PLOTS_V1, user="someone else")

    assert again.already and not again.committed and again.batch == first
    assert again.to_json()["batch"] == first
    assert (table_counts(store), summary(store)) == before
    assert [b.id for b in history(store)] == [first]


def test_a_cumulative_reupload_counts_each_tree_once(store: Engine) -> None:
    committed(store, PLOTS_V1, PLANTINGS_2024, PLOTS_V2)

    season = upload(store, PLANTINGS_2025)

    assert (season.new, season.updated, season.unchanged, season.skipped) == (4, 4, 3, 0)
    assert_store_holds(store, SEASONS)
    assert summary(store)["planted"] == 185_000 + 4_000 + 15_000 + 10_000 + 20_000


def test_a_plots_reupload_makes_versions_only_of_what_changed(store: Engine) -> None:
    committed(store, PLOTS_V1)

    result = upload(store, PLOTS_V2)

    assert (result.new, result.updated, result.unchanged) == (2, 2, 4)
    assert_store_holds(store, [PLOTS_V1, PLOTS_V2])
    with store.connect() as conn:
        versions = conn.execute(sa.select(db.plots.c.plot_id, sa.func.count()).group_by(db.plots.c.plot_id)).all()
    assert {p for p, n in versions if n == 2} == {"SEM-0002", "ARL-0001"}


def test_the_same_plots_in_other_bytes_are_unchanged(store: Engine, tmp_path: Path) -> None:
    committed(store, PLOTS_V1)
    reformatted = tmp_path / "plots_reexported.geojson"
    reformatted.write_text(json.dumps(json.loads(PLOTS_V1.read_text(encoding="utf-8")), indent=2), encoding="utf-8")

    result = upload(store, reformatted)

    assert result.committed and (result.new, result.updated, result.unchanged) == (0, 0, 6)
    assert table_counts(store)["plots"] == 6


def test_a_file_with_errors_writes_nothing(store: Engine) -> None:
    committed(store, PLOTS_V1)
    before = table_counts(store), summary(store)

    result = upload(store, UNKNOWN_PLOT)

    assert not result.committed and result.batch is None
    assert [(p.row, p.column, p.code) for p in result.report.errors] == [(3, "plot_id", "unknown_plot")]
    assert result.to_json()["errors"][0]["message"].startswith("Row 3: plot “XXX-9999” is not in Orman")
    assert (table_counts(store), summary(store)) == before


def test_plantings_on_plots_not_yet_uploaded_are_refused_row_by_row(store: Engine) -> None:
    result = upload(store, PLANTINGS_2024)

    assert not result.committed
    assert [p.code for p in result.report.errors] == ["unknown_plot"] * 7
    assert table_counts(store)["batches"] == 0


def test_skip_invalid_imports_the_valid_rows_and_records_the_skipped(store: Engine) -> None:
    committed(store, PLOTS_V1)

    result = upload(store, UNKNOWN_PLOT, skip_invalid=True)

    assert result.committed and (result.new, result.skipped) == (1, 1)
    batch = get_batch(store, result.batch)
    assert (batch.new, batch.skipped, batch.rows) == (1, 1, 2)
    assert [(p.row, p.code, p.params["value"]) for p in batch.report.errors] == [(3, "unknown_plot", "XXX-9999")]
    assert summary(store)["planted"] == 3000


def test_a_plot_overlapping_another_by_more_than_a_tenth_is_a_warning(store: Engine) -> None:
    committed(store, PLOTS_V1)

    result = upload(store, PLOTS_V2)

    overlaps = [p for p in result.report.warnings if p.code == "overlap"]
    assert [(p.row, p.params["plot_id"], p.params["other"], p.params["percent"]) for p in overlaps] == [
        (7, "SEM-0004", "SEM-0003", 60)
    ]
    assert "possible double count" in overlaps[0].to_dict("en")["message"]
    assert get_batch(store, result.batch).report.warnings[-1].code == "overlap"


def test_two_plots_of_one_upload_that_overlap_are_a_warning_once(store: Engine) -> None:
    result = upload(store, DATA / "store_plots_drawn_twice.geojson")

    assert result.committed
    assert [
        (p.row, p.params["plot_id"], p.params["other"], p.params["percent"])
        for p in result.report.warnings
        if p.code == "overlap"
    ] == [(2, "NRZ-0001-B", "NRZ-0001", 50)]


def test_preview_reports_counts_and_totals_and_writes_nothing(store: Engine) -> None:
    committed(store, PLOTS_V1, PLANTINGS_2024, PLOTS_V2)
    before = table_counts(store), summary(store)

    shown = preview(store, PLANTINGS_2025.read_bytes(), PLANTINGS_2025.name, user="aigerim")

    assert (shown.new, shown.updated, shown.unchanged) == (4, 4, 3)
    assert shown.batch is None and not shown.committed
    assert shown.before["planted"] == 185_000 and shown.after["planted"] == 234_000
    assert (table_counts(store), summary(store)) == before
    assert upload(store, PLANTINGS_2025).batch == before[0]["batches"] + 1


def test_rollback_restores_the_store_as_it_was_before_the_batch(store: Engine) -> None:
    snapshots = []
    for path in SEASONS:
        snapshots.append((summary(store), current_plots(store)))
        committed(store, path)

    for batch, (figures, plots) in zip([4, 3, 2, 1], reversed(snapshots), strict=True):
        assert rollback(store, batch, user="admin").ok
        assert summary(store) == figures
        assert current_plots(store).keys() == plots.keys()
        assert all(current_plots(store)[p][3].equals(plots[p][3]) for p in plots)
    assert {k: v for k, v in table_counts(store).items() if k != "batches"} == dict.fromkeys(
        ("plots", "plantings", "plot_stats", "cube_plantings", "cube_plots"), 0
    )


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_rollback_in_random_order_matches_the_files_still_in_force(store: Engine, seed: int) -> None:
    active = dict(zip(committed(store, *SEASONS), SEASONS, strict=True))
    order = random.Random(seed)
    refused = 0
    while active:
        batch = order.choice(sorted(active))
        before = table_counts(store), summary(store)
        result = rollback(store, batch)
        if result.ok:
            del active[batch]
        else:
            refused += 1
            assert batch != max(active), "the latest batch can always be rolled back"
            assert result.problem.code in {"rollback_replaced", "rollback_confirmed", "rollback_plantings_depend"}
            later = {int(b) for b in result.problem.params["later"].split(", ")}
            assert later and later <= set(active) and min(later) > batch
            assert (table_counts(store), summary(store)) == before
        assert_store_holds(store, [active[b] for b in sorted(active)])
    assert refused > 0


def test_rollback_is_refused_while_a_later_batch_replaced_its_records(store: Engine) -> None:
    plots_v1, season_2024, plots_v2, season_2025 = committed(store, *SEASONS)

    refused = rollback(store, season_2024)

    assert refused.problem.code == "rollback_replaced" and refused.problem.params["later"] == str(season_2025)
    assert "Roll back 4 first" in refused.explain("en")
    assert rollback(store, plots_v1).problem.params["later"] == str(plots_v2)


def test_rollback_is_refused_while_plantings_stand_on_plots_it_added(store: Engine) -> None:
    plots, plantings = committed(store, PLOTS_V1, PLANTINGS_2024)

    refused = rollback(store, plots)

    assert refused.problem.code == "rollback_plantings_depend"
    assert refused.problem.params == {"batch": plots, "later": str(plantings), "plots": 6}
    assert "cannot be rolled back" in refused.explain("en") and "нельзя откатить" in refused.explain("ru")
    assert rollback(store, plantings).ok and rollback(store, plots).ok


def test_rollback_is_refused_while_a_later_upload_holds_the_same_records(store: Engine, tmp_path: Path) -> None:
    (plots,) = committed(store, PLOTS_V1)
    copy = tmp_path / "plots_again.geojson"
    copy.write_text(PLOTS_V1.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    (again,) = committed(store, copy)

    assert rollback(store, plots).problem.code == "rollback_confirmed"
    assert rollback(store, again).ok
    assert rollback(store, plots).ok


def test_rolling_back_an_unknown_or_rolled_back_batch_is_refused(store: Engine) -> None:
    (batch,) = committed(store, PLOTS_V1)

    assert rollback(store, 999).problem.code == "unknown_batch"
    assert rollback(store, batch, user="admin").ok
    again = rollback(store, batch)
    assert again.problem.code == "batch_rolled_back" and again.problem.params["user"] == "admin"


def test_a_dry_run_rollback_counts_and_changes_nothing(store: Engine) -> None:
    committed(store, PLOTS_V1, PLANTINGS_2024, PLOTS_V2)
    before = table_counts(store), summary(store)

    dry = rollback(store, 3, dry_run=True)

    assert dry.ok and (dry.removed, dry.restored) == (4, 2)
    assert (table_counts(store), summary(store)) == before
    assert get_batch(store, 3).active


def test_a_rolled_back_batch_stays_in_history_and_its_file_can_come_back(store: Engine) -> None:
    (batch,) = committed(store, PLOTS_V1)
    assert rollback(store, batch, user="admin").ok

    again = upload(store, PLOTS_V1)

    assert again.committed and again.batch != batch and again.new == 6
    batches = history(store)
    assert [(b.id, b.active) for b in batches] == [(again.batch, True), (batch, False)]
    assert batches[1].rolled_back_by == "admin" and batches[1].rolled_back_at >= batches[1].created_at


def test_history_lists_batches_newest_first_with_who_when_counts_and_report(store: Engine) -> None:
    committed(store, PLOTS_V1)
    upload(store, PLANTINGS_2024, user="daniyar")

    newest, oldest = history(store)

    assert (newest.kind, newest.filename, newest.user, newest.rows, newest.new) == (
        "plantings",
        PLANTINGS_2024.name,
        "daniyar",
        7,
        7,
    )
    assert [p.code for p in newest.report.warnings] == ["totals_row"]
    assert (oldest.kind, oldest.user, oldest.new, oldest.created_at.tzinfo is not None) == ("plots", "aigerim", 6, True)
    assert oldest.sha256 == sha256(PLOTS_V1.read_bytes())
    assert json.loads(json.dumps(newest.to_json()))["batch"] == newest.id


def test_figures_survive_a_reopened_store(store_url: str) -> None:
    engine = db.create_engine(store_url)
    committed(engine, PLOTS_V1, PLANTINGS_2024)
    expected = summary(engine)
    engine.dispose()

    reopened = db.create_engine(store_url)
    assert_figures_equal(summary(reopened), expected)
    reopened.dispose()


def test_a_plot_given_again_as_a_point_is_a_new_version_and_rollback_restores_the_outline(store: Engine) -> None:
    committed(store, DATA / "hostile_point_by_plot.geojson")
    as_point = "Код участка;Область;Долгота;Широта;Площадь, га\r\nPNT-POLY;KZ-10;80,322;50,412;13\r\n"
    result = import_file(store, as_point.encode("cp1251"), "as_point.csv")
    assert result.committed and result.updated == 1

    def poly() -> tuple:
        with store.connect() as conn:
            query = sa.select(db.plots.c.point, db.plots.c.lon, db.plots.c.lat).where(
                db.plots.c.plot_id == "PNT-POLY", sa.text(db.CURRENT_VERSION)
            )
            return tuple(conn.execute(query).one())

    assert poly() == (True, 80.322, 50.412)
    assert rollback(store, result.batch).ok
    point, lon, lat = poly()
    assert not point and (lon, lat) == (pytest.approx(80.322), pytest.approx(50.412))
