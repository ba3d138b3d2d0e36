"""Permalinks (issue 17 #13): every page's choices live in the address, through AppTest.

A link with filters, a tab, the map's switches or a batch opens that view; changing a choice updates the address;
the choices survive a page switch; values the page does not offer are ignored quietly and dropped from the address.
The embed page's snippets carry its choices, and the self-resizing one loads Orman's own script.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from app_driver import PASSWORD, assert_clean, goto, open_app, text
from streamlit.testing.v1 import AppTest

from geo import auth, db, demo, progress, queries, store
from geo.i18n import fmt_int, t
from pages import embed

ROOT = Path(__file__).resolve().parent.parent
ADMIN = "permalink.admin"


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('permalinks') / 'orman.sqlite'}"
    engine = db.get_engine(url)
    demo.load(engine, plots=60, surveys=True)
    auth.add_user(engine, ADMIN, "admin", PASSWORD)
    return url


def open_link(url: str, monkeypatch: pytest.MonkeyPatch, page: str, params: dict[str, str | list[str]]) -> AppTest:
    """A signed-in administrator opening ``/page?params`` (a link someone sent)."""
    at = open_app(url, monkeypatch, "ru", user=ADMIN)
    at.query_params.update(params)
    return goto(at, page)


def address(at: AppTest, param: str) -> list[str]:
    """The values ``param`` has in the address now (none when absent)."""
    value = at.query_params.get(param)
    return [] if value is None else [value] if isinstance(value, str) else list(value)


def planted_card(figures: dict) -> str:
    return fmt_int(figures["planted"], "ru")


def test_a_link_with_filters_and_a_tab_opens_that_view_of_progress(
    demo_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = db.get_engine(demo_url)
    options = progress.filter_options(engine)
    regions, year = options["regions"][:2], options["years"][-1]
    only = progress.summary(engine, queries.Filters(regions=tuple(regions), years=(year,)))
    everything = progress.summary(engine)
    assert only["planted"] < everything["planted"]

    at = open_link(demo_url, monkeypatch, "progress", {"region": regions, "year": str(year), "tab": "survival"})
    assert_clean(at)
    assert at.multiselect(key="_filter_region").value == regions
    assert at.multiselect(key="_filter_year").value == [year]
    assert planted_card(only) in text(at) and planted_card(everything) not in text(at)
    assert at.session_state["progress_tab_ru"] == t("tab_survival", "ru")
    assert address(at, "region") == regions and address(at, "year") == [str(year)]
    assert address(at, "tab") == ["survival"]


def test_changing_a_filter_updates_the_address_and_a_page_switch_keeps_it(
    demo_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = db.get_engine(demo_url)
    options = progress.filter_options(engine)
    at = open_link(demo_url, monkeypatch, "progress", {})
    assert address(at, "region") == []
    at.multiselect(key="_filter_region").set_value([options["regions"][-1]]).run()
    at.multiselect(key="_filter_species").set_value(options["species"][:1]).run()
    assert_clean(at)
    assert address(at, "region") == [options["regions"][-1]]
    assert address(at, "species") == options["species"][:1]

    at.query_params.clear()  # the browser's menu opens the next page without the address's parameters
    goto(at, "map")
    assert_clean(at)
    assert address(at, "region") == [options["regions"][-1]]
    assert at.multiselect(key="_filter_species").value == options["species"][:1]

    at.button(key=next(b.key for b in at.button if b.label == t("filters_reset", "ru"))).click().run()
    assert_clean(at)
    assert address(at, "region") == [] == address(at, "species")
    assert at.multiselect(key="_filter_region").value == []


def test_unknown_values_in_the_address_are_ignored_quietly(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    engine = db.get_engine(demo_url)
    region = progress.filter_options(engine)["regions"][0]
    everything = progress.summary(engine)
    bad = {
        "region": ["XX-99", region, region, "<script>"],
        "year": ["twenty", "1850"],
        "partner": "nobody at all",
        "tab": "nope",
        "flag": "burn",
    }
    at = open_link(demo_url, monkeypatch, "progress", bad)
    assert_clean(at)
    assert not at.warning
    assert at.multiselect(key="_filter_region").value == [region]  # the one known value, once
    assert at.multiselect(key="_filter_year").value == [] == at.multiselect(key="_filter_partner").value
    assert address(at, "region") == [region]
    for param in ("year", "partner", "tab", "flag"):
        assert address(at, param) == [], param
    assert at.session_state["progress_tab_ru"] == t("tab_region", "ru")

    at = open_link(demo_url, monkeypatch, "map", {"colour": "purple", "below": "maybe", "region": "KZ-00"})
    assert_clean(at)
    assert at.radio(key="map_colour_by").value == "survival" and at.toggle(key="map_below_only").value is False
    assert planted_card(everything) in text(at)
    assert not any(address(at, p) for p in ("colour", "below", "region"))


def test_the_maps_switches_are_in_the_address(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    below = progress.below_target(db.get_engine(demo_url))
    at = open_link(demo_url, monkeypatch, "map", {"colour": "species", "below": "True"})
    assert_clean(at)
    assert at.radio(key="map_colour_by").value == "species"
    assert at.toggle(key="map_below_only").value is True
    totals = t(
        "mappage_below_totals",
        "ru",
        plots=fmt_int(len(below), "ru"),
        planted=fmt_int(int(below["planted"].sum()), "ru"),
    )
    assert totals in text(at)
    at.radio(key="map_colour_by").set_value("survival").run()
    at.toggle(key="map_below_only").set_value(False).run()
    assert address(at, "colour") == [] == address(at, "below")  # the defaults: nothing to say


def test_the_below_65_flag_is_in_the_address(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_link(demo_url, monkeypatch, "progress", {"flag": "write_off"})
    assert_clean(at)
    assert at.radio(key="progress_below_flag").value == "write_off"
    at.radio(key="progress_below_flag").set_value("gap_filling").run()
    assert address(at, "flag") == ["gap_filling"]


def test_a_link_to_a_batch_opens_it_in_history(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    batches = store.history(db.get_engine(demo_url))
    oldest = batches[-1]
    at = open_link(demo_url, monkeypatch, "history", {"batch": str(oldest.id)})
    assert_clean(at)
    assert at.selectbox(key="history_batch").value == oldest.id
    at = open_link(demo_url, monkeypatch, "history", {"batch": "999999"})
    assert_clean(at)
    assert at.selectbox(key="history_batch").value == batches[0].id and address(at, "batch") == []


def test_the_embed_page_builds_its_snippets_from_its_choices_and_the_filters(
    demo_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(embed.PUBLIC_URL_ENV, "https://orman.example.kz/")
    region = progress.filter_options(db.get_engine(demo_url))["regions"][0]
    at = open_link(demo_url, monkeypatch, "progress", {"region": region})
    at.query_params.clear()
    goto(at, "embed")  # one region filtered: the embed page starts from it
    assert_clean(at)
    assert at.selectbox(key="embed_region").value == region
    at.selectbox(key="embed_lang").set_value("kk").run()
    resizing, fixed, link = (c.value for c in at.code)
    src = f"https://orman.example.kz/public?embed=true&amp;lang=kk&amp;region={region}"
    assert resizing.startswith(f'<iframe src="{src}"') and 'height="900"' in resizing
    assert resizing.endswith('<script src="https://orman.example.kz/app/static/orman-embed.js" async></script>')
    assert fixed.startswith(f'<iframe src="{src}"') and "<script" not in fixed
    assert link == f"https://orman.example.kz/public?lang=kk&region={region}"
    assert address(at, "embed_lang") == ["kk"] and address(at, "embed_region") == [region]

    at = open_link(
        demo_url, monkeypatch, "embed", {"embed_height": "1200", "embed_region": "KZ-19", "embed_lang": "xx"}
    )
    assert_clean(at)
    fixed = at.code[1].value
    assert 'height="1200"' in fixed and "region=KZ-19" in fixed and "lang=ru" in fixed
    assert "ORMAN_PUBLIC_URL" not in text(at)  # no setup advice about the environment


def test_the_embed_script_is_one_of_ormans_static_files() -> None:
    script = ROOT / "static" / "orman-embed.js"
    body = script.read_text(encoding="utf-8")
    assert "app/static/" + script.relative_to(ROOT / "static").as_posix() == embed.RESIZE_SCRIPT
    assert "orman:height" in body and "event.origin !== origin" in body
