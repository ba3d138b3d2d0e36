"""What the store should hold, computed independently with pandas from the uploaded files themselves.

A store that has imported some files (in order) and rolled some back must equal the replay of the active files:
the last version of each plot (by plot_id) and of each planting (by plot_id, date, species) wins.
"""

from __future__ import annotations

import io
import json
from functools import cache
from pathlib import Path

import pandas as pd
import pytest
import shapely
from pyproj import Geod
from sqlalchemy.engine import Engine

from geo import species, survival
from geo.export import plots_with_figures

GEOD = Geod(ellps="WGS84")
PLANTING_COLUMNS = ["plot_id", "date", "species", "planted", "surviving", "survey_date", "operation", "area_ha"]
# The operations' words the test files write, each as the contract names it (a blank cell is a planting).
OPERATION_WORDS = {
    "": "planting",
    "посадка": "planting",
    "дополнение": "gap_filling",
    "толықтыру": "gap_filling",
    "gap_filling": "gap_filling",
    "посев": "sowing",
    "себу": "sowing",
    "sowing": "sowing",
}


@cache
def read_plots(path: Path) -> pd.DataFrame:
    """plot_id, name, region, partner ('' when none), area_ha (geodesic), geometry of a plots GeoJSON."""
    rows = []
    for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
        props, shape = feature["properties"], shapely.geometry.shape(feature["geometry"])
        area, _ = GEOD.geometry_area_perimeter(shape)
        rows.append(
            {
                "plot_id": props["plot_id"],
                "name": props.get("name"),
                "region": props["region"],
                "partner": props.get("partner") or "",
                "area_ha": abs(area) / 10_000,
                "geometry": shape,
            }
        )
    return pd.DataFrame(rows)


@cache
def read_plantings(path: Path) -> pd.DataFrame:
    """The planting records of a CSV as an officer saved it (UTF-8 or cp1251, ',' or ';', dd.mm.yyyy or ISO)."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1251")
    sep = ";" if text.splitlines()[0].count(";") else ","
    table = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False)
    table.columns = PLANTING_COLUMNS[: len(table.columns)]
    table = table[~table["plot_id"].str.casefold().str.startswith(("итого", "total"))]
    operation = table.get("operation", pd.Series("", index=table.index)).str.strip().str.casefold()
    area = table.get("area_ha", pd.Series("", index=table.index)).str.replace(",", ".")

    def count(column: pd.Series) -> pd.Series:
        digits = column.str.replace(r"\s", "", regex=True)
        return pd.to_numeric(digits.where(digits != ""), errors="raise").astype("Int64")

    def day(column: pd.Series) -> pd.Series:
        return pd.Series(
            [
                pd.NaT if not v else pd.Timestamp(v) if "-" in v else pd.to_datetime(v, format="%d.%m.%Y")
                for v in column
            ],
            index=column.index,
            dtype="datetime64[ns]",
        )

    return pd.DataFrame(
        {
            "plot_id": table["plot_id"].str.strip(),
            "date": day(table["date"]),
            "species": table["species"].str.strip().map(lambda name: species.canonical(name) or name),
            "planted": count(table["planted"]),
            "surviving": count(table["surviving"]),
            "survey_date": day(table["survey_date"]),
            "operation": operation.map(OPERATION_WORDS),
            "area_ha": pd.to_numeric(area.where(area != ""), errors="raise").astype("float64"),
        }
    ).assign(planted=lambda f: f["planted"].fillna(0))


def replay(files: list[Path]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The plots and plantings a store holds after importing ``files`` in order (later versions win)."""
    plots = [read_plots(f) for f in files if f.suffix == ".geojson"]
    plantings = [read_plantings(f) for f in files if f.suffix == ".csv"]
    plot_frame = (
        pd.concat(plots, ignore_index=True).drop_duplicates("plot_id", keep="last")
        if plots
        else pd.DataFrame(columns=["plot_id", "name", "region", "partner", "area_ha", "geometry"])
    )
    planting_frame = (
        pd.concat(plantings, ignore_index=True).drop_duplicates(
            ["plot_id", "date", "species", "operation"], keep="last"
        )
        if plantings
        else pd.DataFrame(
            {
                "plot_id": pd.Series(dtype=str),
                "date": pd.Series(dtype="datetime64[ns]"),
                "species": pd.Series(dtype=str),
                "planted": pd.Series(dtype="Int64"),
                "surviving": pd.Series(dtype="Int64"),
                "survey_date": pd.Series(dtype="datetime64[ns]"),
                "operation": pd.Series(dtype=str),
                "area_ha": pd.Series(dtype="float64"),
            }
        )
    )
    return plot_frame.reset_index(drop=True), planting_frame.reset_index(drop=True)


def expected_estimate(rows: pd.DataFrame) -> dict:
    """``estimate`` and ``estimate_reason`` straight from the planting records: each surveyed one a full count."""
    surveyed = rows["surviving"].notna()
    frame = pd.DataFrame(
        {
            "region": rows["region"].to_numpy(),
            "year": rows["date"].dt.year.to_numpy(),
            "planted": rows["planted"].astype(float).to_numpy(),
            "alive": rows["surviving"].astype("Float64").to_numpy(dtype=float, na_value=float("nan")),
            "counted": rows["planted"].astype(float).where(surveyed).to_numpy(),
        }
    )
    result = survival.estimate(frame)
    return {"estimate": result.as_json(), "estimate_reason": getattr(result, "reason", None)}


