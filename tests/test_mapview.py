"""The map at every scale: regions nationally, exact viewport plots when zoomed in, escaped popups, no CDN."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from html import escape as html_escape
from pathlib import Path

import folium
import numpy as np
import pytest
import shapely
from sqlalchemy.engine import Engine

from geo import assets, cli, db, demo, mapview, progress, store, survival
from geo.i18n import (
    fmt_compact,
    fmt_day,
    fmt_int,
    fmt_ints,
    fmt_num,
    fmt_nums,
    fmt_pct,
    fmt_pcts,
    fmt_short_range,
    t,
)
from geo.palette import PLANTED_COLOURS, SURVIVAL_COLOURS
from geo.programme import KAZAKHSTAN_EXTENT
from geo.queries import Filters
from geo.regions import REGIONS, region_name
from geo.viewport import StoreSource, plots_extent

DATA = Path(__file__).parent / "data"
CDN_HOSTS = ("jsdelivr", "cdnjs", "unpkg", "jquery", "bootstrapcdn", "googleapis", "fontawesome", "cloudflare")
DEMO_PLOTS = 600
DEMO_DAY = date(2026, 11, 1)
SEMEY_BBOX = (79.85, 50.25, 80.05, 50.35)  # a city-size view of the demo's Semey ribbon pine forest plots
HOSTILE_BBOX = (80.15, 50.38, 80.30, 50.43)  # around the two plots of tests/data/map_hostile_names.geojson


def _import(engine: Engine, *files: Path) -> None:
    for path in files:
        result = store.import_file(engine, path.read_bytes(), path.name, user="test")
        assert result.committed, result.report.to_json("en")


@pytest.fixture(scope="module")
def demo_features() -> list[dict]:
    """The demo plots as generated, before the store saw them."""
    return json.loads(demo.generate(DEMO_PLOTS, today=DEMO_DAY).plots)["features"]


@pytest.fixture(scope="module")
def demo_shapes(demo_features: list[dict]) -> dict[str, shapely.Geometry]:
    """Each demo plot's shape as generated."""
    return {f["properties"]["plot_id"]: shapely.geometry.shape(f["geometry"]) for f in demo_features}


@pytest.fixture(scope="module")
def demo_engine(module_store_url: str) -> Iterator[Engine]:
    """The DEMO programme (every region) in a store of its own, on SQLite and on PostGIS."""
    engine = db.create_engine(module_store_url)
    demo.load(engine, DEMO_PLOTS, today=DEMO_DAY)
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def hostile_engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    engine = db.create_engine(f"sqlite:///{tmp_path_factory.mktemp('hostile') / 'orman.sqlite'}")
    _import(engine, DATA / "map_hostile_names.geojson", DATA / "map_hostile_names_plantings.csv")
    return engine


def _render(layer: mapview.DataLayer, lang: str = "en") -> str:
    m = mapview.base_map(lang)
    layer.layer.add_to(m)
    return m.get_root().render()


def _collections(html: str) -> list[dict]:
    """Every FeatureCollection the rendered map hands to Leaflet."""
    decoder = json.JSONDecoder()
    return [decoder.raw_decode(html, match.end())[0] for match in re.finditer(r"L\.geoJSON\(", html)]


def _features(html: str) -> list[dict]:
    """Every feature of the data layer the rendered map hands to Leaflet (the base map's regions are apart)."""
    return [f for c in _collections(html) for f in c["features"] if "code" not in f["properties"]]


def _regions(html: str) -> list[dict]:
    """The base map's regions: ``code``, ``name``, label point ``at``."""
    return [f for c in _collections(html) for f in c["features"] if "code" in f["properties"]]


def test_national_view_shows_every_regions_aggregate_and_no_polygons(demo_engine: Engine) -> None:
    layer = mapview.data_layer(StoreSource(demo_engine), mapview.View(), "en")
    features = _features(_render(layer))

    assert layer.level == "regions"
    assert {f["properties"]["t"] for f in features} == {region_name(code, "en") for code in REGIONS}
    assert {f["geometry"]["type"] for f in features} == {"Point"}
    assert layer.total == DEMO_PLOTS


