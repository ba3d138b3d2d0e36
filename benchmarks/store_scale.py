"""Store at the programme's scale: import 100 000 plots (GeoJSON) and 1 000 000 planting rows, then time summary.

Runs on SQLite (files in a temporary directory) and on PostGIS (new databases, dropped afterwards; server from
ORMAN_TEST_PG_URL, default postgresql+psycopg://postgres@127.0.0.1:5432/test). The plots are imported into --runs new
stores per engine and read bare --runs times; the medians count. Prints one JSON line. Targets: plot import <= 3 x a
bare pyogrio.read_dataframe of the same file; summary <= 0.3 s.

    python benchmarks/store_scale.py [--plots 100000] [--rows 1000000] [--engines sqlite,postgis] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pyogrio
import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo import db, demo, progress, queries, store
from geo.validate import validate_file

PG_URL = os.environ.get("ORMAN_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
SEASONS = 10  # spring and autumn 2021-2025: always in the past


def plantings_csv(plot_ids: list[str], rows: int, seed: int = 7) -> bytes:
    """``rows`` planting records spread over the plots, one season apart per plot, most with a survey."""
    rng = np.random.default_rng(seed)
    per_plot = -(-rows // len(plot_ids))
    plot = np.repeat(np.asarray(plot_ids, dtype=object), per_plot)[:rows]
    season = np.tile(np.arange(per_plot) % SEASONS, len(plot_ids))[:rows]
    year = 2021 + season // 2
    spring = season % 2 == 0
    months = (year - 1970) * 12 + np.where(spring, 3, 8)
    planted_on = months.astype("datetime64[M]").astype("datetime64[D]") + rng.integers(0, 40, rows)
    species = np.where(np.arange(rows) // SEASONS % 2 == 0, demo.PINE, demo.BIRCH)
    planted = rng.integers(500, 60_000, rows)
    surveyed = rng.random(rows) < 0.8
    surviving = pd.array(np.where(surveyed, (planted * rng.uniform(0.2, 0.95, rows)).round(), np.nan), dtype="Int64")
    survey = pd.Series(planted_on + 170).dt.strftime("%Y-%m-%d").where(surveyed, "")
    table = pd.DataFrame(
        {
            "plot_id": plot,
            "date": pd.Series(planted_on).dt.strftime("%Y-%m-%d"),
            "species": species,
            "planted": planted,
            "surviving": surviving,
            "survey_date": survey,
        }
    )
    return table.to_csv(index=False).encode()


def timed(fn, *args, **kwargs):
    start = time.perf_counter()
    value = fn(*args, **kwargs)
    return value, time.perf_counter() - start


def summary_time(engine: sa.Engine, filters: queries.Filters = queries.NO_FILTERS, repeat: int = 7) -> float:
    times = [timed(progress.summary, engine, filters)[1] for _ in range(repeat)]
    return statistics.median(times)


def settle(engine: sa.Engine) -> None:
    """Do now the housekeeping an import leaves for later (PostgreSQL's autovacuum and checkpoint, SQLite's WAL
    checkpoint, the kernel writing files back), so that it does not land in the next timed import."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        if db.is_sqlite(conn):
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        else:
            conn.exec_driver_sql("VACUUM ANALYZE")
            conn.exec_driver_sql("CHECKPOINT")
    os.sync()


def run_engine(urls: list[str], plots_path: Path, plots_bytes: bytes, plantings_bytes: bytes, read_s: float) -> dict:
    """Plot import into each of the new stores at ``urls`` (the median time counts), then plantings and summaries
    in the last of them."""
    times, engine = [], None
    os.sync()  # the files written for the benchmark reach the disk before the first timed import
    for url in urls:
        if engine is not None:
            engine.dispose()
        engine = db.create_engine(url)
        result, seconds = timed(store.import_file, engine, plots_bytes, plots_path.name, user="bench")
        assert result.committed and result.new > 0, result.to_json()
        times.append(seconds)
        settle(engine)
    import_plots_s = statistics.median(times)
    result, import_plantings = timed(store.import_file, engine, plantings_bytes, "plantings.csv", user="bench")
    assert result.committed and result.new > 0, result.to_json()["errors"][:3]
    total = progress.summary(engine)
    region = sorted(total["by_region"])[0]
    figures = {
        "import_plots_s": round(import_plots_s, 2),
        "import_plots_runs_s": [round(t, 2) for t in times],
        "import_plots_vs_read": round(import_plots_s / read_s, 2),
        "import_plantings_s": round(import_plantings, 2),
        "summary_s": round(summary_time(engine), 4),
        "summary_region_filter_s": round(summary_time(engine, queries.Filters(regions=(region,))), 4),
        "summary_species_filter_s": round(summary_time(engine, queries.Filters(species=(demo.PINE,)), 3), 4),
        "planted": total["planted"],
        "plots": total["plots"],
    }
    _, figures["repeat_import_s"] = timed(store.import_file, engine, plantings_bytes, "plantings.csv")
    engine.dispose()
    return figures


@contextmanager
def postgis_databases(count: int) -> Iterator[list[str]]:
    """URLs of ``count`` new databases on the PostgreSQL server, dropped afterwards."""
    names = [f"orman_bench_{uuid.uuid4().hex[:8]}" for _ in range(count)]
    admin = sa.create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            for name in names:
                conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        yield [sa.make_url(PG_URL).set(database=name).render_as_string(hide_password=False) for name in names]
    finally:
        with admin.connect() as conn:
            for name in names:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plots", type=int, default=100_000)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--engines", default="sqlite,postgis")
    parser.add_argument("--runs", type=int, default=3, help="plot imports and bare reads per engine (median counts)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        frame = demo.plot_table(args.plots, np.random.default_rng(demo.DEFAULT_SEED))
        plots_path = Path(tmp) / "plots.geojson"
        plots_path.write_bytes(demo.plots_geojson(frame))
        plots_bytes = plots_path.read_bytes()
        plantings_bytes = plantings_csv(frame["plot_id"].tolist(), args.rows)
        read_s = statistics.median(timed(pyogrio.read_dataframe, plots_path)[1] for _ in range(args.runs))
        _, validate_s = timed(validate_file, plots_bytes, plots_path.name)
        _, validate_rows_s = timed(validate_file, plantings_bytes, "plantings.csv", today=date.today())
        out: dict = {
            "plots": args.plots,
            "planting_rows": args.rows,
            "plots_file_mb": round(len(plots_bytes) / 1e6, 1),
            "pyogrio_read_s": round(read_s, 2),
            "validate_plots_s": round(validate_s, 2),
            "validate_plantings_s": round(validate_rows_s, 2),
            "runs": args.runs,
        }
        engines = args.engines.split(",")
        if "sqlite" in engines:
            urls = [f"sqlite:///{tmp}/bench{i}.sqlite" for i in range(args.runs)]
            out["sqlite"] = run_engine(urls, plots_path, plots_bytes, plantings_bytes, read_s)
        if "postgis" in engines:
            with postgis_databases(args.runs) as urls:
                out["postgis"] = run_engine(urls, plots_path, plots_bytes, plantings_bytes, read_s)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
