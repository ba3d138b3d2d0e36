"""The store's plantings as the survival estimate and the survey draw see them (geo.survival does the statistics).

The estimate reads what it needs in two aggregate queries: per region × planting year, the plantings and trees
planted (``cube_plantings``), and each surveyed planting with its latest survey (``latest_surveys``, kept by the
store with every batch). The plantings nobody surveyed enter as one row per stratum (survival's ``records``), so a
store of a million plantings is estimated from its surveys, not from a million rows.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import sqlalchemy as sa

from geo import db, survival, templates
from geo.columns import PLANTING, SURVEY_TEMPLATE
from geo.i18n import fmt_int, fmt_pct, t
from geo.queries import NO_FILTERS, Bind, Filters, connect, cube_conditions, current

Result = survival.Estimate | survival.NoEstimate


@dataclass(frozen=True)
class Estimates:
    """The estimate of surviving trees for the whole selection and for each region in it."""

    total: Result
    by_region: dict[str, Result]


STRATUM = ("region", "year")  # what each row of the estimate's frame is always placed by
PLACES = ("species", "partner")  # and by these too on request (`estimate_frame`)
FIRST_YEAR, THIRD_YEAR = "1", "3"  # the ``survey`` of first- and third-year inventories (DATA-CONTRACT, Surveys)
INVENTORIES = (FIRST_YEAR, THIRD_YEAR)


def estimate_frame(
    bind: Bind, filters: Filters = NO_FILTERS, inventory: str | None = None, places: Sequence[str] = ()
) -> pd.DataFrame:
    """The input of `survival.estimate`: region, year, planted, alive, counted, records, written_off — a row per
    surveyed or written-off planting (its latest survey, or the act), and a row per region × year for the
    unsurveyed rest.

    ``places`` (of PLACES) adds the planting's species and its plot's partner ('' for none), the rest then a row per
    region × year × each of them, for an estimate by species or partner (`estimates_by`). Only on request: the
    species costs the read a third more at scale (the covering index holds only the figures), the partner a join
    with the plots that doubles it. With ``inventory`` (a ``survey`` value such as FIRST_YEAR), a planting counts
    as surveyed by its latest survey of that kind alone, and the plantings with none are the rest.
    """
    keys = [*STRATUM, *(k for k in PLACES if k in places)]
    cube = db.cube_plantings
    strata = (
        sa.select(*[cube.c[k] for k in keys], sa.func.sum(cube.c.planted), sa.func.sum(cube.c.records))
        .where(*cube_conditions(filters))
        .group_by(*[cube.c[k] for k in keys])
    )
    with connect(bind) as conn:
        totals = db.frame(conn.execute(strata), [*keys, "planted", "records"])
        query = _surveyed_query(filters, inventory, keys)
        rows = conn.execute(query).cursor.fetchall()  # the driver's tuples: 100 000 rows without Row objects
    surveyed = _surveyed_frame(rows, keys)
    surveyed["records"] = 1.0
    taken = surveyed.groupby(keys, as_index=False).agg(planted_surveyed=("planted", "sum"), surveyed=("records", "sum"))
    rest = totals.astype({"year": "int64", "planted": "float64", "records": "float64"}).merge(
        taken, on=keys, how="left"
    )
    rest = rest.fillna({"planted_surveyed": 0.0, "surveyed": 0.0})
    rest = pd.DataFrame(
        {
            **{k: rest[k] for k in keys},
            "planted": rest["planted"] - rest["planted_surveyed"],
            "alive": np.nan,
            "counted": np.nan,
            "records": rest["records"] - rest["surveyed"],
            "written_off": False,
        }
    )
    return pd.concat([surveyed, rest[rest["records"] > 0]], ignore_index=True)


def _surveyed_query(filters: Filters, inventory: str | None, keys: Sequence[str]) -> sa.Select:
    """Each surveyed current planting under ``filters``: ``keys`` (of STRATUM and PLACES), planted, alive, counted
    of its latest survey (of kind ``inventory`` only, when given), ordered by the figures; with neither an
    inventory nor a place, a scan of ix_latest_surveys_estimate."""
    latest = db.latest_surveys
    source: sa.FromClause = latest
    alive: sa.ColumnElement[Any] = latest.c.alive
    counted: sa.ColumnElement[Any] = latest.c.counted
    of_kind: list[sa.ColumnElement[bool]] = []
    if inventory is not None:  # a written-off planting is known dead whatever its inventories
        kind = _latest_of_kind(inventory)
        same = sa.and_(*[kind.c[k] == latest.c[k] for k in ("plot_id", "date", "species")])
        source = latest.outerjoin(kind, same)
        of_kind = [sa.or_(kind.c.alive.is_not(None), latest.c.written_off.is_not(None))]
        alive = sa.func.coalesce(kind.c.alive, latest.c.alive)
        counted = sa.func.coalesce(kind.c.counted, latest.c.planted)
    if "partner" in keys or filters.partners:
        source = source.outerjoin(db.plots, _in_plots())
    columns = [_partner() if k == "partner" else latest.c[k] for k in keys]
    written_off = sa.case((latest.c.written_off.is_(None), 0), else_=1)
    return (
        sa.select(*columns, latest.c.planted, alive, counted, written_off)
        .select_from(source)
        .where(*of_kind, *_latest_conditions(filters))
        .order_by(latest.c.region, latest.c.year, latest.c.planted, alive, counted)
    )


def _partner() -> sa.ColumnElement[str]:
    """A plot's partner, '' for none (as the cube tables hold it)."""
    return sa.func.coalesce(db.plots.c.partner, "")


