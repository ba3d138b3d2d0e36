"""What is done on someone's behalf: uploads, rollbacks, approvals and rejections, settings, demo data and account
changes.

Each action passes the one permission check (:func:`geo.auth.require`) before it does anything, records who did it
in the audit trail (:mod:`geo.audit`; an upload and a rollback inside the store's own transaction), and logs what
it did. The pages call these for the signed-in session; the command line for the server's operator
(:func:`geo.auth.operator`). Passwords are never logged.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine

from geo import audit, auth, demo, settings, store

log = logging.getLogger(__name__)

Who = auth.User | auth.Session | None  # a user, a session, or None for the public


# --- batches -------------------------------------------------------------------------------------------------------


def import_as(engine: Engine, who: Who, data: bytes | Path, filename: str, **options: Any) -> store.ImportResult:
    """:func:`geo.store.import_file` if ``who`` may upload; the batch records them as its author."""
    user = auth.require(who, "upload").name
    result = store.import_file(engine, data, filename, user=user, **options)
    if result.already:
        log.info("import already batch=%s file=%r user=%r", result.batch, filename, user)
    elif result.committed:
        log.info(
            "import batch=%s kind=%s file=%r user=%r rows=%d new=%d updated=%d unchanged=%d skipped=%d",
            result.batch,
            result.kind,
            filename,
            user,
            result.report.rows,
            result.new,
            result.updated,
            result.unchanged,
            result.skipped,
        )
        if result.submitted:
            log.info("import submitted for approval batch=%s user=%r", result.batch, user)
    else:
        log.info(
            "import rejected kind=%s file=%r user=%r rows=%d errors=%d",
            result.kind,
            filename,
            user,
            result.report.rows,
            len(result.report.errors),
        )
    return result


def preview_as(engine: Engine, who: Who, data: bytes, filename: str, **options: Any) -> store.ImportResult:
    """:func:`geo.store.preview` if ``who`` may upload; nothing is written."""
    user = auth.require(who, "upload").name
    return store.preview(engine, data, filename, user=user, **options)


def rollback_as(engine: Engine, who: Who, batch_id: int) -> store.RollbackResult:
    """:func:`geo.store.rollback` if ``who`` may roll this batch back (any batch, or their own); recorded as theirs."""
    batch = store.get_batch(engine, batch_id)
    # An unknown batch needs only the right to roll one's own back; the store then says it is unknown.
    user = auth.require(who, auth.ROLLBACK if batch is not None else "rollback_own", batch).name
    result = store.rollback(engine, batch_id, user=user)
    if result.problem is None:
        log.info("rollback batch=%d user=%r removed=%d restored=%d", batch_id, user, result.removed, result.restored)
    else:
        log.info("rollback refused batch=%d user=%r reason=%s", batch_id, user, result.problem.code)
    return result


def approve_as(engine: Engine, who: Who, batch_id: int) -> store.Decision:
    """:func:`geo.store.approve` if ``who`` may review batches and did not upload this one; recorded as theirs."""
    user = auth.require(who, auth.REVIEW, store.get_batch(engine, batch_id)).name
    decision = store.approve(engine, batch_id, user=user)
    if decision.ok and decision.result is not None:
        done = decision.result
        log.info(
            "approve batch=%d user=%r new=%d updated=%d unchanged=%d",
            batch_id,
            user,
            done.new,
            done.updated,
            done.unchanged,
        )
    else:
        log.info(
            "approve refused batch=%d user=%r reason=%s", batch_id, user, decision.problem and decision.problem.code
        )
    return decision


def reject_as(engine: Engine, who: Who, batch_id: int, reason: str) -> store.Decision:
    """:func:`geo.store.reject` if ``who`` may review batches and did not upload this one; recorded as theirs."""
    user = auth.require(who, auth.REVIEW, store.get_batch(engine, batch_id)).name
    decision = store.reject(engine, batch_id, user, reason)
    code = decision.problem.code if decision.problem else None
    log.info("reject batch=%d user=%r refused=%s", batch_id, user, code)  # the reason is user text: not logged
    return decision


def change_setting_as(engine: Engine, who: Who, name: str, value: str) -> dict[str, str]:
    """:func:`geo.settings.change` if ``who`` may change the store's settings; every setting after it."""
    by = auth.require(who, "settings").name
    values = settings.change(engine, name, value)
    audit.record(engine, by, "settings_changed", details={"setting": name, "value": value})
    log.info("setting changed name=%s value=%s by=%r", name, value, by)
    return values


def load_demo_as(engine: Engine, who: Who, **options: Any) -> list[store.ImportResult]:
    """:func:`geo.demo.load` if ``who`` may load demo data."""
    user = auth.require(who, "load_demo").name
    results = demo.load(engine, **options)
    batches = [r.batch for r in results]
    audit.record(engine, user, "demo", details={"batches": batches})
    log.info("demo loaded batches=%s user=%r", batches, user)
    return results


# --- accounts ------------------------------------------------------------------------------------------------------


def add_user_as(engine: Engine, who: Who, name: str, role: str, password: str, email: str | None = None) -> auth.User:
    """:func:`geo.auth.add_user` if ``who`` may manage users."""
    by = auth.require(who, "manage_users").name
    user = auth.add_user(engine, name, role, password, email=email)
    audit.record(engine, by, "user_added", subject=user.name, details={"role": user.role, "email": user.email})
    log.info("user added name=%r role=%s email=%r by=%r", user.name, user.role, user.email, by)
    return user


def disable_user_as(engine: Engine, who: Who, name: str) -> auth.User:
    """:func:`geo.auth.disable_user` if ``who`` may manage users. The account's open sessions end at their next
    request (:func:`geo.auth.resume_session` reads the account again)."""
    by = auth.require(who, "manage_users").name
    user = auth.disable_user(engine, name)
    audit.record(engine, by, "user_disabled", subject=user.name)
    log.info("user disabled name=%r by=%r", user.name, by)
    return user


def set_password_as(engine: Engine, who: Who, name: str, password: str) -> None:
    """:func:`geo.auth.set_password` if ``who`` may manage users (this also lifts any lock on the account)."""
    by = auth.require(who, "manage_users").name
    auth.set_password(engine, name, password)
    audit.record(engine, by, "password_changed", subject=auth.canonical_name(name))
    log.info("password changed name=%r by=%r", auth.canonical_name(name), by)
