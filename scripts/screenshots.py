"""Screenshots of every page in every language at 1366×768, on a store filled with DEMO data.

    python scripts/screenshots.py [--out screenshots] [--langs kk ru en] [--pages overview map ...] [--full]

Starts ``streamlit run app.py`` on a free local port with a temporary SQLite store (``ORMAN_DB_URL`` to use
another), fills it through ``geo.demo`` when empty, and drives Debian's Chromium with Playwright. The upload page is
also shot with a file being checked (``upload-report``) and with a clean file's preview (``upload-preview``).
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo import db, progress  # noqa: E402
from geo.i18n import LANGS  # noqa: E402

PAGES = ("overview", "map", "progress", "upload", "history")
VIEWPORT = {"width": 1366, "height": 768}
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run"]
TIMEOUT_MS = 60_000
TABS = {"progress-survival": 4}  # progress page with its survival tab open
UPLOADS = {"upload-report": ROOT / "tests" / "data" / "app_upload_plantings_bad.csv",
           "upload-preview": ROOT / "tests" / "data" / "app_upload_plots.geojson"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(url_env: str, port: int, log: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
               "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
               "--server.fileWatcherType", "none"]
    env = {**os.environ, "ORMAN_DB_URL": url_env, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"streamlit exited:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                return process
        except OSError:
            time.sleep(0.3)
    process.terminate()
    raise SystemExit(f"streamlit did not start:\n{log.read_text(errors='replace')}")


IDLE = ("() => !(document.querySelector('[data-testid=\"stStatusWidget\"]')?.innerText || '').includes('Stop')"
        " && document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0")


def settle(page: Page) -> None:
    """Wait until the script run has finished and the page has drawn (title, charts, the map's data layer)."""
    page.wait_for_selector("h1", timeout=TIMEOUT_MS)
    page.wait_for_function(IDLE, timeout=TIMEOUT_MS)
    if page.locator("iframe[title='streamlit_folium.st_folium']").count():
        page.frame_locator("iframe[title='streamlit_folium.st_folium']").first.locator(
            "path.orman-aggregate, path.orman-plot, .orman-notice").first.wait_for(timeout=TIMEOUT_MS)
        page.wait_for_load_state("networkidle")
        page.wait_for_function(IDLE, timeout=TIMEOUT_MS)  # the rerun the map's first bounds cause
    for chart in page.locator("[data-testid='stVegaLiteChart']").all():
        if chart.is_visible():  # charts in a tab not shown are drawn only when it opens
            chart.locator("canvas, svg").first.wait_for(timeout=TIMEOUT_MS)
    page.wait_for_load_state("networkidle")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    parser.add_argument("--langs", nargs="+", default=list(LANGS), choices=LANGS)
    shots = [*PAGES, *TABS, *UPLOADS]
    parser.add_argument("--pages", nargs="+", default=shots, choices=shots)
    parser.add_argument("--full", action="store_true", help="the whole page, not only the first screen")
    parser.add_argument("--empty", action="store_true", help="an empty store (the first-run screens), no demo")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory() as tmp:
        url_env = os.environ.get(db.DB_URL_ENV) or f"sqlite:///{Path(tmp) / 'orman.sqlite'}"
        engine = db.get_engine(url_env)
        if not args.empty and progress.summary(engine)["plots"] == 0:
            from geo import demo

            demo.load(engine)
        port = _free_port()
        server = _start(url_env, port, Path(tmp) / "streamlit.log")
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
                context = browser.new_context(viewport=VIEWPORT)
                # Offline, as on a ministry intranet: only the app itself answers.
                context.route("**/*", lambda route: route.continue_() if "127.0.0.1" in route.request.url
                              else route.abort("internetdisconnected"))
                page = context.new_page()
                for lang in args.langs:
                    for name in args.pages:
                        path = name.split("-")[0]
                        page.goto(f"http://127.0.0.1:{port}/{'' if path == 'overview' else path}?lang={lang}")
                        settle(page)
                        if name in TABS:
                            page.get_by_role("tab").nth(TABS[name]).click()
                            settle(page)
                        if name in UPLOADS:
                            page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(
                                str(UPLOADS[name]))
                            page.locator("h3").first.wait_for(timeout=TIMEOUT_MS)
                            settle(page)
                        target = args.out / f"{name}-{lang}{'-empty' if args.empty else ''}.png"
                        if args.full:  # Streamlit scrolls inside its main section: grow the window to fit it
                            height = page.evaluate("document.querySelector('[data-testid=\"stMain\"]')"
                                                   ".scrollHeight")
                            page.set_viewport_size({"width": VIEWPORT["width"], "height": max(height,
                                                                                              VIEWPORT["height"])})
                            settle(page)
                        page.screenshot(path=str(target))
                        page.set_viewport_size(VIEWPORT)
                        print(target.relative_to(ROOT) if target.is_relative_to(ROOT) else target)
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
