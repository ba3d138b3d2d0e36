"""The audit trail in Chromium against `streamlit run app.py`: an administrator opens the Audit page from the menu,
sees the trail intact, and downloads it as CSV; that download, and one of a chart's table on Progress, are in the
trail as exports by them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from geo import actions, assets, audit, auth, db
from geo.i18n import t
from pages import audit as audit_page

DATA = Path(__file__).resolve().parents[1] / "data"
UPLOADS = (DATA / "app_upload_plots.geojson", DATA / "app_upload_plantings_cp1251.csv")
PASSWORD = "Kokshetau-pines-2026"
ADMIN = "aigerim"
TIMEOUT_MS = 45_000


@pytest.fixture(scope="module")
def app(orman_db_url: str, streamlit_server: Callable[..., str]) -> str:
    engine = db.create_engine(orman_db_url)
    auth.add_user(engine, ADMIN, "admin", PASSWORD)
    for path in UPLOADS:
        assert actions.import_as(engine, auth.operator("root"), path.read_bytes(), path.name).committed
    engine.dispose()
    return streamlit_server(assets.ROOT / "app.py")


def newest(url: str) -> audit.Entry:
    engine = db.create_engine(url)
    try:
        return audit.entries(engine, limit=1)[0]
    finally:
        engine.dispose()


def test_an_administrator_downloads_the_trail_and_the_download_is_recorded(
    page: Page, app: str, orman_db_url: str, sign_in: Callable
) -> None:
    page.goto(f"{app}/overview?lang=en")
    sign_in(page, ADMIN, PASSWORD)
    page.locator("[data-testid='stSidebarNav']").get_by_role("link", name=t("nav_audit", "en")).click()
    expect(page.get_by_role("heading", name=t("audit_title", "en"))).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.get_by_text(t("audit_intact", "en"))).to_be_visible()

    with page.expect_download(timeout=TIMEOUT_MS) as download:
        page.get_by_role("button", name=t("download_csv", "en")).click()
    saved = Path(download.value.path()).read_text(encoding="utf-8-sig")

    assert download.value.suggested_filename == f"{audit_page.CSV_NAME}.csv"
    assert t("audit_action_sign_in", "en") in saved and t("audit_action_import", "en") in saved
    entry = newest(orman_db_url)
    assert (entry.actor, entry.action, entry.subject) == (ADMIN, "export", f"{audit_page.CSV_NAME}.csv")
    assert entry.facts == {"format": "csv", "rows": len(saved.strip().splitlines()) - 1}


def test_a_download_of_a_charts_table_is_recorded_as_an_export(
    page: Page, app: str, orman_db_url: str, sign_in: Callable
) -> None:
    page.goto(f"{app}/progress?lang=en")
    sign_in(page, ADMIN, PASSWORD)
    button = page.get_by_role("button", name=t("download_csv", "en")).first
    expect(button).to_be_visible(timeout=TIMEOUT_MS)

    with page.expect_download(timeout=TIMEOUT_MS) as download:
        button.click()

    entry = newest(orman_db_url)
    assert (entry.actor, entry.action, entry.subject) == (ADMIN, "export", download.value.suggested_filename)
    assert entry.facts["format"] == "csv" and audit.verify(db.get_engine(orman_db_url)) == []
