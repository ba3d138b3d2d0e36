"""The map of Orman's plots at any scale: the one module that builds folium layers.

A map that embeds every polygon is tens of megabytes at the programme's scale, so what is drawn depends on the
zoom: regions (one circle each) at national scale, grid cells of plots at regional scale, and real polygons,
simplified to the zoom's pixel size, only for the plots in the viewport once zoomed in, with a cap and a notice.
The base map (tiles, layer control, styles) never changes with the view, so the app swaps only the data layer.
"""

from __future__ import annotations

import html
import itertools
import json
import math
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal, Protocol

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from branca.element import Element, MacroElement
from folium.template import Template

from geo import assets, progress, species, survival, writeoffs
from geo.columns import PLOT_FIGURES
from geo.i18n import fmt_compact, fmt_day, fmt_int, fmt_ints, fmt_nums, fmt_pcts, fmt_short_range, t
from geo.palette import (
    MAP_BACKGROUND,
    OTHER_COLOUR,
    PLANTED_COLOURS,
    REGION_BORDER,
    REGION_LABEL,
    REGION_LAND,
    SPECIES_COLOURS,
    SURVIVAL_COLOURS,
    WRITTEN_OFF_COLOUR,
)
from geo.programme import KAZAKHSTAN_CENTER, KAZAKHSTAN_EXTENT, SURVIVAL_TARGET, SURVIVAL_WRITE_OFF, BBox
from geo.regions import region_name

ColourBy = Literal["survival", "species"]
Level = Literal["regions", "grid", "plots"]

NATIONAL_ZOOM = 4  # all Kazakhstan in a map 500 px wide
REGIONS_MAX_ZOOM = 6  # regions up to here,
PLOTS_MIN_ZOOM = 11  # grid cells below here, polygons from here on (a 10 ha plot is ~6 px wide at zoom 11)
MAX_PLOTS = 2000  # polygons in one view; more and the view shows these and asks to zoom in
GRID_CELL_PX = 64  # grid cell edge on screen
TILE_PX = 256


ZOOM_SNAP = 0.25  # fitting the country or a region's plots may stop between whole zoom levels
FIT_PADDING_PX = 32  # room around the plots the map is fitted to: a circle at the edge is up to 28 px wide
COUNTRY_PADDING_PX = 6  # and around the country, which a phone's screen barely holds
FIT_MAX_ZOOM = 15  # a region with one small plot is not shown at the tiles' largest zoom

# Kazakhstan's 17 regions and 3 cities, simplified from geoKZ (CC BY 4.0) by scripts/make_boundaries.py: the base
# layer drawn with no tiles at all, under the data layer.
BOUNDARIES_FILE = Path(__file__).resolve().parent / "data" / "regions.geojson"
BOUNDARIES_SOURCE = "https://github.com/arodionoff/geokz"  # credited, with its licence, wherever they are drawn

# The tile server: OpenStreetMap (and Esri's satellite imagery) unless ORMAN_TILES_URL names another, e.g. an
# intranet's own ("https://tiles.example.kz/{z}/{x}/{y}.png", credited as ORMAN_TILES_ATTRIBUTION says), or is
# "none": the regions alone, nothing fetched from anywhere.
TILES_URL_ENV = "ORMAN_TILES_URL"
TILES_ATTRIBUTION_ENV = "ORMAN_TILES_ATTRIBUTION"
TILES_OFF = "none"

OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
SATELLITE_TILES = "https://server.arcgisonline.com/ArcGIS/rest/services/World_Imagery/MapServer/tile/{z}/{y}/{x}"
SATELLITE_ATTRIBUTION = (
    "Tiles &copy; Esri &mdash; Source: Esri, i-cubed, USDA, USGS, AEX, GeoEye, Getmapping, "
    "Aerogrid, IGN, IGP, UPR-EGP, and the GIS User Community"
)


@dataclass(frozen=True)
class Tiles:
    """A tile layer the reader may pick: its URL template, its credit (HTML) and its name's UI string key."""

    url: str
    attribution: str
    name_key: str
    max_zoom: int = 18


DEFAULT_TILES = (
    Tiles(OSM_TILES, OSM_ATTRIBUTION, "map_basemap_osm", max_zoom=19),
    Tiles(SATELLITE_TILES, SATELLITE_ATTRIBUTION, "map_basemap_satellite"),
)


def configured_tiles(environ: Mapping[str, str] = os.environ) -> tuple[Tiles, ...]:
    """The tile layers ``ORMAN_TILES_URL`` asks for: the defaults when it is unset or empty, none for "none", or
    that one server with ``ORMAN_TILES_ATTRIBUTION`` as its credit. A URL without {z}, {x} and {y} is refused."""
    url = environ.get(TILES_URL_ENV, "").strip()
    if not url:
        return DEFAULT_TILES
    if url.casefold() == TILES_OFF:
        return ()
    if not all(part in url for part in ("{z}", "{x}", "{y}")):
        raise ValueError(f"{TILES_URL_ENV} must be a tile URL template with {{z}}, {{x}} and {{y}}, not {url!r}")
    return (Tiles(url, environ.get(TILES_ATTRIBUTION_ENV, "").strip(), "map_basemap_tiles", max_zoom=19),)


# Popup rows under the title (a plot's id and name, a region's name): (UI string key, feature property).
# A plot's three numbers: planted, survival-adjusted (planted x its survival) and the survival with its latest
# survey's date; then what forestry practice asks of it (write-off, gap-filling).
PLOT_FIELDS = (
    ("map_partner", "partner"),
    ("map_species", "species"),
    ("map_planted", "planted"),
    ("map_expected_alive", "alive"),
    ("map_survival", "survival"),
    ("map_flag", "flag"),
    ("map_area", "area_ha"),
    ("col_density", "density"),
    ("map_written_off", "act"),  # the write-off acts of its plantings: number, date, reason
)
REJECTED_FIELDS = (("col_message", "p"),)
NO_FLAG = (None, progress.WRITTEN_OFF)  # a popup's flag row: nothing asked, or a write-off its act row names
AGGREGATE_FIELDS = (
    ("map_plots", "plots"),
    ("map_planted", "planted"),
    ("map_surviving", "surviving"),
    ("map_survival", "survival"),
    ("map_area", "area_ha"),
    ("col_density", "density"),
    ("kpi_estimate", "estimate"),  # a region's estimated surviving trees (or why none) and its 95 % interval
    ("map_estimate_interval", "interval"),
)


@dataclass(frozen=True)
class View:
    """What the map shows: a zoom level and, when known, the viewport's bounds."""

    zoom: int = NATIONAL_ZOOM
    bbox: BBox | None = None

    @property
    def level(self) -> Level:
        return level_for(self.zoom)


