"""Plots: rule 7 for an upload of plots, their new versions, and the overlap warnings (double counts)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from itertools import repeat
from typing import Any

import numpy as np
import pandas as pd
import shapely
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from geo import db
from geo.columns import (
    PLOT_BOUNDS,
    PLOT_MEASURED,
    PLOT_PROPERTIES,
)
from geo.geometry import GEOD
from geo.queries import current_sql
from geo.store.aggregates import _move_plantings, _refresh_cube_plots
from geo.store.batches import ImportResult
from geo.store.versions import CHUNK_ROWS, _analyze, _confirm, _nullable, _supersede

OVERLAP_WARN_SHARE = 0.10  # a plot covering more than this share of another's area (or its own) is a double count
SAME_POINT_METRES = 1.0  # two point plots nearer than this are given at one place: a double count
# How much overlap measuring one check may do, from the store and within the upload each: 1 500 plots stacked at
# one place make 1.1 million pairs. A pair costs PAIR_COST plus its vertices / 10 (about 10 µs a unit: GEOS's
# overlay of two 65-vertex circles on one another takes 150 µs, of two boxes 20 µs); past the budget, the plots
# left are said to be unchecked (one warning) rather than measured. Ordinary files of neighbouring plots (a few
# neighbours each) stay far below it.
OVERLAP_BUDGET = 150_000
PAIR_COST = 1.0
MAX_NEIGHBOUR_ROWS = 200_000  # (plot, stored neighbour) rows read from the store before the budget is applied
QUERY_PAIRS = 4_000_000  # box pairs one query of the upload's tree may return
# The plot columns whose statistics the queries after a plot write need. PostGIS's geometry statistics are most of
# the cost of a full ANALYZE; autovacuum gathers them after the commit.
PLOT_STATISTICS = "plot_id, region, partner, created_batch, superseded_batch"


def _import_plots(conn: Connection, batch_id: int, plots: pd.DataFrame, result: ImportResult) -> None:
    """Write an upload of plots. Its shapes are taken from ``plots`` (its geometry is None once read): a national
    file's GEOS shapes are the most an import holds, and the store needs them only as WKB and figures."""
    shapes = _Shapes.of(plots.geometry.to_numpy())  # MultiPolygons, as validation leaves them
    incoming = pd.DataFrame(
        {
            "row": plots["row"].to_numpy(),
            "plot_id": _nullable(plots["plot_id"]),
            **{name: _nullable(plots[name]) for name in PLOT_PROPERTIES},
            "area_ha": plots["area_ha"].astype(float).to_numpy(),
            "point": plots["point"].to_numpy(dtype=bool).tolist(),
            **{name: shapes.bounds[:, i] for i, name in enumerate(PLOT_BOUNDS)},
        }
    )
    # A point plot's centre is the point given; an outline's its centroid.
    given = plots["point"].to_numpy(dtype=bool)
    incoming["lon"] = np.where(given, plots["lon"].to_numpy(dtype=float), shapes.centres[:, 0])
    incoming["lat"] = np.where(given, plots["lat"].to_numpy(dtype=float), shapes.centres[:, 1])
    with ThreadPoolExecutor(max_workers=1) as pool:
        # GEOS releases the GIL, so the overlaps are measured in the pool beside the database work here.
        _write_plots(conn, batch_id, incoming, shapes, result, pool)


@dataclass
class _Shapes:
    """An upload's shapes as the store needs them, without holding them as GEOS geometries (a small plot's WKB is a
    quarter of its MultiPolygon): WKB as the store keeps it, boxes, centroids and vertices, by position."""

    wkb: np.ndarray
    bounds: np.ndarray  # minx, miny, maxx, maxy
    centres: np.ndarray  # the centroid's x, y
    vertices: np.ndarray

    @classmethod
    def of(cls, geoms: np.ndarray) -> _Shapes:
        """``geoms`` read CHUNK_ROWS at a time, each chunk let go of (None) once read."""
        n = len(geoms)
        found = cls(np.empty(n, dtype=object), np.empty((n, 4)), np.empty((n, 2)), np.empty(n, dtype=np.int64))
        for start in range(0, n, CHUNK_ROWS):
            part = slice(start, start + CHUNK_ROWS)
            found.wkb[part] = _wkb(geoms[part])
            found.bounds[part] = shapely.bounds(geoms[part])
            centroids = shapely.centroid(geoms[part])
            found.centres[part] = np.column_stack([shapely.get_x(centroids), shapely.get_y(centroids)])
            found.vertices[part] = shapely.get_num_coordinates(geoms[part])
            geoms[part] = None
        return found

    def at(self, positions: np.ndarray) -> np.ndarray:
        """The shapes at ``positions``, made again from their WKB."""
        return shapely.from_wkb(self.wkb[positions])

    def boxes(self, positions: np.ndarray) -> np.ndarray:
        """A stand-in with the same box for each shape at ``positions`` (its box's diagonal, half a MultiPolygon's
        size), for an STRtree, which sees boxes alone."""
        corners = self.bounds[positions].reshape(-1, 2, 2)
        return shapely.linestrings(corners)


