"""Export the current plots with their figures: CSV for spreadsheets, GeoJSON and GeoPackage for GIS."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import shapely
import sqlalchemy as sa

from geo import db
from geo.columns import EXPORT_COLUMNS, PLOT_FIGURES, PLOT_STORED
from geo.queries import NO_FILTERS, Bind, Filters, connect, current, plot_conditions

FORMATS = ("csv", "geojson", "gpkg")
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_DRIVERS = {"geojson": "GeoJSON", "gpkg": "GPKG"}


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Text cells a spreadsheet would run as a formula, prefixed with an apostrophe so they show as text."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            text = out[column].astype(object)
            risky = text.map(lambda v: isinstance(v, str) and v.startswith(FORMULA_START)).to_numpy(dtype=bool)
            out[column] = text.where(~risky, "'" + text[risky].astype(str))
    return out


def plots_with_figures(bind: Bind, filters: Filters = NO_FILTERS) -> gpd.GeoDataFrame:
    """Every current plot (by plot_id) with planted, surviving, surveyed_planted and survival (None unsurveyed)."""
    p, s = db.plots, db.plot_stats
    stored = [p.c[c] for c in PLOT_STORED]
    with connect(bind) as conn:
        query = (
            sa.select(
                *stored,
                *[sa.func.coalesce(s.c[f], 0).label(f) for f in PLOT_FIGURES],
                db.geom_wkb(p.c.geom, conn).label("wkb"),
            )
            .outerjoin(s, s.c.plot_id == p.c.plot_id)
            .where(current(p), *plot_conditions(p, filters))
            .order_by(p.c.plot_id)
        )
        frame = db.frame(conn.execute(query), [*PLOT_STORED, *PLOT_FIGURES, "wkb"])
    frame = frame.astype(
        {
            **dict.fromkeys(PLOT_FIGURES, "int64"),
            "area_ha": "float64",
            "declared_area_ha": "float64",
            "lon": "float64",
            "lat": "float64",
        }
    )
    frame["survival"] = (frame["surviving"] / frame["surveyed_planted"]).where(frame["surveyed_planted"] > 0)
    geometry = shapely.from_wkb([bytes(b) for b in frame.pop("wkb")])
    return gpd.GeoDataFrame(frame[list(EXPORT_COLUMNS)], geometry=gpd.GeoSeries(geometry, crs=4326))


def export(bind: Bind, fmt: str, path: str | Path, filters: Filters = NO_FILTERS) -> int:
    """Write the plots with their figures to ``path`` as ``fmt`` (csv, geojson or gpkg); returns how many.

    CSV is UTF-8 with a BOM (Excel opens it with the right letters), has each plot's centre (lon, lat) instead of
    its boundary, and no cell that a spreadsheet would run as a formula.
    """
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}, not {fmt!r}")
    plots = plots_with_figures(bind, filters)
    path = Path(path)
    path.unlink(missing_ok=True)
    if fmt == "csv":
        neutralise_formulas(pd.DataFrame(plots.drop(columns="geometry"))).to_csv(
            path, index=False, encoding="utf-8-sig"
        )
    else:
        pyogrio.write_dataframe(plots, path, driver=_DRIVERS[fmt], layer="plots", promote_to_multi=True)
    return len(plots)