def test_only_circles_wide_enough_carry_their_label(demo_engine: Engine) -> None:
    regions = StoreSource(demo_engine).regions()
    layer = mapview.regions_layer(regions, "ru")
    drawn = {f["properties"]["t"]: f["properties"] for f in _features(_render(layer, "ru"))}
    most = regions.loc[regions["planted"].idxmax()]
    least = regions.loc[regions["planted"].idxmin()]

    biggest, smallest = drawn[region_name(most["region"], "ru")], drawn[region_name(least["region"], "ru")]
    assert biggest["l"] == fmt_compact(int(most["planted"]), "ru") and biggest["r"] == 28
    assert smallest["l"] == "" and smallest["planted"] == fmt_int(int(least["planted"]), "ru")  # still in the popup
    assert all(len(p["l"]) * mapview.LABEL_CHAR_PX <= 2 * p["r"] for p in drawn.values())


def test_zoomed_view_holds_exactly_the_plots_intersecting_the_bbox(
    demo_engine: Engine, demo_shapes: dict[str, shapely.Geometry]
) -> None:
    box = shapely.box(*SEMEY_BBOX)
    expected = {pid for pid, shape in demo_shapes.items() if shape.intersects(box)}

    layer = mapview.data_layer(StoreSource(demo_engine), mapview.View(zoom=12, bbox=SEMEY_BBOX), "en")
    html = _render(layer)
    drawn = {f["properties"]["id"] for f in _features(html)}

    assert len(expected) > 10
    assert drawn == expected
    assert layer.notice is None and '"orman-notice"' not in html


def test_zoomed_view_over_the_cap_draws_the_cap_and_asks_to_zoom_in(
    demo_engine: Engine, demo_shapes: dict[str, shapely.Geometry]
) -> None:
    box = shapely.box(*SEMEY_BBOX)
    in_view = {pid for pid, shape in demo_shapes.items() if shape.intersects(box)}

    layer = mapview.data_layer(StoreSource(demo_engine), mapview.View(zoom=12, bbox=SEMEY_BBOX), "en", max_plots=5)
    html = _render(layer)
    drawn = {f["properties"]["id"] for f in _features(html)}

    assert len(drawn) == 5 and drawn <= in_view
    assert layer.total == len(in_view)
    assert layer.notice == t("map_notice_capped", "en", shown="5", total=str(len(in_view)))
    assert f"zoom in to see all {len(in_view)} plots" in html


def test_regional_zoom_shows_grid_cells_with_counts_not_polygons(demo_engine: Engine) -> None:
    abai = (76.0, 47.5, 84.0, 52.5)
    layer = mapview.data_layer(StoreSource(demo_engine), mapview.View(zoom=8, bbox=abai), "en")
    features = _features(_render(layer))

    assert layer.level == "grid"
    assert {f["geometry"]["type"] for f in features} == {"Point"}
    assert sum(int(f["properties"]["plots"]) for f in features) == layer.total > 10


def test_popups_and_tooltips_escape_what_users_typed(hostile_engine: Engine) -> None:
    layer = mapview.data_layer(StoreSource(hostile_engine), mapview.View(zoom=13, bbox=HOSTILE_BBOX), "en")
    html = _render(layer)
    properties = {f["properties"]["id"]: f["properties"] for f in _features(html)}

    for payload in ("<script>alert", "<img src=x", "<svg onload", "<b>bold"):
        assert payload not in html
    assert properties["SEM-X1"]["name"] == "&lt;script&gt;alert(&#x27;plot&#x27;)&lt;/script&gt;"
    assert properties["SEM-X1"]["partner"] == "&lt;img src=x onerror=&quot;alert(&#x27;partner&#x27;)&quot;&gt;"
    assert properties["SEM-X1"]["species"] == "&lt;svg onload=alert(&#x27;species&#x27;)&gt;"
    assert properties["SEM-X2 &lt;b&gt;bold&lt;/b&gt;"]["name"] == "Роща &amp; &quot;кавычки&quot;"


def test_species_legend_escapes_species_names(hostile_engine: Engine) -> None:
    layer = mapview.data_layer(
        StoreSource(hostile_engine), mapview.View(zoom=13, bbox=HOSTILE_BBOX), "en", colour_by="species"
    )
    html = _render(layer)

    assert "<svg onload" not in html
    assert "\\u0026lt;svg onload=alert(\\u0026#x27;species\\u0026#x27;)\\u0026gt;" in html


