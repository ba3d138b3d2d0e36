"""Estimated surviving trees among all the trees planted in an area, with a 95 % interval, from a random sample of
surveyed plantings (DATA-CONTRACT "Estimated surviving trees"); and the random draw of that sample.

No store and no Streamlit: the input is a frame of the area's current plantings, one row per planting record, with
the columns named below. ``alive``/``counted`` come from the latest survey (blank where not surveyed; a blank
``counted`` beside an ``alive`` is a full count). ``written_off`` (optional, boolean) marks plantings written off
by act: they count zero alive, known for certain, so they are not part of the sample (see `estimate`).
``records`` (optional, default 1) lets one row stand for several unsurveyed plantings of a stratum, their
``planted`` summed: the estimate needs of them only how many there are and how many trees they hold, so a store
hands over its surveyed plantings one by one and the rest as a row per stratum.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import pandas as pd
from scipy import stats

REGION, YEAR, PLANTED, ALIVE, COUNTED, WRITTEN_OFF = "region", "year", "planted", "alive", "counted", "written_off"
RECORDS = "records"  # optional: how many unsurveyed planting records a row stands for (their planted summed)
MIN_SURVEYS = 5  # surveyed plantings a stratum needs to stand alone; fewer, and it is pooled with its neighbours
CONFIDENCE = 0.95
METHOD = "stratified ratio estimator (region × planting year), two-stage variance, Student t"
NO_PLANTINGS, TOO_FEW_SURVEYS = "no_plantings", "too_few_surveys"
REASONS = (NO_PLANTINGS, TOO_FEW_SURVEYS)  # why there is no estimate: NoEstimate.reason

Stratum = tuple[object, object]  # (region, planting year), as in the input


@dataclass(frozen=True)
class Collapsed:
    """A stratum with fewer than MIN_SURVEYS surveys, estimated together with the strata in ``pooled_with``."""

    region: object
    year: object
    surveys: int
    pooled_with: tuple[Stratum, ...]


@dataclass(frozen=True)
class Estimate:
    """Trees alive now among all planted trees of the area, with a 95 % interval (``low``–``high``), and the same as a
    share of planted. ``surveyed`` counts the surveyed planting records used; ``standard_error`` and ``df`` (Student
    t degrees of freedom) are the interval's ingredients; ``collapsed`` names the strata pooled for want of surveys."""

    surviving: int
    low: int
    high: int
    rate: float
    rate_low: float
    rate_high: float
    surveyed: int
    method: str
    standard_error: float
    df: float
    collapsed: tuple[Collapsed, ...] = ()

    def as_json(self) -> dict[str, object]:
        """The contract's ``estimate`` object."""
        return {
            "surviving": self.surviving,
            "low": self.low,
            "high": self.high,
            "rate": self.rate,
            "rate_low": self.rate_low,
            "rate_high": self.rate_high,
            "surveyed": self.surveyed,
            "method": self.method,
        }


@dataclass(frozen=True)
class NoEstimate:
    """No interval can be given: ``reason`` is NO_PLANTINGS or TOO_FEW_SURVEYS (fewer than MIN_SURVEYS)."""

    reason: str
    surveyed: int

    def as_json(self) -> None:
        """The contract's ``estimate``: null."""
        return None


