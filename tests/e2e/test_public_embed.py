"""The public page as the public meets it, in Chromium against `streamlit run app.py`.

- inside an <iframe> of a plain local web page (another origin), with ``?embed=true``: the progress figures and the
  map, no sign-in form, no sidebar, nothing private;
- as the very first request a freshly started server answers, a deep link to ``/public?embed=true``: Streamlit then
  runs pages/public.py as the script (a pages/ folder's old multipage behaviour), which must still give the page.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Frame, Page, expect

from geo import actions, assets, auth, db, progress
from geo.i18n import fmt_int, t

DATA = Path(__file__).resolve().parents[1] / "data"
PLOTS = DATA / "app_upload_plots.geojson"
PLANTINGS = DATA / "app_upload_plantings_cp1251.csv"
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
OFFICER = "olga.officer"
PASSWORD = "Kokshetau-pines-2026"
TIMEOUT_MS = 45_000
PUBLIC_TITLE_EN = t("public_title", "en", place=t("public_kazakhstan", "en"))


@pytest.fixture(scope="module")
def filled_store(orman_db_url: str) -> int:
    """Plots and plantings uploaded by an officer with an e-mail; returns the trees planted."""
    engine = db.create_engine(orman_db_url)
    officer = auth.add_user(engine, OFFICER, "officer", PASSWORD, email="olga@forest.example.kz")
    for path in (PLOTS, PLANTINGS):
        assert actions.import_as(engine, auth.start_session(officer), path.read_bytes(), path.name).committed
    planted = progress.summary(engine)["planted"]
    engine.dispose()
    return planted


@pytest.fixture(scope="module")
def host_page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[str], str]]:
    """A plain web server on 127.0.0.1 (another origin than the app) serving pages written on demand."""
    folder = tmp_path_factory.mktemp("site")
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(SimpleHTTPRequestHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def publish(body: str) -> str:
        (folder / "index.html").write_text(
            f"<!doctype html><html><head><meta charset='utf-8'><title>Ministry"
            f"</title></head><body><h1>Ministry news</h1>{body}</body></html>"
        )
        return f"http://127.0.0.1:{server.server_address[1]}/index.html"

    yield publish
    server.shutdown()
    thread.join(timeout=10)


def app_frame(page: Page) -> Frame:
    return next(f for f in page.frames if "/public" in f.url and "embed=true" in f.url)


def test_public_page_works_inside_an_iframe_of_a_plain_web_page(
    page: Page, filled_store: int, streamlit_server: Callable[..., str], host_page: Callable[[str], str]
) -> None:
    app = streamlit_server(assets.ROOT / "app.py")
    site = host_page(
        f'<iframe id="orman" src="{app}/public?embed=true&lang=en" width="1200" height="1500" '
        'style="border:0"></iframe>'
    )
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site)
    inside = page.frame_locator("iframe#orman")
    expect(inside.get_by_role("heading", level=1)).to_have_text(PUBLIC_TITLE_EN, timeout=TIMEOUT_MS)
    expect(inside.locator(".orman-kpi .value").first).to_have_text(fmt_int(filled_store, "en"))
    expect(inside.frame_locator(MAP_FRAME).locator("path.orman-aggregate").first).to_be_visible(timeout=TIMEOUT_MS)

    assert inside.locator("[data-testid='stSidebar']").count() == 0
    assert inside.locator("input").count() == 0  # no sign-in form, nothing to type or upload
    shown = app_frame(page).locator("body").inner_text()
    for private in (OFFICER, "olga@", PLOTS.name, PLANTINGS.name, t("auth_sign_in", "en")):
        assert private not in shown, private
    assert page.dialogs == []


def test_a_deep_link_is_the_first_request_a_fresh_server_answers(
    page: Page, filled_store: int, streamlit_server: Callable[..., str]
) -> None:
    app = streamlit_server(assets.ROOT / "app.py")  # started for this test: nothing has been asked of it yet
    page.goto(f"{app}/public?embed=true&lang=ru")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        t("public_title", "ru", place=t("public_kazakhstan", "ru")), timeout=TIMEOUT_MS
    )
    expect(page.frame_locator(MAP_FRAME).locator("path.orman-aggregate").first).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.locator(".orman-kpi .value").first).to_have_text(fmt_int(filled_store, "ru"))
    assert page.locator("[data-testid='stSidebar']").count() == 0
    assert page.get_by_text(re.compile("page not found", re.IGNORECASE)).count() == 0
    assert page.url.endswith("/public?embed=true&lang=ru")


def test_a_deep_link_to_a_staff_page_on_a_fresh_server_asks_to_sign_in(
    page: Page, filled_store: int, streamlit_server: Callable[..., str], sign_in: Callable
) -> None:
    app = streamlit_server(assets.ROOT / "app.py")
    page.goto(f"{app}/history?lang=en")
    expect(page.get_by_text(t("auth_page_login_required", "en"))).to_be_visible(timeout=TIMEOUT_MS)
    sign_in(page, OFFICER, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text(t("history_title", "en"), timeout=TIMEOUT_MS)
    assert page.get_by_text(re.compile("page not found", re.IGNORECASE)).count() == 0
