"""The app's map in Chromium, offline: regions nationally, polygons after zooming in, escaped popups.

The public page's map is the one tried: it is the same map (pages/map.py) and needs no sign-in.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import FrameLocator, Page, expect

from geo import assets, db, store

DATA = Path(__file__).resolve().parents[1] / "data"
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
TILE_HOSTS = {"tile.openstreetmap.org", "server.arcgisonline.com"}
TIMEOUT_MS = 30_000


@pytest.fixture(scope="module")
def map_url(orman_db_url: str, streamlit_server: Callable[..., str]) -> str:
    """The app on a store holding two plots near Semey whose names, partner and species are HTML."""
    engine = db.create_engine(orman_db_url)
    for name in ("map_hostile_names.geojson", "map_hostile_names_plantings.csv"):
        assert store.import_file(engine, (DATA / name).read_bytes(), name, user="e2e").committed
    engine.dispose()
    return streamlit_server(assets.ROOT / "app.py") + "/public"  # the public page's map: no sign-in needed


def _map(page: Page) -> FrameLocator:
    return page.frame_locator(MAP_FRAME)


def _zoom_to(page: Page, lat: float, lon: float, zoom: int) -> None:
    frame = next(f for f in page.frames if "st_folium" in f.url)
    frame.evaluate("([lat, lon, zoom]) => window.map.setView([lat, lon], zoom)", [lat, lon, zoom])


def test_zooming_in_replaces_the_region_circle_by_the_plots(page: Page, map_url: str) -> None:
    page.goto(map_url)
    regions = _map(page).locator("path.orman-aggregate")
    expect(regions).to_have_count(1, timeout=TIMEOUT_MS)  # both plots are in Abai region
    expect(_map(page).locator("path.orman-plot")).to_have_count(0)

    _zoom_to(page, 50.405, 80.225, 14)

    expect(_map(page).locator("path.orman-plot")).to_have_count(2, timeout=TIMEOUT_MS)
    expect(regions).to_have_count(0)
    assert {url.split("/")[2] for url in page.outside_requests} <= TILE_HOSTS
    assert any(url.endswith(f"/app/static/vendor/{assets.LEAFLET_JS}") for url in page.local_requests)


def test_popup_shows_html_in_names_as_text(page: Page, map_url: str) -> None:
    page.goto(map_url)
    expect(_map(page).locator("path.orman-aggregate")).to_have_count(1, timeout=TIMEOUT_MS)
    _zoom_to(page, 50.405, 80.21, 16)
    plots = _map(page).locator("path.orman-plot")
    expect(plots).not_to_have_count(0, timeout=TIMEOUT_MS)

    _map(page).locator("path.orman-plot").first.click()

    popup = _map(page).locator(".leaflet-popup-content")
    expect(popup).to_contain_text("<script>alert('plot')</script>", timeout=TIMEOUT_MS)
    expect(popup).to_contain_text("<img src=x onerror=\"alert('partner')\">")
    expect(popup).to_contain_text("<svg onload=alert('species')>")
    assert (
        _map(page)
        .locator(".leaflet-popup-content img, .leaflet-popup-content svg, .leaflet-popup-content script")
        .count()
        == 0
    )
    assert page.dialogs == []


def test_a_region_link_opens_the_map_on_that_regions_plots(page: Page, map_url: str) -> None:
    page.goto(map_url + "?region=KZ-10")

    expect(_map(page).locator("path.orman-plot")).to_have_count(2, timeout=TIMEOUT_MS)
    expect(_map(page).locator("path.orman-aggregate")).to_have_count(0)
