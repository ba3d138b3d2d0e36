"""An upload written a chunk at a time (issue 19, memory) leaves the store exactly as one written in one go: the same
rows (versions numbered alike), the same report, counts and figures, on both engines; and an error found in the
last chunk still writes nothing. The chunks are made tiny here, so that every upload crosses many of them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from geo import db, demo, export
from geo.progress import summary
from geo.store import import_file, plantings, plots
from geo.validate import MAX_DENSITY_PER_HA
from tests.conftest import ENGINES, empty_store_url

DATA = Path(__file__).parent / "data"
TODAY = date(2026, 6, 1)
WHOLE = 10**9  # larger than any upload here: one chunk
TINY = 3
# Every table an import writes, and the columns that order its rows (created_at differs from run to run).
TABLES = ("plots", "plantings", "surveys", "latest_surveys", "plot_stats", "cube_plantings", "cube_plots")


def uploads() -> list[tuple[str, bytes]]:
    """Real uploads in the order officers send them: the demo's plots, its plantings of a year ago and of today
    (which updates the first, and adds), its sample counts; then the store tests' files, whose plantings of 2025
    update and confirm those of 2024 on other plots."""
    files = demo.generate(plots=120, seed=7, today=TODAY)
    assert files.surveys is not None
    named = [("DEMO_plots.geojson", files.plots), *files.plantings, files.surveys]
    for name in (
        "store_plots_v1.geojson",
        "store_plantings_2024.csv",
        "store_plots_v2.geojson",
        "store_plantings_2025.csv",
    ):
        named.append((name, (DATA / name).read_bytes()))
    return named


def dump(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Each table's rows, in a fixed order; the batches without their time."""
    tables: dict[str, list[tuple[Any, ...]]] = {}
    with engine.connect() as conn:
        for name in TABLES:
            table = db.metadata.tables[name]
            columns = [c for c in table.columns if c.name != "geom"]
            wkb = [db.geom_wkb(table.c.geom, conn)] if "geom" in table.c else []
            query = sa.select(*columns, *wkb).order_by(*columns)
            tables[name] = [
                tuple(bytes(v) if isinstance(v, memoryview) else v for v in row) for row in conn.execute(query)
            ]
        b = db.batches.c
        batches = sa.select(b.id, b.kind, b.filename, b.sha256, b.row_count, b.n_new, b.n_updated, b.n_unchanged,
                            b.n_skipped, b.report).order_by(b.id)  # fmt: skip
        tables["batches"] = [tuple(row) for row in conn.execute(batches)]
        confirms = db.batch_confirms.c
        tables["batch_confirms"] = [tuple(r) for r in conn.execute(sa.select(db.batch_confirms).order_by(*confirms))]
    return tables


