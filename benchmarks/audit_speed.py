"""What the audit trail costs: appending an entry (one short transaction of its own, as a sign-in does) and
verifying a trail of N entries: whole (``python -m geo audit --verify``, and the Audit page's first load), and as the
page does on its next load after one more action (incrementally: the entries since its last check). On a fresh
SQLite file and, when ``--pg URL`` is given, on a fresh PostgreSQL database there. Prints one JSON line, times in
seconds. Run: ``python benchmarks/audit_speed.py [--entries N]
[--pg postgresql+psycopg://postgres@127.0.0.1:5432/postgres]``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from geo import audit, db


def measure(url: str, entries: int) -> dict[str, float]:
    engine = db.create_engine(url)
    start = time.perf_counter()
    for i in range(entries):
        audit.record(engine, "benchmark", "export", f"file-{i}.csv", {"rows": i})
    appended = time.perf_counter() - start
    start = time.perf_counter()
    findings = audit.verify(engine)
    verified = time.perf_counter() - start
    audit.record(engine, "benchmark", "sign_in")  # the whole check above is the one the last load made
    start = time.perf_counter()
    findings += audit.verify(engine, incremental=True)
    page = time.perf_counter() - start
    engine.dispose()
    assert not findings, findings
    return {
        "append_each": round(appended / entries, 5),
        "verify_all": round(verified, 3),
        "verify_page": round(page, 4),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=2000)
    parser.add_argument("--pg", help="a PostgreSQL server's URL, to measure there too")
    args = parser.parse_args()
    figures: dict[str, object] = {"entries": args.entries}
    with tempfile.TemporaryDirectory() as folder:
        os.environ[audit.DIR_ENV] = folder
        figures["sqlite"] = measure(f"sqlite:///{Path(folder) / 'orman.sqlite'}", args.entries)
        if args.pg:
            admin = sa.create_engine(args.pg, isolation_level="AUTOCOMMIT")
            name = f"orman_bench_{uuid.uuid4().hex[:8]}"
            with admin.connect() as conn:
                conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
            try:
                url = sa.make_url(args.pg).set(database=name).render_as_string(hide_password=False)
                plain = sa.create_engine(url)
                with plain.begin() as conn:
                    conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS postgis")
                plain.dispose()
                figures["postgresql"] = measure(url, args.entries)
            finally:
                with admin.connect() as conn:
                    conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                admin.dispose()
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
