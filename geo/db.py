"""The database behind Orman: which engine, its schema, and migrations applied on first use.

One schema serves both engines. SQLite (the embedded default, ``data/orman.sqlite``) keeps geometry as WKB with an
R-tree on each current plot's bounding box; PostGIS keeps ``geometry(MultiPolygon, 4326)`` with a GiST index.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import struct
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import geoalchemy2
import pandas as pd
import psycopg
import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from psycopg.copy import QueuedLibpqWriter
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.types import TypeDecorator

from geo.columns import PLANTING, RECORD_KEY, TEXT_LIMITS
from geo.errors import StoreError

DB_URL_ENV = "ORMAN_DB_URL"
DEFAULT_SQLITE_PATH = Path(__file__).resolve().parent.parent / "data" / "orman.sqlite"
SQLITE_BUSY_TIMEOUT_MS = 120_000  # a writer waits this long for another (a 1M-row import writes for ~15 s)
# pg_advisory_xact_lock key that serialises writers (imports, rollbacks, migrations) on PostgreSQL.
PG_WRITE_LOCK = 0x4F524D41
AFTER_COMMIT = "orman_after_commit"  # Connection.info key: what to run once a write transaction has committed
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
EWKB_SRID_FLAG = 0x20000000
# What a failing store is told as (geo.errors.StoreError codes): SQLite's result codes by prefix, PostgreSQL's
# SQLSTATE by class or code. A connection that never opened has no SQLSTATE: unreachable.
SQLITE_FAILURES = {
    "SQLITE_READONLY": "store_read_only",
    "SQLITE_FULL": "store_full",
    "SQLITE_IOERR": "store_full",
    "SQLITE_NOTADB": "store_not_a_database",
    "SQLITE_CORRUPT": "store_not_a_database",
    "SQLITE_CANTOPEN": "store_unreachable",
    "SQLITE_PERM": "store_read_only",
    "SQLITE_BUSY": "store_failed",  # another writer held the store past the busy timeout
    "SQLITE_LOCKED": "store_failed",
}
PG_FAILURES = {
    "08": "store_unreachable",  # connection exceptions
    "3D000": "store_unreachable",  # the database does not exist
    "28": "store_unreachable",  # authentication failed
    "57P": "store_unreachable",  # the server is shutting down or restarting
    "53100": "store_full",  # disk full
    "53": "store_failed",  # out of memory or connections
    "25006": "store_read_only",  # a read-only transaction (a hot standby)
}
# The errors of a write to a disk that is full or refuses more (no space, over the file size limit, over quota).
DISK_FULL = (errno.ENOSPC, errno.EFBIG, errno.EDQUOT)
SQLITE_RETRY = ("SQLITE_BUSY", "SQLITE_LOCKED")


class Geometry(TypeDecorator):
    """MultiPolygon in EPSG:4326: PostGIS ``geometry`` there, WKB bytes in SQLite."""

    impl = sa.LargeBinary
    cache_ok = True

    def load_dialect_impl(self, dialect: sa.Dialect) -> sa.types.TypeEngine:
        if dialect.name == "postgresql":
            return dialect.type_descriptor(geoalchemy2.Geometry("MULTIPOLYGON", 4326, spatial_index=False))
        return dialect.type_descriptor(sa.LargeBinary())


metadata = sa.MetaData()
# The version of a plot or planting in force, as SQL: the partial indexes below and geo.queries say it this way.
CURRENT_VERSION = "superseded_batch IS NULL"
_current = sa.text(CURRENT_VERSION)
_replaced = sa.text("superseded_batch IS NOT NULL")  # few rows: indexing only these keeps bulk inserts cheap
# A batch's status (geo.store.signoff): with sign-off off every batch is approved at once.
SUBMITTED, APPROVED, REJECTED, ROLLED_BACK = "submitted", "approved", "rejected", "rolled_back"
BATCH_STATUSES = (APPROVED, SUBMITTED, REJECTED, ROLLED_BACK)
LIVE_STATUSES = (SUBMITTED, APPROVED)  # a batch whose bytes a repeat upload finds
LIVE_BATCH = f"status IN ('{SUBMITTED}', '{APPROVED}')"
_live = sa.text(LIVE_BATCH)

batches = sa.Table(
    "batches",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("filename", sa.String(500), nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("created_by", sa.String(TEXT_LIMITS["user"])),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("row_count", sa.Integer, nullable=False),
    sa.Column("n_new", sa.Integer, nullable=False),
    sa.Column("n_updated", sa.Integer, nullable=False),
    sa.Column("n_unchanged", sa.Integer, nullable=False),
    sa.Column("n_skipped", sa.Integer, nullable=False),
    sa.Column("report", sa.JSON, nullable=False),
    sa.Column("rolled_back_at", sa.DateTime(timezone=True)),
    sa.Column("rolled_back_by", sa.String(TEXT_LIMITS["user"])),
    # submitted (staged, counts nowhere), approved (applied), rejected (never counts), rolled_back (undone)
    sa.Column("status", sa.String(16), nullable=False, server_default=APPROVED),
    sa.Column("decided_by", sa.String(TEXT_LIMITS["user"])),  # who approved or rejected a submitted batch
    sa.Column("decided_at", sa.DateTime(timezone=True)),
    sa.Column("reason", sa.String(TEXT_LIMITS["reason"])),  # why it was rejected, as the supervisor wrote it
    # The same bytes are in at most one live batch; a rolled-back or rejected batch no longer blocks them.
    sa.Index("ux_batches_sha256_active", "sha256", unique=True, sqlite_where=_live, postgresql_where=_live),
)

# A submitted batch's upload, kept as it came until a supervisor decides: approval validates it again against the
# store as it is then and applies it as an import would. ``options`` are the import's (kind, sheet, layer,
# skip_invalid); ``pending`` the figures it would add, as its submission found them (summary's planted, surviving,
# plots, area_ha), for the "awaiting approval" marks.
staged_uploads = sa.Table(
    "staged_uploads",
    metadata,
    sa.Column("batch_id", sa.Integer, sa.ForeignKey("batches.id"), primary_key=True),
    sa.Column("data", sa.LargeBinary, nullable=False),
    sa.Column("options", sa.JSON, nullable=False),
    sa.Column("pending", sa.JSON, nullable=False),
)

# The store's settings (geo.settings), one row per setting changed from its default.
settings = sa.Table(
    "settings",
    metadata,
    sa.Column("name", sa.String(64), primary_key=True),
    sa.Column("value", sa.String(200), nullable=False),
)

plots = sa.Table(
    "plots",
    metadata,
    sa.Column("vid", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("plot_id", sa.String(TEXT_LIMITS["plot_id"]), nullable=False),
    sa.Column("name", sa.String(TEXT_LIMITS["name"])),
    sa.Column("partner", sa.String(TEXT_LIMITS["partner"])),
    sa.Column("forestry", sa.String(TEXT_LIMITS["forestry"])),
    sa.Column("block", sa.String(TEXT_LIMITS["block"])),
    sa.Column("compartment", sa.String(TEXT_LIMITS["compartment"])),
    sa.Column("region", sa.String(8), nullable=False),
    sa.Column("area_ha", sa.Float, nullable=False),
    sa.Column("declared_area_ha", sa.Float),
    sa.Column("geom", Geometry, nullable=False),
    sa.Column("minx", sa.Float, nullable=False),
    sa.Column("miny", sa.Float, nullable=False),
    sa.Column("maxx", sa.Float, nullable=False),
    sa.Column("maxy", sa.Float, nullable=False),
    sa.Column("lon", sa.Float, nullable=False),
    sa.Column("lat", sa.Float, nullable=False),
    sa.Column("created_batch", sa.Integer, sa.ForeignKey("batches.id"), nullable=False),
    sa.Column("superseded_batch", sa.Integer, sa.ForeignKey("batches.id")),
    # The plot was given as a point with its area: ``geom`` is a circle of that area around (lon, lat), not an
    # outline, and overlaps are judged by the point (geo.store).
    sa.Column("point", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Index("ux_plots_current", "plot_id", unique=True, sqlite_where=_current, postgresql_where=_current),
    sa.Index("ix_plots_created", "created_batch"),
    sa.Index("ix_plots_superseded", "superseded_batch", sqlite_where=_replaced, postgresql_where=_replaced),
    sa.Index("ix_plots_region_current", "region", "partner", sqlite_where=_current, postgresql_where=_current),
)

plantings = sa.Table(
    "plantings",
    metadata,
    sa.Column("vid", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("plot_id", sa.String(TEXT_LIMITS["plot_id"]), nullable=False),
    sa.Column("date", sa.Date, nullable=False),
    sa.Column("species", sa.String(TEXT_LIMITS["species"]), nullable=False),
    sa.Column("planted", sa.BigInteger, nullable=False),
    sa.Column("surviving", sa.BigInteger),
    sa.Column("survey_date", sa.Date),
    sa.Column("created_batch", sa.Integer, sa.ForeignKey("batches.id"), nullable=False),
    sa.Column("superseded_batch", sa.Integer, sa.ForeignKey("batches.id")),
    # geo.columns.OPERATIONS: a planting, a gap-filling (its seedlings are ``planted``) or a sowing (``area_ha``).
    sa.Column("operation", sa.String(16), nullable=False, server_default=PLANTING),
    sa.Column("area_ha", sa.Float),
    sa.Index(
        "ux_plantings_current",
        *RECORD_KEY,
        unique=True,
        sqlite_where=_current,
        postgresql_where=_current,
    ),
    sa.Index("ix_plantings_created", "created_batch"),
    sa.Index("ix_plantings_superseded", "superseded_batch", sqlite_where=_replaced, postgresql_where=_replaced),
)

# Every survey (inventory) of a planting, versioned like the plantings: one row per planting record key and
# survey date, the sample plots of that count summed. ``counted`` NULL is a full count (the whole planting); the
# ``surviving``/``survey_date`` of a plantings file are stored here too, as such a full count.
surveys = sa.Table(
    "surveys",
    metadata,
    sa.Column("vid", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("plot_id", sa.String(TEXT_LIMITS["plot_id"]), nullable=False),
    sa.Column("date", sa.Date, nullable=False),
    sa.Column("species", sa.String(TEXT_LIMITS["species"]), nullable=False),
    sa.Column("survey_date", sa.Date),
    sa.Column("alive", sa.BigInteger, nullable=False),
    sa.Column("counted", sa.BigInteger),
    sa.Column("survey", sa.String(TEXT_LIMITS["survey"])),
    sa.Column("created_batch", sa.Integer, sa.ForeignKey("batches.id"), nullable=False),
    sa.Column("superseded_batch", sa.Integer, sa.ForeignKey("batches.id")),
    sa.Index("ix_surveys_current", "plot_id", "date", "species", sqlite_where=_current, postgresql_where=_current),
    sa.Index("ix_surveys_created", "created_batch"),
    sa.Index("ix_surveys_superseded", "superseded_batch", sqlite_where=_replaced, postgresql_where=_replaced),
)

# Aggregates kept in step with the versions inside every import and rollback, so figures are read, not computed.
plot_stats = sa.Table(
    "plot_stats",
    metadata,
    sa.Column("plot_id", sa.String(TEXT_LIMITS["plot_id"]), primary_key=True),
    sa.Column("planted", sa.BigInteger, nullable=False),
    sa.Column("surviving", sa.BigInteger, nullable=False),
    sa.Column("surveyed_planted", sa.BigInteger, nullable=False),
    sa.Column("records", sa.Integer, nullable=False),
    sa.Column("gap_filled", sa.BigInteger, nullable=False, server_default="0"),
    sa.Column("sown_m2", sa.BigInteger, nullable=False, server_default="0"),
)

cube_plantings = sa.Table(
    "cube_plantings",
    metadata,
    sa.Column("region", sa.String(8), primary_key=True),
    sa.Column("partner", sa.String(TEXT_LIMITS["partner"]), primary_key=True),  # '' when the plot names no partner
    sa.Column("species", sa.String(TEXT_LIMITS["species"]), primary_key=True),
    sa.Column("year", sa.Integer, primary_key=True),
    sa.Column("month", sa.Integer, primary_key=True),
    sa.Column("planted", sa.BigInteger, nullable=False),
    sa.Column("surviving", sa.BigInteger, nullable=False),
    sa.Column("surveyed_planted", sa.BigInteger, nullable=False),
    sa.Column("records", sa.Integer, nullable=False),
    sa.Column("gap_filled", sa.BigInteger, nullable=False, server_default="0"),
    sa.Column("sown_m2", sa.BigInteger, nullable=False, server_default="0"),
)

# The latest survey of each current planting that has one (the planting's current survival), with its planted
# count, year and region, so that the estimate reads the surveyed plantings without a look at the history or the
# plots.
latest_surveys = sa.Table(
    "latest_surveys",
    metadata,
    sa.Column("plot_id", sa.String(TEXT_LIMITS["plot_id"]), primary_key=True),
    sa.Column("date", sa.Date, primary_key=True),
    sa.Column("species", sa.String(TEXT_LIMITS["species"]), primary_key=True),
    sa.Column("year", sa.Integer, nullable=False),
    sa.Column("planted", sa.BigInteger, nullable=False),
    sa.Column("survey_date", sa.Date),
    sa.Column("alive", sa.BigInteger, nullable=False),
    sa.Column("counted", sa.BigInteger, nullable=False),  # the whole planting (planted) for a full count
    sa.Column("surviving", sa.BigInteger, nullable=False),  # planted x alive / counted, rounded
    sa.Column("survey", sa.String(TEXT_LIMITS["survey"])),
    sa.Column("region", sa.String(8)),  # of the planting's plot (current version), kept when the plot moves
    # The date of the act that wrote the planting off (geo.writeoffs), NULL for a survey: a written-off planting's
    # row here is that act, zero alive of the whole planting, known for certain rather than sampled.
    sa.Column("written_off", sa.Date),
    # The estimate reads every row in this order (its sums then the same whatever the history): a covering scan.
    sa.Index("ix_latest_surveys_estimate", "region", "year", "planted", "alive", "counted"),
)

# Write-off acts (списание / есептен шығару), versioned like the plantings: one row per plot and act, or per plot,
# act and planting when the act names one (``species`` and ``planting_date``; both NULL: every planting of the plot
# dated on or before the act). Which plantings they write off is kept in ``latest_surveys.written_off``.
writeoffs = sa.Table(
    "writeoffs",
    metadata,
    sa.Column("vid", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("plot_id", sa.String(TEXT_LIMITS["plot_id"]), nullable=False),
    sa.Column("act", sa.String(TEXT_LIMITS["act"]), nullable=False),
    sa.Column("species", sa.String(TEXT_LIMITS["species"])),
    sa.Column("planting_date", sa.Date),
    sa.Column("date", sa.Date, nullable=False),
    sa.Column("reason", sa.String(16), nullable=False),
    sa.Column("created_batch", sa.Integer, sa.ForeignKey("batches.id"), nullable=False),
    sa.Column("superseded_batch", sa.Integer, sa.ForeignKey("batches.id")),
    sa.Index("ix_writeoffs_current", "plot_id", sqlite_where=_current, postgresql_where=_current),
    sa.Index("ix_writeoffs_created", "created_batch"),
    sa.Index("ix_writeoffs_superseded", "superseded_batch", sqlite_where=_replaced, postgresql_where=_replaced),
)

cube_plots = sa.Table(
    "cube_plots",
    metadata,
    sa.Column("region", sa.String(8), primary_key=True),
    sa.Column("partner", sa.String(TEXT_LIMITS["partner"]), primary_key=True),
    sa.Column("plots", sa.Integer, nullable=False),
    sa.Column("area_ha", sa.Float, nullable=False),
    sa.Column("sum_lon", sa.Float, nullable=False),
    sa.Column("sum_lat", sa.Float, nullable=False),
)

# "Batch X found records of batch Y unchanged": Y cannot be rolled back while X is active, or X's file would no
# longer be fully in the store.
batch_confirms = sa.Table(
    "batch_confirms",
    metadata,
    sa.Column("batch_id", sa.Integer, sa.ForeignKey("batches.id"), primary_key=True),
    sa.Column("confirmed_batch", sa.Integer, sa.ForeignKey("batches.id"), primary_key=True),
    sa.Column("records", sa.Integer, nullable=False),
    sa.Index("ix_batch_confirms_confirmed", "confirmed_batch"),
)

users = sa.Table(
    "users",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(TEXT_LIMITS["user"]), nullable=False, unique=True),
    sa.Column("role", sa.String(32), nullable=False),
    sa.Column("password_hash", sa.String(500), nullable=False),
    sa.Column("email", sa.String(320)),
    sa.Column("disabled", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

# Failed sign-ins per name, kept apart from ``users`` so that names nobody has are throttled alike (a lock must not
# tell which names exist); shared by every process on the store.
login_attempts = sa.Table(
    "login_attempts",
    metadata,
    sa.Column("name", sa.String(TEXT_LIMITS["user"]), primary_key=True),
    sa.Column("failures", sa.Integer, nullable=False),
    sa.Column("lockouts", sa.Integer, nullable=False),
    sa.Column("locked_until", sa.DateTime(timezone=True)),
    sa.Column("last_failure_at", sa.DateTime(timezone=True)),
    sa.Column("last_login_at", sa.DateTime(timezone=True)),
    sa.Index("ix_login_attempts_last_failure", "last_failure_at"),
)


# The audit trail (geo.audit): one entry per action, each chained to the one before it by ``prev_hash``. Ids are
# given by geo.audit (the last id + 1, under its lock), so a removed entry leaves a gap.
audit = sa.Table(
    "audit",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("actor", sa.String(TEXT_LIMITS["user"]), nullable=False),
    sa.Column("action", sa.String(32), nullable=False),
    sa.Column("subject", sa.Text),
    sa.Column("details", sa.Text, nullable=False),
    sa.Column("prev_hash", sa.String(64), nullable=False),
    sa.Column("hash", sa.String(64), nullable=False),
    sa.Index("ix_audit_at", "at"),
    sa.Index("ix_audit_actor", "actor"),
    sa.Index("ix_audit_action", "action"),
)


def is_sqlite(conn: Connection | Engine) -> bool:
    return conn.dialect.name == "sqlite"


def database_url(url: str | None = None) -> str:
    """The URL to use: the argument, else ``ORMAN_DB_URL``, else the embedded SQLite file."""
    return url or os.environ.get(DB_URL_ENV) or f"sqlite:///{DEFAULT_SQLITE_PATH}"


def _sqlite_events(engine: Engine) -> None:
    @sa.event.listens_for(engine, "connect")
    def _connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        dbapi_conn.isolation_level = None  # SQLAlchemy's begin event below issues BEGIN itself
        dbapi_conn.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        _use_wal(dbapi_conn)
        for pragma in ("foreign_keys=ON", "synchronous=NORMAL", "temp_store=MEMORY", "cache_size=-65536"):
            dbapi_conn.execute(f"PRAGMA {pragma}")

    @sa.event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        # A writer takes the lock up front: a deferred transaction that later upgrades fails at once when busy.
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("orman_write") else "BEGIN")


def _use_wal(dbapi_conn: sqlite3.Connection) -> None:
    """Put the file in WAL mode. Connections opening a new file together each hold the read lock the others need
    to switch it, and SQLite refuses such a deadlock at once instead of waiting: try again until the busy timeout."""
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            dbapi_conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if not getattr(exc, "sqlite_errorname", "").startswith(SQLITE_RETRY) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def create_engine(url: str | None = None) -> Engine:
    """A new engine for ``url`` (see :func:`database_url`), its schema brought up to date. Raises
    :class:`StoreError` when the URL names no store Orman can open or the store cannot be reached or migrated."""
    url = database_url(url)
    engine = _open(url)
    try:
        with store_failures():
            upgrade(engine)
    except BaseException:
        engine.dispose()
        raise
    return engine


def open_existing(url: str | None = None) -> tuple[Engine | None, bool]:
    """(engine, reachable): an engine for a store that exists with the current schema, created and migrated by
    nothing here, as ``check`` reads it. (None, True) when there is no store yet (no file, or a database without
    Orman's schema); (None, False) when the store cannot be read (no server, a file that cannot be opened, an
    older or newer schema)."""
    try:
        engine, parsed = _engine_for(database_url(url), connect_args={"connect_timeout": 5})
    except StoreError:
        return None, False
    if parsed.get_backend_name() == "sqlite" and (
        not parsed.database or parsed.database == ":memory:" or not Path(parsed.database).is_file()
    ):
        engine.dispose()
        return None, True
    try:
        with engine.connect() as conn:
            revision = current_revision(conn)
    except sa.exc.SQLAlchemyError:
        engine.dispose()
        return None, False
    if revision == head_revision():
        return engine, True
    engine.dispose()
    return None, revision is None


def _engine_for(url: str, **pg_options: Any) -> tuple[Engine, sa.URL]:
    """An engine for ``url``, not yet connected, and the parsed URL; a URL of an unknown scheme or driver is a
    :class:`StoreError`."""
    try:
        parsed = sa.make_url(url)
        if parsed.get_backend_name() != "sqlite":
            return sa.create_engine(parsed, pool_pre_ping=True, **pg_options), parsed
        engine = sa.create_engine(parsed)
    except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError, ImportError) as exc:
        raise StoreError("store_url_invalid") from exc
    _sqlite_events(engine)
    return engine, parsed


def _open(url: str) -> Engine:
    """An engine for ``url`` (see :func:`_engine_for`), with the folder of an SQLite file made."""
    engine, parsed = _engine_for(url)
    database = parsed.database
    if parsed.get_backend_name() == "sqlite" and database and database != ":memory:" and not parsed.query.get("uri"):
        try:  # a file: URI names an existing file
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError("store_unreachable") from exc
    return engine


def store_error(exc: BaseException) -> StoreError | None:
    """What a driver's error says about the store, as a :class:`StoreError`; None for any other error (a bug such
    as a missing table, a constraint, bad data), which callers let through."""
    if isinstance(exc, StoreError):
        return exc
    orig = exc.orig if isinstance(exc, sa.exc.DBAPIError) else exc
    if isinstance(orig, sqlite3.Error):
        name = getattr(orig, "sqlite_errorname", "")
        code = next((c for prefix, c in SQLITE_FAILURES.items() if name.startswith(prefix)), None)
        return StoreError(code) if code is not None else None
    if isinstance(orig, psycopg.Error):
        state = orig.sqlstate or ""
        if not state:  # no answer from a server at all
            return StoreError("store_unreachable") if isinstance(orig, psycopg.OperationalError) else None
        code = next((c for prefix, c in PG_FAILURES.items() if state.startswith(prefix)), None)
        return StoreError(code) if code is not None else None
    if isinstance(orig, OSError) and orig.errno in DISK_FULL:  # a file the store's work writes (the demo's uploads)
        return StoreError("store_full")
    return None


@contextmanager
def store_failures() -> Iterator[None]:
    """Turn a failure of the store itself (see :func:`store_error`) into a :class:`StoreError`, chained to it."""
    try:
        yield
    except StoreError:
        raise
    except Exception as exc:
        failure = store_error(exc)
        if failure is None:
            raise
        raise failure from exc


_engines: dict[str, Engine] = {}
_engines_lock = threading.Lock()


def get_engine(url: str | None = None) -> Engine:
    """The process-wide engine for ``url`` (see :func:`database_url`), created and migrated on first use."""
    url = database_url(url)
    with _engines_lock:
        if url not in _engines:
            _engines[url] = create_engine(url)
        return _engines[url]


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """A transaction that holds the store's single writer lock until it commits or rolls back.

    Writers are serialised so that comparing an upload with the current state and writing the difference happen
    against the same state: SQLite takes its write lock at BEGIN, PostgreSQL a transaction-level advisory lock.
    """
    with _writing(engine) as conn:
        if not is_sqlite(conn):
            conn.execute(sa.select(sa.func.pg_advisory_xact_lock(PG_WRITE_LOCK)))
        yield conn


@contextmanager
def row_transaction(engine: Engine) -> Iterator[Connection]:
    """A short write transaction that does not wait for the store's writer lock on PostgreSQL: the caller locks the
    rows it changes (``SELECT … FOR UPDATE``). SQLite has one writer anyway and takes its lock at BEGIN IMMEDIATE."""
    with _writing(engine) as conn:
        yield conn


@contextmanager
def _writing(engine: Engine) -> Iterator[Connection]:
    """A write transaction; what :func:`after_commit` was given runs once it has committed."""
    with store_failures(), engine.connect() as conn:
        conn.execution_options(orman_write=True)
        conn.info[AFTER_COMMIT] = []
        try:
            with conn.begin():
                yield conn
            hooks = conn.info.get(AFTER_COMMIT, [])
        finally:
            conn.info.pop(AFTER_COMMIT, None)  # the DBAPI connection goes back to the pool with its info
    for hook in hooks:
        hook()


def after_commit(conn: Connection, hook: Callable[[], None]) -> None:
    """Run ``hook`` once the write transaction ``conn`` is in has committed; never if it rolls back."""
    assert AFTER_COMMIT in conn.info, "called inside write_transaction or row_transaction"
    conn.info[AFTER_COMMIT].append(hook)


def undo(conn: Connection) -> None:
    """Roll back the transaction ``conn`` is in: a preview, a dry run, or a writer that found its work done."""
    transaction = conn.get_transaction()
    assert transaction is not None, "called inside write_transaction"
    transaction.rollback()
    conn.info[AFTER_COMMIT] = []  # what was to follow its commit does not happen


def _alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str | None:
    return ScriptDirectory.from_config(_alembic_config()).get_current_head()


def current_revision(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine) -> None:
    """Apply the Alembic migrations up to head, once, even when several processes start together."""
    head = head_revision()
    with engine.connect() as conn:
        if current_revision(conn) == head:
            return
    with write_transaction(engine) as conn:
        if current_revision(conn) == head:
            return
        cfg = _alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def frame(rows: Iterable[Sequence[Any]], columns: list[str], dtype: Any = None) -> pd.DataFrame:
    """Result rows as a DataFrame. The rows are handed to pandas as plain tuples: it probes each SQLAlchemy Row for
    attributes a Row does not have, which on 100 000 rows costs more than the query."""
    return pd.DataFrame(list(map(tuple, rows)), columns=columns, dtype=dtype)


def geom_wkb(column: sa.ColumnElement, conn: Connection) -> sa.ColumnElement:
    """A geometry column as plain WKB bytes on either engine."""
    if is_sqlite(conn):
        return column
    return sa.type_coerce(sa.func.ST_AsBinary(column), sa.LargeBinary)


def bulk_insert(conn: Connection, table: str, columns: list[str], rows: Iterable[tuple]) -> None:
    """Insert many rows fast: one executemany on SQLite, a binary COPY on PostgreSQL.

    Values go as they are (None is NULL, '' is ''). Dates are ISO strings, as SQLAlchemy's Date keeps them in
    SQLite; geometry is WKB on SQLite and EWKB (:func:`ewkb`) on PostgreSQL. On PostgreSQL a psycopg worker thread
    sends the rows while the next ones are made and encoded (``rows`` may be an iterator), so Python and the
    server work side by side.
    """
    names = ", ".join(columns)
    if is_sqlite(conn):
        rows = list(rows)
        if rows:
            marks = ", ".join("?" * len(columns))
            conn.exec_driver_sql(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)  # noqa: S608
        return
    types = _column_types(conn, table, columns)
    dates = [i for i, name in enumerate(types) if name == "date"]
    if dates:
        rows = _with_dates(rows, dates)
    driver = conn.connection.driver_connection
    assert driver is not None, "an open connection has its driver's connection"
    with driver.cursor() as cur:
        copy_sql = f"COPY {table} ({names}) FROM STDIN WITH (FORMAT binary)"
        with cur.copy(copy_sql, writer=QueuedLibpqWriter(cur)) as copy:
            copy.set_types(types)
            for row in rows:
                copy.write_row(row)


def _column_types(conn: Connection, table: str, columns: list[str]) -> list[str]:
    """The PostgreSQL types of ``columns`` of ``table``, as psycopg's binary COPY needs them. A geometry travels
    as EWKB bytes, which PostGIS reads as the column's type."""
    found: dict[str, str] = dict(
        conn.execute(
            sa.text(
                "SELECT attname, format_type(atttypid, NULL) FROM pg_attribute WHERE attrelid = to_regclass(:table) "
                "AND attnum > 0 AND NOT attisdropped"
            ),
            {"table": table},
        ).all()
    )
    return ["bytea" if found[c] == "geometry" else found[c] for c in columns]