def estimate(plantings: pd.DataFrame, min_surveys: int = MIN_SURVEYS) -> Estimate | NoEstimate:
    """Estimate the trees alive now among all of ``plantings``, surveyed or not, with a 95 % interval.

    Design: the surveyed plantings are a random sample of the area's plantings, drawn without replacement within
    strata of region × planting year (what `draw_sample` does); inside a surveyed planting, ``counted`` planting
    spots were examined (a second-stage sample; ``counted`` = ``planted`` is a full count).

    Estimator: the *separate* ratio estimator (Cochran, Sampling Techniques, 1977, ch. 6). In stratum h with N_h
    plantings and X_h trees planted, the n_h surveyed plantings give ŷ_i = planted_i · alive_i / counted_i and

        R̂_h = Σ ŷ_i / Σ x_i  (x_i = planted_i),   Ŷ = Σ_h X_h · R̂_h.

    Separate rather than combined, because survival differs strongly between regions and years (saxaul against
    pine, a drought year against a wet one): the combined estimator's variance keeps those differences, the
    separate one removes them (Cochran ch. 6, separate against combined). Its drawback, a ratio bias of order 1/n_h
    in each stratum, is kept small by pooling any stratum with fewer than ``min_surveys`` surveys with its
    neighbour: the next planting year of the same region (years taken in order, a short tail joins the last group),
    and a region short as a whole with the other short regions (or, if they are still short together, with the
    stratum that has the most surveys). A stratum nobody surveyed, such as this year's plantings, is so estimated
    from its neighbours' survival: the one step that rests on similarity rather than on the random draw.

    Variance, two-stage (Cochran ch. 11, units of unequal size; the ratio's weight X_h / x_h in place of N_h / n_h,
    x_h = Σ x_i over the sample), the between-planting term by the jackknife (Wolter, Introduction to Variance
    Estimation, ch. 4), written in residuals:

        v_h = (1 − f_h) X_h² (n_h − 1) / n_h · Σ (d_i − d̄_h)²  +  f_h (X_h / x_h)² Σ v_i,
        d_i = (ŷ_i − R̂_h x_i) / (x_h − x_i)   (R̂_h − d_i is the ratio with planting i left out),
        v_i = x_i² (1 − m_i / x_i) p_i (1 − p_i) / (m_i − 1)   (m_i = counted, p_i = alive / counted),
        f_h = n_h / N_h.

    The jackknife rather than Cochran's linearised s²_e = Σ (ŷ_i − R̂_h x_i)² / (n_h − 1): plantings differ in size
    by tens of times, and the linearised form then understates the error (a simulation of 20 surveys a stratum
    covered the truth 91 % of the time, the jackknife 94 %). The first term, from the differences between
    plantings, already carries most of the counting error inside them; the second adds back the part its finite
    population correction takes away, so that a stratum surveyed in full keeps the error of its sample counts, and
    full counts of every planting leave none. The interval is Ŷ ± t · √Σ v_h, Student's t at Satterthwaite's
    degrees of freedom (Σ v_h)² / Σ (v_h² / (n_h − 1)): between min(n_h) − 1 and Σ (n_h − 1), it widens the interval
    where a few strata with few surveys carry the variance. It is clipped to [0, planted].

    Written-off plantings (``written_off`` true) count zero alive for certain: a take-all stratum with no variance,
    outside the sample. Without the column, a planting with ``alive`` 0 is simply a surveyed planting.
    """
    if plantings.empty:
        return NoEstimate(NO_PLANTINGS, 0)
    return _grouped(plantings, np.zeros(len(plantings), dtype=np.intp), 1, min_surveys)[0]


def estimate_by(
    plantings: pd.DataFrame, by: str, min_surveys: int = MIN_SURVEYS
) -> dict[object, Estimate | NoEstimate]:
    """`estimate` of each group of plantings that share a value of the column ``by`` (region, year, partner,
    species…), in one pass over the frame: the same results, to the last digit, as ``{value: estimate(part) for
    value, part in plantings.groupby(by)}`` (rows without a value, which groupby leaves out, are left out), without a
    pass over the rows per group. Within a group the strata are still region × planting year, pooled among the
    group's own strata only, as they are when it is estimated alone: a species' plantings in a region and year are
    a random sample of that species' plantings there, because the draw is, within each stratum, blind to species."""
    if plantings.empty:
        return {}
    codes, values = pd.factorize(plantings[by], sort=True)
    kept = codes >= 0
    frame = plantings if kept.all() else plantings[kept]
    found = _grouped(frame, codes[kept], len(values), min_surveys)
    return {_plain(value): result for value, result in zip(values, found, strict=True)}


