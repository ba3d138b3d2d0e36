"""Time `python -m geo check` on a 100 000-row plantings CSV and a 20 000-polygon GeoJSON; print one JSON line.

The files are generated in a temporary directory the way officers' files look (Windows-1251, ';', dd.mm.yyyy,
no-break-space thousands; GeoJSON polygons of ~20 vertices spread over Kazakhstan). Each check runs as a subprocess,
so the times include interpreter start-up and imports, as a user would see them. Targets: < 5 s and < 10 s.
Wall-clock times depend on what else the machine runs; CPU times and the load average are printed beside them.
`--only plots` (or `--only plantings`) times one kind of file.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SPECIES = ["сосна обыкновенная", "саксаул чёрный", "вяз приземистый", "лох узколистный", "берёза повислая"]
REGIONS = ["KZ-10", "Абайская область", "Kyzylorda", "Павлодарская обл.", "Ақмола облысы"]


def plantings_csv(path: Path, rows: int, rng: np.random.Generator) -> None:
    plots = np.arange(rows) // len(SPECIES) + 1  # each (plot, species) once, so every key is unique
    days = rng.integers(1, 29, rows)
    months = rng.choice([3, 4, 5, 9, 10, 11], rows)
    years = rng.integers(2021, 2026, rows)
    planted = rng.integers(500, 40_000, rows)
    surviving = (planted * rng.uniform(0.2, 0.95, rows)).astype(int)
    lines = ["Код участка;Дата посадки;Порода;Посажено;Прижилось;Дата учета"]
    for i in range(rows):
        count = f"{planted[i]:,}".replace(",", "\u00a0")
        lines.append(
            f"SEM-{plots[i]:06d};{days[i]:02d}.{months[i]:02d}.{years[i]};{SPECIES[i % len(SPECIES)]};"
            f"{count};{surviving[i]};30.11.{years[i]}"
        )
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1251"))


def plots_geojson(path: Path, count: int, rng: np.random.Generator) -> None:
    lons = rng.uniform(50, 85, count)
    lats = rng.uniform(42, 54, count)
    angles = np.linspace(0, 2 * np.pi, 20, endpoint=False)
    features = []
    for i in range(count):
        radius = 0.004 * (1 + 0.3 * rng.random(20))
        ring = np.column_stack([lons[i] + radius * np.cos(angles), lats[i] + radius * np.sin(angles)]).round(6)
        coords = [*ring.tolist(), ring[0].tolist()]
        features.append(
            {
                "type": "Feature",
                "properties": {"plot_id": f"P-{i:06d}", "region": REGIONS[i % len(REGIONS)], "area_ha": 12.5},
                "geometry": {"type": "Polygon", "coordinates": [coords]},
            }
        )
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")


def timed_check(path: Path) -> tuple[float, float, int]:
    """Wall-clock and CPU seconds (user + system, which other load on the machine barely changes), exit code."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "geo", "check", str(path), "--json"], cwd=ROOT, capture_output=True, check=False
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu, result.returncode


def checked(path: Path, name: str, repeat: int) -> dict[str, float | int]:
    """``geo check`` of ``path`` ``repeat`` times: the file's size, the best wall and CPU seconds and the exit code,
    as ``name``_mb, ``name``_s, ``name``_cpu_s and ``name``_exit."""
    runs = [timed_check(path) for _ in range(repeat)]
    return {
        f"{name}_mb": round(path.stat().st_size / 1e6, 1),
        f"{name}_s": round(min(run[0] for run in runs), 2),
        f"{name}_cpu_s": round(min(run[1] for run in runs), 2),
        f"{name}_exit": runs[0][2],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--plots", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each check; the best is reported")
    parser.add_argument("--only", choices=("plantings", "plots"), help="time one kind of file only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        csv_path, geojson_path = Path(tmp) / "plantings.csv", Path(tmp) / "plots.geojson"
        figures: dict[str, float | int] = {}
        if args.only != "plots":
            plantings_csv(csv_path, args.rows, np.random.default_rng(2024))
            figures |= {"plantings_rows": args.rows, **checked(csv_path, "plantings", args.repeat)}
        if args.only != "plantings":
            plots_geojson(geojson_path, args.plots, np.random.default_rng(2025))
            figures |= {"plots": args.plots, **checked(geojson_path, "plots", args.repeat)}
        figures |= {"runs": args.repeat, "load_1min": round(os.getloadavg()[0], 1), "cpus": os.cpu_count()}
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