@dataclass
class DataLayer:
    """The data drawn for one view, and what a page may say about it."""

    level: Level
    layer: folium.FeatureGroup
    shown: int  # features drawn (regions, cells or plots)
    total: int  # plots the view covers
    notice: str | None  # "zoom in to see all N plots" when the polygons were capped


def level_for(zoom: int) -> Level:
    """Regions at national scale, grid cells at regional scale, polygons once zoomed in."""
    if zoom <= REGIONS_MAX_ZOOM:
        return "regions"
    return "grid" if zoom < PLOTS_MIN_ZOOM else "plots"


def degrees_per_pixel(zoom: int) -> float:
    """Longitude degrees one screen pixel spans at ``zoom`` (Web Mercator)."""
    return 360.0 / (TILE_PX * 2**zoom)


def grid_cell_degrees(zoom: int) -> float:
    """Edge of a grid cell in degrees at ``zoom``: GRID_CELL_PX on screen."""
    return GRID_CELL_PX * degrees_per_pixel(zoom)


def coordinate_decimals(zoom: int) -> int:
    """Decimals that keep rounding below one pixel at ``zoom``."""
    return max(0, math.ceil(-math.log10(degrees_per_pixel(zoom))))


def view_from_bounds(bounds: dict | None, zoom: int | None) -> View:
    """A View from what ``st_folium`` returns (``bounds`` as Leaflet's _southWest/_northEast, ``zoom``).

    Before the browser has reported (or when it reports nothing usable) this is the national view.
    """
    if not zoom:
        return View()
    if bounds is None:
        return View(zoom=int(zoom))
    try:
        sw, ne = bounds["_southWest"], bounds["_northEast"]
        west, south, east, north = (float(sw["lng"]), float(sw["lat"]), float(ne["lng"]), float(ne["lat"]))
    except (KeyError, TypeError, ValueError):
        return View(zoom=int(zoom))
    if any(math.isnan(v) for v in (west, south, east, north)):
        return View(zoom=int(zoom))
    return View(zoom=int(zoom), bbox=(max(west, -180.0), max(south, -90.0), min(east, 180.0), min(north, 90.0)))


def bbox_zoom(bbox: BBox, width_px: int = 1000, height_px: int = 600) -> int:
    """The largest zoom at which ``bbox`` fits in a map of the given size."""
    west, south, east, north = bbox

    def mercator_y(lat: float) -> float:
        lat = math.radians(max(min(lat, 85.0), -85.0))
        return math.log(math.tan(math.pi / 4 + lat / 2)) / (2 * math.pi)

    fractions = ((east - west) / 360.0 / width_px, (mercator_y(north) - mercator_y(south)) / height_px)
    span = max(max(fractions), 1e-12)
    return int(max(0, min(18, math.floor(math.log2(1 / (span * TILE_PX))))))


# --- text ------------------------------------------------------------------------------------------------------


def _esc(value: object) -> str:
    """User text made safe for innerHTML: every popup and tooltip value goes through here."""
    return html.escape("" if value is None else str(value), quote=True)


def _texts(values: pd.Series) -> list[str | None]:
    """User text, escaped; None where empty."""
    return [None if pd.isna(v) or v == "" else _esc(v) for v in values]


_SURVIVAL_KEYS = ("ok", "mid", "low", "none")


def _survival_rates(rows: pd.DataFrame) -> np.ndarray:
    """surviving / surveyed_planted per row; NaN where nothing was surveyed."""
    surveyed = rows["surveyed_planted"].fillna(0).to_numpy(dtype=float)
    surviving = rows["surviving"].fillna(0).to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(surveyed > 0, surviving / surveyed, np.nan)


def _survival_classes(rates: np.ndarray) -> np.ndarray:
    """Index into _SURVIVAL_KEYS for each rate (see survival_class)."""
    return np.select([np.isnan(rates), rates < SURVIVAL_WRITE_OFF, rates < SURVIVAL_TARGET], [3, 2, 1], default=0)


def _figures(rows: pd.DataFrame, rates: np.ndarray, lang: str) -> dict[str, Sequence[str | None]]:
    """The popup's figures, formatted for ``lang``; surviving and survival only where there was a survey, trees
    per hectare where the area is known."""
    surveyed = ~np.isnan(rates)
    surviving = fmt_ints(rows["surviving"].fillna(0), lang)
    survival = fmt_pcts(np.nan_to_num(rates), lang)
    density = progress.density_per_ha(rows["planted"].fillna(0), rows["area_ha"].fillna(0))
    per_ha = fmt_ints(density.fillna(0).round(), lang)
    return {
        "planted": fmt_ints(rows["planted"].fillna(0), lang),
        "surviving": [v if ok else None for v, ok in zip(surviving, surveyed, strict=True)],
        "survival": [v if ok else None for v, ok in zip(survival, surveyed, strict=True)],
        "area_ha": fmt_nums(rows["area_ha"].fillna(0), lang),
        "density": [None if pd.isna(d) else v for v, d in zip(per_ha, density, strict=True)],
    }


def _dated(survival: Sequence[str | None], days: pd.Series, lang: str) -> list[str | None]:
    """Each survival rate with the date of its latest survey, "64,0% (20.09.2025)"; the rate alone without one."""
    shown = {d: fmt_day(d, lang) for d in days.dropna().unique()}  # a few survey days among many plots
    return [
        rate if rate is None or pd.isna(day) else f"{rate} ({shown[day]})"
        for rate, day in zip(survival, days, strict=True)
    ]


def _plot_figures(plots: pd.DataFrame, rates: np.ndarray, lang: str) -> dict[str, Sequence[str | None]]:
    """A plot's popup figures: `_figures`, survival-adjusted (the trees expected alive), the survival dated by its
    latest survey, and its flag in words (none for a plot written off by act: its act says so)."""
    figures = {k: v for k, v in _figures(plots, rates, lang).items() if k != "surviving"}  # alive says it
    alive = progress.expected_alive(plots["planted"].fillna(0).astype("int64"), pd.Series(rates, index=plots.index))
    days = plots["last_survey"] if "last_survey" in plots else pd.Series(None, index=plots.index, dtype=object)
    words = {flag: _esc(t(f"flag_{flag}", lang)) for flag in progress.SURVIVAL_FLAGS}
    return {
        **figures,
        "alive": [None if pd.isna(v) else s for v, s in zip(alive, fmt_ints(alive.fillna(0), lang), strict=True)],
        "survival": _dated(figures["survival"], days, lang),
        "flag": [
            None if f in NO_FLAG else words[f] for f in progress.survival_flags(rates, _wholly_written_off(plots))
        ],
    }


