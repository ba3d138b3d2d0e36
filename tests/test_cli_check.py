"""`python -m geo check`: exit codes, JSON and messages exactly as the data contract says."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from geo import db
from geo.cli import COMMANDS, main

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent


@pytest.fixture(autouse=True)
def no_store_yet(tmp_path, monkeypatch):
    """These tests check files alone: the store they name does not exist yet (see tests/test_check_import.py)."""
    monkeypatch.setenv(db.DB_URL_ENV, f"sqlite:///{tmp_path / 'absent' / 'orman.sqlite'}")


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["check", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_valid_file_exits_0_with_a_summary_line(capsys):
    code, out, err = run(capsys, str(DATA / "plantings_semey_cp1251.csv"))
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "plantings_semey_cp1251.csv: no errors; 5 rows checked, 1 warning."
    assert lines[1].startswith("  warning: Row 7 looks like a totals row")


def test_file_with_errors_exits_1_and_lists_them_in_russian(capsys):
    code, out, _ = run(capsys, str(DATA / "plantings_fractional_count.csv"), "--lang", "ru")
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith("plantings_fractional_count.csv: 3 ошибки, 0 предупреждений; всего 4 строки.")
    assert lines[1] == "  ошибка: Строка 2: в «посажено» указано 12500,5; саженцы считаются целыми числами."
    assert len(lines) == 4


def test_json_is_one_object_with_the_contract_keys(capsys):
    code, out, _ = run(capsys, str(DATA / "plantings_surviving_exceeds.csv"), "--json")
    assert code == 1
    report = json.loads(out)
    assert list(report) == ["ok", "kind", "rows", "errors", "warnings", "batch"]
    assert (report["ok"], report["kind"], report["rows"], report["batch"]) == (False, "plantings", 3, None)
    assert report["errors"][0] == {
        "row": 2,
        "column": "surviving",
        "code": "surviving_exceeds_planted",
        "message": "Row 2: surviving (3,200) is more than planted (3,000).",
    }


def test_json_messages_follow_lang(capsys):
    _, out, _ = run(capsys, str(DATA / "plots_unknown_region.geojson"), "--json", "--lang", "kk")
    error = json.loads(out)["errors"][0]
    assert error["code"] == "unknown_region"
    assert error["message"].startswith("2-нысан (MIX-0002): «Каракалпакстан» — Қазақстан облысы емес.")
    assert "облысы" in error["message"].split("меңзедіңіз:")[1]


def test_warnings_alone_keep_exit_0_for_plots(capsys):
    code, out, _ = run(capsys, str(DATA / "plots_utm42n.geojson"))
    assert code == 0
    assert out.splitlines()[0] == "plots_utm42n.geojson: no errors; 2 plots checked, 1 warning."
    assert "EPSG:32642" in out


@pytest.mark.parametrize(
    "name", ["plantings_saved_page.csv", "plantings_archive.csv", "plantings_empty.csv", "plots_truncated.geojson"]
)
def test_unreadable_file_exits_2_with_one_sentence_on_stderr(capsys, name):
    code, out, err = run(capsys, str(DATA / name))
    assert code == 2 and out == ""
    assert err.startswith(f"{name}: ") and err.count("\n") == 1


def test_unreadable_file_with_json_still_prints_one_object(capsys):
    code, out, _ = run(capsys, str(DATA / "plantings_archive.csv"), "--json")
    report = json.loads(out)
    assert code == 2 and report["ok"] is False
    assert [e["code"] for e in report["errors"]] == ["zip_file"] and report["errors"][0]["row"] is None


def test_missing_file_exits_2(capsys, tmp_path):
    code, out, err = run(capsys, str(tmp_path / "нет.csv"), "--lang", "ru")
    assert code == 2 and out == ""
    assert err.strip().endswith("файл не найден или не открывается.")


def test_kind_option_overrides_the_file_name(capsys, tmp_path):
    renamed = tmp_path / "участки.txt"
    shutil.copyfile(DATA / "plots_semey.geojson", renamed)
    code, out, _ = run(capsys, str(renamed), "--kind", "plots", "--json")
    assert code == 0 and json.loads(out)["kind"] == "plots"


def test_sheet_option_picks_a_worksheet(capsys):
    code, out, _ = run(capsys, str(DATA / "plantings_season_2024.xlsx"), "--sheet", "Посадки 2023", "--json")
    assert code == 1
    assert [e["code"] for e in json.loads(out)["errors"]] == ["surviving_exceeds_planted"]


@pytest.mark.parametrize("argv", [[], ["check"], ["check", "x.csv", "--kind", "trees"], ["frobnicate"]])
def test_usage_errors_exit_2(capsys, argv):
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 2
    assert "usage:" in capsys.readouterr().err


def test_commands_table_lists_check():
    assert "check" in COMMANDS and COMMANDS["check"].help


def test_python_dash_m_geo_runs_as_a_program():
    result = subprocess.run(
        [sys.executable, "-m", "geo", "check", str(DATA / "plots_swapped.geojson"), "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert [e["code"] for e in report["errors"]] == ["swapped_coordinates"] * 2
