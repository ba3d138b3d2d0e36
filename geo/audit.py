"""The audit trail: every action (sign-ins, failed ones too, account changes, uploads, rollbacks, exports, ...) as
an append-only record that shows when it was altered.

Each entry is chained to the one before it: its ``hash`` is an HMAC-SHA256 of its fields and the previous entry's
hash, with a key kept outside the database (:data:`KEY_ENV`, else a file in :func:`audit_dir`). Whoever can change
the database but not read that key cannot edit, insert or remove an entry without :func:`verify` seeing it; a
checkpoint file beside the key (each store's newest id and hash) shows the newest entries removed too.

Entries are appended one at a time (:func:`record`): inside the caller's write transaction when the action writes
(so the entry commits with what it records, or neither does), and on PostgreSQL under an advisory lock of their
own, so that two processes never both extend the same entry; SQLite's writer lock already serialises them.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import hmac
import json
import logging
import os
import secrets
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine, RowMapping

from geo import db
from geo.columns import TEXT_LIMITS
from geo.errors import StoreError
from geo.i18n import t
from geo.programme import TIMEZONE
from geo.report import UNSTORABLE

log = logging.getLogger(__name__)

# Every action the trail records, in the order the Audit page offers them.
AUDIT_ACTIONS = (
    "sign_in",
    "sign_in_failed",
    "user_added",
    "user_disabled",
    "user_enabled",
    "role_changed",
    "password_changed",
    "import",
    "submit",
    "approve",
    "reject",
    "rollback",
    "settings_changed",
    "export",
    "demo",
)
# The facts an entry's details name, each with its name in the reader's language (audit_fact_*): what was uploaded
# (kind, file, rows and the rule-7 counts), undone, exported, or given to an account.
AUDIT_FACTS = (
    "kind",
    "file",
    "rows",
    "new",
    "updated",
    "unchanged",
    "skipped",
    "removed",
    "restored",
    "role",
    "email",
    "failure",
    "reason",
    "format",
    "plots",
    "batches",
    "via",
    "setting",
    "value",
)
_FACT_ORDER = {name: i for i, name in enumerate(AUDIT_FACTS)}
KEY_ENV = "ORMAN_AUDIT_KEY"  # the HMAC key itself; without it, the key file in audit_dir()
DIR_ENV = "ORMAN_AUDIT_DIR"  # where the key file and the checkpoint live; without it, the store's data/ folder
KEY_FILE = "audit.key"
CHECKPOINT_FILE = "audit.checkpoint.json"
KEY_BYTES = 32
PG_AUDIT_LOCK = 0x4F524155  # pg_advisory_xact_lock key that serialises appends to the trail on PostgreSQL
GENESIS = "0" * 64  # the previous hash of the first entry
OPERATOR = "operator"  # who an entry names when the action names no one (a batch imported with no user)


@dataclass(frozen=True)
class Entry:
    """One recorded action: who did what to which subject, when (UTC), with its place in the chain."""

    id: int
    at: datetime
    actor: str
    action: str
    subject: str | None
    details: str  # canonical JSON of an object, as stored and hashed
    prev_hash: str
    hash: str

    @property
    def facts(self) -> dict[str, Any]:
        """The details as an object ({} when the stored text is not one)."""
        try:
            value = json.loads(self.details)
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "at": _iso(self.at),
            "actor": self.actor,
            "action": self.action,
            "subject": self.subject,
            "details": self.facts,
            "prev_hash": self.prev_hash,
            "hash": self.hash,
        }


@dataclass(frozen=True)
class Finding:
    """One way the trail was altered, as a translation code and its parameters."""

    code: str
    params: Mapping[str, str]

    def message(self, lang: str = "en") -> str:
        return t(self.code, lang, **self.params)

    def to_json(self, lang: str = "en") -> dict[str, Any]:
        return {"code": self.code, **self.params, "message": self.message(lang)}


# --- the key and the checkpoint, outside the database ------------------------------------------------------------


def audit_dir() -> Path:
    """The folder of the key file and the checkpoint: ORMAN_AUDIT_DIR, else the embedded store's data/ folder."""
    return Path(os.environ.get(DIR_ENV) or db.DEFAULT_SQLITE_PATH.parent)


