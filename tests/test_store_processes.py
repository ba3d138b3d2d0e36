"""The store across processes: an import killed mid-write leaves nothing behind; concurrent imports both land."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from store_expected import read_plantings

from geo import db, demo
from geo.progress import summary
from geo.store import history, import_file

REPO = Path(__file__).resolve().parent.parent
TODAY = date.today()


def run_cli(url: str, *args: str) -> subprocess.Popen:
    env = {**os.environ, db.DB_URL_ENV: url, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, "-m", "geo", *args],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for(condition: Callable[[], bool], proc: subprocess.Popen, what: str, limit: float = 300) -> None:
    """Poll ``condition`` until it holds; fail if ``proc`` ends first (it was meant to be caught mid-way)."""
    deadline = time.monotonic() + limit
    while not condition():
        if proc.poll() is not None:
            pytest.fail(f"the import finished before {what}: {proc.stderr.read()[-2000:]}")
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.01)


def sqlite_writer_active(path: str) -> Callable[[], bool]:
    def locked() -> bool:
        probe = sqlite3.connect(path, timeout=0, isolation_level=None)
        try:
            probe.execute("BEGIN IMMEDIATE")
            probe.execute("ROLLBACK")
            return False
        except sqlite3.OperationalError:
            return True
        finally:
            probe.close()

    return locked


def postgres_copying_plantings(engine: Engine) -> Callable[[], bool]:
    def copying() -> bool:
        with engine.connect() as conn:
            return bool(
                conn.exec_driver_sql(
                    "SELECT count(*) FROM pg_stat_progress_copy WHERE relid = 'plantings'::regclass "
                    "AND tuples_processed > 0"
                ).scalar()
            )

    return copying


def planted_trees(plantings: pd.DataFrame) -> int:
    """The trees of the planting records (gap-fillings and sowings add none)."""
    return int(plantings.loc[plantings["operation"] == "planting", "planted"].sum())


@pytest.fixture(scope="module")
def demo_files() -> demo.DemoFiles:
    """About 5 000 plots and 50 000 plantings: an import whose write takes a good part of a second or more."""
    return demo.generate(plots=5000, seed=5, today=TODAY, plantings_per_plot=12)


def test_an_import_killed_mid_write_leaves_no_trace(
    store: Engine, store_url: str, tmp_path: Path, demo_files: demo.DemoFiles
) -> None:
    assert import_file(store, demo_files.plots, "plots.geojson", user="test", today=TODAY).committed
    big = tmp_path / "plantings_big.csv"
    big.write_bytes(demo_files.plantings[-1][1])
    before = summary(store), [b.id for b in history(store)]

    proc = run_cli(store_url, "import", str(big))
    if db.is_sqlite(store):
        # killed as soon as it holds the write lock: inside its transaction, however quickly that then goes
        wait_for(sqlite_writer_active(sa.make_url(store_url).database), proc, "it began writing")
    else:
        wait_for(postgres_copying_plantings(store), proc, "it was copying plantings")
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL

    store.dispose()
    assert (summary(store), [b.id for b in history(store)]) == before
    with store.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(db.plantings)).scalar_one() == 0
    after = import_file(store, big.read_bytes(), big.name, user="retry", today=TODAY)
    assert after.committed and after.new == demo_files.planting_rows
    assert summary(store)["planted"] == planted_trees(read_plantings(big))


def test_two_concurrent_imports_of_different_files_both_land(
    store: Engine, store_url: str, tmp_path: Path, demo_files: demo.DemoFiles
) -> None:
    assert import_file(store, demo_files.plots, "plots.geojson", user="test", today=TODAY).committed
    lines = demo_files.plantings[-1][1].decode("utf-8-sig").splitlines()
    header, rows = lines[0], lines[1:]
    # Half the plots each, every record of a plot in one file: a gap-filling needs its plot's planting stored or
    # in its own file, and the two imports may land in either order.
    plots = sorted({row.split(";", 1)[0] for row in rows})
    first = set(plots[: len(plots) // 2])
    halves = {
        "first": [row for row in rows if row.split(";", 1)[0] in first],
        "second": [row for row in rows if row.split(";", 1)[0] not in first],
    }
    paths = []
    for name, part in halves.items():
        path = tmp_path / f"plantings_{name}.csv"
        path.write_text("\n".join([header, *part]) + "\n", encoding="utf-8-sig")
        paths.append(path)

    procs = [run_cli(store_url, "import", str(p), "--json") for p in paths]
    outputs = [proc.communicate(timeout=600) for proc in procs]

    assert [proc.returncode for proc in procs] == [0, 0], [err[-2000:] for _, err in outputs]
    results = [json.loads(out) for out, _ in outputs]
    assert sorted(r["batch"] for r in results) == [2, 3]
    assert [r["new"] for r in results] == [len(halves["first"]), len(halves["second"])]
    assert summary(store)["planted"] == planted_trees(pd.concat([read_plantings(p) for p in paths]))
    assert {b.filename for b in history(store)} == {"plots.geojson", "plantings_first.csv", "plantings_second.csv"}