def _estimates(regions: pd.DataFrame, lang: str) -> dict[str, list[str | None]]:
    """Each region's estimated surviving trees (``estimate``) and its 95 % interval (``interval``), or why there is
    none; nothing for a frame without estimates (an upload's preview)."""
    shown: dict[str, list[str | None]] = {"estimate": [None] * len(regions), "interval": [None] * len(regions)}
    if "estimate" not in regions:
        return shown
    columns = regions[["estimate", "estimate_low", "estimate_high", "estimate_reason"]]
    for i, (found, low, high, why) in enumerate(columns.itertuples(index=False)):
        if pd.isna(found):
            reason = survival.TOO_FEW_SURVEYS if pd.isna(why) else why
            shown["estimate"][i] = _esc(t(f"kpi_estimate_none_{reason}", lang, needed=survival.MIN_SURVEYS))
        else:
            shown["estimate"][i] = _esc(fmt_int(int(found), lang))
            shown["interval"][i] = _esc(fmt_short_range(int(low), int(high), lang))
    return shown


def _json_for_script(value: object) -> str:
    """JSON to embed in a <script>: no character that could end the script element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


# --- colours and styles ------------------------------------------------------------------------------------------


def survival_class(rate: float | None) -> str:
    """'ok' (≥ 65 %), 'mid' (25–65 %), 'low' (< 25 %, usually written off) or 'none' (no survey)."""
    return _SURVIVAL_KEYS[int(_survival_classes(np.array([np.nan if rate is None else rate]))[0])]


def species_colours(species: Iterable[str]) -> dict[str, str]:
    """A colour for each of the first len(SPECIES_COLOURS) species (callers pass them most planted first)."""
    return dict(zip(species, SPECIES_COLOURS, strict=False))


def _polygon_style(colour: str) -> dict:
    return {
        "color": colour,
        "weight": 1.5,
        "opacity": 0.9,
        "fillColor": colour,
        "fillOpacity": 0.45,
        "className": "orman-plot",
    }


def _written_off_style() -> dict:
    """A plot whose every planting is written off by act: greyed, its outline dashed."""
    return {**_polygon_style(WRITTEN_OFF_COLOUR), "fillOpacity": 0.2, "dashArray": "4 3", "weight": 2}


def _acts_text(plots: pd.DataFrame, lang: str) -> list[str | None]:
    """Each plot's write-off acts for its popup, one a line (escaped): number, date, reason in ``lang``, and the
    planting when the act names one; None for a plot with none (or a frame without acts: an upload's preview)."""
    if "acts" not in plots:
        return [None] * len(plots)

    def line(act: tuple) -> str:
        _, number, day, reason, latin, planted_on = act
        text = t("map_act", lang, act=number, date=fmt_day(day, lang), reason=writeoffs.reason_name(reason, lang))
        if latin is not None:
            text += f" ({species.species_name(latin, lang)}, {fmt_day(planted_on, lang)})"
        return _esc(text)

    return [None if not isinstance(acts, list) else "<br>".join(map(line, acts)) for acts in plots["acts"]]


def _wholly_written_off(plots: pd.DataFrame) -> np.ndarray:
    """Plots whose every planted tree stands on a planting written off by act."""
    if "written_off" not in plots:
        return np.zeros(len(plots), dtype=bool)
    return writeoffs.wholly(plots["written_off"].to_numpy(), plots["planted"].to_numpy())


def _marker_style(colour: str) -> dict:
    return {
        "color": "#ffffff",
        "weight": 1.5,
        "opacity": 1,
        "fillColor": colour,
        "fillOpacity": 0.8,
        "className": "orman-aggregate",
    }


# --- folium elements ---------------------------------------------------------------------------------------------


# A popup is as wide as its text up to POPUP_MAX_WIDTH_PX and never wider than the map leaves room for: Leaflet's frame
# around the text (margins, border; below, the tip) and the margin it pans the map to keep around the popup. On a map
# narrower than LEGEND_FOLD_BELOW_PX (a phone's is 358 px wide, a popup's table as tall as it) the popup also stays
# clear of the controls at the top and the bottom, scrolling when it is taller than the room between them.
POPUP_MAX_WIDTH_PX = 320
POPUP_FRAME_X_PX = 47
POPUP_FRAME_Y_PX = 48
POPUP_MARGIN_PX = 5


class _Features(MacroElement):
    """GeoJSON features drawn by Leaflet: style by class index ``c``, circle radius ``r`` for points, label ``l``,
    tooltip ``t`` and a popup table of ``fields``. Every string in the data is HTML-escaped already.

    A screen that cannot hover (a phone) gets no tooltips: a tap would open one with the popup and leave it there,
    pointing away from the popup and off the map's edge. A popup fits the map (it pans to show it). The app redraws
    the data layer when the map moves (the popup's own pan may bring a plot into view), which closes the popups of
    the layer it removes: the popup open on a feature the new layer holds too opens again where it was."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function () {
            var styles = {{ this.styles_json }};
            var fields = {{ this.fields_json }};
            var hover = !window.matchMedia("(hover: none)").matches;
            var Popup = L.Popup.extend({
                update: function () {
                    var map = this._map, o = this.options, margin = {{ this.margin }};
                    if (map) {
                        var size = map.getSize(), small = size.x < {{ this.small_below }};
                        var top = small ? controls(map, "top") : 0, bottom = small ? controls(map, "bottom") : 0;
                        o.maxWidth = Math.min({{ this.max_width }}, size.x - {{ this.frame_x }} - 2 * margin);
                        o.maxHeight = small ? size.y - top - bottom - {{ this.frame_y }} - 2 * margin : null;
                        o.autoPanPaddingTopLeft = [margin, top + margin];
                        o.autoPanPaddingBottomRight = [margin, bottom + margin];
                    }
                    return L.Popup.prototype.update.call(this);
                }
            });
            function controls(map, side) {  // the height of the controls in the map's corners on that side
                var corners = map.getContainer().querySelectorAll(".leaflet-" + side);
                return Math.max.apply(null, [0].concat([].map.call(corners, function (c) { return c.offsetHeight; })));
            }
            function title(p) { return p.t || (p.id + (p.name ? " \u2014 " + p.name : "")); }
            function key(f) {  // a plot by its id, a circle (region, grid cell) by its title and where it is
                return title(f.properties) + (f.geometry.type === "Point" ? f.geometry.coordinates : "");
            }
            function popup(p) {
                var rows = "";
                for (var i = 0; i < fields.length; i++) {
                    var value = p[fields[i][1]];
                    if (value !== null && value !== undefined && value !== "") {
                        rows += "<tr><th>" + fields[i][0] + "</th><td>" + value + "</td></tr>";
                    }
                }
                return "<div class=\\"orman-popup\\"><b>" + title(p) + "</b><table>" + rows + "</table></div>";
            }
            function keep(map) {  // the open popup's feature, until the reader (not a redraw) closes it
                if (map._ormanKeeps) { return; }
                map._ormanKeeps = true;
                map.on("popupopen", function (e) {
                    map._ormanKept = e.popup.ormanKey ? {key: e.popup.ormanKey, at: e.popup.getLatLng()} : null;
                });
                map.on("popupclose", function (e) {
                    if (map.hasLayer(e.popup._source)) { map._ormanKept = null; }
                });
            }
            var layer = L.geoJSON({{ this.data_json }}, {
                style: function (f) { return styles[f.properties.c]; },
                pointToLayer: function (f, latlng) {
                    var p = f.properties;
                    var circle = L.circleMarker(latlng, Object.assign({radius: p.r}, styles[p.c]));
                    if (!p.l) { return circle; }
                    var label = L.marker(latlng, {interactive: false, keyboard: false, icon: L.divIcon({
                        className: "orman-count", html: p.l, iconSize: [2 * p.r, 2 * p.r]})});
                    return L.featureGroup([circle, label]);
                },
                onEachFeature: function (f, layer) {
                    if (hover) { layer.bindTooltip(title(f.properties), {sticky: true}); }
                    var shown = new Popup({}, layer).setContent(popup(f.properties));
                    shown.ormanKey = key(f);
                    layer.bindPopup(shown);
                }
            });
            layer.on("add", function () {
                var map = layer._map, kept = map._ormanKept;
                keep(map);
                map._ormanKept = null;
                if (!kept) { return; }
                layer.eachLayer(function (l) { if (l.getPopup().ormanKey === kept.key) { l.openPopup(kept.at); } });
            });
            return layer;
        })();
        {{ this._parent.get_name() }}.addLayer({{ this.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, data_json: str, styles: Sequence[dict], fields: Sequence[tuple[str, str]]) -> None:
        super().__init__()
        self._name = "orman_features"
        self.data_json = data_json
        self.styles_json = _json_for_script(list(styles))
        self.fields_json = _json_for_script([list(f) for f in fields])
        self.max_width = POPUP_MAX_WIDTH_PX
        self.frame_x = POPUP_FRAME_X_PX
        self.frame_y = POPUP_FRAME_Y_PX
        self.margin = POPUP_MARGIN_PX
        self.small_below = LEGEND_FOLD_BELOW_PX


class _Panel(MacroElement):
    """A Leaflet control (legend, notice) that comes and goes with its feature group: when the app swaps the data
    layer, the old layer's panels leave with it."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.control({position: {{ this.position_json }}});
        {{ this.get_name() }}.onAdd = function (map) {
            var div = L.DomUtil.create("div", {{ this.css_class_json }});
            div.innerHTML = {{ this.html_json }};
            var folded = div.querySelector("details"), wide = true;
            this._fold = function () {  // on becoming narrow: the reader may open it again
                var now = map.getSize().x >= {{ this.fold_below_px }};
                if (folded && wide && !now) { folded.open = false; }
                wide = now;
            };
            this._fold();
            map.on("resize", this._fold);
            L.DomEvent.disableClickPropagation(div);
            return div;
        };
        {{ this.get_name() }}.onRemove = function (map) { map.off("resize", this._fold); };
        {{ this._parent.get_name() }}.on("add", function (e) { {{ this.get_name() }}.addTo(e.target._map); });
        {{ this._parent.get_name() }}.on("remove", function () { {{ this.get_name() }}.remove(); });
        if ({{ this._parent.get_name() }}._map) { {{ this.get_name() }}.addTo({{ this._parent.get_name() }}._map); }
        {% endmacro %}
        """
    )

    def __init__(self, html_text: str, css_class: str, position: str) -> None:
        super().__init__()
        self._name = "orman_panel"
        self.fold_below_px = LEGEND_FOLD_BELOW_PX
        self.html_json = _json_for_script(html_text)
        self.css_class_json = _json_for_script(css_class)
        self.position_json = _json_for_script(position)


LEGEND_FOLD_BELOW_PX = 560  # on a map narrower than this (a phone) the legend opens folded, its title alone


class _Regions(MacroElement):
    """The regions under the data layer (their own panes: fills and borders below the data, names between), each
    with its name at its label point, names that would overlap a bigger region's hidden at each zoom. The map
    gets ``ormanRegions.paint(fills)``: region code -> fill style, which a data layer calls (``_RegionFill``)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
            map.createPane("ormanRegions").style.zIndex = 350;
            var names = map.createPane("ormanRegionNames");
            names.style.zIndex = 380;
            names.style.pointerEvents = "none";
            var base = {{ this.style_json }};
            var layer = L.geoJSON({{ this.data_json }}, {
                pane: "ormanRegions",
                attribution: {{ this.attribution_json }},
                style: function () { return base; },
                onEachFeature: function (f, l) { l.bindTooltip(f.properties.name, {sticky: true}); }
            }).addTo(map);
            var labels = [];
            layer.eachLayer(function (l) {
                var p = l.feature.properties;
                labels.push(L.marker([p.at[1], p.at[0]], {pane: "ormanRegionNames", interactive: false, keyboard: false,
                    icon: L.divIcon({className: "orman-region-name", html: "<span>" + p.name + "</span>",
                                     iconSize: null})}).addTo(map));
            });
            function place() {
                var shown = [];
                labels.forEach(function (marker) {
                    var element = marker.getElement();
                    element.style.visibility = "";
                    var r = element.firstChild.getBoundingClientRect();
                    var clash = shown.some(function (o) {
                        return r.left < o.right && o.left < r.right && r.top < o.bottom && o.top < r.bottom;
                    });
                    if (clash) { element.style.visibility = "hidden"; } else { shown.push(r); }
                });
            }
            map.on("zoomend resize", place);
            map.whenReady(place);
            map.ormanRegions = {
                paint: function (fills) {
                    layer.eachLayer(function (l) {
                        l.setStyle(Object.assign({}, base, fills[l.feature.properties.code] || {}));
                    });
                }
            };
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, lang: str) -> None:
        super().__init__()
        self._name = "orman_regions"
        features = [
            (shape, {"code": code, "name": _esc(region_name(code, lang)), "at": label})
            for code, shape, label in boundaries()
        ]
        self.data_json = _feature_collection([g for g, _ in features], [p for _, p in features])
        self.style_json = _json_for_script(REGION_STYLE)
        credit = _esc(t("map_boundaries_attribution", lang))
        self.attribution_json = _json_for_script(f'<a href="{BOUNDARIES_SOURCE}">{credit}</a>')


