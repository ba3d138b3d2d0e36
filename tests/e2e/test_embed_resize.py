"""The self-resizing embed (issue 17 #10) in Chromium: a plain web page on another origin pastes the Embed page's
snippet (the public page's iframe and static/orman-embed.js, served by Orman itself); the iframe grows from its
900 px to the public page's whole height, so nothing scrolls inside the frame."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Frame, Page, expect
from test_public_embed import filled_store, host_page  # noqa: F401 - fixtures: a filled store, a plain web site

from geo import assets
from geo.i18n import t
from pages import embed

TIMEOUT_MS = 60_000
FRAME = "iframe[title='Orman']"
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
CONTENT_HEIGHT = (
    "() => { const main = document.querySelector('[data-testid=\"stMain\"]');"
    " const block = document.querySelector('[data-testid=\"stMainBlockContainer\"]');"
    " return {content: block.getBoundingClientRect().bottom - main.getBoundingClientRect().top,"
    " scrolls: main.scrollHeight - main.clientHeight}; }"
)


def public_frame(page: Page) -> Frame:
    return next(f for f in page.frames if "/public" in f.url)


@pytest.mark.usefixtures("filled_store")
def test_the_embed_script_grows_the_iframe_to_the_public_pages_height(
    page: Page,
    streamlit_server: Callable[..., str],
    host_page: Callable[[str], str],  # noqa: F811
) -> None:
    app = streamlit_server(assets.ROOT / "app.py")
    snippet = embed.resizing_snippet(embed.public_link(app, "en", None, embed=True), "Orman", app)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(host_page(snippet))
    frame = page.locator(FRAME)
    inside = page.frame_locator(FRAME)
    expect(inside.get_by_role("heading", level=1)).to_have_text(
        t("public_title", "en", place=t("public_kazakhstan", "en")), timeout=TIMEOUT_MS
    )
    expect(inside.frame_locator(MAP_FRAME).locator("path.orman-aggregate").first).to_be_attached(timeout=TIMEOUT_MS)
    page.wait_for_function(
        f'() => document.querySelector("{FRAME}").getBoundingClientRect().height > {embed.DEFAULT_HEIGHT + 300}',
        timeout=TIMEOUT_MS,
    )
    page.wait_for_load_state("networkidle")
    measured = public_frame(page).evaluate(CONTENT_HEIGHT)
    height = frame.bounding_box()["height"]
    assert abs(height - measured["content"]) <= 2, (height, measured)
    assert measured["scrolls"] <= 1  # the whole page is in view inside the frame: nothing left to scroll to
    assert page.dialogs == []
