"""geo.survival: the estimate of surviving trees with its 95 % interval, against a known truth over many random
surveys, against a textbook computation by hand, and at its edges (full counts, too few surveys, pooled strata,
write-offs); and the random draw of the plantings to survey."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from geo import survival
from geo.survival import Collapsed, Estimate, NoEstimate, draw_sample, estimate

REGIONS = {"KZ-10": 0.78, "KZ-43": 0.32, "KZ-11": 0.60}  # mean survival: pine near Semey, saxaul, Akmola
YEARS = (2022, 2023, 2024)
REPETITIONS = 1000


def population(seed: int = 1, per_stratum: int = 400) -> pd.DataFrame:
    """3 regions × 3 planting years of plantings, planted counts spread over tens of times (log-normal, 200 to some
    60 000) and survival varying between plantings (beta around the region's mean, lower for older years), with
    the true number alive in ``true``."""
    rng = np.random.default_rng(seed)
    parts = []
    for region, mean in REGIONS.items():
        for age, year in enumerate(reversed(YEARS)):
            planted = np.round(rng.lognormal(np.log(8000), 0.8, per_stratum)).astype(int) + 200
            mu = mean - 0.07 * age
            share = rng.beta(6 * mu, 6 * (1 - mu), per_stratum)
            true = rng.binomial(planted, share)
            parts.append(pd.DataFrame({"region": region, "year": year, "planted": planted, "true": true}))
    frame = pd.concat(parts, ignore_index=True)
    return frame.assign(region=pd.Categorical(frame["region"], categories=list(REGIONS)))  # the fast way in


def surveyed(pop: pd.DataFrame, rows: pd.Index, rng: np.random.Generator) -> pd.DataFrame:
    """``pop`` with the plantings at ``rows`` surveyed: half counted in full, half on sample plots of 200 spots
    (the alive among them drawn without replacement from the planting's true alive and dead)."""
    planted, true = pop["planted"].to_numpy()[rows], pop["true"].to_numpy()[rows]
    counted = np.where(rng.random(len(rows)) < 0.5, planted, np.minimum(planted, 200))
    alive, count = np.full(len(pop), np.nan), np.full(len(pop), np.nan)
    alive[rows] = rng.hypergeometric(true, planted - true, counted)
    count[rows] = counted
    return pop.assign(alive=alive, counted=count)


def test_interval_covers_the_true_number_about_95_percent_of_random_surveys_and_is_not_padded():
    pop = population()
    truth = int(pop["true"].sum())
    rng = np.random.default_rng(7)
    results = []
    for rep in range(REPETITIONS):
        sample = draw_sample(pop, 180, seed=rep)  # 5 % of the plantings, 20 a stratum
        results.append(estimate(surveyed(pop, sample.index, rng)))
    assert all(isinstance(r, Estimate) and not r.collapsed for r in results)
    point = np.array([r.surviving for r in results], dtype=float)
    low, high = np.array([r.low for r in results]), np.array([r.high for r in results])
    coverage = np.mean((low <= truth) & (truth <= high))
    padding = np.mean((high - low) / 2) / (1.96 * point.std())
    assert 0.90 <= coverage <= 0.99, coverage
    assert 0.85 <= padding <= 1.25, padding
    assert abs(point.mean() - truth) < 0.01 * truth
    assert abs(point.mean() - truth) < 0.2 * point.std()  # the ratio's bias is small beside its error


def test_plantings_all_surveyed_on_sample_plots_keep_the_counts_error_and_cover_the_truth():
    pop = population(seed=2, per_stratum=60)
    truth = int(pop["true"].sum())
    rng = np.random.default_rng(3)
    planted, true = pop["planted"].to_numpy(), pop["true"].to_numpy()
    counted = np.minimum(planted, 60)  # every planting, on sample plots of 60 spots
    results = [
        estimate(pop.assign(alive=rng.hypergeometric(true, planted - true, counted), counted=counted))
        for _ in range(300)
    ]
    low, high = np.array([r.low for r in results]), np.array([r.high for r in results])
    assert 0.90 <= np.mean((low <= truth) & (truth <= high)) <= 0.99
    assert all(r.standard_error > 0 for r in results)


def hand_case() -> pd.DataFrame:
    """Two strata of a few plantings; three of each surveyed, one of each on sample plots."""
    rows = [
        ("KZ-10", 2022, 1000, 800, None),
        ("KZ-10", 2022, 2000, 100, 200),
        ("KZ-10", 2022, 1000, 600, 1000),
        ("KZ-10", 2022, 4000, None, None),
        ("KZ-10", 2022, 2000, None, None),
        ("KZ-43", 2023, 3000, 2400, 3000),
        ("KZ-43", 2023, 3000, 1500, 3000),
        ("KZ-43", 2023, 5000, 54, 100),
        ("KZ-43", 2023, 1000, None, None),
    ]
    return pd.DataFrame(rows, columns=["region", "year", "planted", "alive", "counted"])


def textbook(strata: list[tuple[list[int], list[tuple[int, int, int]]]]) -> tuple[float, float, float]:
    """Cochran's two-stage ratio estimate, term by term in plain Python: for each stratum, the planted counts of all
    its plantings and (planted, alive, counted) of the surveyed ones. Leave-one-out ratios computed one by one."""
    total, parts = 0.0, []
    for population_planted, sample in strata:
        big_n, big_x, n = len(population_planted), sum(population_planted), len(sample)
        x = [s[0] for s in sample]
        y = [s[0] * s[1] / s[2] for s in sample]
        ratio = sum(y) / sum(x)
        total += big_x * ratio
        leave_one_out = [(sum(y) - y[j]) / (sum(x) - x[j]) for j in range(n)]
        mean = sum(leave_one_out) / n
        jackknife = (n - 1) / n * sum((r - mean) ** 2 for r in leave_one_out) * big_x**2
        f = n / big_n
        counts = sum(xi**2 * (1 - m / xi) * (a / m) * (1 - a / m) / (m - 1) for (xi, a, m) in sample if m < xi)
        parts.append(((1 - f) * jackknife + f * (big_x / sum(x)) ** 2 * counts, n))
    variance = sum(v for v, _ in parts)
    df = variance**2 / sum(v**2 / (n - 1) for v, n in parts)
    return total, variance, df


def test_a_small_case_matches_the_hand_computation_to_the_tree():
    result = estimate(hand_case(), min_surveys=3)
    # By hand: R = 2400 / 4000 = 0.6 and 6600 / 11000 = 0.6, so 10 000 · 0.6 + 12 000 · 0.6 = 13 200 trees.
    # Jackknife, stratum 1: d = (1/15, −1/10, 0), Σ (d − d̄)² = 114 / 8100, (1 − 3/5) · 10 000² · 2/3 · 114 / 8100
    # = 375 308.6; its sample count: 3/5 · (10 000 / 4000)² · 2000² · 0.9 · 0.5 · 0.5 / 199 = 16 959.8.
    # Stratum 2: d = (18, −9, −12) / 240, Σ (d − d̄)² = 546 / 57 600, 1/4 · 12 000² · 2/3 · 546 / 57 600 = 227 500;
    # its count: 3/4 · (12 000 / 11 000)² · 5000² · 0.98 · 0.54 · 0.46 / 99 = 54 868.2. Σ v = 674 636.7, SE 821.4,
    # df = 2 (Σ v)² / (v₁² + v₂²) = 3.897, t = 2.806: 13 200 ± 2 304.5.
    assert isinstance(result, Estimate)
    assert (result.surviving, result.low, result.high) == (13_200, 10_895, 15_505)
    assert result.standard_error == pytest.approx(821.3627, abs=1e-3)
    assert result.df == pytest.approx(3.8966, abs=1e-4)
    assert result.rate == pytest.approx(0.6)
    assert result.surveyed == 6
    total, variance, df = textbook(
        [
            ([1000, 2000, 1000, 4000, 2000], [(1000, 800, 1000), (2000, 100, 200), (1000, 600, 1000)]),
            ([3000, 3000, 5000, 1000], [(3000, 2400, 3000), (3000, 1500, 3000), (5000, 54, 100)]),
        ]
    )
    half = stats.t.ppf(0.975, df) * variance**0.5
    assert (result.surviving, result.low, result.high) == (round(total), round(total - half), round(total + half))


def test_full_counts_of_every_planting_give_the_exact_sum_and_no_interval():
    pop = population(seed=4, per_stratum=30)
    frame = pop[["region", "year", "planted"]].assign(alive=pop["true"], counted=pop["planted"])
    result = estimate(frame)
    assert isinstance(result, Estimate)
    assert result.surviving == result.low == result.high == pop["true"].sum()
    assert result.standard_error == 0
    assert result.surveyed == len(pop)


def test_too_few_surveys_give_no_estimate_with_the_reason():
    pop = population(seed=5, per_stratum=20)
    frame = surveyed(pop, pd.Index([0, 25, 70, 130]), np.random.default_rng(0))
    assert estimate(frame) == NoEstimate(survival.TOO_FEW_SURVEYS, 4)
    assert estimate(frame).as_json() is None
    assert estimate(frame.iloc[:0]) == NoEstimate(survival.NO_PLANTINGS, 0)


def first_rows(pop: pd.DataFrame, counts: dict[tuple[str, int], int], default: int = 0) -> pd.Index:
    """The first ``counts[stratum]`` plantings of each (region, year) stratum (``default`` for the others)."""
    strata = pop.groupby(["region", "year"]).indices
    return pd.Index(np.concatenate([rows[: counts.get(key, default)] for key, rows in strata.items()]))


def test_a_stratum_with_one_survey_is_pooled_with_the_next_year_of_its_region_and_reported():
    pop = population(seed=6, per_stratum=40)
    frame = surveyed(pop, first_rows(pop, {("KZ-10", 2023): 1}, default=8), np.random.default_rng(1))
    result = estimate(frame)
    assert isinstance(result, Estimate)
    assert result.collapsed == (Collapsed("KZ-10", 2023, 1, (("KZ-10", 2024),)),)
    assert result.surveyed == 8 * 8 + 1


def test_a_stratum_nobody_surveyed_is_estimated_from_its_neighbour_year():
    pop = population(seed=7, per_stratum=40)
    frame = pop[["region", "year", "planted"]].assign(alive=pop["planted"] // 2, counted=pop["planted"])
    unsurveyed = (frame["region"] == "KZ-43") & (frame["year"] == 2024)
    frame.loc[unsurveyed, ["alive", "counted"]] = np.nan  # this year's plantings, not yet inventoried
    result = estimate(frame)
    assert isinstance(result, Estimate)
    assert result.collapsed == (Collapsed("KZ-43", 2024, 0, (("KZ-43", 2023),)),)
    assert result.rate == pytest.approx(0.5, abs=1e-3)  # every surveyed planting has half its trees alive


def test_regions_short_of_surveys_are_pooled_together():
    pop = population(seed=8, per_stratum=10)
    rows = first_rows(pop, {("KZ-10", 2022): 7, ("KZ-43", 2022): 3, ("KZ-11", 2022): 3})
    result = estimate(surveyed(pop, rows, np.random.default_rng(2)))
    assert isinstance(result, Estimate)
    pooled = {(c.region, c.year): (c.surveys, set(c.pooled_with)) for c in result.collapsed}
    assert pooled[("KZ-10", 2024)] == (0, {("KZ-10", 2022), ("KZ-10", 2023)})
    short = {(region, year) for region in ("KZ-43", "KZ-11") for year in YEARS}
    assert pooled[("KZ-43", 2022)] == (3, short - {("KZ-43", 2022)})
    assert set(pooled) == short | {("KZ-10", 2023), ("KZ-10", 2024)}


def test_regions_still_short_together_join_the_stratum_with_the_most_surveys():
    pop = population(seed=8, per_stratum=10)
    rows = first_rows(pop, {("KZ-10", 2022): 5, ("KZ-10", 2023): 9, ("KZ-43", 2022): 2, ("KZ-11", 2022): 2})
    result = estimate(surveyed(pop, rows, np.random.default_rng(2)))
    assert isinstance(result, Estimate)
    pooled = {(c.region, c.year): set(c.pooled_with) for c in result.collapsed}
    assert ("KZ-10", 2023) in pooled[("KZ-43", 2022)]
    assert ("KZ-10", 2022) not in pooled[("KZ-43", 2022)]


def test_written_off_plantings_count_zero_alive_and_stay_in_planted():
    pop = population(seed=9, per_stratum=40)
    frame = surveyed(pop, draw_sample(pop, 120, seed=1).index, np.random.default_rng(4))
    burnt = pop[["region", "year", "planted"]].iloc[:50].assign(alive=0, counted=np.nan, written_off=True)
    alone, with_burnt = estimate(frame.assign(written_off=False)), estimate(pd.concat([frame, burnt]))
    assert isinstance(alone, Estimate) and isinstance(with_burnt, Estimate)
    assert (with_burnt.surviving, with_burnt.low, with_burnt.high) == (alone.surviving, alone.low, alone.high)
    assert with_burnt.rate == pytest.approx(alone.surviving / (frame["planted"].sum() + burnt["planted"].sum()))
    assert with_burnt.surveyed == alone.surveyed
    everything_burnt = estimate(burnt)
    assert isinstance(everything_burnt, Estimate)
    assert (everything_burnt.surviving, everything_burnt.low, everything_burnt.high) == (0, 0, 0)


def test_a_survey_with_no_tree_alive_lowers_the_estimate():
    frame = hand_case()
    dead = estimate(frame.assign(alive=frame["alive"].where(frame.index != 0, 0)), min_surveys=3)
    assert isinstance(dead, Estimate)
    assert dead.surviving == 13_200 - 10_000 * 800 // 4000


def test_the_estimate_is_the_contracts_json_object():
    result = estimate(hand_case(), min_surveys=3)
    assert isinstance(result, Estimate)
    assert result.as_json() == {
        "surviving": 13_200,
        "low": 10_895,
        "high": 15_505,
        "rate": pytest.approx(0.6),
        "rate_low": pytest.approx(10_895.465 / 22_000, abs=1e-6),
        "rate_high": pytest.approx(15_504.535 / 22_000, abs=1e-6),
        "surveyed": 6,
        "method": survival.METHOD,
    }


def test_draw_sample_is_reproducible_by_seed():
    pop = population(seed=10, per_stratum=50)
    first, again, other = draw_sample(pop, 40, seed=3), draw_sample(pop, 40, seed=3), draw_sample(pop, 40, seed=4)
    assert first.index.equals(again.index)
    assert not first.index.equals(other.index)


def test_draw_sample_draws_without_replacement_in_proportion_to_the_strata():
    pop = population(seed=11, per_stratum=50)
    pop = pop[~((pop["region"] == "KZ-10") & (pop["year"] == 2022) & (pop.index % 2 == 0))]  # one stratum half size
    sample = draw_sample(pop, 100, seed=5)  # 100 · 25 / 425 = 5.9 and 100 · 50 / 425 = 11.8 a stratum
    assert len(sample) == 100 and sample.index.is_unique
    sizes = pop.groupby(["region", "year"], observed=True).size()
    drawn = sample.groupby(["region", "year"], observed=True).size().reindex(sizes.index, fill_value=0)
    assert ((drawn - 100 * sizes / len(pop)).abs() < 1).all()
    assert len(draw_sample(pop, 10**6, seed=5)) == len(pop)


def test_draw_sample_restricted_to_a_region_never_draws_outside_it_nor_written_off_plantings():
    pop = population(seed=12, per_stratum=30).assign(written_off=False)
    pop.loc[pop.index % 3 == 0, "written_off"] = True
    sample = draw_sample(pop, 25, seed=6, region="KZ-43")
    assert len(sample) == 25
    assert (sample["region"] == "KZ-43").all()
    assert not sample["written_off"].any()
    assert draw_sample(pop, 25, seed=6, region="KZ-99").empty


@pytest.mark.parametrize("seed", range(6))
def test_every_region_in_one_pass_is_each_region_estimated_alone_to_the_last_digit(seed: int):
    """Regions with enough surveys, one short of them, one with none, collapsed years, written-off plantings and a
    row standing for several unsurveyed plantings: estimate_by region gives what estimate gives per region."""
    rng = np.random.default_rng(seed)
    pop = population(seed=seed, per_stratum=30)
    counts = {("KZ-10", 2022): int(rng.integers(0, 12)), ("KZ-10", 2023): 1, ("KZ-43", 2024): int(rng.integers(2, 6))}
    frame = surveyed(pop, first_rows(pop, counts, default=int(rng.integers(0, 9))), rng)
    frame = frame.assign(
        written_off=rng.random(len(frame)) < 0.05, records=np.where(rng.random(len(frame)) < 0.1, 3, 1)
    )
    frame = frame.assign(region=frame["region"].astype(object))
    frame = pd.concat([frame, frame.iloc[:4].assign(region="KZ-75", alive=np.nan, counted=np.nan)], ignore_index=True)

    alone = {region: estimate(part) for region, part in frame.groupby("region", sort=True)}
    together = survival.estimate_by(frame, survival.REGION)

    assert list(together) == list(alone) and together == alone
    assert isinstance(together["KZ-75"], NoEstimate)  # nobody surveyed there


SPECIES_SHIFT = {"Pinus sylvestris": 0.12, "Ulmus pumila": 0.0, "Haloxylon aphyllum": -0.22}  # from the region's


def mixed_population(seed: int, per_stratum: int = 300) -> pd.DataFrame:
    """`population`'s strata with a species per planting (shares differing by region) whose survival is shifted
    from the region's by SPECIES_SHIFT, so species differ as pine, elm and saxaul do; truth in ``true``."""
    rng = np.random.default_rng(seed)
    names = list(SPECIES_SHIFT)
    shares = {"KZ-10": [0.6, 0.25, 0.15], "KZ-43": [0.15, 0.25, 0.6], "KZ-11": [0.35, 0.4, 0.25]}
    parts = []
    for region, mean in REGIONS.items():
        for age, year in enumerate(reversed(YEARS)):
            species = rng.choice(names, per_stratum, p=shares[region])
            planted = np.round(rng.lognormal(np.log(8000), 0.8, per_stratum)).astype(int) + 200
            mu = np.clip(mean - 0.07 * age + np.array([SPECIES_SHIFT[s] for s in species]), 0.05, 0.95)
            true = rng.binomial(planted, rng.beta(6 * mu, 6 * (1 - mu)))
            parts.append(
                pd.DataFrame({"region": region, "year": year, "species": species, "planted": planted, "true": true})
            )
    return pd.concat(parts, ignore_index=True)


def test_each_species_interval_covers_its_true_number_about_95_percent_of_random_surveys():
    """The draw is stratified by region × year and blind to species; each species is then estimated within the
    same strata, from its own surveyed plantings there."""
    pop = mixed_population(seed=21)
    truth = pop.groupby("species")["true"].sum()
    rng = np.random.default_rng(22)
    covered = dict.fromkeys(SPECIES_SHIFT, 0)
    repetitions = 400
    for rep in range(repetitions):
        sample = draw_sample(pop, 540, seed=rep)  # 60 a stratum, 9 to 36 of each species
        found = survival.estimate_by(surveyed(pop, sample.index, rng), "species")
        assert set(found) == set(SPECIES_SHIFT)
        for name, result in found.items():
            assert isinstance(result, Estimate)
            covered[name] += result.low <= truth[name] <= result.high
    coverage = {name: hits / repetitions for name, hits in covered.items()}
    assert all(0.90 <= share <= 0.99 for share in coverage.values()), coverage


@pytest.mark.parametrize("by", ["region", "species", "year"])
def test_every_group_in_one_pass_is_each_group_estimated_alone_to_the_last_digit(by: str):
    """Any grouping column, with groups that have enough surveys, too few, none, collapsed strata and write-offs:
    estimate_by gives what estimate gives for each group's plantings alone; by region, what it gave before."""
    rng = np.random.default_rng(5)
    pop = mixed_population(seed=23, per_stratum=40)
    rows = pop.groupby(["region", "year"]).indices
    chosen = np.concatenate([r[: int(rng.integers(0, 14))] for r in rows.values()])
    frame = surveyed(pop, pd.Index(chosen), rng).assign(written_off=rng.random(len(pop)) < 0.05)
    frame.loc[frame["species"] == "Ulmus pumila", ["alive", "counted"]] = np.nan  # a species nobody surveyed

    alone = {key: estimate(part) for key, part in frame.groupby(by, sort=True)}
    together = survival.estimate_by(frame, by)

    assert list(together) == list(alone) and together == alone
    assert any(isinstance(r, Estimate) for r in together.values())
    if by == "species":
        assert together["Ulmus pumila"] == NoEstimate(survival.TOO_FEW_SURVEYS, 0)
