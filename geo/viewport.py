"""What the map needs from the store, computed in the database: plots in a viewport, region and grid aggregates.

Plots are found through the spatial index (SQLite R-tree on bounding boxes, PostGIS GiST) and only the current
versions are drawn. ``StoreSource`` is the store's ``geo.mapview.MapSource``. Each query takes the shared filters and
``below_target``: only the surveyed plots below the 65 % survival target (geo.progress.below_target_query), in SQL.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from geo import db, progress, writeoffs
from geo.columns import MAP_PLOT_COLUMNS, MAP_PLOT_FIELDS, PLOT_FIGURES, PLOT_STORED
from geo.programme import BBox
from geo.queries import NO_FILTERS, Bind, Filters, connect, cube_conditions, current, plot_conditions, plot_totals
from geo.species import LIST_SEPARATOR


def _plot_selection(filters: Filters, below_target: bool) -> list[sa.ColumnElement[bool]]:
    """The current plots the map draws: those the region and partner filters keep and, with ``below_target``, only
    the surveyed ones below the survival target under all the filters."""
    p = db.plots
    conditions = [current(p), *plot_conditions(p, filters)]
    if below_target:
        below = progress.below_target_query(filters).subquery()
        conditions.append(p.c.plot_id.in_(sa.select(below.c.plot_id)))
    return conditions


def _candidates(conn: sa.Connection, bbox: BBox, filters: Filters, below_target: bool = False) -> pd.DataFrame:
    """Current plots whose shape intersects ``bbox`` (index lookup, then the exact test): vid, plot_id, area_ha."""
    west, south, east, north = bbox
    p = db.plots
    conditions = _plot_selection(filters, below_target)
    if not db.is_sqlite(conn):
        envelope = sa.func.ST_MakeEnvelope(west, south, east, north, 4326)
        query = sa.select(p.c.vid, p.c.plot_id, p.c.area_ha).where(
            sa.func.ST_Intersects(p.c.geom, envelope), *conditions
        )
        return db.frame(conn.execute(query), ["vid", "plot_id", "area_ha"])
    rtree = sa.table(
        "plots_rtree", sa.column("id"), sa.column("minx"), sa.column("maxx"), sa.column("miny"), sa.column("maxy")
    )
    query = (
        sa.select(p.c.vid, p.c.plot_id, p.c.area_ha, p.c.minx, p.c.miny, p.c.maxx, p.c.maxy)
        .join(rtree, rtree.c.id == p.c.vid)
        .where(rtree.c.minx <= east, rtree.c.maxx >= west, rtree.c.miny <= north, rtree.c.maxy >= south, *conditions)
    )
    rows = db.frame(conn.execute(query), ["vid", "plot_id", "area_ha", "minx", "miny", "maxx", "maxy"])
    # A plot whose box lies inside the view is in it; only those across its edge need their shape tested.
    inside = np.array(
        (rows["minx"] >= west) & (rows["maxx"] <= east) & (rows["miny"] >= south) & (rows["maxy"] <= north), dtype=bool
    )
    edge = rows.loc[~inside, "vid"].astype(int).tolist()
    if edge:
        shapes = dict(conn.execute(sa.select(p.c.vid, p.c.geom).where(p.c.vid.in_(edge))).all())
        crossing = shapely.intersects(shapely.from_wkb([shapes[v] for v in edge]), shapely.box(*bbox))
        inside[np.flatnonzero(~inside)[crossing]] = True
    return rows.loc[inside, ["vid", "plot_id", "area_ha"]]


def plots_in_bbox(
    bind: Bind, bbox: BBox, limit: int = 2000, filters: Filters = NO_FILTERS, below_target: bool = False
) -> tuple[gpd.GeoDataFrame, int]:
    """Up to ``limit`` current plots intersecting ``bbox``, largest first, with their figures, and how many
    intersect it in all. ``species`` lists the plot's species, most planted first, joined by ', '; ``last_survey``
    is the date of its latest survey (None before any); ``written_off`` the trees planted on its plantings written
    off by act and ``acts`` those acts (`geo.writeoffs.acts_by_plot`; NaN for a plot with none)."""
    with connect(bind) as conn:
        hits = _candidates(conn, bbox, filters, below_target)
        total = len(hits)
        chosen = hits.sort_values(["area_ha", "plot_id"], ascending=[False, True]).head(limit)
        if chosen.empty:
            return gpd.GeoDataFrame({c: [] for c in MAP_PLOT_FIELDS}, geometry=[], crs=4326), total
        p, s, t = db.plots, db.plot_stats, db.plantings
        vids = [int(v) for v in chosen["vid"]]
        columns = [p.c[c] for c in PLOT_STORED]
        ids = chosen["plot_id"].tolist()
        surveyed = progress.last_surveys(ids).subquery()
        lost = writeoffs.planted_by_plot(ids).subquery()
        query = (
            sa.select(
                *columns,
                *[sa.func.coalesce(s.c[f], 0).label(f) for f in PLOT_FIGURES],
                surveyed.c.last_survey,
                sa.func.coalesce(lost.c.written_off, 0).label("written_off"),
                db.geom_wkb(p.c.geom, conn).label("wkb"),
            )
            .outerjoin(s, s.c.plot_id == p.c.plot_id)
            .outerjoin(surveyed, surveyed.c.plot_id == p.c.plot_id)
            .outerjoin(lost, lost.c.plot_id == p.c.plot_id)
            .where(p.c.vid.in_(vids))
        )
        rows = db.frame(conn.execute(query), [*PLOT_STORED, *PLOT_FIGURES, "last_survey", "written_off", "wkb"])
        acts = writeoffs.acts(conn, rows.loc[rows["written_off"] > 0, "plot_id"].tolist())
        species = db.frame(
            conn.execute(
                sa.select(t.c.plot_id, t.c.species, sa.func.sum(t.c.planted).label("planted"))
                .where(current(t), t.c.plot_id.in_(rows["plot_id"].tolist()))
                .group_by(t.c.plot_id, t.c.species)
            ),
            ["plot_id", "species", "planted"],
        )
    listed = (
        species.sort_values(["plot_id", "planted", "species"], ascending=[True, False, True])
        .groupby("plot_id")["species"]
        .agg(LIST_SEPARATOR.join)
    )
    rows["species"] = rows["plot_id"].map(listed)
    rows["last_survey"] = [None if pd.isna(d) else pd.Timestamp(d).date() for d in rows["last_survey"]]
    rows["acts"] = rows["plot_id"].map(writeoffs.acts_by_plot(acts))
    rows = rows.sort_values(["area_ha", "plot_id"], ascending=[False, True], ignore_index=True)
    geometry = gpd.GeoSeries(shapely.from_wkb([bytes(b) for b in rows.pop("wkb")]), crs=4326)
    frame = gpd.GeoDataFrame(rows.astype(dict.fromkeys((*PLOT_FIGURES, "written_off"), "int64")), geometry=geometry)
    return frame[list(MAP_PLOT_COLUMNS)], total


def region_aggregates(
    bind: Bind, filters: Filters = NO_FILTERS, below_target: bool = False, figures: dict[str, Any] | None = None
) -> pd.DataFrame:
    """Per region with plots: region, plots, planted, surviving, surveyed_planted, area_ha, lon/lat (the mean centre
    of its plots), and the region's estimated surviving trees with its 95 % interval as the summary gives it
    (geo.progress.region_estimates: estimate, estimate_low, estimate_high, and estimate_reason where there is none).
    With ``below_target``, the figures and places are those of its plots below the target; the estimate stays the
    region's. ``figures``: the summary under ``filters`` when the caller has it already (the estimate is its cost)."""
    with connect(bind) as conn:
        if below_target:
            frame = _plot_sums(conn, {"region": db.plots.c.region}, _plot_selection(filters, below_target))
        else:
            frame = _region_sums(conn, filters)
        estimates = progress.region_estimates(figures or progress.summary(conn, filters))
    frame = frame[frame["plots"] > 0]
    estimates = estimates.rename(columns={"low": "estimate_low", "high": "estimate_high"})
    frame = frame.merge(estimates[["region", *REGION_ESTIMATE]], on="region", how="left")
    columns = ["region", "plots", *PLOT_FIGURES, "area_ha", "lon", "lat", *REGION_ESTIMATE]
    return frame[columns].sort_values("region", ignore_index=True)


