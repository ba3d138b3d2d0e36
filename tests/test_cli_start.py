"""``python -m geo`` starts at once and speaks the user's language (issue 19): help of every command in kk/ru/en
(``--lang``, else ORMAN_LANG, else the system locale), no heavy library loaded for help, and output piped into a
reader that stops early ends quietly. Timings are the benchmark's (benchmarks/cli_start.py), not asserted here."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from geo import db
from geo.cli import COMMANDS, main
from geo.i18n import LANGS, t

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("pandas", "numpy", "geopandas", "shapely", "sqlalchemy", "pyogrio", "folium", "alembic", "argon2")


def help_of(capsys: pytest.CaptureFixture, *args: str) -> str:
    with pytest.raises(SystemExit) as done:
        main(list(args))
    assert done.value.code == 0
    return capsys.readouterr().out


def run_geo(*args: str, stdout: int | None = subprocess.PIPE, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "geo", *args],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("command", COMMANDS)
def test_each_commands_help_is_in_the_language_asked(capsys, command: str, lang: str) -> None:
    shown = " ".join(help_of(capsys, command, "--help", "--lang", lang).split())
    assert t(f"cli_{command}", lang) in shown
    assert t("cli_opt_help", lang) in shown and t("cli_usage", lang) in shown


@pytest.mark.parametrize("lang", LANGS)
def test_the_command_list_is_in_the_language_asked(capsys, lang: str) -> None:
    shown = " ".join(help_of(capsys, "--help", "--lang", lang).split())
    assert all(t(f"cli_{command}", lang) in shown for command in COMMANDS)


@pytest.mark.parametrize("lang", LANGS)
def test_lang_before_the_command_or_before_help_is_the_top_level_option(capsys, lang: str) -> None:
    shown = " ".join(help_of(capsys, "--lang", lang, "--help").split())
    assert t("cli_description", lang) in shown and t("cli_opt_lang", lang) in shown
    assert all(t(f"cli_{command}", lang) in shown for command in COMMANDS)
    shown = " ".join(help_of(capsys, f"--lang={lang}", "import", "--help").split())
    assert t("cli_import", lang) in shown and t("cli_opt_skip_invalid", lang) in shown


def test_lang_before_or_after_the_command_gives_the_same_output(monkeypatch, tmp_path, capsys) -> None:
    monkeypatch.setenv(db.DB_URL_ENV, f"sqlite:///{tmp_path / 'orman.sqlite'}")
    monkeypatch.setenv("ORMAN_LANG", "en")
    outputs = []
    for args in (["--lang", "kk", "history"], ["history", "--lang", "kk"], ["--lang", "ru", "history", "--lang", "kk"]):
        assert main(args) == 0
        outputs.append(capsys.readouterr().out)
    assert outputs == [t("history_empty", "kk") + "\n"] * 3
    done = run_geo("--lang", "ru", "summary", "--json", **{db.DB_URL_ENV: f"sqlite:///{tmp_path / 'orman.sqlite'}"})
    assert done.returncode == 0 and json.loads(done.stdout)["planted"] == 0


def test_a_bad_or_missing_lang_is_a_usage_error_in_the_language_otherwise_chosen() -> None:
    done = run_geo("--lang", "xx", "summary", ORMAN_LANG="ru")
    assert done.returncode == 2 and done.stderr.startswith(t("cli_usage", "ru")) and "--lang" in done.stderr
    done = run_geo("summary", "--lang", ORMAN_LANG="kk")
    assert done.returncode == 2 and done.stderr.startswith(t("cli_usage", "kk")) and "Traceback" not in done.stderr


def test_without_lang_the_help_follows_orman_lang_then_the_system_locale(monkeypatch, capsys) -> None:
    for name in ("ORMAN_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    assert t("cli_import", "en") in help_of(capsys, "import", "--help")
    monkeypatch.setenv("LANG", "kk_KZ.UTF-8")
    assert t("cli_import", "kk") in help_of(capsys, "import", "--help")
    monkeypatch.setenv("ORMAN_LANG", "ru")
    assert t("cli_import", "ru") in help_of(capsys, "import", "--help")
    assert t("cli_import", "en") in help_of(capsys, "import", "--help", "--lang", "en")


def test_without_lang_the_messages_follow_orman_lang_too(monkeypatch, tmp_path, capsys) -> None:
    monkeypatch.setenv(db.DB_URL_ENV, f"sqlite:///{tmp_path / 'orman.sqlite'}")
    monkeypatch.setenv("ORMAN_LANG", "kk")
    assert main(["history"]) == 0
    assert capsys.readouterr().out == t("history_empty", "kk") + "\n"


def test_the_help_names_every_kind_format_and_role_the_command_line_accepts() -> None:
    from geo.auth import ASSIGNABLE_ROLES
    from geo.export import FORMATS
    from geo.validate import KINDS

    for lang in LANGS:
        assert all(kind in t("cli_opt_kind", lang) for kind in KINDS)
        assert all(fmt in t("cli_opt_format", lang) for fmt in FORMATS)
        assert all(role in t("cli_opt_role", lang) for role in ASSIGNABLE_ROLES)


@pytest.mark.parametrize("first", [[], ["--lang", "ru"]])
@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_loads_no_heavy_library(command: str, first: list[str]) -> None:
    args = [*first, *([command] if command else []), "--help"]
    probe = (
        "import sys\n"
        "from geo.cli import main\n"
        "try:\n"
        f"    main({args!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.stderr.strip() == "[]"


def test_output_into_a_reader_that_has_gone_ends_quietly(tmp_path: Path) -> None:
    env = {db.DB_URL_ENV: f"sqlite:///{tmp_path / 'orman.sqlite'}"}
    assert run_geo("demo", "--plots", "5", **env).returncode == 0
    for args in (("summary", "--json"), ("history",), ("--help",)):
        reader, writer = os.pipe()
        os.close(reader)  # like `| head -c1` once it has its byte
        try:
            done = run_geo(*args, stdout=writer, **env)
        finally:
            os.close(writer)
        # argparse drops a failed write of its help itself: --help still ends with 0
        assert (done.returncode, done.stderr) == (0 if args == ("--help",) else 1, ""), args


def test_a_usage_error_is_in_the_language_asked() -> None:
    done = run_geo("demo", "--plots", "0", "--lang", "ru")
    assert done.returncode == 2 and done.stderr.startswith(t("cli_usage", "ru"))
    assert "python -m geo demo: ошибка: argument --plots" in done.stderr and "Traceback" not in done.stderr
