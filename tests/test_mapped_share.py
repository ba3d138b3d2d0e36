"""The mapped share (issue 15): the share of planted trees that stand on plots with a polygon, not only a point."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from sqlalchemy.engine import Engine

from geo import progress
from geo.queries import Filters
from geo.store import import_file

DATA = Path(__file__).parent / "data"
POLYGONS, POLYGON_PLANTINGS = DATA / "store_plots_v1.geojson", DATA / "plantings_species_spellings.csv"
POINTS, POINT_PLANTINGS = DATA / "plots_aral_points.geojson", DATA / "plantings_aral_bom.csv"


def _planted(path: Path) -> pd.Series:
    """Planted per plot id as the officer's file says (its first column the plot, its fourth the count; a row
    repeated exactly counts once)."""
    table = pd.read_csv(path, sep=";", encoding="utf-8-sig", dtype=str).drop_duplicates()
    counts = table.iloc[:, 3].str.replace(" ", "").astype(int)
    return counts.groupby(table.iloc[:, 0]).sum()


def test_mapped_share_counts_the_trees_on_polygons_among_all_planted(store: Engine) -> None:
    for path in (POLYGONS, POINTS, POLYGON_PLANTINGS, POINT_PLANTINGS):  # the point without an area is skipped
        assert import_file(store, path.read_bytes(), path.name, user="test", skip_invalid=True).committed
    stored_points = {f["properties"]["plot_id"] for f in json.loads(POINTS.read_text())["features"]} - {"ARAL-0003"}
    on_polygons = int(_planted(POLYGON_PLANTINGS).sum())
    on_points = int(_planted(POINT_PLANTINGS)[sorted(stored_points)].sum())

    figures = progress.summary(store)
    assert figures["planted"] == on_polygons + on_points
    assert figures["mapped_share"] == on_polygons / (on_polygons + on_points)
    assert progress.summary(store, Filters(regions=("KZ-10",)))["mapped_share"] == 1.0
    saxaul = progress.summary(store, Filters(species=("Haloxylon aphyllum",)))  # only the points' black saxaul
    assert saxaul["planted"] > 0 and saxaul["mapped_share"] == 0.0


def test_mapped_share_is_none_before_anything_is_planted(store: Engine) -> None:
    assert progress.summary(store)["mapped_share"] is None
