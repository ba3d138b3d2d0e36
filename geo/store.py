"""Batches you can trust: import an upload as one all-or-nothing batch, preview it, roll it back, list history.

Plots and plantings are versioned. A record already in the store with the same values is *unchanged*; the same key
with other values makes a new version (the old one is kept, superseded by the batch); anything else is *new*
(DATA-CONTRACT rule 7). Rolling a batch back deletes the versions it created and restores the ones it superseded.
The aggregates that figures are read from (plot_stats, cube_plantings, cube_plots) change in the same transaction:
what a write adds is added to them and what it takes away is subtracted, so a season's upload into a large store
costs what the upload costs, not a recount of the store.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, date, datetime
from itertools import repeat
from typing import Any

import numpy as np
import pandas as pd
import shapely
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from geo import db
from geo.columns import (
    FIGURE_SUMS,
    PLANTING_FIELDS,
    PLANTING_KEY,
    PLOT_BOUNDS,
    PLOT_MEASURED,
    PLOT_PROPERTIES,
    SURVEY_KEY,
    SURVEY_VALUES,
)
from geo.geometry import GEOD
from geo.i18n import fmt_int, message, t
from geo.progress import summary
from geo.queries import connect, current, current_sql
from geo.readers import gc_paused
from geo.report import Problem, Report

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
ANALYZE_AFTER_ROWS = 500
# The plot columns whose statistics the queries after a plot write need. PostGIS's geometry statistics are most of
# the cost of a full ANALYZE; autovacuum gathers them after the commit.
PLOT_STATISTICS = "plot_id, region, partner, created_batch, superseded_batch"


@dataclass
class ImportResult:
    """What an import (or its preview) did. ``batch`` is the new batch, or the one that already has these bytes."""

    report: Report
    batch: int | None = None
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    already: bool = False
    committed: bool = False
    before: dict[str, Any] | None = None  # preview only: summary figures before and after the upload
    after: dict[str, Any] | None = None

    @property
    def kind(self) -> str:
        return self.report.kind

    def to_json(self, lang: str = "en") -> dict[str, Any]:
        """The contract's ``import --json`` object, with the counts added."""
        return self.report.to_json(
            lang,
            batch=self.batch,
            new=self.new,
            updated=self.updated,
            unchanged=self.unchanged,
            skipped=self.skipped,
            already=self.already,
        )


@dataclass
class Batch:
    """One committed upload as history shows it."""

    id: int
    kind: str
    filename: str
    sha256: str
    user: str | None
    created_at: datetime
    rows: int
    new: int
    updated: int
    unchanged: int
    skipped: int
    report: Report
    rolled_back_at: datetime | None = None
    rolled_back_by: str | None = None

    @property
    def active(self) -> bool:
        return self.rolled_back_at is None

    def counts_text(self, lang: str) -> str:
        """Rows, new, updated, unchanged and skipped records, as one sentence in ``lang``."""
        return t(
            "batch_counts",
            lang,
            rows=fmt_int(self.rows, lang),
            new=fmt_int(self.new, lang),
            updated=fmt_int(self.updated, lang),
            unchanged=fmt_int(self.unchanged, lang),
            skipped=fmt_int(self.skipped, lang),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "batch": self.id,
            "kind": self.kind,
            "filename": self.filename,
            "sha256": self.sha256,
            "user": self.user,
            "created_at": self.created_at.isoformat(),
            "rows": self.rows,
            "new": self.new,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
            "errors": len(self.report.errors),
            "warnings": len(self.report.warnings),
            "rolled_back_at": self.rolled_back_at.isoformat() if self.rolled_back_at else None,
            "rolled_back_by": self.rolled_back_by,
        }


@dataclass
class RollbackResult:
    """A rollback done (``problem`` None) or refused with the reason as a translatable problem."""

    batch: int
    problem: Problem | None = None
    removed: int = 0  # versions the batch created, now deleted
    restored: int = 0  # versions it had superseded, current again

    @property
    def ok(self) -> bool:
        return self.problem is None

    def explain(self, lang: str = "en") -> str:
        """What happened, in ``lang``: done, or why not."""
        if self.problem is None:
            return t("rollback_done", lang, batch=self.batch)
        return message(self.problem.code, lang, **self.problem.params)


class _Rejected(Exception):
    """Raised inside a write transaction to undo it; the result says why."""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def import_file(
    engine: Engine,
    data: bytes,
    filename: str,
    kind: str | None = None,
    user: str | None = None,
    skip_invalid: bool = False,
    sheet: str | None = None,
    today: date | None = None,
    layer: str | None = None,
) -> ImportResult:
    """Validate ``data`` and commit it as one batch, all or nothing.

    The same bytes as an active batch change nothing and return that batch (``already``). Any error rejects the
    whole file unless ``skip_invalid``, which imports the valid rows and records the skipped ones in the report.
    """
    return _run(engine, data, filename, kind, user, skip_invalid, sheet, today, layer, commit=True)


def preview(
    engine: Engine,
    data: bytes,
    filename: str,
    kind: str | None = None,
    user: str | None = None,
    skip_invalid: bool = False,
    sheet: str | None = None,
    today: date | None = None,
    layer: str | None = None,
) -> ImportResult:
    """Everything :func:`import_file` does except keeping it: counts, warnings, and figures before and after."""
    return _run(engine, data, filename, kind, user, skip_invalid, sheet, today, layer, commit=False)


def check(
    engine: Engine,
    data: bytes,
    filename: str,
    kind: str | None = None,
    sheet: str | None = None,
    today: date | None = None,
    layer: str | None = None,
) -> ImportResult:
    """What :func:`import_file` would report for ``data``, against this store: the same errors and warnings at the
    same rows (``unknown_plot``, overlaps with stored plots) and rule 7's counts. The import runs in a transaction
    that is rolled back, so nothing is written and the writer's lock is held only while it runs."""
    return _run(engine, data, filename, kind, None, False, sheet, today, layer, commit=False, figures=False)


