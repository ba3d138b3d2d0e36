"""A table of points (CSV or workbook): one row per plot, with longitude and latitude columns and its area."""

from __future__ import annotations

import numpy as np
import shapely

from geo.readers.aliases import POINTS_LOOKUP
from geo.readers.base import Features, Unreadable
from geo.readers.tables import read_table
from geo.readers.text import parse_numbers


def read_points(data: bytes, sheet: str | None = None) -> Features:
    """Plots as points from a table with lon/lat (долгота/широта, x/y) columns; a row whose coordinates are not
    numbers has no geometry. Features are numbered from 0 in the order of the table's rows."""
    table = read_table(data, sheet, POINTS_LOOKUP)
    cells = table.columns
    if "lon" not in cells or "lat" not in cells:
        raise Unreadable("table_as_plots")
    lon = parse_numbers(cells["lon"]).to_numpy(dtype=float)
    lat = parse_numbers(cells["lat"]).to_numpy(dtype=float)
    both = np.isfinite(lon) & np.isfinite(lat)
    shapes = np.full(len(cells), None, dtype=object)
    shapes[both] = shapely.points(lon[both], lat[both])
    columns = {name: cells[name].tolist() for name in cells.columns if name not in ("lon", "lat")}
    return Features(columns, [], None, shapes=shapes, headers=table.headers)
