"""The map's geography in Chromium with nothing but Orman reachable: Kazakhstan's regions with their names under the
data, the country whole on a desktop and on a phone, and a region filter fitting that region's plots.

The public page's map is the one tried (the same map as pages/map.py, with no sign-in); every request to another
host is refused, as on a machine with no internet.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

import pytest
from playwright.sync_api import FrameLocator, Page, expect
from sqlalchemy.engine import Engine

from geo import assets, db, demo
from geo.i18n import t
from geo.programme import KAZAKHSTAN_EXTENT
from geo.queries import Filters
from geo.regions import REGIONS, region_name
from geo.viewport import plots_extent

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
TIMEOUT_MS = 30_000
DEMO_PLOTS = 400
PHONE = {"width": 390, "height": 844}
FILTERED = "KZ-61"  # Turkistan region: the demo's plots there spread over a few hundred kilometres


@pytest.fixture(scope="module")
def store(orman_db_url: str) -> Iterator[Engine]:
    engine = db.create_engine(orman_db_url)
    demo.load(engine, DEMO_PLOTS, today=date(2026, 11, 1))
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def public_url(store: Engine, streamlit_server: Callable[..., str]) -> str:
    return streamlit_server(assets.ROOT / "app.py") + "/public"


def _map(page: Page) -> FrameLocator:
    return page.frame_locator(MAP_FRAME)


def _frame(page: Page):
    return next(f for f in page.frames if "st_folium" in f.url)


def _shows(page: Page, bbox: tuple[float, float, float, float]) -> bool:
    """Whether the map's viewport holds all of ``bbox`` (west, south, east, north)."""
    west, south, east, north = bbox
    script = "([s, w, n, e]) => window.map.getBounds().contains(L.latLngBounds([[s, w], [n, e]]))"
    return _frame(page).evaluate(script, [south, west, north, east])


def _fitted(page: Page) -> None:
    """Wait until the map has been fitted and has settled (Streamlit idle, the view reported)."""
    _frame(page).wait_for_function("() => window.map && window.map._ormanFit !== undefined", timeout=TIMEOUT_MS)
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_offline_the_national_map_shows_the_country_and_its_named_regions(
    page: Page, public_url: str, lang: str
) -> None:
    page.goto(f"{public_url}?lang={lang}")
    regions = _map(page).locator("path.orman-region")
    expect(regions).to_have_count(len(REGIONS), timeout=TIMEOUT_MS)
    _fitted(page)

    names = _map(page).locator(".orman-region-name span")
    assert sorted(names.all_text_contents()) == sorted(region_name(code, lang) for code in REGIONS)
    shown = _frame(page).evaluate(
        "() => [...document.querySelectorAll('.orman-region-name')]"
        ".filter(e => e.style.visibility !== 'hidden').map(e => e.textContent)"
    )
    assert len(shown) >= 12  # the others give way where they would overlap a larger region's name
    assert _shows(page, KAZAKHSTAN_EXTENT)
    assert _map(page).locator("path.orman-aggregate").count() > 0  # the data above the regions
    expect(_map(page).locator(".leaflet-control-attribution")).to_contain_text(t("map_boundaries_attribution", lang))
    assert page.outside_requests  # the tiles were asked for, and refused
    assert all("tile.openstreetmap.org" in url for url in page.outside_requests)


def test_a_region_filter_fits_the_map_to_all_of_its_plots(page: Page, public_url: str, store: Engine) -> None:
    extent = plots_extent(store, Filters(regions=(FILTERED,)))
    assert extent is not None

    page.goto(f"{public_url}?region={FILTERED}&lang=ru")
    expect(_map(page).locator("path.orman-region")).to_have_count(len(REGIONS), timeout=TIMEOUT_MS)
    _fitted(page)
    markers = _map(page).locator("path.orman-aggregate, path.orman-plot")
    expect(markers).not_to_have_count(0, timeout=TIMEOUT_MS)

    assert _shows(page, extent)
    assert not _shows(page, KAZAKHSTAN_EXTENT)  # zoomed in on the region, not the country
    outside = _frame(page).evaluate(
        """() => {
            const box = document.querySelector('.leaflet-container').getBoundingClientRect();
            return [...document.querySelectorAll('path.orman-aggregate, path.orman-plot')].filter(p => {
                const r = p.getBoundingClientRect();  // each circle or plot whole, not cut at an edge
                return r.left < box.left || r.right > box.right || r.top < box.top || r.bottom > box.bottom;
            }).length;
        }"""
    )
    assert outside == 0


@pytest.mark.parametrize("opened", ["on the phone", "then narrowed"])
def test_on_a_phone_the_country_is_whole_and_the_legend_folded(page: Page, public_url: str, opened: str) -> None:
    phone = page
    if opened == "on the phone":
        phone.set_viewport_size(PHONE)
    phone.goto(f"{public_url}?lang=ru")
    expect(_map(phone).locator("path.orman-region")).to_have_count(len(REGIONS), timeout=TIMEOUT_MS)
    _fitted(phone)
    if opened == "then narrowed":  # a window made narrow, a tablet turned: fitted again, as nobody moved the map
        phone.set_viewport_size(PHONE)
        _frame(phone).wait_for_function("() => window.map.getSize().x < 400", timeout=TIMEOUT_MS)
        phone.wait_for_load_state("networkidle")
    legend = _map(phone).locator(".orman-legend")
    expect(legend).to_be_visible(timeout=TIMEOUT_MS)

    assert _shows(phone, KAZAKHSTAN_EXTENT)
    assert legend.locator("details").evaluate("d => d.open") is False
    legend_box, map_box = legend.bounding_box(), _map(phone).locator(".leaflet-container").bounding_box()
    assert legend_box is not None and map_box is not None
    assert legend_box["height"] * legend_box["width"] < 0.08 * map_box["height"] * map_box["width"]

    legend.locator("summary").dispatch_event("click")  # a tap opens it (the sidebar, open, lies over it here)
    assert legend.locator("details").evaluate("d => d.open") is True
