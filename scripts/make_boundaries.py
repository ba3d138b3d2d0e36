"""Kazakhstan's 17 regions and 3 cities for the map's base layer, from geoKZ, simplified to ship with Orman.

    git clone https://github.com/arodionoff/geokz        # CC BY 4.0, A. Rodionov; data as of January 2024
    python scripts/make_boundaries.py geokz/maps/kaz_admbnda_adm1_2024.shp [--out geo/data/regions.geojson]

The source has every unit of today's division (the 2022 regions Abai, Jetisu and Ulytau included); the shipped
file was made from geoKZ commit 41c1a00454ec9e01bda031b5074920bd82de02ce. Each unit is matched to its
ISO 3166-2:KZ code in geo/regions.py by name (English, then Russian) and the match is checked against the source's
own PCODE; the script stops unless all 20 match. The source's slivers of overlap go to the smaller unit, then the
shapes are simplified together (``shapely.coverage_simplify``), so neighbours keep one shared border with no gaps
or overlaps, and rounded to 4 decimals (~10 m). Each region carries the point its name is printed at (its largest
part's pole of inaccessibility). The regions' outer edges are the country's outline. Commit the output: the map
reads it (geo.mapview.boundaries), nothing fetches it at run time.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from shapely.ops import polylabel

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.mapview import BOUNDARIES_FILE  # noqa: E402
from geo.regions import REGIONS, normalise_region  # noqa: E402

TOLERANCE_DEG = 0.012  # ~1 km: under two pixels at zoom 8, where the map shows grid cells of plots
DECIMALS = 4
GRID = 10.0**-DECIMALS


def region_code(english: str, russian: str, pcode: str) -> str:
    """The ISO code of a geoKZ unit from its names ("Almaty" is the region, "Almaty (city)" the city), checked
    against its PCODE ("KZ19")."""
    city = re.fullmatch(r"(.+?)\s*\(city\)", english)
    code = normalise_region(city.group(1) if city else f"{english} Region")
    if code is None:
        raise SystemExit(f"no region in geo/regions.py is called {english!r}")
    by_russian = normalise_region(russian)
    if by_russian not in (None, code) or code.replace("-", "") != pcode:
        raise SystemExit(f"{english!r} / {russian!r} / {pcode}: names and code disagree ({code}, {by_russian})")
    return code


def _polygonal(shape: shapely.Geometry) -> shapely.Geometry:
    """The polygons of an overlay's result (a difference may leave lines and points along a shared border)."""
    parts = [part for part in shapely.get_parts(shape) if part.geom_type == "Polygon" and not part.is_empty]
    return parts[0] if len(parts) == 1 else shapely.multipolygons(parts)


def _without_overlaps(shapes: np.ndarray) -> np.ndarray:
    """The units snapped to GRID, each less what a smaller one already covers: the source's neighbours overlap
    and part in slivers here and there, which simplifying would widen into gaps. The cities keep their shapes."""
    snapped = shapely.set_precision(shapes, GRID)
    clean = np.empty(len(snapped), dtype=object)
    taken = None
    for i in np.argsort(shapely.area(snapped)):
        shape = snapped[i] if taken is None else _polygonal(shapely.difference(snapped[i], taken, grid_size=GRID))
        clean[i] = shape
        taken = shape if taken is None else shapely.union(taken, shape, grid_size=GRID)
    return clean


def label_point(shape: shapely.Geometry) -> list[float]:
    """Where the name goes: the point inside the largest part farthest from its edges."""
    parts = shapely.get_parts(shape)
    largest = parts[int(np.argmax(shapely.area(parts)))]
    point = polylabel(largest, tolerance=0.01)
    return [round(point.x, DECIMALS), round(point.y, DECIMALS)]


def extract(source: Path) -> dict:
    """The FeatureCollection: one feature per region, by code (``region``: its code, ``label``: [lon, lat])."""
    units = gpd.read_file(source).to_crs(4326)
    codes = [
        region_code(en, ru, pcode)
        for en, ru, pcode in zip(units["ADM1_EN"], units["ADM1_RU"], units["ADM1_PCODE"], strict=True)
    ]
    if sorted(codes) != sorted(REGIONS):
        missing, extra = set(REGIONS) - set(codes), [c for c in codes if codes.count(c) > 1]
        raise SystemExit(f"the source's units do not match geo/regions.py: missing {missing}, repeated {extra}")
    shapes = shapely.set_precision(
        shapely.coverage_simplify(_without_overlaps(units.geometry.values), TOLERANCE_DEG), GRID
    )
    if not shapely.is_valid(shapes).all():
        raise SystemExit("simplifying made an invalid shape: lower TOLERANCE_DEG")
    order = np.argsort(codes)
    features = [
        {
            "type": "Feature",
            "properties": {"region": codes[i], "label": label_point(shapes[i])},
            "geometry": json.loads(shapely.to_geojson(shapes[i])),
        }
        for i in order
    ]
    return {"type": "FeatureCollection", "features": features}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="geoKZ's maps/kaz_admbnda_adm1_2024.shp")
    parser.add_argument("--out", type=Path, default=BOUNDARIES_FILE)
    args = parser.parse_args()
    text = json.dumps(extract(args.source), ensure_ascii=False, separators=(",", ":"))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text + "\n", encoding="utf-8")
    print(f"{args.out}: {len(text) / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
