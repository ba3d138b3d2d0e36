"""Roles in Chromium against `streamlit run app.py`: the menu each role gets, and an officer's upload of plots whose
names are HTML, which the public page's map must show as text without running anything."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from geo import assets, auth, db
from geo.i18n import t

DATA = Path(__file__).resolve().parents[1] / "data"
HOSTILE = (DATA / "map_hostile_names.geojson", DATA / "map_hostile_names_plantings.csv")
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
PASSWORD = "Kokshetau-pines-2026"
USERS = {"official": "daulet", "officer": "olga", "admin": "aigerim"}
TIMEOUT_MS = 45_000


@pytest.fixture(scope="module")
def app(orman_db_url: str, streamlit_server: Callable[..., str]) -> str:
    engine = db.create_engine(orman_db_url)
    for role, name in USERS.items():
        auth.add_user(engine, name, role, PASSWORD)
    engine.dispose()
    return streamlit_server(assets.ROOT / "app.py")


def menu(page: Page) -> list[str]:
    nav = page.locator("[data-testid='stSidebarNav']")
    if not nav.count():
        return []
    # Each link reads "<icon name>\n\n<title>": the title is its last line.
    return [link.inner_text().strip().splitlines()[-1] for link in nav.get_by_role("link").all()]


@pytest.mark.parametrize("role", ["official", "admin"])
def test_the_menu_offers_exactly_the_roles_pages(role: str, page: Page, app: str, sign_in: Callable) -> None:
    page.goto(f"{app}/?lang=en")
    expect(page.get_by_role("heading", level=1)).to_be_visible(timeout=TIMEOUT_MS)
    assert menu(page) == []  # the public gets no menu
    sign_in(page, USERS[role], PASSWORD)
    expect(page.locator("[data-testid='stSidebarNav']")).to_be_visible(timeout=TIMEOUT_MS)
    expected = [t(f"nav_{name}", "en") for name in auth.pages_for(auth.User(name=USERS[role], role=role))]
    expect(page.locator("[data-testid='stSidebarNav']").get_by_role("link")).to_have_count(len(expected))
    assert menu(page) == expected


def test_html_in_uploaded_names_shows_as_text_on_the_public_map(page: Page, app: str, sign_in: Callable) -> None:
    page.goto(f"{app}/upload?lang=en")
    sign_in(page, USERS["officer"], PASSWORD)
    for path in HOSTILE:
        page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(path))
        page.get_by_role("button", name=t("confirm_import", "en")).click(timeout=TIMEOUT_MS)
        expect(page.get_by_text("Imported as batch")).to_be_visible(timeout=TIMEOUT_MS)

    page.goto(f"{app}/public?lang=en")
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator("path.orman-aggregate")).to_have_count(1, timeout=TIMEOUT_MS)
    map_frame = next(f for f in page.frames if "st_folium" in f.url)
    map_frame.evaluate("() => window.map.setView([50.405, 80.21], 15)")
    plots = frame.locator("path.orman-plot")
    expect(plots).not_to_have_count(0, timeout=TIMEOUT_MS)
    plots.first.hover()
    plots.first.click()
    popup = frame.locator(".leaflet-popup-content")
    expect(popup).to_be_visible(timeout=TIMEOUT_MS)
    shown = popup.inner_text()
    assert "<script>alert('plot')</script>" in shown or "SEM-X2 <b>bold</b>" in shown
    assert (
        frame.locator(
            ".leaflet-popup-content img, .leaflet-popup-content svg, .leaflet-popup-content script, "
            ".leaflet-popup-content b b"
        ).count()
        == 0
    )
    assert frame.locator(".leaflet-tooltip img, .leaflet-tooltip script").count() == 0
    assert page.locator("img[src='x']").count() == 0
    assert page.dialogs == []