def _write_plots(
    conn: Connection,
    batch_id: int,
    incoming: pd.DataFrame,
    shapes: _Shapes,
    result: ImportResult,
    pool: ThreadPoolExecutor,
) -> None:
    """Sort the upload into new, updated and unchanged plots, then write the new versions, the overlap warnings
    (found in ``pool`` while the rows are written) and the aggregates."""
    existing = _current_plots(conn, incoming["plot_id"].tolist())
    ids = incoming["plot_id"].tolist()
    status, old_vids = ["new"] * len(ids), []
    if existing:
        properties = [incoming[name].tolist() for name in PLOT_PROPERTIES]
        alike = [
            i
            for i, plot_id in enumerate(ids)
            if plot_id in existing and tuple(existing[plot_id][2:-1]) == tuple(values[i] for values in properties)
        ]
        same = _same_shapes([bytes(existing[ids[i]][-1]) for i in alike], shapes.wkb[alike].tolist())
        unchanged = {i for i, kept in zip(alike, same, strict=True) if kept}
        for i, plot_id in enumerate(ids):
            if i in unchanged:
                status[i] = "unchanged"
            elif plot_id in existing:
                status[i] = "updated"
                old_vids.append(existing[plot_id][0])
    incoming["status"] = status
    result.new, result.updated, result.unchanged = (status.count(s) for s in ("new", "updated", "unchanged"))
    _confirm(conn, batch_id, db.plots, [existing[p][0] for p, s in zip(ids, status, strict=True) if s == "unchanged"])
    changed = incoming[incoming["status"] != "unchanged"] if result.unchanged else incoming
    if changed.empty:
        return
    _supersede(conn, db.plots, old_vids, batch_id)
    # The boxes are made here, where the shapes were: glibc gives each thread its own heap.
    boxes = shapes.boxes(changed.index.to_numpy())
    overlaps = pool.submit(_overlaps, _stored_neighbours(conn, changed, shapes), changed, shapes, boxes)
    del boxes
    last_vid = _insert_plots(conn, batch_id, changed, shapes)
    if db.is_sqlite(conn):
        # Writers hold the store's lock, so the rows above the last vid are exactly the ones just written. (In
        # file order: sorting them first made the fill slower and viewport queries no faster.)
        conn.execute(
            sa.text("INSERT INTO plots_rtree SELECT vid, minx, maxx, miny, maxy FROM plots WHERE vid > :last"),
            {"last": last_vid},
        )
    found, unchecked, measured = overlaps.result()
    for code, row, params in found:
        result.report.warn(code, row, "geometry", **params)
    if unchecked:
        result.report.warn("overlaps_unchecked", None, "geometry", count=unchecked, pairs=measured)
    _analyze(conn, "plots", len(changed), PLOT_STATISTICS)
    region, partner = 2 + PLOT_PROPERTIES.index("region"), 2 + PLOT_PROPERTIES.index("partner")
    before = pd.DataFrame(
        [(p, existing[p][region], existing[p][partner]) for p in changed["plot_id"] if p in existing],
        columns=["plot_id", "region", "partner"],
    )
    after = changed[["plot_id", "region", "partner"]]
    _move_plantings(conn, before, after)
    _refresh_cube_plots(conn, {*before["region"], *after["region"]})


