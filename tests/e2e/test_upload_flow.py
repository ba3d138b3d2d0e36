"""An officer's upload in Chromium against `streamlit run app.py`: plots (GeoJSON), then a cp1251 `;` spreadsheet.

The overview's planted total must grow by exactly the spreadsheet's sum, and the map must show the new plots.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from geo import assets, db, demo
from geo.i18n import t

DATA = Path(__file__).resolve().parents[1] / "data"
PLOTS = DATA / "app_upload_plots.geojson"
PLANTINGS = DATA / "app_upload_plantings_cp1251.csv"
PLANTINGS_SUM = 12_500 + 1_250 + 7_300  # the file's rows; its "Итого" row is not a planting
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
TIMEOUT_MS = 45_000


@pytest.fixture(scope="module")
def app(orman_db_url: str, streamlit_server: Callable[..., str]) -> str:
    """The app on a store that already holds a little DEMO data, as a programme in progress would."""
    engine = db.create_engine(orman_db_url)
    demo.load(engine, plots=40)
    engine.dispose()
    return streamlit_server(assets.ROOT / "app.py")


def planted_on_overview(page: Page, url: str) -> int:
    page.goto(f"{url}/?lang=en")
    card = page.locator(".orman-kpi .value").first
    expect(card).to_be_visible(timeout=TIMEOUT_MS)
    return int(re.sub(r"\D", "", card.inner_text()))


def upload_and_confirm(page: Page, path: Path) -> None:
    """Choose the file, read the report, check what will change, confirm, and see the batch committed."""
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(path))
    expect(page.get_by_text(t("report_title", "en"), exact=True)).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.get_by_text(t("preview_title", "en"), exact=True)).to_be_visible(timeout=TIMEOUT_MS)
    page.get_by_role("button", name=t("confirm_import", "en")).click()
    expect(page.get_by_text(re.compile(r"^Imported as batch \d+"))).to_be_visible(timeout=TIMEOUT_MS)


def test_officer_uploads_plots_and_plantings_and_sees_them(page: Page, app: str) -> None:
    before = planted_on_overview(page, app)

    page.goto(f"{app}/upload?lang=en")
    expect(page.get_by_text(t("upload_label", "en"))).to_be_visible(timeout=TIMEOUT_MS)
    upload_and_confirm(page, PLOTS)
    expect(page.get_by_text("Imported as batch")).to_contain_text("2 new")

    upload_and_confirm(page, PLANTINGS)
    # The report showed the totals row it skipped; the batch holds the three plantings.
    expect(page.get_by_text(re.compile(r"^Imported as batch \d+"))).to_contain_text("3 new")

    assert planted_on_overview(page, app) - before == PLANTINGS_SUM

    page.goto(f"{app}/map?lang=en")
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator("path.orman-aggregate").first).to_be_visible(timeout=TIMEOUT_MS)
    map_frame = next(f for f in page.frames if "st_folium" in f.url)
    map_frame.evaluate("() => window.map.setView([52.207, 76.92], 14)")
    expect(frame.locator("path.orman-plot")).to_have_count(2, timeout=TIMEOUT_MS)


def test_a_bad_file_shows_its_report_and_offers_no_import(page: Page, app: str) -> None:
    page.goto(f"{app}/upload?lang=ru")
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(
        str(DATA / "app_upload_plantings_bad.csv"))
    expect(page.get_by_text(t("import_rejected", "ru"))).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.get_by_text(t("report_errors", "ru", n=2, rows=2))).to_be_visible()
    expect(page.get_by_role("button", name=t("download_report", "ru"))).to_be_visible()
    expect(page.get_by_role("button", name=t("confirm_import", "ru"))).to_have_count(0)
