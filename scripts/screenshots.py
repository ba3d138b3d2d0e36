"""Screenshots of every page in every language at 1366×768 and 390×844, on a store filled with DEMO data.

    python scripts/screenshots.py [--out screenshots] [--langs kk ru en] [--pages overview map ...] [--full]
                                  [--viewport desktop|phone|both]

Every page app.py registers (its PAGES) is shot: the pages the public may open signed out, the others signed in.

Starts ``streamlit run app.py`` on a free local port with a temporary SQLite store (``ORMAN_DB_URL`` to use
another), fills it through ``geo.demo`` (with this season's surveys) when empty, and drives Debian's Chromium
with Playwright. The upload page is also shot with a file being checked (``upload-report``; ``upload-regions``,
``upload-geometry`` and ``upload-cells`` for plots and cells an upload refuses, ``upload-shapefile`` for a zipped
Shapefile's, ``upload-layers`` for a GeoPackage of two layers to choose from) and with a clean file's preview
(``upload-preview``). Each shot is taken
at both sizes (``NAME-LANG.png`` and ``NAME-LANG-phone.png``) unless ``--viewport`` says one.

Staff pages are shot signed in as an administrator, moving through the menu (a new page load is a new, signed-out
session): in the temporary store one is created; with ``ORMAN_DB_URL`` give an existing account in
``ORMAN_SCREENSHOT_USER`` and ``ORMAN_SCREENSHOT_PASSWORD``. Without signing in: ``public`` (the public page),
``public-embed`` (the same with ``?embed=true``, as an iframe shows it) and ``signin`` (the sign-in form after a
wrong password).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import app  # noqa: E402
from geo import auth, db, demo, progress  # noqa: E402
from geo.i18n import LANGS, t  # noqa: E402

# Every page of the app (app.PAGES, so a page added there is shot too): those the public may open, signed out and
# by their address; the others signed in, through the menu.
OPEN_PAGES = auth.pages_for(None)
PAGES = tuple(spec.name for spec in app.PAGES if spec.name not in OPEN_PAGES)
PUBLIC = {
    **{name: f"{name}?lang={{lang}}" for name in OPEN_PAGES},
    "public-embed": "public?embed=true&lang={lang}",
    "signin": "?lang={lang}",
}
VIEWPORT = {"width": 1366, "height": 768}
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
TIMEOUT_MS = 60_000
NETWORK_IDLE_MS = 10_000
MENU_TRIES = 3
MENU_WAIT_MS = 10_000
TABS = {"progress-survival": 4}  # progress page with its survival tab open
UPLOADS = {
    "upload-report": ROOT / "tests" / "data" / "app_upload_plantings_bad.csv",
    "upload-preview": ROOT / "tests" / "data" / "app_upload_plots.geojson",
    "upload-regions": ROOT / "tests" / "data" / "plots_unknown_region.geojson",
    "upload-geometry": ROOT / "tests" / "data" / "plots_broken_geometry.geojson",
    "upload-cells": ROOT / "tests" / "data" / "plantings_bad_cells.csv",
    "upload-shapefile": ROOT / "tests" / "data" / "plots_unknown_region_shp.zip",
    "upload-layers": ROOT / "tests" / "data" / "plots_two_layers.gpkg",
}
VIEWPORTS = {"desktop": VIEWPORT, "phone": {"width": 390, "height": 844}}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(url_env: str, port: int, log: Path) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "app.py"),
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
    ]
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


IDLE = (
    "() => document.querySelector('[data-testid=\"stApp\"]')?.dataset.testScriptState === 'notRunning'"
    " && document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0"
)
RUNNING = "() => document.querySelector('[data-testid=\"stApp\"]')?.dataset.testScriptState !== 'notRunning'"


def settle(page: Page) -> None:
    """Wait until the script run has finished and the page has drawn (title, charts, the map's data layer)."""
    page.wait_for_selector("h1", timeout=TIMEOUT_MS)
    page.wait_for_function(IDLE, timeout=TIMEOUT_MS)
    if page.locator("iframe[title='streamlit_folium.st_folium']").count():
        page.frame_locator("iframe[title='streamlit_folium.st_folium']").first.locator(
            "path.orman-aggregate:visible, path.orman-plot:visible, .orman-notice:visible"
        ).first.wait_for(timeout=TIMEOUT_MS)
        network_idle(page)
        page.wait_for_function(IDLE, timeout=TIMEOUT_MS)  # the rerun the map's first bounds cause
    for chart in page.locator("[data-testid='stVegaLiteChart']").all():
        if chart.is_visible():  # charts in a tab not shown are drawn only when it opens
            chart.locator("canvas, svg").first.wait_for(timeout=TIMEOUT_MS)
    network_idle(page)


def network_idle(page: Page) -> None:
    """Wait for the network to rest; briefly, as Playwright may never report it once a map's frame has gone (the
    run has ended by then: what is left to load is the page's own files)."""
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_load_state("networkidle", timeout=NETWORK_IDLE_MS)


def open_sidebar(page: Page) -> None:
    """Open the sidebar where it is collapsed (on the public page, where staff sign in)."""
    expand = page.get_by_test_id("stExpandSidebarButton")
    if expand.is_visible():
        expand.click()
        page.wait_for_selector("[data-testid='stSidebar'][data-collapsed='false']", timeout=TIMEOUT_MS)
        started(page)  # the map, narrowed, reports its bounds: a rerun that would redraw the form meanwhile
        settle(page)


def sign_in(page: Page, name: str, password: str, lang: str) -> None:
    """Sign in through the sidebar form of the page open."""
    open_sidebar(page)
    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.locator("input[autocomplete='username']").fill(name)
    sidebar.locator("input[type='password']").fill(password)
    sidebar.get_by_role("button", name=t("auth_sign_in", lang), exact=True).click()
    sidebar.get_by_role("button", name=t("auth_sign_out", lang)).wait_for(timeout=TIMEOUT_MS)


def started(page: Page) -> None:
    """Wait (briefly) for the run a click starts, so that settle() waits for that run and not the one before."""
    with contextlib.suppress(PlaywrightTimeout):  # a run so quick it has already ended
        page.wait_for_function(RUNNING, timeout=2_000)


def open_from_menu(page: Page, name: str, lang: str) -> None:
    """Open ``name`` through the menu, clicking again while the page stays where it was (a rerun under way, such as
    the map reporting its bounds, can swallow a click)."""
    link = page.locator("[data-testid='stSidebarNav']").get_by_role("link", name=t(f"nav_{name}", lang), exact=True)
    for _ in range(MENU_TRIES):
        link.click()
        try:
            page.wait_for_url(re.compile(rf"/{name}(\?|$)"), timeout=MENU_WAIT_MS)
            break
        except PlaywrightTimeout:
            settle(page)
    started(page)
    settle(page)


def shoot(page: Page, target: Path, full: bool, viewport: dict[str, int] = VIEWPORT) -> None:
    """The page at ``viewport`` (the whole page with ``full``), then back at the desktop size the menu is used at."""
    page.set_viewport_size(viewport)
    settle(page)
    if full:  # Streamlit scrolls inside its main section: grow the window to fit it
        height = page.evaluate("(document.querySelector('[data-testid=\"stMain\"]') || document.body).scrollHeight")
        page.set_viewport_size({"width": viewport["width"], "height": max(height, viewport["height"])})
        settle(page)
    page.screenshot(path=str(target))
    page.set_viewport_size(VIEWPORT)
    print(target.relative_to(ROOT) if target.is_relative_to(ROOT) else target)


def account(url_env: str, temporary: bool) -> tuple[str, str]:
    """The administrator the staff pages are shot as: created in a temporary store, given in the environment
    otherwise."""
    if not temporary:
        name, password = os.environ.get("ORMAN_SCREENSHOT_USER"), os.environ.get("ORMAN_SCREENSHOT_PASSWORD")
        if not name or not password:
            raise SystemExit("set ORMAN_SCREENSHOT_USER and ORMAN_SCREENSHOT_PASSWORD to an account of that store")
        return name, password
    name, password = "screenshots", secrets.token_urlsafe(16)
    auth.add_user(db.get_engine(url_env), name, "admin", password)
    return name, password


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    parser.add_argument("--langs", nargs="+", default=list(LANGS), choices=LANGS)
    shots = [*PAGES, *TABS, *UPLOADS, *PUBLIC]
    parser.add_argument("--pages", nargs="+", default=shots, choices=shots)
    parser.add_argument("--full", action="store_true", help="the whole page, not only the first screen")
    parser.add_argument("--empty", action="store_true", help="an empty store (the first-run screens), no demo")
    parser.add_argument(
        "--viewport", choices=[*VIEWPORTS, "both"], default="both", help="desktop 1366×768, phone 390×844 or both"
    )
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory() as tmp:
        temporary = not os.environ.get(db.DB_URL_ENV)
        url_env = os.environ.get(db.DB_URL_ENV) or f"sqlite:///{Path(tmp) / 'orman.sqlite'}"
        engine = db.get_engine(url_env)
        if not args.empty and progress.summary(engine)["plots"] == 0:
            demo.load(engine, surveys=True, sign_off=True)  # as `make app` starts: the Review page has work
        name, password = account(url_env, temporary)
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        server = _start(url_env, port, Path(tmp) / "streamlit.log")
        sizes = list(VIEWPORTS) if args.viewport == "both" else [args.viewport]
        empty = "-empty" if args.empty else ""

        def shoot_all(page: Page, shot: str, lang: str) -> None:
            for size in sizes:
                suffix = empty + ("" if size == "desktop" else f"-{size}")
                shoot(page, args.out / f"{shot}-{lang}{suffix}.png", args.full, VIEWPORTS[size])

        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
                context = browser.new_context(viewport=VIEWPORT)  # signs in and moves through the menu at this size
                # Offline, as on a ministry intranet: only the app itself answers.
                context.route(
                    "**/*",
                    lambda route: (
                        route.continue_() if "127.0.0.1" in route.request.url else route.abort("internetdisconnected")
                    ),
                )
                page = context.new_page()
                for lang in args.langs:
                    for shot in (s for s in args.pages if s in PUBLIC):
                        page.goto(f"{base}/{PUBLIC[shot].format(lang=lang)}")
                        settle(page)
                        if shot == "signin":  # a name no account has, so no real account's attempts count
                            open_sidebar(page)
                            sidebar = page.locator("[data-testid='stSidebar']")
                            sidebar.locator("input[autocomplete='username']").fill("example.user")
                            sidebar.locator("input[type='password']").fill("not-this-one")
                            sidebar.get_by_role("button", name=t("auth_sign_in", lang), exact=True).click()
                            sidebar.locator("[data-testid='stAlert']").wait_for(timeout=TIMEOUT_MS)
                            settle(page)
                        shoot_all(page, shot, lang)
                    staff = [s for s in args.pages if s not in PUBLIC]
                    if not staff:
                        continue
                    page.goto(f"{base}/?lang={lang}")
                    settle(page)
                    sign_in(page, name, password, lang)
                    settle(page)
                    for shot in staff:
                        open_from_menu(page, shot.split("-")[0], lang)
                        if shot in TABS:
                            page.get_by_role("tab").nth(TABS[shot]).click()
                            started(page)
                            settle(page)
                        if shot in UPLOADS:
                            page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(
                                str(UPLOADS[shot])
                            )
                            started(page)
                            page.locator("h3, [data-testid='stAlert']").first.wait_for(timeout=TIMEOUT_MS)
                            settle(page)
                        shoot_all(page, shot, lang)
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
