"""Rolling a batch back: delete the versions it created, restore the ones it superseded, refused while another
active batch depends on it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from geo import audit, db
from geo.columns import PLANTING, PLANTING_KEY, RECORD_KEY
from geo.i18n import message, t
from geo.queries import current, current_sql
from geo.report import Problem
from geo.store.aggregates import _apply_deltas, _contributions, _current_places, _move_plantings, _refresh_cube_plots
from geo.store.batches import _aware
from geo.store.plantings import _refresh_latest
from geo.store.writeoffs import _undo_writeoffs


@dataclass
class RollbackResult:
    """A rollback done (``problem`` None) or refused with the reason as a translatable problem."""

    batch: int
    problem: Problem | None = None
    removed: int = 0  # versions the batch created, now deleted
    restored: int = 0  # versions it had superseded, current again

    @property
    def ok(self) -> bool:
        return self.problem is None

    def explain(self, lang: str = "en") -> str:
        """What happened, in ``lang``: done, or why not."""
        if self.problem is None:
            return t("rollback_done", lang, batch=self.batch)
        return message(self.problem.code, lang, **self.problem.params)


def rollback(engine: Engine, batch_id: int, user: str | None = None, dry_run: bool = False) -> RollbackResult:
    """Undo one batch: delete the versions it created and restore the ones it superseded.

    Refused (nothing changes) when the batch is unknown or already rolled back, or when an active batch depends on
    it: one that replaced or re-confirmed its records, or plantings on plots it created. ``dry_run`` says what
    would happen (counts or refusal) and changes nothing.
    """
    with db.write_transaction(engine) as conn:
        row = conn.execute(sa.select(db.batches).where(db.batches.c.id == batch_id)).mappings().first()
        if row is None:
            return RollbackResult(batch_id, Problem("unknown_batch", params={"batch": batch_id}))
        if row["rolled_back_at"] is not None:
            return RollbackResult(
                batch_id,
                Problem(
                    "batch_rolled_back",
                    params={
                        "batch": batch_id,
                        "user": row["rolled_back_by"] or "—",
                        "when": _aware(row["rolled_back_at"]).isoformat(timespec="minutes"),
                    },
                ),
            )
        if row["status"] != db.APPROVED:  # submitted or rejected: none of its records was ever applied
            return RollbackResult(batch_id, Problem("rollback_not_approved", params={"batch": batch_id}))
        problem = _rollback_blocker(conn, batch_id, row["kind"])
        if problem is not None:
            return RollbackResult(batch_id, problem)
        undo = {
            "plots": _undo_plots,
            "plantings": _undo_plantings,
            "surveys": _undo_surveys,
            "writeoffs": _undo_writeoffs,
        }[row["kind"]]
        removed, restored = undo(conn, batch_id)
        conn.execute(sa.delete(db.batch_confirms).where(db.batch_confirms.c.batch_id == batch_id))
        conn.execute(
            sa.update(db.batches)
            .where(db.batches.c.id == batch_id)
            .values(rolled_back_at=datetime.now(UTC), rolled_back_by=user, status=db.ROLLED_BACK)
        )
        if dry_run:
            db.undo(conn)
        else:
            facts = {"kind": row["kind"], "removed": removed, "restored": restored}
            audit.record(conn, user or audit.OPERATOR, "rollback", subject=batch_id, details=facts)
        return RollbackResult(batch_id, removed=removed, restored=restored)


def _undo_versions(conn: Connection, table: sa.Table, batch_id: int) -> tuple[int, int]:
    removed = conn.execute(sa.delete(table).where(table.c.created_batch == batch_id)).rowcount
    restored = conn.execute(
        sa.update(table).where(table.c.superseded_batch == batch_id).values(superseded_batch=None)
    ).rowcount
    return removed, restored


def _undo_plantings(conn: Connection, batch_id: int) -> tuple[int, int]:
    """Delete the planting versions and surveys the batch wrote, restore those it replaced; the survival of each
    planting it touched is the latest survey in force after that."""
    records = db.frame(
        conn.execute(
            sa.text(
                "SELECT t.plot_id, p.region, COALESCE(p.partner, ''), CAST(t.date AS TEXT), t.species, t.operation, "  # noqa: S608
                "t.planted, t.area_ha, NULL, CASE WHEN t.created_batch = :batch THEN -1 ELSE 1 END FROM plantings t "
                f"JOIN plots p ON p.plot_id = t.plot_id AND {current_sql('p')} "
                "WHERE t.created_batch = :batch OR t.superseded_batch = :batch"
            ),
            {"batch": batch_id},
        ),
        ["plot_id", "region", "partner", "date", "species", "operation", "planted", "area_ha", "surviving", "sign"],
        dtype=object,
    )
    planted = records[records["operation"].eq(PLANTING)]  # what surveys are of
    keys = pd.concat([planted[list(PLANTING_KEY)], _surveyed_by(conn, batch_id)], ignore_index=True)
    counts = _undo_versions(conn, db.plantings, batch_id)
    _undo_versions(conn, db.surveys, batch_id)
    parts = _refresh_latest(conn, keys)
    if not records.empty:
        sign = records["sign"].astype(int)
        parts += [_contributions(records[sign == s], s) for s in (-1, 1)]
    _apply_deltas(conn, parts)
    return counts


def _undo_surveys(conn: Connection, batch_id: int) -> tuple[int, int]:
    keys = _surveyed_by(conn, batch_id)
    counts = _undo_versions(conn, db.surveys, batch_id)
    _apply_deltas(conn, _refresh_latest(conn, keys))
    return counts


def _surveyed_by(conn: Connection, batch_id: int) -> pd.DataFrame:
    """The planting keys whose surveys ``batch_id`` created or superseded."""
    rows = conn.execute(
        sa.text(
            "SELECT DISTINCT plot_id, CAST(date AS TEXT), species FROM surveys "
            "WHERE created_batch = :batch OR superseded_batch = :batch"
        ),
        {"batch": batch_id},
    )
    return db.frame(rows, list(PLANTING_KEY), dtype=object)


def _undo_plots(conn: Connection, batch_id: int) -> tuple[int, int]:
    p = db.plots
    touched = (
        conn.execute(
            sa.select(p.c.plot_id)
            .distinct()
            .where(sa.or_(p.c.created_batch == batch_id, p.c.superseded_batch == batch_id))
        )
        .scalars()
        .all()
    )
    db.temp_table(conn, "_touched", "plot_id TEXT", [(plot_id,) for plot_id in touched])
    before = _current_places(conn, "_touched")
    counts = _undo_versions(conn, p, batch_id)
    after = _current_places(conn, "_touched")
    _move_plantings(conn, before, after)
    _refresh_cube_plots(conn, {*before["region"], *after["region"]})
    return counts


def _versions(kind: str) -> list[sa.Table]:
    """The versioned tables a batch of ``kind`` writes (a plantings file writes its surveys too)."""
    return {
        "plots": [db.plots],
        "plantings": [db.plantings, db.surveys],
        "surveys": [db.surveys],
        "writeoffs": [db.writeoffs],
    }[kind]


def _ids(values: Iterable[int]) -> str:
    return ", ".join(str(v) for v in sorted(set(values)))


def _rollback_blocker(conn: Connection, batch_id: int, kind: str) -> Problem | None:
    later = [
        b
        for t in _versions(kind)
        for b in conn.execute(
            sa.select(t.c.superseded_batch)
            .distinct()
            .where(t.c.created_batch == batch_id, t.c.superseded_batch.is_not(None))
        ).scalars()
    ]
    if later:
        return Problem("rollback_replaced", params={"batch": batch_id, "later": _ids(later)})
    confirms = db.batch_confirms
    confirmed = (
        conn.execute(
            sa.select(confirms.c.batch_id)
            .join(db.batches, db.batches.c.id == confirms.c.batch_id)
            .where(confirms.c.confirmed_batch == batch_id, db.batches.c.rolled_back_at.is_(None))
        )
        .scalars()
        .all()
    )
    if confirmed:
        return Problem("rollback_confirmed", params={"batch": batch_id, "later": _ids(confirmed)})
    if kind == "plots":
        p, t, older = db.plots, db.plantings, db.plots.alias("older")
        first_version = ~sa.exists().where(older.c.plot_id == p.c.plot_id, older.c.superseded_batch == batch_id)
        dependent = conn.execute(
            sa.select(t.c.created_batch, sa.func.count(sa.distinct(t.c.plot_id)))
            .select_from(p.join(t, sa.and_(t.c.plot_id == p.c.plot_id, current(t))))
            .where(p.c.created_batch == batch_id, current(p), first_version)
            .group_by(t.c.created_batch)
        ).all()
        if dependent:
            return Problem(
                "rollback_plantings_depend",
                params={
                    "batch": batch_id,
                    "later": _ids(r[0] for r in dependent),
                    "plots": sum(r[1] for r in dependent),
                },
            )
    if kind == "plantings":
        return _surveys_depend(conn, batch_id)
    return None


def _surveys_depend(conn: Connection, batch_id: int) -> Problem | None:
    """Refuse to take away plantings (first versions written by ``batch_id``) that other batches surveyed."""
    t, s, older = db.plantings, db.surveys, db.plantings.alias("older")
    key = [s.c[k] == t.c[k] for k in PLANTING_KEY]
    first_version = ~sa.exists().where(
        *[older.c[k] == t.c[k] for k in RECORD_KEY], older.c.superseded_batch == batch_id
    )
    dependent = conn.execute(
        sa.select(s.c.created_batch, sa.func.count())
        .select_from(t.join(s, sa.and_(*key, current(s))))
        .where(
            t.c.created_batch == batch_id,
            current(t),
            t.c.operation == PLANTING,
            first_version,
            s.c.created_batch != batch_id,
        )
        .group_by(s.c.created_batch)
    ).all()
    if not dependent:
        return None
    return Problem(
        "rollback_surveys_depend",
        params={"batch": batch_id, "later": _ids(r[0] for r in dependent), "surveys": sum(r[1] for r in dependent)},
    )
