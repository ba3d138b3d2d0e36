"""Gap-filling and sowing on the pages (issue 15): the Overview's and Progress's cards, and Progress's region table,
show the seedlings of gap-filling and the hectares sown beside planted, in the reader's language."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_driver import PASSWORD, assert_clean, text
from app_driver import open_app as open_app_as

from geo import auth, db, demo, progress, store
from geo.i18n import fmt_int, fmt_num, t
from geo.regions import region_name

ADMIN = "aigerim"
DATA = Path(__file__).parent / "data"
PLOTS, OPERATIONS = DATA / "store_plots_v1.geojson", DATA / "plantings_operations_cp1251.csv"


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


def test_the_upload_preview_shows_what_a_file_adds_to_gap_filling_and_sowing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'orman.sqlite'}"
    engine = db.get_engine(url)
    auth.add_user(engine, ADMIN, "admin", PASSWORD)
    assert store.import_file(engine, PLOTS.read_bytes(), PLOTS.name).committed
    at = open_app_as(url, monkeypatch, "ru", page="upload", user=ADMIN)

    at.file_uploader[0].set_value((OPERATIONS.name, OPERATIONS.read_bytes(), "application/octet-stream"))
    at.run()

    assert_clean(at)
    shown = text(at)
    for before, change in (
        ("0", fmt_int(7_600, "ru")),
        (fmt_num(0.0, "ru"), fmt_num(20.75, "ru")),
        ("0", fmt_int(122_000, "ru")),
    ):
        assert t("preview_now", "ru", before=before, change=f"+{change}") in shown, change
    assert store.history(engine)[0].kind == "plots"  # the preview wrote nothing
    at.button(key="upload_confirm").click().run()
    assert progress.summary(engine)["gap_filled"] == 7_600