@gc_paused()  # an import makes hundreds of thousands of short-lived rows, none of them in a cycle
def _run(
    engine: Engine,
    data: bytes,
    filename: str,
    kind: str | None,
    user: str | None,
    skip_invalid: bool,
    sheet: str | None,
    today: date | None,
    layer: str | None,
    commit: bool,
    figures: bool = True,
) -> ImportResult:
    from geo.validate import paired_rows, validate_file  # noqa: PLC0415 - validation imports heavy libraries

    digest = sha256(data)
    with engine.connect() as conn:
        existing = _active_batch_with(conn, digest)
    if existing is not None:
        return existing
    validated = validate_file(data, filename, kind=kind, sheet=sheet, today=today, layer=layer)
    report = validated.report
    result = ImportResult(report)
    if not _acceptable(report, skip_invalid):
        return result
    records = {"plots": validated.plots, "plantings": validated.plantings, "surveys": validated.surveys}[report.kind]
    paired = paired_rows(report)  # the first rows of conflicting pairs: skipped with the rows that conflict
    if paired and records is not None:
        records = records[~records["row"].isin(paired).to_numpy()].reset_index(drop=True)
    try:
        with db.write_transaction(engine) as conn:
            existing = _active_batch_with(conn, digest)
            if existing is not None:
                db.undo(conn)
                return existing
            if not commit and figures:
                result.before = summary(conn)
            batch_id = _insert_batch(conn, report, filename, digest, user)
            {"plots": _import_plots, "plantings": _import_plantings, "surveys": _import_surveys}[report.kind](
                conn, batch_id, records, result
            )
            if not _acceptable(report, skip_invalid) or result.new + result.updated + result.unchanged == 0:
                raise _Rejected
            result.skipped = len({p.row for p in report.errors if p.row is not None} | paired)
            report.sort()
            _finish_batch(conn, batch_id, result)
            if commit:
                result.batch, result.committed = batch_id, True
            else:
                result.after = summary(conn) if figures else None
                db.undo(conn)
    except _Rejected:
        result.new = result.updated = result.unchanged = 0
    return result


def _acceptable(report: Report, skip_invalid: bool) -> bool:
    return report.unreadable is None and (report.ok or skip_invalid)


def _active_batch_with(conn: Connection, digest: str) -> ImportResult | None:
    row = (
        conn.execute(sa.select(db.batches).where(db.batches.c.sha256 == digest, db.batches.c.rolled_back_at.is_(None)))
        .mappings()
        .first()
    )
    if row is None:
        return None
    batch = _batch(row)
    return ImportResult(
        batch.report,
        batch=batch.id,
        new=0,
        updated=0,
        unchanged=batch.new + batch.updated + batch.unchanged,
        skipped=batch.skipped,
        already=True,
    )


def _insert_batch(conn: Connection, report: Report, filename: str, digest: str, user: str | None) -> int:
    """A new batch row numbered after the last one. Writers hold the store's lock, so numbers are unique, and
    unlike a sequence they leave no gaps when a preview or a rejected upload is undone."""
    next_id = conn.execute(sa.select(sa.func.coalesce(sa.func.max(db.batches.c.id), 0) + 1)).scalar_one()
    values = {
        "id": next_id,
        "kind": report.kind,
        "filename": filename,
        "sha256": digest,
        "created_by": user,
        "created_at": datetime.now(UTC),
        "row_count": report.rows,
        "n_new": 0,
        "n_updated": 0,
        "n_unchanged": 0,
        "n_skipped": 0,
        "report": {},
    }
    return conn.execute(sa.insert(db.batches).values(values).returning(db.batches.c.id)).scalar_one()


def _finish_batch(conn: Connection, batch_id: int, result: ImportResult) -> None:
    conn.execute(
        sa.update(db.batches)
        .where(db.batches.c.id == batch_id)
        .values(
            n_new=result.new,
            n_updated=result.updated,
            n_unchanged=result.unchanged,
            n_skipped=result.skipped,
            report=result.report.to_dict(),
        )
    )


# --- plots -----------------------------------------------------------------------------------------------------


def _objects(values: Iterable[object]) -> pd.Series:
    """Python values kept as they are (pandas would turn None into NaN in a string column)."""
    return pd.Series(list(values), dtype=object)


def _nullable(column: pd.Series) -> pd.Series:
    """A column as Python objects with None (not NaN) where missing, as the database and comparisons want."""
    return column.astype(object).where(column.notna().to_numpy(), None).reset_index(drop=True)


def _import_plots(conn: Connection, batch_id: int, plots: pd.DataFrame, result: ImportResult) -> None:
    geoms = plots.geometry.to_numpy()  # MultiPolygons, as validation leaves them
    with ThreadPoolExecutor(max_workers=1) as pool:
        # GEOS releases the GIL, so shapely work in the pool runs beside Python and database work here.
        centroids = pool.submit(shapely.centroid, geoms)
        wkb = shapely.to_wkb(geoms, output_dimension=2, byte_order=1, flavor="iso")
        bounds = shapely.bounds(geoms)
        incoming = pd.DataFrame(
            {
                "row": plots["row"].to_numpy(),
                "plot_id": _nullable(plots["plot_id"].astype(str)),
                **{name: _nullable(plots[name]) for name in PLOT_PROPERTIES},
                "area_ha": plots["area_ha"].astype(float).to_numpy(),
                "point": plots["point"].to_numpy(dtype=bool).tolist(),
                "wkb": wkb,
                "minx": bounds[:, 0],
                "miny": bounds[:, 1],
                "maxx": bounds[:, 2],
                "maxy": bounds[:, 3],
            }
        )
        centres = centroids.result()
        # A point plot's centre is the point given; an outline's its centroid.
        given = plots["point"].to_numpy(dtype=bool)
        incoming["lon"] = np.where(given, plots["lon"].to_numpy(dtype=float), shapely.get_x(centres))
        incoming["lat"] = np.where(given, plots["lat"].to_numpy(dtype=float), shapely.get_y(centres))
        _write_plots(conn, batch_id, incoming, geoms, result, pool)


def _write_plots(
    conn: Connection,
    batch_id: int,
    incoming: pd.DataFrame,
    geoms: np.ndarray,
    result: ImportResult,
    pool: ThreadPoolExecutor,
) -> None:
    """Sort the upload into new, updated and unchanged plots, then write the new versions, the overlap warnings
    (found in ``pool`` while the rows are written) and the aggregates."""
    existing = _current_plots(conn, incoming["plot_id"].tolist())
    ids, wkbs = incoming["plot_id"].tolist(), incoming["wkb"].tolist()
    status, old_vids = ["new"] * len(ids), []
    if existing:
        properties = [incoming[name].tolist() for name in PLOT_PROPERTIES]
        alike = [
            i
            for i, plot_id in enumerate(ids)
            if plot_id in existing and tuple(existing[plot_id][2:-1]) == tuple(values[i] for values in properties)
        ]
        same = _same_shapes([bytes(existing[ids[i]][-1]) for i in alike], [wkbs[i] for i in alike])
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
    overlaps = pool.submit(_overlaps, _stored_neighbours(conn, changed, geoms), changed, geoms)
    last_vid = _insert_plots(conn, batch_id, changed)
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