def _in_plots() -> sa.ColumnElement[bool]:
    """The current version of a latest survey's plot (for its partner)."""
    p = db.plots
    return sa.and_(p.c.plot_id == db.latest_surveys.c.plot_id, current(p))


def _latest_conditions(filters: Filters) -> list[sa.ColumnElement[bool]]:
    """``filters`` on latest_surveys (which keeps the region) joined to its plots (for the partner)."""
    latest = db.latest_surveys
    conditions: list[sa.ColumnElement[bool]] = [latest.c.region.in_(filters.regions)] if filters.regions else []
    if filters.species:
        conditions.append(latest.c.species.in_(filters.species))
    if filters.years:
        conditions.append(latest.c.year.in_(filters.years))
    if filters.partners:
        conditions.append(_partner().in_(filters.partners))
    return conditions


def _latest_of_kind(inventory: str) -> sa.Subquery:
    """The latest survey in force (by survey date; an undated one oldest) of kind ``inventory`` of each planting:
    plot_id, date, species, alive, counted (NULL: a full count)."""
    s = db.surveys
    rank = (
        sa.func.row_number()
        .over(
            partition_by=[s.c.plot_id, s.c.date, s.c.species],
            order_by=[s.c.survey_date.is_(None), s.c.survey_date.desc(), s.c.vid.desc()],
        )
        .label("rank")
    )
    ranked = (
        sa.select(s.c.plot_id, s.c.date, s.c.species, s.c.alive, s.c.counted, rank)
        .where(current(s), s.c.survey == inventory)
        .subquery()
    )
    return (
        sa.select(*[ranked.c[k] for k in ("plot_id", "date", "species", "alive", "counted")])
        .where(ranked.c.rank == 1)
        .subquery()
    )


def _surveyed_frame(rows: Sequence[Sequence[Any]], keys: Sequence[str]) -> pd.DataFrame:
    """``keys`` (region, year, and any PLACES), planted, alive, counted and written_off of the surveyed plantings
    (a written-off one is known dead: its act stands as its survey) from the driver's tuples, in the order the
    query set by the figures alone, so that the same surveys give the same sums to the last digit whatever the
    store's history."""
    table = np.array(rows, dtype=object).reshape(len(rows), len(keys) + 4)  # one C pass over the tuples
    numbers = table[:, len(keys) :].astype("float64")
    frame = pd.DataFrame({k: pd.Series(table[:, i], dtype=object) for i, k in enumerate(keys)})  # as read
    return frame.assign(
        year=frame["year"].astype("int64"),
        planted=numbers[:, 0],
        alive=numbers[:, 1],
        counted=numbers[:, 2],
        written_off=numbers[:, 3] > 0,
    )


def estimates(bind: Bind, filters: Filters = NO_FILTERS) -> Estimates:
    """Estimated surviving trees with their 95 % interval, in all and per region (stratified by planting year)."""
    frame = estimate_frame(bind, filters)
    by_region = {str(region): found for region, found in survival.estimate_by(frame, survival.REGION).items()}
    return Estimates(survival.estimate(frame), by_region)


def estimates_by(bind: Bind, columns: Sequence[str], filters: Filters = NO_FILTERS) -> dict[str, dict[object, Result]]:
    """For each of ``columns`` (of STRATUM and PLACES), the estimate of each of its values
    (`survival.estimate_by`), from one read of the store: within a partner or a species, the strata are still region
    × planting year."""
    frame = estimate_frame(bind, filters, places=[c for c in columns if c in PLACES])
    return {column: survival.estimate_by(frame, column) for column in columns}


def inventories(bind: Bind, filters: Filters = NO_FILTERS) -> tuple[str, ...]:
    """The kinds of INVENTORIES the surveys in force under ``filters`` hold, in INVENTORIES' order."""
    s, latest = db.surveys, db.latest_surveys
    query = sa.select(s.c.survey).distinct().where(current(s), s.c.survey.in_(INVENTORIES))
    if filters != NO_FILTERS:  # the filters are on the surveyed plantings (latest_surveys holds each of them)
        same = sa.and_(*[latest.c[k] == s.c[k] for k in ("plot_id", "date", "species")])
        query = query.join(latest, same).outerjoin(db.plots, _in_plots()).where(*_latest_conditions(filters))
    with connect(bind) as conn:
        found = set(conn.execute(query).scalars())
    return tuple(kind for kind in INVENTORIES if kind in found)