@cache
def boundaries() -> tuple[tuple[str, str, tuple[float, float]], ...]:
    """Each region's (code, GeoJSON geometry, label point as lon, lat) from BOUNDARIES_FILE, largest first: the
    order in which names are placed, so a city's name gives way to its region's where they would overlap."""
    features = json.loads(BOUNDARIES_FILE.read_text(encoding="utf-8"))["features"]
    area = {f["properties"]["region"]: shapely.area(shapely.geometry.shape(f["geometry"])) for f in features}
    ordered = sorted(features, key=lambda f: -area[f["properties"]["region"]])
    return tuple(
        (
            f["properties"]["region"],
            json.dumps(f["geometry"], separators=(",", ":")),
            (float(f["properties"]["label"][0]), float(f["properties"]["label"][1])),
        )
        for f in ordered
    )


class _RegionFill(MacroElement):
    """Paints the base map's regions (``_Regions``) with ``fills`` while its feature group is on the map."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (group, fills) {
            var map = null;
            function paint(m) { map = m; if (m.ormanRegions) { m.ormanRegions.paint(fills); } }
            group.on("add", function (e) { paint(e.target._map); });
            group.on("remove", function () { if (map && map.ormanRegions) { map.ormanRegions.paint({}); } });
            if (group._map) { paint(group._map); }
        })({{ this._parent.get_name() }}, {{ this.fills_json }});
        {% endmacro %}
        """
    )

    def __init__(self, fills: Mapping[str, dict]) -> None:
        super().__init__()
        self._name = "orman_region_fill"
        self.fills_json = _json_for_script(dict(fills))


