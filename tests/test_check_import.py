"""`check` tells everything `import` would: over every file in tests/data, against a store, the same errors and
warnings at the same rows and the same counts of new, updated and unchanged records, on SQLite and PostGIS."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from geo import db
from geo.cli import main

DATA = Path(__file__).parent / "data"
SAMPLES = sorted(p.name for p in DATA.iterdir() if p.name.startswith(("plots_", "plantings_", "store_")))
# Plots before plantings, so that plantings find the plots they name (and, being checked first, the plots files
# meet the ones imported before them: unchanged, updated and overlapping plots).
ORDER = sorted(SAMPLES, key=lambda name: (not name.startswith(("plots_", "store_plots")), name))
COUNTS = ("new", "updated", "unchanged")


def run(capsys: pytest.CaptureFixture, *args: str) -> tuple[int, dict, str]:
    code = main([*args, "--json"])
    out, err = capsys.readouterr()
    return code, json.loads(out), err


def problems(report: dict) -> tuple[list, list]:
    def plain(items: list[dict]) -> list[tuple]:
        return [(p["row"], p["column"], p["code"]) for p in items]

    return plain(report["errors"]), plain(report["warnings"])


def test_check_and_import_agree_on_every_sample_file(store: Engine, store_url, monkeypatch, capsys):
    monkeypatch.setenv(db.DB_URL_ENV, store_url)
    seen_store_codes = set()
    for name in ORDER:
        path = str(DATA / name)
        checked_code, checked, err = run(capsys, "check", path)
        assert "store" not in err, name  # the store was read, not skipped
        imported_code, imported, _ = run(capsys, "import", path)
        assert problems(checked) == problems(imported), name
        if not imported["already"]:
            assert [checked[k] for k in COUNTS] == [imported[k] for k in COUNTS], name
        assert checked["ok"] == imported["ok"] and (checked_code == 0) == (imported_code == 0), name
        seen_store_codes |= {code for _, _, code in problems(imported)[0] + problems(imported)[1]}
    # The run reached what only the store knows.
    assert {"unknown_plot", "overlap"} <= seen_store_codes


def test_check_reports_unknown_plots_that_import_would_reject(store: Engine, store_url, monkeypatch, capsys):
    monkeypatch.setenv(db.DB_URL_ENV, store_url)
    code, report, _ = run(capsys, "check", str(DATA / "store_plantings_unknown_plot.csv"))
    assert code == 1 and "unknown_plot" in {e["code"] for e in report["errors"]}
    assert [report[k] for k in COUNTS] == [0, 0, 0]


def test_check_counts_new_then_unchanged_and_writes_nothing(store: Engine, store_url, monkeypatch, capsys):
    monkeypatch.setenv(db.DB_URL_ENV, store_url)
    path = str(DATA / "plots_semey_qgis_shp.zip")
    code, report, _ = run(capsys, "check", path)
    assert code == 0 and [report[k] for k in COUNTS] == [3, 0, 0] and report["batch"] is None
    assert run(capsys, "history")[1] == []
    run(capsys, "import", str(DATA / "plots_semey.geojson"))
    code, report, _ = run(capsys, "check", path)
    assert code == 0 and [report[k] for k in COUNTS] == [0, 0, 3]
    assert len(run(capsys, "history")[1]) == 1


def test_check_before_any_store_exists_validates_the_file_alone_and_creates_none(tmp_path, monkeypatch, capsys):
    absent = tmp_path / "none" / "orman.sqlite"
    monkeypatch.setenv(db.DB_URL_ENV, f"sqlite:///{absent}")
    code = main(["check", str(DATA / "store_plantings_unknown_plot.csv"), "--json"])
    out, err = capsys.readouterr()
    report = json.loads(out)
    assert code == 0 and report["ok"] is True and err == ""
    assert list(report) == ["ok", "kind", "rows", "errors", "warnings", "batch"]  # no counts: nothing to count
    assert not absent.exists() and not absent.parent.exists()


@pytest.mark.parametrize("url", ["foo://x", "not a url"])
def test_check_with_a_store_url_that_names_no_store_validates_the_file_alone(monkeypatch, capsys, url):
    monkeypatch.setenv(db.DB_URL_ENV, url)
    code = main(["check", str(DATA / "plots_semey.kml")])
    out, err = capsys.readouterr()
    assert code == 0 and out.startswith("plots_semey.kml: no errors") and "store" in err
    assert "Traceback" not in err


def test_check_with_an_unreachable_server_validates_the_file_alone(monkeypatch, capsys):
    monkeypatch.setenv(db.DB_URL_ENV, "postgresql+psycopg://nobody@127.0.0.1:1/none")
    code = main(["check", str(DATA / "plots_semey.kml")])
    out, err = capsys.readouterr()
    assert code == 0 and out.startswith("plots_semey.kml: no errors") and "store" in err
