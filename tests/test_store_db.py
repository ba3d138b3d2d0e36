"""The database: chosen by ORMAN_DB_URL or the embedded SQLite file, created and migrated to head on first use."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from geo import db

TABLES = {"batches", "plots", "plantings", "plot_stats", "cube_plantings", "cube_plots", "batch_confirms", "users",
          "alembic_version"}


def test_a_new_store_is_migrated_to_head_with_every_table(store: Engine) -> None:
    with store.connect() as conn:
        assert db.current_revision(conn) == db.head_revision()
    assert TABLES <= set(sa.inspect(store).get_table_names())


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
        column = conn.exec_driver_sql(
            "SELECT type, srid FROM geometry_columns WHERE f_table_name = 'plots'").one()
        access = conn.exec_driver_sql(
            "SELECT am.amname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
            "JOIN pg_am am ON am.oid = c.relam WHERE c.relname = 'ix_plots_geom_current'").scalar()
    assert tuple(column) == ("MULTIPOLYGON", 4326) and access == "gist"


def test_the_url_comes_from_the_argument_then_the_environment_then_the_data_folder(
        monkeypatch: pytest.MonkeyPatch) -> None:
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
