"""The read API and the public page under load, each beside a bare baseline measured in the same run, so the ratio
shows Orman's own cost. Prints one JSON line, times in seconds.

- HTTP: ``--clients`` threads (50), each with its own keep-alive connection, send ``--requests`` GETs (40) to
  /api/v1/summary, /api/v1/regions and Streamlit's /_stcore/health: requests per second, p50, p95, errors.
- Browser (``--browsers N``, 20; 0 skips it): the public page opened by one headless Chromium session alone, then
  by N at once, beside a blank Streamlit page (benchmarks/blank_page.py) the same way: the time from navigation to
  the first figure drawn (the public page's first KPI card; the blank page's title), p50, p95, errors.

The store is made for the run with ``python -m geo demo`` (``--plots``: the standard demo by default), and the app
started the README's way, ``streamlit run app.py``. Run: ``python benchmarks/load.py [--clients 50] [--browsers 20]``.
Targets (issue 19): API p95 <= 3x the health endpoint's; public page p95 under load <= 2x its time alone; no errors.
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
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BLANK = Path(__file__).resolve().parent / "blank_page.py"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run"]  # fmt: skip
STARTUP_TIMEOUT_S = 90
PAGE_TIMEOUT_MS = 120_000
PATHS = {"api_summary": "/api/v1/summary", "api_regions": "/api/v1/regions", "health": "/_stcore/health"}


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


def http_load(url: str, path: str, clients: int, requests: int) -> dict[str, float | int | None]:
    """``clients`` threads, each sending ``requests`` GETs of ``path`` over one keep-alive connection."""
    host, port = url.removeprefix("http://").split(":")
    times: list[float] = []
    errors = [0]
    lock = threading.Lock()
    start_together = threading.Barrier(clients)

    def client() -> None:
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

    threads = [threading.Thread(target=client) for _ in range(clients)]
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


async def sessions(url: str, selector: str, count: int) -> dict[str, dict[str, float | int | None]]:
    """One session alone, then ``count`` at once, each timed to ``selector``."""
    from playwright.async_api import async_playwright  # noqa: PLC0415 - only the browser part needs it

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        await drawn(browser, url, selector)  # warm-up: the server's first run imports the pages
        alone = [await drawn(browser, url, selector) for _ in range(3)]
        crowd = await asyncio.gather(*(drawn(browser, url, selector) for _ in range(count)))
        await browser.close()
    ok_alone = [t for t in alone if t is not None]
    ok_crowd = [t for t in crowd if t is not None]
    return {
        "alone": figures(ok_alone, len(alone) - len(ok_alone)),
        "loaded": figures(ok_crowd, len(crowd) - len(ok_crowd)),
    }


def ratio(a: float | int | None, b: float | int | None) -> float | None:
    return round(float(a) / float(b), 2) if a is not None and b else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=40, help="requests per client and address")
    parser.add_argument("--browsers", type=int, default=20, help="concurrent browser sessions (0: none)")
    parser.add_argument("--plots", type=int, default=None, help="demo plots (default: the standard demo)")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="orman-load-"))
    env = {**os.environ, "ORMAN_DB_URL": f"sqlite:///{folder / 'orman.sqlite'}", "PYTHONPATH": str(ROOT)}
    demo = [sys.executable, "-m", "geo", "demo", "--surveys", *(["--plots", str(args.plots)] if args.plots else [])]
    subprocess.run(demo, cwd=ROOT, env=env, check=True, capture_output=True)
    result: dict[str, object] = {"clients": args.clients, "requests_per_client": args.requests}
    with streamlit(ROOT / "app.py", env, folder / "app.log") as app:
        for path in PATHS.values():  # the first answer computes the figures: not what a crowd meets
            urllib.request.urlopen(app + path, timeout=60).read()
        http_figures = {name: http_load(app, path, args.clients, args.requests) for name, path in PATHS.items()}
        result["http"] = http_figures
        result["api_p95_over_health"] = {
            name: ratio(http_figures[name]["p95"], http_figures["health"]["p95"])
            for name in ("api_summary", "api_regions")
        }
        if args.browsers:
            public = asyncio.run(sessions(f"{app}/public?lang=en", ".orman-kpi .value", args.browsers))
            result["public_page"] = public
    if args.browsers:
        with streamlit(BLANK, env, folder / "blank.log") as blank:
            result["blank_page"] = asyncio.run(sessions(blank, "h1", args.browsers))
        page, bare = result["public_page"], result["blank_page"]
        result["public_loaded_over_alone_p95"] = ratio(page["loaded"]["p95"], page["alone"]["p95"])  # type: ignore[index]
        result["public_over_blank_alone_p50"] = ratio(page["alone"]["p50"], bare["alone"]["p50"])  # type: ignore[index]
    print(json.dumps(result))


if __name__ == "__main__":
    main()