def _same_shapes(stored: list[bytes], uploaded: list[bytes]) -> np.ndarray:
    """Whether each stored shape (WKB) is the uploaded one: the same bytes, or the same rings begun at another
    vertex, drawn the other way round or with their parts in another order (issue 18: GIS software redraws rings
    so), which GEOS's normal form of both makes the same."""
    same = np.array([a == b for a, b in zip(stored, uploaded, strict=True)], dtype=bool)
    differ = np.flatnonzero(~same)
    if len(differ):
        ours = shapely.normalize(shapely.from_wkb([stored[i] for i in differ]))
        theirs = shapely.normalize(shapely.from_wkb([uploaded[i] for i in differ]))
        same[differ] = shapely.equals_exact(ours, theirs, 0.0)
    return same


def _any_current_plot(conn: Connection) -> bool:
    """Whether any plot is in force: an empty store has nothing to compare an upload with or overlap it."""
    return conn.exec_driver_sql(f"SELECT 1 FROM plots WHERE {current_sql()} LIMIT 1").first() is not None  # noqa: S608


def _current_plots(conn: Connection, plot_ids: list[str]) -> dict[str, Any]:
    """The versions in force of ``plot_ids``: plot_id -> (vid, plot_id, *PLOT_PROPERTIES, WKB)."""
    if not _any_current_plot(conn):
        return {}
    db.temp_table(conn, "_incoming_ids", "plot_id TEXT", [(p,) for p in plot_ids])
    cols = ", ".join(f"p.{name}" for name in PLOT_PROPERTIES)
    wkb_sql = "p.geom" if db.is_sqlite(conn) else "ST_AsBinary(p.geom, 'NDR')"
    return {
        row[1]: row
        for row in conn.exec_driver_sql(
            f"SELECT p.vid, p.plot_id, {cols}, {wkb_sql} FROM plots p JOIN _incoming_ids i ON i.plot_id = p.plot_id "  # noqa: S608
            f"WHERE {current_sql('p')}"
        )
    }


def _wkb(geoms: np.ndarray) -> np.ndarray:
    """Geometries as the store keeps them: 2D little-endian ISO WKB."""
    return shapely.to_wkb(geoms, output_dimension=2, byte_order=1, flavor="iso")


def _insert_plots(conn: Connection, batch_id: int, changed: pd.DataFrame, shapes: _Shapes) -> int:
    """Insert the new versions (their ``shapes`` at ``changed``'s index), CHUNK_ROWS at a time in the
    upload's order; returns the highest vid before them."""
    columns = ["plot_id", *PLOT_PROPERTIES, *PLOT_MEASURED, *PLOT_BOUNDS, "point"]
    last_vid = conn.exec_driver_sql("SELECT COALESCE(MAX(vid), 0) FROM plots").scalar_one()
    for start in range(0, len(changed), CHUNK_ROWS):
        chunk = changed.iloc[start : start + CHUNK_ROWS]
        wkb = shapes.wkb[chunk.index.to_numpy()].tolist()
        geom_values = wkb if db.is_sqlite(conn) else db.ewkb(wkb)
        rows = zip(*[chunk[c].tolist() for c in columns], geom_values, repeat(batch_id, len(chunk)), strict=True)
        db.bulk_insert(conn, "plots", [*columns, "geom", "created_batch"], rows)
    return last_vid


@dataclass
class _Neighbour:
    """A plot in force that an uploaded one may overlap: its id, shape, and whether it was given as a point at
    (lon, lat)."""

    plot_id: str
    shape: Any
    point: bool
    lon: float
    lat: float


