"""``python -m geo`` store commands: import, history, rollback, summary, export, demo — exit codes and JSON as in
the data contract, on SQLite and PostGIS."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pyogrio
import pytest

from geo.i18n import fmt_int, message, t

DATA = Path(__file__).parent / "data"
PLOTS = DATA / "store_plots_v1.geojson"
PLANTINGS = DATA / "store_plantings_2024.csv"
UNKNOWN_PLOT = DATA / "store_plantings_unknown_plot.csv"
CONTRACT_KEYS = {"ok", "kind", "rows", "errors", "warnings", "batch"}
SUMMARY_KEYS = {
    "target",
    "planted",
    "surviving",
    "surveyed_planted",
    "plots",
    "area_ha",
    "gap_filled",
    "sown_ha",
    "by_region",
    "by_year",
    "by_partner",
    "by_species",
}

Cli = Callable[..., tuple[int, str, str]]


def as_json(out: str) -> dict | list:
    lines = out.strip().splitlines()
    assert len(lines) == 1, "one JSON object on one line"
    return json.loads(lines[0])


def test_import_commits_a_batch_and_prints_the_contract_json(cli: Cli, account: Callable[..., str]) -> None:
    account("aigerim")
    code, out, _ = cli("import", PLOTS, "--user", "aigerim", "--json")

    result = as_json(out)
    assert code == 0 and set(result) >= CONTRACT_KEYS
    assert (result["ok"], result["kind"], result["rows"], result["batch"]) == (True, "plots", 6, 1)
    assert (result["new"], result["updated"], result["unchanged"], result["already"]) == (6, 0, 0, False)
    assert [(w["row"], w["column"], w["code"]) for w in result["warnings"]] == [(5, "area_ha", "area_mismatch")]


def test_importing_the_same_file_again_exits_0_and_names_the_batch(cli: Cli) -> None:
    cli("import", PLOTS, "--json")

    code, out, _ = cli("import", PLOTS, "--json")
    text_code, text, _ = cli("import", PLOTS, "--lang", "ru")

    assert code == 0 and as_json(out)["batch"] == 1 and as_json(out)["already"] is True
    assert text_code == 0 and "пакетом 1" in text


def test_a_rejected_import_exits_1_writes_nothing_and_explains_in_the_users_language(cli: Cli) -> None:
    cli("import", PLOTS)

    code, out, _ = cli("import", UNKNOWN_PLOT, "--json", "--lang", "kk")

    result = as_json(out)
    assert code == 1 and result["ok"] is False and result["batch"] is None
    assert [(e["row"], e["code"]) for e in result["errors"]] == [(3, "unknown_plot")]
    assert "XXX-9999" in result["errors"][0]["message"] and "учаскесі" in result["errors"][0]["message"]
    assert len(as_json(cli("history", "--json")[1])) == 1


def test_skip_invalid_commits_the_valid_rows_and_exits_0(cli: Cli) -> None:
    cli("import", PLOTS)

    code, out, _ = cli("import", UNKNOWN_PLOT, "--skip-invalid", "--json")

    result = as_json(out)
    assert code == 0 and result["batch"] == 2 and (result["new"], result["skipped"]) == (1, 1)
    assert result["ok"] is False and result["errors"][0]["code"] == "unknown_plot"


def test_import_of_a_missing_file_is_a_usage_error_and_an_unreadable_one_is_rejected(cli: Cli, tmp_path: Path) -> None:
    empty = tmp_path / "plantings.csv"
    empty.write_bytes(b"")

    assert cli("import", tmp_path / "nowhere.csv")[0] == 2
    code, out, _ = cli("import", empty, "--json")
    assert code == 1 and as_json(out)["errors"][0]["code"] == "empty_file"
    assert cli("import", PLOTS, "--kind", "trees")[0] == 2


def test_history_lists_batches_newest_first(cli: Cli, account: Callable[..., str]) -> None:
    account("aigerim"), account("daniyar")
    cli("import", PLOTS, "--user", "aigerim")
    cli("import", PLANTINGS, "--user", "daniyar")

    code, out, _ = cli("history", "--json")
    text_code, text, _ = cli("history")

    batches = as_json(out)
    assert code == 0 and [(b["batch"], b["kind"], b["user"]) for b in batches] == [
        (2, "plantings", "daniyar"),
        (1, "plots", "aigerim"),
    ]
    assert batches[0]["rows"] == 7 and batches[0]["warnings"] == 1 and batches[0]["rolled_back_at"] is None
    assert text_code == 0 and text.index("Batch 2") < text.index("Batch 1") and "daniyar" in text


def test_rollback_exits_0_when_done_and_1_for_an_unknown_or_refused_batch(
    cli: Cli, account: Callable[..., str]
) -> None:
    account("admin", "admin")
    cli("import", PLOTS)
    cli("import", PLANTINGS)

    unknown = cli("rollback", 99)
    refused = cli("rollback", 1, "--lang", "ru")
    done = cli("rollback", 2, "--user", "admin")

    assert unknown[0] == 1 and "no batch 99" in unknown[2]
    assert refused[0] == 1 and "нельзя откатить" in refused[2]
    assert done[0] == 0 and "rolled back" in done[1]
    history = as_json(cli("history", "--json")[1])
    assert history[0]["rolled_back_by"] == "admin" and history[1]["rolled_back_at"] is None


def test_summary_json_has_the_contract_shape(cli: Cli) -> None:
    cli("import", PLOTS)
    cli("import", PLANTINGS)

    code, out, _ = cli("summary", "--json")

    figures = as_json(out)
    assert code == 0 and set(figures) >= SUMMARY_KEYS
    assert (figures["target"], figures["planted"], figures["plots"]) == (2_000_000_000, 185_000, 6)
    assert isinstance(figures["area_ha"], float) and set(figures["by_region"]) == {"KZ-10", "KZ-11", "KZ-43"}
    aral = figures["by_region"]["KZ-43"]
    assert (aral.pop("estimate"), aral.pop("estimate_reason")) == (None, "too_few_surveys")  # contract: estimate
    assert aral == {
        "planted": 55_000,
        "surviving": 0,
        "plots": 2,
        "area_ha": figures["by_region"]["KZ-43"]["area_ha"],
        "gap_filled": 0,
        "sown_ha": 0.0,
        "written_off": 0,  # contract: written_off beside the region's figures
    }
    assert figures["by_year"] == {"2024": {"planted": 185_000}}
    assert figures["by_partner"][""] == {"planted": 25_000, "plots": 1}
    assert cli("summary", "--lang", "kk")[0] == 0


def test_summary_text_shows_the_survival_adjusted_figure_in_the_language_asked(cli: Cli) -> None:
    cli("import", PLOTS)
    cli("import", PLANTINGS)
    figures = as_json(cli("summary", "--json")[1])

    code, out, _ = cli("summary", "--lang", "ru")

    assert code == 0
    assert f"{t('kpi_surviving', 'ru')}: {fmt_int(figures['survival_adjusted'], 'ru')}" in out


def test_an_empty_store_has_a_zero_summary_and_no_history(cli: Cli) -> None:
    figures = as_json(cli("summary", "--json")[1])

    assert (figures["planted"], figures["plots"], figures["area_ha"]) == (0, 0, 0.0)
    assert as_json(cli("history", "--json")[1]) == []


@pytest.mark.parametrize("fmt", ["csv", "geojson", "gpkg"])
def test_export_writes_the_plots_in_each_format(cli: Cli, tmp_path: Path, fmt: str) -> None:
    cli("import", PLOTS)
    out = tmp_path / f"plots.{fmt}"

    code, text, _ = cli("export", "--format", fmt, "--out", out)

    assert code == 0 and "6" in text
    frame = pyogrio.read_dataframe(out) if fmt != "csv" else None
    assert out.exists() and (frame is None or len(frame) == 6)


def test_export_needs_a_known_format(cli: Cli, tmp_path: Path) -> None:
    assert cli("export", "--format", "xlsx", "--out", tmp_path / "x.xlsx")[0] == 2


def test_demo_fills_the_store_once_with_if_empty(cli: Cli) -> None:
    code, out, _ = cli("demo", "--plots", 30)
    again = cli("demo", "--plots", 30, "--if-empty")

    assert code == 0 and "Demo data loaded" in out
    assert again[0] == 0 and len(as_json(cli("history", "--json")[1])) == 4  # plots, two seasons, a write-off
    figures = as_json(cli("summary", "--json")[1])
    assert figures["plots"] == 30 and all(name.startswith("DEMO ") for name in figures["by_partner"])


# --- careless arguments (issue 18 #11): a sentence and an exit code, never a traceback -----------------------------


@pytest.mark.parametrize("batch_id", [2**31, 2**63, 10**20, 0, -1])
def test_rollback_of_an_id_no_batch_can_have_is_an_unknown_batch(cli: Cli, batch_id: int) -> None:
    cli("import", PLOTS)
    assert cli("rollback", batch_id, "--lang", "kk") == (1, "", message("unknown_batch", "kk", batch=batch_id) + "\n")
    assert as_json(cli("history", "--json")[1])[0]["rolled_back_at"] is None


@pytest.mark.parametrize("command", [("export", "--format", "gpkg"), ("map",)])
def test_export_and_map_to_a_missing_folder_or_onto_a_folder_say_so_and_exit_2(
    cli: Cli, tmp_path: Path, command: tuple[str, ...]
) -> None:
    cli("import", PLOTS)
    missing = tmp_path / "no such folder" / "plots.out"
    assert cli(*command, "--out", missing, "--lang", "ru") == (
        2,
        "",
        t("cli_out_no_folder", "ru", file=str(missing), folder=str(missing.parent)) + "\n",
    )
    assert cli(*command, "--out", tmp_path) == (2, "", t("cli_out_is_folder", "en", file=str(tmp_path)) + "\n")
    assert not missing.parent.exists()


@pytest.mark.parametrize("plots", ["0", "-3", "many"])
def test_demo_with_no_plots_is_a_usage_error_and_writes_nothing(cli: Cli, plots: str) -> None:
    code, out, err = cli("demo", "--plots", plots)
    assert (code, out) == (2, "") and "--plots" in err and "Traceback" not in err
    assert as_json(cli("history", "--json")[1]) == []
