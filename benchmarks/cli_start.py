"""How fast the command line starts: ``python -m geo --help`` and each command's ``--help``, and ``check`` of a small
CSV, beside a bare ``python -c pass`` measured in the same run (hyperfine-like: warm-up runs, then the median and the
fastest of N runs of a fresh process). Prints one JSON line, times in seconds.

Also the import time of geo.cli itself and the heaviest modules it loads (``python -X importtime``), so a slow start
says where the time went. Run: ``python benchmarks/cli_start.py [--runs N]``. Targets (issue 19): --help <= 0.3 s,
check of a small CSV <= 1 s.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from geo.cli import COMMANDS  # the command names only: geo.cli imports nothing heavy

ROOT = Path(__file__).resolve().parent.parent
SMALL_CSV = ROOT / "tests" / "data" / "store_plantings_2024.csv"
WARMUP = 2


def timed(args: list[str], runs: int, env: dict[str, str]) -> dict[str, float]:
    """The median and the fastest wall time of ``runs`` fresh processes running ``args`` (after WARMUP runs)."""
    times = []
    for i in range(WARMUP + runs):
        start = time.perf_counter()
        subprocess.run(args, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        if i >= WARMUP:
            times.append(time.perf_counter() - start)
    return {"median": round(statistics.median(times), 4), "min": round(min(times), 4)}


def import_profile(env: dict[str, str], top: int = 5) -> dict[str, object]:
    """geo.cli's cumulative import time and the ``top`` slowest top-level imports of ``python -m geo --help``."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "geo", "--help"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    rows = re.findall(r"import time:\s+\d+ \|\s+(\d+) \| (\s*)(\S+)", done.stderr)
    cumulative = {name: int(us) for us, indent, name in rows if not indent}
    slowest = sorted(cumulative.items(), key=lambda item: -item[1])[:top]
    return {"geo_cli_s": cumulative.get("geo.cli", 0) / 1e6, "slowest_s": {n: us / 1e6 for n, us in slowest}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "ORMAN_DB_URL": f"sqlite:///{Path(tmp) / 'orman.sqlite'}", "ORMAN_LANG": "en"}
        geo = [sys.executable, "-m", "geo"]
        figures: dict[str, object] = {
            "runs": runs,
            "python_pass": timed([sys.executable, "-c", "pass"], runs, env),
            "help": timed([*geo, "--help"], runs, env),
            "command_help": {name: timed([*geo, name, "--help"], runs, env) for name in COMMANDS},
            "help_ru": timed([*geo, "check", "--help", "--lang", "ru"], runs, env),
            "help_lang_first": timed([*geo, "--lang", "kk", "--help"], runs, env),
            "check_small_csv": timed([*geo, "check", str(SMALL_CSV)], runs, env),
            "imports": import_profile(env),
        }
    helps = [figures["help"], *figures["command_help"].values()]  # type: ignore[union-attr]
    figures["slowest_help_median"] = max(h["median"] for h in helps)  # type: ignore[index]
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
