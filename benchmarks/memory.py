"""Memory at national scale (issue 19): the peak resident memory and wall time of each step of a large upload, each
in a fresh process, beside a bare baseline measured in the same run. Prints one JSON line, times in seconds and
peaks in MB (the child's own ``ru_maxrss``, KiB on Linux, from ``os.wait4``).

- ``baseline``: Python importing geo and pandas and doing nothing else;
- ``generate``: the demo's plots GeoJSON and today's plantings CSV for ``--plots`` plots (geo.demo.generate),
  written to files;
- ``import_plots``: ``python -m geo import`` of that GeoJSON into a new SQLite store;
- ``import_plantings``: ``python -m geo import`` of the plantings CSV into that store;
- ``demo``: ``python -m geo demo --plots N`` into another new store (the plots, then two plantings files).

Run: ``python benchmarks/memory.py [--plots 200000] [--db-url URL] [--stages ...]``. The default runs in a few
minutes on 2 cores; the national figure of issue 19 is ``--plots 1000000``. Target: a million plots' import (GeoJSON)
and their plantings' import each under 2 GB. With ``--db-url`` (a PostGIS database, emptied first) the stores are
that database instead of SQLite files.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
STAGES = ("baseline", "generate", "import_plots", "import_plantings", "demo")
BASELINE = "import geo.cli, geo.store, pandas"
GENERATE = (
    "import sys; from pathlib import Path; from geo import demo\n"
    "out, n = Path(sys.argv[1]), int(sys.argv[2])\n"
    "files = demo.generate(n)\n"
    "(out / 'plots.geojson').write_bytes(files.plots)\n"
    "(out / 'plantings.csv').write_bytes(files.plantings[-1][1])\n"
)


def measured(args: list[str], env: dict[str, str]) -> dict[str, object]:
    """Run ``args`` in a fresh process: its wall time, peak resident memory and exit code."""
    start = time.perf_counter()
    process = subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
    process.returncode = os.waitstatus_to_exitcode(status)
    figures: dict[str, object] = {"s": round(seconds, 2), "mb": round(usage.ru_maxrss / 1024), "rc": process.returncode}
    if process.returncode:
        figures["stderr"] = stderr[-500:]
    return figures


def emptied(url: str) -> str:
    """``url``'s PostGIS database with Orman's tables dropped, for a store made afresh."""
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public; CREATE EXTENSION IF NOT EXISTS postgis")
    engine.dispose()
    return url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plots", type=int, default=200_000)
    parser.add_argument("--db-url", help="a PostGIS database to use (emptied first) instead of SQLite files")
    parser.add_argument("--stages", nargs="+", choices=STAGES, default=list(STAGES))
    options = parser.parse_args()
    python, n = sys.executable, options.plots
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = {**os.environ, "ORMAN_LANG": "en"}
        stores = {name: options.db_url or f"sqlite:///{folder / f'{name}.sqlite'}" for name in ("import", "demo")}
        figures: dict[str, object] = {"plots": n, "engine": "postgresql" if options.db_url else "sqlite"}
        for stage in options.stages:
            if stage == "baseline":
                figures[stage] = measured([python, "-c", BASELINE], env)
            elif stage == "generate":
                figures[stage] = measured([python, "-c", GENERATE, str(folder), str(n)], env)
                for name in ("plots.geojson", "plantings.csv"):
                    path = folder / name
                    figures[f"{path.suffix[1:]}_mb"] = round(path.stat().st_size / 2**20) if path.exists() else None
            elif stage in ("import_plots", "import_plantings"):
                if stage == "import_plots" and options.db_url:
                    emptied(options.db_url)
                name = "plots.geojson" if stage == "import_plots" else "plantings.csv"
                store_env = {**env, "ORMAN_DB_URL": stores["import"]}
                figures[stage] = measured([python, "-m", "geo", "import", str(folder / name)], store_env)
            else:
                if options.db_url:
                    emptied(options.db_url)
                demo_env = {**env, "ORMAN_DB_URL": stores["demo"]}
                figures[stage] = measured([python, "-m", "geo", "demo", "--plots", str(n)], demo_env)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
