"""The database: chosen by ORMAN_DB_URL or the embedded SQLite file, created and migrated to head on first use."""

from __future__ import annotations

import json
import sqlite3
import threading
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import shapely
import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Engine

from geo import db
from geo.geometry import area_ha
from geo.store import import_file

DATA = Path(__file__).parent / "data"

TABLES = {
    "batches",
    "plots",
    "plantings",
    "plot_stats",
    "cube_plantings",
    "cube_plots",
    "batch_confirms",
    "users",
    "alembic_version",
}


def test_a_new_store_is_migrated_to_head_with_every_table(store: Engine) -> None:
    with store.connect() as conn:
        assert db.current_revision(conn) == db.head_revision()
    assert set(sa.inspect(store).get_table_names()) >= TABLES


def test_the_sqlite_store_runs_in_wal_mode_with_foreign_keys_and_an_rtree(tmp_path: Path) -> None:
    engine = db.create_engine(f"sqlite:///{tmp_path / 'nested' / 'orman.sqlite'}")

    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == db.SQLITE_BUSY_TIMEOUT_MS
        assert conn.exec_driver_sql("SELECT count(*) FROM plots_rtree").scalar() == 0
        with pytest.raises(sa.exc.IntegrityError):
            conn.execute(sa.insert(db.batch_confirms).values(batch_id=1, confirmed_batch=2, records=1))
    engine.dispose()


@pytest.mark.parametrize("store_url", ["postgis"], indirect=True)
def test_the_postgis_store_keeps_multipolygons_with_a_spatial_index(store: Engine) -> None:
    with store.connect() as conn:
        column = conn.exec_driver_sql("SELECT type, srid FROM geometry_columns WHERE f_table_name = 'plots'").one()
        access = conn.exec_driver_sql(
            "SELECT am.amname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
            "JOIN pg_am am ON am.oid = c.relam WHERE c.relname = 'ix_plots_geom_current'"
        ).scalar()
    assert tuple(column) == ("MULTIPOLYGON", 4326) and access == "gist"


def test_the_url_comes_from_the_argument_then_the_environment_then_the_data_folder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(db.DB_URL_ENV, raising=False)
    assert db.database_url() == f"sqlite:///{db.DEFAULT_SQLITE_PATH}"
    assert db.DEFAULT_SQLITE_PATH.parent.name == "data"
    monkeypatch.setenv(db.DB_URL_ENV, "postgresql+psycopg://somewhere/orman")
    assert db.database_url() == "postgresql+psycopg://somewhere/orman"
    assert db.database_url("sqlite:///x.sqlite") == "sqlite:///x.sqlite"


