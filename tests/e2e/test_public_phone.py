"""The public page on a 390×844 phone, measured in Chromium in kk, ru and en (issue 17 #7): nothing runs off the
page sideways, the trajectory's legend and every column of the regions' table shown lie inside the screen, and the
public meets no staff sign-in: the sidebar holding it opens collapsed, off the screen, and staff can still open it
and sign in.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from geo import assets, auth, db, demo
from geo.i18n import LANGS, t

PHONE = {"width": 390, "height": 844}
ADMIN = "aigerim"
PASSWORD = "Kokshetau-pines-2026"
TIMEOUT_MS = 60_000
IDLE = (
    "() => document.querySelector('[data-testid=\"stApp\"]')?.dataset.testScriptState === 'notRunning'"
    " && document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0"
)
# What lies outside the screen's width: the page's own sideways scroll, the chart legend's entries, the table's
# header and body cells shown (a table scrolling inside its box counts as cut too), and where the sign-in form is.
LAYOUT = """() => {
  const width = window.innerWidth;
  const outside = e => { const r = e.getBoundingClientRect(); return r.width > 0 && (r.left < 0 || r.right > width); };
  const main = document.querySelector('[data-testid="stMain"]');
  const legend = [...document.querySelectorAll('[data-testid="stVegaLiteChart"] .role-legend text')];
  const cells = [...document.querySelectorAll('.orman-table th, .orman-table td')]
    .filter(c => getComputedStyle(c).display !== 'none');
  const wrap = document.querySelector('.orman-table-wrap');
  const form = [...document.querySelectorAll('[data-testid="stSidebar"] input, [data-testid="stSidebar"] button')]
    .filter(e => e.closest('[data-testid="stForm"]'));
  return {
    page: document.documentElement.scrollWidth - width,
    main: main.scrollWidth - main.clientWidth,
    legend: legend.map(e => e.textContent),
    legend_outside: legend.filter(outside).map(e => e.textContent),
    headers: [...document.querySelectorAll('.orman-table th')].filter(c => getComputedStyle(c).display !== 'none')
      .map(c => c.textContent),
    cells: cells.length,
    cells_outside: cells.filter(outside).map(c => c.textContent),
    table_scrolls_sideways: wrap.scrollWidth - wrap.clientWidth,
    form: form.length,
    form_on_screen: form.filter(e => { const r = e.getBoundingClientRect();
      return r.width > 0 && r.right > 0 && r.left < width; }).length,
    sidebar_collapsed: document.querySelector('[data-testid="stSidebar"]')?.dataset.collapsed,
  };
}"""


@pytest.fixture(scope="module")
def app(orman_db_url: str, streamlit_server: Callable[..., str]) -> str:
    engine = db.create_engine(orman_db_url)
    demo.load(engine, surveys=True)  # regions with and without an estimate, the trajectory with its close-up
    auth.add_user(engine, ADMIN, "admin", PASSWORD)
    engine.dispose()
    return streamlit_server(assets.ROOT / "app.py")


def drawn(page: Page) -> None:
    page.wait_for_selector(".orman-table td", timeout=TIMEOUT_MS)
    page.locator("[data-testid='stVegaLiteChart'] .role-legend text").first.wait_for(timeout=TIMEOUT_MS)
    page.wait_for_function(IDLE, timeout=TIMEOUT_MS)


@pytest.mark.parametrize("lang", LANGS)
def test_the_public_page_fits_a_phone_with_no_sign_in_in_sight(app: str, page: Page, lang: str) -> None:
    page.set_viewport_size(PHONE)
    page.goto(f"{app}/public?lang={lang}")
    drawn(page)
    layout = page.evaluate(LAYOUT)
    assert layout["page"] <= 0 and layout["main"] <= 0, layout  # nothing runs off the page sideways
    assert {t("series_planted", lang), t("series_straight", lang)} <= set(layout["legend"]), layout
    assert not layout["legend_outside"], layout
    assert t("col_region", lang) in layout["headers"] and t("public_col_estimate", lang) in layout["headers"]
    assert layout["cells"] > 20 and not layout["cells_outside"], layout
    assert layout["table_scrolls_sideways"] <= 0, layout  # every column shown, whole, without scrolling
    assert layout["form"] and layout["form_on_screen"] == 0, layout  # the staff's form exists, off the screen
    assert layout["sidebar_collapsed"] == "true"
    expect(page.get_by_role("button", name=t("auth_sign_in", lang), exact=True)).not_to_be_in_viewport()
    assert page.get_by_test_id("stExpandSidebarButton").is_visible()  # how staff get to it


def test_the_front_page_and_the_desktop_open_collapsed_too_and_staff_can_sign_in(
    app: str, page: Page, sign_in: Callable[..., None]
) -> None:
    page.goto(f"{app}/?lang=en")
    drawn(page)
    layout = page.evaluate(LAYOUT)
    assert layout["sidebar_collapsed"] == "true" and layout["form_on_screen"] == 0, layout
    page.get_by_test_id("stExpandSidebarButton").click()
    expect(page.get_by_role("button", name=t("auth_sign_in", "en"), exact=True)).to_be_in_viewport()
    sign_in(page, ADMIN, PASSWORD)
    expect(page.locator("h1").first).to_have_text(t("overview_title", "en"), timeout=TIMEOUT_MS)
    expect(page.locator("[data-testid='stSidebar']")).to_have_attribute("data-collapsed", "false")