def _key(create: bool) -> bytes | None:
    """The HMAC key: ORMAN_AUDIT_KEY, else the key file, made (readable by its owner only) when ``create``; None
    when there is none and ``create`` is false."""
    given = os.environ.get(KEY_ENV)
    if given:
        return given.encode()
    path = audit_dir() / KEY_FILE
    if path.is_file():
        return path.read_text(encoding="ascii").strip().encode()
    if not create:
        return None
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    draft = _private_draft(path, secrets.token_hex(KEY_BYTES))
    try:
        os.link(draft, path)  # whole or not at all, and never over a key another process made first
    except FileExistsError:
        pass
    finally:
        draft.unlink()
    return path.read_text(encoding="ascii").strip().encode()


def _private_draft(path: Path, text: str) -> Path:
    """A new file beside ``path`` holding ``text``, readable and writable by its owner only."""
    draft = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    with os.fdopen(os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w", encoding="utf-8") as out:
        out.write(text)
    return draft


@contextlib.contextmanager
def _checkpoint_lock() -> Iterator[Path]:
    """The checkpoint file's path, with the checkpoint locked against other processes' updates."""
    path = audit_dir() / CHECKPOINT_FILE
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    with os.fdopen(os.open(path.with_suffix(".lock"), os.O_RDWR | os.O_CREAT, 0o600)) as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield path


def _checkpoints(path: Path) -> dict[str, Any]:
    """Each store's newest entry as the checkpoint has it ({} without a checkpoint); ValueError if unreadable."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    marks = json.loads(text)
    if not isinstance(marks, dict):
        raise ValueError("not an object")
    return marks


def _advance_checkpoint(store: str, entry: Entry) -> None:
    """Note ``entry`` as ``store``'s newest, unless the checkpoint already has a newer one (a process that
    committed later and got here first). Runs after the entry committed, so the checkpoint is never ahead."""
    try:
        with _checkpoint_lock() as path:
            marks = _checkpoints(path)
            if int(marks.get(store, {}).get("id", 0)) < entry.id:
                marks[store] = {"id": entry.id, "hash": entry.hash}
                os.replace(_private_draft(path, json.dumps(marks, indent=1)), path)
    except (OSError, ValueError):  # the entry is in the store; verify says the checkpoint is unreadable
        log.exception("audit checkpoint not updated for entry %d", entry.id)


def _store_name(conn: Connection) -> str:
    """The store as the checkpoint names it: an SQLite file's absolute path, a server's URL without password."""
    url = conn.engine.url
    if url.get_backend_name() == "sqlite":
        return f"sqlite:{Path(url.database or '').resolve()}"
    return url.set(password=None).render_as_string(hide_password=False)


# --- appending -----------------------------------------------------------------------------------------------------


def record(
    bind: Engine | Connection,
    actor: str,
    action: str,
    subject: object = None,
    details: Mapping[str, Any] | None = None,
) -> Entry:
    """Append one entry: ``actor`` did ``action`` to ``subject`` (a batch id, an account, a file), with
    ``details``. Given a connection, inside its write transaction (db.write_transaction or db.row_transaction), so
    the entry commits with the action; given an engine, in a short transaction of its own."""
    if action not in AUDIT_ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    if isinstance(bind, Engine):
        with db.row_transaction(bind) as conn:
            return record(conn, actor, action, subject, details)
    try:
        key = _key(create=True)
    except OSError as exc:  # nothing is done that the trail cannot record
        raise StoreError("audit_key_unwritable", folder=str(audit_dir())) from exc
    assert key is not None, "made when missing"
    if not db.is_sqlite(bind):
        bind.execute(sa.select(sa.func.pg_advisory_xact_lock(PG_AUDIT_LOCK)))
    a = db.audit.c
    last = bind.execute(sa.select(a.id, a.hash).order_by(a.id.desc()).limit(1)).first()
    entry = _sealed(
        key,
        id=last.id + 1 if last is not None else 1,
        at=datetime.now(UTC),
        actor=_storable(actor, TEXT_LIMITS["user"]) or OPERATOR,
        action=action,
        subject=None if subject is None else _storable(subject),
        details=_storable(json.dumps(dict(details or {}), **_CANONICAL, default=str)),
        prev_hash=last.hash if last is not None else GENESIS,
    )
    bind.execute(sa.insert(db.audit).values(**vars(entry)))
    store = _store_name(bind)
    db.after_commit(bind, lambda: _advance_checkpoint(store, entry))
    return entry


_CANONICAL: dict[str, Any] = {"ensure_ascii": False, "sort_keys": True, "separators": (",", ":")}


def _storable(value: object, limit: int | None = None) -> str:
    """``value`` as text every store keeps (no NUL, no lone surrogate), cut to ``limit`` characters."""
    text = UNSTORABLE.sub("\ufffd", str(value))
    return text if limit is None else text[:limit]


def _digest(key: bytes, entry: Entry) -> str:
    """The HMAC-SHA256 of an entry's fields and the previous hash, over their canonical JSON."""
    fields = [entry.id, _iso(entry.at), entry.actor, entry.action, entry.subject, entry.details, entry.prev_hash]
    return hmac.new(key, json.dumps(fields, **_CANONICAL).encode(), hashlib.sha256).hexdigest()


