"""Leaflet's files, served by Orman itself, and folium maps told to load only those.

No machine Orman runs on may need a CDN: folium's defaults (Leaflet, jQuery, Bootstrap, Font Awesome,
awesome-markers from five CDN hosts) are replaced by Leaflet alone, either from the app's static files or
inlined into a standalone HTML file.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

import folium
from branca.element import Element, Figure
from folium.elements import JSCSSMixin

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
VENDOR_DIR = ROOT / "static" / "vendor"

# Where Streamlit serves static/vendor/ (enableStaticServing). Root-relative, so it works from the
# streamlit-folium component iframe too, which is served by the same Streamlit server.
APP_VENDOR_URL = "/app/static/vendor"

LEAFLET_JS = "leaflet/leaflet.js"
LEAFLET_CSS = "leaflet/leaflet.css"

# Vendored path (under static/vendor/) -> path under node_modules/ (versions pinned in package-lock.json).
VENDOR_FILES: dict[str, str] = {
    LEAFLET_JS: "leaflet/dist/leaflet.js",
    LEAFLET_CSS: "leaflet/dist/leaflet.css",
    **{
        f"leaflet/images/{name}": f"leaflet/dist/images/{name}"
        for name in ("layers.png", "layers-2x.png", "marker-icon.png", "marker-icon-2x.png", "marker-shadow.png")
    },
}


class AssetsMissing(RuntimeError):
    """static/vendor/ lacks Leaflet: run `python scripts/vendor_assets.py`."""


def vendor_path(name: str) -> Path:
    """The vendored file ``name`` (a key of VENDOR_FILES); raises AssetsMissing if it is not there."""
    path = VENDOR_DIR / name
    if not path.is_file():
        raise AssetsMissing(f"{path} is missing: run `python scripts/vendor_assets.py` (needs npm)")
    return path


def missing_assets() -> list[str]:
    """Vendored files that are not in static/vendor/ yet."""
    return [name for name in VENDOR_FILES if not (VENDOR_DIR / name).is_file()]


def _walk(element: Element):
    yield element
    for child in element._children.values():
        yield from _walk(child)


def _set_links(m: folium.Map, js: list[tuple[str, str]], css: list[tuple[str, str]]) -> None:
    """Give the map exactly these links (instance attributes: folium's class lists stay untouched). A plugin
    would fetch its own files from a CDN, so a map holding one is refused."""
    for element in _walk(m):
        if element is m:
            element.default_js, element.default_css = js, css
        elif isinstance(element, JSCSSMixin):
            raise ValueError(f"{type(element).__name__} loads files from a CDN; Orman serves Leaflet only")


def use_app_assets(m: folium.Map, base_url: str = APP_VENDOR_URL) -> folium.Map:
    """Make ``m`` load Leaflet from Orman's own static files and nothing else (no jQuery, Bootstrap, fonts).

    streamlit-folium (0.27) collects every element's ``default_js``/``default_css`` and loads them in its iframe,
    so this decides where the browser fetches Leaflet from. It also adds d3 from two CDNs for any branca colormap
    in the map: Orman's legends are plain HTML for that reason.
    """
    _set_links(m, [("leaflet", f"{base_url}/{LEAFLET_JS}")], [("leaflet_css", f"{base_url}/{LEAFLET_CSS}")])
    return m


def _data_uri(path: Path) -> str:
    return "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def _inline_css(name: str) -> str:
    """A vendored stylesheet with its relative image URLs turned into data URIs."""
    path = vendor_path(name)
    folder = path.parent

    def replace(match: re.Match[str]) -> str:
        image = folder / match.group(1)
        return f"url({_data_uri(image)})" if image.is_file() else match.group(0)

    return re.sub(r"url\((images/[\w.-]+\.png)\)", replace, path.read_text(encoding="utf-8"))


def page(m: folium.Map) -> Figure:
    """The HTML page a map is drawn in (folium gives every map one), where styles and scripts go."""
    root = m.get_root()
    assert isinstance(root, Figure), "a folium map lives in a Figure"
    return root


def standalone_html(m: folium.Map) -> str:
    """The map as one HTML document with Leaflet's script, styles and images inside it: opens offline."""
    _set_links(m, [], [])
    script = vendor_path(LEAFLET_JS).read_text(encoding="utf-8").replace("</script", "<\\/script")
    inline = f"<style>{_inline_css(LEAFLET_CSS)}</style><script>{script}</script>"
    html = page(m)
    html.header.add_child(Element(inline), name="orman_inline_assets")
    return html.render()