REGION_ESTIMATE = ("estimate", "estimate_low", "estimate_high", "estimate_reason")


def _region_sums(conn: sa.Connection, filters: Filters) -> pd.DataFrame:
    """Plots, figures, area and mean centre per region from the aggregate tables."""
    cube = db.cube_plantings
    plots = plot_totals(conn, ["region"], filters)
    figures = db.frame(
        conn.execute(
            sa.select(cube.c.region, *[sa.func.sum(cube.c[f]).label(f) for f in PLOT_FIGURES])
            .where(*cube_conditions(filters))
            .group_by(cube.c.region)
        ),
        ["region", *PLOT_FIGURES],
    )
    frame = plots.merge(figures, on="region", how="left").fillna(dict.fromkeys(PLOT_FIGURES, 0))
    frame = frame[frame["plots"] > 0].astype(dict.fromkeys(PLOT_FIGURES, "int64"))
    frame["lon"] = frame.pop("sum_lon") / frame["plots"]
    frame["lat"] = frame.pop("sum_lat") / frame["plots"]
    return frame


def _plot_sums(
    conn: sa.Connection, group: Mapping[str, sa.ColumnElement], conditions: list[sa.ColumnElement[bool]]
) -> pd.DataFrame:
    """Per ``group`` (name -> expression over plots) of the plots meeting ``conditions``: lon, lat (mean of the
    centres), plots, the plots' figures (plot_stats) and area_ha, ordered by the group."""
    p, s = db.plots, db.plot_stats
    keys = [expression.label(name) for name, expression in group.items()]
    query = (
        sa.select(
            *keys,
            sa.func.avg(p.c.lon).label("lon"),
            sa.func.avg(p.c.lat).label("lat"),
            sa.func.count().label("plots"),
            *[sa.func.coalesce(sa.func.sum(s.c[f]), 0).label(f) for f in PLOT_FIGURES],
            sa.func.sum(p.c.area_ha).label("area_ha"),
        )
        .outerjoin(s, s.c.plot_id == p.c.plot_id)
        .where(*conditions)
        .group_by(*group.values())
        .order_by(*group.values())
    )
    frame = db.frame(conn.execute(query), [*group, "lon", "lat", "plots", *PLOT_FIGURES, "area_ha"])
    types = {"plots": "int64", **dict.fromkeys(PLOT_FIGURES, "int64"), "lon": "float64", "lat": "float64"}
    return frame.astype({**types, "area_ha": "float64"})