def test_app_map_loads_leaflet_from_orman_and_nothing_from_a_cdn(demo_engine: Engine) -> None:
    base, layer = mapview.app_map(StoreSource(demo_engine), mapview.View(), "ru")
    layer.add_to(base)
    html = base.get_root().render()
    links = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    declared = [url for e in _walk(base) for _, url in [*getattr(e, "default_js", []), *getattr(e, "default_css", [])]]

    assert (
        sorted(links)
        == sorted(declared)
        == [f"{assets.APP_VENDOR_URL}/{assets.LEAFLET_CSS}", f"{assets.APP_VENDOR_URL}/{assets.LEAFLET_JS}"]
    )
    assert not any(host in html for host in CDN_HOSTS)
    assert _fitted(html) == pytest.approx(KAZAKHSTAN_EXTENT)  # the whole country, whatever the screen's width


def _fitted(html: str) -> tuple[float, float, float, float]:
    """The (west, south, east, north) the rendered map is fitted to in the browser."""
    found = re.findall(r'map\.fitBounds\(bounds.*?\}\)\(\w+, "[^"]+", (\[\[.*?\]\])\);', html, flags=re.DOTALL)
    assert len(found) == 1
    (south, west), (north, east) = json.loads(found[0])
    return west, south, east, north


def _walk(element: folium.Element):
    yield element
    for child in element._children.values():
        yield from _walk(child)


def test_base_map_is_the_same_whatever_the_view(demo_engine: Engine) -> None:
    source = StoreSource(demo_engine)
    national, _ = mapview.app_map(source, mapview.View(), "kk")
    zoomed, _ = mapview.app_map(source, mapview.View(zoom=12, bbox=SEMEY_BBOX), "kk")

    def script(m: folium.Map) -> str:
        return re.sub(r"_[0-9a-f]{32}", "", m.get_root().render())

    assert script(national) == script(zoomed)


def test_focus_fits_the_map_to_the_region(demo_engine: Engine) -> None:
    focus = (79.0, 49.5, 81.5, 51.0)
    base, layer = mapview.app_map(StoreSource(demo_engine), mapview.View(), "en", focus=focus)
    layer.add_to(base)

    assert _fitted(base.get_root().render()) == pytest.approx(focus)


@pytest.mark.parametrize(
    "choice",
    [Filters(regions=("KZ-10",)), Filters(regions=("KZ-10", "KZ-61")), Filters(partners=("DEMO NWAFU branch, Semey",))],
    ids=["one", "two", "partner"],
)
def test_a_region_or_partner_filter_moves_the_map_to_its_plots(
    demo_engine: Engine, demo_features: list[dict], choice: Filters
) -> None:
    chosen = [
        shapely.geometry.shape(f["geometry"])
        for f in demo_features
        if f["properties"]["region"] in choice.regions or f["properties"]["partner"] in choice.partners
    ]
    expected = shapely.total_bounds(np.array(chosen))

    box = plots_extent(demo_engine, choice)

    assert box == pytest.approx(tuple(expected), abs=1e-9)
    base, layer = mapview.app_map(StoreSource(demo_engine, choice), mapview.View(), "en", focus=box)
    layer.add_to(base)
    assert _fitted(base.get_root().render()) == pytest.approx(tuple(expected), abs=1e-9)


def test_no_plot_matching_leaves_no_extent(demo_engine: Engine) -> None:
    assert plots_extent(demo_engine, Filters(partners=("no such partner",))) is None


def test_standalone_map_has_leaflet_inside_and_fetches_nothing_but_tiles(demo_engine: Engine) -> None:
    html = mapview.standalone_map(StoreSource(demo_engine), SEMEY_BBOX, 12, "ru")

    assert re.findall(r"<(?:script|link)[^>]+(?:src|href)=", html) == []
    assert assets.vendor_path(assets.LEAFLET_JS).read_text(encoding="utf-8")[:200] in html
    assert "data:image/png;base64," in html  # Leaflet's control images
    assert not any(host in html for host in CDN_HOSTS)
    assert mapview.OSM_TILES in html and "openstreetmap.org/copyright" in html
    assert mapview.SATELLITE_TILES in html and "Esri" in html
    assert "orman-plot" in html


