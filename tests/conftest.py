"""Shared fixtures: ``store``, a fresh, migrated store on SQLite (a file in tmp_path) and on PostGIS.

Each PostGIS test gets its own database, cloned from a template migrated once per run and dropped afterwards,
on the server of ORMAN_TEST_PG_URL (default postgresql+psycopg://postgres@127.0.0.1:5432/test). Without a reachable
server the PostGIS cases are skipped, except in CI (env CI set), where they must run.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from geo import audit, db
from geo.cli import main

PG_URL = os.environ.get("ORMAN_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
DATA = Path(__file__).parent / "data"
ENGINES = ["sqlite", "postgis"]
ACCOUNT_PASSWORD = "Zhetisu-apples-2026"  # of the accounts the account fixture adds


@pytest.fixture(scope="session", autouse=True)
def audit_files(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The audit trail's key and checkpoint in a folder of the run's (never the repository's data/), for every
    test and every process a test starts; the key always from that folder."""
    with pytest.MonkeyPatch.context() as patch:
        folder = tmp_path_factory.mktemp("audit")
        patch.setenv(audit.DIR_ENV, str(folder))
        patch.delenv(audit.KEY_ENV, raising=False)
        yield folder


@pytest.fixture
def audit_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh folder of the audit key and checkpoint for one test (and the processes it starts)."""
    folder = tmp_path_factory.mktemp("audit_key")
    monkeypatch.setenv(audit.DIR_ENV, str(folder))
    return folder


def pg_url(database: str) -> str:
    return sa.make_url(PG_URL).set(database=database).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def pg_admin() -> Iterator[Engine]:
    """An AUTOCOMMIT connection to the test server's maintenance database, for CREATE/DROP DATABASE."""
    admin = sa.create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect():
            pass
    except sa.exc.OperationalError as error:
        admin.dispose()
        if os.environ.get("CI"):
            raise
        pytest.skip(f"PostgreSQL is not reachable at {PG_URL}: {error.orig}")
    yield admin
    admin.dispose()


def create_database(admin: Engine, name: str, template: str | None = None) -> None:
    with admin.connect() as conn:
        clone = f' TEMPLATE "{template}"' if template else ""
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"{clone}')


def drop_database(admin: Engine, name: str) -> None:
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def pg_template(pg_admin: Engine) -> Iterator[str]:
    """A database with PostGIS and the migrated schema, cloned for each test (cloning is far quicker)."""
    name = f"orman_tpl_{uuid.uuid4().hex[:12]}"
    create_database(pg_admin, name)
    try:
        plain = sa.create_engine(pg_url(name), poolclass=sa.pool.NullPool)
        with plain.begin() as conn:
            conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS postgis")
        plain.dispose()
        db.create_engine(pg_url(name)).dispose()
        yield name
    finally:
        drop_database(pg_admin, name)


@contextmanager
def empty_store_url(request: pytest.FixtureRequest, directory: Path) -> Iterator[str]:
    """The URL of an empty store of its own on ``request.param`` (sqlite or postgis), removed afterwards."""
    if request.param == "sqlite":
        yield f"sqlite:///{directory / 'orman.sqlite'}"
        return
    admin, template = request.getfixturevalue("pg_admin"), request.getfixturevalue("pg_template")
    name = f"orman_test_{uuid.uuid4().hex[:12]}"
    create_database(admin, name, template)
    try:
        yield pg_url(name)
    finally:
        drop_database(admin, name)


@pytest.fixture(params=ENGINES)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty store's URL for one test, on SQLite and on PostGIS."""
    with empty_store_url(request, tmp_path) as url:
        yield url


@pytest.fixture(scope="module", params=ENGINES)
def module_store_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An empty store's URL shared by one module's tests (which must only read it), on SQLite and on PostGIS."""
    with empty_store_url(request, tmp_path_factory.mktemp("store")) as url:
        yield url


@pytest.fixture
def store(store_url: str) -> Iterator[Engine]:
    """A migrated, empty store (SQLAlchemy engine) on each engine."""
    engine = db.create_engine(store_url)
    yield engine
    engine.dispose()


@pytest.fixture
def account(store: Engine) -> Callable[..., str]:
    """Adds an active account to the test's store and returns its name: a command run ``--user NAME`` refuses any
    name that is not one (the audit trail could name whoever one liked)."""
    from geo import auth

    def add(name: str, role: str = "officer") -> str:
        return auth.add_user(store, name, role, ACCOUNT_PASSWORD).name

    return add


Cli = Callable[..., tuple[int, str, str]]


@pytest.fixture
def cli(store_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> Cli:
    """Run ``python -m geo`` in this process on a fresh store; returns (exit code, stdout, stderr)."""
    monkeypatch.setenv(db.DB_URL_ENV, store_url)

    def run(*args: object) -> tuple[int, str, str]:
        try:
            code = main([str(a) for a in args])
        except SystemExit as exit_:
            code = exit_.code
        out, err = capsys.readouterr()
        return code, out, err

    return run