def _stored_neighbours(
    conn: Connection, changed: pd.DataFrame, shapes: _Shapes
) -> tuple[list[tuple[int, _Neighbour]], int]:
    """(position in ``changed``, the other plot) for each plot in force of another id whose box meets the box of a
    new or changed plot, in upload order and within OVERLAP_BUDGET; and the position of the first plot whose
    neighbours were not all taken (``len(changed)`` when none was left out). Runs after the versions being
    replaced are superseded and before the new ones are written, so the spatial index holds just the other plots
    in force."""
    if not _any_current_plot(conn):
        return [], len(changed)
    db.temp_table(
        conn,
        "_changed_boxes",
        "position INTEGER, plot_id TEXT, minx REAL, miny REAL, maxx REAL, maxy REAL",
        list(
            zip(
                range(len(changed)),
                *(changed[c].tolist() for c in ("plot_id", "minx", "miny", "maxx", "maxy")),
                strict=True,
            )
        ),
    )
    if db.is_sqlite(conn):
        pairs_sql = (
            "SELECT c.position, p.vid, length(p.geom) / 16 FROM _changed_boxes c "
            "JOIN plots_rtree r ON r.minx <= c.maxx AND r.maxx >= c.minx AND r.miny <= c.maxy "
            "AND r.maxy >= c.miny JOIN plots p ON p.vid = r.id WHERE p.plot_id <> c.plot_id "
        )
    else:
        pairs_sql = (
            "SELECT c.position, p.vid, ST_NPoints(p.geom) FROM _changed_boxes c JOIN plots p "  # noqa: S608
            "ON p.geom && ST_MakeEnvelope(c.minx, c.miny, c.maxx, c.maxy, 4326) "
            f"WHERE {current_sql('p')} AND p.plot_id <> c.plot_id "
        )
    pairs = conn.exec_driver_sql(f"{pairs_sql}ORDER BY c.position LIMIT {MAX_NEIGHBOUR_ROWS + 1}").all()
    if not pairs:
        return [], len(changed)
    positions = np.array([pair[0] for pair in pairs], dtype=np.intp)
    vertices = np.array([pair[2] or 0 for pair in pairs], dtype=float)
    vertices += shapes.vertices[changed.index.to_numpy()[positions]]
    cutoff = _within_budget(positions, vertices, len(changed) if len(pairs) <= MAX_NEIGHBOUR_ROWS else positions[-1])
    pairs = [pair for pair in pairs if pair[0] < cutoff]
    vids = sorted({pair[1] for pair in pairs})
    if not vids:
        return [], cutoff
    db.temp_table(conn, "_neighbour_vids", "vid INTEGER", [(v,) for v in vids])
    wkb_sql = "p.geom" if db.is_sqlite(conn) else "ST_AsBinary(p.geom)"
    rows = conn.exec_driver_sql(
        f"SELECT p.vid, p.plot_id, {wkb_sql}, p.point, p.lon, p.lat FROM plots p "  # noqa: S608
        "JOIN _neighbour_vids v ON v.vid = p.vid"
    ).all()
    stored = shapely.from_wkb([bytes(row[2]) for row in rows])
    plots = {
        row[0]: _Neighbour(row[1], shape, bool(row[3]), row[4], row[5]) for row, shape in zip(rows, stored, strict=True)
    }
    return [(pair[0], plots[pair[1]]) for pair in pairs], cutoff


def _within_budget(positions: np.ndarray, vertices: np.ndarray, cutoff: int) -> int:
    """The first position (of plots in upload order) whose pairs would take the measuring past OVERLAP_BUDGET, or
    ``cutoff`` when all of them fit; ``positions`` ascending, ``vertices`` of each pair's two plots."""
    spent = np.cumsum(PAIR_COST + vertices / 10)
    over = np.flatnonzero(spent > OVERLAP_BUDGET)
    return min(cutoff, int(positions[over[0]])) if len(over) else cutoff