def test_polygons_are_simplified_and_rounded_for_the_zoom() -> None:
    circle = shapely.Point(80.25, 50.41).buffer(0.01, quad_segs=256)

    coarse, fine = (
        mapview.simplify_for_zoom(np.array([circle]), 11)[0],
        mapview.simplify_for_zoom(np.array([circle]), 17)[0],
    )
    coords = shapely.get_coordinates(coarse)

    assert shapely.get_num_coordinates(coarse) < shapely.get_num_coordinates(fine) <= 1025
    assert np.array_equal(coords, np.round(coords, mapview.coordinate_decimals(11)))
    assert coarse.symmetric_difference(circle).area < 0.05 * circle.area


def test_view_from_st_folium_bounds() -> None:
    bounds = {"_southWest": {"lat": 50.3, "lng": 80.05}, "_northEast": {"lat": 50.52, "lng": 80.45}}

    assert mapview.view_from_bounds(None, None) == mapview.View()
    assert mapview.view_from_bounds(bounds, 12) == mapview.View(zoom=12, bbox=(80.05, 50.3, 80.45, 50.52))
    assert mapview.view_from_bounds({"_southWest": {"lat": None, "lng": None}}, 9) == mapview.View(zoom=9)


def test_levels_of_detail_by_zoom() -> None:
    assert [mapview.level_for(z) for z in (3, 5, 6, 7, 10, 11, 16)] == [
        "regions",
        "regions",
        "regions",
        "grid",
        "grid",
        "plots",
        "plots",
    ]


def test_empty_view_says_there_is_nothing_here(demo_engine: Engine) -> None:
    empty_steppe = (60.0, 45.0, 60.2, 45.1)
    layer = mapview.data_layer(StoreSource(demo_engine), mapview.View(zoom=13, bbox=empty_steppe), "ru")

    assert layer.shown == layer.total == 0
    assert layer.notice == t("map_no_plots", "ru")
    assert '"orman-notice"' in _render(layer, "ru")


