"""How versioned records are written: versions superseded by a batch, versions a batch found unchanged (confirmed),
and the small conversions and statistics refreshes every writer shares."""

from __future__ import annotations

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from geo import db

ANALYZE_AFTER_ROWS = 500
CHUNK_ROWS = 50_000  # records of an upload compared with the store and written at a time, in the file's order


def _nullable(column: pd.Series) -> pd.Series:
    """A column as Python objects with None (not NaN) where missing, as the database and comparisons want."""
    return column.astype(object).where(column.notna().to_numpy(), None).reset_index(drop=True)


def _texts(column: pd.Series) -> pd.Series:
    """A text column as Python objects with None where missing, each distinct text one object shared by its rows: a
    national plantings file names a million plots and a few species and operations in 2.5 million rows."""
    codes, distinct = pd.factorize(column)
    return pd.Series(np.asarray([*distinct, None], dtype=object)[codes], dtype=object)


def _iso(values: pd.Series) -> pd.Series:
    """Dates (or None) as ISO text: how SQLAlchemy keeps them in SQLite, and comparable on both engines.
    A season's file has few distinct dates, so each is formatted once."""
    dates = values.tolist()
    text = {d: d.isoformat()[:10] for d in set(dates) if d is not None and d is not pd.NaT}
    return pd.Series([text.get(d) for d in dates], dtype=object)


def _analyze(conn: Connection, table: str, written: int, columns: str = "") -> None:
    """Refresh PostgreSQL's statistics after a bulk write, so the queries that follow in the same transaction
    (and the figures after it) get sensible plans instead of nested loops over rows it believes are not there."""
    if written >= ANALYZE_AFTER_ROWS and not db.is_sqlite(conn):
        conn.exec_driver_sql(f"ANALYZE {table} ({columns})" if columns else f"ANALYZE {table}")


def _same(a: pd.Series, b: pd.Series) -> np.ndarray:
    """Element-wise equality where two missing values are equal."""
    both_missing = (a.isna() & b.isna()).to_numpy(dtype=bool)
    equal = (a.astype(object) == b.astype(object)).to_numpy(dtype=bool)
    return both_missing | (equal & a.notna().to_numpy(dtype=bool))


def _temp(name: str, *columns: str) -> sa.TableClause:
    return sa.table(name, *[sa.column(c) for c in columns])


def _supersede(conn: Connection, table: sa.Table, vids: list[int], batch_id: int) -> None:
    if not vids:
        return
    db.temp_table(conn, "_old_vids", "vid INTEGER", [(v,) for v in vids])
    conn.execute(
        sa.update(table)
        .where(table.c.vid.in_(sa.select(_temp("_old_vids", "vid").c.vid)))
        .values(superseded_batch=batch_id)
    )


def _confirm(conn: Connection, batch_id: int, table: sa.Table, vids: list[int]) -> None:
    """Record which batches created the versions this batch found unchanged."""
    if not vids:
        return
    db.temp_table(conn, "_same_vids", "vid INTEGER", [(v,) for v in vids])
    same = _temp("_same_vids", "vid")
    created_by = conn.execute(sa.select(table.c.created_batch).where(table.c.vid.in_(sa.select(same.c.vid))))
    _confirm_batches(conn, batch_id, pd.Series(created_by.scalars().all(), dtype="int64"))


def _confirm_batches(conn: Connection, batch_id: int, created_by: pd.Series) -> None:
    counts = created_by.astype("int64").value_counts()
    if not counts.empty:  # a plantings file confirms its records and their surveys: add to what is there
        conn.execute(
            sa.text(
                "INSERT INTO batch_confirms (batch_id, confirmed_batch, records) VALUES (:batch_id, :confirmed, "
                ":records) ON CONFLICT (batch_id, confirmed_batch) DO UPDATE SET records = "
                "batch_confirms.records + excluded.records"
            ),
            [{"batch_id": batch_id, "confirmed": int(b), "records": int(n)} for b, n in counts.items()],
        )
