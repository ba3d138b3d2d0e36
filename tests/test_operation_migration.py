"""Revision 0008_operation: a store filled before the species list holds species as officers wrote them; the upgrade
renames them to the catalogue's names, so that the same cumulative sheet uploaded again is unchanged (no tree
counted twice), and leaves a planting as written where its new name is another stored planting's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from geo import db, progress
from geo.store import import_file
from tests.test_db import migrate

DATA = Path(__file__).parent / "data"
SHEET = DATA / "store_plantings_2024.csv"  # cp1251: сосна обыкновенная, берёза повислая, саксаул
BEFORE_SPECIES_LIST = "0005_point_plots"
# What the store held of each species before uploads named it by the catalogue: the sheet's spellings.
WRITTEN = {"Pinus sylvestris": "сосна обыкновенная", "Betula pendula": "берёза повислая", "Haloxylon": "саксаул"}
NAMED = ("plantings", "surveys", "latest_surveys", "cube_plantings")


def _fill(store: Engine) -> dict[str, Any]:
    """Plots, the 2024 sheet and the autumn 2025 inventory (its plot the store lacks skipped); the figures."""
    for path, skip in (
        (DATA / "store_plots_v1.geojson", False),
        (SHEET, False),
        (DATA / "surveys_autumn_2025.csv", True),
    ):
        assert import_file(store, path.read_bytes(), path.name, skip_invalid=skip).committed, path.name
    return progress.summary(store)


def _rename(store: Engine, names: dict[str, str], plot: str | None = None) -> None:
    """Store ``names`` (stored -> written) in every table naming plantings, as a store of the old revision had;
    only on ``plot`` (in the cube: its region) when given."""
    with store.begin() as conn:
        for table in NAMED:
            place = (
                "region IN (SELECT region FROM plots WHERE"
                if table == "cube_plantings"
                else "plot_id IN (SELECT plot_id FROM plots WHERE"
            )
            where = f"AND {place} plot_id = :plot)" if plot else ""
            for stored, written in names.items():
                conn.execute(
                    sa.text(f"UPDATE {table} SET species = :written WHERE species = :stored {where}"),  # noqa: S608
                    {"written": written, "stored": stored, "plot": plot},
                )


def _species(store: Engine, table: str) -> set[tuple[str, str]]:
    """(plot_id, species) of the table's rows; the cube's region stands for its plots."""
    place = "region" if table == "cube_plantings" else "plot_id"
    with store.connect() as conn:
        return {(p, s) for p, s in conn.exec_driver_sql(f"SELECT {place}, species FROM {table}")}  # noqa: S608


def test_an_old_store_upgrades_to_the_catalogues_names_and_the_same_sheet_again_is_unchanged(store: Engine) -> None:
    figures = _fill(store)
    migrate(store, BEFORE_SPECIES_LIST, down=True)
    _rename(store, WRITTEN)
    assert ("SEM-0001", "сосна обыкновенная") in _species(store, "plantings")

    migrate(store, "head")

    for table in NAMED:
        assert {s for _, s in _species(store, table)} <= set(WRITTEN), table
    assert progress.summary(store) == figures
    again = import_file(store, SHEET.read_bytes() + b"\r\n", "the same sheet, saved again.csv")
    assert again.committed and (again.new, again.updated, again.unchanged) == (0, 0, 7)
    assert progress.summary(store) == figures


def test_two_spellings_of_one_planting_stored_apart_stay_as_written_and_the_figures_stay(store: Engine) -> None:
    figures = _fill(store)
    migrate(store, BEFORE_SPECIES_LIST, down=True)
    _rename(store, WRITTEN)
    # SEM-0001's birch of 15 April as an upload after the species list wrote it: beside its pine of that day, written
    # as the officer wrote it, it is a second 'Pinus sylvestris' of that plot and date.
    _rename(store, {"берёза повислая": "Pinus sylvestris"}, "SEM-0001")  # the only birch of KZ-10
    collided = {("SEM-0001", "сосна обыкновенная"), ("SEM-0001", "Pinus sylvestris")}

    migrate(store, "head")

    assert collided <= _species(store, "plantings")
    assert ("SEM-0001", "сосна обыкновенная") in _species(store, "latest_surveys")
    assert {s for p, s in _species(store, "plantings") if p != "SEM-0001"} <= set(WRITTEN)
    after = progress.summary(store)
    species = after.pop("by_species")
    assert species == {
        "Pinus sylvestris": {"planted": 30_000 + 28_000 + 32_000 + 5_000},
        "сосна обыкновенная": {"planted": 35_000},
        "Haloxylon": {"planted": 55_000},
    }
    assert after == {k: v for k, v in figures.items() if k != "by_species"}


def test_going_back_before_operations_is_refused_while_the_store_holds_gap_filling(store: Engine) -> None:
    path = DATA / "plantings_operations_cp1251.csv"
    for name in ("store_plots_v1.geojson", path.name):
        assert import_file(store, (DATA / name).read_bytes(), name).committed

    with pytest.raises(RuntimeError, match="gap-filling and sowing records"):
        migrate(store, BEFORE_SPECIES_LIST, down=True)
    with store.connect() as conn:
        assert db.current_revision(conn) == db.head_revision()
