"""Export the current plots with their figures: CSV for spreadsheets, GeoJSON and GeoPackage for GIS."""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import shapely
import sqlalchemy as sa
from openpyxl import Workbook
from openpyxl.styles import Font

from geo import db, progress, writeoffs
from geo.columns import EXPORT_COLUMNS, OPERATION_SUMS, PLOT_FIGURES, PLOT_STORED
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


XLSX_WIDTH = (10, 48)  # characters: the narrowest and widest a column of a table's workbook is made
XLSX_DATE_FORMAT = "DD.MM.YYYY"


def xlsx_bytes(frame: pd.DataFrame, sheet: str) -> bytes:
    """A table as one sheet of an XLSX workbook: the header bold and frozen, numbers as numbers, dates as dates,
    text always as text (a cell starting with '=' is never a formula), empty cells where a value is missing."""
    book = Workbook()
    ws = book.active
    ws.title = sheet[:31]
    ws.append([str(c) for c in frame.columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for r, row in enumerate(frame.astype(object).itertuples(index=False), start=2):
        for c, value in enumerate(row, start=1):
            if value is None or (not isinstance(value, str) and pd.isna(value)):
                continue
            cell = ws.cell(row=r, column=c)
            if isinstance(value, str):
                cell.value, cell.data_type = value, "s"
            else:
                cell.value = value.item() if hasattr(value, "item") else value
                if isinstance(value, date | datetime):
                    cell.number_format = XLSX_DATE_FORMAT
    ws.freeze_panes = "A2"
    for c, name in enumerate(frame.columns, start=1):
        longest = max([len(str(name)), *(len(str(v)) for v in frame.iloc[:, c - 1])], default=0)
        ws.column_dimensions[ws.cell(row=1, column=c).column_letter].width = min(
            max(longest + 2, XLSX_WIDTH[0]), XLSX_WIDTH[1]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def plots_with_figures(bind: Bind, filters: Filters = NO_FILTERS) -> gpd.GeoDataFrame:
    """Every current plot (by plot_id) with planted, surviving, surveyed_planted, gap_filled (seedlings of its
    gap-fillings), sown_ha (hectares sown), written_off (trees planted on its plantings written off by act),
    density_per_ha (planted per hectare, to 0.1) and survival (None unsurveyed);
    last_survey, its latest survey's date; survival_flag, what forestry practice asks of it ("write_off" below 25 %,
    "gap_filling" below 85 %, "written_off" when written off by act already, empty otherwise:
    geo.progress.survival_flags); and its region's estimated surviving
    trees with their 95 % interval (estimate, estimate_low, estimate_high; empty where the region has none), the
    summary's under the same filters."""
    p, s = db.plots, db.plot_stats
    stored = [p.c[c] for c in PLOT_STORED]
    surveyed = progress.last_surveys().subquery()
    lost = writeoffs.planted_by_plot().subquery()
    with connect(bind) as conn:
        query = (
            sa.select(
                *stored,
                *[sa.func.coalesce(s.c[f], 0).label(f) for f in (*PLOT_FIGURES, *OPERATION_SUMS)],
                sa.func.coalesce(lost.c.written_off, 0).label("written_off"),
                surveyed.c.last_survey,
                db.geom_wkb(p.c.geom, conn).label("wkb"),
            )
            .outerjoin(s, s.c.plot_id == p.c.plot_id)
            .outerjoin(lost, lost.c.plot_id == p.c.plot_id)
            .outerjoin(surveyed, surveyed.c.plot_id == p.c.plot_id)
            .where(current(p), *plot_conditions(p, filters))
            .order_by(p.c.plot_id)
        )
        counts = (*PLOT_FIGURES, *OPERATION_SUMS, "written_off")
        frame = db.frame(conn.execute(query), [*PLOT_STORED, *counts, "last_survey", "wkb"])
        estimates = progress.region_estimates(progress.summary(conn, filters))
    frame = frame.astype(
        {
            **dict.fromkeys(counts, "int64"),
            "area_ha": "float64",
            "declared_area_ha": "float64",
            "lon": "float64",
            "lat": "float64",
        }
    )
    frame["survival"] = (frame["surviving"] / frame["surveyed_planted"]).where(frame["surveyed_planted"] > 0)
    frame["sown_ha"] = progress.sown_ha(frame["sown_m2"].astype("float64"))
    frame["density_per_ha"] = progress.density_per_ha(frame["planted"], frame["area_ha"]).round(1)
    frame["last_survey"] = [None if pd.isna(d) else pd.Timestamp(d).date() for d in frame["last_survey"]]
    frame["survival_flag"] = progress.survival_flags(
        frame["survival"], writeoffs.wholly(frame["written_off"].to_numpy(), frame["planted"].to_numpy())
    )
    regional = estimates[["region", "estimate", "low", "high"]].rename(
        columns={"low": "estimate_low", "high": "estimate_high"}
    )
    frame = frame.merge(regional, on="region", how="left")
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
