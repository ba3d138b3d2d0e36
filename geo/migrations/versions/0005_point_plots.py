"""Which plots were given as a point with an area (issue 18 #7): ``plots.point``, so that overlaps are judged by the
point and not by the circle drawn around it.

The plots a store already holds were stored as that circle alone. Each is recognised by its shape: one ring of
64 vertices at one geodesic distance from the ring's centre, the distance that gives a regular 64-gon of the
plot's declared area (what geo.geometry.circles drew). No officer draws that polygon, so no outline is taken
for a point.

Revision ID: 0005_point_plots
Revises: 0004_latest_survey_region
Create Date: 2026-12-03
"""

from collections.abc import Sequence
from typing import Any

import numpy as np
import shapely
import sqlalchemy as sa
from alembic import op
from pyproj import Geod

revision = "0005_point_plots"
down_revision = "0004_latest_survey_region"
branch_labels = None
depends_on = None

# The circles stores held until this revision: regular polygons of this many vertices, the first due north of
# the centre and the one half-way round due south, on the WGS 84 ellipsoid.
CIRCLE_VERTICES = 64
GEOD = Geod(ellps="WGS84")
RADIUS_TOLERANCE = 1e-6  # relative: a circle's vertices agree with its radius to about 1e-9
WKB_BYTES = 9 + 9 + 4 + 16 * (CIRCLE_VERTICES + 1)  # a MultiPolygon of one polygon of one ring, in SQLite


def upgrade() -> None:
    op.add_column("plots", sa.Column("point", sa.Boolean, nullable=False, server_default=sa.false()))
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        shaped = "geom FROM plots WHERE length(geom) = :size"
    else:
        shaped = "ST_AsBinary(geom) FROM plots WHERE ST_NumGeometries(geom) = 1 AND ST_NPoints(geom) = :points"
    # Every version (a rollback restores old ones) with a declared area and a shape of a circle's size.
    rows = conn.execute(
        sa.text(f"SELECT vid, declared_area_ha, {shaped} AND declared_area_ha > 0"),
        {"size": WKB_BYTES, "points": CIRCLE_VERTICES + 1},
    ).all()
    vids = _circles(rows)
    if vids:
        conn.execute(sa.text("UPDATE plots SET point = true WHERE vid = :vid"), [{"vid": v} for v in vids])


def _circles(rows: Sequence[Sequence[Any]]) -> list[int]:
    """The vids of the rows (vid, declared area, WKB) whose shape is the circle of their declared area."""
    n = CIRCLE_VERTICES
    shapes = shapely.from_wkb([bytes(row[2]) for row in rows])
    polygons = shapely.get_geometry(shapes, 0)
    rings = shapely.get_exterior_ring(polygons)
    ringed = (
        (shapely.get_num_geometries(shapes) == 1)
        & (shapely.get_num_interior_rings(polygons) == 0)
        & (shapely.get_num_coordinates(rings) == n + 1)
    )
    if not ringed.any():
        return []
    vertices = shapely.get_coordinates(rings[ringed]).reshape(-1, n + 1, 2)[:, :n]
    north, south = vertices[:, 0], vertices[:, n // 2]
    _, _, span = GEOD.inv(north[:, 0], north[:, 1], south[:, 0], south[:, 1])
    lon, lat, _ = GEOD.fwd(north[:, 0], north[:, 1], np.full(len(north), 180.0), span / 2)
    _, _, radii = GEOD.inv(np.repeat(lon, n), np.repeat(lat, n), vertices[:, :, 0].ravel(), vertices[:, :, 1].ravel())
    area_m2 = np.array([row[1] for row in rows], dtype=float)[ringed] * 10_000
    expected = np.sqrt(2 * area_m2 / (n * np.sin(2 * np.pi / n)))[:, None]
    circle = (np.abs(radii.reshape(-1, n) - expected) <= RADIUS_TOLERANCE * expected).all(axis=1)
    return [int(rows[i][0]) for i in np.flatnonzero(ringed)[circle]]


def downgrade() -> None:
    op.drop_column("plots", "point")  # in place on SQLite too (3.35+): rebuilding the table would drop its triggers