def _sealed(key: bytes, **fields: Any) -> Entry:
    unsealed = Entry(**fields, hash="")
    return Entry(**{**vars(unsealed), "hash": _digest(key, unsealed)})


def _utc(moment: datetime) -> datetime:
    """Times are kept in UTC; SQLite hands them back without the zone."""
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


def _iso(moment: datetime) -> str:
    return _utc(moment).isoformat(timespec="microseconds")


def _entry(row: RowMapping) -> Entry:
    return Entry(**{**row, "at": _utc(row["at"])})


# --- reading and checking ------------------------------------------------------------------------------------------


def start_of(day: date) -> datetime:
    """The first moment of ``day`` in Kazakhstan, in UTC (how the store keeps times)."""
    return datetime.combine(day, time(), TIMEZONE).astimezone(UTC)


def entries(
    bind: Engine | Connection,
    action: str | None = None,
    actor: str | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int | None = None,
) -> list[Entry]:
    """The entries, newest first: of one ``action``, by one ``actor`` (as written or as an account's name), from
    the day ``since`` to the day ``until`` (both included, Kazakhstan's days)."""
    from geo.auth import canonical_name  # noqa: PLC0415 - geo.auth records through this module

    a = db.audit.c
    query = sa.select(db.audit).order_by(a.id.desc()).limit(limit)
    if action is not None:
        query = query.where(a.action == action)
    if actor is not None:
        query = query.where(a.actor.in_({actor, canonical_name(actor)}))
    if since is not None:
        query = query.where(a.at >= start_of(since))
    if until is not None:
        query = query.where(a.at < start_of(until + timedelta(days=1)))
    with db.store_failures(), _connected(bind) as conn:
        return [_entry(row) for row in conn.execute(query).mappings()]


def actors(bind: Engine | Connection) -> list[str]:
    """Everyone the trail names as having done something, in alphabetical order."""
    with db.store_failures(), _connected(bind) as conn:
        return list(conn.execute(sa.select(db.audit.c.actor).distinct().order_by(db.audit.c.actor)).scalars())


@contextlib.contextmanager
def _connected(bind: Engine | Connection) -> Iterator[Connection]:
    if isinstance(bind, Connection):
        yield bind
        return
    with bind.connect() as conn:
        yield conn


def verify(bind: Engine | Connection, *, incremental: bool = False) -> list[Finding]:
    """How the trail was altered: an entry edited, entries removed from the middle or the end (the checkpoint's
    newest entry missing or another), one that does not follow the one before it. Empty when it is intact.

    ``incremental`` (the Audit page, on every load) checks only the entries after the newest one this process last
    found intact, when that one is still there as it was (same hash, still sealed) and ids 1 to it are all there and
    no others; the checkpoint is compared every time, and anything else checks the whole trail again. An edit to an
    entry already checked (other than that newest one) is left to the whole check (``python -m geo audit --verify``).
    """
    path = audit_dir() / CHECKPOINT_FILE
    try:  # read before the entries: the checkpoint is written after its entry commits, so it is never ahead
        marks: dict[str, Any] | None = _checkpoints(path)
    except (OSError, ValueError):
        marks = None
    findings = [] if marks is not None else [Finding("audit_checkpoint_unreadable", {"file": str(path)})]
    key = _key(create=False)
    with db.store_failures(), _connected(bind) as conn:
        store = _store_name(conn)
        mark = (marks or {}).get(store)
        if key is None:
            if conn.execute(sa.select(db.audit.c.id).limit(1)).first() is not None:
                return [*findings, Finding("audit_key_missing", {"file": str(audit_dir() / KEY_FILE)})]
            return findings + _against_checkpoint(conn, mark, 0)
        memo = (store, hashlib.sha256(key).hexdigest())
        chain, newest = _walk(conn, key, _resumable(conn, key, _verified.get(memo)) if incremental else None)
        findings += chain + _against_checkpoint(conn, mark, newest[0] if newest else 0)
    if findings or newest is None:
        _verified.pop(memo, None)
    else:
        _verified[memo] = newest
    return findings