def _insert_plots(conn: Connection, batch_id: int, changed: pd.DataFrame) -> int:
    """Insert the new versions; returns the highest vid before them."""
    geom_values = changed["wkb"].tolist() if db.is_sqlite(conn) else db.ewkb(changed["wkb"].tolist())
    columns = ["plot_id", *PLOT_PROPERTIES, *PLOT_MEASURED, *PLOT_BOUNDS, "point"]
    rows = zip(*[changed[c].tolist() for c in columns], geom_values, repeat(batch_id, len(changed)), strict=True)
    last_vid = conn.exec_driver_sql("SELECT COALESCE(MAX(vid), 0) FROM plots").scalar_one()
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
    conn: Connection, changed: pd.DataFrame, geoms: np.ndarray
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
    vertices += shapely.get_num_coordinates(geoms[changed.index.to_numpy()[positions]])
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
    shapes = shapely.from_wkb([bytes(row[2]) for row in rows])
    plots = {
        row[0]: _Neighbour(row[1], shape, bool(row[3]), row[4], row[5]) for row, shape in zip(rows, shapes, strict=True)
    }
    return [(pair[0], plots[pair[1]]) for pair in pairs], cutoff


def _within_budget(positions: np.ndarray, vertices: np.ndarray, cutoff: int) -> int:
    """The first position (of plots in upload order) whose pairs would take the measuring past OVERLAP_BUDGET, or
    ``cutoff`` when all of them fit; ``positions`` ascending, ``vertices`` of each pair's two plots."""
    spent = np.cumsum(PAIR_COST + vertices / 10)
    over = np.flatnonzero(spent > OVERLAP_BUDGET)
    return min(cutoff, int(positions[over[0]])) if len(over) else cutoff


