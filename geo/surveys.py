"""The store's plantings as the survival estimate and the survey draw see them (geo.survival does the statistics).

The estimate reads what it needs in two aggregate queries: per region × planting year, the plantings and trees
planted (``cube_plantings``), and each surveyed planting with its latest survey (``latest_surveys``, kept by the
store with every batch). The plantings nobody surveyed enter as one row per stratum (survival's ``records``), so a
store of a million plantings is estimated from its surveys, not from a million rows.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import sqlalchemy as sa

from geo import db, survival, templates
from geo.columns import SURVEY_TEMPLATE
from geo.i18n import fmt_int, fmt_pct, t
from geo.queries import NO_FILTERS, Bind, Filters, connect, cube_conditions, current, plot_conditions

Result = survival.Estimate | survival.NoEstimate


@dataclass(frozen=True)
class Estimates:
    """The estimate of surviving trees for the whole selection and for each region in it."""

    total: Result
    by_region: dict[str, Result]


def estimate_frame(bind: Bind, filters: Filters = NO_FILTERS) -> pd.DataFrame:
    """The input of `survival.estimate`: region, year, planted, alive, counted, records — a row per surveyed
    planting (its latest survey), and a row per region × year for the unsurveyed rest."""
    cube, latest, p = db.cube_plantings, db.latest_surveys, db.plots
    strata = (
        sa.select(cube.c.region, cube.c.year, sa.func.sum(cube.c.planted), sa.func.sum(cube.c.records))
        .where(*cube_conditions(filters))
        .group_by(cube.c.region, cube.c.year)
    )
    conditions = [latest.c.region.in_(filters.regions)] if filters.regions else []
    if filters.species:
        conditions.append(latest.c.species.in_(filters.species))
    if filters.years:
        conditions.append(latest.c.year.in_(filters.years))
    surveyed_query = sa.select(latest.c.region, latest.c.year, latest.c.planted, latest.c.alive, latest.c.counted)
    if filters.partners:  # the partner is the plot's: only this filter needs the plots (the region is kept here)
        in_plots = sa.and_(p.c.plot_id == latest.c.plot_id, current(p))
        surveyed_query = surveyed_query.join(p, in_plots).where(*plot_conditions(p, replace(filters, regions=())))
    order = [latest.c.region, latest.c.year, latest.c.planted, latest.c.alive, latest.c.counted]
    surveyed_query = surveyed_query.where(*conditions).order_by(*order)  # ix_latest_surveys_estimate's order
    with connect(bind) as conn:
        totals = db.frame(conn.execute(strata), ["region", "year", "planted", "records"])
        rows = conn.execute(surveyed_query).cursor.fetchall()  # the driver's tuples: 100 000 rows without Row objects
    surveyed = _surveyed_frame(rows)
    surveyed["records"] = 1.0
    taken = surveyed.groupby(["region", "year"], as_index=False).agg(
        planted_surveyed=("planted", "sum"), surveyed=("records", "sum")
    )
    rest = totals.astype({"year": "int64", "planted": "float64", "records": "float64"}).merge(
        taken, on=["region", "year"], how="left"
    )
    rest = rest.fillna({"planted_surveyed": 0.0, "surveyed": 0.0})
    rest = pd.DataFrame(
        {
            "region": rest["region"],
            "year": rest["year"],
            "planted": rest["planted"] - rest["planted_surveyed"],
            "alive": np.nan,
            "counted": np.nan,
            "records": rest["records"] - rest["surveyed"],
        }
    )
    return pd.concat([surveyed, rest[rest["records"] > 0]], ignore_index=True)


def _surveyed_frame(rows: Sequence[Sequence[Any]]) -> pd.DataFrame:
    """region, year, planted, alive, counted of the surveyed plantings from the driver's tuples, in the order the
    query set by the figures alone, so that the same surveys give the same sums to the last digit whatever the
    store's history."""
    table = np.array(rows, dtype=object).reshape(len(rows), 5)  # one C pass over the tuples
    numbers = table[:, 1:].astype("float64")
    return pd.DataFrame(
        {
            "region": table[:, 0],
            "year": numbers[:, 0].astype("int64"),
            "planted": numbers[:, 1],
            "alive": numbers[:, 2],
            "counted": numbers[:, 3],
        }
    )


