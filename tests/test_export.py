"""Export of the current plots with their figures: CSV safe for spreadsheets, GeoJSON and GeoPackage for GIS."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import openpyxl
import pandas as pd
import pyogrio
import pytest
import shapely
from sqlalchemy.engine import Engine

from geo import cli, db, demo, progress
from geo.export import export, neutralise_formulas, xlsx_bytes
from geo.store import import_file

DATA = Path(__file__).parent / "data"
FORMULA_PLOTS = DATA / "store_plots_formula_names.geojson"
FORMULA_PLANTINGS = DATA / "store_plantings_formula_names.csv"


@pytest.fixture
def formula_store(store: Engine) -> Engine:
    for path in (FORMULA_PLOTS, FORMULA_PLANTINGS):
        assert import_file(store, path.read_bytes(), path.name, user="test").committed
    return store


def read_csv_export(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM, so Excel shows Cyrillic and Kazakh letters"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def test_csv_export_turns_formula_cells_into_text(formula_store: Engine, tmp_path: Path) -> None:
    out = tmp_path / "plots.csv"

    assert export(formula_store, "csv", out) == 3

    rows = {r["plot_id"]: r for r in read_csv_export(out)}
    first = rows["PVL-0001"]
    assert first["name"] == '\'=HYPERLINK("http://example.invalid","Отчёт")'
    assert (first["partner"], first["forestry"], first["block"]) == (
        "'+7 701 000 0000",
        "'-Ertis Ormany",
        "'@SUM(A1:A9)",
    )
    assert "'=1+2" in rows and rows["'=1+2"]["name"] == "Ертіс орманы, 7-орам"
    assert rows["PVL-0003"]["partner"] == "a=b"
    assert not any(v.startswith(("=", "+", "-", "@", "\t", "\r")) for r in rows.values() for v in r.values())


def test_csv_export_carries_each_plots_figures(formula_store: Engine, tmp_path: Path) -> None:
    out = tmp_path / "plots.csv"
    export(formula_store, "csv", out)

    frame = pd.read_csv(out, encoding="utf-8-sig", dtype={"plot_id": str}).set_index("plot_id")

    assert frame.loc["PVL-0001", ["planted", "surviving", "surveyed_planted"]].tolist() == [12_000, 9_000, 12_000]
    assert frame.loc["PVL-0001", "survival"] == pytest.approx(0.75)
    assert frame.loc["'=1+2", "planted"] == 8_000 and pd.isna(frame.loc["'=1+2", "survival"])
    assert frame.loc["PVL-0003", "planted"] == 0
    assert frame["region"].eq("KZ-55").all() and frame["area_ha"].gt(5).all()
    assert {"lon", "lat", "declared_area_ha"} <= set(frame.columns)


@pytest.mark.parametrize("fmt", ["geojson", "gpkg"])
def test_gis_exports_keep_names_and_boundaries_as_they_are(formula_store: Engine, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"plots.{fmt}"

    assert export(formula_store, fmt, out) == 3

    frame = pyogrio.read_dataframe(out).set_index("plot_id")
    assert frame.crs.to_epsg() == 4326 and (frame.geom_type == "MultiPolygon").all()
    assert frame.loc["PVL-0001", "name"].startswith("=HYPERLINK")
    assert frame.loc["=1+2", "planted"] == 8_000
    assert frame.loc["PVL-0001", "survival"] == pytest.approx(0.75)
    west = shapely.box(77.50, 52.20, 77.504, 52.203)
    assert shapely.equals(frame.loc["PVL-0001", "geometry"], west)


def test_exporting_again_replaces_the_file(formula_store: Engine, tmp_path: Path) -> None:
    out = tmp_path / "plots.gpkg"
    export(formula_store, "gpkg", out)
    export(formula_store, "gpkg", out)

    assert len(pyogrio.read_dataframe(out)) == 3


def test_an_empty_store_exports_a_header_only(store: Engine, tmp_path: Path) -> None:
    out = tmp_path / "plots.csv"

    assert export(store, "csv", out) == 0
    assert out.read_text(encoding="utf-8-sig").strip().split(",")[:3] == ["plot_id", "name", "region"]


def test_neutralising_covers_tab_and_carriage_return_and_leaves_numbers() -> None:
    frame = pd.DataFrame({"text": ["\tcmd", "\rx", "ok", None, "-"], "number": [-1, 2, 3, 4, 5]})

    safe = neutralise_formulas(frame)

    assert safe["text"].tolist()[:3] == ["'\tcmd", "'\rx", "ok"] and pd.isna(safe["text"][3])
    assert safe["text"][4] == "'-" and safe["number"].tolist() == [-1, 2, 3, 4, 5]


def test_an_unknown_format_is_refused(store: Engine, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="format"):
        export(store, "xlsx", tmp_path / "plots.xlsx")


# --- the latest survey, what a plot needs, and its region's estimate -------------------------------------------------

BELOW_FILES = (DATA / "below65_plots.geojson", DATA / "below65_plantings.csv")


def test_exports_carry_the_latest_survey_and_what_each_plot_needs(store: Engine, tmp_path: Path) -> None:
    for path in BELOW_FILES:
        assert import_file(store, path.read_bytes(), path.name, user="test").committed
    csv_out, gpkg_out = tmp_path / "plots.csv", tmp_path / "plots.gpkg"
    export(store, "csv", csv_out)
    export(store, "gpkg", gpkg_out)

    rows = {r["plot_id"]: r for r in read_csv_export(csv_out)}
    gis = pyogrio.read_dataframe(gpkg_out).set_index("plot_id").fillna({"last_survey": "", "survival_flag": ""})

    expected = {  # survival: 20 %, 50 %, exactly 65 %, 70 %, 90 %, never surveyed
        "BLW-0020": ("2025-09-20", "write_off"),
        "BLW-0050": ("2025-09-15", "gap_filling"),  # the latest of its plantings' surveys
        "BLW-0065": ("2025-09-22", "gap_filling"),
        "BLW-0070": ("2025-10-05", "gap_filling"),
        "BLW-0090": ("2025-10-05", ""),
        "BLW-0000": ("", ""),
    }
    assert {pid: (r["last_survey"], r["survival_flag"]) for pid, r in rows.items()} == expected
    assert {pid: (gis.loc[pid, "last_survey"], gis.loc[pid, "survival_flag"]) for pid in expected} == expected
    # five surveyed plantings in two regions: too few for an interval, so the estimate columns are empty
    assert all(r["estimate"] == r["estimate_low"] == r["estimate_high"] == "" for r in rows.values())


def test_exports_carry_each_regions_estimate_with_its_interval(
    store_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = db.get_engine(store_url)
    demo.load(engine, plots=60)
    by_region = progress.summary(engine)["by_region"]
    out = tmp_path / "plots.csv"
    monkeypatch.setenv(db.DB_URL_ENV, store_url)

    assert cli.main(["export", "--format", "csv", "--out", str(out)]) == 0

    rows = read_csv_export(out)
    with_estimate = 0
    for row in rows:
        found = by_region[row["region"]]["estimate"]
        shown = [row["estimate"], row["estimate_low"], row["estimate_high"]]
        if found is None:
            assert shown == ["", "", ""]
        else:
            with_estimate += 1
            assert shown == [str(found[k]) for k in ("surviving", "low", "high")]
    assert 0 < with_estimate < len(rows)


def test_a_table_as_a_workbook_keeps_numbers_dates_and_formulas_as_what_they_are() -> None:
    frame = pd.DataFrame(
        {
            "plot": ["=1+2", "SEM-0001"],
            "planted": pd.array([12_500, None], dtype="Int64"),
            "survival": [64.9, float("nan")],
            "last survey": [date(2025, 9, 20), None],
        }
    )

    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(frame, "below-65"))).active

    assert [c.value for c in sheet[1]] == ["plot", "planted", "survival", "last survey"]
    assert sheet["A2"].value == "=1+2" and sheet["A2"].data_type == "s"  # text, never run
    assert (sheet["B2"].value, sheet["C2"].value) == (12_500, 64.9)
    assert sheet["D2"].value.date() == date(2025, 9, 20) and sheet["D2"].is_date
    assert [sheet[f"{c}3"].value for c in "BCD"] == [None, None, None]
    assert sheet.freeze_panes == "A2" and sheet.title == "below-65"