def _upload_pairs(uploaded: np.ndarray) -> tuple[np.ndarray, np.ndarray, int]:
    """(later, earlier) positions of the uploaded plots whose boxes meet, each pair once at its later plot, in
    upload order and within OVERLAP_BUDGET; and the position of the first plot whose pairs were not all taken.
    The tree is queried a slice at a time, so stacked plots (every pair meeting) cost no more than the pairs
    taken."""
    n = len(uploaded)
    tree = shapely.STRtree(uploaded)
    vertices = shapely.get_num_coordinates(uploaded)
    step = max(1, min(4096, QUERY_PAIRS // max(n, 1)))
    later: list[np.ndarray] = []
    earlier: list[np.ndarray] = []
    spent = 0.0
    cutoff = n
    for start in range(0, n, step):
        mine, theirs = tree.query(uploaded[start : start + step])
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
    stored: tuple[list[tuple[int, _Neighbour]], int], changed: pd.DataFrame, geoms: np.ndarray
) -> tuple[list[tuple[str, int, dict[str, Any]]], int, int]:
    """(code, row, params) of a warning for each new or changed plot that may count the ground of a plot of
    another id again: the ``stored`` neighbours (:func:`_stored_neighbours`), and pairs within the upload
    (:func:`_upload_pairs`), each reported once at the later feature; then how many plots were left unchecked
    (past either's OVERLAP_BUDGET) and how many pairs were measured. Two outlines overlap (``overlap``) by > 10 %
    of either's area; a point plot's circle only stands for its area, so a point overlaps an outline when it lies
    in it (``point_in_plot``), and another point when both are at one place (``same_point``)."""
    neighbours, stored_cutoff = stored
    uploaded = geoms[changed.index.to_numpy()]
    later, earlier, upload_cutoff = _upload_pairs(uploaded)
    unchecked = len(changed) - min(stored_cutoff, upload_cutoff)
    mine = np.array([pair[0] for pair in neighbours] + later.tolist(), dtype=np.intp)
    if not len(mine):
        return [], unchecked, 0
    ids, points = changed["plot_id"].to_numpy(), changed["point"].to_numpy(dtype=bool)
    xy = changed[["lon", "lat"]].to_numpy(dtype=float)
    others = np.array([n.plot_id for _, n in neighbours] + ids[earlier].tolist(), dtype=object)
    shapes = np.array([n.shape for _, n in neighbours] + list(uploaded[earlier]), dtype=object)
    their_points = np.array([n.point for _, n in neighbours] + points[earlier].tolist(), dtype=bool)
    their_xy = np.array([(n.lon, n.lat) for _, n in neighbours] + xy[earlier].tolist(), dtype=float).reshape(-1, 2)
    my_points, my_xy = points[mine], xy[mine]
    share = np.zeros(len(mine))
    outlines = ~my_points & ~their_points
    share[outlines] = _shared(uploaded[mine[outlines]], shapes[outlines])
    one = my_points != their_points  # the point of one in the outline of the other
    where = np.where(my_points[one, None], my_xy[one], their_xy[one])
    outline = np.where(my_points[one], shapes[one], uploaded[mine[one]])
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


# --- plantings ---------------------------------------------------------------------------------------------------


def _iso(values: pd.Series) -> pd.Series:
    """Dates (or None) as ISO text: how SQLAlchemy keeps them in SQLite, and comparable on both engines.
    A season's file has few distinct dates, so each is formatted once."""
    dates = values.tolist()
    text = {d: d.isoformat()[:10] for d in set(dates) if d is not None and d is not pd.NaT}
    return pd.Series([text.get(d) for d in dates], dtype=object)


def _import_plantings(conn: Connection, batch_id: int, plantings: pd.DataFrame, result: ImportResult) -> None:
    report = result.report
    incoming = pd.DataFrame(
        {
            "row": plantings["row"].to_numpy(),
            "plot_id": _nullable(plantings["plot_id"].astype(str)),
            "date": _iso(plantings["date"]),
            "species": _nullable(plantings["species"].astype(str)),
            "planted": plantings["planted"].astype("int64").to_numpy(),
            "surviving": plantings["surviving"].astype("Int64").array,
            "survey_date": _iso(plantings["survey_date"]),
        }
    )
    db.temp_table(conn, "_incoming_ids", "plot_id TEXT", [(p,) for p in incoming["plot_id"].unique().tolist()])
    places = _current_places(conn, "_incoming_ids")
    unknown = ~incoming["plot_id"].isin(places["plot_id"])
    for rec in incoming[unknown].itertuples(index=False):
        report.error("unknown_plot", rec.row, "plot_id", value=rec.plot_id)
    incoming = incoming[~unknown]
    existing = db.frame(
        conn.exec_driver_sql(
            "SELECT p.vid, p.plot_id, CAST(p.date AS TEXT), p.species, p.planted, p.surviving, "  # noqa: S608
            "CAST(p.survey_date AS TEXT), p.created_batch FROM plantings p JOIN _incoming_ids i "
            f"ON i.plot_id = p.plot_id WHERE {current_sql('p')}"
        ),
        ["vid", "plot_id", "date", "species", "old_planted", "old_surviving", "old_survey_date", "old_batch"],
    )
    existing = existing.astype(
        {
            "plot_id": object,
            "date": object,
            "species": object,
            "old_planted": "Int64",
            "old_surviving": "Int64",
            "old_survey_date": object,
        }
    )
    merged = incoming.merge(existing, how="left", on=["plot_id", "date", "species"])
    found = merged["vid"].notna().to_numpy()
    same = (
        found
        & (merged["planted"] == merged["old_planted"]).fillna(False).to_numpy(dtype=bool)
        & _same(merged["surviving"], merged["old_surviving"])
        & _same(merged["survey_date"], merged["old_survey_date"])
    )
    updated = found & ~same
    result.new, result.updated, result.unchanged = int((~found).sum()), int(updated.sum()), int(same.sum())
    _confirm_batches(conn, batch_id, merged.loc[same, "old_batch"])
    changed = merged[~same]
    if changed.empty:
        return
    replaced = merged[updated]
    _supersede(conn, db.plantings, replaced["vid"].astype("int64").tolist(), batch_id)
    surviving = _nullable(changed["surviving"].astype(object)).tolist()
    rows = list(
        zip(
            changed["plot_id"].tolist(),
            changed["date"].tolist(),
            changed["species"].tolist(),
            changed["planted"].tolist(),
            surviving,
            changed["survey_date"].tolist(),
            repeat(batch_id, len(changed)),
            strict=True,
        )
    )
    db.bulk_insert(conn, "plantings", [*PLANTING_FIELDS, "created_batch"], rows)
    _analyze(conn, "plantings", len(rows))
    fresh = changed[changed["vid"].isna()]
    own, stored = _own_surveys(changed), _current_surveys(conn, replaced)
    _warn_older(report, own, stored)
    _write_surveys(conn, batch_id, own, stored)
    _insert_latest(conn, fresh, places)
    old = replaced[["plot_id", "date", "species", "old_planted"]].rename(columns={"old_planted": "planted"})
    unsurveyed = {"surviving": pd.NA}
    _apply_deltas(
        conn,
        [
            _contributions(fresh.merge(places, on="plot_id"), 1),
            _contributions(merged[updated].assign(**unsurveyed).merge(places, on="plot_id"), 1),
            _contributions(old.assign(**unsurveyed).merge(places, on="plot_id"), -1),
            *_refresh_latest(conn, replaced),
        ],
    )


# --- surveys -----------------------------------------------------------------------------------------------------

SURVEY_FIELDS = [*SURVEY_KEY, *SURVEY_VALUES]
_SURVEY_KEY_DDL = "plot_id TEXT, date DATE, species TEXT"


def _own_surveys(plantings: pd.DataFrame) -> pd.DataFrame:
    """The full-count survey each planting record of a plantings file carries (``surviving`` on ``survey_date``)."""
    surveyed = plantings[plantings["surviving"].notna().to_numpy()]
    return pd.DataFrame(
        {
            "row": surveyed["row"].to_numpy(),
            "plot_id": surveyed["plot_id"].to_numpy(),
            "date": surveyed["date"].to_numpy(),
            "species": surveyed["species"].to_numpy(),
            "survey_date": surveyed["survey_date"].to_numpy(),
            "alive": surveyed["surviving"].astype("Int64").array,
            "counted": pd.array([pd.NA] * len(surveyed), dtype="Int64"),
            "survey": pd.Series([None] * len(surveyed), dtype=object).to_numpy(),
        }
    )


def _key_table(conn: Connection, name: str, keys: pd.DataFrame) -> None:
    """A temporary table ``name`` of distinct planting keys (plot_id, date as ISO text, species)."""
    distinct = keys[list(PLANTING_KEY)].drop_duplicates()
    db.temp_table(conn, name, _SURVEY_KEY_DDL, list(distinct.itertuples(index=False, name=None)))


def _current_surveys(conn: Connection, keys: pd.DataFrame) -> pd.DataFrame:
    """The surveys in force of the plantings in ``keys``: vid, the survey's key and values, created_batch."""
    columns = ["vid", *SURVEY_FIELDS, "old_batch"]
    if keys.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    _key_table(conn, "_survey_keys", keys)
    rows = conn.exec_driver_sql(
        "SELECT s.vid, s.plot_id, CAST(s.date AS TEXT), s.species, CAST(s.survey_date AS TEXT), s.alive, "  # noqa: S608
        "s.counted, s.survey, s.created_batch FROM surveys s JOIN _survey_keys k ON k.plot_id = s.plot_id "
        f"AND k.date = s.date AND k.species = s.species WHERE {current_sql('s')}"
    )
    frame = db.frame(rows, columns, dtype=object)
    return frame.astype({"alive": "Int64", "counted": "Int64"})


def _write_surveys(
    conn: Connection, batch_id: int, incoming: pd.DataFrame, existing: pd.DataFrame
) -> tuple[np.ndarray, np.ndarray]:
    """Rule 7 for surveys: the same planting, survey date and values are unchanged; the same planting and date with
    other values a new version; any other survey new. Writes the new versions; returns (found, same) per row."""
    key = list(SURVEY_KEY)
    left = incoming.assign(_date=incoming["survey_date"].fillna(""))
    right = existing.assign(_date=existing["survey_date"].fillna("")).drop(columns="survey_date")
    merged = left.merge(right, how="left", on=[*PLANTING_KEY, "_date"], suffixes=("", "_old"), validate="m:1")
    found = merged["vid"].notna().to_numpy()
    same = (
        found
        & _same(merged["alive"], merged["alive_old"])
        & _same(merged["counted"], merged["counted_old"])
        & _same(merged["survey"], merged["survey_old"])
    )
    _confirm_batches(conn, batch_id, merged.loc[same, "old_batch"])
    _supersede(conn, db.surveys, merged.loc[found & ~same, "vid"].astype("int64").tolist(), batch_id)
    changed = merged[~same]
    if not changed.empty:
        values = [_nullable(changed[c].astype(object)).tolist() for c in [*key, *SURVEY_VALUES]]
        db.bulk_insert(conn, "surveys", [*SURVEY_FIELDS, "created_batch"], zip(*values, repeat(batch_id), strict=False))
        _analyze(conn, "surveys", len(changed))
    return found, same


def _insert_latest(conn: Connection, fresh: pd.DataFrame, places: pd.DataFrame) -> None:
    """The latest survey of plantings new to the store: their own survey, a full count, with their plot's region
    (``places``: plot_id, region)."""
    surveyed = fresh[fresh["surviving"].notna().to_numpy()]
    if surveyed.empty:
        return
    region = surveyed["plot_id"].map(places.set_index("plot_id")["region"]).tolist()
    planted = surveyed["planted"].astype("int64").tolist()
    alive = surveyed["surviving"].astype("int64").tolist()
    year = [int(d[:4]) for d in surveyed["date"]]
    rows = zip(
        surveyed["plot_id"].tolist(),
        surveyed["date"].tolist(),
        surveyed["species"].tolist(),
        year,
        planted,
        surveyed["survey_date"].tolist(),
        alive,
        planted,
        alive,
        region,
        strict=True,
    )
    db.bulk_insert(conn, "latest_surveys", list(LATEST_COLUMNS[:-1]), rows)
    _analyze(conn, "latest_surveys", len(surveyed))


LATEST_COLUMNS = (
    "plot_id",
    "date",
    "species",
    "year",
    "planted",
    "survey_date",
    "alive",
    "counted",
    "surviving",
    "region",
    "survey",
)


def _latest_select(conn: Connection) -> str:
    """SQL of the latest survey in force (by survey date; an undated one counts as oldest) of each current planting
    listed in ``_latest_keys``, in LATEST_COLUMNS order. ``surviving`` = planted x alive / counted, rounded half up
    in whole numbers on both engines."""
    year = (
        "CAST(strftime('%Y', s.date) AS INTEGER)"
        if db.is_sqlite(conn)
        else "CAST(EXTRACT(YEAR FROM s.date) AS INTEGER)"
    )
    return (
        f"SELECT s.plot_id, s.date, s.species, {year}, t.planted, s.survey_date, s.alive, "  # noqa: S608
        "COALESCE(s.counted, t.planted), CASE WHEN s.counted IS NULL THEN s.alive WHEN s.counted = 0 THEN 0 "
        "ELSE (2 * t.planted * s.alive + s.counted) / (2 * s.counted) END, "
        f"(SELECT p.region FROM plots p WHERE p.plot_id = s.plot_id AND {current_sql('p')}), s.survey FROM ("
        "SELECT s.*, ROW_NUMBER() OVER (PARTITION BY s.plot_id, s.date, s.species "
        "ORDER BY (s.survey_date IS NULL), s.survey_date DESC, s.vid DESC) AS rank FROM surveys s "
        "JOIN _latest_keys k ON k.plot_id = s.plot_id AND k.date = s.date AND k.species = s.species "
        f"WHERE {current_sql('s')}) s JOIN plantings t ON t.plot_id = s.plot_id AND t.date = s.date "
        f"AND t.species = s.species AND {current_sql('t')} WHERE s.rank = 1"
    )


def _refresh_latest(conn: Connection, keys: pd.DataFrame) -> list[pd.DataFrame]:
    """Recompute the latest survey of the plantings in ``keys`` (after their plantings and surveys were written)
    and return what that changes in the aggregates: the survival they held taken away, the new one added."""
    if keys.empty:
        return []
    _key_table(conn, "_latest_keys", keys)
    held = (
        "SELECT l.plot_id, CAST(l.date AS TEXT), l.species, l.planted, l.surviving FROM latest_surveys l "
        "JOIN _latest_keys k ON k.plot_id = l.plot_id AND k.date = l.date AND k.species = l.species"
    )
    columns = ["plot_id", "date", "species", "planted", "surviving"]
    before = db.frame(conn.exec_driver_sql(held), columns, dtype=object)
    conn.exec_driver_sql(
        "DELETE FROM latest_surveys WHERE EXISTS (SELECT 1 FROM _latest_keys k WHERE k.plot_id = "
        "latest_surveys.plot_id AND k.date = latest_surveys.date AND k.species = latest_surveys.species)"
    )
    conn.exec_driver_sql(f"INSERT INTO latest_surveys ({', '.join(LATEST_COLUMNS)}) {_latest_select(conn)}")
    after = db.frame(conn.exec_driver_sql(held), columns, dtype=object)
    _analyze(conn, "latest_surveys", len(after))
    db.temp_table(
        conn, "_latest_ids", "plot_id TEXT", [(p,) for p in pd.concat([before, after])["plot_id"].unique().tolist()]
    )
    places = _current_places(conn, "_latest_ids")
    return [_survival_contributions(f.merge(places, on="plot_id"), sign) for f, sign in ((before, -1), (after, 1))]


def _survival_contributions(latest: pd.DataFrame, sign: int) -> pd.DataFrame:
    """What the latest surveys of plantings add to (1) or take from (-1) survival: surviving and surveyed_planted,
    with planted and record counts left to the plantings themselves."""
    return _contributions(latest, sign).assign(planted=0, records=0)


def _warn_older(report: Report, incoming: pd.DataFrame, existing: pd.DataFrame) -> None:
    """``older_survey`` at each incoming survey older than the newest one in force of its planting: it goes into the
    history and the newer one stays current."""
    newest = existing.dropna(subset=["survey_date"]).groupby(list(PLANTING_KEY))["survey_date"].max().rename("newest")
    if newest.empty:
        return
    dated = incoming.merge(newest, how="left", left_on=list(PLANTING_KEY), right_index=True)
    older = (dated["newest"].notna() & (dated["survey_date"].fillna("") < dated["newest"].fillna(""))).to_numpy()
    for rec in dated[older].itertuples(index=False):
        report.warn(
            "older_survey", int(rec.row), "survey_date", value=rec.survey_date, latest=rec.newest, plot_id=rec.plot_id
        )


def _import_surveys(conn: Connection, batch_id: int, surveys: pd.DataFrame, result: ImportResult) -> None:
    """Check each count against the planting in force (it must exist; alive ≤ counted ≤ planted), warn where a
    newer survey is already stored, then write the surveys by rule 7 and refresh the plantings' latest survey."""
    report = result.report
    incoming = pd.DataFrame(
        {
            "row": surveys["row"].to_numpy(),
            "plot_id": _nullable(surveys["plot_id"].astype(str)),
            "date": _iso(surveys["date"]),
            "species": _nullable(surveys["species"].astype(str)),
            "survey_date": _iso(surveys["survey_date"]),
            "alive": surveys["alive"].astype("Int64").array,
            "counted": surveys["counted"].astype("Int64").array,
            "survey": _nullable(surveys["survey"]),
        }
    )
    _key_table(conn, "_incoming_keys", incoming)
    planted = db.frame(
        conn.exec_driver_sql(
            "SELECT t.plot_id, CAST(t.date AS TEXT), t.species, t.planted FROM plantings t JOIN _incoming_keys k "  # noqa: S608
            f"ON k.plot_id = t.plot_id AND k.date = t.date AND k.species = t.species WHERE {current_sql('t')}"
        ),
        [*PLANTING_KEY, "planted"],
        dtype=object,
    ).astype({"planted": "Int64"})
    incoming = incoming.merge(planted, how="left", on=list(PLANTING_KEY))
    unknown = incoming["planted"].isna().to_numpy()
    flags_rows = incoming["row"].to_numpy()
    for i in np.flatnonzero(unknown).tolist():
        rec = incoming.iloc[i]
        report.error(
            "unknown_planting", int(flags_rows[i]), "plot_id", plot_id=rec.plot_id, date=rec.date, species=rec.species
        )
    known = incoming[~unknown]
    over_counted = (known["counted"] > known["planted"]).fillna(False).to_numpy(dtype=bool)
    over_alive = (known["counted"].isna() & (known["alive"] > known["planted"])).fillna(False).to_numpy(dtype=bool)
    for column, code, mask in (
        ("counted", "counted_exceeds_planted", over_counted),
        ("alive", "alive_exceeds_planted", over_alive),
    ):
        for rec in known[mask].itertuples(index=False):
            report.error(code, int(rec.row), column, value=int(getattr(rec, column)), planted=int(rec.planted))
    incoming = known[~(over_counted | over_alive)].reset_index(drop=True)
    if incoming.empty:
        return
    existing = _current_surveys(conn, incoming)
    _warn_older(report, incoming, existing)
    found, same = _write_surveys(conn, batch_id, incoming, existing)
    result.new, result.updated, result.unchanged = int((~found).sum()), int((found & ~same).sum()), int(same.sum())
    _apply_deltas(conn, _refresh_latest(conn, incoming[~same]))


def _analyze(conn: Connection, table: str, written: int, columns: str = "") -> None:
    """Refresh PostgreSQL's statistics after a bulk write, so the queries that follow in the same transaction
    (and the figures after it) get sensible plans instead of nested loops over rows it believes are not there."""
    if written >= ANALYZE_AFTER_ROWS and not db.is_sqlite(conn):
        conn.exec_driver_sql(f"ANALYZE {table} ({columns})" if columns else f"ANALYZE {table}")


def _same(a: pd.Series, b: pd.Series) -> np.ndarray:
    """Element-wise equality where two missing values are equal."""
    both_missing = (a.isna() & b.isna()).to_numpy(dtype=bool)
    equal = (a.astype(object) == b.astype(object)).to_numpy(dtype=bool)
    return both_missing | (equal & a.notna().to_numpy(dtype=bool))


# --- versions and dependencies ------------------------------------------------------------------------------------


def _temp(name: str, *columns: str) -> sa.TableClause:
    return sa.table(name, *[sa.column(c) for c in columns])


def _supersede(conn: Connection, table: sa.Table, vids: list[int], batch_id: int) -> None:
    if not vids:
        return
    db.temp_table(conn, "_old_vids", "vid INTEGER", [(v,) for v in vids])
    conn.execute(
        sa.update(table)
        .where(table.c.vid.in_(sa.select(_temp("_old_vids", "vid").c.vid)))
        .values(superseded_batch=batch_id)
    )


def _confirm(conn: Connection, batch_id: int, table: sa.Table, vids: list[int]) -> None:
    """Record which batches created the versions this batch found unchanged."""
    if not vids:
        return
    db.temp_table(conn, "_same_vids", "vid INTEGER", [(v,) for v in vids])
    same = _temp("_same_vids", "vid")
    created_by = conn.execute(sa.select(table.c.created_batch).where(table.c.vid.in_(sa.select(same.c.vid))))
    _confirm_batches(conn, batch_id, pd.Series(created_by.scalars().all(), dtype="int64"))


def _confirm_batches(conn: Connection, batch_id: int, created_by: pd.Series) -> None:
    counts = created_by.astype("int64").value_counts()
    if not counts.empty:  # a plantings file confirms its records and their surveys: add to what is there
        conn.execute(
            sa.text(
                "INSERT INTO batch_confirms (batch_id, confirmed_batch, records) VALUES (:batch_id, :confirmed, "
                ":records) ON CONFLICT (batch_id, confirmed_batch) DO UPDATE SET records = "
                "batch_confirms.records + excluded.records"
            ),
            [{"batch_id": batch_id, "confirmed": int(b), "records": int(n)} for b, n in counts.items()],
        )


# --- aggregates: kept in step by adding what a write adds and subtracting what it takes away -------------------

CUBE_KEYS = ["region", "partner", "species", "year", "month"]
SUMS = list(FIGURE_SUMS)
_KEY_TYPES = {
    "plot_id": "TEXT",
    "region": "TEXT",
    "partner": "TEXT",
    "species": "TEXT",
    "year": "INTEGER",
    "month": "INTEGER",
}


def _current_places(conn: Connection, ids_table: str) -> pd.DataFrame:
    """plot_id, region, partner ('' for none) of the current version of each plot listed in ``ids_table``."""
    rows = conn.exec_driver_sql(
        f"SELECT DISTINCT p.plot_id, p.region, COALESCE(p.partner, '') FROM {ids_table} i "  # noqa: S608
        f"JOIN plots p ON p.plot_id = i.plot_id AND {current_sql('p')}"
    ).fetchall()
    return db.frame(rows, ["plot_id", "region", "partner"], dtype=object)


def _contributions(records: pd.DataFrame, sign: int) -> pd.DataFrame:
    """What planting records add to (sign 1) or take from (-1) the aggregates, one row per record.
    ``records``: plot_id, region, partner, date (ISO text), species, planted, surviving (None unsurveyed)."""
    planted = records["planted"].astype("int64").to_numpy()
    surviving = records["surviving"].astype("Int64")
    codes, days = pd.factorize(records["date"])  # few distinct dates: split each once
    year = np.array([int(d[:4]) for d in days], dtype="int64")[codes]
    month = np.array([int(d[5:7]) for d in days], dtype="int64")[codes]
    return pd.DataFrame(
        {
            "plot_id": records["plot_id"].to_numpy(),
            "region": records["region"].to_numpy(),
            "partner": records["partner"].fillna("").to_numpy(),
            "species": records["species"].to_numpy(),
            "year": year,
            "month": month,
            "planted": sign * planted,
            "surviving": sign * surviving.fillna(0).to_numpy(dtype="int64"),
            "surveyed_planted": sign * np.where(surviving.notna().to_numpy(), planted, 0),
            "records": np.full(len(records), sign),
        }
    )


def _apply_deltas(conn: Connection, parts: list[pd.DataFrame]) -> None:
    """Add planting contributions to the cube and to plot_stats; cells left without records go."""
    if not parts:
        return
    rows = pd.concat(parts, ignore_index=True)
    for table, keys in (("cube_plantings", CUBE_KEYS), ("plot_stats", ["plot_id"])):
        sums = rows.groupby(keys, as_index=False, sort=False)[SUMS].sum()
        sums = sums[(sums[SUMS] != 0).any(axis=1)]
        if sums.empty:
            continue
        columns = [*keys, *SUMS]
        db.temp_table(
            conn,
            f"_delta_{table}",
            ", ".join(f"{k} {_KEY_TYPES[k]}" for k in keys) + ", " + ", ".join(f"{s} BIGINT" for s in SUMS),
            list(zip(*[sums[c].tolist() for c in columns], strict=True)),
        )
        names, added = ", ".join(columns), ", ".join(f"{s} = {table}.{s} + excluded.{s}" for s in SUMS)
        conn.exec_driver_sql(
            f"INSERT INTO {table} ({names}) SELECT {names} FROM _delta_{table} WHERE true "  # noqa: S608
            f"ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {added}"
        )
        conn.exec_driver_sql(f"DELETE FROM {table} WHERE records = 0")  # noqa: S608
    _analyze(conn, "plot_stats", len(rows))


def _move_plantings(conn: Connection, before: pd.DataFrame, after: pd.DataFrame) -> None:
    """Plots now in another region or with another partner take their plantings' figures along.
    ``before``/``after``: plot_id, region, partner of the versions in force before and after a write."""
    places = before.merge(after, on="plot_id", suffixes=("_old", "_new")).fillna({"partner_old": "", "partner_new": ""})
    moved = places[(places["region_old"] != places["region_new"]) | (places["partner_old"] != places["partner_new"])]
    if moved.empty:
        return
    conn.execute(  # the latest surveys follow their plot to its region
        sa.update(db.latest_surveys)
        .where(db.latest_surveys.c.plot_id == sa.bindparam("plot"))
        .values(region=sa.bindparam("region")),
        [{"plot": p, "region": r} for p, r in zip(moved["plot_id"], moved["region_new"], strict=True)],
    )
    db.temp_table(conn, "_moved", "plot_id TEXT", [(p,) for p in moved["plot_id"]])
    records = db.frame(
        conn.exec_driver_sql(
            "SELECT t.plot_id, CAST(t.date AS TEXT), t.species, t.planted, l.surviving FROM plantings t "  # noqa: S608
            "JOIN _moved m ON m.plot_id = t.plot_id LEFT JOIN latest_surveys l ON l.plot_id = t.plot_id "
            f"AND l.date = t.date AND l.species = t.species WHERE {current_sql('t')}"
        ),
        ["plot_id", "date", "species", "planted", "surviving"],
        dtype=object,
    )
    if records.empty:
        return
    parts = []
    for suffix, sign in (("_old", -1), ("_new", 1)):
        place = moved[["plot_id", f"region{suffix}", f"partner{suffix}"]].set_axis(
            ["plot_id", "region", "partner"], axis=1
        )
        parts.append(_contributions(records.merge(place, on="plot_id"), sign))
    _apply_deltas(conn, parts)


def _refresh_cube_plots(conn: Connection, regions: set[str]) -> None:
    """Recount plots, area and centres of the given regions (a quick GROUP BY over their current plots)."""
    if not regions:
        return
    db.temp_table(conn, "_regions", "region TEXT", [(r,) for r in sorted(regions)])
    p, cube_plots = db.plots, db.cube_plots
    in_regions = sa.select(_temp("_regions", "region").c.region)
    partner = sa.func.coalesce(p.c.partner, "")
    conn.execute(sa.delete(cube_plots).where(cube_plots.c.region.in_(in_regions)))
    conn.execute(
        sa.insert(cube_plots).from_select(
            ["region", "partner", "plots", "area_ha", "sum_lon", "sum_lat"],
            sa.select(
                p.c.region,
                partner,
                sa.func.count(),
                sa.func.sum(p.c.area_ha),
                sa.func.sum(p.c.lon),
                sa.func.sum(p.c.lat),
            )
            .where(current(p), p.c.region.in_(in_regions))
            .group_by(p.c.region, partner),
        )
    )


# --- rollback and history ----------------------------------------------------------------------------------------


def rollback(engine: Engine, batch_id: int, user: str | None = None, dry_run: bool = False) -> RollbackResult:
    """Undo one batch: delete the versions it created and restore the ones it superseded.

    Refused (nothing changes) when the batch is unknown or already rolled back, or when an active batch depends on
    it: one that replaced or re-confirmed its records, or plantings on plots it created. ``dry_run`` says what
    would happen (counts or refusal) and changes nothing.
    """
    with db.write_transaction(engine) as conn:
        row = conn.execute(sa.select(db.batches).where(db.batches.c.id == batch_id)).mappings().first()
        if row is None:
            return RollbackResult(batch_id, Problem("unknown_batch", params={"batch": batch_id}))
        if row["rolled_back_at"] is not None:
            return RollbackResult(
                batch_id,
                Problem(
                    "batch_rolled_back",
                    params={
                        "batch": batch_id,
                        "user": row["rolled_back_by"] or "—",
                        "when": _aware(row["rolled_back_at"]).isoformat(timespec="minutes"),
                    },
                ),
            )
        problem = _rollback_blocker(conn, batch_id, row["kind"])
        if problem is not None:
            return RollbackResult(batch_id, problem)
        undo = {"plots": _undo_plots, "plantings": _undo_plantings, "surveys": _undo_surveys}[row["kind"]]
        removed, restored = undo(conn, batch_id)
        conn.execute(sa.delete(db.batch_confirms).where(db.batch_confirms.c.batch_id == batch_id))
        conn.execute(
            sa.update(db.batches)
            .where(db.batches.c.id == batch_id)
            .values(rolled_back_at=datetime.now(UTC), rolled_back_by=user)
        )
        if dry_run:
            db.undo(conn)
        return RollbackResult(batch_id, removed=removed, restored=restored)


def _undo_versions(conn: Connection, table: sa.Table, batch_id: int) -> tuple[int, int]:
    removed = conn.execute(sa.delete(table).where(table.c.created_batch == batch_id)).rowcount
    restored = conn.execute(
        sa.update(table).where(table.c.superseded_batch == batch_id).values(superseded_batch=None)
    ).rowcount
    return removed, restored


def _undo_plantings(conn: Connection, batch_id: int) -> tuple[int, int]:
    """Delete the planting versions and surveys the batch wrote, restore those it replaced; the survival of each
    planting it touched is the latest survey in force after that."""
    records = db.frame(
        conn.execute(
            sa.text(
                "SELECT t.plot_id, p.region, COALESCE(p.partner, ''), CAST(t.date AS TEXT), t.species, t.planted, "  # noqa: S608
                "NULL, CASE WHEN t.created_batch = :batch THEN -1 ELSE 1 END FROM plantings t "
                f"JOIN plots p ON p.plot_id = t.plot_id AND {current_sql('p')} "
                "WHERE t.created_batch = :batch OR t.superseded_batch = :batch"
            ),
            {"batch": batch_id},
        ),
        ["plot_id", "region", "partner", "date", "species", "planted", "surviving", "sign"],
        dtype=object,
    )
    keys = pd.concat([records[list(PLANTING_KEY)], _surveyed_by(conn, batch_id)], ignore_index=True)
    counts = _undo_versions(conn, db.plantings, batch_id)
    _undo_versions(conn, db.surveys, batch_id)
    parts = _refresh_latest(conn, keys)
    if not records.empty:
        sign = records["sign"].astype(int)
        parts += [_contributions(records[sign == s], s) for s in (-1, 1)]
    _apply_deltas(conn, parts)
    return counts


def _undo_surveys(conn: Connection, batch_id: int) -> tuple[int, int]:
    keys = _surveyed_by(conn, batch_id)
    counts = _undo_versions(conn, db.surveys, batch_id)
    _apply_deltas(conn, _refresh_latest(conn, keys))
    return counts


def _surveyed_by(conn: Connection, batch_id: int) -> pd.DataFrame:
    """The planting keys whose surveys ``batch_id`` created or superseded."""
    rows = conn.execute(
        sa.text(
            "SELECT DISTINCT plot_id, CAST(date AS TEXT), species FROM surveys "
            "WHERE created_batch = :batch OR superseded_batch = :batch"
        ),
        {"batch": batch_id},
    )
    return db.frame(rows, list(PLANTING_KEY), dtype=object)


def _undo_plots(conn: Connection, batch_id: int) -> tuple[int, int]:
    p = db.plots
    touched = (
        conn.execute(
            sa.select(p.c.plot_id)
            .distinct()
            .where(sa.or_(p.c.created_batch == batch_id, p.c.superseded_batch == batch_id))
        )
        .scalars()
        .all()
    )
    db.temp_table(conn, "_touched", "plot_id TEXT", [(plot_id,) for plot_id in touched])
    before = _current_places(conn, "_touched")
    counts = _undo_versions(conn, p, batch_id)
    after = _current_places(conn, "_touched")
    _move_plantings(conn, before, after)
    _refresh_cube_plots(conn, {*before["region"], *after["region"]})
    return counts


def _versions(kind: str) -> list[sa.Table]:
    """The versioned tables a batch of ``kind`` writes (a plantings file writes its surveys too)."""
    return {"plots": [db.plots], "plantings": [db.plantings, db.surveys], "surveys": [db.surveys]}[kind]


def _ids(values: Iterable[int]) -> str:
    return ", ".join(str(v) for v in sorted(set(values)))


def _rollback_blocker(conn: Connection, batch_id: int, kind: str) -> Problem | None:
    later = [
        b
        for t in _versions(kind)
        for b in conn.execute(
            sa.select(t.c.superseded_batch)
            .distinct()
            .where(t.c.created_batch == batch_id, t.c.superseded_batch.is_not(None))
        ).scalars()
    ]
    if later:
        return Problem("rollback_replaced", params={"batch": batch_id, "later": _ids(later)})
    confirms = db.batch_confirms
    confirmed = (
        conn.execute(
            sa.select(confirms.c.batch_id)
            .join(db.batches, db.batches.c.id == confirms.c.batch_id)
            .where(confirms.c.confirmed_batch == batch_id, db.batches.c.rolled_back_at.is_(None))
        )
        .scalars()
        .all()
    )
    if confirmed:
        return Problem("rollback_confirmed", params={"batch": batch_id, "later": _ids(confirmed)})
    if kind == "plots":
        p, t, older = db.plots, db.plantings, db.plots.alias("older")
        first_version = ~sa.exists().where(older.c.plot_id == p.c.plot_id, older.c.superseded_batch == batch_id)
        dependent = conn.execute(
            sa.select(t.c.created_batch, sa.func.count(sa.distinct(t.c.plot_id)))
            .select_from(p.join(t, sa.and_(t.c.plot_id == p.c.plot_id, current(t))))
            .where(p.c.created_batch == batch_id, current(p), first_version)
            .group_by(t.c.created_batch)
        ).all()
        if dependent:
            return Problem(
                "rollback_plantings_depend",
                params={
                    "batch": batch_id,
                    "later": _ids(r[0] for r in dependent),
                    "plots": sum(r[1] for r in dependent),
                },
            )
    if kind == "plantings":
        return _surveys_depend(conn, batch_id)
    return None


def _surveys_depend(conn: Connection, batch_id: int) -> Problem | None:
    """Refuse to take away plantings (first versions written by ``batch_id``) that other batches surveyed."""
    t, s, older = db.plantings, db.surveys, db.plantings.alias("older")
    key = [s.c[k] == t.c[k] for k in PLANTING_KEY]
    first_version = ~sa.exists().where(
        *[older.c[k] == t.c[k] for k in PLANTING_KEY], older.c.superseded_batch == batch_id
    )
    dependent = conn.execute(
        sa.select(s.c.created_batch, sa.func.count())
        .select_from(t.join(s, sa.and_(*key, current(s))))
        .where(t.c.created_batch == batch_id, current(t), first_version, s.c.created_batch != batch_id)
        .group_by(s.c.created_batch)
    ).all()
    if not dependent:
        return None
    return Problem(
        "rollback_surveys_depend",
        params={"batch": batch_id, "later": _ids(r[0] for r in dependent), "surveys": sum(r[1] for r in dependent)},
    )


def _aware(value: datetime) -> datetime:
    """Timestamps are written in UTC; SQLite hands them back without the zone."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _batch(row: Any) -> Batch:
    return Batch(
        id=row["id"],
        kind=row["kind"],
        filename=row["filename"],
        sha256=row["sha256"],
        user=row["created_by"],
        created_at=_aware(row["created_at"]),
        rows=row["row_count"],
        new=row["n_new"],
        updated=row["n_updated"],
        unchanged=row["n_unchanged"],
        skipped=row["n_skipped"],
        report=Report.from_dict(row["report"] or {"kind": row["kind"]}),
        rolled_back_at=_aware(row["rolled_back_at"]) if row["rolled_back_at"] else None,
        rolled_back_by=row["rolled_back_by"],
    )


def history(engine: Engine, limit: int | None = None) -> list[Batch]:
    """Committed batches, newest first, rolled-back ones included (marked) for traceability."""
    query = sa.select(db.batches).order_by(db.batches.c.id.desc()).limit(limit)
    with engine.connect() as conn:
        return [_batch(row) for row in conn.execute(query).mappings()]


def get_batch(engine: Engine, batch_id: int) -> Batch | None:
    with engine.connect() as conn:
        row = conn.execute(sa.select(db.batches).where(db.batches.c.id == batch_id)).mappings().first()
    return _batch(row) if row is not None else None


def version(bind: Engine | Connection) -> str:
    """What the figures depend on, as a short text that changes whenever they may: the number of batches, the last
    one's id, and how many were rolled back. An import adds a batch and a rollback marks one, each in the same
    transaction as the rows it writes, so equal versions mean equal figures (caches and ETags are keyed by it)."""
    b = db.batches.c
    query = sa.select(sa.func.count(), sa.func.coalesce(sa.func.max(b.id), 0), sa.func.count(b.rolled_back_at))
    with connect(bind) as conn:
        batches, last, rolled_back = conn.execute(query).one()
    return f"{batches}.{last}.{rolled_back}"
