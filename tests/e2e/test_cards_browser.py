"""Headline cards with more than a billion trees planted, measured in Chromium: no figure is cut off or ellipsed on
the overview, the progress and the public page, in kk, ru and en, at 1366×768 and on a 390×844 phone; a figure too
long for its card shows in short (1,93 млрд) with the full figure on hover.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from geo import actions, assets, auth, db, progress
from geo.i18n import LANGS, fmt_int, fmt_short, t

DATA = Path(__file__).resolve().parents[1] / "data"
PLOTS = DATA / "below65_plots.geojson"
PLANTINGS = DATA / "billion_plantings.csv"  # 1 933 740 123 seedlings on six plots, as an officer's cp1251 export
ADMIN = "aigerim"
PASSWORD = "Kokshetau-pines-2026"
WIDTHS = ({"width": 1366, "height": 768}, {"width": 390, "height": 844})
TIMEOUT_MS = 45_000
IDLE = (
    "() => document.querySelector('[data-testid=\"stApp\"]')?.dataset.testScriptState === 'notRunning'"
    " && document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0"
)
# Every card as the browser lays it out: what overflows its box (a block whose content is wider than it), whether
# any text is ellipsed, the figure shown, and the full figure a short one carries on hover.
CARDS = """() => [...document.querySelectorAll('.orman-kpi')].map(card => {
  const value = card.querySelector('.value');
  const shown = [...value.children].find(s => getComputedStyle(s).display !== 'none') || value;
  const overflowing = [card, ...card.querySelectorAll('*')]
    .filter(e => getComputedStyle(e).display !== 'inline' && e.scrollWidth > e.clientWidth)
    .map(e => e.className || e.tagName);
  const ellipsed = [card, ...card.querySelectorAll('*')].some(e => getComputedStyle(e).textOverflow === 'ellipsis');
  return {overflowing, ellipsed, text: card.innerText, shown: shown.innerText, title: shown.title || '',
          label: card.querySelector('.label').innerText};
})"""


@pytest.fixture(scope="module")
def app(orman_db_url: str, streamlit_server: Callable[..., str]) -> str:
    engine = db.create_engine(orman_db_url)
    admin = auth.add_user(engine, ADMIN, "admin", PASSWORD)
    for path in (PLOTS, PLANTINGS):
        assert actions.import_as(engine, auth.start_session(admin), path.read_bytes(), path.name).committed
    assert progress.summary(engine)["planted"] > 1_000_000_000
    engine.dispose()
    return streamlit_server(assets.ROOT / "app.py")


def settled(page: Page) -> None:
    page.wait_for_selector(".orman-kpi", timeout=TIMEOUT_MS)
    page.wait_for_function(IDLE, timeout=TIMEOUT_MS)


def measured(page: Page, where: str) -> list[dict]:
    """The cards at each width, each asserted whole: nothing overflows, nothing ellipsed."""
    seen = []
    for size in WIDTHS:
        page.set_viewport_size(size)
        page.wait_for_function(IDLE, timeout=TIMEOUT_MS)
        cards = page.evaluate(CARDS)
        assert cards, where
        for card in cards:
            assert not card["overflowing"], (where, size, card)
            assert not card["ellipsed"] and "…" not in card["text"], (where, size, card)
        seen += cards
    page.set_viewport_size(WIDTHS[0])
    return seen


def open_from_menu(page: Page, name: str, lang: str) -> None:
    nav = page.locator("[data-testid='stSidebarNav']")
    nav.get_by_role("link", name=t(f"nav_{name}", lang), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t(f"{name}_title", lang), timeout=TIMEOUT_MS)
    settled(page)


@pytest.mark.parametrize("lang", LANGS)
def test_no_card_cuts_a_figure_above_a_billion(
    lang: str, page: Page, app: str, orman_db_url: str, sign_in: Callable
) -> None:
    planted = progress.summary(db.get_engine(orman_db_url))["planted"]
    page.goto(f"{app}/public?lang={lang}")
    settled(page)
    cards = measured(page, "public")
    page.goto(f"{app}/?lang={lang}")
    settled(page)
    sign_in(page, ADMIN, PASSWORD, lang)
    for name in ("overview", "progress"):
        open_from_menu(page, name, lang)
        cards += measured(page, name)
    planted_cards = [c for c in cards if c["label"] == t("kpi_planted", lang)]
    assert len(planted_cards) == 3 * len(WIDTHS)
    shorts = [c for c in planted_cards if c["title"]]
    assert shorts, "at one width at least, the planted figure is too long for its card"
    for card in shorts:  # the short form, with the full figure on hover
        assert card["shown"] == fmt_short(planted, lang) and card["title"] == fmt_int(planted, lang)
    for card in planted_cards:
        assert card["shown"] in (fmt_short(planted, lang), fmt_int(planted, lang))
