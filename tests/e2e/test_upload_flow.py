"""An officer's upload in Chromium against `streamlit run app.py`: plots (GeoJSON), then a cp1251 `;` spreadsheet.

The officer signs in through the sidebar; the overview's planted total must grow by exactly the spreadsheet's sum
(the public page's too), and the map must show the new plots.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from geo import assets, auth, db, demo, store
from geo.i18n import t

DATA = Path(__file__).resolve().parents[1] / "data"
PLOTS = DATA / "app_upload_plots.geojson"
PLANTINGS = DATA / "app_upload_plantings_cp1251.csv"
PLANTINGS_SUM = 12_500 + 1_250 + 7_300  # the file's rows; its "Итого" row is not a planting
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
TIMEOUT_MS = 45_000
OFFICER = "olga"
PASSWORD = "Kokshetau-pines-2026"


@pytest.fixture(scope="module")
def app(orman_db_url: str, streamlit_server: Callable[..., str]) -> str:
    """The app on a store that already holds a little DEMO data, as a programme in progress would."""
    engine = db.create_engine(orman_db_url)
    demo.load(engine, plots=40)
    auth.add_user(engine, OFFICER, "officer", PASSWORD)
    engine.dispose()
    return streamlit_server(assets.ROOT / "app.py")


def planted_shown(page: Page) -> int:
    """The first KPI card of the page open (overview or public): trees planted."""
    card = page.locator(".orman-kpi .value").first
    expect(card).to_be_visible(timeout=TIMEOUT_MS)
    return int(re.sub(r"\D", "", card.inner_text()))


def planted_on_public_page(page: Page, url: str) -> int:
    page.goto(f"{url}/?lang=en")  # a new session: nobody signed in, so "/" is the public page
    expect(page.get_by_role("heading", level=1)).to_have_text(
        t("public_title", "en", place=t("public_kazakhstan", "en")), timeout=TIMEOUT_MS
    )
    return planted_shown(page)


def open_from_menu(page: Page, name: str) -> None:
    page.locator("[data-testid='stSidebarNav']").get_by_role("link", name=t(f"nav_{name}", "en"), exact=True).click()


def upload_and_confirm(page: Page, path: Path) -> None:
    """Choose the file, read the report, check what will change, confirm, and see the batch committed."""
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(path))
    expect(page.get_by_text(t("report_title", "en"), exact=True)).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.get_by_text(t("preview_title", "en"), exact=True)).to_be_visible(timeout=TIMEOUT_MS)
    page.get_by_role("button", name=t("confirm_import", "en")).click()
    expect(page.get_by_text(re.compile(r"^Imported as batch \d+"))).to_be_visible(timeout=TIMEOUT_MS)


def test_officer_uploads_plots_and_plantings_and_sees_them(
    page: Page, app: str, sign_in: Callable, orman_db_url: str
) -> None:
    before = planted_on_public_page(page, app)

    page.goto(f"{app}/upload?lang=en")
    expect(page.get_by_text(t("auth_page_login_required", "en"))).to_be_visible(timeout=TIMEOUT_MS)
    sign_in(page, OFFICER, PASSWORD)
    expect(page.get_by_text(t("upload_label", "en"))).to_be_visible(timeout=TIMEOUT_MS)
    upload_and_confirm(page, PLOTS)
    expect(page.get_by_text("Imported as batch")).to_contain_text("2 new")

    upload_and_confirm(page, PLANTINGS)
    # The report showed the totals row it skipped; the batch holds the three plantings.
    expect(page.get_by_text(re.compile(r"^Imported as batch \d+"))).to_contain_text("3 new")

    open_from_menu(page, "overview")
    expect(page.get_by_role("heading", level=1)).to_have_text(t("overview_title", "en"), timeout=TIMEOUT_MS)
    assert planted_shown(page) - before == PLANTINGS_SUM

    open_from_menu(page, "map")
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator("path.orman-aggregate").first).to_be_visible(timeout=TIMEOUT_MS)
    map_frame = next(f for f in page.frames if "st_folium" in f.url)
    map_frame.evaluate("() => window.map.setView([52.207, 76.92], 14)")
    expect(frame.locator("path.orman-plot")).to_have_count(2, timeout=TIMEOUT_MS)

    assert [b.user for b in store.history(db.get_engine(orman_db_url))[:2]] == [OFFICER, OFFICER]
    assert planted_on_public_page(page, app) - before == PLANTINGS_SUM


def test_a_bad_file_shows_its_report_and_offers_no_import(page: Page, app: str, sign_in: Callable) -> None:
    page.goto(f"{app}/upload?lang=ru")
    sign_in(page, OFFICER, PASSWORD, "ru")
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(
        str(DATA / "app_upload_plantings_bad.csv")
    )
    expect(page.get_by_text(t("import_rejected", "ru"))).to_be_visible(timeout=TIMEOUT_MS)
    errors = t("report_errors", "ru", errors=t("count_errors", "ru", count=2), rows=t("count_rows", "ru", count=2))
    expect(page.get_by_text(errors)).to_be_visible()  # "2 ошибки; всего в файле 2 строки…" (issue 13: plurals)
    expect(page.get_by_role("button", name=t("download_annotated", "ru"))).to_be_visible()
    expect(page.get_by_role("button", name=t("download_report", "ru"))).to_be_visible()
    expect(page.get_by_role("button", name=t("confirm_import", "ru"))).to_have_count(0)
