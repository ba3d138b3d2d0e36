"""Leaflet served by Orman itself: the pinned version, linked from the app, inlined in standalone files."""

from __future__ import annotations

import json
import re

import folium
import folium.plugins
import pytest

from geo import assets


def test_vendored_leaflet_is_the_version_the_lock_file_pins() -> None:
    lock = json.loads((assets.ROOT / "package-lock.json").read_text(encoding="utf-8"))
    version = lock["packages"]["node_modules/leaflet"]["version"]

    assert assets.missing_assets() == []
    assert f"Leaflet {version}" in assets.vendor_path(assets.LEAFLET_JS).read_text(encoding="utf-8")[:300]


def test_app_map_links_only_leaflet_from_the_apps_static_files() -> None:
    m = assets.use_app_assets(folium.Map(location=[48, 67], zoom_start=4, tiles=None))
    html = m.get_root().render()

    assert re.findall(r'(?:src|href)="([^"]+)"', html) == [
        f"/app/static/vendor/{assets.LEAFLET_JS}",
        f"/app/static/vendor/{assets.LEAFLET_CSS}",
    ]
    assert "cdn.jsdelivr.net" in dict(folium.Map.default_js)["leaflet"]  # other maps keep folium's defaults


def test_a_plugin_that_fetches_from_a_cdn_is_refused() -> None:
    m = folium.Map(tiles=None)
    folium.plugins.MarkerCluster().add_to(m)

    with pytest.raises(ValueError, match="MarkerCluster"):
        assets.use_app_assets(m)


def test_standalone_html_carries_leaflet_and_its_images_inside() -> None:
    m = folium.Map(location=[48, 67], zoom_start=4, tiles=None)
    folium.LayerControl().add_to(m)

    html = assets.standalone_html(m)

    assert re.findall(r"<(?:script|link)[^>]+(?:src|href)=", html) == []
    assert "url(images/" not in html and "url(data:image/png;base64," in html
    assert html.index("charset=UTF-8") < html.index("Leaflet 1.9.4")  # the charset still comes first
