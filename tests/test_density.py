"""Density (DATA-CONTRACT "Density"): trees planted per hectare of each plot and region, in Progress, the map's
popups and the exports, and the warning implausible_density at the row that takes a plot past 10 000 a hectare."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from sqlalchemy.engine import Engine

from geo import export, mapview, progress
from geo.i18n import fmt_int
from geo.store import check as store_check
from geo.store import import_file
from geo.validate import MAX_DENSITY_PER_HA
from geo.viewport import StoreSource

DATA = Path(__file__).parent / "data"
PLOTS = DATA / "store_plots_v1.geojson"
PLANTINGS = DATA / "plantings_species_spellings.csv"
SEMEY_VIEW = mapview.View(zoom=14, bbox=(80.19, 50.39, 80.24, 50.41))


def _import(engine: Engine, *paths: Path) -> None:
    for path in paths:
        result = import_file(engine, path.read_bytes(), path.name, user="test")
        assert result.committed, result.report.to_json("en")


def test_each_plot_and_region_has_its_trees_per_hectare(store: Engine, tmp_path: Path) -> None:
    _import(store, PLOTS, PLANTINGS)
    plots = export.plots_with_figures(store)
    planted = plots.set_index("plot_id")["planted"]
    assert planted["SEM-0001"] == 12_000 and planted["BUR-0001"] == 0
    expected = (plots["planted"] / plots["area_ha"]).round(1)
    assert plots["density_per_ha"].tolist() == expected.tolist()

    export.export(store, "csv", tmp_path / "plots.csv")
    written = pd.read_csv(tmp_path / "plots.csv", encoding="utf-8-sig")
    assert written["density_per_ha"].tolist() == expected.tolist()

    regions = progress.breakdown(store, "region").set_index("region")
    areas = plots.groupby("region")["area_ha"].sum()
    sums = plots.groupby("region")["planted"].sum()
    for region in ("KZ-10", "KZ-43", "KZ-11"):
        assert regions.loc[region, "density_per_ha"] == sums[region] / areas[region]


def test_the_map_popup_gives_a_plots_trees_per_hectare(store: Engine) -> None:
    _import(store, PLOTS, PLANTINGS)
    plots = export.plots_with_figures(store).set_index("plot_id")
    per_ha = round(12_000 / plots.loc["SEM-0001", "area_ha"])
    for lang, label in (("kk", "1 га-ға ағаш"), ("ru", "Деревьев на 1 га"), ("en", "Trees per ha")):
        m = mapview.base_map(lang)
        mapview.data_layer(StoreSource(store), SEMEY_VIEW, lang).layer.add_to(m)
        html = m.get_root().render()
        assert label in html
        assert f'"density":"{fmt_int(per_ha, lang)}"' in html


def _plantings(rows: list[tuple[str, str, int]]) -> bytes:
    """A plantings file as officers save it from Excel: ';', Russian headers, UTF-8 with a BOM."""
    lines = ["Код участка;Дата посадки;Порода;Посажено", *(f"{p};{d};сосна обыкновенная;{n}" for p, d, n in rows)]
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode()


def test_implausible_density_is_warned_at_the_row_that_takes_the_plot_past_10000_per_ha(store: Engine) -> None:
    _import(store, PLOTS)
    area = export.plots_with_figures(store).set_index("plot_id").loc["BUR-0001", "area_ha"]
    cap = MAX_DENSITY_PER_HA * area
    first = ("BUR-0001", "10.04.2024", round(0.5 * cap))
    assert import_file(store, _plantings([first]), "season-1.csv", user="test").committed
    season = [  # the cumulative sheet again: its first row is the stored planting, not more trees
        first,
        ("BUR-0001", "10.04.2025", round(0.3 * cap)),
        ("SEM-0003", "11.04.2025", 100),
        ("BUR-0001", "12.04.2025", round(0.3 * cap)),  # row 5: 1.1 x the cap
        ("BUR-0001", "13.04.2025", 10),
    ]
    for check in (store_check, import_file):
        report = check(store, _plantings(season), "season-2.csv").report
        found = [p for p in report.warnings if p.code == "implausible_density"]
        assert [(p.row, p.column, p.params["plot_id"]) for p in found] == [(5, "planted", "BUR-0001")]
        crossing = sum(n for p, _, n in season[:4] if p == "BUR-0001")  # up to row 5, the stored row once
        assert found[0].params["density"] == round(crossing / area)
        assert report.ok