def test_several_openers_of_a_new_store_migrate_it_once(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'orman.sqlite'}"
    errors: list[BaseException] = []

    def open_store() -> None:
        try:
            db.create_engine(url).dispose()
        except BaseException as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)

    threads = [threading.Thread(target=open_store) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    with sqlite3.connect(tmp_path / "orman.sqlite") as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [(db.head_revision(),)]


def test_get_engine_reuses_one_engine_per_url(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'orman.sqlite'}"

    assert db.get_engine(url) is db.get_engine(url)


def test_bulk_insert_keeps_every_value_as_given(store: Engine) -> None:
    """What the imports write in bulk comes back unchanged: blank text is not missing text, dates stay the day,
    floats keep every digit, and a plot's geometry is the same shape in the store's own form."""
    shape = shapely.MultiPolygon([shapely.box(80.25, 50.4, 80.2512345678901, 50.41)])
    wkb = shapely.to_wkb(shape, byte_order=1, flavor="iso")
    rows = [("SEM-1", "", None, 0.1 + 0.2), ("SEM-2", "Ромашка «Б»", "x", 1e-300)]
    with db.write_transaction(store) as conn:
        geom = wkb if db.is_sqlite(conn) else db.ewkb([wkb])[0]
        db.temp_table(conn, "_probe", "plot_id TEXT, blank TEXT, missing TEXT, value DOUBLE PRECISION", [])
        db.bulk_insert(conn, "_probe", ["plot_id", "blank", "missing", "value"], rows)
        kept = conn.exec_driver_sql("SELECT plot_id, blank, missing, value FROM _probe ORDER BY plot_id").all()
        conn.execute(
            sa.insert(db.batches).values(
                id=1,
                kind="plantings",
                filename="probe",
                sha256="0" * 64,
                created_at=datetime.now(UTC),
                row_count=1,
                n_new=1,
                n_updated=0,
                n_unchanged=0,
                n_skipped=0,
                report={},
            )
        )
        db.bulk_insert(
            conn,
            "plantings",
            ["plot_id", "date", "species", "planted", "survey_date", "created_batch"],
            [("SEM-1", "2024-04-15", "", 12_500_000_000, None, 1)],
        )
        planting = conn.execute(
            sa.select(db.plantings.c.date, db.plantings.c.species, db.plantings.c.planted, db.plantings.c.survey_date)
        ).one()
        db.bulk_insert(
            conn,
            "plots",
            ["plot_id", "region", "area_ha", "geom", "minx", "miny", "maxx", "maxy", "lon", "lat", "created_batch"],
            [("SEM-1", "KZ-10", 0.5, geom, 0, 0, 0, 0, 0, 0, 1)],
        )
        stored = conn.execute(sa.select(db.geom_wkb(db.plots.c.geom, conn))).scalar_one()
        conn.get_transaction().rollback()
    assert [tuple(r) for r in kept] == rows
    assert tuple(planting) == (date(2024, 4, 15), "", 12_500_000_000, None)
    assert shapely.equals_exact(shapely.from_wkb(bytes(stored)), shape, tolerance=0)


def migrate(engine: Engine, revision: str, down: bool = False) -> None:
    """Bring the store's schema to ``revision`` (up or down), as geo.db.upgrade brings it to head."""
    cfg = Config()
    cfg.set_main_option("script_location", str(db.MIGRATIONS))
    with db.write_transaction(engine) as conn:
        cfg.attributes["connection"] = conn
        (command.downgrade if down else command.upgrade)(cfg, revision)


def point_flags(engine: Engine) -> dict[int, bool]:
    with engine.connect() as conn:
        return {vid: bool(point) for vid, point in conn.execute(sa.select(db.plots.c.vid, db.plots.c.point))}


def plot_triggers(engine: Engine) -> list[str]:
    """The SQLite triggers that keep the plots' R-tree (dropped with the table, were it rebuilt); none on PostGIS."""
    if not db.is_sqlite(engine):
        return []
    with engine.connect() as conn:
        sql = "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'plots' ORDER BY name"
        return [name for (name,) in conn.exec_driver_sql(sql)]


def test_a_store_of_point_plots_stored_as_circles_learns_which_were_points_when_it_upgrades(store: Engine) -> None:
    """Revision 0005 adds plots.point; the plots a store held before it were circles alone, and each circle of its
    declared area (every version, current or superseded) is found again; an outline is not, even a 64-gon."""
    drawn = shapely.Point(80.5, 50.5).buffer(0.01, quad_segs=16)  # 64 vertices, as GIS software draws a circle
    assert shapely.get_num_coordinates(drawn) == 65
    officer = {
        "type": "Feature",
        "properties": {"plot_id": "GIS-0064", "region": "KZ-10", "area_ha": round(area_ha([drawn])[0], 2)},
        "geometry": shapely.geometry.mapping(drawn),
    }
    files = {
        "hostile_point_by_plot.geojson": (DATA / "hostile_point_by_plot.geojson").read_bytes(),
        "hostile_points_by_plot.csv": (DATA / "hostile_points_by_plot.csv").read_bytes(),
        "gis.geojson": json.dumps({"type": "FeatureCollection", "features": [officer]}).encode(),
        # a new area for PNT-A: its first circle is superseded, and a rollback would bring it back
        "again.csv": b"plot_id;region;lon;lat;area_ha\r\nPNT-A;KZ-10;80,4;50,41;4\r\n",
    }
    for name, data in files.items():
        assert import_file(store, data, name).committed, name
    written = point_flags(store)
    assert sum(written.values()) == 8 and len(written) == 10  # 7 points, PNT-A twice; PNT-POLY and GIS-0064

    triggers = plot_triggers(store)
    migrate(store, "0004_latest_survey_region", down=True)
    assert "point" not in {c["name"] for c in sa.inspect(store).get_columns("plots")}
    migrate(store, "head")

    assert point_flags(store) == written
    assert plot_triggers(store) == triggers  # the column went in place: the table was never rebuilt
    with store.connect() as conn:
        assert db.current_revision(conn) == db.head_revision()
