"""Plausible DEMO data: plots around real forestry areas of all 20 regions, plantings 2021-2026 with surveys.

Every plot id, name, partner and forestry starts with DEMO so nobody mistakes it for official data. The data goes
through the same import as an officer's upload (a plots GeoJSON, then two seasons of the cumulative plantings
spreadsheet), so the demo is ordinary batches that history lists and rollback removes.
"""

from __future__ import annotations

import io
import json
import math
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy.engine import Engine

from geo import settings, store, survival
from geo.columns import GAP_FILLING, PLANTING, SOWING

DEMO_USER = "demo"
DEFAULT_PLOTS = 600
DEFAULT_SEED = 2021
SURVEY_SHARE = 0.15  # of the inventoried plantings, the share drawn for this season's count on sample plots
SPOTS_PER_SAMPLE_PLOT = 100  # planting spots examined on one sample plot (учётная площадка)
SURVEY_DELAY = np.timedelta64(7, "D")  # the sample count follows the planting's inventory by a week
GAP_FILL_SHARE = 0.25  # of a plot's later seasons of its own species, the share that gap-fill it
SOWING_SHARE = 0.4  # of those on saxaul, the share that sow seed instead (direct seeding in the desert)
# The operations' words in the demo's sheet, as an officer writes them in Russian (a planting left blank).
OPERATION_WORDS = {PLANTING: "", GAP_FILLING: "дополнение", SOWING: "посев"}
FIRST_YEAR = 2021
LAST_YEAR = 2026
M_PER_DEG = 111_320.0

PINE, SAXAUL, ELM, OLIVE = "Pinus sylvestris", "Haloxylon aphyllum", "Ulmus pumila", "Elaeagnus angustifolia"
BIRCH, SPRUCE, TAMARISK, CALLIGONUM, POPLAR = (
    "Betula pendula",
    "Picea schrenkiana",
    "Tamarix ramosissima",
    "Calligonum aphyllum",
    "Populus nigra",
)
SOWN = (SAXAUL,)  # the species the demo also sows as seed (FACTS.md: saxaul on the dried Aral seabed)

DEMO_SUPERVISOR = "demo-supervisor"  # who rejected the demo's rejected upload (a name on record, not an account)
# The sign-off demo (``geo demo --sign-off``): this season's plantings on the first plots, one upload waiting for
# approval and one rejected for its implausible counts. (file name, species, trees per planting, plots)
WORKFLOW_UPLOADS = (
    ("DEMO_plantings_awaiting_approval.csv", PINE, 2_500, slice(0, 5)),
    ("DEMO_plantings_rejected.csv", BIRCH, 900_000, slice(5, 8)),
)
WORKFLOW_REASON = (
    "DEMO: 900 000 саженцев на участок — неправдоподобно, проверьте числа. / "
    "DEMO: учаскеге 900 000 көшет — нанымсыз, сандарды тексеріңіз."
)


@dataclass(frozen=True)
class Species:
    per_ha: int  # seedlings planted per hectare
    survival: float  # mean share alive at the first inventory


SPECIES = {
    PINE: Species(3000, 0.72),
    SAXAUL: Species(700, 0.32),
    ELM: Species(2200, 0.80),
    OLIVE: Species(2000, 0.74),
    BIRCH: Species(2500, 0.66),
    SPRUCE: Species(2800, 0.70),
    TAMARISK: Species(1200, 0.55),
    CALLIGONUM: Species(900, 0.45),
    POPLAR: Species(1600, 0.78),
}

SHAKARIM = "DEMO Shakarim University (Semey)"
NWAFU = "DEMO NWAFU branch, Semey"
SEIFULLIN = "DEMO S. Seifullin Kazakh Agrotechnical Research University"
KAZNARU = "DEMO Kazakh National Agrarian Research University"
KORKYT = "DEMO Korkyt Ata Kyzylorda University"
ZHANGIR = "DEMO Zhangir Khan West Kazakhstan Agrarian-Technical University"
AUEZOV = "DEMO M. Auezov South Kazakhstan University"


