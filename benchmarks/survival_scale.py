"""The survival estimate at the programme's scale: 1 000 000 plantings, 100 000 of them surveyed; print one JSON line.

The frame is what the store will hand to `geo.survival.estimate`: one row per planting (20 regions × 5 planting
years, planted 500–40 000, half of the surveys full counts, half sample counts of 100–400 spots). Beside the
estimate, in the same run, a baseline: a plain pandas groupby-sum of planted by region and year over the same frame,
the least any per-stratum figure costs. Times are the best of ``--repeat`` runs, wall-clock seconds; the load
average is printed beside them, since other work on the machine slows both alike. Target: estimate well under 0.3 s.

Run: python benchmarks/survival_scale.py [--plantings N] [--surveys N] [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo import survival

REGIONS = [f"KZ-{code}" for code in (10, 11, 15, 19, 23, 27, 31, 33, 35, 39, 43, 47, 55, 59, 61, 62, 63, 71, 75, 79)]
YEARS = [2021, 2022, 2023, 2024, 2025]


def plantings(rows: int, surveys: int, rng: np.random.Generator) -> pd.DataFrame:
    planted = rng.integers(500, 40_000, rows)
    frame = pd.DataFrame(
        {
            "region": pd.Categorical(rng.choice(REGIONS, rows), categories=REGIONS),
            "year": rng.choice(YEARS, rows),
            "planted": planted,
        }
    )
    sampled = survival.draw_sample(frame, surveys, seed=1).index.to_numpy()
    spots = np.minimum(planted[sampled], rng.integers(100, 400, surveys))
    counted = np.where(rng.random(surveys) < 0.5, planted[sampled], spots)
    alive = np.full(rows, np.nan)
    counts = np.full(rows, np.nan)
    alive[sampled] = rng.binomial(counted, rng.beta(3, 2, surveys))
    counts[sampled] = counted
    return frame.assign(alive=alive, counted=counts)


def best(task, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        task()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plantings", type=int, default=1_000_000)
    parser.add_argument("--surveys", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    frame = plantings(args.plantings, args.surveys, np.random.default_rng(0))
    result = survival.estimate(frame)
    print(
        json.dumps(
            {
                "plantings": args.plantings,
                "surveys": args.surveys,
                "estimate_s": round(best(lambda: survival.estimate(frame), args.repeat), 4),
                "baseline_groupby_sum_s": round(
                    best(lambda: frame.groupby(["region", "year"], observed=True)["planted"].sum(), args.repeat), 4
                ),
                "draw_sample_s": round(best(lambda: survival.draw_sample(frame, args.surveys, 2), args.repeat), 4),
                "estimate": result.as_json(),
                "load_average": os.getloadavg()[0],
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