def test_map_command_writes_the_zoomed_map_as_one_file(
    hostile_engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(db.DB_URL_ENV, str(hostile_engine.url))
    out = tmp_path / "semey.html"

    code = cli.main(
        ["map", "--out", str(out), "--bbox", ",".join(map(str, HOSTILE_BBOX)), "--zoom", "14", "--lang", "kk"]
    )
    html = out.read_text(encoding="utf-8")

    assert code == 0
    assert {f["properties"]["id"] for f in _features(html)} == {"SEM-X1", "SEM-X2 &lt;b&gt;bold&lt;/b&gt;"}
    assert t("map_legend_survival", "kk") in html
    assert re.findall(r"<(?:script|link)[^>]+(?:src|href)=", html) == []


def test_map_command_refuses_a_bbox_that_is_not_w_s_e_n(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli.main(["map", "--out", str(tmp_path / "x.html"), "--bbox", "80.4,50.5,80.0,50.3"])

    assert exit_.value.code == 2
    assert not (tmp_path / "x.html").exists()


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_popup_numbers_read_exactly_as_elsewhere_in_the_app(lang: str) -> None:
    counts, areas, rates = [0, 7, 999, 12_500, 1_234_567, 2_000_000_000], [0.0, 0.04, 9.96, 158.23], [0, 0.65, 0.784]

    assert fmt_ints(counts, lang) == [fmt_int(v, lang) for v in counts]
    assert fmt_nums(areas, lang) == [fmt_num(v, lang) for v in areas]
    assert fmt_pcts(rates, lang) == [fmt_pct(v, lang) for v in rates]


# --- the three numbers in the popups, and the plots below 65 % ------------------------------------------------------

BELOW_FILES = (DATA / "below65_plots.geojson", DATA / "below65_plantings.csv")
BELOW_SEMEY = (80.29, 50.44, 80.36, 50.46)  # around the three Semey plots of tests/data/below65_plots.geojson


@pytest.fixture
def below_engine(store: Engine) -> Engine:
    """Plots surveyed at 20 %, 50 % and exactly 65 % near Semey, 70 % and 90 % and one never surveyed near
    Kyzylorda, on SQLite and on PostGIS."""
    _import(store, *BELOW_FILES)
    return store


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_plot_popups_hold_planted_survival_adjusted_dated_survival_and_what_the_plot_needs(
    below_engine: Engine, lang: str
) -> None:
    layer = mapview.data_layer(StoreSource(below_engine), mapview.View(zoom=13, bbox=BELOW_SEMEY), lang)
    html = _render(layer, lang)
    shown = {f["properties"]["id"]: f["properties"] for f in _features(html)}

    worst, mid, exact = shown["BLW-0020"], shown["BLW-0050"], shown["BLW-0065"]
    assert (worst["planted"], worst["alive"]) == (fmt_int(10_000, lang), fmt_int(2_000, lang))
    assert worst["survival"] == f"{fmt_pct(0.2, lang)} ({fmt_day(date(2025, 9, 20), lang)})"
    assert worst["flag"] == html_escape(t("flag_write_off", lang))  # "< 25 %", escaped like every popup value
    # 12 000 planted x 50 % of the surveyed 10 000: 6 000 expected alive, the latest of its two surveys' dates
    assert (mid["planted"], mid["alive"]) == (fmt_int(12_000, lang), fmt_int(6_000, lang))
    assert mid["survival"] == f"{fmt_pct(0.5, lang)} ({fmt_day(date(2025, 9, 15), lang)})"
    assert mid["flag"] == exact["flag"] == html_escape(t("flag_gap_filling", lang))  # 65 %: still below 85 %
    fields = json.loads(re.search(r"var fields = (\[.*?\]);", html).group(1))
    rows = [html_escape(t(k, lang)) for k in ("map_planted", "map_expected_alive", "map_survival", "map_flag")]
    assert [label for label, _ in fields if label in rows] == rows  # the three numbers, then what it needs


def test_a_plot_never_surveyed_shows_planted_and_nothing_of_survival(below_engine: Engine) -> None:
    kyzylorda = (65.49, 44.84, 65.56, 44.86)
    layer = mapview.data_layer(StoreSource(below_engine), mapview.View(zoom=13, bbox=kyzylorda), "ru")
    shown = {f["properties"]["id"]: f["properties"] for f in _features(_render(layer, "ru"))}

    never = shown["BLW-0000"]
    assert never["planted"] == fmt_int(5_000, "ru") and never["alive"] is None and never["survival"] is None
    assert never["flag"] is None and shown["BLW-0090"]["flag"] is None  # 90 %: nothing needed
    assert shown["BLW-0070"]["survival"] == f"{fmt_pct(0.7, 'ru')} ({fmt_day(date(2025, 10, 5), 'ru')})"


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_region_popups_carry_the_estimate_with_its_interval_or_why_none(demo_engine: Engine, lang: str) -> None:
    by_region = progress.summary(demo_engine)["by_region"]
    layer = mapview.data_layer(StoreSource(demo_engine), mapview.View(), lang)
    features = _features(_render(layer, lang))
    shown = {f["properties"]["t"]: f["properties"]["estimate"] for f in features}
    intervals = {f["properties"]["t"]: f["properties"]["interval"] for f in features}

    estimated = 0
    for code, entry in by_region.items():
        found = entry["estimate"]
        if found is None:
            why = t(f"kpi_estimate_none_{entry['estimate_reason']}", lang, needed=survival.MIN_SURVEYS)
            assert shown[region_name(code, lang)] == html_escape(why)
            assert intervals[region_name(code, lang)] is None
            continue
        estimated += 1
        assert shown[region_name(code, lang)] == html_escape(fmt_int(found["surviving"], lang))
        assert intervals[region_name(code, lang)] == html_escape(fmt_short_range(found["low"], found["high"], lang))
    assert estimated > 0


def test_region_popups_say_why_there_is_no_estimate(below_engine: Engine) -> None:
    layer = mapview.data_layer(StoreSource(below_engine), mapview.View(), "kk")
    shown = [f["properties"]["estimate"] for f in _features(_render(layer, "kk"))]

    why = t("kpi_estimate_none_too_few_surveys", "kk", needed=survival.MIN_SURVEYS)
    assert shown == [html_escape(why)] * 2


def test_the_map_below_65_percent_draws_only_those_plots(below_engine: Engine) -> None:
    below = StoreSource(below_engine, below_target=True)
    zoomed = mapview.data_layer(below, mapview.View(zoom=13, bbox=BELOW_SEMEY), "en")
    national = mapview.data_layer(below, mapview.View(), "en")

    assert {f["properties"]["id"] for f in _features(_render(zoomed))} == {"BLW-0020", "BLW-0050"}
    regions = _features(_render(national))
    assert [(f["properties"]["t"], f["properties"]["plots"]) for f in regions] == [(region_name("KZ-10", "en"), "2")]
    assert national.total == zoomed.total == 2


# --- the regions under the data (issue 17) -------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_base_map_draws_the_twenty_regions_with_their_names_and_credit(lang: str) -> None:
    html = mapview.base_map(lang).get_root().render()
    regions = _regions(html)

    assert sorted(f["properties"]["code"] for f in regions) == sorted(REGIONS)
    for feature in regions:
        code, name, (lon, lat) = (feature["properties"][k] for k in ("code", "name", "at"))
        assert name == html_escape(region_name(code, lang))
        assert shapely.geometry.shape(feature["geometry"]).contains(shapely.Point(lon, lat))  # the name inside
    assert html_escape(t("map_boundaries_attribution", lang)) in html
    assert "CC BY 4.0" in t("map_boundaries_attribution", lang) and "geoKZ" in t("map_boundaries_attribution", lang)


def test_the_shipped_boundaries_cover_kazakhstan_border_to_border() -> None:
    shapes = [shapely.from_geojson(geometry) for _, geometry, _ in mapview.boundaries()]
    country = shapely.union_all(shapes, grid_size=1e-4)  # the coordinates' precision
    overlaps = sum(a.intersection(b).area for i, a in enumerate(shapes) for b in shapes[i + 1 :])

    assert shapely.bounds(country) == pytest.approx(KAZAKHSTAN_EXTENT, abs=0.1)
    assert overlaps < 1e-4 * country.area  # neighbours share one border: no overlaps ...
    assert sum(len(p.interiors) for p in shapely.get_parts(country)) == 0  # ... and no gaps between them
    assert 50_000 < mapview.BOUNDARIES_FILE.stat().st_size < 160_000
    by_code = {code: shape for (code, _, _), shape in zip(mapview.boundaries(), shapes, strict=True)}
    astana, akmola = by_code["KZ-71"], by_code["KZ-11"]
    inside = astana.representative_point()
    assert not akmola.contains(inside) and any(shapely.Polygon(hole).contains(inside) for hole in akmola.interiors)


def _fills(html: str) -> dict[str, dict]:
    """The fill the rendered data layer paints each region with."""
    found = re.search(r"ormanRegions\.paint\(\{\}\); \} \}\);.*?\}\)\(\w+, ", html, flags=re.DOTALL)
    assert found is not None
    return json.JSONDecoder().raw_decode(html, found.end())[0]


# Four regions with known figures: planted 1000, 400, 200, 100 (of the largest: all, 40 %, 20 %, 10 %), survival
# 80 %, 50 %, 10 % and never surveyed; a fifth without plots.
KNOWN_REGIONS = {
    "region": ["KZ-10", "KZ-11", "KZ-15", "KZ-19", "KZ-23"],
    "plots": [3, 2, 2, 1, 0],
    "planted": [1000, 400, 200, 100, 0],
    "surveyed_planted": [1000, 400, 200, 0, 0],
    "surviving": [800, 200, 20, 0, 0],
    "area_ha": [30.0, 20.0, 20.0, 10.0, 0.0],
    "lon": [80.2, 69.4, 57.2, 77.1, 51.9],
    "lat": [50.4, 53.3, 50.3, 43.9, 47.1],
}


@pytest.mark.parametrize(
    ("colour_by", "expected", "opacity"),
    [
        ("survival", [SURVIVAL_COLOURS[k] for k in ("ok", "mid", "low", "none")], 0.3),
        ("species", list(reversed(PLANTED_COLOURS)), 0.55),
    ],
)
def test_the_regions_are_shaded_by_their_figures(colour_by: str, expected: list[str], opacity: float) -> None:
    import pandas as pd

    layer = mapview.regions_layer(pd.DataFrame(KNOWN_REGIONS), "en", colour_by)  # type: ignore[arg-type]
    fills = _fills(_render(layer))

    assert fills == {
        code: {"fillColor": colour, "fillOpacity": opacity}
        for code, colour in zip(KNOWN_REGIONS["region"], expected, strict=False)
    }  # KZ-23 has no plots: the land's colour stays


def _panels(html: str) -> list[str]:
    """The HTML of every panel (legend, notice) of the rendered map."""
    return [json.loads(text) for text in re.findall(r'div\.innerHTML = ("(?:[^"\\]|\\.)*");', html)]


def test_the_legend_gives_the_bounds_of_the_planted_classes() -> None:
    import pandas as pd

    frame = pd.DataFrame(KNOWN_REGIONS).assign(planted=[8_000_000, 4_000_000, 2_000_000, 1_000_000, 0])
    (legend,) = _panels(_render(mapview.regions_layer(frame, "ru", "species"), "ru"))

    one, two, four = (fmt_compact(v, "ru") for v in (1_000_000, 2_000_000, 4_000_000))
    rows = re.findall(r'<div><i class="orman-swatch" style="background:(#\w+)"></i>([^<]*)</div>', legend)
    assert html_escape(t("map_legend_regions_planted", "ru")) in legend
    assert rows == list(
        zip(PLANTED_COLOURS, [f"≤ {one}", f"{one}–{two}", f"{two}–{four}", f"&gt; {four}"], strict=True)
    )


def test_the_legend_opens_folded_on_a_phone(demo_engine: Engine) -> None:
    html = _render(mapview.data_layer(StoreSource(demo_engine), mapview.View(), "kk"), "kk")

    assert all(panel.startswith("<details open><summary>") for panel in _panels(html))
    assert f"map.getSize().x >= {mapview.LEGEND_FOLD_BELOW_PX};" in html and "folded.open = false;" in html


def test_only_the_national_view_paints_the_regions(demo_engine: Engine) -> None:
    source = StoreSource(demo_engine)
    views = {"regions": mapview.View(), "grid": mapview.View(zoom=8, bbox=SEMEY_BBOX)}
    views["plots"] = mapview.View(zoom=12, bbox=SEMEY_BBOX)

    painted = {
        level: "m.ormanRegions.paint(fills)" in _render(mapview.data_layer(source, view, "en"))
        for level, view in views.items()
    }

    assert painted == {"regions": True, "grid": False, "plots": False}  # zoomed in, the borders alone


INTRANET_TILES = "https://tiles.gov.example.kz/osm/{z}/{x}/{y}.png"


def test_an_intranets_tile_server_replaces_openstreetmap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(mapview.TILES_URL_ENV, INTRANET_TILES)
    monkeypatch.setenv(mapview.TILES_ATTRIBUTION_ENV, "&copy; Kazakhstan's National Cartographic Service")

    html = mapview.base_map("kk").get_root().render()

    assert INTRANET_TILES in html and "National Cartographic Service" in html
    assert "openstreetmap" not in html and "arcgisonline" not in html and "Esri" not in html
    names = [json.dumps(t(key, "kk"))[1:-1] for key in ("map_basemap_tiles", "map_basemap_none")]  # as folium writes
    assert all(name in html for name in names)  # that server, or the regions alone


def test_no_tiles_means_no_tile_layer_and_no_tile_credit(monkeypatch: pytest.MonkeyPatch, demo_engine: Engine) -> None:
    monkeypatch.setenv(mapview.TILES_URL_ENV, "none")

    html = mapview.standalone_map(StoreSource(demo_engine), lang="en")

    assert "L.tileLayer" not in html and "L.control.layers" not in html
    assert "openstreetmap" not in html.casefold() and "Esri" not in html
    assert len(_regions(html)) == len(REGIONS) and html_escape(t("map_boundaries_attribution", "en")) in html


def test_a_tile_url_without_its_placeholders_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(mapview.TILES_URL_ENV, "https://tiles.gov.example.kz/osm.png")

    with pytest.raises(ValueError, match=mapview.TILES_URL_ENV):
        mapview.base_map("en")


def test_the_national_standalone_map_fits_the_country_to_its_window(demo_engine: Engine) -> None:
    national = mapview.standalone_map(StoreSource(demo_engine), lang="en")
    zoomed = mapview.standalone_map(StoreSource(demo_engine), SEMEY_BBOX, 12, "en")

    assert _fitted(national) == pytest.approx(KAZAKHSTAN_EXTENT)
    assert "fitBounds(bounds" not in zoomed  # the zoom asked for is kept
