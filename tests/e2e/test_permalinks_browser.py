"""Permalinks in Chromium (issue 17 #13): a link with filters, a tab and the map's switches opens that view, after
signing in; changing a choice updates the address; nonsense in the address is ignored without a word."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy.engine import Engine

from geo import auth, db, demo, progress
from geo.i18n import fmt_int, t
from geo.queries import Filters
from geo.regions import region_name

ADMIN = "permalink.admin"
PASSWORD = "Kokshetau-pines-2026"
TIMEOUT_MS = 45_000


@pytest.fixture(scope="module")
def store(orman_db_url: str) -> Iterator[Engine]:
    engine = db.create_engine(orman_db_url)
    demo.load(engine, plots=120, surveys=True)
    auth.add_user(engine, ADMIN, "admin", PASSWORD)
    yield engine
    engine.dispose()


def chips(page: Page) -> list[str]:
    """The values chosen in the sidebar's filters, as their chips show them."""
    return page.locator("[data-testid='stSidebar'] [data-tag]").all_inner_texts()


def test_a_permalink_opens_progress_with_its_filters_and_tab(
    page: Page, store: Engine, app_url: str, sign_in: Callable[..., None]
) -> None:
    options = progress.filter_options(store)
    regions, year = options["regions"][:2], options["years"][-2]
    only = progress.summary(store, Filters(regions=tuple(regions), years=(year,)))
    everything = progress.summary(store)
    assert 0 < only["planted"] < everything["planted"]
    query = urlencode({"lang": "en", "region": [*regions, "XX-99"], "year": year, "tab": "survival"}, doseq=True)
    page.goto(f"{app_url}/progress?{query}")
    sign_in(page, ADMIN, PASSWORD, "en")

    cards = page.locator(".orman-kpi .value")
    expect(cards.first).to_contain_text(fmt_int(only["planted"], "en"), timeout=TIMEOUT_MS)
    chosen = page.locator("[data-testid='stSidebar'] [data-tag]")
    expect(chosen).to_have_count(len(regions) + 1, timeout=TIMEOUT_MS)  # the sidebar may draw after the cards
    assert sorted(chips(page)) == sorted([*(region_name(r, "en") for r in regions), str(year)])
    expect(page.get_by_role("tab", selected=True)).to_have_text(t("tab_survival", "en"))
    expect(page.get_by_text(t("below_title", "en"), exact=True)).to_be_visible()
    assert "XX-99" not in page.url and f"region={regions[0]}" in page.url

    page.get_by_role("tab", name=t("tab_year", "en"), exact=True).click()
    page.wait_for_url(re.compile(r"tab=year"), timeout=TIMEOUT_MS)
    page.locator("[data-testid='stSidebar']").get_by_role("button", name=t("filters_reset", "en")).click()
    page.wait_for_url(lambda url: "region=" not in url and "year=" not in url, timeout=TIMEOUT_MS)
    expect(cards.first).to_contain_text(fmt_int(everything["planted"], "en"), timeout=TIMEOUT_MS)
    assert chips(page) == []


def test_a_permalink_opens_the_map_with_its_switches(
    page: Page, store: Engine, app_url: str, sign_in: Callable[..., None]
) -> None:
    below = progress.below_target(store)
    page.goto(f"{app_url}/map?lang=ru&colour=species&below=True")
    sign_in(page, ADMIN, PASSWORD, "ru")
    sidebar = page.locator("[data-testid='stSidebar']")
    expect(sidebar.get_by_role("radio", name=t("map_colour_species", "ru"))).to_be_checked(timeout=TIMEOUT_MS)
    expect(sidebar.get_by_role("switch", name=t("map_below_only", "ru"))).to_be_checked()
    totals = t(
        "mappage_below_totals",
        "ru",
        plots=fmt_int(len(below), "ru"),
        planted=fmt_int(int(below["planted"].sum()), "ru"),
    )
    expect(page.get_by_text(totals)).to_be_visible(timeout=TIMEOUT_MS)
