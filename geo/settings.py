"""The store's settings: a few named switches an administrator sets (``python -m geo settings``, the Admin page).

A setting never changed has its default; only changed ones have a row in the ``settings`` table.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from geo import db
from geo.errors import CodedError
from geo.queries import connect

SIGN_OFF = "sign-off"  # uploads wait for a supervisor's approval before they count
ON, OFF = "on", "off"
DEFAULTS = {SIGN_OFF: OFF}
CHOICES = {SIGN_OFF: (ON, OFF)}


class SettingError(CodedError):
    """A setting this version does not know, or a value it does not take."""


def read(bind: Engine | Connection) -> dict[str, str]:
    """Every setting with its value (the default where never changed)."""
    s = db.settings.c
    with connect(bind) as conn:
        stored: dict[str, str] = dict(conn.execute(sa.select(s.name, s.value)).all())
    return {name: stored.get(name, default) for name, default in DEFAULTS.items()}


def sign_off(bind: Engine | Connection) -> bool:
    """Whether uploads wait for approval."""
    return read(bind)[SIGN_OFF] == ON


def change(engine: Engine, name: str, value: str) -> dict[str, str]:
    """Set ``name`` to ``value``; every setting after the change."""
    if name not in DEFAULTS:
        raise SettingError("setting_unknown", name=name, names=", ".join(DEFAULTS))
    if value not in CHOICES[name]:
        raise SettingError("setting_bad_value", name=name, value=value, values=", ".join(CHOICES[name]))
    s = db.settings.c
    with db.write_transaction(engine) as conn:
        conn.execute(sa.delete(db.settings).where(s.name == name))
        conn.execute(sa.insert(db.settings).values(name=name, value=value))
        return read(conn)
