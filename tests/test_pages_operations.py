"""Gap-filling and sowing on the pages (issue 15): the Overview's and Progress's cards, and Progress's region table,
show the seedlings of gap-filling and the hectares sown beside planted, in the reader's language."""

from __future__ import annotations

import pytest
from app_driver import PASSWORD, assert_clean, text
from app_driver import open_app as open_app_as

from geo import auth, db, demo, progress
from geo.i18n import fmt_int, fmt_num, t
from geo.regions import region_name

ADMIN = "aigerim"


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A DEMO store (its later seasons gap-fill and sow) with an administrator."""
    url = f"sqlite:///{tmp_path_factory.mktemp('operations') / 'orman.sqlite'}"
    demo.load(db.get_engine(url), plots=60)
    auth.add_user(db.get_engine(url), ADMIN, "admin", PASSWORD)
    return url


@pytest.mark.parametrize(("page", "lang"), [("overview", "kk"), ("overview", "en"), ("progress", "ru")])
def test_the_cards_show_gap_filled_seedlings_and_hectares_sown(
    page: str, lang: str, demo_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    figures = progress.summary(db.get_engine(demo_url))
    assert figures["gap_filled"] > 0 and figures["sown_ha"] > 0  # the demo has both

    at = open_app_as(demo_url, monkeypatch, lang, page=None if page == "overview" else page, user=ADMIN)

    assert_clean(at)
    shown = text(at)
    for key in ("kpi_gap_filled", "kpi_gap_filled_sub", "kpi_sown", "kpi_sown_sub"):
        assert t(key, lang) in shown, key
    assert fmt_int(figures["gap_filled"], lang) in shown and fmt_num(figures["sown_ha"], lang) in shown


def test_the_progress_region_table_has_each_regions_gap_filling_and_sowing(
    demo_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_app_as(demo_url, monkeypatch, "kk", page="progress", user=ADMIN)

    table = at.dataframe[0].value.set_index(t("col_region", "kk"))
    for code, entry in progress.summary(db.get_engine(demo_url))["by_region"].items():
        row = table.loc[region_name(code, "kk")]
        assert row[t("col_gap_filled", "kk")] == entry["gap_filled"]
        assert row[t("col_sown", "kk")] == pytest.approx(round(entry["sown_ha"], 1))
