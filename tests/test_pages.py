"""The Streamlit app through AppTest: every page on an empty and on a DEMO store, filters, upload, rollback.

Pages are opened by an administrator signed in through the sidebar form (tests/test_pages_roles.py covers the other
roles).
"""

from __future__ import annotations

import html
import json
import logging
import re
import sqlite3
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pytest
import sqlalchemy as sa
from app_driver import PASSWORD, assert_clean, goto, html_table, text
from app_driver import open_app as open_app_as
from streamlit.testing.v1 import AppTest

from geo import auth, db, demo, programme, progress, publicdata, queries, store, surveys, survival
from geo.i18n import (
    LANGS,
    fmt_date,
    fmt_day,
    fmt_int,
    fmt_moment,
    fmt_num,
    fmt_pct,
    fmt_short,
    fmt_short_range,
    message,
    name_key,
    t,
)
from geo.regions import region_name
from pages.ui import blocks

DATA = Path(__file__).parent / "data"
PAGES = ("overview", "map", "progress", "upload", "history")
DEMO_PLOTS = 60
ADMIN = "aigerim"
GOOD_PLOTS = DATA / "app_upload_plots.geojson"
GOOD_PLANTINGS = DATA / "app_upload_plantings_cp1251.csv"
BAD_PLANTINGS = DATA / "app_upload_plantings_bad.csv"
MIXED_PLANTINGS = DATA / "app_upload_plantings_mixed.csv"
TWO_LAYERS = DATA / "plots_two_layers.gpkg"


def with_admin(url: str) -> str:
    """The store at ``url`` with the administrator these tests sign in as."""
    engine = db.get_engine(url)
    if auth.get_user(engine, ADMIN) is None:
        auth.add_user(engine, ADMIN, "admin", PASSWORD)
    return url


def open_page(page: str, url: str, monkeypatch: pytest.MonkeyPatch, lang: str = "ru") -> AppTest:
    """The app as an administrator sees it at ``page`` on the store at ``url``."""
    return open_app_as(url, monkeypatch, lang, page=None if page == "overview" else page, user=ADMIN)


def upload(at: AppTest, path: Path) -> AppTest:
    at.file_uploader[0].set_value((path.name, path.read_bytes(), "application/octet-stream"))
    return at.run()


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'orman.sqlite'}"
    demo.load(db.get_engine(url), plots=DEMO_PLOTS)
    return with_admin(url)


