"""A plot written off by act on the map in Chromium, offline: greyed with a dashed outline, the act (number, date,
reason) in its popup in the reader's language, and the legend's entry for it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import FrameLocator, Page, expect

from geo import assets, db, store
from geo.i18n import t

DATA = Path(__file__).resolve().parents[1] / "data"
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
TIMEOUT_MS = 30_000


@pytest.fixture(scope="module")
def map_url(orman_db_url: str, streamlit_server: Callable[..., str]) -> str:
    """The public page on a store holding the three Semey plots, SEM-0001 burnt and written off by act 12."""
    engine = db.create_engine(orman_db_url)
    for name in ("plots_semey.geojson", "writeoffs_plantings_cp1251.csv", "writeoffs_fire_cp1251.csv"):
        assert store.import_file(engine, (DATA / name).read_bytes(), name, user="e2e").committed
    engine.dispose()
    return streamlit_server(assets.ROOT / "app.py") + "/public"


def _map(page: Page) -> FrameLocator:
    return page.frame_locator(MAP_FRAME)


def test_a_burnt_plot_is_greyed_and_its_popup_names_the_act_in_kazakh(page: Page, map_url: str) -> None:
    page.goto(map_url + "?lang=kk")
    expect(_map(page).locator("path.orman-aggregate")).to_have_count(1, timeout=TIMEOUT_MS)
    frame = next(f for f in page.frames if "st_folium" in f.url)
    frame.evaluate("([lat, lon, zoom]) => window.map.setView([lat, lon], zoom)", [50.395, 80.228, 14])
    plots = _map(page).locator("path.orman-plot")
    expect(plots).to_have_count(3, timeout=TIMEOUT_MS)
    burnt = _map(page).locator('path.orman-plot[stroke-dasharray="4 3"]')
    expect(burnt).to_have_count(1)
    expect(_map(page).locator(".orman-legend")).to_contain_text(t("map_legend_written_off", "kk"))

    burnt.click()

    popup = _map(page).locator(".leaflet-popup-content")
    expect(popup).to_contain_text("SEM-0001", timeout=TIMEOUT_MS)
    expect(popup).to_contain_text(t("map_written_off", "kk"))
    expect(popup).to_contain_text("02.06.2025 күнгі № 12 акт, өрт")
