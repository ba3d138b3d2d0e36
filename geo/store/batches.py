"""Batches: what an import did (ImportResult), one committed upload as history shows it (Batch), the batch rows
themselves, history and the store's version."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from geo import audit, db
from geo.i18n import fmt_int, t
from geo.queries import connect
from geo.report import Report


@dataclass
class ImportResult:
    """What an import (or its preview) did. ``batch`` is the new batch, or the one that already has these bytes."""

    report: Report
    batch: int | None = None
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    already: bool = False
    committed: bool = False
    before: dict[str, Any] | None = None  # preview only: summary figures before and after the upload
    after: dict[str, Any] | None = None
    status: str = db.APPROVED  # of the batch: submitted when sign-off kept it for approval

    @property
    def submitted(self) -> bool:
        """Committed as a submitted batch: kept, applied only once approved."""
        return self.committed and self.status == db.SUBMITTED

    @property
    def kind(self) -> str:
        return self.report.kind

    def to_json(self, lang: str = "en") -> dict[str, Any]:
        """The contract's ``import --json`` object, with the counts added."""
        return self.report.to_json(
            lang,
            batch=self.batch,
            new=self.new,
            updated=self.updated,
            unchanged=self.unchanged,
            skipped=self.skipped,
            already=self.already,
            status=self.status if self.batch is not None else None,
        )


@dataclass
class Batch:
    """One committed upload as history shows it."""

    id: int
    kind: str
    filename: str
    sha256: str
    user: str | None
    created_at: datetime
    rows: int
    new: int
    updated: int
    unchanged: int
    skipped: int
    report: Report
    rolled_back_at: datetime | None = None
    rolled_back_by: str | None = None
    status: str = db.APPROVED
    decided_by: str | None = None  # who approved or rejected it (sign-off)
    decided_at: datetime | None = None
    reason: str | None = None  # why it was rejected

    @property
    def active(self) -> bool:
        """In force: approved and not rolled back."""
        return self.status == db.APPROVED

    def counts_text(self, lang: str) -> str:
        """Rows (in the plural form their number takes), new, updated, unchanged and skipped records, as one
        sentence in ``lang``."""
        return t(
            "batch_counts",
            lang,
            rows=t("count_rows", lang, count=self.rows),
            new=fmt_int(self.new, lang),
            updated=fmt_int(self.updated, lang),
            unchanged=fmt_int(self.unchanged, lang),
            skipped=fmt_int(self.skipped, lang),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "batch": self.id,
            "kind": self.kind,
            "filename": self.filename,
            "sha256": self.sha256,
            "user": self.user,
            "created_at": self.created_at.isoformat(),
            "rows": self.rows,
            "new": self.new,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
            "errors": len(self.report.errors),
            "warnings": len(self.report.warnings),
            "rolled_back_at": self.rolled_back_at.isoformat() if self.rolled_back_at else None,
            "rolled_back_by": self.rolled_back_by,
            "status": self.status,
            "decided_by": self.decided_by,
            "decided_at": self.decided_at.isoformat() if self.decided_at else None,
            "reason": self.reason,
        }


class _Rejected(Exception):
    """Raised inside a write transaction to undo it; the result says why."""


# The figures a submitted batch would add, as its submission found them (geo.progress.summary's keys).
PENDING_FIGURES = ("planted", "surviving", "plots", "area_ha")


class NotSubmitted(Exception):
    """The batch to approve is no longer submitted (someone decided on it meanwhile); ``status`` is what it is."""

    def __init__(self, status: str) -> None:
        super().__init__(status)
        self.status = status


@dataclass(frozen=True)
class Approval:
    """An import that applies submitted batch ``batch_id`` instead of adding a batch, approved by ``user``."""

    batch_id: int
    user: str | None

    def claim(self, conn: Connection) -> int:
        """The batch's id once it is known to be still submitted (inside the writer's lock)."""
        b = db.batches.c
        status = conn.execute(sa.select(b.status).where(b.id == self.batch_id)).scalar_one()
        if status != db.SUBMITTED:
            raise NotSubmitted(status)
        return self.batch_id

    def seal(self, conn: Connection) -> None:
        """Mark the batch approved, by whom and when; its kept upload is no longer needed."""
        _decide(conn, self.batch_id, db.APPROVED, self.user)


def _decide(conn: Connection, batch_id: int, status: str, user: str | None, reason: str | None = None) -> None:
    conn.execute(
        sa.update(db.batches)
        .where(db.batches.c.id == batch_id)
        .values(status=status, decided_by=user, decided_at=datetime.now(UTC), reason=reason)
    )
    conn.execute(sa.delete(db.staged_uploads).where(db.staged_uploads.c.batch_id == batch_id))


def _facts(result: ImportResult, filename: str) -> dict[str, object]:
    """What the audit trail keeps of a committed upload."""
    counts = {"new": result.new, "updated": result.updated, "unchanged": result.unchanged, "skipped": result.skipped}
    return {"kind": result.kind, "file": filename, "rows": result.report.rows, **counts}