class _Fit(MacroElement):
    """Fits the map to ``bbox`` (with ``padding`` pixels around) when its feature group is added, once per bbox: the
    data layer of every rerun carries it, and the map moves only when what it is to show changes (the country,
    the filtered regions' plots), whatever the width of the screen. A map resized (a phone turned) fits again
    while the reader has not moved it."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (group, key, bounds) {
            var options = {padding: [{{ this.padding }}, {{ this.padding }}], maxZoom: {{ this.max_zoom }},
                           animate: false};
            function refit(map) {
                map.fitBounds(bounds, options);
                map._ormanFitted = {zoom: map.getZoom(), center: map.getCenter(), refit: refit};
            }
            function fit(map) {
                if (map._ormanFit === key) { return; }
                map._ormanFit = key;
                refit(map);
                if (map._ormanRefits) { return; }
                map._ormanRefits = true;  // a resized map fits again, unless the reader has moved it since
                map.on("resize", function () {
                    var f = map._ormanFitted, middle = map.getSize().divideBy(2);
                    if (map.getZoom() === f.zoom && map.latLngToContainerPoint(f.center).distanceTo(middle) < 2) {
                        f.refit(map);
                    }
                });
            }
            group.on("add", function (e) { fit(e.target._map); });
            if (group._map) { fit(group._map); }
        })({{ this._parent.get_name() }}, {{ this.key_json }}, {{ this.bounds_json }});
        {% endmacro %}
        """
    )

    def __init__(self, bbox: BBox, padding: int = FIT_PADDING_PX) -> None:
        super().__init__()
        self._name = "orman_fit"
        west, south, east, north = bbox
        self.key_json = _json_for_script(f"{west:.5f},{south:.5f},{east:.5f},{north:.5f}")
        self.bounds_json = _json_for_script([[south, west], [north, east]])
        self.padding = padding
        self.max_zoom = FIT_MAX_ZOOM


_STYLE = f"""
<style>
div.leaflet-container {{ background: {MAP_BACKGROUND}; }}
.leaflet-pane .orman-count {{ display: flex; align-items: center; justify-content: center; color: #fff;
  font: 600 11px/1 system-ui, sans-serif; white-space: nowrap; pointer-events: none;
  text-shadow: 0 0 2px rgba(0,0,0,.9), 0 0 1px rgba(0,0,0,.9); }}
.orman-legend, .orman-notice {{ background: rgba(255,255,255,.94); padding: 6px 10px; border-radius: 6px;
  box-shadow: 0 1px 4px rgba(0,0,0,.25); font: 12px/1.4 system-ui, sans-serif; color: #1b2b1f; }}
.orman-legend i {{ display: inline-block; width: 11px; height: 11px; border-radius: 50%; margin-right: 6px;
  vertical-align: -1px; }}
.orman-legend i.orman-swatch {{ border-radius: 2px; border: 1px solid {REGION_BORDER}; }}
.orman-legend summary {{ cursor: pointer; font-weight: 600; }}
.orman-legend .orman-legend-section {{ margin-top: 4px; font-weight: 600; }}
.leaflet-pane .orman-region-name span {{ position: absolute; transform: translate(-50%, -50%); width: max-content;
  max-width: 9em; text-align: center; color: {REGION_LABEL}; font: 500 11px/1.15 system-ui, sans-serif;
  text-shadow: 0 0 2px #fff, 0 0 2px #fff, 0 0 3px #fff; }}
@media (max-width: 560px) {{ .orman-legend {{ font-size: 11px; padding: 4px 8px; max-width: 62vw; }}
  .leaflet-pane .orman-region-name span {{ font-size: 10px; }} }}
.orman-notice {{ background: #fff8e1; border: 1px solid #f0a202; font-weight: 600; max-width: 320px; }}
.orman-popup table {{ border-collapse: collapse; margin-top: 4px; }}
.orman-popup th {{ text-align: left; font-weight: 500; color: #5b6b5e; padding: 1px 10px 1px 0; }}
.orman-popup td {{ text-align: right; padding: 1px 0; }}
.orman-popup .orman-problems {{ text-align: left; min-width: 220px; }}
/* the scale in metres only; on a narrow map above the attribution, which then spans the bottom in two lines */
.leaflet-control-scale-line:not(:first-child) {{ display: none; }}
@media (max-width: 560px) {{ .leaflet-bottom.leaflet-left .leaflet-control-scale {{ margin-bottom: 34px; }}
  .leaflet-control-attribution {{ font-size: 10px; line-height: 1.3; }} }}
</style>
"""


def base_map(
    lang: str = "ru",
    center: tuple[float, float] = KAZAKHSTAN_CENTER,
    zoom: int = NATIONAL_ZOOM,
    tiles: Sequence[Tiles] | None = None,
) -> folium.Map:
    """The stable part of the map: the regions with their names (drawn with no tiles at all), the tile layers
    (``tiles``, by default those ORMAN_TILES_URL configures) with their credit shown only while one is, a choice
    of "regions only" among them, the styles of the data layers, and Leaflet from Orman's own files. It does not
    depend on the data."""
    tiles = configured_tiles() if tiles is None else tiles
    m = folium.Map(
        location=list(center),
        zoom_start=zoom,
        tiles=None,
        control_scale=True,
        max_zoom=18,
        min_zoom=3,
        world_copy_jump=False,
        zoom_snap=ZOOM_SNAP,
    )
    for i, layer in enumerate(tiles):
        name = t(layer.name_key, lang)
        folium.TileLayer(
            layer.url, attr=layer.attribution, name=name, max_zoom=layer.max_zoom, show=i == 0, overlay=False
        ).add_to(m)
    if tiles:
        folium.FeatureGroup(name=t("map_basemap_none", lang), overlay=False, show=False).add_to(m)
        folium.LayerControl(position="topright", collapsed=True).add_to(m)
    m.add_child(_Regions(lang), name="orman_regions")
    assets.page(m).header.add_child(Element(_STYLE), name="orman_map_style")
    return assets.use_app_assets(m)


