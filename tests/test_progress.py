"""Figures read from the store (geo.progress) and what the map asks of it (geo.viewport), against pandas."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest
import shapely
from sqlalchemy.engine import Engine
from store_expected import assert_figures_equal, expected_summary, replay

from geo import db, programme, progress
from geo.queries import Filters
from geo.store import import_file
from geo.viewport import StoreSource, grid_aggregates, plots_in_bbox, region_aggregates, species_ranking

DATA = Path(__file__).parent / "data"
SEASONS = [
    DATA / n
    for n in (
        "store_plots_v1.geojson",
        "store_plantings_2024.csv",
        "store_plots_v2.geojson",
        "store_plantings_2025.csv",
    )
]
SEMEY = (80.19, 50.39, 80.24, 50.41)
PINE, SAXAUL, SPRUCE, BIRCH = "Pinus sylvestris", "Haloxylon", "Picea schrenkiana", "Betula pendula"  # as stored


@pytest.fixture(scope="module")
def seasons(module_store_url: str) -> Iterator[Engine]:
    """A store holding two seasons of plots and plantings (read only by these tests)."""
    engine = db.create_engine(module_store_url)
    for path in SEASONS:
        assert import_file(engine, path.read_bytes(), path.name, user="test").committed
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def records() -> tuple[pd.DataFrame, pd.DataFrame]:
    return replay(SEASONS)


def with_plots(records: tuple[pd.DataFrame, pd.DataFrame]) -> pd.DataFrame:
    plots, plantings = records
    return plantings.merge(plots, on="plot_id")


@pytest.mark.parametrize(
    "filters",
    [
        Filters(regions=("KZ-10",)),
        Filters(regions=("KZ-43", "KZ-19")),
        Filters(partners=("Shakarim University",)),
        Filters(partners=("",)),
        Filters(species=(SAXAUL,)),
        Filters(years=(2025,)),
        Filters(regions=("KZ-10",), species=(PINE,), years=(2024,)),
    ],
    ids=["semey", "two-regions", "partner", "no-partner", "saxaul", "2025", "combined"],
)
def test_filtered_summary_equals_pandas_on_the_same_selection(seasons: Engine, records, filters: Filters) -> None:
    plots, plantings = records
    chosen = plots
    if filters.regions:
        chosen = chosen[chosen["region"].isin(filters.regions)]
    if filters.partners:
        chosen = chosen[chosen["partner"].isin(filters.partners)]
    rows = plantings[plantings["plot_id"].isin(chosen["plot_id"])]
    if filters.species:
        rows = rows[rows["species"].isin(filters.species)]
    if filters.years:
        rows = rows[rows["date"].dt.year.isin(filters.years)]
    if filters.by_planting:
        chosen = chosen[chosen["plot_id"].isin(rows["plot_id"])]

    assert_figures_equal(progress.summary(seasons, filters), expected_summary(chosen, rows))


def test_breakdowns_equal_pandas_group_bys(seasons: Engine, records) -> None:
    rows = with_plots(records).assign(year=lambda f: f["date"].dt.year)
    for by in ("region", "partner", "species", "year"):
        frame = progress.breakdown(seasons, by)
        expected = rows.groupby(by)["planted"].sum()
        assert frame.set_index(by)["planted"].to_dict() == {k: int(v) for k, v in expected.items()}, by
    regions = progress.breakdown(seasons, "region").set_index("region")
    assert regions.loc["KZ-10", "plots"] == 4 and regions.loc["KZ-19", "survival"] == pytest.approx(0.8)
    assert regions.loc["KZ-43", "survival"] == pytest.approx(7_500 / 30_000)


def test_monthly_series_fills_empty_months_and_adds_up(seasons: Engine) -> None:
    series = progress.monthly(seasons)

    assert series["month"].iloc[0] == pd.Timestamp(2024, 4, 1) and series["month"].iloc[-1] == pd.Timestamp(2025, 10, 1)
    assert len(series) == 19
    by_month = dict(zip(series["month"].dt.strftime("%Y-%m"), series["planted"], strict=True))
    assert {m: v for m, v in by_month.items() if v} == {
        "2024-04": 102_000,
        "2024-10": 83_000,
        "2025-04": 29_000,
        "2025-10": 20_000,
    }
    assert series["cumulative"].iloc[-1] == 234_000 and series["cumulative"].is_monotonic_increasing
    yearly = progress.yearly(seasons)
    assert yearly[["year", "planted", "cumulative"]].values.tolist() == [
        [2024, 185_000, 185_000],
        [2025, 49_000, 234_000],
    ]


def test_survival_per_plot_is_surviving_over_surveyed_planted(seasons: Engine, records) -> None:
    rows = with_plots(records)
    surveyed = rows[rows["surviving"].notna()]
    sums = surveyed.groupby("plot_id")[["surviving", "planted"]].sum()
    expected = (sums["surviving"] / sums["planted"]).astype(float)

    rates = progress.survival_by_plot(seasons).set_index("plot_id")["survival"]

    pd.testing.assert_series_equal(rates.sort_index(), expected.sort_index(), check_names=False)
    pine_only = progress.survival_by_plot(seasons, Filters(species=(PINE,))).set_index("plot_id")
    assert pine_only.loc["SEM-0001", "survival"] == pytest.approx(28_000 / 35_000)


def test_survival_distribution_and_the_share_reaching_65_percent(seasons: Engine) -> None:
    rates = progress.survival_by_plot(seasons)["survival"]

    bands = progress.survival_distribution(seasons, bins=10)
    share = progress.survival_target_share(seasons)

    assert len(bands) == 10 and bands["plots"].sum() == len(rates)
    assert bands.loc[bands["lower"] == 0.2, "plots"].item() == 1  # ARL-0001, 25 %
    assert (share["plots"], share["meeting"]) == (len(rates), int((rates >= programme.SURVIVAL_TARGET).sum()))


def test_pace_needed_current_and_projected(seasons: Engine) -> None:
    today = date(2025, 10, 31)

    national = progress.pace(seasons, today=today)
    small = progress.pace(seasons, today=today, target=300_000)

    assert national.remaining == programme.TARGET_TREES - 234_000
    assert national.current_per_month == pytest.approx(49_000 / 12)
    assert national.required_per_month == pytest.approx(national.remaining / national.months_left)
    assert national.projected_completion is None and not national.on_track
    months_needed = 66_000 / (49_000 / 12)
    assert small.projected_completion == today + timedelta(days=months_needed * 365.2425 / 12) and small.on_track
    assert progress.pace(seasons, today=date(2028, 6, 1)).required_per_month is None


def test_pace_further_than_the_horizon_has_no_completion_date(seasons: Engine) -> None:
    today = date(2025, 10, 31)
    per_year = 49_000  # planted in the twelve months before today
    within = progress.pace(seasons, today=today, target=234_000 + per_year * (progress.PROJECTION_HORIZON_YEARS - 1))
    beyond = progress.pace(seasons, today=today, target=234_000 + per_year * (progress.PROJECTION_HORIZON_YEARS + 1))

    assert within.projected_completion is not None
    assert within.projected_completion.year == today.year + progress.PROJECTION_HORIZON_YEARS - 1
    assert beyond.projected_completion is None and not beyond.on_track


def test_filter_options_list_what_the_data_has(seasons: Engine) -> None:
    options = progress.filter_options(seasons)

    assert options["regions"] == ["KZ-10", "KZ-11", "KZ-19", "KZ-43"]
    assert options["partners"][0] == "" and "NWAFU branch, Semey" in options["partners"]
    assert sorted(options["species"]) == sorted([PINE, SAXAUL, SPRUCE, BIRCH])
    assert options["years"] == [2024, 2025]


def test_plots_in_a_viewport_come_largest_first_with_their_figures(seasons: Engine) -> None:
    plots, total = plots_in_bbox(seasons, SEMEY)

    assert total == 4 and set(plots["plot_id"]) == {"SEM-0001", "SEM-0002", "SEM-0003", "SEM-0004"}
    assert plots["plot_id"].iloc[0] == "SEM-0002" and plots["area_ha"].is_monotonic_decreasing
    first = plots.set_index("plot_id").loc["SEM-0001"]
    assert first["species"] == f"{PINE}, {BIRCH}"
    assert (first["planted"], first["surviving"], first["surveyed_planted"]) == (40_000, 31_900, 40_000)
    assert plots.crs.to_epsg() == 4326 and plots.geometry.geom_type.unique().tolist() == ["MultiPolygon"]
    capped, total = plots_in_bbox(seasons, SEMEY, limit=2)
    assert len(capped) == 2 and total == 4
    assert plots_in_bbox(seasons, SEMEY, filters=Filters(regions=("KZ-43",)))[1] == 0


def test_a_viewport_that_only_touches_a_plots_bounding_box_does_not_show_it(seasons: Engine) -> None:
    corner = (80.2051, 50.4031, 80.2060, 50.4040)  # beyond SEM-0001's north-east corner

    plots, total = plots_in_bbox(seasons, corner)

    assert total == 0 and plots.empty


def test_a_viewport_across_a_plots_edge_shows_that_plot(seasons: Engine) -> None:
    across = (80.2025, 50.3990, 80.2080, 50.4010)  # over SEM-0001's south-east corner, short of SEM-0002

    plots, total = plots_in_bbox(seasons, across)

    assert total == 1 and plots["plot_id"].tolist() == ["SEM-0001"]


def test_region_aggregates_sum_plots_and_place_them_at_their_mean_centre(seasons: Engine, records) -> None:
    plots, _ = records
    frame = region_aggregates(seasons).set_index("region")

    for region, group in plots.groupby("region"):
        centres = shapely.centroid(group["geometry"].to_numpy())
        assert frame.loc[region, "plots"] == len(group)
        assert frame.loc[region, "lon"] == pytest.approx(shapely.get_x(centres).mean())
        assert frame.loc[region, "lat"] == pytest.approx(shapely.get_y(centres).mean())
    assert frame["planted"].sum() == 234_000


def test_grid_cells_partition_the_plots(seasons: Engine) -> None:
    cells = grid_aggregates(seasons, None, 0.01)
    semey = grid_aggregates(seasons, SEMEY, 0.01)

    assert cells["plots"].sum() == 8 and cells["planted"].sum() == 234_000
    assert semey["plots"].sum() == 4 and set(semey["gx"]) == {8020, 8021, 8022}
    assert (semey["gy"] == 5040).all()


def test_species_ranking_and_the_map_source(seasons: Engine) -> None:
    assert species_ranking(seasons) == [PINE, SAXAUL, SPRUCE, BIRCH]
    source = StoreSource(seasons, Filters(regions=("KZ-10",)))
    assert source.regions()["region"].tolist() == ["KZ-10"]
    assert source.plots(SEMEY, 10)[1] == 4 and source.grid(None, 1.0)["plots"].sum() == 4


def test_trees_expected_alive_are_planted_times_survival_and_unknown_before_any_survey() -> None:
    assert progress.expected_alive(12_500, 0.8) == 10_000
    assert progress.expected_alive(12_500, None) is None
    alive = progress.expected_alive(pd.Series([12_500, 30_000, 4_000]), pd.Series([0.8, None, 0.333]))
    assert alive.dtype == "Int64" and alive.tolist() == [10_000, pd.NA, 1_332]


# --- the plots below 65 % -----------------------------------------------------------------------------------------

BELOW_FILES = (DATA / "below65_plots.geojson", DATA / "below65_plantings.csv")
BELOW_DAY = date(2026, 3, 19)  # "today" for the survey's age: a day short of six months after 20.09.2025
WHOLE_COUNTRY = programme.KAZAKHSTAN_EXTENT


@pytest.fixture
def below_store(store: Engine) -> Engine:
    """Plots surveyed at 20 %, 50 % (two surveyed plantings and one not), exactly 65 %, 70 % and 90 %, and one never
    surveyed, as tests/data/below65_* hold them (a cp1251 plantings sheet with a totals row)."""
    for path in BELOW_FILES:
        assert import_file(store, path.read_bytes(), path.name, user="test").committed
    return store


def test_the_plots_below_65_percent_come_worst_first_with_what_they_need_and_the_surveys_age(
    below_store: Engine,
) -> None:
    below = progress.below_target(below_store, today=BELOW_DAY)

    assert below["plot_id"].tolist() == ["BLW-0020", "BLW-0050"]  # 65 % exactly is not below; 70 %, 90 % are not
    assert below["survival"].tolist() == [0.2, 0.5]
    assert below["flag"].tolist() == ["write_off", "gap_filling"]
    worst, mid = below.to_dict("records")
    assert (worst["region"], worst["partner"], worst["planted"]) == ("KZ-10", "Shakarim University", 10_000)
    assert worst["last_survey"] == date(2025, 9, 20) and (worst["age_days"], worst["age_months"]) == (180, 5)
    # 50 %: 3 600 + 1 400 alive of the 10 000 surveyed; the unsurveyed elm counts in planted, not in survival
    assert (mid["partner"], mid["planted"], mid["surveyed_planted"], mid["surviving"]) == ("", 12_000, 10_000, 5_000)
    assert mid["species"] == f"{PINE}, {BIRCH}, Ulmus pumila"
    assert mid["last_survey"] == date(2025, 9, 15) and (mid["age_days"], mid["age_months"]) == (185, 6)


def test_the_plots_below_65_percent_follow_the_shared_filters(below_store: Engine) -> None:
    birch = progress.below_target(below_store, Filters(species=(BIRCH,)), today=BELOW_DAY)
    kyzylorda = progress.below_target(below_store, Filters(regions=("KZ-43",)), today=BELOW_DAY)
    no_partner = progress.below_target(below_store, Filters(partners=("",)), today=BELOW_DAY)

    assert birch["plot_id"].tolist() == ["BLW-0050"] and birch["survival"].item() == pytest.approx(0.35)
    assert (birch["planted"].item(), birch["last_survey"].item(), birch["age_months"].item()) == (
        4_000,
        date(2024, 10, 1),
        17,
    )
    assert kyzylorda.empty and list(kyzylorda.columns) == list(progress.BELOW_TARGET_COLUMNS)
    assert no_partner["plot_id"].tolist() == ["BLW-0050"]


def test_survival_flags_follow_forestry_practice() -> None:
    rates = [0.0, 0.2499, 0.25, 0.5, 0.8499, programme.SURVIVAL_GAP_FILLING, 1.0, float("nan")]

    flags = progress.survival_flags(pd.Series(rates)).tolist()

    assert flags == ["write_off", "write_off", "gap_filling", "gap_filling", "gap_filling", None, None, None]


def test_the_map_below_65_percent_keeps_only_those_plots_at_every_scale(below_store: Engine) -> None:
    below = StoreSource(below_store, below_target=True)
    everything = StoreSource(below_store)

    plots, total = below.plots(WHOLE_COUNTRY, 100)
    regions = below.regions().set_index("region")
    cells = below.grid(None, 1.0)

    assert total == 2 and set(plots["plot_id"]) == {"BLW-0020", "BLW-0050"}
    assert plots.set_index("plot_id").loc["BLW-0050", "last_survey"] == date(2025, 9, 15)
    assert regions.index.tolist() == ["KZ-10"]
    assert regions.loc["KZ-10", ["plots", "planted", "surviving", "surveyed_planted"]].tolist() == [
        2,
        22_000,
        7_000,
        20_000,
    ]
    assert cells["plots"].sum() == 2 and cells["planted"].sum() == 22_000
    assert everything.plots(WHOLE_COUNTRY, 100)[1] == 6 and everything.regions()["plots"].sum() == 6
    only_pine = StoreSource(below_store, Filters(species=(PINE,)), below_target=True)
    assert set(only_pine.plots(WHOLE_COUNTRY, 100)[0]["plot_id"]) == {"BLW-0020", "BLW-0050"}  # pine: 20 %, 60 %


def test_the_regions_on_the_map_carry_the_summarys_estimate(seasons: Engine, below_store: Engine) -> None:
    figures = progress.summary(seasons)["by_region"]
    regions = region_aggregates(seasons).set_index("region")
    few = region_aggregates(below_store).set_index("region")

    for region, entry in figures.items():
        found = entry["estimate"]
        shown = regions.loc[region, ["estimate", "estimate_low", "estimate_high"]].tolist()
        if found is None:
            assert all(pd.isna(v) for v in shown) and regions.loc[region, "estimate_reason"] == entry["estimate_reason"]
        else:
            assert shown == [found["surviving"], found["low"], found["high"]]
    assert few["estimate"].isna().all() and set(few["estimate_reason"]) == {"too_few_surveys"}


def test_projection_to_the_deadline_at_the_current_pace_by_hand(seasons: Engine) -> None:
    """234 000 planted, 49 000 of them in the twelve months to 31.10.2025, 791 days (25.99 months) to the deadline;
    the estimate of surviving trees from the seven surveyed plantings, at 63.8 %."""
    today = date(2025, 10, 31)
    found = progress.summary(seasons)["estimate"]
    months = 791 / (365.2425 / 12)
    future = 49_000 / 12 * months

    outlook = progress.projection(seasons, today=today)

    assert outlook.planted == round(234_000 + future)
    assert outlook.surviving == round(found["surviving"] + found["rate"] * future)
    assert outlook.surviving_low == round(found["low"] + found["rate_low"] * future)
    assert outlook.surviving_high == round(found["high"] + found["rate_high"] * future)
    assert outlook.surviving_low < outlook.surviving < outlook.surviving_high  # the band holds the projection
    assert outlook.surviving_target == 1_300_000_000
    needed = (1_300_000_000 - found["surviving"]) / months
    assert outlook.surviving_needed_per_month == pytest.approx(needed)
    assert outlook.planting_for_surviving_per_month == pytest.approx(needed / found["rate"])
    assert outlook.pace == progress.pace(seasons, today=today)
    assert found["rate"] < programme.SURVIVAL_TARGET and outlook.survival_on_track is False and not outlook.on_track


def test_the_pace_is_on_track_only_while_the_estimated_survival_reaches_65_percent(store: Engine) -> None:
    for path in [*SEASONS, DATA / "surveys_autumn_2025.csv"]:
        assert import_file(store, path.read_bytes(), path.name, user="test").committed
    today = date(2025, 10, 31)

    def within_reach(filters: Filters) -> progress.Projection:
        """The projection against a target the current pace reaches before the deadline."""
        return progress.projection(store, filters, today, target=progress.pace(store, filters, today).planted + 1_000)

    pine, everything, aral = (
        within_reach(Filters(species=(PINE,))),
        within_reach(Filters()),
        within_reach(Filters(regions=("KZ-43",))),
    )

    assert pine.pace.on_track and pine.survival_on_track and pine.on_track  # 72 % of the pine alive
    assert everything.pace.on_track and everything.survival_on_track is False and not everything.on_track  # 61 %
    assert aral.pace.on_track and aral.survival_on_track is None and not aral.on_track  # no estimate: not green
    assert (aral.surviving, aral.surviving_needed_per_month) == (None, None)
    assert aral.planted == aral.pace.planted + round(aral.pace.current_per_month * aral.pace.months_left)
