"""Write-off acts in the store: rule 7 for them, and what they change in the figures, written and undone.

A write-off record is identified by (plot_id, act, species, planting_date): the same act may write off several
plantings of one plot, one row each, or the whole plot (no species or planting date). The same key with the same
date and reason is *unchanged*; with another date or reason, an *update* (a new version; the old one comes back on
rollback). After each write, the latest survey of every planting on the plots it touched is recomputed
(`_refresh_latest`, which puts an act in place of the surveys of a planting it covers), and the aggregates follow.
"""

from __future__ import annotations

from itertools import repeat

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from geo import db, writeoffs
from geo.columns import PLANTING_KEY
from geo.queries import current_sql, planting_sql
from geo.report import Report
from geo.store.aggregates import _apply_deltas, _current_places
from geo.store.batches import ImportResult
from geo.store.plantings import _refresh_latest
from geo.store.versions import _confirm_batches, _same, _supersede

_BLANK = ""  # a key's missing species or planting date, for comparing keys


def _import_writeoffs(conn: Connection, batch_id: int, records: pd.DataFrame, result: ImportResult) -> None:
    """Check each act against the store (its plot, and its planting when it names one), then write the acts by
    rule 7 and refresh the survival of the plantings on their plots."""
    report = result.report
    incoming = records.reset_index(drop=True)
    plots = incoming["plot_id"].unique().tolist()
    db.temp_table(conn, "_writeoff_plots", "plot_id TEXT", [(p,) for p in plots])
    places = _current_places(conn, "_writeoff_plots")
    unknown = ~incoming["plot_id"].isin(places["plot_id"]).to_numpy()
    for rec in incoming[unknown].itertuples(index=False):
        report.error("unknown_plot", int(rec.row), "plot_id", value=rec.plot_id)
    incoming = incoming[~unknown]
    plantings = _plantings(conn)
    named = incoming["species"].notna().to_numpy()
    found = incoming.merge(
        plantings.rename(columns={"date": "planting_date"}), how="left", on=["plot_id", "species", "planting_date"]
    )["planted"].notna()
    missing = named & ~found.to_numpy()
    for rec in incoming[missing].itertuples(index=False):
        report.error(
            "unknown_planting",
            int(rec.row),
            "planting_date",
            plot_id=rec.plot_id,
            date=rec.planting_date,
            species=rec.species,
        )
    incoming = incoming[~missing].reset_index(drop=True)
    _warn_nothing_planted(report, incoming, plantings)
    if incoming.empty:
        return
    existing = _current(conn)
    key = list(writeoffs.KEY)
    merged = _keyed(incoming).merge(
        _keyed(existing), how="left", on=[f"_{k}" for k in key], suffixes=("", "_old"), validate="m:1"
    )
    present = merged["vid"].notna().to_numpy()
    same = present & _same(merged["date"], merged["date_old"]) & _same(merged["reason"], merged["reason_old"])
    updated = present & ~same
    result.new, result.updated, result.unchanged = int((~present).sum()), int(updated.sum()), int(same.sum())
    _confirm_batches(conn, batch_id, merged.loc[same, "old_batch"])
    changed = merged[~same]
    if changed.empty:
        return
    _supersede(conn, db.writeoffs, merged.loc[updated, "vid"].astype("int64").tolist(), batch_id)
    values = [changed[c].tolist() for c in writeoffs.FIELDS]
    db.bulk_insert(
        conn, "writeoffs", [*writeoffs.FIELDS, "created_batch"], zip(*values, repeat(batch_id), strict=False)
    )
    _apply_deltas(conn, _refresh_latest(conn, _plantings_of(conn, changed["plot_id"].unique().tolist())))


def _undo_writeoffs(conn: Connection, batch_id: int) -> tuple[int, int]:
    """Delete the acts the batch wrote, restore those it replaced, and recompute the survival of the plantings on
    their plots."""
    w = db.writeoffs
    touched = conn.execute(
        sa.select(w.c.plot_id).distinct().where(sa.or_(w.c.created_batch == batch_id, w.c.superseded_batch == batch_id))
    ).scalars()
    plots = list(touched)
    removed = conn.execute(sa.delete(w).where(w.c.created_batch == batch_id)).rowcount
    restored = conn.execute(sa.update(w).where(w.c.superseded_batch == batch_id).values(superseded_batch=None)).rowcount
    _apply_deltas(conn, _refresh_latest(conn, _plantings_of(conn, plots)))
    return removed, restored


def _plantings(conn: Connection) -> pd.DataFrame:
    """plot_id, date (ISO text), species and planted of the current planting records (not gap-fillings or sowings:
    an act writes off plantings) on the plots in ``_writeoff_plots``."""
    rows = conn.exec_driver_sql(
        "SELECT t.plot_id, CAST(t.date AS TEXT), t.species, t.planted FROM plantings t "  # noqa: S608
        f"JOIN _writeoff_plots i ON i.plot_id = t.plot_id WHERE {current_sql('t')} AND {planting_sql('t')}"
    )
    return db.frame(rows, [*PLANTING_KEY, "planted"], dtype=object)


def _plantings_of(conn: Connection, plots: list[str]) -> pd.DataFrame:
    """The keys of the current plantings on ``plots``: those whose write-off may have changed."""
    db.temp_table(conn, "_writeoff_plots", "plot_id TEXT", [(p,) for p in plots])
    return _plantings(conn)[list(PLANTING_KEY)]


def _current(conn: Connection) -> pd.DataFrame:
    """The acts in force on the plots in ``_writeoff_plots``: vid, FIELDS, old_batch."""
    w = ", ".join(f"CAST(w.{c} AS TEXT)" if c in ("date", "planting_date") else f"w.{c}" for c in writeoffs.FIELDS)
    rows = conn.exec_driver_sql(
        f"SELECT w.vid, {w}, w.created_batch FROM writeoffs w JOIN _writeoff_plots i "  # noqa: S608
        f"ON i.plot_id = w.plot_id WHERE {current_sql('w')}"
    )
    return db.frame(rows, ["vid", *writeoffs.FIELDS, "old_batch"], dtype=object)


def _keyed(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its KEY columns copied as ``_name`` with blanks for missing values, to merge keys on."""
    return frame.assign(**{f"_{k}": frame[k].fillna(_BLANK).astype(str) for k in writeoffs.KEY})


def _warn_nothing_planted(report: Report, incoming: pd.DataFrame, plantings: pd.DataFrame) -> None:
    """``writeoff_nothing_planted`` at an act of a whole plot that has no planting dated on or before it."""
    whole = incoming[incoming["species"].isna().to_numpy()]
    if whole.empty:
        return
    earliest = plantings.groupby("plot_id")["date"].min()
    first = whole["plot_id"].map(earliest)
    empty = (first.isna() | (first.fillna("9999") > whole["date"])).to_numpy()
    for rec in whole[empty].itertuples(index=False):
        report.warn("writeoff_nothing_planted", int(rec.row), "date", plot_id=rec.plot_id, value=rec.date)
