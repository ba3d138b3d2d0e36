"""Time validating the same 100 000 polygons as GeoJSON, as a zipped Shapefile and as a GeoPackage; one JSON line.

The plots (~20 vertices each, spread over Kazakhstan, with plot_id, region, forestry and area_ha) are written once
with GDAL into a temporary directory; each file is then validated in this process (`geo.validate.validate_file`,
reading the bytes as an upload does), three times, and the median kept. Each GIS figure stands beside the GeoJSON
one measured in the same run, with their ratio: the target is at most 1.5x the GeoJSON time.
`--plots N` changes the count. Run from the repository root: `PYTHONPATH=. python benchmarks/formats_speed.py`.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
import warnings
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyogrio
import shapely

from geo.validate import validate_file

RUNS = 3
TARGET_RATIO = 1.5


def plots(n: int, seed: int = 7) -> gpd.GeoDataFrame:
    rng = np.random.default_rng(seed)
    centres = shapely.points(rng.uniform(60, 82, n), rng.uniform(44, 53, n))
    shapes = shapely.buffer(centres, 0.003, quad_segs=5)
    return gpd.GeoDataFrame(
        {
            "plot_id": [f"BEN-{i:06d}" for i in range(n)],
            "region": rng.choice(["KZ-10", "Абайская область", "Kyzylorda"], n),
            "forestry": rng.choice(["Семейский лесхоз", "Аральский лесхоз"], n),
            "area_ha": np.round(rng.uniform(5, 20, n), 1),
        },
        geometry=shapes,
        crs="EPSG:4326",
    )


def write_files(frame: gpd.GeoDataFrame, folder: Path) -> dict[str, Path]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        pyogrio.write_dataframe(frame, folder / "plots.geojson", driver="GeoJSON")
        pyogrio.write_dataframe(frame, folder / "plots.gpkg", driver="GPKG", layer="plots")
        pyogrio.write_dataframe(frame, folder / "plots.shp", driver="ESRI Shapefile", encoding="UTF-8")
    archive = folder / "plots_shp.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        for path in sorted(folder.glob("plots.*")):
            if path.suffix in (".shp", ".shx", ".dbf", ".prj", ".cpg"):
                out.write(path, path.name)
    return {"geojson": folder / "plots.geojson", "shp_zip": archive, "gpkg": folder / "plots.gpkg"}


def median_seconds(path: Path, n: int) -> float:
    data = path.read_bytes()
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        report = validate_file(data, path.name).report
        times.append(time.perf_counter() - start)
        assert report.ok and report.rows == n, (path.name, report.unreadable, report.errors[:3])
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plots", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files = write_files(plots(args.plots), Path(tmp))
        sizes = {name: round(path.stat().st_size / 1e6, 1) for name, path in files.items()}
        seconds = {name: round(median_seconds(path, args.plots), 2) for name, path in files.items()}
    base = seconds["geojson"]
    figures = {
        "plots": args.plots,
        "runs": RUNS,
        "geojson_s": base,
        **{f"{name}_s": seconds[name] for name in ("shp_zip", "gpkg")},
        **{f"{name}_vs_geojson": round(seconds[name] / base, 2) for name in ("shp_zip", "gpkg")},
        "target_vs_geojson": TARGET_RATIO,
        "mb": sizes,
        "load_average": round(os.getloadavg()[0], 2),
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
