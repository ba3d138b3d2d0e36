"""Sign-off: submitted batches wait, a supervisor approves (the upload is applied then) or rejects them.

A submitted batch is only staged: its upload is kept (``staged_uploads``) and none of its records is written, so no
figure, map or export can count it. Approval validates the upload again against the store as it is at that moment
(another batch may have been approved since) and applies it in one transaction exactly as an import would, into
the submitted batch's own number: new, updated and unchanged are those of that moment, and a rollback undoes it as
any batch. Rejection keeps the batch's row (with who, when and why) and drops the upload. Who may decide is
geo.auth's concern (geo.actions checks it): this module only moves a batch from one status to the next.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from geo import audit, db
from geo.columns import TEXT_LIMITS
from geo.i18n import fmt_int, message, t
from geo.queries import connect
from geo.report import Problem
from geo.store.batches import PENDING_FIGURES, Approval, Batch, ImportResult, NotSubmitted, _batch, _decide
from geo.store.importing import _run


@dataclass
class Decision:
    """An approval or rejection done (``problem`` None) or refused with the reason as a translatable problem.
    ``result`` is what applying the upload did (approval) or why it could not be applied."""

    batch: int
    status: str | None = None  # the batch's status after the decision
    problem: Problem | None = None
    result: ImportResult | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None

    def explain(self, lang: str = "en") -> str:
        """What happened, in ``lang``: approved (with the counts), rejected, or why not."""
        if self.problem is not None:
            return message(self.problem.code, lang, **self.problem.params)
        if self.status == db.REJECTED:
            return t("reject_done", lang, batch=self.batch)
        done = self.result
        new, updated, unchanged = (done.new, done.updated, done.unchanged) if done else (0, 0, 0)
        return t(
            "approve_done",
            lang,
            batch=self.batch,
            new=fmt_int(new, lang),
            updated=fmt_int(updated, lang),
            unchanged=fmt_int(unchanged, lang),
        )


def _refusal(batch: Batch | None, batch_id: int) -> Problem | None:
    """Why ``batch`` cannot be decided on: unknown, or not (any longer) submitted."""
    if batch is None:
        return Problem("unknown_batch", params={"batch": batch_id})
    if batch.status != db.SUBMITTED:
        return Problem("batch_not_submitted", params={"batch": batch_id, "status": batch.status})
    return None


def _staged(engine: Engine, batch_id: int) -> tuple[Batch | None, bytes, dict[str, Any]]:
    b, s = db.batches, db.staged_uploads
    with engine.connect() as conn:
        row = conn.execute(sa.select(b).where(b.c.id == batch_id)).mappings().first()
        staged = conn.execute(sa.select(s.c.data, s.c.options).where(s.c.batch_id == batch_id)).first()
    if row is None:
        return None, b"", {}
    return _batch(row), bytes(staged[0]) if staged else b"", dict(staged[1]) if staged else {}


def _apply(
    engine: Engine,
    batch: Batch,
    data: bytes,
    options: dict[str, Any],
    user: str | None,
    commit: bool,
    today: date | None,
) -> ImportResult:
    return _run(
        engine,
        data,
        batch.filename,
        options["kind"],
        batch.user,
        bool(options.get("skip_invalid")),
        options.get("sheet"),
        today,
        options.get("layer"),
        commit=commit,
        approval=Approval(batch.id, user),
    )


def approve(engine: Engine, batch_id: int, user: str | None = None, today: date | None = None) -> Decision:
    """Apply submitted batch ``batch_id``: validated again against the store now and written as an import would,
    in one transaction; its status becomes approved. Refused (nothing changes) when the batch is unknown or not
    submitted, or when its upload no longer passes validation (``result`` holds that report)."""
    batch, data, options = _staged(engine, batch_id)
    problem = _refusal(batch, batch_id)
    if problem is not None or batch is None:
        return Decision(batch_id, problem=problem)
    try:
        result = _apply(engine, batch, data, options, user, commit=True, today=today)
    except NotSubmitted as decided:  # another supervisor decided on it meanwhile
        return Decision(
            batch_id, problem=Problem("batch_not_submitted", params={"batch": batch_id, "status": decided.status})
        )
    if not result.committed:
        errors = len(result.report.errors) + (result.report.unreadable is not None)
        return Decision(
            batch_id, problem=Problem("approve_invalid", params={"batch": batch_id, "errors": errors}), result=result
        )
    result.status = db.APPROVED
    return Decision(batch_id, status=db.APPROVED, result=result)


def reject(engine: Engine, batch_id: int, user: str | None, reason: str) -> Decision:
    """Mark submitted batch ``batch_id`` rejected, with ``reason`` (required, shown to the officer); it never
    counts, and its bytes may be submitted again."""
    reason = reason.strip()
    if not reason:
        return Decision(batch_id, problem=Problem("reject_needs_reason", params={"batch": batch_id}))
    limit = TEXT_LIMITS["reason"]
    if len(reason) > limit:
        return Decision(batch_id, problem=Problem("reason_too_long", params={"length": len(reason), "limit": limit}))
    b = db.batches.c
    with db.write_transaction(engine) as conn:
        row = conn.execute(sa.select(db.batches).where(b.id == batch_id)).mappings().first()
        problem = _refusal(_batch(row) if row is not None else None, batch_id)
        if problem is not None:
            return Decision(batch_id, problem=problem)
        _decide(conn, batch_id, db.REJECTED, user, reason)
        audit.record(conn, user or audit.OPERATOR, "reject", subject=batch_id, details={"reason": reason})
    return Decision(batch_id, status=db.REJECTED)


def review(engine: Engine, batch_id: int, today: date | None = None) -> ImportResult | None:
    """What approving submitted batch ``batch_id`` would do now (nothing is written): its report against the store
    as it is, new/updated/unchanged, and the figures before and after; None unless the batch is submitted."""
    batch, data, options = _staged(engine, batch_id)
    if batch is None or _refusal(batch, batch_id) is not None:
        return None
    try:
        return _apply(engine, batch, data, options, None, commit=False, today=today)
    except NotSubmitted:
        return None


def staged_upload(engine: Engine, batch_id: int) -> tuple[bytes, dict[str, Any]] | None:
    """The kept upload of submitted batch ``batch_id`` and its import options, or None."""
    batch, data, options = _staged(engine, batch_id)
    return (data, options) if batch is not None and batch.status == db.SUBMITTED and data else None


def submitted(engine: Engine) -> list[Batch]:
    """The batches waiting for a decision, oldest first (the review queue)."""
    b = db.batches
    query = sa.select(b).where(b.c.status == db.SUBMITTED).order_by(b.c.id)
    with engine.connect() as conn:
        return [_batch(row) for row in conn.execute(query).mappings()]


def pending(bind: Engine | sa.Connection) -> dict[str, Any]:
    """The figures the submitted batches would add, summed as their submissions found them, with how many batches
    wait: {"batches": n, "planted": …, "surviving": …, "plots": …, "area_ha": …}."""
    s, b = db.staged_uploads, db.batches
    query = sa.select(s.c.pending).join(b, b.c.id == s.c.batch_id).where(b.c.status == db.SUBMITTED)
    with connect(bind) as conn:
        rows = conn.execute(query).scalars().all()
    totals: dict[str, Any] = {"batches": len(rows)}
    for name in PENDING_FIGURES:
        totals[name] = sum(row.get(name, 0) for row in rows)
    return totals
