"""Browser tests: a real `streamlit run` on a free local port, a temporary SQLite store, Debian's Chromium.

Fixtures
- ``streamlit_server(script, env=None)``: starts Streamlit on ``script`` (a path) and returns its base URL. A
  script outside the repository root gets the repository's static/ next to it (Streamlit serves static/ from
  the script's folder), so pages under test load Leaflet from Orman's own files just like app.py does.
- ``app_url``: the real app (app.py) on the module's store.
- ``orman_db_url``: an SQLite URL in a temporary folder, one per test module, passed to every server as
  ORMAN_DB_URL; fill it through geo before starting a server.
- ``browser`` / ``page``: headless Chromium at 1366×768. ``page.outside_requests`` lists every request to a
  host other than 127.0.0.1 (tiles, or a CDN that should not be there); they are answered with an error, as on
  an offline machine; ``page.local_requests`` lists the others. ``page.dialogs`` holds the message of every
  alert or confirm a page opened (each dismissed).
- ``sign_in(page, name, password, lang="en")``: signs in through the sidebar form of the app page already open
  (opening the sidebar where it is collapsed, as on the public page) and waits until the sidebar says who is
  signed in. A new page load is a new Streamlit session, signed out again, so
  tests move between pages through the menu after signing in.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from geo.i18n import t

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
VIEWPORT = {"width": 1366, "height": 768}
STARTUP_TIMEOUT_S = 60
LOCAL_HOSTS = ("127.0.0.1", "localhost")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_serving(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    output = log.read_text(errors="replace")
    raise RuntimeError(f"streamlit did not serve {url} within {STARTUP_TIMEOUT_S} s:\n{output}")


def _placed_script(script: Path, folder: Path) -> Path:
    """``script`` where Streamlit will serve the repository's static/ beside it."""
    script = script.resolve()
    if script.parent == ROOT:
        return script
    folder.mkdir(parents=True, exist_ok=True)
    placed = folder / script.name
    shutil.copyfile(script, placed)
    if not (folder / "static").exists():
        (folder / "static").symlink_to(ROOT / "static", target_is_directory=True)
    return placed


@pytest.fixture(scope="module")
def orman_db_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return f"sqlite:///{tmp_path_factory.mktemp('store') / 'orman.sqlite'}"


@pytest.fixture(scope="module")
def streamlit_server(tmp_path_factory: pytest.TempPathFactory, orman_db_url: str) -> Iterator[Callable[..., str]]:
    processes: list[subprocess.Popen] = []

    def start(script: Path, env: dict[str, str] | None = None) -> str:
        folder = tmp_path_factory.mktemp("streamlit")
        placed = _placed_script(Path(script), folder / "app")
        port = _free_port()
        log = folder / "streamlit.log"
        environment = {**os.environ, "ORMAN_DB_URL": orman_db_url, "PYTHONPATH": str(ROOT), **(env or {})}
        command = [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(placed),
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--server.fileWatcherType",
            "none",
            "--browser.gatherUsageStats",
            "false",
            "--server.runOnSave",
            "false",
        ]
        with log.open("wb") as out:
            process = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=out, stderr=subprocess.STDOUT)
        processes.append(process)
        url = f"http://127.0.0.1:{port}"
        _wait_until_serving(url, process, log)
        return url

    yield start
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="module")
def app_url(streamlit_server: Callable[..., str]) -> str:
    return streamlit_server(ROOT / "app.py")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=VIEWPORT, locale="ru-RU")
    page = context.new_page()
    page.outside_requests = []
    page.local_requests = []
    page.dialogs = []

    def dialog(d) -> None:
        page.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", dialog)

    def offline(route) -> None:
        host = route.request.url.split("/")[2].split(":")[0] if "://" in route.request.url else ""
        if route.request.url.startswith(("http://", "https://")) and host not in LOCAL_HOSTS:
            page.outside_requests.append(route.request.url)
            route.abort("internetdisconnected")
        else:
            page.local_requests.append(route.request.url)
            route.continue_()

    page.route("**/*", offline)
    yield page
    context.close()


SIGN_IN_TIMEOUT_MS = 45_000
_IDLE = (
    "() => !document.querySelector('[data-testid=\"stStatusWidget\"]') "
    "&& document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0"
)


def wait_until_idle(page: Page) -> None:
    """Wait until no script run is under way (Streamlit shows its status widget while one runs)."""
    page.wait_for_load_state("networkidle")
    page.wait_for_function(_IDLE, timeout=SIGN_IN_TIMEOUT_MS)


def open_sidebar(page: Page) -> None:
    """Open the sidebar where it is collapsed (the public page keeps its sign-in there, closed, as staff find it)."""
    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.wait_for(state="attached", timeout=SIGN_IN_TIMEOUT_MS)  # drawn: collapsed or not is now known
    if sidebar.get_attribute("data-collapsed") == "true":
        page.get_by_test_id("stExpandSidebarButton").click()
        expect(sidebar).to_have_attribute("data-collapsed", "false")


@pytest.fixture
def sign_in() -> Callable[..., None]:
    def sign_in_as(page: Page, name: str, password: str, lang: str = "en") -> None:
        sidebar = page.locator("[data-testid='stSidebar']")
        open_sidebar(page)  # the page narrows: its map reports its new bounds, a rerun
        page.wait_for_timeout(300)  # the rerun that report starts, waited for below
        wait_until_idle(page)  # a rerun under way (the map reporting its bounds) would redraw the form meanwhile
        sidebar.locator("input[autocomplete='username']").fill(name)
        sidebar.locator("input[type='password']").fill(password)
        sidebar.get_by_role("button", name=t("auth_sign_in", lang), exact=True).click()
        expect(sidebar.get_by_role("button", name=t("auth_sign_out", lang))).to_be_visible(timeout=SIGN_IN_TIMEOUT_MS)

    return sign_in_as
