"""Sign-off in Chromium against `streamlit run app.py`: an officer uploads in one browser, a supervisor approves it
in another, and the public page's planted total changes only then."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from geo import assets, auth, db, settings, store
from geo.i18n import t
from geo.progress import summary
from tests.e2e.conftest import VIEWPORT
from tests.e2e.test_upload_flow import planted_on_public_page

DATA = Path(__file__).resolve().parents[1] / "data"
PLOTS = DATA / "store_plots_v2.geojson"
SEASON_1 = DATA / "store_plantings_2024.csv"
SEASON_2 = DATA / "store_plantings_2025.csv"  # updates season 1's surveys and adds plantings
OFFICER, SUPERVISOR = "olga", "saule"
PASSWORD = "Kokshetau-pines-2026"
TIMEOUT_MS = 45_000


@pytest.fixture(scope="module")
def app(orman_db_url: str, streamlit_server: Callable[..., str]) -> str:
    """The app on a store with a season approved and sign-off on, an officer and a supervisor."""
    engine = db.create_engine(orman_db_url)
    for path in (PLOTS, SEASON_1):
        assert store.import_file(engine, path.read_bytes(), path.name, user=OFFICER).committed
    settings.change(engine, settings.SIGN_OFF, settings.ON)
    auth.add_user(engine, OFFICER, "officer", PASSWORD)
    auth.add_user(engine, SUPERVISOR, "supervisor", PASSWORD)
    engine.dispose()
    return streamlit_server(assets.ROOT / "app.py")


def test_an_upload_counts_on_the_public_page_only_once_another_browser_approves_it(
    page: Page, browser: Browser, app: str, sign_in: Callable, orman_db_url: str
) -> None:
    engine = db.create_engine(orman_db_url)
    before = planted_on_public_page(page, app)

    page.goto(f"{app}/upload?lang=en")
    sign_in(page, OFFICER, PASSWORD)
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(SEASON_2))
    page.get_by_role("button", name=t("confirm_import", "en")).click(timeout=TIMEOUT_MS)
    expect(page.get_by_text(t("import_submitted", "en", batch=3))).to_be_visible(timeout=TIMEOUT_MS)
    assert store.get_batch(engine, 3).status == "submitted"
    assert planted_on_public_page(page, app) == before

    supervisor = browser.new_context(viewport=VIEWPORT, locale="kk-KZ").new_page()
    try:
        supervisor.goto(f"{app}/review?lang=kk")
        sign_in(supervisor, SUPERVISOR, PASSWORD, lang="kk")
        expect(supervisor.get_by_role("heading", level=1)).to_have_text(t("review_title", "kk"), timeout=TIMEOUT_MS)
        supervisor.get_by_role("button", name=t("review_approve", "kk")).click(timeout=TIMEOUT_MS)
        expect(supervisor.get_by_text(t("review_empty", "kk"))).to_be_visible(timeout=TIMEOUT_MS)
    finally:
        supervisor.context.close()

    approved = store.get_batch(engine, 3)
    assert (approved.status, approved.decided_by) == ("approved", SUPERVISOR)
    assert planted_on_public_page(page, app) == summary(engine)["planted"] > before
    engine.dispose()