def estimates(bind: Bind, filters: Filters = NO_FILTERS) -> Estimates:
    """Estimated surviving trees with their 95 % interval, in all and per region (stratified by planting year)."""
    frame = estimate_frame(bind, filters)
    by_region = {str(region): found for region, found in survival.estimate_by_region(frame).items()}
    return Estimates(survival.estimate(frame), by_region)


def reason(result: Result) -> str | None:
    """Why there is no estimate (survival.NO_PLANTINGS or TOO_FEW_SURVEYS), None when there is one."""
    return result.reason if isinstance(result, survival.NoEstimate) else None


def explain(entry: dict[str, Any], lang: str) -> str:
    """A summary entry's ``estimate`` as one line in ``lang``: the number with its interval, or why there is none
    (``estimate_reason``)."""
    found = entry.get("estimate")
    if found is None:
        why = entry.get("estimate_reason") or survival.TOO_FEW_SURVEYS
        return t(f"estimate_{why}", lang, needed=survival.MIN_SURVEYS)
    return t(
        "estimate_line",
        lang,
        surviving=fmt_int(found["surviving"], lang),
        low=fmt_int(found["low"], lang),
        high=fmt_int(found["high"], lang),
        rate=fmt_pct(found["rate"], lang),
        rate_low=fmt_pct(found["rate_low"], lang),
        rate_high=fmt_pct(found["rate_high"], lang),
        surveyed=fmt_int(found["surveyed"], lang),
    )


def current_plantings(bind: Bind, region: str | None = None) -> pd.DataFrame:
    """The plantings in force: plot_id, date, species, planted, region, year — the frame the survey is drawn from."""
    t_, p = db.plantings, db.plots
    query = (
        sa.select(t_.c.plot_id, t_.c.date, t_.c.species, t_.c.planted, p.c.region)
        .join(p, sa.and_(p.c.plot_id == t_.c.plot_id, current(p)))
        .where(current(t_))
        .order_by(t_.c.plot_id, t_.c.date, t_.c.species)
    )
    if region is not None:
        query = query.where(p.c.region == region)
    with connect(bind) as conn:
        frame = db.frame(conn.execute(query), ["plot_id", "date", "species", "planted", "region"])
    frame["date"] = pd.to_datetime(frame["date"]).dt.date
    frame["year"] = pd.Series([d.year for d in frame["date"]], index=frame.index, dtype="int64")
    return frame.astype({"planted": "int64"})


def sample(bind: Bind, n: int, seed: int, region: str | None = None) -> pd.DataFrame:
    """The ``n`` plantings to survey this season, drawn at random by `survival.draw_sample` (stratified by region ×
    planting year), in the order of the store."""
    return survival.draw_sample(current_plantings(bind, region), n, seed=seed)


def template_headers(lang: str) -> list[str]:
    """The survey sheet's headers in ``lang``: the surveys template's names (geo.templates), each one a header the
    surveys upload reads back."""
    return [templates.header("surveys", name, lang) for name in SURVEY_TEMPLATE]


def write_template(drawn: pd.DataFrame, lang: str, path: Path) -> int:
    """Write the drawn plantings as the survey sheet the field teams fill in: the planting's key, planted and
    region filled, survey_date, alive, counted, survey and sample_plot empty. Dates dd.mm.yyyy, ``;`` delimited,
    UTF-8 with BOM: how Excel in a Russian locale opens and saves it. Returns the rows written."""
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, delimiter=";")
        writer.writerow(template_headers(lang))
        for rec in drawn.itertuples(index=False):
            filled = [rec.plot_id, rec.date.strftime("%d.%m.%Y"), rec.species, int(rec.planted), rec.region]
            writer.writerow([*filled, *[""] * (len(SURVEY_TEMPLATE) - len(filled))])
    return len(drawn)