@pytest.fixture
def empty_url(tmp_path: Path) -> str:
    return with_admin(f"sqlite:///{tmp_path / 'orman.sqlite'}")


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_on_empty_store(page: str, empty_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_page(page, empty_url, monkeypatch)
    assert_clean(at)
    assert at.title[0].value == t({"map": "mappage_title"}.get(page, f"{page}_title"), "ru")


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_on_demo_store(page: str, demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_page(page, demo_url, monkeypatch)
    assert_clean(at)
    figures = progress.summary(db.get_engine(demo_url))
    if page == "history":
        files = at.dataframe[0].value[t("col_file", "ru")]
        assert all(name.startswith("DEMO_") for name in files) and len(files) == 4
    elif page == "upload":
        assert at.file_uploader and not at.dataframe
    else:
        assert fmt_int(figures["planted"], "ru") in text(at)


def test_overview_shows_programme_totals_and_national_context(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_page("overview", demo_url, monkeypatch, lang="en")
    figures = progress.summary(db.get_engine(demo_url))
    shown = text(at)
    assert fmt_int(figures["planted"], "en") in shown
    assert t("context_caption", "en") in shown
    assert t("empty_title", "en") not in shown
    pace = progress.pace(db.get_engine(demo_url))  # the demo's pace is far too slow to finish within the horizon
    assert pace.projected_completion is None and "not within 50 years" in shown


def test_an_unexpected_failure_shows_the_generic_message_and_logs_its_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "orman.sqlite"
    at = open_page("overview", with_admin(f"sqlite:///{path}"), monkeypatch, lang="en")
    assert_clean(at)
    with sqlite3.connect(path) as broken:  # the store loses a table under the running app
        broken.execute("DROP TABLE cube_plantings")
    with caplog.at_level(logging.INFO, logger="pages"):
        at.run()
    assert not at.exception  # no traceback on the page
    logged = [r for r in caplog.records if r.name == "pages.ui.errors" and r.exc_info]
    assert len(logged) == 1 and logged[0].levelno == logging.ERROR
    failure = logged[0].exc_info[1]
    assert "cube_plantings" in str(failure) and "Traceback" in caplog.text
    assert [e.value for e in at.error] == [t("error_generic", "en", detail=type(failure).__name__)]


def test_empty_overview_offers_samples_and_loads_demo_data(empty_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_page("overview", empty_url, monkeypatch)
    assert t("empty_title", "ru") in text(at)
    assert at.get("download_button")  # the two sample files
    at.button(key="load_demo").click().run()
    assert_clean(at)
    figures = progress.summary(db.get_engine(empty_url))
    assert figures["plots"] == demo.DEFAULT_PLOTS
    assert fmt_int(figures["planted"], "ru") in text(at)
    assert figures["estimate"] is not None  # this season's sample counts came with it
    assert len(store.history(db.get_engine(empty_url))) == 5  # plots, two seasons, the write-off act, the sample counts


def test_language_comes_from_the_query_and_the_switch(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_page("overview", demo_url, monkeypatch, lang="kk")
    assert at.title[0].value == t("overview_title", "kk")
    at.get("button_group")[0].set_value("en").run()
    assert at.title[0].value == t("overview_title", "en")
    assert at.query_params["lang"] in ("en", ["en"])


def test_region_filter_changes_progress_figures(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    engine = db.get_engine(demo_url)
    region = progress.filter_options(engine)["regions"][0]
    everything = progress.summary(engine)["planted"]
    only = progress.summary(engine, queries.Filters(regions=(region,)))["planted"]
    assert only < everything
    at = open_page("progress", demo_url, monkeypatch)
    assert fmt_int(everything, "ru") in text(at)
    at.multiselect(key="_filter_region").set_value([region]).run()
    assert_clean(at)
    assert fmt_int(only, "ru") in text(at)
    assert fmt_int(everything, "ru") not in text(at)


def test_filters_are_shared_between_progress_and_map(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    engine = db.get_engine(demo_url)
    year = progress.filter_options(engine)["years"][-1]
    only = progress.summary(engine, queries.Filters(years=(year,)))
    at = open_page("progress", demo_url, monkeypatch)
    at.multiselect(key="_filter_year").set_value([year]).run()
    goto(at, "map")
    assert_clean(at)
    assert at.multiselect(key="_filter_year").value == [year]
    assert t(
        "mappage_totals", "ru", plots=fmt_int(only["plots"], "ru"), planted=fmt_int(only["planted"], "ru")
    ) in text(at)


def test_progress_tables_name_regions_in_the_readers_language(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_page("progress", demo_url, monkeypatch, lang="kk")
    regions = progress.filter_options(db.get_engine(demo_url))["regions"]
    by_region = at.dataframe[0].value
    assert set(by_region[t("col_region", "kk")]) == {region_name(code, "kk") for code in regions}
    figures = progress.summary(db.get_engine(demo_url))["by_region"]
    for name, alive in zip(by_region[t("col_region", "kk")], by_region[t("kpi_surviving", "kk")], strict=True):
        region = next(code for code in regions if region_name(code, "kk") == name)
        breakdown = progress.breakdown(db.get_engine(demo_url), "region").set_index("region").loc[region]
        assert alive == round(figures[region]["planted"] * breakdown["surviving"] / breakdown["surveyed_planted"])


def test_upload_rejects_bad_file_and_writes_nothing(empty_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_page("upload", empty_url, monkeypatch, lang="en")
    upload(at, BAD_PLANTINGS)
    assert not at.exception
    assert t("import_rejected", "en") in text(at)
    report = at.table[0].value  # a table whose messages wrap (issue 13: fix hints never cut off)
    assert list(report[t("col_row", "en")]) == [2, 3]
    assert not [b for b in at.button if b.key == "upload_confirm"]
    assert store.history(db.get_engine(empty_url)) == []


def test_upload_refuses_a_file_type_in_words_and_forgets_the_last_report(
    empty_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_page("upload", empty_url, monkeypatch, lang="kk")
    upload(at, BAD_PLANTINGS)
    assert at.table  # the bad file's report
    at.file_uploader[0].set_value(("report.pdf", b"%PDF-1.7 ...", "application/pdf")).run()
    assert not at.exception
    [refused] = at.error
    assert refused.value.startswith(t("upload_type_refused", "kk", suffix=".pdf", accepted="")[:30])
    assert ".geojson" in refused.value and ".xlsx" in refused.value
    assert not at.table and not [b for b in at.button if b.key == "upload_confirm"]


def test_upload_offers_templates_and_the_file_back_with_its_problems(
    empty_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_page("upload", empty_url, monkeypatch, lang="ru")
    assert {
        f"template_{kind}_{fmt}" for kind in ("plots", "plantings", "surveys", "writeoffs") for fmt in ("csv", "xlsx")
    } <= {b.key for b in at.get("download_button")}
    upload(at, BAD_PLANTINGS)
    assert "report_annotated" in {b.key for b in at.get("download_button")}
    assert t("count_errors", "ru", count=2) + ";" in text(at)


def test_upload_commits_good_file_only_after_confirm(empty_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    engine = db.get_engine(empty_url)
    at = open_page("upload", empty_url, monkeypatch, lang="en")
    upload(at, GOOD_PLOTS)
    assert_clean(at)
    assert t("report_ok", "en", rows=t("count_plots", "en", count=2)) in text(at)
    assert store.history(engine) == []  # the preview wrote nothing
    at.button(key="upload_confirm").click().run()
    assert_clean(at)
    [batch] = store.history(engine)
    assert batch.filename == GOOD_PLOTS.name and batch.new == 2
    assert batch.user == ADMIN  # the signed-in user, recorded by the store
    assert t("import_done", "en", batch=batch.id, new=2, updated=0, unchanged=0) in text(at)

    upload(at, GOOD_PLANTINGS)
    before = progress.summary(engine)["planted"]
    at.button(key="upload_confirm").click().run()
    assert progress.summary(engine)["planted"] - before == 21_050  # the file's sum, its totals row not counted

    upload(at, GOOD_PLOTS)  # the same bytes again
    assert t("already_batch", "en", batch=batch.id, when="")[:40] in text(at)
    assert not [b for b in at.button if b.key == "upload_confirm"]
    assert len(store.history(engine)) == 2


def test_upload_can_import_valid_rows_only(empty_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    engine = db.get_engine(empty_url)
    store.import_file(engine, GOOD_PLOTS.read_bytes(), GOOD_PLOTS.name)
    at = open_page("upload", empty_url, monkeypatch, lang="en")
    upload(at, MIXED_PLANTINGS)
    assert t("import_rejected", "en") in text(at)
    at.checkbox(key="upload_skip_invalid").check().run()
    assert_clean(at)
    at.button(key="upload_confirm").click().run()
    assert_clean(at)
    latest = store.history(engine)[0]
    assert (latest.new, latest.skipped) == (2, 1)
    assert progress.summary(engine)["planted"] == 16_500


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_upload_offers_the_layers_of_a_geopackage_and_imports_the_one_chosen(
    lang: str, empty_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = db.get_engine(empty_url)
    at = open_page("upload", empty_url, monkeypatch, lang=lang)
    upload(at, TWO_LAYERS)
    assert not at.exception
    [choice] = [s for s in at.selectbox if s.label == t("upload_layer", lang)]
    assert choice.options == ["2023", "2024"] and choice.value is None
    words = message("several_layers_app", lang, layers="2023, 2024")  # the app's words: choose above, not --layer
    assert [words] == [i.value for i in at.info] and "--layer" not in text(at)
    assert not at.error and not at.table  # nothing wrong with the file: a layer to choose
    assert not [b for b in at.button if b.key == "upload_confirm"]

    choice.select("2024").run()
    assert_clean(at)
    assert t("report_ok", lang, rows=t("count_plots", lang, count=1)) in text(at)
    at.button(key="upload_confirm").click().run()
    assert_clean(at)
    [batch] = store.history(engine)
    assert batch.new == 1 and progress.summary(engine)["plots"] == 1


def test_rollback_from_history_after_confirmation(empty_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    engine = db.get_engine(empty_url)
    batch = store.import_file(engine, GOOD_PLOTS.read_bytes(), GOOD_PLOTS.name).batch
    at = open_page("history", empty_url, monkeypatch, lang="en")
    assert_clean(at)
    at.button(key="rollback_ask").click().run()
    assert t("rollback_preview", "en", batch=batch, removed=2, restored=0) in text(at)
    assert store.history(engine)[0].active  # asking is not doing
    at.button(key="rollback_yes").click().run()
    assert_clean(at)
    assert not store.history(engine)[0].active
    assert store.history(engine)[0].rolled_back_by == ADMIN
    assert progress.summary(engine)["plots"] == 0
    assert t("rollback_done", "en", batch=batch) in text(at)


def test_rollback_refused_while_another_batch_depends_on_it(empty_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    engine = db.get_engine(empty_url)
    plots = store.import_file(engine, GOOD_PLOTS.read_bytes(), GOOD_PLOTS.name).batch
    store.import_file(engine, GOOD_PLANTINGS.read_bytes(), GOOD_PLANTINGS.name)
    at = open_page("history", empty_url, monkeypatch, lang="en")
    at.selectbox(key="history_batch").set_value(plots).run()
    assert_clean(at)
    assert store.rollback(engine, plots, dry_run=True).explain("en") in [i.value for i in at.info]
    assert not [b for b in at.button if b.key in ("rollback_ask", "rollback_yes")]  # nothing to confirm
    assert store.history(engine)[-1].active


@pytest.mark.parametrize("page", ("overview", "history"))
def test_unreachable_store_shows_an_error_in_the_users_language_not_a_traceback(
    page: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_app_as("postgresql+psycopg://nobody@127.0.0.1:9/orman?connect_timeout=2", monkeypatch, "kk", page=page)
    assert not at.exception
    assert [e.value for e in at.error] == [t("store_unreachable", "kk")]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", ("overview", "progress"))
def test_the_three_numbers_of_survival_are_the_summarys(
    page: str, lang: str, demo_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Planted, survival-adjusted and estimated surviving with its 95 % interval, as the reader writes numbers."""
    at = open_page(page, demo_url, monkeypatch, lang=lang)
    assert_clean(at)
    figures = progress.summary(db.get_engine(demo_url))
    found = figures["estimate"]
    shown = text(at)
    for label in ("kpi_planted", "kpi_surviving", "kpi_estimate"):
        assert html.escape(t(label, lang)) in shown
    for number in (figures["planted"], figures["survival_adjusted"], found["surviving"]):
        assert fmt_int(number, lang) in shown
    interval = t("kpi_estimate_interval", lang, range=fmt_short_range(found["low"], found["high"], lang))
    assert html.escape(interval) in shown
    assert html.escape(surveys.explain(figures, lang)) in shown  # the card's help: the full figures


@pytest.mark.parametrize("lang", LANGS)
def test_progress_regions_carry_their_estimate_interval_or_why_none(
    lang: str, demo_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_page("progress", demo_url, monkeypatch, lang=lang)
    assert_clean(at)
    by_region = progress.summary(db.get_engine(demo_url))["by_region"]
    table = next(d.value for d in at.dataframe if t("col_estimate", lang) in d.value.columns)
    names = {region_name(code, lang): code for code in by_region}
    estimated = 0
    for row in table.to_dict("records"):
        entry = by_region[names[row[t("col_region", lang)]]]
        shown = [row[t(k, lang)] for k in ("col_estimate", "col_estimate_low", "col_estimate_high")]
        if entry["estimate"] is None:
            assert all(pd.isna(v) for v in shown)
            why = t(f"kpi_estimate_none_{entry['estimate_reason']}", lang, needed=survival.MIN_SURVEYS)
            assert row[t("col_estimate_note", lang)] == why
        else:
            estimated += 1
            assert shown == [entry["estimate"][k] for k in ("surviving", "low", "high")]
            assert row[t("col_estimate_note", lang)] == ""
    assert 0 < estimated < len(table)  # the demo of 60 plots has regions with and without an estimate
    assert t("estimate_chart_caption", lang) in text(at)


@pytest.mark.parametrize("lang", LANGS)
def test_without_enough_surveys_the_estimate_says_why(
    lang: str, empty_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = db.get_engine(empty_url)
    for path in (GOOD_PLOTS, GOOD_PLANTINGS):
        assert store.import_file(engine, path.read_bytes(), path.name, user=ADMIN).committed
    figures = progress.summary(engine)
    assert figures["estimate"] is None and figures["estimate_reason"] == survival.TOO_FEW_SURVEYS
    for page in ("overview", "progress"):
        at = open_page(page, empty_url, monkeypatch, lang=lang)
        assert_clean(at)
        shown = text(at)
        assert fmt_int(figures["survival_adjusted"], lang) in shown
        assert html.escape(t("kpi_estimate_none_too_few_surveys", lang, needed=survival.MIN_SURVEYS)) in shown
        assert html.escape(t("kpi_estimate_none_help", lang, needed=survival.MIN_SURVEYS)) in shown


def test_upload_offers_surveys_and_imports_a_survey_file_through_the_page(
    empty_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = db.get_engine(empty_url)
    for name in (
        "store_plots_v1.geojson",
        "store_plantings_2024.csv",
        "store_plots_v2.geojson",
        "store_plantings_2025.csv",
    ):
        path = DATA / name
        assert store.import_file(engine, path.read_bytes(), path.name, user=ADMIN).committed
    surveys = DATA / "surveys_autumn_2025.csv"
    at = open_page("upload", empty_url, monkeypatch, lang="kk")
    picker = at.selectbox(key="upload_kind")
    assert t("kind_surveys", "kk") in picker.options
    picker.set_value("surveys").run()
    upload(at, surveys)
    assert_clean(at)
    at.button(key="upload_confirm").click().run()
    assert_clean(at)
    latest = store.history(engine)[0]
    assert latest.filename == surveys.name and latest.new == 3
    with engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(db.surveys)).scalar_one() >= 3


# --- the plots below 65 % on the Progress page, and the map of them ---------------------------------------------------

BELOW_HEADERS = (
    "col_plot",
    "col_survival",
    "col_flag",
    "col_planted",
    "col_density",
    "col_last_survey",
    "col_survey_age",
    "col_region",
    "col_partner",
    "col_species",
)


def below_table(at: AppTest, lang: str) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if t("col_flag", lang) in d.value.columns)


@pytest.mark.parametrize("lang", LANGS)
def test_progress_lists_the_plots_below_65_percent_worst_first_with_what_each_needs(
    lang: str, demo_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = progress.below_target(db.get_engine(demo_url))
    at = open_page("progress", demo_url, monkeypatch, lang=lang)
    assert_clean(at)

    table = below_table(at, lang)
    assert list(table.columns) == [t(k, lang) for k in BELOW_HEADERS]
    assert table[t("col_plot", lang)].tolist() == expected["plot_id"].tolist()
    assert table[t("col_survival", lang)].is_monotonic_increasing and table[t("col_survival", lang)].max() < 65
    assert table[t("col_flag", lang)].tolist() == [t(f"flag_{f}", lang) for f in expected["flag"]]
    assert set(table[t("col_region", lang)]) == {region_name(code, lang) for code in expected["region"]}
    assert set(expected["flag"]) == {"write_off", "gap_filling", "written_off"}  # the demo has each, a burnt plot too
    keys = {b.proto.id.split("-", 2)[2]: b.proto.label for b in at.get("download_button")}  # $$ID-hash-key
    assert keys["csv_orman-below-65"] == t("download_csv", lang)
    assert keys["xlsx_orman-below-65"] == t("download_xlsx", lang)
    shown = text(at)
    assert html.escape(t("below_title", lang)) in shown and t("below_caption", lang) in shown


def test_progress_below_65_filter_by_flag_and_by_the_sidebar(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    engine = db.get_engine(demo_url)
    everything = progress.below_target(engine)
    region = everything["region"].value_counts().index[0]
    in_region = progress.below_target(engine, queries.Filters(regions=(region,)))
    at = open_page("progress", demo_url, monkeypatch, lang="ru")
    flags = at.radio(key="progress_below_flag")
    counts = everything["flag"].value_counts()
    assert flags.options == [
        t("below_show_all", "ru", n=fmt_int(len(everything), "ru")),
        t("below_show_write_off", "ru", n=fmt_int(counts["write_off"], "ru")),
        t("below_show_gap_filling", "ru", n=fmt_int(counts["gap_filling"], "ru")),
        t("below_show_written_off", "ru", n=fmt_int(counts["written_off"], "ru")),
    ]

    flags.set_value("write_off").run()
    assert_clean(at)
    table = below_table(at, "ru")
    write_offs = everything[everything["flag"] == "write_off"]
    assert table[t("col_plot", "ru")].tolist() == write_offs["plot_id"].tolist()
    assert set(table[t("col_flag", "ru")]) == {t("flag_write_off", "ru")}

    at.radio(key="progress_below_flag").set_value("all").run()
    at.multiselect(key="_filter_region").set_value([region]).run()
    assert_clean(at)
    assert below_table(at, "ru")[t("col_plot", "ru")].tolist() == in_region["plot_id"].tolist() != []
    assert len(in_region) < len(everything)


def test_progress_says_so_when_no_surveyed_plot_is_below_65_percent(
    empty_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = db.get_engine(empty_url)
    for path in (GOOD_PLOTS, GOOD_PLANTINGS):
        assert store.import_file(engine, path.read_bytes(), path.name, user=ADMIN).committed
    assert progress.below_target(engine).empty and progress.survival_target_share(engine)["plots"] > 0
    at = open_page("progress", empty_url, monkeypatch, lang="kk")
    assert_clean(at)
    assert t("below_none", "kk") in text(at)
    assert not any(t("col_flag", "kk") in d.value.columns for d in at.dataframe)


def map_features(at: AppTest) -> list[dict]:
    """The features of the data layer the map page hands to st_folium."""
    component = next(e for e in at.main if getattr(e, "type", None) == "component_instance")
    script = json.loads(component.proto.json_args)["feature_group"]
    decoder, found = json.JSONDecoder(), []
    for match in re.finditer(r"L\.geoJSON\(", script):
        collection, _ = decoder.raw_decode(script, match.end())
        found.extend(collection["features"])
    return found


@pytest.mark.parametrize("lang", ("kk", "ru"))
def test_the_map_can_show_only_the_plots_below_65_percent(
    lang: str, demo_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    below = progress.below_target(db.get_engine(demo_url))
    at = open_page("map", demo_url, monkeypatch, lang=lang)
    every = sum(int(f["properties"]["plots"].replace("\xa0", "")) for f in map_features(at))

    switch = at.toggle(key="map_below_only")
    assert switch.label == t("map_below_only", lang)
    switch.set_value(True).run()
    assert_clean(at)

    regions = map_features(at)
    assert sum(int(f["properties"]["plots"].replace("\xa0", "")) for f in regions) == len(below) < every
    assert {f["properties"]["t"] for f in regions} == {region_name(code, lang) for code in below["region"]}
    totals = t(
        "mappage_below_totals",
        lang,
        plots=fmt_int(len(below), lang),
        planted=fmt_int(int(below["planted"].sum()), lang),
    )
    assert totals in text(at)


@pytest.fixture(scope="module")
def demo_with_surveys_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A DEMO store with this season's first- and third-year counts on sample plots (``geo demo --surveys``)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('demo_surveys') / 'orman.sqlite'}"
    demo.load(db.get_engine(url), plots=DEMO_PLOTS, surveys=True)
    return with_admin(url)


@pytest.mark.parametrize("lang", LANGS)
def test_progress_tabs_by_year_partner_and_species_carry_each_rows_estimate_or_why_none(
    lang: str, demo_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_page("progress", demo_url, monkeypatch, lang=lang)
    assert_clean(at)
    engine = db.get_engine(demo_url)
    expected = progress.breakdown_estimates(engine, ("year", "partner", "species"))
    notes = 0
    for by in ("year", "partner", "species"):
        table = next(d.value for d in at.dataframe if t(f"col_{by}", lang) in d.value.columns)
        frame = progress.with_estimates(blocks.labelled(engine, by, queries.NO_FILTERS, lang), expected[by], by)
        assert table[t(f"col_{by}", lang)].tolist() == frame["label"].tolist()
        shown = table[[t(k, lang) for k in ("col_estimate", "col_estimate_low", "col_estimate_high")]]
        assert shown.astype("Int64").values.tolist() == frame[["estimate", "low", "high"]].values.tolist()
        assert frame["estimate"].notna().any()
        for why, note in zip(frame["estimate_reason"], table.get(t("col_estimate_note", lang), ""), strict=False):
            notes += pd.notna(why)
            assert note == ("" if pd.isna(why) else t(f"kpi_estimate_none_{why}", lang, needed=survival.MIN_SURVEYS))
    assert notes > 0  # the demo of 60 plots has partners or species with too few surveys
    assert text(at).count(t("estimate_chart_caption", lang)) == 4  # every breakdown tab explains its interval


@pytest.mark.parametrize("lang", LANGS)
def test_overview_shows_the_projection_to_the_deadline_and_survival_by_inventory(
    lang: str, demo_with_surveys_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_page("overview", demo_with_surveys_url, monkeypatch, lang=lang)
    assert_clean(at)
    engine = db.get_engine(demo_with_surveys_url)
    outlook = progress.projection(engine)
    by_inventory = progress.summary(engine, inventories=True)["estimate_by_inventory"]
    shown = text(at)
    deadline = fmt_date(programme.DEADLINE, lang)
    assert html.escape(t("pace_planted_at_deadline", lang, deadline=deadline)) in shown
    assert fmt_int(outlook.planted, lang) in shown and fmt_int(outlook.surviving, lang) in shown
    assert fmt_int(outlook.surviving_needed_per_month, lang) in shown
    assert (
        html.escape(
            t(
                "trajectory_projection_caption",
                lang,
                deadline=fmt_date(programme.DEADLINE, lang, "long"),
                months=progress.PACE_WINDOW_MONTHS,
            )
        )
        in shown
    )
    assert outlook.survival_on_track is False and not at.success  # the demo's survival is below 65 %: never green
    assert any(
        t(
            "pace_survival_behind",
            lang,
            rate=fmt_pct(outlook.estimate.rate, lang),
            required=fmt_pct(programme.SURVIVAL_TARGET, lang, 0),
            alive=fmt_int(outlook.surviving, lang),
            deadline=deadline,
            needed=fmt_int(outlook.surviving_target, lang),
        )
        == w.value
        for w in at.warning
    )
    assert set(by_inventory) == {surveys.FIRST_YEAR, surveys.THIRD_YEAR}
    assert html.escape(blocks.inventories_line(by_inventory, lang)) in shown  # the card's help


def test_progress_shows_first_and_third_year_survival_apart(
    demo_with_surveys_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_page("progress", demo_with_surveys_url, monkeypatch, lang="kk")
    assert_clean(at)
    by_inventory = progress.summary(db.get_engine(demo_with_surveys_url), inventories=True)["estimate_by_inventory"]
    assert blocks.inventories_line(by_inventory, "kk") in [c.value for c in at.caption]


# --- What an official sees (issue 17): tables as the reader writes numbers, times in Kazakhstan's time, framing ---


def shown_cells(table: Any) -> pd.DataFrame:
    """What the page shows in a table's cells (its Styler's display values), beside ``table.value``'s numbers."""
    return pa.ipc.open_stream(table.proto.arrow_data.styler.display_values).read_pandas()


def column_help(table: Any) -> dict[str, str]:
    return {name: c["help"] for name, c in json.loads(table.proto.columns).items() if "help" in c}


def table_with(at: AppTest, column: str) -> Any:
    return next(d for d in at.dataframe if column in d.value.columns)


@pytest.mark.parametrize("lang", LANGS)
def test_progress_region_table_writes_numbers_as_the_reader_does_sorts_by_name_and_explains_survival(
    lang: str, demo_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_page("progress", demo_url, monkeypatch, lang=lang)
    assert_clean(at)
    region = t("col_region", lang)
    table = table_with(at, region)
    names = table.value[region].tolist()
    codes = progress.breakdown(db.get_engine(demo_url), "region")["region"]
    assert names == sorted((region_name(c, lang) for c in codes), key=name_key) and len(names) > 3
    shown = shown_cells(table)
    planted, survival_col = t("col_planted", lang), t("col_survival", lang)
    assert pd.api.types.is_integer_dtype(table.value[planted])  # the page's numbers (and the CSV's) stay numbers
    assert shown[planted].tolist() == [fmt_int(v, lang) for v in table.value[planted]]
    rates = table.value[survival_col].dropna()
    assert shown[survival_col][rates.index].tolist() == [fmt_num(v, lang) for v in rates]
    big = table.value[planted].max()
    separator, decimal = ("\u00a0", ",") if lang in ("kk", "ru") else (",", ".")
    assert big >= 1000 and separator in fmt_int(big, lang) and fmt_int(big, lang) in shown[planted].tolist()
    assert all(decimal in s for s in shown[survival_col][rates.index])
    required = fmt_pct(programme.SURVIVAL_TARGET, lang, 0)
    assert column_help(table) == {
        t("col_surviving", lang): t("help_col_surviving", lang),
        t("col_survival", lang): t("help_col_survival", lang, required=required),
        t("kpi_surviving", lang): t("help_col_adjusted", lang),
        t("col_estimate", lang): t("help_col_estimate", lang),
        t("col_gap_filled", lang): t("help_col_gap_filled", lang),
        t("col_sown", lang): t("kpi_sown_help", lang),
        t("kpi_written_off", lang): t("kpi_written_off_help", lang),
    }


@pytest.mark.parametrize("lang", ["kk", "en"])
def test_public_region_table_is_sorted_by_name_localised_and_explained(
    lang: str, demo_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(db.DB_URL_ENV, demo_url)
    at = AppTest.from_file(str(Path(__file__).parent.parent / "app.py"), default_timeout=60)
    at.query_params.update({"lang": lang})
    goto(at.run(), "public")
    assert_clean(at)
    region = t("col_region", lang)
    table, help = html_table(at, region)
    names = table[region].tolist()
    assert names == sorted(names, key=name_key) and len(names) > 3
    entries = {region_name(e["region"], lang): e for e in publicdata.regions(db.get_engine(demo_url), None)[1]}
    assert set(names) == set(entries)
    for row in table.to_dict("records"):
        entry = entries[row[region]]
        assert row[t("col_planted", lang)] == fmt_int(entry["planted"], lang)
        assert row[t("col_plots", lang)] == fmt_int(entry["plots"], lang)
        assert row[t("col_area", lang)] == fmt_num(entry["area_ha"], lang)
        rate = entry["survival"]
        assert row[t("col_survival", lang)] == ("" if rate is None else fmt_num(round(rate * 100, 1), lang))
    required = fmt_pct(programme.SURVIVAL_TARGET, lang, 0)
    assert help == {
        t("col_survival", lang): t("help_col_survival", lang, required=required),
        t("public_col_estimate", lang): t("help_col_estimate", lang),
    }


def test_names_sort_in_the_kazakh_alphabet() -> None:
    names = ["Қостанай облысы", "Ұлытау облысы", "Шымкент", "Ақмола облысы", "Абай облысы", "Түркістан облысы"]
    assert sorted(names, key=name_key) == [
        "Абай облысы",
        "Ақмола облысы",
        "Қостанай облысы",
        "Түркістан облысы",
        "Ұлытау облысы",
        "Шымкент",
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_history_shows_upload_times_in_kazakhstan_time(
    lang: str, demo_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_page("history", demo_url, monkeypatch, lang=lang)
    assert_clean(at)
    table = at.dataframe[0]
    batches = store.history(db.get_engine(demo_url))
    shown = table.value[t("col_when", lang)].tolist()
    assert shown == [fmt_moment(b.created_at, lang) for b in batches]
    local = batches[0].created_at.astimezone(programme.TIMEZONE)
    assert shown[0].endswith(f"{local:%H:%M}") and "UTC" not in " ".join(shown)
    assert shown[0].startswith(fmt_day(local.date(), lang))
    assert shown_cells(table)[t("col_batch", lang)].tolist() == [str(b.id) for b in batches]  # an id, not a count


def test_admin_shows_account_times_in_kazakhstan_time(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_page("admin", demo_url, monkeypatch, lang="kk")
    assert_clean(at)
    admin = next(u for u in auth.list_users(db.get_engine(demo_url)) if u.name == ADMIN)
    row = at.dataframe[0].value.set_index(t("col_user", "kk")).loc[ADMIN]
    assert row[t("col_created", "kk")] == fmt_moment(admin.created_at, "kk")
    assert row[t("col_last_login", "kk")] == fmt_moment(admin.last_login_at, "kk")


def bars(at: AppTest) -> list[tuple[float, str]]:
    """The progress bars of the page: (value 0–1, text)."""
    return [(p.proto.value / 100, p.proto.text) for p in at.get("progress")]


@pytest.mark.parametrize("lang", LANGS)
def test_overview_says_what_its_figures_are_with_bars_toward_2_billion_and_65_percent(
    lang: str, demo_with_surveys_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_page("overview", demo_with_surveys_url, monkeypatch, lang=lang)
    assert_clean(at)
    figures = progress.summary(db.get_engine(demo_with_surveys_url))
    sentence = t(
        "framing_national",
        lang,
        planted=fmt_int(figures["planted"], lang),
        national=fmt_short(programme.NATIONAL_LATEST_TREES, lang),
        when=fmt_day(programme.NATIONAL_LATEST_WHEN, lang),
    )
    assert sentence in [m.value for m in at.markdown]
    share = figures["planted"] / programme.TARGET_TREES
    rate = figures["estimate"]["rate"]
    required = fmt_pct(programme.SURVIVAL_TARGET, lang, 0)
    target = fmt_short(programme.TARGET_TREES, lang)
    assert [text for _, text in bars(at)] == [
        t("framing_target_bar", lang, target=target, share=fmt_pct(share, lang, 1)),
        t("framing_survival_bar", lang, rate=fmt_pct(rate, lang), required=required),
    ]
    assert bars(at)[1][0] == pytest.approx(min(rate / programme.SURVIVAL_TARGET, 1), abs=0.01)


def test_public_page_of_a_region_frames_its_figures_without_the_national_target(
    demo_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(db.DB_URL_ENV, demo_url)
    code = progress.breakdown(db.get_engine(demo_url), "region")["region"].iloc[0]
    at = AppTest.from_file(str(Path(__file__).parent.parent / "app.py"), default_timeout=60)
    at.query_params.update({"lang": "ru", "region": code})
    at.run()
    assert_clean(at)
    planted = progress.summary(db.get_engine(demo_url), queries.Filters(regions=(code,)))["planted"]
    sentence = t(
        "framing_region",
        "ru",
        place=region_name(code, "ru"),
        planted=fmt_int(planted, "ru"),
        national=fmt_short(programme.NATIONAL_LATEST_TREES, "ru"),
        when=fmt_day(programme.NATIONAL_LATEST_WHEN, "ru"),
    )
    assert sentence in [m.value for m in at.markdown]
    assert len(bars(at)) <= 1  # the survival bar only: a region's trees against 2 billion would mislead
    assert not any(text.startswith(t("framing_target_bar", "ru").split("{")[0][:12]) for _, text in bars(at))


def fast_low_survival_plantings(path: Path, today: date) -> Path:
    """Plantings of this year as an officer's Excel export writes them (cp1251, ``;``, spaces in thousands,
    dd.mm.yyyy): far more than the pace to 2 billion needs, but surveyed at about 45 % survival."""
    rows = ["Код участка;Дата посадки;Порода;Посажено;Прижилось;Дата учета"]
    for i, plot in enumerate(["BLW-0020", "BLW-0050", "BLW-0065", "BLW-0070", "BLW-0090", "BLW-0000"]):
        planted, surveyed = today - timedelta(days=200 - i), today - timedelta(days=30 + i)
        alive = 130_000_000 + 2_000_000 * i
        rows.append(f"{plot};{planted:%d.%m.%Y};сосна обыкновенная;300 000 000;{alive:,};{surveyed:%d.%m.%Y}")
    path.write_bytes(("\r\n".join(rows).replace(",", " ") + "\r\n").encode("cp1251"))
    return path


def test_the_pace_verdict_is_not_green_while_survival_is_below_65_percent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = with_admin(f"sqlite:///{tmp_path / 'orman.sqlite'}")
    engine = db.get_engine(url)
    for path in (DATA / "below65_plots.geojson", fast_low_survival_plantings(tmp_path / "season.csv", date.today())):
        assert store.import_file(engine, path.read_bytes(), path.name, user=ADMIN).committed
    outlook = progress.projection(engine)
    assert outlook.pace.on_track and outlook.survival_on_track is False  # planting fast enough, survival too low
    at = open_page("overview", url, monkeypatch, lang="en")
    assert_clean(at)
    assert not at.success
    behind = t(
        "pace_survival_behind",
        "en",
        rate=fmt_pct(outlook.estimate.rate, "en"),
        required=fmt_pct(programme.SURVIVAL_TARGET, "en", 0),
        alive=fmt_int(outlook.surviving, "en"),
        deadline=fmt_date(programme.DEADLINE, "en"),
        needed=fmt_int(outlook.surviving_target, "en"),
    )
    assert behind in [w.value for w in at.warning]


@pytest.mark.parametrize("lang", ("kk", "ru"))
def test_history_says_why_a_batch_cannot_be_rolled_back_before_asking(
    lang: str, empty_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The plots batch that plantings stand on: the store's refusal, in the reader's language, and no button; the
    plantings batch on top: the button. Checking changes nothing."""
    engine = db.get_engine(empty_url)
    plots = store.import_file(engine, GOOD_PLOTS.read_bytes(), GOOD_PLOTS.name).batch
    plantings = store.import_file(engine, GOOD_PLANTINGS.read_bytes(), GOOD_PLANTINGS.name).batch
    before = store.version(engine), progress.summary(engine)["planted"]
    at = open_page("history", empty_url, monkeypatch, lang=lang)
    at.selectbox(key="history_batch").set_value(plots).run()
    assert_clean(at)
    refusal = message("rollback_plantings_depend", lang, batch=plots, plots=2, later=str(plantings))
    assert [i.value for i in at.info] == [refusal]
    assert not [b for b in at.button if b.key in ("rollback_ask", "rollback_yes")]
    at.selectbox(key="history_batch").set_value(plantings).run()
    assert not at.info and at.button(key="rollback_ask").label == t("rollback_button", lang)
    assert (store.version(engine), progress.summary(engine)["planted"]) == before
