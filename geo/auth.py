"""Who may do what in Orman, and who someone is.

Roles and their permissions live in one table (:data:`PERMISSIONS`); :func:`require` is the server-side check every
page and every action (geo/actions.py) calls, so hiding a button is never the only guard. Local accounts keep argon2id
hashes in the store's ``users`` table; failed logins are counted per name in ``login_attempts`` so a lock holds across
processes. Sessions are plain values with an idle timeout and an absolute lifetime. Nothing here knows about Streamlit
or the store's batches.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from functools import cache
from math import ceil
from typing import Any, Literal, Protocol

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection, Engine, RowMapping

from geo import audit, db
from geo.errors import CodedError
from geo.i18n import t

# --- roles and permissions -----------------------------------------------------------------------------------------

ROLES = ("public", "official", "officer", "supervisor", "admin")  # each sees at least what the one before it sees
ASSIGNABLE_ROLES = ROLES[1:]  # "public" is whoever has not signed in; no account has it
PAGES = ("overview", "map", "progress", "public", "upload", "history", "review", "embed", "admin", "audit")
ACTIONS = ("upload", "rollback_own", "rollback_any", "review", "manage_users", "load_demo", "settings")
ROLLBACK = "rollback"  # rollback_any, or rollback_own of a batch the user uploaded
REVIEW = "review"  # approve or reject a submitted batch: never one's own (four eyes)


@dataclass(frozen=True)
class Grant:
    """What one role may see and do."""

    pages: frozenset[str]
    actions: frozenset[str]


_READ_PAGES = frozenset({"overview", "map", "progress", "public", "history", "embed"})
PERMISSIONS: dict[str, Grant] = {
    "public": Grant(pages=frozenset({"public"}), actions=frozenset()),
    "official": Grant(pages=_READ_PAGES, actions=frozenset()),
    "officer": Grant(pages=_READ_PAGES | {"upload"}, actions=frozenset({"upload", "rollback_own"})),
    "supervisor": Grant(
        pages=_READ_PAGES | {"upload", "review"}, actions=frozenset({"upload", "rollback_own", REVIEW})
    ),
    "admin": Grant(pages=frozenset(PAGES), actions=frozenset(ACTIONS)),
}

# --- accounts, throttling and sessions -----------------------------------------------------------------------------

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 1024
MAX_FAILURES = 5  # failed logins in a row before a name is locked
LOCK_FIRST = timedelta(minutes=1)  # the first lock; each further one doubles ...
LOCK_MAX = timedelta(hours=1)  # ... up to this
FORGET_AFTER = timedelta(days=1)  # failures older than this no longer count
IDLE_TIMEOUT = timedelta(minutes=30)
SESSION_LIFETIME = timedelta(hours=12)

_NAME = re.compile(r"[\w.@-]{2,64}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
# argon2-cffi's default profile is argon2id, RFC 9106 "low memory" (t=3, m=64 MiB, p=4).
_HASHER = PasswordHasher()


class PermissionDenied(CodedError):
    """An action or page refused to the current user; ``message(lang)`` says why and what to do."""

    def message(self, lang: str = "en") -> str:
        params = dict(self.params)
        if "action" in params:
            params["action"] = t(f"auth_action_{params['action']}", lang)
        if "role" in params:
            params["role"] = role_label(params["role"], lang)
        return t(self.code, lang, **params)


class UserError(CodedError):
    """A user-management request that cannot be done (duplicate name, unknown user, short password, ...)."""


@dataclass(frozen=True)
class User:
    """An account as the app and the command line see it; the password hash never leaves this module."""

    name: str
    role: str
    email: str | None = None
    disabled: bool = False
    created_at: datetime | None = None
    last_login_at: datetime | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "role": self.role,
            "email": self.email,
            "disabled": self.disabled,
            "created_at": _iso(self.created_at),
            "last_login_at": _iso(self.last_login_at),
        }


@dataclass(frozen=True)
class LoginFailure:
    """Why a login was refused. ``invalid`` never says whether the name exists."""

    reason: Literal["invalid", "locked", "disabled"]
    until: datetime | None = None

    @property
    def code(self) -> str:
        return f"auth_failed_{self.reason}"

    def message(self, lang: str = "en", now: datetime | None = None) -> str:
        minutes = 0
        if self.until is not None:
            minutes = max(1, ceil((self.until - _now(now)).total_seconds() / 60))
        return t(self.code, lang, minutes=minutes)


@dataclass(frozen=True)
class Session:
    """A signed-in browser session: who, with which role, since when, last seen when."""

    user: str
    role: str
    issued_at: datetime
    last_seen: datetime
    via: Literal["password", "oidc"] = "password"

    @property
    def name(self) -> str:
        return self.user


# --- permission checks ---------------------------------------------------------------------------------------------


def role_of(who: User | Session | None) -> str:
    """The role whose permissions apply: ``public`` without a user, for a disabled one, and for a role this version
    does not know."""
    if who is None or who.role not in PERMISSIONS or getattr(who, "disabled", False):
        return "public"
    return who.role


def role_label(role: str, lang: str = "en") -> str:
    return t(f"auth_role_{role}", lang)


def pages_for(who: User | Session | None) -> tuple[str, ...]:
    """The pages ``who`` may open, in navigation order."""
    grant = PERMISSIONS[role_of(who)]
    return tuple(page for page in PAGES if page in grant.pages)


def can_see(who: User | Session | None, page: str) -> bool:
    if page not in PAGES:
        raise ValueError(f"unknown page {page!r}")
    return page in PERMISSIONS[role_of(who)].pages


def require_page(who: User | Session | None, page: str) -> None:
    """Raise :class:`PermissionDenied` unless ``who`` may open ``page``."""
    if can_see(who, page):
        return
    if who is None:
        raise PermissionDenied("auth_page_login_required")
    raise PermissionDenied("auth_page_forbidden", role=role_of(who))


class Owned(Protocol):
    """What a rollback check needs of a batch (geo.store.Batch): its id and who uploaded it."""

    @property
    def id(self) -> int: ...

    @property
    def user(self) -> str | None: ...


def can(who: User | Session | None, action: str, batch: Owned | None = None) -> bool:
    try:
        require(who, action, batch)
    except PermissionDenied:
        return False
    return True


def require(who: User | Session | None, action: str, batch: Owned | None = None) -> User | Session:
    """Raise :class:`PermissionDenied` unless ``who`` (a user, a session, or None for the public) may do ``action``;
    return ``who``, now known to be signed in.

    ``action`` is one of :data:`ACTIONS` or ``"rollback"`` (any batch for ``rollback_any``, only one's own for
    ``rollback_own``). Given a ``batch``, ``rollback_own`` and ``rollback`` also check who uploaded it, and
    ``review`` that someone else did: nobody, administrators included, approves or rejects their own batch.
    """
    if action != ROLLBACK and action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    if action == ROLLBACK and batch is None:
        raise ValueError("a rollback check needs the batch")
    if who is None:
        raise PermissionDenied("auth_login_required", action=action)
    actions = PERMISSIONS[role_of(who)].actions
    if action == ROLLBACK and "rollback_any" in actions:
        return who
    own = "rollback_own" if action == ROLLBACK else action
    if own not in actions:
        raise PermissionDenied("auth_forbidden", role=role_of(who), action=action)
    if own == "rollback_own" and batch is not None and not _same_name(batch.user, who.name):
        raise PermissionDenied("auth_not_own_batch", batch=batch.id, owner=batch.user or "—")
    if action == REVIEW and batch is not None and _same_name(batch.user, who.name):
        raise PermissionDenied("auth_own_batch_review", batch=batch.id)
    return who


def _same_name(a: str | None, b: str) -> bool:
    return a is not None and canonical_name(a) == canonical_name(b)


# --- accounts ------------------------------------------------------------------------------------------------------


def canonical_name(name: str) -> str:
    """How a login name is stored and compared: NFKC, trimmed, case-folded (``Aigerim`` and ``aigerim`` are one)."""
    return unicodedata.normalize("NFKC", name).strip().casefold()


def _canonical_email(email: str | None) -> str | None:
    if email is None or not email.strip():
        return None
    return unicodedata.normalize("NFKC", email).strip().casefold()


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError("auth_password_short", min=MIN_PASSWORD_LENGTH)
    if len(password) > MAX_PASSWORD_LENGTH:
        raise UserError("auth_password_long", max=MAX_PASSWORD_LENGTH)


def add_user(
    engine: Engine, name: str, role: str, password: str, email: str | None = None, now: datetime | None = None
) -> User:
    """Create an account. Raises :class:`UserError` for a bad name, role, e-mail or password, or a taken name."""
    key = canonical_name(name)
    if not _NAME.fullmatch(key):
        raise UserError("auth_name_invalid", name=name)
    if role not in ASSIGNABLE_ROLES:
        raise UserError("auth_role_unknown", role=role, roles=", ".join(ASSIGNABLE_ROLES))
    mail = _canonical_email(email)
    if mail is not None and not _EMAIL.fullmatch(mail):
        raise UserError("auth_email_invalid", email=email)
    _check_password(password)
    hashed = _HASHER.hash(password)  # slow on purpose: outside the write lock
    created = _now(now)
    u = db.users.c
    with db.write_transaction(engine) as conn:
        if conn.execute(sa.select(u.id).where(u.name == key)).first() is not None:
            raise UserError("auth_user_exists", name=key)
        if mail is not None and _active_with_email(conn, mail):
            raise UserError("auth_email_exists", email=mail)
        conn.execute(
            sa.insert(db.users).values(
                name=key, role=role, password_hash=hashed, email=mail, disabled=False, created_at=created
            )
        )
    return User(name=key, role=role, email=mail, created_at=created)


def _active_with_email(conn: Connection, mail: str) -> Sequence[RowMapping]:
    u = db.users.c
    return conn.execute(sa.select(db.users).where(u.email == mail, u.disabled.is_(False))).mappings().all()


def _user(row: Any, last_login_at: datetime | None = None) -> User:
    return User(
        name=row["name"],
        role=row["role"],
        email=row["email"],
        disabled=bool(row["disabled"]),
        created_at=_utc(row["created_at"]),
        last_login_at=_utc(last_login_at),
    )


def list_users(engine: Engine) -> list[User]:
    """Every account, disabled ones included, by name, with when each last signed in."""
    a = db.login_attempts.c
    query = (
        sa.select(db.users, a.last_login_at)
        .join(db.login_attempts, a.name == db.users.c.name, isouter=True)
        .order_by(db.users.c.name)
    )
    with engine.connect() as conn:
        return [_user(row, row["last_login_at"]) for row in conn.execute(query).mappings()]


def get_user(engine: Engine, name: str) -> User | None:
    with engine.connect() as conn:
        row = conn.execute(sa.select(db.users).where(db.users.c.name == canonical_name(name))).mappings().first()
    return _user(row) if row is not None else None


def disable_user(engine: Engine, name: str) -> User:
    """Disable an account: it can no longer sign in, and its open sessions end at their next request."""
    key = canonical_name(name)
    with db.write_transaction(engine) as conn:
        conn.execute(sa.update(db.users).where(db.users.c.name == key).values(disabled=True))
        row = conn.execute(sa.select(db.users).where(db.users.c.name == key)).mappings().first()
    if row is None:
        raise UserError("auth_user_unknown", name=key)
    return _user(row)


def set_password(engine: Engine, name: str, password: str) -> None:
    """Give an account a new password; this also lifts any lock on it."""
    key = canonical_name(name)
    _check_password(password)
    hashed = _HASHER.hash(password)
    with db.write_transaction(engine) as conn:
        done = conn.execute(sa.update(db.users).where(db.users.c.name == key).values(password_hash=hashed)).rowcount
        if not done:
            raise UserError("auth_user_unknown", name=key)
        conn.execute(
            sa.update(db.login_attempts)
            .where(db.login_attempts.c.name == key)
            .values(failures=0, lockouts=0, locked_until=None)
        )


def user_for_email(engine: Engine, email: str | None) -> User | None:
    """The one active account with this e-mail (how an OIDC identity gets its role), else None."""
    mail = _canonical_email(email)
    if mail is None:
        return None
    with engine.connect() as conn:
        rows = _active_with_email(conn, mail)
    return _user(rows[0]) if len(rows) == 1 else None


def active_user(engine: Engine, name: str) -> User:
    """The active account called ``name``; :class:`UserError` when there is none or it is disabled."""
    user = get_user(engine, name)
    if user is None:
        raise UserError("auth_user_unknown", name=canonical_name(name))
    if user.disabled:
        raise UserError("auth_user_inactive", name=user.name)
    return user


def operator(name: str) -> User:
    """Whoever runs the command line on the server, recorded as ``name``. They can reach the store itself, so they
    may do what an administrator may; ``name`` is who the record shows, not an account."""
    return User(name=name, role="admin")


# --- login and throttling ------------------------------------------------------------------------------------------


@cache
def _dummy_hash() -> str:
    return _HASHER.hash("no such user: verified against so the answer takes as long")


def _verify(hashed: str, password: str) -> bool:
    try:
        return _HASHER.verify(hashed, password)
    except (VerificationError, InvalidHashError):
        return False


def lock_period(lockouts: int) -> timedelta:
    """How long the name is locked the ``lockouts + 1``-th time."""
    return min(LOCK_FIRST * 2 ** min(lockouts, 30), LOCK_MAX)


def authenticate(engine: Engine, name: str, password: str, now: datetime | None = None) -> User | LoginFailure:
    """Check a name and password (:func:`_sign_in_outcome`): the user on success, else why not. Every attempt is
    in the audit trail under the name tried, ``sign_in`` or ``sign_in_failed`` with why (never the
    password)."""
    outcome = _sign_in_outcome(engine, name, password, now)
    if isinstance(outcome, User):
        audit.record(engine, outcome.name, "sign_in")
    else:
        audit.record(engine, canonical_name(name), "sign_in_failed", details={"failure": outcome.reason})
    return outcome


def _sign_in_outcome(engine: Engine, name: str, password: str, now: datetime | None) -> User | LoginFailure:
    """Check a name and password: the user on success, else why not.

    After :data:`MAX_FAILURES` failures in a row the name is locked, for longer each time, even against the right
    password. Unknown names are checked against a dummy hash and throttled alike, so neither the answer nor its
    timing tells whether an account exists; ``disabled`` is only said to someone who knows the password.

    Each attempt is counted as a failure before its password is checked (:func:`_reserve`) and only a success takes
    the count back (:func:`_settle_success`), so however many sign-ins arrive at once, at most MAX_FAILURES of them
    reach the password check before the lock; the slow check holds no lock in the store.
    """
    now = _now(now)
    key = canonical_name(name)
    if not _NAME.fullmatch(key):  # no account can have this name: nothing worth counting
        _verify(_dummy_hash(), password)
        return LoginFailure("invalid")
    reserved = _reserve(engine, key, now)
    if isinstance(reserved, LoginFailure):
        return reserved
    with engine.connect() as conn:
        row = conn.execute(sa.select(db.users).where(db.users.c.name == key)).mappings().first()
    matched = _verify(row["password_hash"] if row is not None else _dummy_hash(), password)
    if row is None or not matched:
        return LoginFailure("locked", reserved) if reserved is not None else LoginFailure("invalid")
    if row["disabled"]:  # counted as a failure: a disabled account signs in to nothing
        return LoginFailure("disabled")
    new_hash = _HASHER.hash(password) if _HASHER.check_needs_rehash(row["password_hash"]) else None
    _settle_success(engine, key, now, reserved, new_hash)
    return _user(row, now)


@contextmanager
def _attempts_row(engine: Engine, key: str) -> Iterator[tuple[Connection, RowMapping]]:
    """A transaction holding ``key``'s ``login_attempts`` row (created if missing) locked until it ends: SQLite's
    write lock (BEGIN IMMEDIATE), a row lock (SELECT … FOR UPDATE) on PostgreSQL, which leaves imports and other
    names alone. Concurrent sign-ins of one name thus read and change its count one after the other."""
    a = db.login_attempts.c
    with db.row_transaction(engine) as conn:
        insert = sqlite_insert if db.is_sqlite(conn) else pg_insert
        conn.execute(insert(db.login_attempts).values(name=key, failures=0, lockouts=0).on_conflict_do_nothing())
        row = conn.execute(sa.select(db.login_attempts).where(a.name == key).with_for_update()).mappings().one()
        yield conn, row


def _reserve(engine: Engine, key: str, now: datetime) -> datetime | LoginFailure | None:
    """Count one failure for ``key`` before its password is checked: a :class:`LoginFailure` when the name is locked
    (nothing counted), else the lock this attempt set by being the MAX_FAILURES-th (None if it set none)."""
    a = db.login_attempts.c
    with _attempts_row(engine, key) as (conn, row):
        locked_until = _utc(row["locked_until"])
        if locked_until is not None and locked_until > now:
            return LoginFailure("locked", locked_until)
        last_failure = _utc(row["last_failure_at"])
        stale = last_failure is None or last_failure < now - FORGET_AFTER
        failures, lockouts = (1, 0) if stale else (row["failures"] + 1, row["lockouts"])
        until = now + lock_period(lockouts) if failures >= MAX_FAILURES else None
        changes = {"failures": failures, "lockouts": lockouts, "last_failure_at": now}
        if until is not None:
            changes.update(failures=0, lockouts=lockouts + 1, locked_until=until)
        conn.execute(sa.update(db.login_attempts).where(a.name == key).values(**changes))
        conn.execute(
            sa.delete(db.login_attempts).where(a.last_login_at.is_(None), a.last_failure_at < now - FORGET_AFTER)
        )
        return until


def _settle_success(engine: Engine, key: str, now: datetime, reserved: datetime | None, new_hash: str | None) -> None:
    """Take back the failure counted for a right password: reset the count and lift the lock this attempt set, but
    not one that concurrent wrong attempts set meanwhile; note the login and store the re-hashed password."""
    a = db.login_attempts.c
    with _attempts_row(engine, key) as (conn, row):
        locked_until = _utc(row["locked_until"])
        changes: dict[str, Any] = {"last_login_at": now}
        if locked_until is None or locked_until <= now or locked_until == reserved:
            changes.update(failures=0, lockouts=0, locked_until=None)
        conn.execute(sa.update(db.login_attempts).where(a.name == key).values(**changes))
        if new_hash is not None:
            conn.execute(sa.update(db.users).where(db.users.c.name == key).values(password_hash=new_hash))


# --- sessions ------------------------------------------------------------------------------------------------------


def start_session(user: User, now: datetime | None = None, via: Literal["password", "oidc"] = "password") -> Session:
    now = _now(now)
    return Session(user=user.name, role=user.role, issued_at=now, last_seen=now, via=via)


def session_valid(session: Session | None, now: datetime | None = None) -> bool:
    """True while the session is neither idle for :data:`IDLE_TIMEOUT` nor older than :data:`SESSION_LIFETIME`."""
    if session is None:
        return False
    now = _now(now)
    return now - session.last_seen < IDLE_TIMEOUT and now - session.issued_at < SESSION_LIFETIME


def resume_session(engine: Engine, session: Session | None, now: datetime | None = None) -> Session | None:
    """The session to keep for this request, or None (signed out) when it expired or its account was disabled or
    removed. Seen now; the role is read again from the store, so a changed role applies at once."""
    now = _now(now)
    if session is None or not session_valid(session, now):
        return None
    user = get_user(engine, session.user)
    if user is None or user.disabled:
        return None
    return replace(session, role=user.role, last_seen=now)


# --- time ----------------------------------------------------------------------------------------------------------


def _now(now: datetime | None) -> datetime:
    return _as_utc(now) if now is not None else datetime.now(UTC)


def _utc(value: datetime | None) -> datetime | None:
    return _as_utc(value) if value is not None else None


def _as_utc(value: datetime) -> datetime:
    """Times are kept in UTC; SQLite hands them back without the zone."""
    return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None