def expected_summary(plots: pd.DataFrame, plantings: pd.DataFrame) -> dict:
    """The contract's summary figures from the replayed records: planted, survival and the estimate of planting
    records alone; gap-filling seedlings and hectares sown apart."""
    placed = plantings.merge(plots[["plot_id", "region", "partner"]], on="plot_id", how="inner", validate="m:1")
    assert len(placed) == len(plantings), "every planting stands on a plot"
    every = placed.assign(planted=placed["planted"].where(placed["operation"] == "planting", 0).astype("int64"))
    gaps = placed[placed["operation"] == "gap_filling"]
    sown = placed[placed["operation"] == "sowing"]
    rows = placed[placed["operation"] == "planting"]
    estimates = {"": expected_estimate(rows), **{r: expected_estimate(g) for r, g in rows.groupby("region")}}
    no_plantings = {"estimate": None, "estimate_reason": survival.NO_PLANTINGS}
    surveyed = rows["surviving"].notna()
    rows = rows.assign(
        surviving=rows["surviving"].fillna(0).astype("int64"),
        planted=rows["planted"].astype("int64"),
        surveyed_planted=rows["planted"].where(surveyed, 0).astype("int64"),
        year=rows["date"].dt.year.astype(str),
    )
    by_region = {}
    for region, group in plots.groupby("region"):
        mine = rows[rows["region"] == region]
        by_region[region] = {
            "planted": int(mine["planted"].sum()),
            "surviving": int(mine["surviving"].sum()),
            "plots": len(group),
            "area_ha": float(group["area_ha"].sum()),
            "gap_filled": int(gaps.loc[gaps["region"] == region, "planted"].sum()),
            "sown_ha": float(sown.loc[sown["region"] == region, "area_ha"].sum()),
            "written_off": 0,  # the replayed files hold no write-off acts
            **estimates.get(region, no_plantings),
        }
    by_partner = {}
    for partner, group in plots.groupby("partner"):
        by_partner[partner] = {
            "planted": int(rows.loc[rows["partner"] == partner, "planted"].sum()),
            "plots": len(group),
        }
    return {
        "target": 2_000_000_000,
        "planted": int(rows["planted"].sum()),
        "surviving": int(rows["surviving"].sum()),
        "surveyed_planted": int(rows["surveyed_planted"].sum()),
        "plots": len(plots),
        "area_ha": float(plots["area_ha"].sum()) if len(plots) else 0.0,
        "gap_filled": int(gaps["planted"].sum()),
        "sown_ha": float(sown["area_ha"].sum()),
        **estimates[""],
        "by_region": by_region,
        # A year or species of gap-fillings or sowings alone is there, with nothing planted.
        "by_year": {str(y): {"planted": int(g["planted"].sum())} for y, g in every.groupby(every["date"].dt.year)},
        "by_partner": by_partner,
        "by_species": {s: {"planted": int(g["planted"].sum())} for s, g in every.groupby("species")},
    }


def assert_figures_equal(actual: object, expected: object, path: str = "summary") -> None:
    """Equal figures: integers exactly, hectares to 1e-7 relative (the store measures plots in an equal-area
    projection, this module on the ellipsoid); extra keys in ``actual`` are allowed."""
    if isinstance(expected, dict):
        assert isinstance(actual, dict), path
        assert set(expected) <= set(actual), f"{path}: missing {set(expected) - set(actual)}"
        if path != "summary":
            assert set(actual) == set(expected), f"{path}: {sorted(actual)} != {sorted(expected)}"
        for key, value in expected.items():
            assert_figures_equal(actual[key], value, f"{path}.{key}")
    elif isinstance(expected, float):
        assert isinstance(actual, float), path
        assert actual == pytest.approx(expected, rel=1e-7, abs=1e-9), path
    else:
        assert type(actual) is type(expected) and actual == expected, f"{path}: {actual!r} != {expected!r}"


def _text(value: object) -> str | None:
    return None if value is None or pd.isna(value) else str(value)


def current_plots(store: Engine) -> dict[str, tuple]:
    """The store's current plots: plot_id -> (name, region, partner, geometry)."""
    frame = plots_with_figures(store)
    return {r.plot_id: (_text(r.name), r.region, _text(r.partner) or "", r.geometry) for r in frame.itertuples()}


def assert_plots_equal(store: Engine, expected: pd.DataFrame) -> None:
    actual = current_plots(store)
    assert sorted(actual) == sorted(expected["plot_id"])
    for rec in expected.itertuples():
        name, region, partner, geometry = actual[rec.plot_id]
        assert (name, region, partner) == (_text(rec.name), rec.region, rec.partner), rec.plot_id
        assert shapely.equals(geometry, rec.geometry), rec.plot_id


def assert_store_holds(store: Engine, files: list[Path]) -> None:
    """The store's figures and plots are exactly those of replaying ``files``."""
    from geo.progress import summary

    plots, plantings = replay(files)
    assert_figures_equal(summary(store), expected_summary(plots, plantings))
    assert_plots_equal(store, plots)
