"""The read API and the public page under load, each beside a bare baseline measured in the same run, so the ratio
shows Orman's own cost. Prints one JSON line, times in seconds.

- HTTP: ``--clients`` threads (50), each with its own keep-alive connection, send ``--requests`` GETs (40) to
  /api/v1/summary, /api/v1/regions and Streamlit's /_stcore/health: requests per second, p50, p95, errors.
- Browser (``--browsers N``, 20, sessions at once; ``--alone``, 5, visits one at a time; 0 skips either): the
  public page and a blank Streamlit page (benchmarks/blank_page.py, served at the same time) opened by one
  headless Chromium session at a time, the two taking turns so that both meet the same machine; then each by N
  sessions at once. Timed from navigation to the first figure drawn (the public page's first KPI card; the blank
  page's title): p50, p95, errors. ``--no-http --browsers 0 --alone 10``: the public page against the blank page
  alone, nothing else.
- Several processes (``--processes 2``): the store is a new PostGIS database (``--pg-url``, the server of
  ORMAN_TEST_PG_URL), N app servers are started on it, and the HTTP load runs once against the first alone and once
  spread over all N (client i talks to server i mod N), printed side by side; the N sessions at once are spread the
  same way.

The store is made for the run with ``python -m geo demo`` (``--plots``: the standard demo by default), and the app
started the README's way, ``streamlit run app.py``. Run: ``python benchmarks/load.py [--clients 50] [--browsers 20]
[--processes 2]``. Targets (issue 19): API p95 <= 3x the health endpoint's; public page p95 under load <= 2x its
time alone; the public page alone within 1.5x the blank page; no errors.
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
BLANK = Path(__file__).resolve().parent / "blank_page.py"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run"]  # fmt: skip
STARTUP_TIMEOUT_S = 90
PAGE_TIMEOUT_MS = 120_000
PATHS = {"api_summary": "/api/v1/summary", "api_regions": "/api/v1/regions", "health": "/_stcore/health"}
PG_URL = os.environ.get("ORMAN_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
PUBLIC = ("/public?lang=en", ".orman-kpi .value")  # the address, and what shows the first figure
BLANK_FIRST = ("/", "h1")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def streamlit(script: Path, env: dict[str, str], log: Path) -> Iterator[str]:
    """``streamlit run script`` on a free port; its base URL once the health check answers."""
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true", "--server.port",
               str(port), "--server.address", "127.0.0.1", "--server.fileWatcherType", "none"]  # fmt: skip
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(log.read_text(errors="replace")) from None
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


def figures(times: list[float], errors: int, wall: float | None = None) -> dict[str, float | int | None]:
    """p50, p95 and errors of ``times`` (and requests per second over ``wall``)."""
    ordered = sorted(times)
    shown: dict[str, float | int | None] = {
        "p50": round(statistics.median(ordered), 4) if ordered else None,
        "p95": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 4) if ordered else None,
        "errors": errors,
    }
    if wall is not None:
        shown["requests_per_s"] = round(len(times) / wall, 1)
    return shown


def http_load(urls: Sequence[str], path: str, clients: int, requests: int) -> dict[str, float | int | None]:
    """``clients`` threads, each sending ``requests`` GETs of ``path`` over one keep-alive connection, client i to
    server ``urls[i % len(urls)]``."""
    times: list[float] = []
    errors = [0]
    lock = threading.Lock()
    start_together = threading.Barrier(clients)

    def client(url: str) -> None:
        host, port = url.removeprefix("http://").split(":")
        connection = http.client.HTTPConnection(host, int(port), timeout=60)
        mine, failed = [], 0
        start_together.wait()
        for _ in range(requests):
            began = time.perf_counter()
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    failed += 1
            except OSError:
                failed += 1
                connection.close()
                connection = http.client.HTTPConnection(host, int(port), timeout=60)
            mine.append(time.perf_counter() - began)
        connection.close()
        with lock:
            times.extend(mine)
            errors[0] += failed

    threads = [threading.Thread(target=client, args=(urls[i % len(urls)],)) for i in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return figures(times, errors[0], time.perf_counter() - began)


async def drawn(browser: object, url: str, selector: str) -> float | None:
    """Seconds from navigation to ``selector`` visible in a fresh browser context; None when it never shows."""
    context = await browser.new_context(viewport={"width": 1366, "height": 900})  # type: ignore[attr-defined]
    page = await context.new_page()
    began = time.perf_counter()
    try:
        await page.goto(url, wait_until="commit", timeout=PAGE_TIMEOUT_MS)
        await page.locator(selector).first.wait_for(state="visible", timeout=PAGE_TIMEOUT_MS)
        return time.perf_counter() - began
    except Exception as failure:  # noqa: BLE001 - a page that never draws is an error of the run, not its end
        print(f"{url}: {type(failure).__name__}: {str(failure)[:300]}", file=sys.stderr)
        return None
    finally:
        await context.close()


async def alone(pages: dict[str, tuple[str, str]], visits: int) -> dict[str, list[float | None]]:
    """Each of ``pages`` (name -> address, selector) opened by one session at a time, ``visits`` times, the pages
    taking turns, after a warm-up visit each (a server's first run imports the pages)."""
    from playwright.async_api import async_playwright  # noqa: PLC0415 - only the browser part needs it

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for url, selector in pages.values():
            await drawn(browser, url, selector)
        times: dict[str, list[float | None]] = {name: [] for name in pages}
        for _ in range(visits):
            for name, (url, selector) in pages.items():
                times[name].append(await drawn(browser, url, selector))
        await browser.close()
    return times


async def crowd(urls: Sequence[str], selector: str, count: int) -> list[float | None]:
    """``count`` sessions at once, session i on ``urls[i % len(urls)]``."""
    from playwright.async_api import async_playwright  # noqa: PLC0415 - only the browser part needs it

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        found = await asyncio.gather(*(drawn(browser, urls[i % len(urls)], selector) for i in range(count)))
        await browser.close()
    return list(found)


def timed(found: Sequence[float | None]) -> dict[str, float | int | None]:
    ok = [t for t in found if t is not None]
    return figures(ok, len(found) - len(ok))


def ratio(a: float | int | None, b: float | int | None) -> float | None:
    return round(float(a) / float(b), 2) if a is not None and b else None


@contextmanager
def postgis_store(admin_url: str) -> Iterator[str]:
    """A new PostGIS database on the server of ``admin_url`` for the run, dropped afterwards; its URL."""
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    name = f"orman_load_{uuid.uuid4().hex[:12]}"
    url = sa.make_url(admin_url).set(database=name)
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        plain = sa.create_engine(url, poolclass=sa.pool.NullPool)
        with plain.begin() as conn:
            conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS postgis")
        plain.dispose()
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def api_figures(urls: Sequence[str], clients: int, requests: int) -> dict[str, object]:
    """The HTTP load on every address of PATHS, spread over ``urls``, and the API's p95 over the health check's."""
    for url in urls:  # the first answer of each process computes the figures: not what a crowd meets
        for path in PATHS.values():
            urllib.request.urlopen(url + path, timeout=60).read()
    found = {name: http_load(urls, path, clients, requests) for name, path in PATHS.items()}
    return {
        "http": found,
        "api_p95_over_health": {
            name: ratio(found[name]["p95"], found["health"]["p95"]) for name in ("api_summary", "api_regions")
        },
    }


def browser_figures(apps: Sequence[str], blank: str, count: int, visits: int) -> dict[str, object]:
    """The public page and the blank page alone (taking turns) and by ``count`` sessions at once (the public page's
    spread over ``apps``)."""
    pages = {"public": (apps[0] + PUBLIC[0], PUBLIC[1]), "blank": (blank + BLANK_FIRST[0], BLANK_FIRST[1])}
    single = asyncio.run(alone(pages, visits))
    page: dict[str, object] = {"alone": timed(single["public"])}
    bare: dict[str, object] = {"alone": timed(single["blank"])}
    result: dict[str, object] = {"public_page": page, "blank_page": bare}
    if count:  # then by ``count`` sessions at once
        page["loaded"] = timed(asyncio.run(crowd([a + PUBLIC[0] for a in apps], PUBLIC[1], count)))
        bare["loaded"] = timed(asyncio.run(crowd([blank + BLANK_FIRST[0]], BLANK_FIRST[1], count)))
        result["public_loaded_over_alone_p95"] = ratio(page["loaded"]["p95"], page["alone"]["p95"])  # type: ignore[index]
    result["public_over_blank_alone_p50"] = ratio(page["alone"]["p50"], bare["alone"]["p50"])  # type: ignore[index]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=40, help="requests per client and address")
    parser.add_argument("--browsers", type=int, default=20, help="concurrent browser sessions (0: none)")
    parser.add_argument("--alone", type=int, default=5, help="visits of each page by one session at a time (0: none)")
    parser.add_argument("--no-http", action="store_true", help="no HTTP load: the browser figures only")
    parser.add_argument("--plots", type=int, default=None, help="demo plots (default: the standard demo)")
    parser.add_argument("--processes", type=int, default=1, help="app processes on one PostGIS store (>1)")
    parser.add_argument("--pg-url", default=PG_URL, help="a PostgreSQL server with PostGIS, for --processes > 1")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="orman-load-"))
    result: dict[str, object] = {"clients": args.clients, "requests_per_client": args.requests}
    with ExitStack() as stack:
        if args.processes > 1:
            store_url = stack.enter_context(postgis_store(args.pg_url))
        else:
            store_url = f"sqlite:///{folder / 'orman.sqlite'}"
        result["store"] = sa.make_url(store_url).get_backend_name()
        env = {**os.environ, "ORMAN_DB_URL": store_url, "PYTHONPATH": str(ROOT)}
        demo = [sys.executable, "-m", "geo", "demo", "--surveys", *(["--plots", str(args.plots)] if args.plots else [])]
        subprocess.run(demo, cwd=ROOT, env=env, check=True, capture_output=True)
        apps = [
            stack.enter_context(streamlit(ROOT / "app.py", env, folder / f"app{i}.log")) for i in range(args.processes)
        ]
        if not args.no_http:
            result.update(api_figures(apps[:1], args.clients, args.requests))
        if args.processes > 1 and not args.no_http:
            result[f"processes_{args.processes}"] = api_figures(apps, args.clients, args.requests)
        if args.browsers or args.alone:
            blank = stack.enter_context(streamlit(BLANK, env, folder / "blank.log"))
            result.update(browser_figures(apps, blank, args.browsers, args.alone))
            result["browser_processes"] = args.processes  # the sessions at once were spread over these
    print(json.dumps(result))


if __name__ == "__main__":
    main()
