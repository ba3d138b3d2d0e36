"""One species list (geo.species): spellings of one species are one species in the store, an unknown name is a
warning naming the closest ones, and readers see each species in their language."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from geo import mapview, progress, species
from geo.i18n import LANGS
from geo.store import import_file
from geo.validate import validate_file
from geo.viewport import StoreSource

DATA = Path(__file__).parent / "data"
PLOTS = DATA / "store_plots_v1.geojson"
SPELLINGS = DATA / "plantings_species_spellings.csv"  # Pinus sylvestris written three ways, and one typo


def _import(engine: Engine, *paths: Path) -> None:
    for path in paths:
        result = import_file(engine, path.read_bytes(), path.name, user="test")
        assert result.committed, result.report.to_json("en")


def test_three_spellings_of_scots_pine_are_one_species_in_the_summary(store: Engine) -> None:
    _import(store, PLOTS, SPELLINGS)
    by_species = progress.summary(store)["by_species"]

    # Latin, Russian with two spaces and Kazakh in capitals: 10 000 + 2 000 + 3 000; the typo stays apart.
    assert by_species["Pinus sylvestris"] == {"planted": 15_000}
    assert by_species["сосна обыкновеная"] == {"planted": 500}
    assert by_species["Betula pendula"] == {"planted": 1_000}
    assert by_species["Haloxylon"] == {"planted": 4_000}  # сексеуіл: saxaul, the genus
    assert progress.filter_options(store)["species"] == sorted(by_species)


def test_an_unknown_species_is_a_warning_at_its_row_with_the_closest_names() -> None:
    report = validate_file(SPELLINGS.read_bytes(), SPELLINGS.name).report
    unknown = [p for p in report.warnings if p.code == "unknown_species"]

    assert report.ok
    assert [(p.row, p.column, p.params["value"]) for p in unknown] == [(5, "species", "сосна обыкновеная")]
    suggestions = unknown[0].params["suggestions"]
    assert suggestions["ru"].split(", ")[0] == "сосна обыкновенная"
    assert suggestions["kk"].split(", ")[0] == "кәдімгі қарағай"
    assert suggestions["en"].split(", ")[0] == "Scots pine"
    for lang in LANGS:
        (message,) = [w["message"] for w in report.to_json(lang)["warnings"] if w["code"] == "unknown_species"]
        assert "сосна обыкновеная" in message and suggestions[lang] in message


@pytest.mark.parametrize(
    "written",
    [
        "Pinus sylvestris",
        "P. sylvestris",
        "Pinus sylvestris L.",
        "сосна обыкн.",
        "Сосна обыкновенная",
        "кадимги карагай",
    ],
)
def test_officers_spellings_lead_to_the_latin_name(written: str) -> None:
    assert species.canonical(written) == "Pinus sylvestris"


def test_a_name_with_another_in_brackets_is_known_by_either() -> None:
    assert species.canonical("саксаул чёрный (Haloxylon aphyllum)") == "Haloxylon aphyllum"
    assert species.canonical("Haloxylon aphyllum (black saxaul, seedlings)") == "Haloxylon aphyllum"


def test_every_catalogued_species_has_a_name_in_each_language_and_leads_to_itself() -> None:
    assert len(species.SPECIES) >= 25
    for latin, entry in species.SPECIES.items():
        for lang in LANGS:
            assert entry.name(lang), (latin, lang)
            assert species.canonical(entry.name(lang)) == latin


def test_the_map_popup_and_legend_name_species_in_the_readers_language(store: Engine) -> None:
    _import(store, PLOTS, SPELLINGS)
    view = mapview.View(zoom=14, bbox=(80.19, 50.39, 80.24, 50.41))
    for lang, pine in (("kk", "кәдімгі қарағай"), ("ru", "сосна обыкновенная"), ("en", "Scots pine")):
        layer = mapview.data_layer(StoreSource(store), view, lang, colour_by="species")
        m = mapview.base_map(lang)
        layer.layer.add_to(m)
        html = m.get_root().render()
        assert pine in html
        assert "Pinus sylvestris" not in html