# (store, the key's SHA-256) -> (id, hash) of the newest entry verify last found the trail intact up to
_verified: dict[tuple[str, str], tuple[int, str]] = {}


def _resumable(conn: Connection, key: bytes, last: tuple[int, str] | None) -> tuple[int, str] | None:
    """``last`` (the newest entry found intact before) when the entries up to it still look as they were: it is
    there with its hash and its seal, and ids 1 to it are all there and no others. None: check them all again."""
    if last is None:
        return None
    a = db.audit.c
    row = conn.execute(sa.select(db.audit).where(a.id == last[0])).mappings().first()
    count, first = conn.execute(sa.select(sa.func.count(), sa.func.min(a.id)).where(a.id <= last[0])).one()
    if row is None or row["hash"] != last[1] or (count, first) != (last[0], 1):
        return None
    return last if hmac.compare_digest(_digest(key, _entry(row)), last[1]) else None


def _walk(conn: Connection, key: bytes, after: tuple[int, str] | None) -> tuple[list[Finding], tuple[int, str] | None]:
    """How each entry after ``after`` (id, hash; every entry without it) breaks the chain, and the newest entry's
    (id, hash) (``after`` when there is none after it, None when the trail is empty)."""
    a = db.audit.c
    query = sa.select(db.audit).order_by(a.id)
    if after is not None:
        query = query.where(a.id > after[0])
    findings, newest = [], after
    expected, prev = (after[0] + 1, after[1]) if after is not None else (1, GENESIS)
    for row in conn.execute(query).mappings():
        entry = _entry(row)
        if entry.id > expected:
            findings.append(Finding("audit_removed", {"ids": _span(expected, entry.id - 1)}))
        elif entry.prev_hash != prev:
            findings.append(Finding("audit_unlinked", {"id": str(entry.id)}))
        if not hmac.compare_digest(_digest(key, entry), entry.hash):
            findings.append(Finding("audit_edited", {"id": str(entry.id)}))
        expected, prev, newest = entry.id + 1, entry.hash, (entry.id, entry.hash)
    return findings, newest


def _against_checkpoint(conn: Connection, mark: Mapping[str, Any] | None, last: int) -> list[Finding]:
    """What the checkpoint's newest entry says of a trail whose last id is ``last``."""
    if mark is None:
        return []
    newest = int(mark.get("id", 0))
    if last < newest:
        return [Finding("audit_tail_removed", {"ids": _span(last + 1, newest)})]
    if conn.execute(sa.select(db.audit.c.hash).where(db.audit.c.id == newest)).scalar() != mark.get("hash"):
        return [Finding("audit_rewritten", {"id": str(newest)})]
    return []


def _span(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}–{last}"


def describe(entry: Entry, lang: str) -> str:
    """The details as the reader reads them: each fact's name in ``lang`` (as stored when it is not one of
    :data:`AUDIT_FACTS`), then its value."""
    facts = sorted(entry.facts.items(), key=lambda item: _FACT_ORDER.get(item[0], len(_FACT_ORDER)))
    return "; ".join(
        f"{t(f'audit_fact_{name}', lang) if name in AUDIT_FACTS else name}: {_fact(name, fact, lang)}"
        for name, fact in facts
    )


def _fact(name: str, fact: Any, lang: str) -> str:
    from geo.auth import role_label  # noqa: PLC0415 - geo.auth records through this module

    if name == "role" and isinstance(fact, str):
        return role_label(fact, lang)
    if name == "failure" and isinstance(fact, str):
        return t(f"audit_failure_{fact}", lang)
    if name == "kind" and isinstance(fact, str):
        return t(f"kind_{fact}", lang)
    if isinstance(fact, list):
        return ", ".join(map(str, fact))
    return "—" if fact is None else str(fact)


def action_label(action: str, lang: str) -> str:
    return t(f"audit_action_{action}", lang)