def _stage(
    engine: Engine, data: bytes | Path, filename: str, user: str | None, options: dict[str, Any], trial: ImportResult
) -> ImportResult:
    """Keep an upload as a submitted batch: its trial's counts and report, the bytes and options to apply it with,
    and the figures it would add. The same bytes already live return that batch, as an import does."""
    digest = sha256(data)
    data = data.read_bytes() if isinstance(data, Path) else data  # kept whole, to be applied at approval
    before, after = trial.before or {}, trial.after or {}
    pending = {name: after[name] - before[name] for name in PENDING_FIGURES}
    with db.write_transaction(engine) as conn:
        existing = _active_batch_with(conn, digest)
        if existing is not None:
            return existing
        batch_id = _insert_batch(conn, trial.report, filename, digest, user, status=db.SUBMITTED)
        _finish_batch(conn, batch_id, trial)
        audit.record(conn, user or audit.OPERATOR, "submit", subject=batch_id, details=_facts(trial, filename))
        conn.execute(
            sa.insert(db.staged_uploads).values(batch_id=batch_id, data=data, options=options, pending=pending)
        )
    trial.batch, trial.committed, trial.status = batch_id, True, db.SUBMITTED
    return trial


def sha256(data: bytes | Path) -> str:
    """The upload's digest; a path's file is hashed as it is read, never held whole."""
    if isinstance(data, Path):
        with data.open("rb") as file:
            return hashlib.file_digest(file, "sha256").hexdigest()
    return hashlib.sha256(data).hexdigest()


def _acceptable(report: Report, skip_invalid: bool) -> bool:
    return report.unreadable is None and (report.ok or skip_invalid)


def _active_batch_with(conn: Connection, digest: str) -> ImportResult | None:
    b = db.batches.c
    row = (
        conn.execute(sa.select(db.batches).where(b.sha256 == digest, b.status.in_(db.LIVE_STATUSES))).mappings().first()
    )
    if row is None:
        return None
    batch = _batch(row)
    return ImportResult(
        batch.report,
        batch=batch.id,
        new=0,
        updated=0,
        unchanged=batch.new + batch.updated + batch.unchanged,
        skipped=batch.skipped,
        already=True,
        status=batch.status,
    )


def _insert_batch(
    conn: Connection, report: Report, filename: str, digest: str, user: str | None, status: str = db.APPROVED
) -> int:
    """A new batch row numbered after the last one. Writers hold the store's lock, so numbers are unique, and
    unlike a sequence they leave no gaps when a preview or a rejected upload is undone."""
    next_id = conn.execute(sa.select(sa.func.coalesce(sa.func.max(db.batches.c.id), 0) + 1)).scalar_one()
    values = {
        "id": next_id,
        "kind": report.kind,
        "filename": filename,
        "sha256": digest,
        "created_by": user,
        "created_at": datetime.now(UTC),
        "row_count": report.rows,
        "n_new": 0,
        "n_updated": 0,
        "n_unchanged": 0,
        "n_skipped": 0,
        "report": {},
        "status": status,
    }
    return conn.execute(sa.insert(db.batches).values(values).returning(db.batches.c.id)).scalar_one()


def _finish_batch(conn: Connection, batch_id: int, result: ImportResult) -> None:
    conn.execute(
        sa.update(db.batches)
        .where(db.batches.c.id == batch_id)
        .values(
            n_new=result.new,
            n_updated=result.updated,
            n_unchanged=result.unchanged,
            n_skipped=result.skipped,
            report=result.report.to_dict(),
        )
    )


def _aware(value: datetime) -> datetime:
    """Timestamps are written in UTC; SQLite hands them back without the zone."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _batch(row: Any) -> Batch:
    return Batch(
        id=row["id"],
        kind=row["kind"],
        filename=row["filename"],
        sha256=row["sha256"],
        user=row["created_by"],
        created_at=_aware(row["created_at"]),
        rows=row["row_count"],
        new=row["n_new"],
        updated=row["n_updated"],
        unchanged=row["n_unchanged"],
        skipped=row["n_skipped"],
        report=Report.from_dict(row["report"] or {"kind": row["kind"]}),
        rolled_back_at=_aware(row["rolled_back_at"]) if row["rolled_back_at"] else None,
        rolled_back_by=row["rolled_back_by"],
        status=row["status"],
        decided_by=row["decided_by"],
        decided_at=_aware(row["decided_at"]) if row["decided_at"] else None,
        reason=row["reason"],
    )


def history(engine: Engine, limit: int | None = None) -> list[Batch]:
    """Committed batches, newest first, rolled-back ones included (marked) for traceability."""
    query = sa.select(db.batches).order_by(db.batches.c.id.desc()).limit(limit)
    with engine.connect() as conn:
        return [_batch(row) for row in conn.execute(query).mappings()]


def get_batch(engine: Engine, batch_id: int) -> Batch | None:
    with engine.connect() as conn:
        row = conn.execute(sa.select(db.batches).where(db.batches.c.id == batch_id)).mappings().first()
    return _batch(row) if row is not None else None


def version(bind: Engine | Connection) -> str:
    """What the figures depend on, as a short text that changes whenever they may: the number of batches, the last
    one's id, how many were rolled back and how many approved. An import adds a batch, an approval or a rollback
    marks one, each in the same transaction as the rows it writes, so equal versions mean equal figures (caches
    and ETags are keyed by it)."""
    b = db.batches.c
    approved = sa.func.coalesce(sa.func.sum(sa.case((b.status == db.APPROVED, 1), else_=0)), 0)
    query = sa.select(
        sa.func.count(), sa.func.coalesce(sa.func.max(b.id), 0), sa.func.count(b.rolled_back_at), approved
    )
    with connect(bind) as conn:
        batches, last, rolled_back, approved_count = conn.execute(query).one()
    return f"{batches}.{last}.{rolled_back}.{approved_count}"