def estimates_by_inventory(bind: Bind, filters: Filters = NO_FILTERS) -> dict[str, Result]:
    """Where the selection holds both first- and third-year inventories, the estimate from each kind apart (each
    planting by its latest survey of that kind; the plantings without one are the unsurveyed rest): FIRST_YEAR and
    THIRD_YEAR. Empty otherwise: with one kind only, the estimate is that kind's already."""
    if inventories(bind, filters) != INVENTORIES:
        return {}
    return {kind: survival.estimate(estimate_frame(bind, filters, kind)) for kind in INVENTORIES}


def reason(result: Result) -> str | None:
    """Why there is no estimate (survival.NO_PLANTINGS or TOO_FEW_SURVEYS), None when there is one."""
    return result.reason if isinstance(result, survival.NoEstimate) else None


def explain(entry: dict[str, Any], lang: str) -> str:
    """A summary entry's ``estimate`` as one line in ``lang``: the number with its interval, or why there is none
    (``estimate_reason``)."""
    found = entry.get("estimate")
    if found is None:
        why = entry.get("estimate_reason") or survival.TOO_FEW_SURVEYS
        return t(f"estimate_{why}", lang, needed=survival.MIN_SURVEYS)
    return t(
        "estimate_line",
        lang,
        surviving=fmt_int(found["surviving"], lang),
        low=fmt_int(found["low"], lang),
        high=fmt_int(found["high"], lang),
        rate=fmt_pct(found["rate"], lang),
        rate_low=fmt_pct(found["rate_low"], lang),
        rate_high=fmt_pct(found["rate_high"], lang),
        surveyed=fmt_int(found["surveyed"], lang),
    )


def current_plantings(bind: Bind, region: str | None = None) -> pd.DataFrame:
    """The plantings in force (planting records, which surveys count): plot_id, date, species, planted, region,
    year, written_off — the frame the survey is drawn from (never from the written-off ones)."""
    t_, p, latest = db.plantings, db.plots, db.latest_surveys
    same = sa.and_(*[latest.c[k] == t_.c[k] for k in ("plot_id", "date", "species")])
    query = (
        sa.select(t_.c.plot_id, t_.c.date, t_.c.species, t_.c.planted, p.c.region, latest.c.written_off.is_not(None))
        .join(p, sa.and_(p.c.plot_id == t_.c.plot_id, current(p)))
        .outerjoin(latest, same)
        .where(current(t_), t_.c.operation == PLANTING)
        .order_by(t_.c.plot_id, t_.c.date, t_.c.species)
    )
    if region is not None:
        query = query.where(p.c.region == region)
    with connect(bind) as conn:
        frame = db.frame(conn.execute(query), ["plot_id", "date", "species", "planted", "region", "written_off"])
    frame["written_off"] = frame["written_off"].astype(bool)
    frame["date"] = pd.to_datetime(frame["date"]).dt.date
    frame["year"] = pd.Series([d.year for d in frame["date"]], index=frame.index, dtype="int64")
    return frame.astype({"planted": "int64"})


def sample(bind: Bind, n: int, seed: int, region: str | None = None) -> pd.DataFrame:
    """The ``n`` plantings to survey this season, drawn at random by `survival.draw_sample` (stratified by region ×
    planting year), in the order of the store."""
    return survival.draw_sample(current_plantings(bind, region), n, seed=seed)


def template_headers(lang: str) -> list[str]:
    """The survey sheet's headers in ``lang``: the surveys template's names (geo.templates), each one a header the
    surveys upload reads back."""
    return [templates.header("surveys", name, lang) for name in SURVEY_TEMPLATE]


def write_template(drawn: pd.DataFrame, lang: str, path: Path) -> int:
    """Write the drawn plantings as the survey sheet the field teams fill in: the planting's key, planted and
    region filled, survey_date, alive, counted, survey and sample_plot empty. Dates dd.mm.yyyy, ``;`` delimited,
    UTF-8 with BOM: how Excel in a Russian locale opens and saves it. Returns the rows written."""
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, delimiter=";")
        writer.writerow(template_headers(lang))
        for rec in drawn.itertuples(index=False):
            filled = [rec.plot_id, rec.date.strftime("%d.%m.%Y"), rec.species, int(rec.planted), rec.region]
            writer.writerow([*filled, *[""] * (len(SURVEY_TEMPLATE) - len(filled))])
    return len(drawn)