def _upload_pairs(boxes: np.ndarray, vertices: np.ndarray) -> tuple[np.ndarray, np.ndarray, int]:
    """(later, earlier) positions of the uploaded plots whose boxes meet (``boxes``: a geometry with each plot's
    box, :meth:`_Shapes.boxes`; ``vertices``: each plot's), each pair once at its later plot, in upload order and
    within OVERLAP_BUDGET; and the position of the first plot whose pairs were not all taken. The tree is queried a
    slice at a time, so stacked plots (every pair meeting) cost no more than the pairs taken."""
    n = len(boxes)
    tree = shapely.STRtree(boxes)
    step = max(1, min(4096, QUERY_PAIRS // max(n, 1)))
    later: list[np.ndarray] = []
    earlier: list[np.ndarray] = []
    spent = 0.0
    cutoff = n
    for start in range(0, n, step):
        mine, theirs = tree.query(boxes[start : start + step])
        mine = mine + start
        keep = theirs < mine
        mine, theirs = mine[keep], theirs[keep]
        order = np.argsort(mine, kind="stable")
        mine, theirs = mine[order], theirs[order]
        costs = PAIR_COST + (vertices[mine] + vertices[theirs]) / 10
        total = np.cumsum(costs) + spent
        over = np.flatnonzero(total > OVERLAP_BUDGET)
        if len(over):
            cutoff = int(mine[over[0]])
            later.append(mine[mine < cutoff])
            earlier.append(theirs[mine < cutoff])
            break
        later.append(mine)
        earlier.append(theirs)
        spent = float(total[-1]) if len(total) else spent
    empty = np.empty(0, dtype=np.intp)
    return (np.concatenate(later), np.concatenate(earlier), cutoff) if later else (empty, empty, cutoff)


def _overlaps(
    stored: tuple[list[tuple[int, _Neighbour]], int], changed: pd.DataFrame, shapes: _Shapes, boxes: np.ndarray
) -> tuple[list[tuple[str, int, dict[str, Any]]], int, int]:
    """(code, row, params) of a warning for each new or changed plot that may count the ground of a plot of
    another id again: the ``stored`` neighbours (:func:`_stored_neighbours`), and pairs within the upload
    (:func:`_upload_pairs`), each reported once at the later feature; then how many plots were left unchecked
    (past either's OVERLAP_BUDGET) and how many pairs were measured. Two outlines overlap (``overlap``) by > 10 %
    of either's area; a point plot's circle only stands for its area, so a point overlaps an outline when it lies
    in it (``point_in_plot``), and another point when both are at one place (``same_point``)."""
    neighbours, stored_cutoff = stored
    positions = changed.index.to_numpy()
    later, earlier, upload_cutoff = _upload_pairs(boxes, shapes.vertices[positions])
    unchecked = len(changed) - min(stored_cutoff, upload_cutoff)
    mine = np.array([pair[0] for pair in neighbours] + later.tolist(), dtype=np.intp)
    if not len(mine):
        return [], unchecked, 0
    ids, points = changed["plot_id"].to_numpy(), changed["point"].to_numpy(dtype=bool)
    xy = changed[["lon", "lat"]].to_numpy(dtype=float)
    others = np.array([n.plot_id for _, n in neighbours] + ids[earlier].tolist(), dtype=object)
    ours = shapes.at(positions[mine])
    theirs = np.array([n.shape for _, n in neighbours] + list(shapes.at(positions[earlier])), dtype=object)
    their_points = np.array([n.point for _, n in neighbours] + points[earlier].tolist(), dtype=bool)
    their_xy = np.array([(n.lon, n.lat) for _, n in neighbours] + xy[earlier].tolist(), dtype=float).reshape(-1, 2)
    my_points, my_xy = points[mine], xy[mine]
    share = np.zeros(len(mine))
    outlines = ~my_points & ~their_points
    share[outlines] = _shared(ours[outlines], theirs[outlines])
    one = my_points != their_points  # the point of one in the outline of the other
    where = np.where(my_points[one, None], my_xy[one], their_xy[one])
    outline = np.where(my_points[one], theirs[one], ours[one])
    inside = np.zeros(len(mine), dtype=bool)
    inside[one] = shapely.intersects_xy(outline, where[:, 0], where[:, 1])
    both = my_points & their_points
    _, _, metres = GEOD.inv(my_xy[both, 0], my_xy[both, 1], their_xy[both, 0], their_xy[both, 1])
    together = np.zeros(len(mine), dtype=bool)
    together[both] = np.asarray(metres) < SAME_POINT_METRES
    rows = changed["row"].to_numpy()
    found: list[tuple[str, int, dict[str, Any]]] = []
    for k, i in enumerate(mine.tolist()):
        row, plot_id, other = int(rows[i]), ids[i], others[k]
        if outlines[k] and share[k] > OVERLAP_WARN_SHARE:
            percent = round(float(share[k]) * 100)
            found.append(("overlap", row, {"plot_id": plot_id, "other": other, "percent": percent}))
        elif inside[k]:
            point, plot = (plot_id, other) if my_points[k] else (other, plot_id)
            found.append(("point_in_plot", row, {"point": point, "plot": plot}))
        elif together[k]:
            found.append(("same_point", row, {"plot_id": plot_id, "other": other}))
    return found, unchecked, len(mine)


def _shared(ours: np.ndarray, theirs: np.ndarray) -> np.ndarray:
    """The share of either's area (the larger) that each pair of outlines shares."""
    same = shapely.equals_exact(ours, theirs, 0.0)  # one plot on another (the costliest overlay): all shared
    shared = np.zeros(len(ours))
    shared[~same] = shapely.area(shapely.intersection(ours[~same], theirs[~same]))
    shared[same] = shapely.area(ours[same])
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.maximum(shared / shapely.area(ours), shared / shapely.area(theirs))