def grid_aggregates(
    bind: Bind, bbox: BBox | None, cell: float, filters: Filters = NO_FILTERS, below_target: bool = False
) -> pd.DataFrame:
    """Per ``cell``-degree cell (cells aligned on multiples of ``cell``) holding plot centres in ``bbox``:
    gx, gy (cell indices), lon, lat (mean of the centres), plots, planted, surviving, surveyed_planted, area_ha."""
    p = db.plots
    conditions = _plot_selection(filters, below_target)
    if bbox is not None:
        west, south, east, north = bbox
        conditions += [p.c.lon.between(west, east), p.c.lat.between(south, north)]
    group = {"gx": sa.func.floor(p.c.lon / cell), "gy": sa.func.floor(p.c.lat / cell)}
    with connect(bind) as conn:
        frame = _plot_sums(conn, group, conditions)
    return frame.astype({"gx": "int64", "gy": "int64"})


def species_ranking(bind: Bind, filters: Filters = NO_FILTERS) -> list[str]:
    """Species, most planted first."""
    cube = db.cube_plantings
    planted = sa.func.sum(cube.c.planted)
    with connect(bind) as conn:
        return list(
            conn.execute(
                sa.select(cube.c.species)
                .where(*cube_conditions(filters))
                .group_by(cube.c.species)
                .order_by(planted.desc(), cube.c.species)
            ).scalars()
        )


def plots_extent(bind: Bind, filters: Filters = NO_FILTERS) -> BBox | None:
    """The box around the current plots of the filtered regions and partners (west, south, east, north), None
    when no plot matches: where the map looks when a reader picks a region."""
    p = db.plots
    query = sa.select(sa.func.min(p.c.minx), sa.func.min(p.c.miny), sa.func.max(p.c.maxx), sa.func.max(p.c.maxy)).where(
        current(p), *plot_conditions(p, filters)
    )
    with connect(bind) as conn:
        west, south, east, north = conn.execute(query).one()
    return None if west is None else (float(west), float(south), float(east), float(north))


def plots_extent_of(bind: Bind, plot_ids: Iterable[str]) -> BBox | None:
    """The box around the current plots of these ids (west, south, east, north), None when none is in the store:
    where the map looks for the plots a plantings or surveys file names."""
    p = db.plots
    with connect(bind) as conn:
        db.temp_table(conn, "_extent_ids", "plot_id TEXT", [(plot_id,) for plot_id in set(plot_ids)])
        ids = sa.table("_extent_ids", sa.column("plot_id"))
        query = sa.select(
            sa.func.min(p.c.minx), sa.func.min(p.c.miny), sa.func.max(p.c.maxx), sa.func.max(p.c.maxy)
        ).where(current(p), p.c.plot_id.in_(sa.select(ids.c.plot_id)))
        west, south, east, north = conn.execute(query).one()
    return None if west is None else (float(west), float(south), float(east), float(north))


class StoreSource:
    """The map's figures straight from the store (``geo.mapview.MapSource``), optionally filtered, and with
    ``below_target`` only the surveyed plots below the survival target. ``figures`` (the summary under the same
    filters) saves the regions' estimates a second computation."""

    def __init__(
        self,
        engine: Engine,
        filters: Filters = NO_FILTERS,
        below_target: bool = False,
        figures: dict[str, Any] | None = None,
    ) -> None:
        self.engine = engine
        self.filters = filters
        self.below_target = below_target
        self.figures = figures  # progress.summary under ``filters``, when the page has it already

    def regions(self) -> pd.DataFrame:
        return region_aggregates(self.engine, self.filters, self.below_target, self.figures)

    def grid(self, bbox: BBox | None, cell: float) -> pd.DataFrame:
        return grid_aggregates(self.engine, bbox, cell, self.filters, self.below_target)

    def plots(self, bbox: BBox, limit: int) -> tuple[gpd.GeoDataFrame, int]:
        return plots_in_bbox(self.engine, bbox, limit, self.filters, self.below_target)

    def species_ranking(self) -> list[str]:
        return species_ranking(self.engine, self.filters)