def _grouped(plantings: pd.DataFrame, group: np.ndarray, groups: int, min_surveys: int) -> list[Estimate | NoEstimate]:
    """`estimate` of each group 0…``groups``−1 of the rows (``group``, one number a row, each number present), in
    one pass: the strata of every group pooled among themselves (`_collapse`), then one ratio estimate of all."""
    least = max(min_surveys, 2)
    planted, alive, counted = _counts(plantings)
    in_frame = ~_written_off(plantings)
    surveyed = in_frame & ~np.isnan(alive) & (counted > 0)
    strata = _strata(plantings, group)
    size = len(strata.region)
    surveys = np.bincount(strata.code[surveyed], minlength=size)
    rows = np.bincount(strata.code[in_frame], minlength=size)
    group_planted = np.bincount(group, weights=planted, minlength=groups)
    bounds = np.searchsorted(strata.group, np.arange(groups + 1))  # a group's strata are consecutive
    group_of = np.full(size, -1)
    plans: list[tuple[int, int, np.ndarray] | Estimate | NoEstimate] = []
    next_id = 0
    for number in range(groups):
        own = np.arange(bounds[number], bounds[number + 1])
        taken = int(surveys[own].sum())
        if not rows[own].any():
            plans.append(_result(0.0, 0.0, group_planted[number], 0, float("inf"), ()))
        elif taken < least:
            plans.append(NoEstimate(TOO_FEW_SURVEYS, taken))
        else:
            present = own[rows[own] > 0]
            local = _collapse(strata.region_number[present], surveys[present], least)
            group_of[present] = local + next_id
            plans.append((next_id, next_id + int(local.max()) + 1, present))
            next_id += int(local.max()) + 1
    if next_id:
        stratum = group_of[strata.code]
        used, sampled = in_frame & (stratum >= 0), surveyed & (stratum >= 0)
        big_x, ratio, variance, n = _ratio_estimate(
            stratum[used],
            planted[used],
            _records(plantings)[used],
            stratum[sampled],
            planted[sampled],
            alive[sampled],
            counted[sampled],
        )
    results: list[Estimate | NoEstimate] = []
    for number, plan in enumerate(plans):
        if isinstance(plan, tuple):
            first, last, present = plan
            part = slice(first, last)
            collapsed = _collapsed(strata, present, surveys, group_of, least)
            taken = int(surveys[present].sum())
            plan = _combined(big_x[part], ratio[part], variance[part], n[part], group_planted[number], taken, collapsed)
        results.append(plan)
    return results


def _combined(
    big_x: np.ndarray,
    ratio: np.ndarray,
    variance: np.ndarray,
    n: np.ndarray,
    planted: float,
    surveyed: int,
    collapsed: tuple[Collapsed, ...],
) -> Estimate:
    """Ŷ = Σ X_h R̂_h over the strata, with the standard error √Σ v_h at Satterthwaite's degrees of freedom."""
    var = float(variance.sum())
    df = var**2 / float((variance**2 / (n - 1)).sum()) if var > 0 else float("inf")
    return _result(float(big_x @ ratio), var**0.5, planted, surveyed, df, collapsed)


def draw_sample(plantings: pd.DataFrame, n: int, seed: int, region: object = None) -> pd.DataFrame:
    """The ``n`` plantings to survey this season, drawn at random without replacement (rows of ``plantings``).

    Stratified by region × planting year with proportional allocation: each stratum gets n · N_h / N plantings,
    rounded by largest remainder so that they sum to n. Every planting has (up to that rounding) the same chance
    n / N, so the sample is what `estimate` assumes in each stratum, and it stays a simple random sample of any
    pooled strata, which keeps collapsing harmless. ``region`` restricts the draw to one region (proportional across
    its years). Written-off plantings are never drawn. The same frame, ``n`` and ``seed`` give the same draw.
    """
    keep = ~_written_off(plantings)
    if region is not None:
        keep &= (plantings[REGION] == region).to_numpy()
    frame = plantings if keep.all() else plantings[keep]
    size = len(frame)
    n = max(0, min(int(n), size))
    if n == 0:
        return frame.iloc[:0]
    code = _strata(frame).code
    sizes = np.bincount(code, minlength=int(code.max()) + 1)
    quota, remainder = np.divmod(n * sizes, size)
    quota[np.argsort(-remainder, kind="stable")[: n - int(quota.sum())]] += 1
    order = np.argsort(code + np.random.default_rng(seed).random(size))  # by stratum, at random within it
    starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    rank = np.arange(size) - starts[code[order]]
    chosen = np.sort(order[rank < quota[code[order]]])
    return frame.iloc[chosen]