# --- data layers -------------------------------------------------------------------------------------------------


def _feature_collection(geometries: Sequence[str], properties: Iterable[dict]) -> str:
    """A FeatureCollection string from GeoJSON geometry strings and property dicts, safe inside <script>."""
    features = ",".join(
        f'{{"type":"Feature","geometry":{g},"properties":{_json_for_script(p)}}}'
        for g, p in zip(geometries, properties, strict=True)
    )
    return f'{{"type":"FeatureCollection","features":[{features}]}}'


def _labels(fields: Sequence[tuple[str, str]], lang: str) -> list[tuple[str, str]]:
    return [(_esc(t(key, lang)), prop) for key, prop in fields]


def _legend_row(colour: str, text: str, swatch: bool = False) -> str:
    mark = ' class="orman-swatch"' if swatch else ""
    return f'<div><i{mark} style="background:{colour}"></i>{_esc(text)}</div>'


def _legend_html(lang: str, colour_by: ColourBy, palette: dict[str, str], sized: bool, regions: str = "") -> str:
    """The legend, folded up on a phone: what the colours (and, with ``sized``, the sizes) mean, then what the
    regions' fill means (``regions``, HTML)."""
    row = _legend_row

    if colour_by == "species" and not sized:
        rows = [row(colour, species.species_name(name, lang)) for name, colour in palette.items()]
        rows.append(row(OTHER_COLOUR, t("map_species_other", lang)))
        title = t("map_legend_species", lang)
    else:
        rows = [row(SURVIVAL_COLOURS[k], t(f"map_survival_{k}", lang)) for k in ("ok", "mid", "low", "none")]
        title = t("map_legend_survival", lang)
    if not sized:  # plots: those written off by act are greyed
        rows.append(row(WRITTEN_OFF_COLOUR, t("map_legend_written_off", lang), swatch=True))
    size = f'<div class="orman-legend-size">{_esc(t("map_size_planted", lang))}</div>' if sized else ""
    return f"<details open><summary>{_esc(title)}</summary>{''.join(rows)}{size}{regions}</details>"


LABEL_CHAR_PX = 5.0  # a character of a circle's label (600 11px system-ui), a little under its width: the text
# shadow keeps a label readable when it reaches a pixel or two past the edge


def _radii(planted: pd.Series) -> np.ndarray:
    """Circle radius in pixels, its area proportional to the trees planted (6 to 28 px)."""
    values = planted.fillna(0).to_numpy(dtype=float)
    top = values.max() if len(values) and values.max() > 0 else 1.0
    return np.round(6 + 22 * np.sqrt(values / top), 1)


def _aggregate_layer(
    rows: pd.DataFrame,
    titles: Sequence[str],
    labels: Sequence[str],
    level: Level,
    lang: str,
    colour_by: ColourBy,
    estimates: dict[str, list[str | None]] | None = None,
    regions_legend: str = "",
) -> folium.FeatureGroup:
    """Circles sized by planted and coloured by survival, one per region or grid cell; a region's popup also holds
    its ``estimates`` line, and ``regions_legend`` says what the regions' fill means."""
    rates = _survival_rates(rows)
    radii = _radii(rows["planted"]).tolist()
    # A label wider than its circle would spill over its neighbours: small circles keep the figure for the tooltip.
    shown = [_esc(label) if len(label) * LABEL_CHAR_PX <= 2 * r else "" for label, r in zip(labels, radii, strict=True)]
    columns = {
        "c": _survival_classes(rates).tolist(),
        "r": radii,
        "t": [_esc(v) for v in titles],
        "l": shown,
        "plots": fmt_ints(rows["plots"], lang),
        **_figures(rows, rates, lang),
        **(estimates or {"estimate": [None] * len(rows), "interval": [None] * len(rows)}),
    }
    properties = [dict(zip(columns, values, strict=True)) for values in zip(*columns.values(), strict=True)]
    lons, lats = np.round(rows["lon"].to_numpy(dtype=float), 4), np.round(rows["lat"].to_numpy(dtype=float), 4)
    geometries = [f'{{"type":"Point","coordinates":[{x},{y}]}}' for x, y in zip(lons, lats, strict=True)]
    styles = [_marker_style(SURVIVAL_COLOURS[k]) for k in _SURVIVAL_KEYS]
    fg = folium.FeatureGroup(name=level, control=False)
    fg.add_child(_Features(_feature_collection(geometries, properties), styles, _labels(AGGREGATE_FIELDS, lang)))
    legend = _legend_html(lang, colour_by, {}, sized=True, regions=regions_legend)
    fg.add_child(_Panel(legend, "orman-legend", "bottomright"))
    return fg


def regions_layer(regions: pd.DataFrame, lang: str = "ru", colour_by: ColourBy = "survival") -> DataLayer:
    """One circle per region with plots, where its plots are: columns region, plots, planted, surviving,
    surveyed_planted, area_ha, lon, lat (mean centre of the region's plots), and optionally the region's estimate
    (estimate, estimate_low, estimate_high, estimate_reason: geo.viewport.region_aggregates)."""
    rows = regions[regions["plots"] > 0]
    titles = [region_name(code, lang) for code in rows["region"]]
    labels = [fmt_compact(int(v), lang) for v in rows["planted"].fillna(0)]
    legend = _fill_legend(rows, colour_by, lang)
    fg = _aggregate_layer(rows, titles, labels, "regions", lang, colour_by, _estimates(rows, lang), legend)
    fills = region_fills(rows, colour_by)
    opacity = REGION_FILL_OPACITY[colour_by]
    fg.add_child(_RegionFill({code: {"fillColor": c, "fillOpacity": opacity} for code, c in fills.items()}))
    return DataLayer("regions", fg, shown=len(rows), total=int(rows["plots"].sum()), notice=None)


# The regions' fill: by survival when the map colours by survival, else by the trees planted, in classes of the
# largest region's figure (up to an eighth, a quarter, a half, more).
PLANTED_SHARES = (0.125, 0.25, 0.5)
REGION_FILL_OPACITY: dict[ColourBy, float] = {"survival": 0.3, "species": 0.55}
REGION_STYLE = {
    "color": REGION_BORDER,
    "weight": 1,
    "opacity": 0.9,
    "fillColor": REGION_LAND,
    "fillOpacity": 0.35,
    "className": "orman-region",
}


