"""A plot's popup on the public page's map, tapped on a 390×844 phone (touch) and clicked on a desktop, in Chromium,
offline: it opens wholly inside the map, names the plot, and stays open when the map redraws its plots (and closed,
once the reader closes it).

The plot tapped lies at the map's left edge, with a neighbour just out of sight beyond it: the popup pans the map
to fit, which brings the neighbour into view, so the app redraws the plots (the map reports its new bounds) and the
popup must survive that. On the phone it must also fit the narrow map, clear of its controls, with no hover label
left open by the tap.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, FrameLocator, Page, expect

from geo import assets, db, store
from geo.i18n import LANGS

DATA = Path(__file__).resolve().parents[1] / "data"
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
TIMEOUT_MS = 30_000
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 768}
TAPPED, NEIGHBOUR = "SEM-0002", "SEM-0001"  # SEM-0001 lies ~100 px west of SEM-0002 at zoom 13
ZOOM = 13
AT_LEFT_PX, ABOVE_BOTTOM_PX = 30, 100  # where the tapped plot's middle is put: the popup pans the map to fit
IDLE = "() => document.querySelector('[data-testid=\"stApp\"]')?.dataset.testScriptState === 'notRunning'"
PLACE = """([id, x, fromBottom, zoom]) => {
  const map = window.map; let plot = null;
  map.eachLayer(l => { if (l.feature && l.feature.properties.id === id) { plot = l; } });
  const size = map.getSize(), at = map.project(plot.getBounds().getCenter(), zoom);
  const offset = L.point(x, size.y - fromBottom).subtract(size.divideBy(2));
  map.setView(map.unproject(at.subtract(offset), zoom), zoom, {animate: false});
}"""


@pytest.fixture(scope="module")
def public_url(orman_db_url: str, streamlit_server: Callable[..., str]) -> str:
    """The public page on a store holding the three Semey plots, SEM-0001 burnt and written off by act 12."""
    engine = db.create_engine(orman_db_url)
    for name in ("plots_semey.geojson", "writeoffs_plantings_cp1251.csv", "writeoffs_fire_cp1251.csv"):
        assert store.import_file(engine, (DATA / name).read_bytes(), name, user="e2e").committed
    engine.dispose()
    return streamlit_server(assets.ROOT / "app.py", env={"ORMAN_TILES_URL": "none"}) + "/public"


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    """A phone's screen, touch only: it cannot hover."""
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True, locale="ru-RU")
    page = context.new_page()
    page.route("**/*", lambda route: route.abort() if "//127.0.0.1" not in route.request.url else route.continue_())
    yield page
    context.close()


def _map(page: Page) -> FrameLocator:
    return page.frame_locator(MAP_FRAME)


def _plot_near_the_edge(page: Page, url: str) -> None:
    """The public page with the map zoomed in on TAPPED, put at the map's left edge and NEIGHBOUR out of sight."""
    page.goto(url)
    expect(_map(page).locator("path.orman-aggregate")).to_have_count(1, timeout=TIMEOUT_MS)
    page.locator(MAP_FRAME).scroll_into_view_if_needed()
    frame = next(f for f in page.frames if "st_folium" in f.url)
    frame.evaluate("([zoom]) => window.map.setView([50.396, 80.228], zoom, {animate: false})", [ZOOM])
    expect(_map(page).locator("path.orman-plot")).to_have_count(3, timeout=TIMEOUT_MS)
    page.wait_for_function(IDLE, timeout=TIMEOUT_MS)
    frame.evaluate(PLACE, [TAPPED, AT_LEFT_PX, ABOVE_BOTTOM_PX, ZOOM])
    expect(_map(page).locator("path.orman-plot")).to_have_count(1, timeout=TIMEOUT_MS)  # the neighbour out of view
    page.wait_for_function(IDLE, timeout=TIMEOUT_MS)


def _popup_inside_the_map(page: Page) -> dict:
    """The open popup after the map has redrawn its plots: its box and its tip's, the map's, and the controls'."""
    expect(_map(page).locator("path.orman-plot")).to_have_count(2, timeout=TIMEOUT_MS)  # the neighbour came in
    page.wait_for_function(IDLE, timeout=TIMEOUT_MS)
    popup = _map(page).locator(".leaflet-popup")
    # The redraw's closed popup fades out for 200 ms beside the one opened again: wait until it has gone.
    expect(popup).to_have_count(1, timeout=TIMEOUT_MS)
    expect(popup).to_be_visible(timeout=TIMEOUT_MS)
    expect(popup.locator(".leaflet-popup-content")).to_contain_text(TAPPED)
    boxes = {
        "map": page.locator(MAP_FRAME).bounding_box(),
        "popup": popup.bounding_box(),
        "tip": popup.locator(".leaflet-popup-tip").bounding_box(),
        "controls": [c.bounding_box() for c in _map(page).locator(".leaflet-control").all() if c.is_visible()],
    }
    outer, inner = boxes["map"], boxes["popup"]
    for box in (inner, boxes["tip"]):
        assert outer["x"] <= box["x"] and box["x"] + box["width"] <= outer["x"] + outer["width"], boxes
        assert outer["y"] <= box["y"] and box["y"] + box["height"] <= outer["y"] + outer["height"], boxes
    return boxes


def _overlap(a: dict, b: dict) -> bool:
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and (b["y"] < a["y"] + a["height"])
    )


@pytest.mark.parametrize("lang", LANGS)
def test_a_plot_tapped_at_the_edge_of_a_phones_map_opens_its_popup_inside_the_map(
    phone: Page, public_url: str, lang: str
) -> None:
    _plot_near_the_edge(phone, f"{public_url}?lang={lang}")

    _map(phone).locator("path.orman-plot").tap()

    boxes = _popup_inside_the_map(phone)
    assert not any(_overlap(boxes["popup"], control) for control in boxes["controls"]), boxes
    assert _map(phone).locator(".leaflet-tooltip").count() == 0  # no hover label left open by the tap


def test_a_plot_clicked_at_the_edge_of_a_desktops_map_opens_its_popup_inside_the_map(
    page: Page, public_url: str
) -> None:
    page.set_viewport_size(DESKTOP)
    _plot_near_the_edge(page, f"{public_url}?lang=ru")

    _map(page).locator("path.orman-plot").click()

    _popup_inside_the_map(page)


def test_a_popup_the_reader_closed_stays_closed_when_the_map_redraws(phone: Page, public_url: str) -> None:
    _plot_near_the_edge(phone, f"{public_url}?lang=ru")
    _map(phone).locator("path.orman-plot").tap()
    _popup_inside_the_map(phone)

    _map(phone).locator(".leaflet-popup-close-button").tap()
    expect(_map(phone).locator(".leaflet-popup")).to_have_count(0)
    frame = next(f for f in phone.frames if "st_folium" in f.url)
    frame.evaluate(PLACE, [TAPPED, AT_LEFT_PX, ABOVE_BOTTOM_PX, ZOOM])  # the neighbour out of view: redrawn again

    expect(_map(phone).locator("path.orman-plot")).to_have_count(1, timeout=TIMEOUT_MS)
    phone.wait_for_function(IDLE, timeout=TIMEOUT_MS)
    expect(_map(phone).locator(".leaflet-popup")).to_have_count(0)