def imported(engine: Engine, chunk: int, monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Import every upload with chunks of ``chunk`` records; each result as the contract's JSON, and the figures."""
    for writer in (plots, plantings):
        monkeypatch.setattr(writer, "CHUNK_ROWS", chunk)
    results = []
    for name, data in uploads():
        result = import_file(engine, data, name, user="test", today=TODAY)
        assert result.committed, (name, result.report.errors[:3])
        results.append(result.to_json("en"))
    for name, data in dense_seasons(engine):
        results.append(import_file(engine, data, name, user="test", today=TODAY).to_json("en"))
    results.append(summary(engine))
    return results


def dense_seasons(engine: Engine) -> list[tuple[str, bytes]]:
    """Two seasons of plot BUR-0001 planted past MAX_DENSITY_PER_HA: the second keeps one stored planting, updates
    another and crosses the limit a few rows on (in another chunk than the stored rows it counts)."""
    area = export.plots_with_figures(engine).set_index("plot_id").loc["BUR-0001", "area_ha"]
    cap = MAX_DENSITY_PER_HA * area
    first = [("BUR-0001", "10.04.2021", round(0.3 * cap)), ("BUR-0001", "10.04.2022", round(0.2 * cap))]
    second = [
        first[0],
        ("BUR-0001", "10.04.2022", round(0.25 * cap)),
        ("SEM-0003", "11.04.2025", 100),
        ("ARL-0001", "12.04.2025", 100),
        ("BUR-0001", "12.04.2023", round(0.2 * cap)),
        ("BUR-0001", "13.04.2023", round(0.3 * cap)),
        ("BUR-0001", "14.04.2023", 10),
    ]
    return [(f"dense-{n}.csv", sheet(rows)) for n, rows in enumerate((first, second), 1)]


def sheet(rows: list[tuple[str, str, int]]) -> bytes:
    """A plantings file as officers save it from Excel: ';', Russian headers, UTF-8 with a BOM."""
    lines = ["Код участка;Дата посадки;Порода;Посажено", *(f"{p};{d};сосна обыкновенная;{n}" for p, d, n in rows)]
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode()


@pytest.fixture(params=ENGINES)
def two_stores(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Engine, Engine]]:
    """Two empty stores on one engine (SQLite, then PostGIS)."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    with empty_store_url(request, tmp_path / "a") as a, empty_store_url(request, tmp_path / "b") as b:
        engines = db.create_engine(a), db.create_engine(b)
        yield engines
        for engine in engines:
            engine.dispose()


def test_chunked_uploads_leave_the_store_as_one_chunk_does(
    two_stores: tuple[Engine, Engine], monkeypatch: pytest.MonkeyPatch
) -> None:
    one, many = two_stores
    whole = imported(one, WHOLE, monkeypatch)
    chunked = imported(many, TINY, monkeypatch)
    assert chunked == whole
    assert any(r.get("updated") for r in whole[:-1]) and any(r.get("unchanged") for r in whole[:-1])
    densities = [w["row"] for r in whole[:-1] for w in r["warnings"] if w["code"] == "implausible_density"]
    assert densities == [6]  # the second dense season's BUR-0001 of 12.04.2023
    assert dump(many) == dump(one)


def test_an_error_in_the_last_chunk_writes_nothing(store: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plantings, "CHUNK_ROWS", 2)
    assert import_file(store, (DATA / "store_plots_v1.geojson").read_bytes(), "plots.geojson", user="test").committed
    before = dump(store)
    data = (DATA / "store_plantings_2024.csv").read_bytes()
    lines = data.rstrip(b"\r\n").split(b"\r\n")
    last = lines[1].replace(b"SEM-0001", b"XXX-9999").replace(b"15.04.2024", b"16.04.2024")
    upload = b"\r\n".join([*lines[:-1], last, lines[-1]]) + b"\r\n"  # the unknown plot's row before the totals
    result = import_file(store, upload, "plantings.csv", user="test")
    assert not result.committed and (result.new, result.updated, result.unchanged) == (0, 0, 0)
    unknown = [(p.code, p.row, p.params["value"]) for p in result.report.errors]
    assert unknown == [("unknown_plot", len(lines), "XXX-9999")]  # rows as a spreadsheet numbers them
    assert dump(store) == before


def test_uploads_given_as_paths_leave_the_store_as_their_bytes_do(
    two_stores: tuple[Engine, Engine], tmp_path: Path
) -> None:
    """The CLI passes its file's path, so the bytes are read where they are parsed and let go (issue 19): the
    reports, batches (their sha256 too) and rows are those of the same files given as bytes."""
    by_bytes, by_path = two_stores
    for n, (name, data) in enumerate(uploads()):
        path = tmp_path / f"{n}_{name}"
        path.write_bytes(data)
        a = import_file(by_bytes, data, name, today=TODAY)
        b = import_file(by_path, path, name, today=TODAY)
        assert a.committed and b.committed, name
        assert b.report.to_json("en") == a.report.to_json("en")
        assert (b.new, b.updated, b.unchanged) == (a.new, a.updated, a.unchanged)
    assert dump(by_path) == dump(by_bytes)