@dataclass(frozen=True)
class Site:
    code: str  # short, for plot ids
    name: str
    region: str
    lat: float
    lon: float
    species: tuple[tuple[str, float], ...]  # (species, weight)
    partners: tuple[str, ...]
    weight: float = 1.0  # share of the plots
    hectares: tuple[float, float] = (2.0, 40.0)  # plot sizes, min and max
    survival_factor: float = 1.0  # the site's conditions


SITES = (
    Site(
        "SEM",
        "Semey ribbon pine forest",
        "KZ-10",
        50.30,
        79.95,
        ((PINE, 0.85), (BIRCH, 0.15)),
        (SHAKARIM, NWAFU),
        weight=3.0,
    ),
    Site("BSK", "Beskaragay ribbon pine forest", "KZ-10", 50.85, 79.45, ((PINE, 1.0),), (SHAKARIM, NWAFU), 1.5),
    Site("ZHN", "Zhanasemey shelterbelts", "KZ-10", 50.45, 80.45, ((ELM, 0.6), (POPLAR, 0.4)), (SHAKARIM,), 0.6),
    Site(
        "KOK",
        "Kokshetau forest belt",
        "KZ-11",
        53.20,
        69.30,
        ((PINE, 0.6), (BIRCH, 0.4)),
        (SEIFULLIN,),
        0.8,
        survival_factor=0.85,
    ),
    Site(
        "BUR",
        "Burabay pine forest",
        "KZ-11",
        53.05,
        70.30,
        ((PINE, 0.8), (BIRCH, 0.2)),
        (SEIFULLIN,),
        1.2,
        survival_factor=0.82,
    ),
    Site("AKT", "Aktobe green belt", "KZ-15", 50.20, 57.30, ((ELM, 0.5), (OLIVE, 0.5)), (ZHANGIR,), 0.7),
    Site(
        "KAP",
        "Kapshagay saxaul massif",
        "KZ-19",
        43.95,
        77.25,
        ((SAXAUL, 0.7), (CALLIGONUM, 0.3)),
        (KAZNARU,),
        1.0,
        (10.0, 120.0),
    ),
    Site(
        "ILA",
        "Ile-Alatau spruce forest",
        "KZ-19",
        43.08,
        77.05,
        ((SPRUCE, 0.9), (BIRCH, 0.1)),
        (KAZNARU,),
        1.0,
        (1.0, 15.0),
    ),
    Site(
        "ATY",
        "Atyrau desert belt",
        "KZ-23",
        47.20,
        52.10,
        ((TAMARISK, 0.5), (SAXAUL, 0.5)),
        (ZHANGIR,),
        0.6,
        (5.0, 80.0),
        0.8,
    ),
    Site("ORL", "Oral river forest", "KZ-27", 51.30, 51.45, ((POPLAR, 0.5), (ELM, 0.5)), (ZHANGIR,), 0.7),
    Site("TRZ", "Taraz shelterbelts", "KZ-31", 42.95, 71.50, ((ELM, 0.6), (OLIVE, 0.4)), (KAZNARU, AUEZOV), 0.7),
    Site("MNK", "Moiynkum saxaul sands", "KZ-31", 44.30, 71.80, ((SAXAUL, 1.0),), (KAZNARU,), 0.7, (10.0, 120.0), 0.9),
    Site(
        "TLD",
        "Taldykorgan forest",
        "KZ-33",
        45.05,
        78.45,
        ((ELM, 0.4), (POPLAR, 0.3), (PINE, 0.3)),
        (KAZNARU,),
        0.8,
        survival_factor=0.82,
    ),
    Site(
        "ZHA",
        "Zhongar-Alatau spruce forest",
        "KZ-33",
        45.15,
        80.05,
        ((SPRUCE, 1.0),),
        (KAZNARU,),
        0.6,
        (1.0, 15.0),
        0.85,
    ),
    Site("KRK", "Karkaraly pine forest", "KZ-35", 49.40, 75.45, ((PINE, 0.7), (BIRCH, 0.3)), (SEIFULLIN,), 0.9),
    Site("NRZ", "Naurzum pine forest", "KZ-39", 51.50, 64.35, ((PINE, 0.9), (BIRCH, 0.1)), (SEIFULLIN,), 0.9),
    Site("AMK", "Amankaragay pine forest", "KZ-39", 52.50, 64.55, ((PINE, 1.0),), (SEIFULLIN,), 0.7),
    Site(
        "ARL",
        "Aral seabed saxaul plantations",
        "KZ-43",
        45.90,
        60.90,
        ((SAXAUL, 0.85), (CALLIGONUM, 0.15)),
        (KORKYT, NWAFU),
        2.5,
        (20.0, 150.0),
        0.9,
    ),
    Site(
        "KZO",
        "Kyzylorda Syr Darya belt",
        "KZ-43",
        44.90,
        65.60,
        ((SAXAUL, 0.5), (TAMARISK, 0.5)),
        (KORKYT,),
        0.8,
        (5.0, 80.0),
    ),
    Site(
        "MNG",
        "Mangystau desert plantations",
        "KZ-47",
        43.90,
        51.60,
        ((SAXAUL, 0.6), (TAMARISK, 0.4)),
        (ZHANGIR,),
        0.6,
        (5.0, 80.0),
        0.8,
    ),
    Site("PVL", "Ertis ribbon pine forest", "KZ-55", 52.25, 78.10, ((PINE, 1.0),), (SHAKARIM, NWAFU), 1.5),
    Site("PTR", "Petropavl birch forest", "KZ-59", 54.75, 69.30, ((BIRCH, 0.6), (PINE, 0.4)), (SEIFULLIN,), 0.8),
    Site(
        "TRK", "Turkistan desert belt", "KZ-61", 43.45, 68.10, ((SAXAUL, 0.6), (ELM, 0.4)), (AUEZOV,), 0.8, (5.0, 80.0)
    ),
    Site("ULY", "Ulytau birch groves", "KZ-62", 48.60, 67.05, ((BIRCH, 0.5), (ELM, 0.5)), (SEIFULLIN,), 0.5),
    Site(
        "OSK", "West Altai forest", "KZ-63", 50.20, 83.30, ((PINE, 0.5), (BIRCH, 0.3), (SPRUCE, 0.2)), (SHAKARIM,), 1.0
    ),
    Site(
        "AST",
        "Astana green belt",
        "KZ-71",
        51.05,
        71.25,
        ((PINE, 0.4), (BIRCH, 0.3), (ELM, 0.3)),
        (SEIFULLIN,),
        1.2,
        survival_factor=0.9,
    ),
    Site(
        "ALA",
        "Almaty city parks",
        "KZ-75",
        43.22,
        76.90,
        ((ELM, 0.5), (BIRCH, 0.3), (POPLAR, 0.2)),
        (KAZNARU,),
        0.5,
        (0.5, 5.0),
    ),
    Site("SHY", "Shymkent green belt", "KZ-79", 42.35, 69.65, ((ELM, 0.5), (OLIVE, 0.5)), (AUEZOV,), 0.6, (1.0, 15.0)),
)


