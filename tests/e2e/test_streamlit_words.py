"""Streamlit's own English inside its widgets, replaced by the reader's language (issue 17, defect 8).

The words live in Streamlit's frontend bundle ("Upload", "50MB per file", "Drag and drop a file here", "File must
be 50.0MB or smaller.", "Select all", "No results"), so only a browser sees them: Chromium against
`streamlit run app.py`, in Kazakh and Russian. What Orman writes in their place is CSS content, read here from the
computed style of the element that carries it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from geo import assets, auth, db, demo
from geo.i18n import fmt_int, t

TIMEOUT_MS = 45_000
OFFICER = "saule"
PASSWORD = "Taldykorgan-elms-2026"
LIMIT_MB = 50  # .streamlit/config.toml server.maxUploadSize
STREAMLIT_ENGLISH = re.compile(
    r"\bUpload\b|Drag and drop|per file|Browse files|Select all|No results|File must be|\d+(\.\d+)?[KM]?B\b"
)
DROPZONE = "[data-testid='stFileUploaderDropzone']"


@pytest.fixture(scope="module")
def app(orman_db_url: str, streamlit_server: Callable[..., str]) -> str:
    engine = db.create_engine(orman_db_url)
    demo.load(engine, plots=30)
    auth.add_user(engine, OFFICER, "officer", PASSWORD)
    engine.dispose()
    return streamlit_server(assets.ROOT / "app.py")


def after(locator: Locator) -> str:
    """The text CSS writes after the element (its ::after content), unquoted."""
    content = locator.evaluate("e => getComputedStyle(e, '::after').content")
    return "" if content in ("none", "normal") else content.strip('"')


def shown(page: Page, selector: str) -> str:
    """The words the reader sees in an element: the text of its parts drawn larger than a pixel (not the icons'
    names, not Streamlit's text hidden for screen readers, which Orman leaves alone) and the CSS content written
    into them."""
    parts = page.locator(selector).evaluate_all(
        """els => els.flatMap(e => [e, ...e.querySelectorAll('*')]).flatMap(x => {
            const box = x.getBoundingClientRect(), style = getComputedStyle(x);
            const own = [...x.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join(' ');
            const drawn = box.width > 1 && box.height > 1 && style.visibility !== 'hidden'
                && !x.closest('[data-testid="stIconMaterial"]');
            return [drawn ? own : '', getComputedStyle(x, '::after').content];
        })"""
    )
    return " ".join(p.strip('"') for p in parts if p and p not in ("none", "normal"))


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_uploader_speaks_the_readers_language(
    lang: str, page: Page, app: str, sign_in: Callable, tmp_path: Path
) -> None:
    page.goto(f"{app}/upload?lang={lang}")
    sign_in(page, OFFICER, PASSWORD, lang)
    dropzone = page.locator(DROPZONE)
    expect(dropzone).to_be_visible(timeout=TIMEOUT_MS)
    button = dropzone.locator("button [data-testid='stMarkdownContainer']")
    # the page's style arrives in the same run as the uploader, sometimes a frame after it is drawn
    page.wait_for_function(
        "([e, word]) => getComputedStyle(e, '::after').content === JSON.stringify(word)",
        arg=[button.element_handle(), t("uploader_browse", lang)],
        timeout=TIMEOUT_MS,
    )

    words = shown(page, "[data-testid='stFileUploader']")
    assert not STREAMLIT_ENGLISH.search(words), words
    assert after(dropzone.locator("button [data-testid='stMarkdownContainer']")) == t("uploader_browse", lang)
    limit = t("upload_limit", lang, limit=fmt_int(LIMIT_MB, lang))
    assert after(page.locator("[data-testid='stFileUploaderDropzoneInstructions'] > div")) == limit
    expect(dropzone.get_by_role("button", name=t("uploader_browse", lang))).to_be_visible()

    big = tmp_path / "big.csv"  # larger than the limit: the browser refuses it before it is sent
    with big.open("wb") as out:
        out.truncate((LIMIT_MB + 2) * 1024 * 1024)
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(big))
    chip = page.locator("[data-testid='stTooltipErrorHoverTarget']")
    expect(chip).to_be_visible(timeout=TIMEOUT_MS)
    assert after(chip) == t("uploader_too_large", lang, limit=fmt_int(LIMIT_MB, lang))
    words = shown(page, "[data-testid='stFileUploader']")
    assert not STREAMLIT_ENGLISH.search(words), words


OPEN_TRIES = 3


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_sidebar_filters_offer_no_english(lang: str, page: Page, app: str, sign_in: Callable) -> None:
    page.goto(f"{app}/progress?lang={lang}")
    sign_in(page, OFFICER, PASSWORD, lang)
    region = page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").first
    expect(region).to_be_visible(timeout=TIMEOUT_MS)
    dropdown = page.locator("[data-testid='stMultiSelectDropdown']")
    for _ in range(OPEN_TRIES):  # a rerun of the page just after sign-in can close the list as it opens
        region.locator("input").click()
        try:
            expect(dropdown.get_by_role("option").first).to_be_visible(timeout=TIMEOUT_MS // OPEN_TRIES)
            break
        except AssertionError:
            page.keyboard.press("Escape")
    expect(dropdown.get_by_role("option").first).to_be_visible()
    assert not STREAMLIT_ENGLISH.search(dropdown.inner_text()), dropdown.inner_text()  # no "Select all"

    region.locator("input").fill("zzqx")  # a search that finds nothing
    empty = dropdown.locator("[data-empty='true'] [role='option']")
    expect(empty).to_have_count(1, timeout=TIMEOUT_MS)
    assert after(empty) == t("multiselect_no_results", lang)
    assert not STREAMLIT_ENGLISH.search(dropdown.inner_text()), dropdown.inner_text()
