"""The aggregates figures are read from (plot_stats, cube_plantings, cube_plots), kept in step by adding what a
write adds and subtracting what it takes away."""

from __future__ import annotations

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from geo import db
from geo.columns import FIGURE_SUMS, GAP_FILLING, M2_PER_HA, PLANTING, SOWING
from geo.queries import current, current_sql, planting_sql
from geo.store.versions import _analyze, _temp

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
    ``records``: plot_id, region, partner, date (ISO text), species, planted, surviving (None unsurveyed), and
    operation and area_ha (hectares sown) when they are not all plantings. A gap-filling's seedlings are
    gap_filled and a sowing's hectares sown_m2, never planted (DATA-CONTRACT "Figures")."""
    counted = records["planted"].astype("int64").to_numpy()
    operation = records["operation"].to_numpy() if "operation" in records else np.full(len(records), PLANTING)
    planted = np.where(operation == PLANTING, counted, 0)
    sown = records["area_ha"].astype("float64").fillna(0).to_numpy() if "area_ha" in records else np.zeros(len(records))
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
            "gap_filled": sign * np.where(operation == GAP_FILLING, counted, 0),
            "sown_m2": sign * np.where(operation == SOWING, np.round(sown * M2_PER_HA), 0).astype("int64"),
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
            "SELECT t.plot_id, CAST(t.date AS TEXT), t.species, t.operation, t.planted, t.area_ha, l.surviving "  # noqa: S608
            "FROM plantings t JOIN _moved m ON m.plot_id = t.plot_id LEFT JOIN latest_surveys l ON l.plot_id = "
            f"t.plot_id AND l.date = t.date AND l.species = t.species AND {planting_sql('t')} "
            f"WHERE {current_sql('t')}"
        ),
        ["plot_id", "date", "species", "operation", "planted", "area_ha", "surviving"],
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
