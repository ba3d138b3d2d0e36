"""Write-offs by act (списание / есептен шығару, DATA-CONTRACT "Write-offs"): the reasons an act gives, which
plantings an act writes off, and the figures of what is written off.

An act names a plot and, optionally, one of its plantings (species and planting date). Without a planting it writes
off every planting of the plot dated on or before the act. A written-off planting counts zero alive in every figure:
the store keeps, as its latest survey (``latest_surveys``), the act itself, a full count of zero on the act's date
marked ``written_off``, so surviving, the survival rates, the map and the below-65 % lists read zero, and the
estimate takes it as known to be dead rather than as a sample (geo.survival). Its trees stay in ``planted``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import pandas as pd
import sqlalchemy as sa

from geo import db, species
from geo.queries import NO_FILTERS, Bind, Filters, connect, current, current_sql

# The reasons an act gives, as the store keeps them, and the words officers write for each (any case): the word
# in en, ru and kk first (how the app names the reason), then other spellings.
REASON_WORDS: dict[str, tuple[str, ...]] = {
    "fire": ("fire", "пожар", "өрт", "огонь", "wildfire"),
    "drought": ("drought", "засуха", "құрғақшылық", "засуха и суховей"),
    "pests": ("pests", "вредители", "зиянкестер", "pest", "вредитель", "зиянкес", "болезни и вредители"),
    "grazing": ("grazing", "выпас", "мал жаю", "потрава", "выпас скота"),
    "other": ("other", "другое", "басқа", "прочее", "иное"),
}
_LANG_WORD = {"en": 0, "ru": 1, "kk": 2}
ACT_REASONS = tuple(REASON_WORDS)
_REASON_BY_WORD = {species.fold(word): reason for reason, words in REASON_WORDS.items() for word in words}
KEY = ("plot_id", "act", "species", "planting_date")  # one write-off record (rule 7): the plot, the act, its planting
VALUES = ("date", "reason")  # what the record says: a re-upload with other values is an update
FIELDS = (*KEY, *VALUES)
REQUIRED = ("plot_id", "date", "reason", "act")


def reason_code(text: str) -> str | None:
    """The reason a cell names (``ACT_REASONS``), in kk, ru or en, any case; None when it names none."""
    return _REASON_BY_WORD.get(species.fold(text))


def reason_name(reason: str, lang: str) -> str:
    """A reason (``ACT_REASONS``) as the reader of ``lang`` (kk, ru, en) calls it; an unknown one as it is."""
    words = REASON_WORDS.get(reason)
    return words[_LANG_WORD.get(lang, 0)] if words else reason


def accepted_reasons() -> dict[str, str]:
    """The reasons' names in each language, ', '-joined: what a message about a bad reason lists."""
    return {lang: ", ".join(reason_name(reason, lang) for reason in ACT_REASONS) for lang in _LANG_WORD}


def covers_sql(planting: str, act: str) -> str:
    """SQL that holds when the current write-off ``act`` (an alias of ``writeoffs``) writes off the planting
    ``planting`` (an alias of ``plantings``): the same plot, planted on or before the act, and the act's planting
    when it names one."""
    return (
        f"{act}.plot_id = {planting}.plot_id AND {current_sql(act)} AND {planting}.date <= {act}.date "
        f"AND ({act}.species IS NULL OR ({act}.species = {planting}.species AND {act}.planting_date = {planting}.date))"
    )


def _written_off(filters: Filters) -> tuple[sa.FromClause, list[sa.ColumnElement[bool]]]:
    """The written-off current plantings under ``filters`` (rows of latest_surveys) and their conditions."""
    from geo.surveys import _in_plots, _latest_conditions  # noqa: PLC0415 - surveys imports the estimate

    latest = db.latest_surveys
    source: sa.FromClause = latest
    if filters.partners:
        source = latest.outerjoin(db.plots, _in_plots())
    return source, [latest.c.written_off.is_not(None), *_latest_conditions(filters)]


def planted_by_region(bind: Bind, filters: Filters = NO_FILTERS) -> dict[str, int]:
    """Trees planted on written-off plantings (``written_off`` of the summary), per region."""
    latest = db.latest_surveys
    source, conditions = _written_off(filters)
    query = (
        sa.select(latest.c.region, sa.func.sum(latest.c.planted))
        .select_from(source)
        .where(*conditions)
        .group_by(latest.c.region)
    )
    with connect(bind) as conn:
        return {str(region): int(planted) for region, planted in conn.execute(query)}


def planted_by_plot(plot_ids: list[str] | None = None) -> sa.Select:
    """plot_id and written_off (trees planted on its written-off plantings) of each plot with any (of ``plot_ids``
    only, when given): an SQL query the map and the export join."""
    latest = db.latest_surveys
    chosen = [] if plot_ids is None else [latest.c.plot_id.in_(plot_ids)]
    return (
        sa.select(latest.c.plot_id, sa.func.sum(latest.c.planted).label("written_off"))
        .where(latest.c.written_off.is_not(None), *chosen)
        .group_by(latest.c.plot_id)
    )


def wholly(written_off: Any, planted: Any) -> np.ndarray:
    """Per plot, whether every tree planted on it stands on a planting written off by act (``written_off`` and
    ``planted``, arrays of the plots' figures; missing counts as none)."""
    lost = pd.Series(written_off, dtype="float64").fillna(0).to_numpy()
    return (lost > 0) & (lost >= pd.Series(planted, dtype="float64").fillna(0).to_numpy())


ACT_COLUMNS = ("plot_id", "act", "date", "reason", "species", "planting_date")


def acts(bind: Bind, plot_ids: list[str] | None = None, batch: int | None = None) -> pd.DataFrame:
    """The write-off acts in force (of ``plot_ids``, or written by ``batch`` whether in force or not), oldest first:
    ACT_COLUMNS, species and planting_date None for an act of the whole plot."""
    w = db.writeoffs
    conditions = [w.c.created_batch == batch] if batch is not None else [current(w)]
    if plot_ids is not None:
        conditions.append(w.c.plot_id.in_(plot_ids))
    query = sa.select(*[w.c[c] for c in ACT_COLUMNS]).where(*conditions).order_by(w.c.date, w.c.plot_id, w.c.act)
    with connect(bind) as conn:
        frame = db.frame(conn.execute(query), list(ACT_COLUMNS), dtype=object)
    for column in ("date", "planting_date"):
        frame[column] = [_as_date(d) for d in frame[column]]
    return frame


def _as_date(value: Any) -> date | None:
    """A date as the drivers give it (SQLite: ISO text through SQLAlchemy's Date, already a date)."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def acts_by_plot(found: pd.DataFrame) -> dict[str, list[tuple[Any, ...]]]:
    """The acts of `acts` per plot, each an ACT_COLUMNS tuple, oldest first."""
    listed: dict[str, list[tuple[Any, ...]]] = {}
    for act in found[list(ACT_COLUMNS)].itertuples(index=False, name=None):
        listed.setdefault(act[0], []).append(act)
    return listed
