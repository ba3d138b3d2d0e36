"""The store's query vocabulary: which versions are current, what the filters select, and how a reader connects.

Every reader of the store (figures, map, export, the store's own writes) says "current" and applies the filters the
same way, through these helpers. Plots and plantings are versioned; the version in force is the one no batch has
superseded.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from geo import db
from geo.columns import PLANTING

Bind = Engine | Connection


def current(table: sa.Table | sa.Alias) -> sa.ColumnElement[bool]:
    """The versions of ``table`` (plots or plantings) in force: superseded by no batch. Only approved batches
    have versions: a submitted one is kept as its upload and written only when approved (geo.store.signoff), and a
    rejected one never is, so no version of theirs can be current."""
    return table.c.superseded_batch.is_(None)


def current_sql(alias: str = "") -> str:
    """:func:`current` as SQL text, for the statements written as text: ``p.superseded_batch IS NULL``."""
    return f"{alias}.{db.CURRENT_VERSION}" if alias else db.CURRENT_VERSION


def planting_sql(alias: str) -> str:
    """Planting records alone, not gap-fillings or sowings, as SQL text: what surveys and survival are of."""
    return f"{alias}.operation = '{PLANTING}'"


@dataclass(frozen=True)
class Filters:
    """What the figures are restricted to; an empty tuple means everything. A plot without a partner is ''."""

    regions: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()
    species: tuple[str, ...] = ()
    years: tuple[int, ...] = ()

    @property
    def by_planting(self) -> bool:
        """True when the filter selects plantings, not only plots (so plot counts need the plantings)."""
        return bool(self.species or self.years)


NO_FILTERS = Filters()


@contextmanager
def connect(bind: Bind) -> Iterator[Connection]:
    """``bind`` itself when it is a connection (e.g. inside an import's transaction), else a new connection."""
    if isinstance(bind, Connection):
        yield bind
    else:
        with bind.connect() as conn:
            yield conn


def plot_conditions(table: sa.Table, filters: Filters) -> list[sa.ColumnElement[bool]]:
    """The region and partner filters on ``plots`` or a cube table (whose partner is already '' for none)."""
    partner = table.c.partner if table.name.startswith("cube") else sa.func.coalesce(table.c.partner, "")
    conditions: list[sa.ColumnElement[bool]] = []
    if filters.regions:
        conditions.append(table.c.region.in_(filters.regions))
    if filters.partners:
        conditions.append(partner.in_(filters.partners))
    return conditions


def cube_conditions(filters: Filters) -> list[sa.ColumnElement[bool]]:
    """All filters on ``cube_plantings``."""
    cube = db.cube_plantings
    conditions = plot_conditions(cube, filters)
    if filters.species:
        conditions.append(cube.c.species.in_(filters.species))
    if filters.years:
        conditions.append(cube.c.year.in_(filters.years))
    return conditions


def planting_conditions(filters: Filters) -> list[sa.ColumnElement[bool]]:
    """Current planting versions of the filtered species and years."""
    t = db.plantings
    conditions = [current(t)]
    if filters.species:
        conditions.append(t.c.species.in_(filters.species))
    if filters.years:
        conditions.append(
            sa.or_(*[sa.and_(t.c.date >= date(y, 1, 1), t.c.date <= date(y, 12, 31)) for y in filters.years])
        )
    return conditions


def plot_totals(conn: Connection, group: list[str], filters: Filters) -> pd.DataFrame:
    """Plots, area and summed centre coordinates per ``group`` (of region, partner)."""
    query: sa.Select
    if not filters.by_planting:
        cube = db.cube_plots
        cols = [cube.c[g] for g in group]
        query = (
            sa.select(
                *cols,
                sa.func.sum(cube.c.plots).label("plots"),
                sa.func.sum(cube.c.area_ha).label("area_ha"),
                sa.func.sum(cube.c.sum_lon).label("sum_lon"),
                sa.func.sum(cube.c.sum_lat).label("sum_lat"),
            )
            .where(*plot_conditions(cube, filters))
            .group_by(*cols)
        )
    else:
        p, t = db.plots, db.plantings
        expressions = {"region": p.c.region, "partner": sa.func.coalesce(p.c.partner, "")}
        planted_here = sa.exists().where(t.c.plot_id == p.c.plot_id, *planting_conditions(filters))
        query = (
            sa.select(
                *[expressions[g].label(g) for g in group],
                sa.func.count().label("plots"),
                sa.func.sum(p.c.area_ha).label("area_ha"),
                sa.func.sum(p.c.lon).label("sum_lon"),
                sa.func.sum(p.c.lat).label("sum_lat"),
            )
            .where(current(p), planted_here, *plot_conditions(p, filters))
            .group_by(*[expressions[g] for g in group])
        )
    frame = db.frame(conn.execute(query), [*group, "plots", "area_ha", "sum_lon", "sum_lat"])
    return frame.astype({"plots": "int64", "area_ha": "float64", "sum_lon": "float64", "sum_lat": "float64"})
