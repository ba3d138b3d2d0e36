"""The programme's figures, read from the store's aggregates: totals, breakdowns, pace and survival.

Every figure is an SQL aggregate in the database. Totals and breakdowns come from the small ``cube_*`` tables the
store refreshes with each batch (region x partner x species x year x month), so they cost milliseconds whatever the
number of plantings. Only a species or year filter makes plot counts (and survival per plot) read the plantings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from typing import Any, Literal, overload

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from geo import db, surveys, writeoffs
from geo.columns import FIGURE_SUMS, M2_PER_HA, OPERATION_SUMS, PLANTING, PLANTING_KEY
from geo.programme import DEADLINE, SURVIVAL_GAP_FILLING, SURVIVAL_TARGET, SURVIVAL_WRITE_OFF, TARGET_TREES
from geo.queries import (
    NO_FILTERS,
    Bind,
    Filters,
    connect,
    cube_conditions,
    current,
    planting_conditions,
    plot_conditions,
    plot_totals,
)
from geo.species import LIST_SEPARATOR
from geo.survival import NO_PLANTINGS, Estimate, NoEstimate
from geo.survival import estimate as estimate_surviving

PACE_WINDOW_MONTHS = 12  # the current pace is what was planted over this many months
MONTHS_PER_YEAR = 12
DAYS_PER_MONTH = 365.2425 / MONTHS_PER_YEAR
PROJECTION_HORIZON_YEARS = 50  # a completion date further away than this is shown as "not at this pace"

Dimension = Literal["region", "partner", "species", "year", "month"]


def _planting_sums(group: list[sa.ColumnElement], filters: Filters) -> sa.Select:
    cube = db.cube_plantings
    return (
        sa.select(
            *group,
            sa.func.sum(cube.c.planted).label("planted"),
            sa.func.sum(cube.c.surviving).label("surviving"),
            sa.func.sum(cube.c.surveyed_planted).label("surveyed_planted"),
            *[sa.func.sum(cube.c[name]).label(name) for name in OPERATION_SUMS],
            sa.func.sum(cube.c.records).label("records"),
        )
        .where(*cube_conditions(filters))
        .group_by(*group)
        .order_by(*group)
    )


@overload
def expected_alive(planted: int, survival: float | None) -> int | None: ...
@overload
def expected_alive(planted: pd.Series, survival: pd.Series | np.ndarray) -> pd.Series: ...
def expected_alive(planted: Any, survival: Any) -> Any:
    """The trees expected alive: planted x the survival measured at the latest surveys, rounded to whole trees.
    None for a scalar never surveyed; for a Series, an Int64 Series with NA where never surveyed."""
    if isinstance(planted, pd.Series):
        return (planted * survival).round().astype("Int64")
    return None if survival is None else round(planted * survival)


def density_per_ha(planted: pd.Series, area_ha: pd.Series) -> pd.Series:
    """Trees planted per hectare (DATA-CONTRACT "Density"), as floats; NaN where the area is not known (0)."""
    area = area_ha.astype("float64")
    return (planted.astype("float64") / area.where(area > 0)).astype("float64")


def sown_ha(m2: Any) -> Any:
    """Hectares sown from the square metres the aggregates keep (a number or a Series of them)."""
    return m2 / M2_PER_HA


def _frame(conn: Connection, query: sa.Select, keys: list[str]) -> pd.DataFrame:
    frame = db.frame(conn.execute(query), [*keys, *FIGURE_SUMS])
    return frame.fillna(dict.fromkeys(FIGURE_SUMS, 0)).astype(dict.fromkeys(FIGURE_SUMS, "int64"))


def summary(bind: Bind, filters: Filters = NO_FILTERS, inventories: bool = False) -> dict[str, Any]:
    """The ``summary --json`` figures (DATA-CONTRACT), plus ``survival`` (surviving / surveyed_planted, None before
    any survey) and ``survival_adjusted`` (planted x survival: the trees expected alive); ``mapped_share``, the share
    of planted trees on plots with a polygon, not only a point (None before any planting); ``written_off``, the
    trees planted on plantings written off by act (geo.writeoffs), in all and per region; ``estimate`` with its
    95 % interval at the top and per region, and ``estimate_reason`` beside it (geo.survival's reason when null).

    ``planted`` counts planting records alone; ``gap_filled`` (seedlings of gap-fillings) and ``sown_ha`` (hectares
    sown) stand beside it, at the top and per region. Gap-filling seedlings replace dead ones: counting them as
    trees would count a tree twice, and adding them to the survival counts would raise a rate they only mend. So
    survival, the estimate and density are the plantings' alone; gap-filling shows as its own figure.

    With ``inventories``, ``estimate_by_inventory`` as well: {"1": …, "3": …}, each an ``estimate`` and its
    ``estimate_reason``, from first- and third-year inventories apart (`surveys.estimates_by_inventory`), or {}
    where the selection does not hold both. On request only: it reads the survey history, which costs a summary
    about as much again at scale, and imports take a summary before and after."""
    cube = db.cube_plantings
    with connect(bind) as conn:
        by_region = _frame(conn, _planting_sums([cube.c.region], filters), ["region"])
        by_year = _frame(conn, _planting_sums([cube.c.year], filters), ["year"])
        by_partner = _frame(conn, _planting_sums([cube.c.partner], filters), ["partner"])
        by_species = _frame(conn, _planting_sums([cube.c.species], filters), ["species"])
        places = plot_totals(conn, ["region", "partner"], filters)  # one pass over the plots serves both
        estimated = surveys.estimates(conn, filters)
        on_points = _planted_on_points(conn, filters)
        by_inventory = surveys.estimates_by_inventory(conn, filters) if inventories else None
        written_off = writeoffs.planted_by_region(conn, filters)
    plots_region = places.groupby("region", as_index=False)[["plots", "area_ha"]].sum()
    plots_partner = places.groupby("partner", as_index=False)[["plots", "area_ha"]].sum()
    planted, surviving = int(by_region["planted"].sum()), int(by_region["surviving"].sum())
    gap_filled, sown_m2 = int(by_region["gap_filled"].sum()), int(by_region["sown_m2"].sum())
    surveyed = int(by_region["surveyed_planted"].sum())
    survival = surviving / surveyed if surveyed else None
    regions = by_region.merge(plots_region, on="region", how="outer").fillna(0).sort_values("region")
    partners = by_partner.merge(plots_partner, on="partner", how="outer").fillna(0).sort_values("partner")
    return {
        "target": TARGET_TREES,
        "planted": planted,
        "surviving": surviving,
        "surveyed_planted": surveyed,
        "plots": int(plots_region["plots"].sum()),
        "area_ha": float(plots_region["area_ha"].sum()),
        "survival": survival,
        "survival_adjusted": expected_alive(planted, survival),
        "mapped_share": (planted - on_points) / planted if planted else None,
        "gap_filled": gap_filled,
        "sown_ha": sown_ha(sown_m2),
        "written_off": sum(written_off.values()),
        **_estimate_json(estimated.total),
        "by_region": {
            r.region: {
                "planted": int(r.planted),
                "surviving": int(r.surviving),
                "plots": int(r.plots),
                "area_ha": float(r.area_ha),
                "gap_filled": int(r.gap_filled),
                "sown_ha": sown_ha(int(r.sown_m2)),
                "written_off": written_off.get(r.region, 0),
                **_estimate_json(estimated.by_region.get(r.region, NO_REGION_PLANTINGS)),
            }
            for r in regions.itertuples()
        },
        "by_year": {str(int(r.year)): {"planted": int(r.planted)} for r in by_year.itertuples()},
        "by_partner": {r.partner: {"planted": int(r.planted), "plots": int(r.plots)} for r in partners.itertuples()},
        "by_species": {r.species: {"planted": int(r.planted)} for r in by_species.itertuples()},
        **({} if by_inventory is None else {"estimate_by_inventory": _inventory_json(by_inventory)}),
    }


def _planted_on_points(conn: Connection, filters: Filters) -> int:
    """Trees planted on current plots given as a point with an area, not a polygon: the part of planted that is
    not mapped (China's greening bulletin reports the mapped share)."""
    p = db.plots
    if filters.by_planting:
        t = db.plantings
        query = (
            sa.select(sa.func.sum(t.c.planted))
            .join(p, t.c.plot_id == p.c.plot_id)
            .where(t.c.operation == PLANTING, *planting_conditions(filters))
        )
    else:
        s = db.plot_stats
        query = sa.select(sa.func.sum(s.c.planted)).join(p, s.c.plot_id == p.c.plot_id)
    return int(conn.execute(query.where(current(p), p.c.point, *plot_conditions(p, filters))).scalar() or 0)


NO_REGION_PLANTINGS = NoEstimate(NO_PLANTINGS, 0)  # a region with plots and no plantings yet


def _estimate_json(result: Estimate | NoEstimate) -> dict[str, Any]:
    """The contract's ``estimate`` (null when there is none) and ``estimate_reason``: why not, else null."""
    return {"estimate": result.as_json(), "estimate_reason": surveys.reason(result)}


def _inventory_json(found: dict[str, Estimate | NoEstimate]) -> dict[str, dict[str, Any]]:
    """``estimate_by_inventory``: per kind of inventory, its ``estimate`` and ``estimate_reason``."""
    return {kind: _estimate_json(result) for kind, result in found.items()}


ESTIMATE_COLUMNS = ("estimate", "low", "high", "rate", "rate_low", "rate_high", "surveyed", "estimate_reason")


def region_estimates(figures: dict[str, Any]) -> pd.DataFrame:
    """A summary's estimates per region as a frame: region, estimate (surviving), low, high (its 95 % interval),
    rate, rate_low, rate_high, surveyed, and estimate_reason (why there is none; the figures then NA)."""
    return _estimate_table(figures["by_region"], "region")


def breakdown_estimates(
    bind: Bind, by: tuple[Dimension, ...], filters: Filters = NO_FILTERS
) -> dict[Dimension, pd.DataFrame]:
    """The estimate of each value of each dimension in ``by`` (region, year, partner, species), from one read of
    the store (`surveys.estimates_by`), as `region_estimates` frames: the dimension, then ESTIMATE_COLUMNS."""
    found = surveys.estimates_by(bind, by, filters)
    return {
        dimension: _estimate_table({key: _estimate_json(r) for key, r in found[dimension].items()}, dimension)
        for dimension in by
    }


def _estimate_table(entries: dict[Any, dict[str, Any]], by: str) -> pd.DataFrame:
    """Entries holding an ``estimate`` (or null) and an ``estimate_reason``, one row each, keyed ``by``."""
    rows = []
    for key, entry in entries.items():
        found = entry.get("estimate") or {}
        rows.append(
            {
                by: key,
                "estimate": found.get("surviving"),
                **{k: found.get(k) for k in ("low", "high", "rate", "rate_low", "rate_high", "surveyed")},
                "estimate_reason": entry.get("estimate_reason"),
            }
        )
    frame = pd.DataFrame(rows, columns=[by, *ESTIMATE_COLUMNS])
    whole = dict.fromkeys(("estimate", "low", "high", "surveyed"), "Int64")
    return frame.astype({**whole, **dict.fromkeys(("rate", "rate_low", "rate_high"), "float64")})


def with_estimates(
    frame: pd.DataFrame, estimates: dict[str, Any] | pd.DataFrame, by: Dimension = "region"
) -> pd.DataFrame:
    """A breakdown by ``by`` with each row's estimate beside it, in the frame's order: ``estimates`` is a summary
    (its regions' estimates, `region_estimates`) or a frame of `breakdown_estimates`. A row the estimates do not
    name has no plantings in the selection: its estimate_reason says so."""
    table = region_estimates(estimates) if isinstance(estimates, dict) else estimates
    merged = frame.merge(table.astype({by: frame[by].dtype}), on=by, how="left")
    unnamed = merged["estimate"].isna() & merged["estimate_reason"].isna()
    return merged.assign(estimate_reason=merged["estimate_reason"].where(~unnamed, NO_PLANTINGS))


def breakdown(bind: Bind, by: Dimension, filters: Filters = NO_FILTERS) -> pd.DataFrame:
    """Planted, surviving, surveyed_planted, records and survival per ``by``; plots, area_ha and density_per_ha
    (planted per hectare of its plots) as well when ``by`` is region or partner, and written_off (trees on
    plantings written off by act) by region. Sorted by ``by``."""
    cube = db.cube_plantings
    with connect(bind) as conn:
        frame = _frame(conn, _planting_sums([cube.c[by]], filters), [by])
        if by in ("region", "partner"):
            plots = plot_totals(conn, [by], filters)[[by, "plots", "area_ha"]]
            frame = frame.merge(plots, on=by, how="outer").fillna(0).astype({"plots": "int64"})
            frame = frame.astype(dict.fromkeys(FIGURE_SUMS, "int64"))
            frame["density_per_ha"] = density_per_ha(frame["planted"], frame["area_ha"])
        if by == "region":
            lost = writeoffs.planted_by_region(conn, filters)
            frame["written_off"] = frame["region"].map(lost).fillna(0).astype("int64")
    frame["survival"] = (frame["surviving"] / frame["surveyed_planted"]).where(frame["surveyed_planted"] > 0)
    frame["sown_ha"] = sown_ha(frame["sown_m2"].astype("float64"))
    return frame.sort_values(by, ignore_index=True)


def monthly(bind: Bind, filters: Filters = NO_FILTERS) -> pd.DataFrame:
    """Planted per calendar month with the running total: month (first day, Timestamp), planted, surviving,
    cumulative. Months without plantings between the first and the last are included with 0."""
    cube = db.cube_plantings
    with connect(bind) as conn:
        frame = _frame(conn, _planting_sums([cube.c.year, cube.c.month], filters), ["year", "month"])
    if frame.empty:
        return pd.DataFrame(
            {
                "month": pd.Series(dtype="datetime64[s]"),
                "planted": pd.Series(dtype="int64"),
                "surviving": pd.Series(dtype="int64"),
                "cumulative": pd.Series(dtype="int64"),
            }
        )
    months = pd.to_datetime(pd.DataFrame({"year": frame["year"], "month": frame["month"], "day": 1}))
    series = frame.assign(month=months)[["month", "planted", "surviving"]].set_index("month")
    full = pd.date_range(series.index.min(), series.index.max(), freq="MS")
    series = series.reindex(full, fill_value=0).rename_axis("month").reset_index()
    series["cumulative"] = series["planted"].cumsum()
    return series


def yearly(bind: Bind, filters: Filters = NO_FILTERS) -> pd.DataFrame:
    """Planted and surviving per year with the running total of planted."""
    frame = breakdown(bind, "year", filters)[["year", "planted", "surviving", "surveyed_planted"]]
    frame["cumulative"] = frame["planted"].cumsum()
    return frame


def _plot_survival(filters: Filters, places: bool = True) -> sa.Select:
    """Per surveyed current plot: plot_id, region, partner, surveyed_planted, surviving (an SQL query); without
    ``places`` and filters, plot_stats alone (it holds current plots only)."""
    p, s = db.plots, db.plot_stats
    if not places and filters == NO_FILTERS:
        return sa.select(s.c.plot_id, s.c.surveyed_planted, s.c.surviving).where(s.c.surveyed_planted > 0)
    partner = sa.func.coalesce(p.c.partner, "").label("partner")
    if filters.by_planting:
        t, latest = db.plantings, db.latest_surveys
        surveyed = sa.func.sum(sa.case((latest.c.surviving.is_not(None), t.c.planted), else_=0))
        same_planting = sa.and_(*[latest.c[k] == t.c[k] for k in ("plot_id", "date", "species")])
        return (
            sa.select(
                p.c.plot_id,
                p.c.region,
                partner,
                surveyed.label("surveyed_planted"),
                sa.func.coalesce(sa.func.sum(latest.c.surviving), 0).label("surviving"),
            )
            .join(t, t.c.plot_id == p.c.plot_id)
            .outerjoin(latest, same_planting)
            .where(current(p), t.c.operation == PLANTING, *planting_conditions(filters), *plot_conditions(p, filters))
            .group_by(p.c.plot_id, p.c.region, p.c.partner)
            .having(surveyed > 0)
        )
    return (
        sa.select(p.c.plot_id, p.c.region, partner, s.c.surveyed_planted, s.c.surviving)
        .join(s, s.c.plot_id == p.c.plot_id)
        .where(current(p), s.c.surveyed_planted > 0, *plot_conditions(p, filters))
    )


def survival_by_plot(bind: Bind, filters: Filters = NO_FILTERS) -> pd.DataFrame:
    """Per surveyed plot: plot_id, region, partner, surveyed_planted, surviving, survival (their ratio)."""
    query = _plot_survival(filters)
    with connect(bind) as conn:
        frame = db.frame(
            conn.execute(query.order_by(query.selected_columns.plot_id)),
            ["plot_id", "region", "partner", "surveyed_planted", "surviving"],
        )
    frame = frame.astype({"surveyed_planted": "int64", "surviving": "int64"})
    frame["survival"] = frame["surviving"] / frame["surveyed_planted"]
    return frame


def survival_distribution(bind: Bind, filters: Filters = NO_FILTERS, bins: int = 20) -> pd.DataFrame:
    """How many surveyed plots (and seedlings) fall in each survival band, counted in SQL: lower, upper, plots,
    surveyed_planted. Band k holds survival in [k/bins, (k+1)/bins); the last one includes 100 %."""
    rates = _plot_survival(filters, places=False).subquery()
    # Floor division of whole numbers: the band of surviving/surveyed without rounding.
    band = sa.case(
        (rates.c.surviving >= rates.c.surveyed_planted, sa.literal_column(str(bins - 1))),
        else_=(rates.c.surviving * sa.literal_column(str(int(bins)))) // rates.c.surveyed_planted,
    )
    query = sa.select(
        band.label("band"),
        sa.func.count().label("plots"),
        sa.func.sum(rates.c.surveyed_planted).label("surveyed_planted"),
    ).group_by(band)
    with connect(bind) as conn:
        counted = {int(r.band): (int(r.plots), int(r.surveyed_planted)) for r in conn.execute(query)}
    rows = [counted.get(k, (0, 0)) for k in range(bins)]
    return pd.DataFrame(
        {
            "lower": [k / bins for k in range(bins)],
            "upper": [(k + 1) / bins for k in range(bins)],
            "plots": [r[0] for r in rows],
            "surveyed_planted": [r[1] for r in rows],
        }
    )


def survival_target_share(
    bind: Bind, filters: Filters = NO_FILTERS, threshold: float = SURVIVAL_TARGET
) -> dict[str, Any]:
    """Surveyed plots and how many of them reach ``threshold`` survival (counted in SQL)."""
    rates = _plot_survival(filters, places=False).subquery()
    meets = sa.case((rates.c.surviving >= threshold * rates.c.surveyed_planted, 1), else_=0)
    with connect(bind) as conn:
        plots, meeting = conn.execute(sa.select(sa.func.count(), sa.func.coalesce(sa.func.sum(meets), 0))).one()
    return {
        "threshold": threshold,
        "plots": int(plots),
        "meeting": int(meeting),
        "share": int(meeting) / plots if plots else None,
    }


# What forestry practice asks of a surveyed plot (FACTS.md): below SURVIVAL_WRITE_OFF, write it off by act; below
# SURVIVAL_GAP_FILLING, replant the gaps next spring; from there up, nothing. Every plot below the target needs one,
# unless it is written off by act already (WRITTEN_OFF: done, nothing more to ask).
SurvivalFlag = Literal["write_off", "gap_filling", "written_off"]
WRITE_OFF: SurvivalFlag = "write_off"
GAP_FILLING: SurvivalFlag = "gap_filling"
WRITTEN_OFF: SurvivalFlag = "written_off"
SURVIVAL_FLAGS = (WRITE_OFF, GAP_FILLING, WRITTEN_OFF)
BELOW_TARGET_COLUMNS = (
    "plot_id",
    "region",
    "partner",
    "species",
    "survival",
    "planted",
    "density_per_ha",
    "surveyed_planted",
    "surviving",
    "last_survey",
    "age_days",
    "age_months",
    "flag",
)


def survival_flags(rates: pd.Series | np.ndarray, written_off: np.ndarray | None = None) -> np.ndarray:
    """The flag of each survival rate: "write_off" below SURVIVAL_WRITE_OFF, "gap_filling" below
    SURVIVAL_GAP_FILLING, None from there up or where nothing was surveyed (NaN); "written_off" where
    ``written_off`` (a flag a rate: the plot is written off by act already) holds, whatever its rate."""
    values = np.asarray(rates, dtype=float)
    flags = np.full(values.shape, None, dtype=object)
    flags[values < SURVIVAL_GAP_FILLING] = GAP_FILLING  # NaN compares false: no flag
    flags[values < SURVIVAL_WRITE_OFF] = WRITE_OFF
    if written_off is not None:
        flags[written_off] = WRITTEN_OFF
    return flags


def below_target_query(filters: Filters = NO_FILTERS, threshold: float = SURVIVAL_TARGET) -> sa.Select:
    """The current surveyed plots whose survival is below ``threshold`` under ``filters``, as `_plot_survival`
    gives them (an SQL query). Compared in whole numbers (surviving x 20 < surveyed x 13 for 65 %), so a plot at
    exactly the threshold is never below it by a rounding of the rate."""
    rates = _plot_survival(filters).subquery()
    share = Fraction(threshold).limit_denominator(10_000)
    below = rates.c.surviving * share.denominator < rates.c.surveyed_planted * share.numerator
    return sa.select(*rates.c).where(below)


def last_surveys(plot_ids: list[str] | None = None) -> sa.Select:
    """plot_id and last_survey, the latest survey date of the plot's current plantings, for each plot surveyed with
    a date (of ``plot_ids`` only, when given): an SQL query the map and the export join."""
    latest = db.latest_surveys
    chosen = [] if plot_ids is None else [latest.c.plot_id.in_(plot_ids)]
    return (
        sa.select(latest.c.plot_id, sa.func.max(latest.c.survey_date).label("last_survey"))
        .where(latest.c.survey_date.is_not(None), *chosen)
        .group_by(latest.c.plot_id)
    )


def below_target(
    bind: Bind, filters: Filters = NO_FILTERS, today: date | None = None, threshold: float = SURVIVAL_TARGET
) -> pd.DataFrame:
    """The surveyed plots below ``threshold`` (65 %) at their latest surveys, worst first: plot_id, region, partner,
    species (most planted first, ', '-joined), survival, planted, density_per_ha (planted per hectare of the
    plot), surveyed_planted, surviving, last_survey (the
    latest survey date of its plantings; None when a survey had no date), age_days and age_months of that survey
    as of ``today``, and flag ("write_off", "gap_filling", or "written_off" for a plot written off by act already:
    `survival_flags`). The same ``filters`` as every figure:
    with a species or year filter, only those plantings count."""
    today = today or date.today()
    below = below_target_query(filters, threshold).subquery()
    t, latest = db.plantings, db.latest_surveys
    same_planting = sa.and_(*[latest.c[k] == t.c[k] for k in PLANTING_KEY])
    details = (
        sa.select(
            t.c.plot_id,
            t.c.species,
            sa.func.sum(t.c.planted).label("planted"),
            sa.func.max(latest.c.survey_date).label("last_survey"),
            sa.func.sum(sa.case((latest.c.written_off.is_not(None), t.c.planted), else_=0)).label("written_off"),
        )
        .join(below, below.c.plot_id == t.c.plot_id)
        .outerjoin(latest, same_planting)
        .where(t.c.operation == PLANTING, *planting_conditions(filters))
        .group_by(t.c.plot_id, t.c.species)
    )
    p = db.plots
    areas = sa.select(below, p.c.area_ha).join(p, sa.and_(p.c.plot_id == below.c.plot_id, current(p)))
    with connect(bind) as conn:
        plots = db.frame(
            conn.execute(areas), ["plot_id", "region", "partner", "surveyed_planted", "surviving", "area_ha"]
        )
        species = db.frame(conn.execute(details), ["plot_id", "species", "planted", "last_survey", "written_off"])
    return _below_target_frame(plots, species, today)


def _below_target_frame(plots: pd.DataFrame, species: pd.DataFrame, today: date) -> pd.DataFrame:
    """`below_target`'s frame from the plots below it and their plantings per species."""
    species = species.astype({"planted": "int64", "written_off": "int64"})
    species = species.assign(last_survey=pd.to_datetime(species["last_survey"]))
    ranked = species.sort_values(["plot_id", "planted", "species"], ascending=[True, False, True])
    per_plot = ranked.groupby("plot_id").agg(
        planted=("planted", "sum"), last_survey=("last_survey", "max"), written_off=("written_off", "sum")
    )
    listed: dict[str, list[str]] = {}  # one pass over the driver's values: pandas joins text group by group
    for plot_id, name in zip(ranked["plot_id"].tolist(), ranked["species"].tolist(), strict=True):
        listed.setdefault(plot_id, []).append(name)
    per_plot["species"] = per_plot.index.map(lambda plot_id: LIST_SEPARATOR.join(listed[plot_id]))
    frame = plots.astype({"surveyed_planted": "int64", "surviving": "int64"}).join(per_plot, on="plot_id")
    frame["survival"] = frame["surviving"] / frame["surveyed_planted"]
    frame["density_per_ha"] = density_per_ha(frame["planted"], frame["area_ha"])
    surveyed = pd.to_datetime(frame["last_survey"])
    frame["last_survey"] = [None if pd.isna(d) else d.date() for d in surveyed]
    frame["age_days"] = (pd.Timestamp(today) - surveyed).dt.days.astype("Int64")
    frame["age_months"] = pd.array(
        [None if d is None else _months_between(d, today) for d in frame["last_survey"]], "Int64"
    )
    frame["flag"] = survival_flags(frame["survival"], writeoffs.wholly(frame["written_off"], frame["planted"]))
    frame = frame.sort_values(["survival", "plot_id"], ignore_index=True)
    return frame[list(BELOW_TARGET_COLUMNS)]


def _months_between(start: date, end: date) -> int:
    """Whole calendar months from ``start`` to ``end`` (15 March to 14 May: 1; to 15 May: 2)."""
    return (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)


def filter_options(bind: Bind) -> dict[str, list]:
    """The values the filters can take: regions and partners with plots, species and years with plantings."""
    plots, cube = db.cube_plots, db.cube_plantings
    with connect(bind) as conn:

        def values(column: sa.Column) -> list:
            return list(conn.execute(sa.select(column).distinct().order_by(column)).scalars())

        return {
            "regions": values(plots.c.region),
            "partners": values(plots.c.partner),
            "species": values(cube.c.species),
            "years": [int(y) for y in values(cube.c.year)],
        }


@dataclass(frozen=True)
class Pace:
    """Where the programme stands against TARGET_TREES by DEADLINE."""

    planted: int
    remaining: int
    months_left: float
    required_per_month: float | None  # None once the deadline has passed
    current_per_month: float  # mean over the last PACE_WINDOW_MONTHS full and current months
    projected_completion: date | None  # None when the recent pace needs more than PROJECTION_HORIZON_YEARS
    on_track: bool

    @property
    def required_per_year(self) -> float | None:
        """Trees still needed per year to reach the target by the deadline (the by-year chart's reference);
        None once the deadline has passed."""
        return None if self.required_per_month is None else self.required_per_month * MONTHS_PER_YEAR


def pace(
    bind: Bind,
    filters: Filters = NO_FILTERS,
    today: date | None = None,
    target: int = TARGET_TREES,
    deadline: date = DEADLINE,
) -> Pace:
    """Trees still needed per month to reach ``target`` by ``deadline``, the pace of the last 12 months, and the
    date that pace would reach the target."""
    today = today or date.today()
    series = monthly(bind, filters)
    planted = int(series["planted"].sum())
    remaining = max(target - planted, 0)
    months_left = max((deadline - today).days, 0) / DAYS_PER_MONTH
    start = pd.Timestamp(today.year, today.month, 1) - pd.DateOffset(months=PACE_WINDOW_MONTHS - 1)
    recent = int(series.loc[series["month"] >= start, "planted"].sum())
    current = recent / PACE_WINDOW_MONTHS
    days_needed = 0.0 if remaining == 0 else remaining / current * DAYS_PER_MONTH if current > 0 else None
    projected: date | None = None
    horizon = (date(today.year + PROJECTION_HORIZON_YEARS, today.month, 1) - today).days
    if days_needed is not None and days_needed <= horizon:
        projected = today + timedelta(days=days_needed)
    return Pace(
        planted=planted,
        remaining=remaining,
        months_left=months_left,
        required_per_month=remaining / months_left if months_left > 0 else None,
        current_per_month=current,
        projected_completion=projected,
        on_track=projected is not None and projected <= deadline,
    )


@dataclass(frozen=True)
class Projection:
    """Where the programme would stand at ``deadline`` if the current pace went on (`projection`): trees planted,
    the estimated surviving trees with a 95 % band, and what is needed per month to reach the targets."""

    pace: Pace
    today: date
    deadline: date
    planted: int  # projected planted total at the deadline
    estimate: Estimate | NoEstimate  # the estimated surviving trees now
    surviving: int | None  # projected estimated surviving at the deadline, with its band; None without an estimate
    surviving_low: int | None
    surviving_high: int | None
    surviving_target: int  # SURVIVAL_TARGET of the target: the trees that must be alive at the deadline
    surviving_needed_per_month: float | None  # surviving trees to add each month to have surviving_target
    planting_for_surviving_per_month: float | None  # trees to plant each month for that, at the estimated rate
    survival_on_track: bool | None  # the estimated survival reaches SURVIVAL_TARGET; None without an estimate
    on_track: bool  # the planting pace reaches the target in time and the estimated survival reaches its own


def projection(
    bind: Bind,
    filters: Filters = NO_FILTERS,
    today: date | None = None,
    target: int = TARGET_TREES,
    deadline: date = DEADLINE,
) -> Projection:
    """The trees planted and the estimated surviving trees at ``deadline`` if the current pace goes on, and what is
    needed per month to reach ``target`` planted and SURVIVAL_TARGET × ``target`` alive.

    Planted: today's total plus the pace of the last PACE_WINDOW_MONTHS months (`pace`) for every month left. It
    is a scenario, not an estimate, and carries no band: planting is seasonal (spring and autumn), so month-to-
    month variation measures the seasons, not the uncertainty of next year's planting.

    Surviving: the estimated surviving trees now (`survival.estimate`, with its 95 % interval) plus the trees
    still to be planted times the estimated survival rate; the band adds them at the interval's low and high rates
    (rate_low, rate_high). The assumption: plantings to come fare as the ones surveyed so far, and the trees alive
    now stay alive. Both lean optimistic where trees die after their first inventory (first-year counts above
    third-year ones; `surveys.estimates_by_inventory` shows by how much); the band carries only the estimate's
    sampling error, not that.

    Needed: planted per month, `pace`'s required_per_month; surviving per month, the trees that must still come
    alive to have SURVIVAL_TARGET × ``target`` at the deadline ((that − surviving now) / months left), and the
    planting that gives them at the estimated rate (÷ rate).
    """
    today = today or date.today()
    now = pace(bind, filters, today, target, deadline)
    found = estimate_surviving(surveys.estimate_frame(bind, filters))
    future = now.current_per_month * now.months_left
    alive_target = round(SURVIVAL_TARGET * target)
    projected: tuple[int | None, int | None, int | None] = (None, None, None)
    needed = planting = None
    meets = None
    if isinstance(found, Estimate):
        projected = (
            round(found.surviving + found.rate * future),
            round(found.low + found.rate_low * future),
            round(found.high + found.rate_high * future),
        )
        if now.months_left > 0:
            needed = max(alive_target - found.surviving, 0) / now.months_left
            planting = needed / found.rate if found.rate > 0 else None
        meets = bool(found.rate >= SURVIVAL_TARGET)
    return Projection(
        pace=now,
        today=today,
        deadline=deadline,
        planted=round(now.planted + future),
        estimate=found,
        surviving=projected[0],
        surviving_low=projected[1],
        surviving_high=projected[2],
        surviving_target=alive_target,
        surviving_needed_per_month=needed,
        planting_for_surviving_per_month=planting,
        survival_on_track=meets,
        on_track=now.on_track and meets is True,
    )