def _with_dates(rows: Iterable[tuple], positions: list[int]) -> list[tuple]:
    """``rows`` with the ISO date strings at ``positions`` as dates; each distinct date is parsed once."""
    columns: list[Sequence[Any]] = list(zip(*rows, strict=True))
    if not columns:  # no rows
        return []
    parsed: dict[str | None, date | None] = {None: None}
    for i in positions:
        for text in set(columns[i]) - parsed.keys():
            parsed[text] = date.fromisoformat(text)
        columns[i] = [parsed[text] for text in columns[i]]
    return list(zip(*columns, strict=True))


def ewkb(wkb: Sequence[bytes], srid: int = 4326) -> list[bytes]:
    """PostGIS EWKB of little-endian ISO WKB geometries (2D), tagged with ``srid``: the SRID flag on the type word
    and the SRID after it. shapely.set_srid would copy every geometry to say the same."""
    return [b"\x01" + struct.pack("<II", int.from_bytes(w[1:5], "little") | EWKB_SRID_FLAG, srid) + w[5:] for w in wkb]


def temp_table(conn: Connection, name: str, columns: str, rows: list[tuple]) -> None:
    """A temporary table ``name`` (column DDL ``columns``) filled with ``rows``: replaced if it exists, and gone
    when the transaction ends on PostgreSQL."""
    if is_sqlite(conn):
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS temp.{name}")
        conn.exec_driver_sql(f"CREATE TEMP TABLE {name} ({columns})")
    else:
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS pg_temp.{name}")
        conn.exec_driver_sql(f"CREATE TEMP TABLE {name} ({columns}) ON COMMIT DROP")
    bulk_insert(conn, name, [c.split()[0] for c in columns.split(",")], rows)
    if not is_sqlite(conn):
        conn.exec_driver_sql(f"ANALYZE {name}")
