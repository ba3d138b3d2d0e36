"""Peak memory and time of `python -m geo check` on the hostile files of issue 18; print one JSON line.

Cases: a small normal plantings file (the baseline: interpreter, imports and one check), a 1 GB-inflating XLSX
bomb, a KMZ whose doc.kml inflates to 300 MB while its ZIP directory declares 300 kB, a CSV line of 100 000
columns, and 1 500 point plots stacked at one place (every pair overlaps), checked against an empty SQLite store.
Each check runs as its own subprocess; its peak resident memory comes from os.wait4's resource usage (ru_maxrss),
so cases never mask one another. Targets: < 500 MB and < 5 s each.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "data"))
sys.path.insert(0, str(ROOT))

import make_hostile  # noqa: E402

TARGET_MB, TARGET_S = 500, 5.0


def measure(path: Path, env: dict[str, str]) -> dict[str, object]:
    """Peak MB, seconds, exit code and the first error's code of one `geo check --json` subprocess."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "geo", "check", str(path), "--json"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert child.stdout is not None
    out = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    try:
        report = json.loads(out)
    except ValueError:
        report = {}
    errors = report.get("errors") or [{}]
    return {
        "peak_mb": round(usage.ru_maxrss / 1024),  # Linux: kilobytes
        "s": round(seconds, 2),
        "exit": child.returncode,
        "code": errors[0].get("code"),
        "warnings": len(report.get("warnings") or []),
        "output_kb": round(len(out) / 1024),
    }


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        url = f"sqlite:///{folder / 'orman.sqlite'}"
        from geo import db  # noqa: PLC0415 - only to create the empty store the checks compare with

        db.create_engine(url).dispose()
        env = {**os.environ, "ORMAN_DB_URL": url}
        files = {
            "baseline": ROOT / "tests" / "data" / "plantings_semey_cp1251.csv",
            "bomb_xlsx": folder / "bomb.xlsx",
            "lying_kmz": folder / "bomb.kmz",
            "wide_csv": folder / "wide.csv",
            "stacked_1500": folder / "stacked.geojson",
        }
        files["bomb_xlsx"].write_bytes(make_hostile.bomb_xlsx(1 << 30))
        files["lying_kmz"].write_bytes(make_hostile.bomb_kmz(300 << 20, lie=True))
        files["wide_csv"].write_bytes(make_hostile.wide_csv(100_000))
        files["stacked_1500"].write_bytes(make_hostile.stacked_points(1500))
        line: dict[str, object] = {"benchmark": "hostile", "target_mb": TARGET_MB, "target_s": TARGET_S}
        for name, path in files.items():
            line[name] = {"file_kb": round(path.stat().st_size / 1024), **measure(path, env)}
        hostile = [v for k, v in line.items() if isinstance(v, dict) and k != "baseline"]
        line["ok"] = all(c["peak_mb"] < TARGET_MB and c["s"] < TARGET_S for c in hostile)  # type: ignore[operator]
        line["load"] = round(os.getloadavg()[0], 2)
    print(json.dumps(line, ensure_ascii=False))


if __name__ == "__main__":
    main()
