"""Demo data: plausible, all 20 regions, every name marked DEMO, deterministic, imported as ordinary batches."""

from __future__ import annotations

import io
import json
from datetime import date

import pandas as pd
import pytest
from sqlalchemy.engine import Engine

from geo import demo, writeoffs
from geo.export import plots_with_figures
from geo.progress import breakdown, summary
from geo.regions import REGIONS
from geo.store import history, rollback

DAY = date(2026, 5, 20)  # mid-spring: this season's plantings are in, their surveys are not
FACTS_SPECIES = {
    demo.PINE,
    demo.SAXAUL,
    demo.ELM,
    demo.OLIVE,
    demo.BIRCH,
    demo.SPRUCE,
    demo.TAMARISK,
    demo.CALLIGONUM,
    demo.POPLAR,
}


@pytest.fixture(scope="module")
def files() -> demo.DemoFiles:
    return demo.generate(plots=400, today=DAY)


def plantings_table(data: bytes) -> pd.DataFrame:
    table = pd.read_csv(io.StringIO(data.decode("utf-8-sig")), sep=";", dtype=str, keep_default_na=False)
    table.columns = ["plot_id", "date", "species", "planted", "surviving", "survey_date", "operation", "area_ha"]
    return table.assign(
        date=pd.to_datetime(table["date"], format="%d.%m.%Y"),
        survey_date=pd.to_datetime(table["survey_date"].replace("", None), format="%d.%m.%Y"),
        planted=pd.to_numeric(table["planted"].replace("", "0")).astype(int),
        surviving=pd.to_numeric(table["surviving"].replace("", None)).astype("Int64"),
        area_ha=pd.to_numeric(table["area_ha"].str.replace(",", ".").replace("", None)).astype("float64"),
    )


def test_the_same_seed_and_day_give_the_same_files_and_another_seed_others(files: demo.DemoFiles) -> None:
    again = demo.generate(plots=400, today=DAY)
    other = demo.generate(plots=400, today=DAY, seed=7)

    assert (again.plots, again.plantings) == (files.plots, files.plantings)
    assert other.plots != files.plots


def test_every_name_says_demo_and_every_region_has_plots(files: demo.DemoFiles) -> None:
    features = json.loads(files.plots)["features"]
    props = [f["properties"] for f in features]

    assert len(features) == 400 == files.plot_count
    assert all(p["plot_id"].startswith("DEMO-") for p in props)
    assert all(p[k].startswith("DEMO ") for p in props for k in ("name", "partner", "forestry"))
    assert {p["region"] for p in props} == set(REGIONS)
    assert len({p["partner"] for p in props}) >= 5


def test_plantings_are_seasonal_2021_on_never_in_the_future_with_plausible_surveys(files: demo.DemoFiles) -> None:
    (old_name, _), (name, latest) = files.plantings
    table = plantings_table(latest)

    assert name.endswith(f"{DAY.isoformat()}.csv") and old_name.endswith("2025-05-20.csv")
    assert table["date"].min() >= pd.Timestamp(2021, 1, 1) and table["date"].max() <= pd.Timestamp(DAY)
    assert table["date"].dt.month.isin([3, 4, 5, 9, 10, 11]).all()
    assert set(table["species"]) <= FACTS_SPECIES
    assert set(table["operation"]) == {"", "дополнение", "посев"}  # plantings, gap-fillings and sowings
    assert table.loc[table["operation"] != "", "surviving"].isna().all()  # survival is the plantings'
    assert (table.loc[table["operation"] == "посев", "species"] == demo.SAXAUL).all()
    surveyed = table[table["surviving"].notna()]
    assert (surveyed["survey_date"] <= pd.Timestamp(DAY)).all() and (surveyed["survey_date"] > surveyed["date"]).all()
    assert (surveyed["surviving"] <= surveyed["planted"]).all()
    assert table.loc[table["date"].dt.year == 2026, "surviving"].isna().all()
    rate = surveyed.groupby("species")[["surviving", "planted"]].sum()
    rate = rate["surviving"] / rate["planted"]
    assert rate[demo.SAXAUL] < 0.45 < rate[demo.PINE]


def test_the_demo_is_ordinary_batches_by_demo_counted_once(store: Engine) -> None:
    results = demo.load(store, plots=60, today=DAY)

    assert [r.committed for r in results] == [True, True, True, True]
    assert [(b.kind, b.user) for b in reversed(history(store))] == [
        ("plots", "demo"),
        ("plantings", "demo"),
        ("plantings", "demo"),
        ("writeoffs", "demo"),
    ]
    season = results[2]
    assert season.updated > 0 and season.unchanged > 0 and season.new > 0
    latest = plantings_table(demo.generate(plots=60, today=DAY).plantings[-1][1])
    figures = summary(store)
    planted = latest.groupby("operation")["planted"].sum()
    assert figures["planted"] == planted[""] and figures["gap_filled"] == planted["дополнение"] > 0
    sown = latest.loc[latest["operation"] == "посев", "area_ha"]
    assert figures["sown_ha"] == pytest.approx(sown.sum()) and len(sown) > 0 and figures["plots"] == 60
    assert set(figures["by_region"]) == set(REGIONS)
    assert plots_with_figures(store)["name"].str.startswith("DEMO ").all()
    assert breakdown(store, "partner")["partner"].str.startswith("DEMO ").all()


def test_the_demo_writes_off_a_burnt_plot_of_semey_so_the_figure_shows_at_first_start(store: Engine) -> None:
    demo.load(store, plots=60, today=DAY)
    acts = writeoffs.acts(store)
    assert acts[["reason", "act"]].values.tolist() == [["fire", "DEMO-1"]]
    assert acts["plot_id"].str.startswith("DEMO-KZ10").all()
    figures = summary(store)
    assert 0 < figures["written_off"] == figures["by_region"]["KZ-10"]["written_off"] < figures["planted"]
    stats = plots_with_figures(store).set_index("plot_id").loc[acts["plot_id"].iloc[0]]
    assert stats["written_off"] > 0 and stats["surviving"] == 0


def test_loading_the_demo_again_changes_nothing_and_rolling_it_back_empties_the_store(store: Engine) -> None:
    first = demo.load(store, plots=40, today=DAY)
    again = demo.load(store, plots=40, today=DAY)

    assert [r.already for r in again] == [True, True, True, True]
    assert [r.batch for r in again] == [r.batch for r in first]
    for result in reversed(first):
        assert rollback(store, result.batch, user="admin").ok
    assert summary(store)["plots"] == 0 and summary(store)["planted"] == 0
