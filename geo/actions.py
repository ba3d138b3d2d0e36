"""What is done on someone's behalf: uploads, rollbacks, demo data and account changes.

Each action passes the one permission check (:func:`geo.auth.require`) before it does anything, and records who did it.
The pages call these for the signed-in session; the command line for the server's operator
(:func:`geo.auth.operator`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.engine import Engine

from geo import auth, demo, store

Who = auth.User | auth.Session | None  # a user, a session, or None for the public


# --- batches -------------------------------------------------------------------------------------------------------


def import_as(engine: Engine, who: Who, data: bytes, filename: str, **options: Any) -> store.ImportResult:
    """:func:`geo.store.import_file` if ``who`` may upload; the batch records them as its author."""
    user = auth.require(who, "upload").name
    result = store.import_file(engine, data, filename, user=user, **options)
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
    return result


def load_demo_as(engine: Engine, who: Who, **options: Any) -> list[store.ImportResult]:
    """:func:`geo.demo.load` if ``who`` may load demo data."""
    auth.require(who, "load_demo")
    results = demo.load(engine, **options)
    return results


# --- accounts ------------------------------------------------------------------------------------------------------


def add_user_as(engine: Engine, who: Who, name: str, role: str, password: str, email: str | None = None) -> auth.User:
    """:func:`geo.auth.add_user` if ``who`` may manage users."""
    auth.require(who, "manage_users")
    user = auth.add_user(engine, name, role, password, email=email)
    return user


def disable_user_as(engine: Engine, who: Who, name: str) -> auth.User:
    """:func:`geo.auth.disable_user` if ``who`` may manage users. The account's open sessions end at their next
    request (:func:`geo.auth.resume_session` reads the account again)."""
    auth.require(who, "manage_users")
    user = auth.disable_user(engine, name)
    return user


def set_password_as(engine: Engine, who: Who, name: str, password: str) -> None:
    """:func:`geo.auth.set_password` if ``who`` may manage users (this also lifts any lock on the account)."""
    auth.require(who, "manage_users")
    auth.set_password(engine, name, password)
