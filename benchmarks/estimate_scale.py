"""The estimate of surviving trees at the programme's scale: 1 000 000 plantings of which 100 000 are surveyed
(a tenth of them again on sample plots, from a surveys file), then time ``summary`` with its estimates beside the
same summary without them, in the same run. Target: the estimate within the summary's time (<= 0.3 s).

    python benchmarks/estimate_scale.py [--plots 20000] [--rows 1000000] [--surveyed 100000] [--engines sqlite,postgis]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from store_scale import postgis_databases, settle, timed

from geo import db, demo, progress, store, surveys

SEASONS = 10


def plantings_csv(plot_ids: list[str], rows: int, surveyed: int, seed: int = 7) -> tuple[bytes, pd.DataFrame]:
    """``rows`` plantings over the plots, ``surveyed`` of them (at random) with a full-count survey."""
    rng = np.random.default_rng(seed)
    per_plot = -(-rows // len(plot_ids))
    plot = np.repeat(np.asarray(plot_ids, dtype=object), per_plot)[:rows]
    season = np.tile(np.arange(per_plot), len(plot_ids))[:rows]
    year = 2021 + (season % SEASONS) // 2
    months = (year - 1970) * 12 + np.where(season % 2 == 0, 3, 8)
    planted_on = months.astype("datetime64[M]").astype("datetime64[D]") + (season // SEASONS) * 2
    species = np.where(season // SEASONS % 2 == 0, demo.PINE, demo.BIRCH)
    planted = rng.integers(500, 60_000, rows)
    chosen = np.zeros(rows, dtype=bool)
    chosen[rng.choice(rows, surveyed, replace=False)] = True
    surviving = pd.array(np.where(chosen, (planted * rng.uniform(0.2, 0.95, rows)).round(), np.nan), dtype="Int64")
    table = pd.DataFrame(
        {
            "plot_id": plot,
            "date": pd.Series(planted_on).dt.strftime("%Y-%m-%d"),
            "species": species,
            "planted": planted,
            "surviving": surviving,
            "survey_date": pd.Series(planted_on + 170).dt.strftime("%Y-%m-%d").where(chosen, ""),
        }
    )
    return table.to_csv(index=False).encode(), table[chosen]


def surveys_csv(surveyed: pd.DataFrame, share: float = 0.1, seed: int = 8) -> bytes:
    """A later count on sample plots of 200 spots for ``share`` of the surveyed plantings."""
    rng = np.random.default_rng(seed)
    again = surveyed.sample(frac=share, random_state=seed)
    counted = np.minimum(200, again["planted"].to_numpy())
    table = pd.DataFrame(
        {
            "plot_id": again["plot_id"],
            "date": again["date"],
            "species": again["species"],
            "survey_date": (pd.to_datetime(again["date"]) + pd.Timedelta(days=400)).dt.strftime("%Y-%m-%d"),
            "alive": rng.binomial(counted, 0.6),
            "counted": counted,
            "survey": "3",
        }
    )
    return table.to_csv(index=False).encode()


def run_engine(url: str, plots: bytes, plantings: bytes, counts: bytes, repeat: int = 7) -> dict:
    engine = db.create_engine(url)
    for data, name in ((plots, "plots.geojson"), (plantings, "plantings.csv"), (counts, "surveys.csv")):
        result, _ = timed(store.import_file, engine, data, name, user="bench")
        assert result.committed, result.to_json()["errors"][:3]
    settle(engine)
    figures = progress.summary(engine)
    with_estimate = statistics.median(timed(progress.summary, engine)[1] for _ in range(repeat))
    estimate_alone = statistics.median(timed(surveys.estimates, engine)[1] for _ in range(repeat))
    by_species = statistics.median(timed(surveys.estimates_by, engine, ["species"])[1] for _ in range(repeat))
    found = surveys.estimates(engine)
    real = progress.surveys.estimates
    progress.surveys.estimates = lambda _bind, _filters=None: found  # the same summary, its estimate known
    try:
        plain = statistics.median(timed(progress.summary, engine)[1] for _ in range(repeat))
    finally:
        progress.surveys.estimates = real
    engine.dispose()
    return {
        "summary_s": round(plain, 4),
        "summary_with_estimate_s": round(with_estimate, 4),
        "estimate_s": round(estimate_alone, 4),
        "estimate_by_species_s": round(by_species, 4),
        "surveyed": figures["estimate"]["surveyed"],
        "planted": figures["planted"],
        "estimate": figures["estimate"]["surviving"],
        "interval": [figures["estimate"]["low"], figures["estimate"]["high"]],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plots", type=int, default=20_000)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--surveyed", type=int, default=100_000)
    parser.add_argument("--engines", default="sqlite,postgis")
    args = parser.parse_args()
    frame = demo.plot_table(args.plots, np.random.default_rng(demo.DEFAULT_SEED))
    plots = demo.plots_geojson(frame)
    plantings, surveyed = plantings_csv(frame["plot_id"].tolist(), args.rows, args.surveyed)
    counts = surveys_csv(surveyed)
    out: dict = {"plots": args.plots, "plantings": args.rows, "surveyed": args.surveyed}
    engines = args.engines.split(",")
    with tempfile.TemporaryDirectory() as tmp:
        if "sqlite" in engines:
            out["sqlite"] = run_engine(f"sqlite:///{tmp}/estimate.sqlite", plots, plantings, counts)
        if "postgis" in engines:
            with postgis_databases(1) as urls:
                out["postgis"] = run_engine(urls[0], plots, plantings, counts)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
