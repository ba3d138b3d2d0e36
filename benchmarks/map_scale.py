"""The map at the programme's scale: 100 000 plots, a naive folium page against Orman's national and city views.

Imports the DEMO generator's plots and its latest plantings spreadsheet through the store into a temporary SQLite
file, then builds, in the same run:
- naive: every plot as one folium.GeoJson layer (style by survival, tooltip, popup), as a first map page would;
- national: Orman's map at national zoom (region aggregates);
- zoomed: Orman's map of a city-size view (the DEMO Semey ribbon pine forest plots, ~21 x 18 km) at zoom 12;
- widest: the widest view that still draws polygons (zoom 11, ~65 x 65 km around Semey), over the polygon cap.
Sizes are the bytes of the HTML page the browser receives (Leaflet itself is a separate, cached file: its size is
given once; ``standalone_bytes`` is the `geo map --out` file with Leaflet inside). Times are wall-clock seconds
from the store to the HTML string, queries included.

Run: python benchmarks/map_scale.py [--plots N]   (prints one JSON line)
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import folium

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo import assets, db, demo, mapview, store
from geo.programme import KAZAKHSTAN_CENTER
from geo.viewport import StoreSource, plots_in_bbox

PLOTS = 100_000
DEMO_DAY = date(2026, 11, 1)
CITY_BBOX = (79.80, 50.22, 80.10, 50.38)
CITY_ZOOM = 12
WIDE_BBOX = (79.50, 50.00, 80.40, 50.60)
WORLD = (-180.0, -90.0, 180.0, 90.0)


def _naive(engine) -> tuple[str, float]:
    start = time.perf_counter()
    plots, _ = plots_in_bbox(engine, WORLD, limit=10**9)
    plots = plots[
        ["plot_id", "name", "partner", "species", "planted", "surviving", "surveyed_planted", "area_ha", "geometry"]
    ]

    def style(feature: dict) -> dict:
        p = feature["properties"]
        rate = p["surviving"] / p["surveyed_planted"] if p["surveyed_planted"] else None
        colour = mapview.SURVIVAL_COLOURS[mapview.survival_class(rate)]
        return {"color": colour, "fillColor": colour, "weight": 1}

    m = folium.Map(location=list(KAZAKHSTAN_CENTER), zoom_start=mapview.NATIONAL_ZOOM)
    folium.GeoJson(
        plots,
        style_function=style,
        tooltip=folium.GeoJsonTooltip(["plot_id", "name"]),
        popup=folium.GeoJsonPopup(["plot_id", "partner", "species", "planted", "surviving", "area_ha"]),
    ).add_to(m)
    html = m.get_root().render()
    return html, time.perf_counter() - start


def _orman(engine, view: mapview.View) -> tuple[str, float, mapview.DataLayer]:
    start = time.perf_counter()
    source = StoreSource(engine)
    layer = mapview.data_layer(source, view, "ru")
    m = mapview.base_map("ru")
    layer.layer.add_to(m)
    html = m.get_root().render()
    return html, time.perf_counter() - start, layer


def _figures(html: str, seconds: float, layer: mapview.DataLayer | None = None) -> dict:
    figures = {"bytes": len(html.encode("utf-8")), "build_s": round(seconds, 3)}
    if layer is not None:
        figures.update(level=layer.level, features=layer.shown, plots_in_view=layer.total)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plots", type=int, default=PLOTS)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        engine = db.create_engine(f"sqlite:///{Path(folder) / 'orman.sqlite'}")
        files = demo.generate(args.plots, today=DEMO_DAY)
        start = time.perf_counter()
        # The plots, then the latest cumulative plantings spreadsheet (it holds every planting row).
        for name, data in (("DEMO_plots.geojson", files.plots), files.plantings[-1]):
            if not store.import_file(engine, data, name, user=demo.DEMO_USER, today=DEMO_DAY).committed:
                raise SystemExit(f"the demo import of {name} was rejected")
        import_s = time.perf_counter() - start

        naive_html, naive_s = _naive(engine)
        national_html, national_s, national = _orman(engine, mapview.View())
        zoomed_view = mapview.View(zoom=CITY_ZOOM, bbox=CITY_BBOX)
        zoomed_html, zoomed_s, zoomed = _orman(engine, zoomed_view)
        widest_html, widest_s, widest = _orman(engine, mapview.View(zoom=mapview.PLOTS_MIN_ZOOM, bbox=WIDE_BBOX))
        standalone_national = mapview.standalone_map(StoreSource(engine), lang="ru")
        standalone_zoomed = mapview.standalone_map(StoreSource(engine), CITY_BBOX, CITY_ZOOM, lang="ru")
        engine.dispose()

    leaflet = sum(assets.vendor_path(name).stat().st_size for name in (assets.LEAFLET_JS, assets.LEAFLET_CSS))
    print(
        json.dumps(
            {
                "plots": args.plots,
                "planting_rows": files.planting_rows,
                "import_s": round(import_s, 1),
                "naive": _figures(naive_html, naive_s),
                "national": {
                    **_figures(national_html, national_s, national),
                    "standalone_bytes": len(standalone_national.encode("utf-8")),
                },
                "zoomed": {
                    **_figures(zoomed_html, zoomed_s, zoomed),
                    "bbox": CITY_BBOX,
                    "zoom": CITY_ZOOM,
                    "standalone_bytes": len(standalone_zoomed.encode("utf-8")),
                },
                "widest": {
                    **_figures(widest_html, widest_s, widest),
                    "bbox": WIDE_BBOX,
                    "zoom": mapview.PLOTS_MIN_ZOOM,
                },
                "national_speedup": round(naive_s / national_s, 1),
                "national_size_ratio": round(len(naive_html) / len(national_html), 1),
                "leaflet_bytes": leaflet,
            }
        )
    )


if __name__ == "__main__":
    main()