@dataclass
class DemoFiles:
    """The generated uploads: a plots GeoJSON and the plantings spreadsheet as it stood a year ago and today."""

    plots: bytes
    plantings: list[tuple[str, bytes]]  # (file name, CSV bytes), oldest first
    plot_count: int
    planting_rows: int
    surveys: tuple[str, bytes] | None = None  # this season's counts on sample plots of plantings drawn at random
    writeoffs: tuple[str, bytes] | None = None  # the act writing off a plot of Semey's pine forest lost to fire


def _allocate(n: int, rng: np.random.Generator) -> np.ndarray:
    """Plots per site: one for each site first (so every region has plots), the rest by weight."""
    weights = np.array([s.weight for s in SITES])
    if n < len(SITES):
        return np.bincount(rng.choice(len(SITES), n, p=weights / weights.sum()), minlength=len(SITES))
    return 1 + rng.multinomial(n - len(SITES), weights / weights.sum())


def plot_table(n: int, rng: np.random.Generator) -> pd.DataFrame:
    """Plot attributes and rectangles laid out on a grid around each site, so plots never overlap."""
    frames = []
    for site, count in zip(SITES, _allocate(n, rng), strict=True):
        if count == 0:
            continue
        lo, hi = site.hectares
        area_m2 = np.exp(rng.uniform(np.log(lo), np.log(hi), count)) * 10_000
        aspect = rng.uniform(1.0, 3.0, count)
        width, length = np.sqrt(area_m2 / aspect), np.sqrt(area_m2 * aspect)
        cell = math.hypot(math.sqrt(hi * 10_000 / 3.0), math.sqrt(hi * 10_000 * 3.0)) * 1.1
        side = math.ceil(math.sqrt(count * 1.4))
        gx, gy = np.meshgrid(np.arange(side) - side / 2, np.arange(side) - side / 2)
        order = np.argsort(np.hypot(gx, gy).ravel() + rng.uniform(0, 1.5, side * side))[:count]
        room = (cell - np.hypot(width, length)) / 2
        cx = (gx.ravel()[order] * cell) + rng.uniform(-1, 1, count) * room
        cy = (gy.ravel()[order] * cell) + rng.uniform(-1, 1, count) * room
        species_names = [s for s, _ in site.species]
        species_p = np.array([w for _, w in site.species])
        frames.append(
            pd.DataFrame(
                {
                    "site": SITES.index(site),
                    "region": site.region,
                    "plot_id": [f"DEMO-{site.region.replace('-', '')}-{site.code}-{i + 1:05d}" for i in range(count)],
                    "name": [f"DEMO {site.name}, plot {i + 1}" for i in range(count)],
                    "partner": rng.choice(np.array(site.partners, dtype=object), count),
                    "forestry": f"DEMO {site.name} forestry",
                    "block": rng.integers(1, 121, count).astype(str),
                    "compartment": rng.integers(1, 41, count).astype(str),
                    "x": cx,
                    "y": cy,
                    "width": width,
                    "length": length,
                    "angle": rng.uniform(0, np.pi, count),
                    "lat0": site.lat,
                    "lon0": site.lon,
                    "area_ha": area_m2 / 10_000,
                    "species": rng.choice(np.array(species_names, dtype=object), count, p=species_p / species_p.sum()),
                    "second": rng.choice(np.array(species_names, dtype=object), count),
                    "survival": np.clip(rng.normal(site.survival_factor, 0.08, count), 0.3, 1.2),
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def _rings(plots: pd.DataFrame) -> np.ndarray:
    """Rotated rectangles in lon/lat: (plots, 5 corners, 2)."""
    half_w, half_l = plots["width"].to_numpy() / 2, plots["length"].to_numpy() / 2
    corners = np.stack(
        [
            np.stack([-half_l, -half_w], 1),
            np.stack([half_l, -half_w], 1),
            np.stack([half_l, half_w], 1),
            np.stack([-half_l, half_w], 1),
        ],
        axis=1,
    )
    angle = plots["angle"].to_numpy()[:, None]
    x = plots["x"].to_numpy()[:, None] + corners[:, :, 0] * np.cos(angle) - corners[:, :, 1] * np.sin(angle)
    y = plots["y"].to_numpy()[:, None] + corners[:, :, 0] * np.sin(angle) + corners[:, :, 1] * np.cos(angle)
    lat = plots["lat0"].to_numpy()[:, None] + y / M_PER_DEG
    lon = plots["lon0"].to_numpy()[:, None] + x / (M_PER_DEG * np.cos(np.radians(lat)))
    ring = np.stack([lon, lat], axis=2).round(6)
    return np.concatenate([ring, ring[:, :1]], axis=1)


CHUNK_PLOTS = 50_000  # plots turned into GeoJSON features at a time


def plots_geojson(plots: pd.DataFrame) -> bytes:
    """The plots as an officer's GeoJSON: declared areas to 0.1 ha, a few left blank. Written CHUNK_PLOTS features
    at a time (the text json.dumps gives for the whole collection), so a national demo never holds a million
    features as Python objects."""
    buffer = io.BytesIO()  # its value is taken without a copy: parts joined at the end would be the file twice
    buffer.write(b'{"type": "FeatureCollection", "features": [')
    for start in range(0, len(plots), CHUNK_PLOTS):
        chunk = plots.iloc[start : start + CHUNK_PLOTS]
        text = ", ".join(json.dumps(feature, ensure_ascii=False) for feature in _features(chunk))
        buffer.write((", " if start else "").encode() + text.encode())
    buffer.write(b"]}")
    return buffer.getvalue()


def _features(plots: pd.DataFrame) -> Iterator[dict[str, Any]]:
    """Each plot as a GeoJSON feature."""
    for rec, ring in zip(plots.itertuples(index=False), _rings(plots).tolist(), strict=True):
        props = {
            "plot_id": rec.plot_id,
            "name": rec.name,
            "region": rec.region,
            "partner": rec.partner,
            "forestry": rec.forestry,
            "block": rec.block,
            "compartment": rec.compartment,
            "area_ha": round(rec.area_ha, 1),
        }
        yield {"type": "Feature", "properties": props, "geometry": {"type": "Polygon", "coordinates": [ring]}}


def _season_dates(season: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A day in spring (April to mid-May) or autumn (late September-October) of season k (2 per year from 2021)."""
    spring = season % 2 == 0
    months = (FIRST_YEAR + season // 2 - 1970) * 12 + np.where(spring, 3, 8)
    start = months.astype("datetime64[M]").astype("datetime64[D]") + np.where(spring, 0, 19)
    return start + rng.integers(0, 45, len(season))


def _plantings(plots: pd.DataFrame, rng: np.random.Generator, today: date, per_plot: float) -> pd.DataFrame:
    """Planting records, one season apart per plot, with first and second inventory survival."""
    last_season = 2 * (LAST_YEAR - FIRST_YEAR) + 1
    n = len(plots)
    extra = np.minimum(rng.poisson(max(per_plot - 1, 0), n), last_season)
    first = rng.integers(0, last_season + 1 - extra)
    plot_index = np.repeat(np.arange(n), extra + 1)
    step = np.arange(len(plot_index)) - np.repeat(np.cumsum(extra + 1) - (extra + 1), extra + 1)
    season = first[plot_index] + step
    planted_on = _season_dates(season, rng)
    keep = planted_on <= np.datetime64(today)
    plot_index, step, planted_on, season = plot_index[keep], step[keep], planted_on[keep], season[keep]
    p = plots[["plot_id", "species", "second", "area_ha", "survival"]].iloc[plot_index]  # what a record takes
    mixed = (step % 2 == 1) & (p["second"].to_numpy() != p["species"].to_numpy())
    species = np.where(mixed, p["second"].to_numpy(), p["species"].to_numpy())
    per_ha = np.array([SPECIES[s].per_ha for s in species])
    share = np.where(step == 0, 1.0, rng.uniform(0.15, 0.5, len(step)))  # later seasons fill gaps
    planted = np.round(p["area_ha"].to_numpy() * per_ha * share * rng.uniform(0.85, 1.1, len(step)) / 10) * 10
    mean = np.clip(np.array([SPECIES[s].survival for s in species]) * p["survival"].to_numpy(), 0.02, 0.97)
    first_survey = np.clip(rng.beta(mean * 12, (1 - mean) * 12), 0.001, 1.0)
    spring = season % 2 == 0
    inventory1 = (
        planted_on
        + np.where(spring, 170, 380).astype("timedelta64[D]")
        + rng.integers(-10, 15, len(step)).astype("timedelta64[D]")
    )
    records = pd.DataFrame(
        {
            "plot_id": p["plot_id"].to_numpy(),
            "date": planted_on,
            "species": species,
            "planted": planted.astype("int64").clip(min=10),
            "inventory1": inventory1,
            "survival1": first_survey,
            "inventory2": inventory1 + np.timedelta64(365, "D"),
            "survival2": first_survey * rng.uniform(0.85, 1.0, len(step)),
        }
    )
    return _operations(records, step, mixed, p["area_ha"].to_numpy(), rng)


def _operations(
    records: pd.DataFrame, step: np.ndarray, mixed: np.ndarray, area_ha: np.ndarray, rng: np.random.Generator
) -> pd.DataFrame:
    """What each record is: a plot's first season a planting; a later season of its own species may gap-fill it
    (GAP_FILL_SHARE) or, on saxaul, sow seed (SOWING_SHARE of the desert seasons, on a share of the plot)."""
    later = (step > 0) & ~mixed
    draw = rng.random(len(records))
    sowing = later & np.isin(records["species"].to_numpy(), SOWN) & (draw < SOWING_SHARE)
    gap = later & ~sowing & (draw < SOWING_SHARE + GAP_FILL_SHARE)
    operation = np.where(sowing, SOWING, np.where(gap, GAP_FILLING, PLANTING))
    sown = np.round(area_ha * rng.uniform(0.2, 0.6, len(records)), 1)
    return records.assign(operation=operation, area_ha=np.where(sowing, sown, np.nan))


def plantings_csv(records: pd.DataFrame, as_of: date) -> tuple[bytes, int]:
    """The cumulative spreadsheet as it stood on ``as_of``, saved from Excel in Russian: ';', dd.mm.yyyy."""
    stamp = np.datetime64(as_of)
    known = records[records["date"] <= stamp]
    second = known["inventory2"] <= stamp
    first = ~second & (known["inventory1"] <= stamp)
    rate = np.where(second, known["survival2"], np.where(first, known["survival1"], np.nan))
    planting = (known["operation"] == PLANTING).to_numpy()  # survival is counted on plantings alone
    surviving = pd.array(np.round(known["planted"].to_numpy() * rate), dtype="Int64")
    surviving[~planting] = pd.NA
    dated = (first | second) & planting
    surveyed = pd.Series(np.where(second, known["inventory2"], known["inventory1"])).where(dated)
    sowing = (known["operation"] == SOWING).to_numpy()
    planted = pd.array(known["planted"].to_numpy(), dtype="Int64")
    planted[sowing] = pd.NA
    table = pd.DataFrame(
        {
            "Код участка": known["plot_id"].to_numpy(),
            "Дата посадки": _day_texts(known["date"]),
            "Порода": known["species"].to_numpy(),
            "Посажено": planted,
            "Прижилось": surviving,
            "Дата учета": _day_texts(surveyed),
            "Вид работ": known["operation"].map(OPERATION_WORDS).to_numpy(),
            "Площадь, га": [f"{a:.1f}".replace(".", ",") if a == a else "" for a in known["area_ha"]],
        }
    )
    return _csv(table), len(table)


def _day_texts(dates: pd.Series) -> np.ndarray:
    """Dates as Excel writes them in Russian (dd.mm.yyyy; '' where none), each distinct day's text made once and
    shared by its rows: a national season has a few hundred planting days in millions of rows."""
    codes, days = pd.factorize(dates)
    return np.asarray([*pd.DatetimeIndex(days).strftime("%d.%m.%Y"), ""], dtype=object)[codes]


def _csv(table: pd.DataFrame) -> bytes:
    """The table as Excel saves it in UTF-8 (with a BOM), encoded as it is written: a national season's text held
    as a Python string would take two bytes a character (the Cyrillic), and as much again to encode it."""
    buffer = io.BytesIO()
    table.to_csv(buffer, sep=";", index=False, encoding="utf-8-sig")
    return buffer.getvalue()


def surveys_csv(records: pd.DataFrame, plots: pd.DataFrame, as_of: date, seed: int) -> tuple[bytes, int]:
    """This season's inventory on sample plots, saved from Excel in Russian: the plantings drawn at random with
    `survival.draw_sample` among those inventoried by ``as_of`` (first-year or, where due, third-year counts), two to
    four sample plots of SPOTS_PER_SAMPLE_PLOT spots each (fewer on a small planting), one row per sample plot."""
    stamp = np.datetime64(as_of)
    region = plots.set_index("plot_id")["region"]
    inventoried = (records["inventory1"] + SURVEY_DELAY) <= stamp
    known = records[inventoried & (records["operation"] == PLANTING)].reset_index(drop=True)
    frame = known.assign(region=region.reindex(known["plot_id"]).to_numpy(), year=known["date"].dt.year)
    drawn = survival.draw_sample(frame, round(len(frame) * SURVEY_SHARE), seed=seed)
    if drawn.empty:
        return b"", 0
    rng = np.random.default_rng(seed)
    third = (drawn["inventory2"] + SURVEY_DELAY <= stamp).to_numpy()
    surveyed_on = np.where(third, drawn["inventory2"], drawn["inventory1"]) + SURVEY_DELAY
    rate = np.where(third, drawn["survival2"], drawn["survival1"])
    sample_plots = rng.integers(2, 5, len(drawn))
    spots = np.minimum(SPOTS_PER_SAMPLE_PLOT, drawn["planted"].to_numpy() // sample_plots)
    each = np.repeat(np.arange(len(drawn)), sample_plots)
    counted = spots[each]
    table = pd.DataFrame(
        {
            "Код участка": drawn["plot_id"].to_numpy()[each],
            "Дата посадки": drawn["date"].dt.strftime("%d.%m.%Y").to_numpy()[each],
            "Порода": drawn["species"].to_numpy()[each],
            "Дата учета": pd.Series(surveyed_on[each]).dt.strftime("%d.%m.%Y").to_numpy(),
            "Живых": rng.binomial(counted, rate[each]),
            "Учтено мест": counted,
            "Номер учета": np.where(third, "3", "1")[each],
            "Учетная площадка": np.concatenate([np.arange(1, k + 1) for k in sample_plots]),
        }
    )
    return _csv(table), len(table)


BURNT_REGION = "KZ-10"  # Semey ormany lost about 60 000 ha to fire in June 2023 (FACTS.md)
FIRE_DAYS_AGO = 150  # the act is drawn up this many days before the demo's day


def writeoffs_csv(records: pd.DataFrame, plots: pd.DataFrame, today: date) -> bytes:
    """The act writing off, for fire, every planting of one plot in BURNT_REGION planted before the act (the first
    such plot by id), as Excel in Russian saves it; empty when no plot there was planted by then."""
    act = today - timedelta(days=FIRE_DAYS_AGO)
    region = plots.set_index("plot_id")["region"]
    before = records[((records["date"] <= np.datetime64(act)) & records["operation"].eq(PLANTING)).to_numpy()]
    burnt = sorted(set(before["plot_id"][(region.reindex(before["plot_id"]) == BURNT_REGION).to_numpy()]))
    if not burnt:
        return b""
    rows = ["Код участка;Дата акта;Причина;Номер акта", f"{burnt[0]};{act.strftime('%d.%m.%Y')};пожар;DEMO-1"]
    return ("\r\n".join(rows) + "\r\n").encode("utf-8-sig")


def generate(
    plots: int = DEFAULT_PLOTS, seed: int = DEFAULT_SEED, today: date | None = None, plantings_per_plot: float = 2.5
) -> DemoFiles:
    """The demo uploads for ``plots`` plots, the same for the same seed and day."""
    today = today or date.today()
    rng = np.random.default_rng(seed)
    frame = plot_table(plots, rng)
    records = _plantings(frame, rng, today, plantings_per_plot)
    year_ago = today - timedelta(days=365)
    files = []
    for as_of in (year_ago, today):
        data, rows = plantings_csv(records, as_of)
        if rows:
            files.append((f"DEMO_plantings_{as_of.isoformat()}.csv", data))
    counts, _ = surveys_csv(records, frame, today, seed)
    survey_file = (f"DEMO_surveys_{today.isoformat()}.csv", counts) if counts else None
    act = writeoffs_csv(records, frame, today)
    writeoff_file = (f"DEMO_writeoffs_{today.isoformat()}.csv", act) if act else None
    del records  # written: the plots' GeoJSON is made without them
    return DemoFiles(plots_geojson(frame), files, len(frame), rows, survey_file, writeoff_file)


def load(
    engine: Engine,
    plots: int = DEFAULT_PLOTS,
    seed: int = DEFAULT_SEED,
    today: date | None = None,
    surveys: bool = False,
    sign_off: bool = False,
) -> list[store.ImportResult]:
    """Generate the demo and import it as user 'demo': the plots, then the plantings spreadsheet of a year ago and
    of today (the second updates survey figures and adds the latest season, as officers do), then the act writing
    off a burnt plot; with ``surveys``, then this season's counts on sample plots drawn at random
    (``geo demo --surveys``). With ``sign_off``, then sign-off is turned on and two more plantings files are
    submitted: one stays waiting for approval, one is rejected."""
    files = generate(plots, seed, today)
    uploads = [("DEMO_plots.geojson", files.plots), *files.plantings]
    uploads += [files.writeoffs] if files.writeoffs else []
    uploads += [files.surveys] if surveys and files.surveys else []
    del files
    # Imported from files, as the CLI's uploads are: each one's bytes are read where parsed and let go, so a
    # national demo does not hold its GeoJSON and spreadsheets while they are checked and written.
    with tempfile.TemporaryDirectory(prefix="orman-demo-") as folder:
        paths = []
        while uploads:
            name, data = uploads.pop(0)
            paths.append((name, Path(folder) / name))
            paths[-1][1].write_bytes(data)
            del data
        results = [store.import_file(engine, path, name, user=DEMO_USER, today=today) for name, path in paths]
        if sign_off:  # the sign-off uploads name plots from the GeoJSON
            results += _workflow(engine, paths[0][1].read_bytes(), today or date.today())
    return results


def workflow_csv(plots_geojson: bytes, species: str, planted: int, chosen: slice, today: date) -> bytes:
    """A plantings file of ``planted`` trees of ``species`` planted ``today`` on the ``chosen`` demo plots."""
    ids = [f["properties"]["plot_id"] for f in json.loads(plots_geojson)["features"]][chosen]
    never = pd.Series(pd.NaT, index=range(len(ids)), dtype="datetime64[ns]")
    records = pd.DataFrame(
        {
            "plot_id": ids,
            "date": pd.Series(pd.Timestamp(today), index=range(len(ids))),
            "species": species,
            "planted": planted,
            "inventory1": never,
            "inventory2": never,
            "survival1": np.nan,
            "survival2": np.nan,
            "operation": PLANTING,
            "area_ha": np.nan,
        }
    )
    return plantings_csv(records, today)[0]


def _workflow(engine: Engine, plots_geojson: bytes, today: date) -> list[store.ImportResult]:
    """Sign-off on, the workflow's uploads submitted by 'demo', and the last of them rejected."""
    settings.change(engine, settings.SIGN_OFF, settings.ON)
    results = [
        store.import_file(engine, workflow_csv(plots_geojson, species, planted, chosen, today), name, user=DEMO_USER)
        for name, species, planted, chosen in WORKFLOW_UPLOADS
    ]
    rejected = results[-1].batch
    if rejected is not None and results[-1].submitted:
        store.reject(engine, rejected, DEMO_SUPERVISOR, WORKFLOW_REASON)
    return results