def planted_classes(planted: pd.Series) -> np.ndarray:
    """Index into PLANTED_COLOURS for each figure: its share of the largest one against PLANTED_SHARES."""
    values = planted.fillna(0).to_numpy(dtype=float)
    top = values.max() if len(values) and values.max() > 0 else 1.0
    return np.digitize(values / top, PLANTED_SHARES, right=True)


def region_fills(regions: pd.DataFrame, colour_by: ColourBy = "survival") -> dict[str, str]:
    """Each region's fill colour (columns as for regions_layer; regions without plots keep the land's): its
    survival class when colouring by survival, else its class of trees planted."""
    rows = regions[regions["plots"] > 0]
    if colour_by == "survival":
        colours = [SURVIVAL_COLOURS[_SURVIVAL_KEYS[i]] for i in _survival_classes(_survival_rates(rows))]
    else:
        colours = [PLANTED_COLOURS[i] for i in planted_classes(rows["planted"])]
    return dict(zip(rows["region"], colours, strict=True))


def _fill_legend(regions: pd.DataFrame, colour_by: ColourBy, lang: str) -> str:
    """What the regions' fill means, for the legend: the survival classes' (named above it), or the bounds of
    each class of trees planted."""
    if colour_by == "survival":
        return f'<div class="orman-legend-section">{_esc(t("map_legend_regions_survival", lang))}</div>'
    planted = regions["planted"].fillna(0)
    top = float(planted.max()) if len(planted) else 0.0
    bounds = [fmt_compact(top * share, lang) for share in PLANTED_SHARES]
    texts = [f"≤ {bounds[0]}", *(f"{a}–{b}" for a, b in itertools.pairwise(bounds)), f"> {bounds[-1]}"]
    rows = "".join(_legend_row(c, text, swatch=True) for c, text in zip(PLANTED_COLOURS, texts, strict=True))
    return f'<div class="orman-legend-section">{_esc(t("map_legend_regions_planted", lang))}</div>{rows}'


def grid_layer(cells: pd.DataFrame, lang: str = "ru", colour_by: ColourBy = "survival") -> DataLayer:
    """One circle per grid cell with plots, labelled with its number of plots: columns lon, lat (mean position of
    the cell's plots), plots, planted, surviving, surveyed_planted, area_ha."""
    rows = cells[cells["plots"] > 0]
    titles = [t("map_cell_title", lang, plots=n) for n in fmt_ints(rows["plots"], lang)]
    labels = [fmt_compact(int(n), lang) for n in rows["plots"]]
    fg = _aggregate_layer(rows, titles, labels, "grid", lang, colour_by)
    return DataLayer("grid", fg, shown=len(rows), total=int(rows["plots"].sum()), notice=None)


def simplify_for_zoom(geometries: gpd.GeoSeries | np.ndarray, zoom: int) -> np.ndarray:
    """Geometries simplified to half a pixel at ``zoom`` and rounded to the decimals that zoom needs."""
    values = geometries.values if isinstance(geometries, gpd.GeoSeries) else geometries
    simplified = shapely.simplify(np.asarray(values), degrees_per_pixel(zoom) / 2, preserve_topology=True)
    decimals = coordinate_decimals(zoom)
    return shapely.transform(simplified, lambda coords: np.round(coords, decimals))


def plots_layer(
    plots: gpd.GeoDataFrame,
    zoom: int,
    lang: str = "ru",
    colour_by: ColourBy = "survival",
    total: int | None = None,
    palette: dict[str, str] | None = None,
) -> DataLayer:
    """Polygons of the plots in view, simplified for ``zoom``, with escaped popups.

    ``plots``: plot_id, name, partner, species (text, main species first), planted, surviving, surveyed_planted,
    area_ha, geometry, and optionally last_survey (the date of its latest survey). ``total``: plots in the view when
    ``plots`` holds only the first MAX_PLOTS of them; the map then says how many there are and asks to zoom in.
    ``palette``: species -> colour when colouring by species.
    """
    total = len(plots) if total is None else total
    palette = palette or {}
    rates = _survival_rates(plots)
    if colour_by == "species":
        colours = [*palette.values(), OTHER_COLOUR]
        main = plots["species"].fillna("").astype(str).str.split(", ").str[0]
        classes = main.map({name: i for i, name in enumerate(palette)}).fillna(len(palette)).astype(int).tolist()
    else:
        colours = [SURVIVAL_COLOURS[k] for k in _SURVIVAL_KEYS]
        classes = _survival_classes(rates).tolist()
    classes = np.where(_wholly_written_off(plots), len(colours), classes).tolist()
    columns = {
        "c": classes,
        "id": _texts(plots["plot_id"]),
        "name": _texts(plots["name"]),
        "partner": _texts(plots["partner"]),
        "species": _texts(plots["species"].map(lambda v: v if pd.isna(v) else species.listed_names(v, lang))),
        **_plot_figures(plots, rates, lang),
        "act": _acts_text(plots, lang),
    }
    properties = [dict(zip(columns, values, strict=True)) for values in zip(*columns.values(), strict=True)]
    geometries = shapely.to_geojson(simplify_for_zoom(plots.geometry, zoom)).tolist()
    fg = folium.FeatureGroup(name="plots", control=False)
    styles = [*(_polygon_style(colour) for colour in colours), _written_off_style()]
    fg.add_child(_Features(_feature_collection(geometries, properties), styles, _labels(PLOT_FIELDS, lang)))
    fg.add_child(_Panel(_legend_html(lang, colour_by, palette, sized=False), "orman-legend", "bottomright"))
    notice = None
    if total > len(plots):
        shown, everything = fmt_ints([len(plots), total], lang)
        notice = t("map_notice_capped", lang, shown=shown, total=everything)
        fg.add_child(_Panel(_esc(notice), "orman-notice", "topleft"))
    return DataLayer("plots", fg, shown=len(plots), total=total, notice=notice)


REJECTED_COLOUR = "#c62828"  # features an upload refuses
REJECTED_MARKER_PX = 8


def rejected_layer(features: gpd.GeoDataFrame, lang: str = "ru") -> folium.FeatureGroup:
    """Features an upload refuses, in red, each with its problems in the popup (every text escaped here).

    ``features``: ``title`` (e.g. "Feature 3 · SEM-0002"), ``problems`` (a list of messages), ``geometry``.
    """
    properties = [
        {"c": 0, "r": REJECTED_MARKER_PX, "t": _esc(title), "p": _problems_html(problems)}
        for title, problems in zip(features["title"], features["problems"], strict=True)
    ]
    # Each shape with a marker at a point inside it: a plot of a few hectares stays visible on a map of the region.
    shapes = features.geometry.to_numpy()
    marked = shapely.geometrycollections([[shape, shapely.point_on_surface(shape)] for shape in shapes])
    geometries = shapely.to_geojson(marked).tolist()
    fg = folium.FeatureGroup(name="rejected", control=False)
    styles = [_polygon_style(REJECTED_COLOUR)]
    fg.add_child(_Features(_feature_collection(geometries, properties), styles, _labels(REJECTED_FIELDS, lang)))
    return fg