def _counts(plantings: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """planted, alive (NaN where not surveyed) and counted (a blank beside an ``alive`` is the whole planting)."""
    planted = plantings[PLANTED].to_numpy(dtype=float)
    alive = plantings[ALIVE].to_numpy(dtype=float, na_value=np.nan)
    counted = plantings[COUNTED].to_numpy(dtype=float, na_value=np.nan)
    return planted, alive, np.where(np.isnan(counted), planted, counted)


def _ratio_estimate(
    frame_group: np.ndarray,
    frame_planted: np.ndarray,
    frame_records: np.ndarray,
    group: np.ndarray,
    x: np.ndarray,
    alive: np.ndarray,
    counted: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Each stratum's X_h, R̂_h, v_h and n_h (the formulas of `estimate`), from the groups of the plantings in the
    sample frame and of the surveyed ones (with their planted ``x``, ``alive`` and ``counted``)."""
    groups = int(frame_group.max()) + 1
    big_n = np.bincount(frame_group, weights=frame_records, minlength=groups)
    big_x = np.bincount(frame_group, weights=frame_planted, minlength=groups)
    n = np.bincount(group, minlength=groups).astype(float)
    p = alive / counted
    y = x * p
    x_sum = np.bincount(group, weights=x, minlength=groups)
    ratio = np.bincount(group, weights=y, minlength=groups) / x_sum
    rest = x_sum[group] - x
    d = (y - ratio[group] * x) / np.where(rest > 0, rest, np.inf)
    d_mean = np.bincount(group, weights=d, minlength=groups) / n
    spread = np.bincount(group, weights=(d - d_mean[group]) ** 2, minlength=groups)
    v_count = x**2 * np.clip(1 - counted / x, 0, None) * p * (1 - p) / np.maximum(counted - 1, 1)
    f = n / big_n
    between = (1 - f) * big_x**2 * (n - 1) / n * spread
    within = f * (big_x / x_sum) ** 2 * np.bincount(group, weights=v_count, minlength=groups)
    return big_x, ratio, between + within, n


def _records(plantings: pd.DataFrame) -> np.ndarray:
    """The planting records each row stands for: 1 each, unless a ``records`` column says more."""
    if RECORDS not in plantings:
        return np.ones(len(plantings))
    return plantings[RECORDS].fillna(1).to_numpy(dtype=float)


def _written_off(plantings: pd.DataFrame) -> np.ndarray:
    if WRITTEN_OFF not in plantings:
        return np.zeros(len(plantings), dtype=bool)
    return plantings[WRITTEN_OFF].fillna(False).to_numpy(dtype=bool)


class _Strata(NamedTuple):
    """Each row's stratum number (``code``) and, per stratum, its group, region, year and region number; strata are
    numbered group-major, then region, then year, in sorted order, so a group's strata are consecutive and, within
    it, a region's strata are consecutive and in year order. Only strata that hold rows are numbered."""

    code: np.ndarray
    group: np.ndarray
    region: np.ndarray
    year: np.ndarray
    region_number: np.ndarray


def _strata(plantings: pd.DataFrame, group: np.ndarray | None = None) -> _Strata:
    """The strata (region × planting year) of the rows, within each ``group`` (one number a row; all one without)."""
    region_code, regions = _factorize(plantings[REGION])
    year_code, years = _factorize(plantings[YEAR])
    within = region_code * len(years) + year_code
    dense = within if group is None else group * (len(regions) * len(years)) + within
    code, present = pd.factorize(dense, sort=True)  # hashing, then the few distinct strata sorted
    region_number = present // len(years) % len(regions)
    return _Strata(
        code=code,
        group=present // (len(regions) * len(years)),
        region=regions[region_number],
        year=years[present % len(years)],
        region_number=region_number,
    )


def _factorize(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Codes and sorted distinct values (an object array). Whole numbers in a short range, such as years, by
    arithmetic (values in the range that do not occur are strata with no plantings), the rest by hashing."""
    if pd.api.types.is_integer_dtype(values.dtype) and len(values) and not values.hasnans:
        array = values.to_numpy()
        low, high = int(array.min()), int(array.max())
        if high - low < 10_000:
            return array - low, np.arange(low, high + 1).astype(object)
    codes, uniques = pd.factorize(values, sort=True, use_na_sentinel=False)
    return codes, np.asarray(uniques, dtype=object)


def _collapse(region: np.ndarray, surveys: np.ndarray, min_surveys: int) -> np.ndarray:
    """Group numbers 0…G−1 for strata sorted by region then year, each group with at least ``min_surveys`` surveys:
    years of a region taken in order until they reach it (a short tail joins the region's last group); short
    regions pooled together, and that pool, if still short, joined to the group with the most surveys. A loop over
    strata (a few hundred at most), not over plantings."""
    group = np.full(len(surveys), -1)
    short: list[int] = []
    next_id = 0
    for code in np.unique(region):
        rows = np.flatnonzero(region == code)
        running, first_open = 0, 0
        for k, row in enumerate(rows):
            group[row] = next_id
            running += int(surveys[row])
            if running >= min_surveys:
                next_id, running, first_open = next_id + 1, 0, k + 1
        tail = rows[first_open:]
        if first_open == 0:
            group[tail] = -1
            short.extend(tail.tolist())
        elif len(tail):
            group[tail] = next_id - 1
    if short:
        pooled = next_id == 0 or surveys[short].sum() >= min_surveys
        kept = group >= 0
        group[short] = next_id if pooled else np.argmax(np.bincount(group[kept], weights=surveys[kept]))
    return np.unique(group, return_inverse=True)[1]


def _collapsed(
    strata: _Strata, present: np.ndarray, surveys: np.ndarray, group_of: np.ndarray, min_surveys: int
) -> tuple[Collapsed, ...]:
    """The strata of ``present`` (one group's) with fewer than ``min_surveys`` surveys, each with those it was pooled
    with."""

    def key(s: int) -> Stratum:
        return _plain(strata.region[s]), _plain(strata.year[s])

    return tuple(
        Collapsed(
            region=key(s)[0],
            year=key(s)[1],
            surveys=int(surveys[s]),
            pooled_with=tuple(key(o) for o in present if group_of[o] == group_of[s] and o != s),
        )
        for s in present
        if surveys[s] < min_surveys
    )


def _plain(value: object) -> object:
    """A numpy scalar as the Python value JSON writes; a missing value as None."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    return value.item() if isinstance(value, np.generic) else value


def _result(
    total: float, standard_error: float, planted: float, surveyed: int, df: float, collapsed: tuple[Collapsed, ...]
) -> Estimate:
    """The estimate with its interval Ŷ ± t · SE, clipped to [0, planted], in trees and as a share of planted."""
    half = float(stats.t.ppf(0.5 + CONFIDENCE / 2, df)) * standard_error if standard_error > 0 else 0.0
    planted = float(planted)  # Python floats, as JSON writes them
    total, low, high = (min(max(float(v), 0.0), planted) for v in (total, total - half, total + half))
    share = 1 / planted if planted > 0 else 0.0
    return Estimate(
        surviving=round(total),
        low=round(low),
        high=round(high),
        rate=total * share,
        rate_low=low * share,
        rate_high=high * share,
        surveyed=surveyed,
        method=METHOD,
        standard_error=standard_error,
        df=df,
        collapsed=collapsed,
    )
