"""Import, preview and check: an upload validated and written as one all-or-nothing batch, or written and undone."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy.engine import Engine

from geo import audit, db, settings
from geo.progress import summary
from geo.readers import gc_paused
from geo.store.batches import (
    Approval,
    ImportResult,
    _acceptable,
    _active_batch_with,
    _facts,
    _finish_batch,
    _insert_batch,
    _Rejected,
    _stage,
    sha256,
)
from geo.store.plantings import _import_plantings, _import_surveys
from geo.store.plots import _import_plots
from geo.store.writeoffs import _import_writeoffs


def import_file(
    engine: Engine,
    data: bytes | Path,
    filename: str,
    kind: str | None = None,
    user: str | None = None,
    skip_invalid: bool = False,
    sheet: str | None = None,
    today: date | None = None,
    layer: str | None = None,
) -> ImportResult:
    """Validate ``data`` and commit it as one batch, all or nothing.

    The same bytes as an active batch change nothing and return that batch (``already``). Any error rejects the
    whole file unless ``skip_invalid``, which imports the valid rows and records the skipped ones in the report.
    With sign-off on (geo.settings) the batch is only submitted: its upload is kept, nothing is applied, and the
    counts are what it would do now; :func:`geo.store.signoff.approve` applies it. ``data`` may be the file's path
    (the CLI's): its bytes are then read where they are parsed and let go, not held while the upload is written.
    """
    if settings.sign_off(engine):
        trial = _run(engine, data, filename, kind, user, skip_invalid, sheet, today, layer, commit=False)
        if trial.after is None:  # rejected, or already there: as an import would say
            return trial
        options = {"kind": trial.kind, "sheet": sheet, "layer": layer, "skip_invalid": skip_invalid}
        return _stage(engine, data, filename, user, options, trial)
    return _run(engine, data, filename, kind, user, skip_invalid, sheet, today, layer, commit=True)


def preview(
    engine: Engine,
    data: bytes | Path,
    filename: str,
    kind: str | None = None,
    user: str | None = None,
    skip_invalid: bool = False,
    sheet: str | None = None,
    today: date | None = None,
    layer: str | None = None,
) -> ImportResult:
    """Everything :func:`import_file` does except keeping it: counts, warnings, and figures before and after."""
    return _run(engine, data, filename, kind, user, skip_invalid, sheet, today, layer, commit=False)


def check(
    engine: Engine,
    data: bytes | Path,
    filename: str,
    kind: str | None = None,
    sheet: str | None = None,
    today: date | None = None,
    layer: str | None = None,
) -> ImportResult:
    """What :func:`import_file` would report for ``data``, against this store: the same errors and warnings at the
    same rows (``unknown_plot``, overlaps with stored plots) and rule 7's counts. The import runs in a transaction
    that is rolled back, so nothing is written and the writer's lock is held only while it runs."""
    return _run(engine, data, filename, kind, None, False, sheet, today, layer, commit=False, figures=False)


@gc_paused()  # an import makes hundreds of thousands of short-lived rows, none of them in a cycle
def _run(
    engine: Engine,
    data: bytes | Path,
    filename: str,
    kind: str | None,
    user: str | None,
    skip_invalid: bool,
    sheet: str | None,
    today: date | None,
    layer: str | None,
    commit: bool,
    figures: bool = True,
    approval: Approval | None = None,
) -> ImportResult:
    """Validate and write ``data`` as a new batch, or (``approval``) into the submitted batch it names."""
    from geo.validate import paired_rows, validate_file  # noqa: PLC0415 - validation imports heavy libraries

    digest = sha256(data)
    with engine.connect() as conn:
        existing = None if approval else _active_batch_with(conn, digest)
    if existing is not None:
        return existing
    validated = validate_file(data, filename, kind=kind, sheet=sheet, today=today, layer=layer)
    report = validated.report
    result = ImportResult(report)
    if not _acceptable(report, skip_invalid):
        return result
    records = getattr(validated, report.kind)  # Validated holds each kind's records under the kind's name
    paired = paired_rows(report)  # the first rows of conflicting pairs: skipped with the rows that conflict
    if paired and records is not None:
        records = records[~records["row"].isin(paired).to_numpy()].reset_index(drop=True)
    try:
        with db.write_transaction(engine) as conn:
            existing = None if approval else _active_batch_with(conn, digest)
            if existing is not None:
                db.undo(conn)
                return existing
            if not commit and figures:
                result.before = summary(conn)
            batch_id = approval.claim(conn) if approval else _insert_batch(conn, report, filename, digest, user)
            writers = {
                "plots": _import_plots,
                "plantings": _import_plantings,
                "surveys": _import_surveys,
                "writeoffs": _import_writeoffs,
            }
            writers[report.kind](conn, batch_id, records, result)
            if not _acceptable(report, skip_invalid) or result.new + result.updated + result.unchanged == 0:
                raise _Rejected
            result.skipped = len({p.row for p in report.errors if p.row is not None} | paired)
            report.sort()
            _finish_batch(conn, batch_id, result)
            if approval:
                approval.seal(conn)
            if commit:
                result.batch, result.committed = batch_id, True
                action, actor = ("approve", approval.user) if approval else ("import", user)
                audit.record(conn, actor or audit.OPERATOR, action, subject=batch_id, details=_facts(result, filename))
            else:
                result.after = summary(conn) if figures else None
                db.undo(conn)
    except _Rejected:
        result.new = result.updated = result.unchanged = 0
    return result