def _problems_html(problems: Sequence[str]) -> str:
    """The messages, escaped, one per line, left-aligned in the popup."""
    return f'<div class="orman-problems">{"<br>".join(_esc(m) for m in problems)}</div>'


# --- what to draw for a view ---------------------------------------------------------------------------------------


class MapSource(Protocol):
    """Where the map's figures come from: the store (computed in the database) or a frame of plots (a preview)."""

    def regions(self) -> pd.DataFrame:
        """Per region: region, plots, planted, surviving, surveyed_planted, area_ha, lon, lat; optionally estimate,
        estimate_low, estimate_high, estimate_reason (the region's estimated surviving trees)."""

    def grid(self, bbox: BBox | None, cell: float) -> pd.DataFrame:
        """Per ``cell``-degree grid cell holding plot centres in ``bbox``: lon, lat (mean of the centres), plots,
        planted, surviving, surveyed_planted, area_ha."""

    def plots(self, bbox: BBox, limit: int) -> tuple[gpd.GeoDataFrame, int]:
        """Up to ``limit`` plots intersecting ``bbox`` (columns as for plots_layer) and how many intersect it."""

    def species_ranking(self) -> list[str]:
        """Species, most planted first."""


_SUMS = (*PLOT_FIGURES, "area_ha")


class FrameSource:
    """A MapSource over a GeoDataFrame of plots (columns as for plots_layer, figures optional): for plots that are
    not in the store yet, such as the upload preview's."""

    def __init__(self, plots: gpd.GeoDataFrame) -> None:
        frame = plots.to_crs(4326) if plots.crs is not None else plots
        for column in ("name", "partner", "species"):
            if column not in frame:
                frame = frame.assign(**{column: None})
        for column in PLOT_FIGURES:
            if column not in frame:
                frame = frame.assign(**{column: 0})
        centres = shapely.centroid(frame.geometry.values)
        self.frame = frame.assign(lon=shapely.get_x(centres), lat=shapely.get_y(centres))

    def _aggregate(self, frame: pd.DataFrame, keys: list) -> pd.DataFrame:
        grouped = frame.groupby(keys, sort=True)
        out = grouped[list(_SUMS)].sum()
        out["plots"] = grouped.size()
        out["lon"] = grouped["lon"].mean()
        out["lat"] = grouped["lat"].mean()
        return out.reset_index(drop=not isinstance(keys[0], str))

    def regions(self) -> pd.DataFrame:
        return self._aggregate(self.frame, ["region"])

    def grid(self, bbox: BBox | None, cell: float) -> pd.DataFrame:
        frame = self.frame
        if bbox is not None:
            west, south, east, north = bbox
            frame = frame[frame["lon"].between(west, east) & frame["lat"].between(south, north)]
        keys = [np.floor(frame["lon"] / cell).rename("gx"), np.floor(frame["lat"] / cell).rename("gy")]
        return self._aggregate(frame, keys)

    def plots(self, bbox: BBox, limit: int) -> tuple[gpd.GeoDataFrame, int]:
        hits = self.frame.iloc[self.frame.sindex.query(shapely.box(*bbox), predicate="intersects")]
        ordered = hits.sort_values(["area_ha", "plot_id"], ascending=[False, True])
        return ordered.head(limit), len(hits)

    def species_ranking(self) -> list[str]:
        main = self.frame["species"].dropna().astype(str).str.split(", ").str[0]
        planted = self.frame.loc[main.index, "planted"]
        return planted.groupby(main).sum().sort_values(ascending=False, kind="stable").index.tolist()


def data_layer(
    source: MapSource, view: View, lang: str = "ru", colour_by: ColourBy = "survival", max_plots: int = MAX_PLOTS
) -> DataLayer:
    """The data layer for ``view``: regions, grid cells or the plots in the viewport (capped at ``max_plots``)."""
    level = view.level
    if level == "regions" or view.bbox is None:
        layer = regions_layer(source.regions(), lang, colour_by)
    elif level == "grid":
        cell = grid_cell_degrees(view.zoom)
        west, south, east, north = view.bbox
        padded = (west - cell, south - cell, east + cell, north + cell)
        layer = grid_layer(source.grid(padded, cell), lang, colour_by)
    else:
        plots, total = source.plots(view.bbox, max_plots)
        palette = species_colours(source.species_ranking()) if colour_by == "species" else None
        layer = plots_layer(plots, view.zoom, lang, colour_by, total=total, palette=palette)
    if layer.total == 0:
        layer.notice = t("map_no_plots", lang)
        layer.layer.add_child(_Panel(_esc(layer.notice), "orman-notice", "topleft"))
    return layer


def app_map(
    source: MapSource, view: View, lang: str = "ru", colour_by: ColourBy = "survival", focus: BBox | None = None
) -> tuple[folium.Map, folium.FeatureGroup]:
    """What the app's map page passes to ``st_folium``: (base map, data layer), and no center or zoom.

    The base map is the same on every rerun, so streamlit-folium keeps it mounted and swaps only the data
    layer (``feature_group_to_add``). The data layer fits the map to all Kazakhstan, or to ``focus`` (e.g. the
    bounds of the filtered regions' plots), in the browser, which knows the map's width; it moves the map only
    when that changes, so the reader's own panning and zooming stay.
    """
    layer = data_layer(source, view, lang, colour_by).layer
    layer.add_child(_Fit(focus) if focus else _Fit(KAZAKHSTAN_EXTENT, COUNTRY_PADDING_PX))
    return base_map(lang), layer


def standalone_map(
    source: MapSource,
    bbox: BBox | None = None,
    zoom: int | None = None,
    lang: str = "ru",
    colour_by: ColourBy = "survival",
) -> str:
    """The app's map for ``bbox`` (all Kazakhstan by default) at ``zoom`` (the zoom that fits ``bbox`` by
    default, fitted in the browser to the window it opens in) as one self-contained HTML file: Leaflet and the
    regions inlined, opens offline (tiles when online)."""
    bbox = bbox or KAZAKHSTAN_EXTENT
    layer = data_layer(source, View(zoom=bbox_zoom(bbox) if zoom is None else zoom, bbox=bbox), lang, colour_by)
    west, south, east, north = bbox
    m = base_map(lang, center=((south + north) / 2, (west + east) / 2), zoom=bbox_zoom(bbox) if zoom is None else zoom)
    if zoom is None:
        layer.layer.add_child(_Fit(bbox, COUNTRY_PADDING_PX if bbox == KAZAKHSTAN_EXTENT else FIT_PADDING_PX))
    layer.layer.add_to(m)
    return assets.standalone_html(m)
