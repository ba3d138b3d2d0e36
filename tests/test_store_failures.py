"""A store that cannot be opened, read or written is one sentence in the user's language: exit 2 at the command line,
an error box in the app, never a traceback (issue 18 #9). Each bad store is a real one: a refused port, a database
that does not exist, a URL of an unknown scheme, a file of random bytes, a SQLite file opened read-only, a disk that
fills up.

Tests may run as root, whom file permissions do not stop, so "read-only" is SQLite's own read-only mode (a
``file:…?mode=ro`` URI), which holds for root too; "disk full" is a file-size limit (RLIMIT_FSIZE) on the command's
process, under which SQLite's writes fail as on a full disk.
"""

from __future__ import annotations

import os
import random
import resource
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from app_driver import open_app, sign_in

from geo import db
from geo.i18n import t

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data"
PLOTS = DATA / "store_plots_v1.geojson"
REFUSED = "postgresql+psycopg://postgres@127.0.0.1:1/orman"


def geo_cli(url: str, *args: str, file_size_limit: int | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m geo ARGS`` in a process of its own on the store at ``url``."""

    def limit() -> None:
        if file_size_limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_limit, file_size_limit))

    env = {**os.environ, db.DB_URL_ENV: url}
    return subprocess.run(
        [sys.executable, "-m", "geo", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=limit,
    )


def assert_one_sentence(done: subprocess.CompletedProcess[str], code: str, lang: str) -> None:
    assert "Traceback" not in done.stderr
    assert (done.returncode, done.stderr) == (2, t(code, lang) + "\n")


def migrated_sqlite(path: Path) -> Path:
    db.create_engine(f"sqlite:///{path}").dispose()
    return path


def read_only(path: Path) -> str:
    return f"sqlite:///file:{path}?mode=ro&uri=true"


def random_bytes_file(path: Path) -> Path:
    path.write_bytes(random.Random(18).randbytes(64 * 1024))
    return path


@pytest.mark.parametrize(
    ("url", "code"),
    [(REFUSED, "store_unreachable"), ("foo://x", "store_url_invalid"), ("not a store", "store_url_invalid")],
)
@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_a_store_that_cannot_be_opened_is_one_sentence_and_exit_2(url: str, code: str, lang: str) -> None:
    assert_one_sentence(geo_cli(url, "summary", "--json", "--lang", lang), code, lang)


def test_a_database_that_does_not_exist_is_one_sentence_and_exit_2(pg_admin) -> None:
    url = pg_admin.url.set(database=f"orman_missing_{uuid.uuid4().hex[:12]}").render_as_string(hide_password=False)
    assert_one_sentence(geo_cli(url, "history", "--lang", "ru"), "store_unreachable", "ru")


def test_a_file_of_random_bytes_is_not_a_store(tmp_path: Path) -> None:
    url = f"sqlite:///{random_bytes_file(tmp_path / 'orman.sqlite')}"
    assert_one_sentence(geo_cli(url, "summary", "--lang", "kk"), "store_not_a_database", "kk")


def test_a_read_only_store_is_read_but_an_import_says_nothing_was_written(tmp_path: Path) -> None:
    url = read_only(migrated_sqlite(tmp_path / "orman.sqlite"))
    assert geo_cli(url, "summary", "--json").returncode == 0
    assert_one_sentence(geo_cli(url, "import", str(PLOTS), "--lang", "ru"), "store_read_only", "ru")


def test_a_read_only_store_that_needs_its_schema_cannot_be_migrated(tmp_path: Path) -> None:
    empty = tmp_path / "orman.sqlite"
    empty.touch()
    assert_one_sentence(geo_cli(read_only(empty), "history"), "store_read_only", "en")


def test_a_full_disk_is_one_sentence_and_the_store_keeps_what_it_had(tmp_path: Path) -> None:
    path = migrated_sqlite(tmp_path / "orman.sqlite")
    url = f"sqlite:///{path}"
    assert geo_cli(url, "import", str(PLOTS)).returncode == 0
    before = geo_cli(url, "summary", "--json").stdout
    full = geo_cli(url, "demo", "--plots", "3000", "--lang", "kk", file_size_limit=path.stat().st_size + 64 * 1024)
    assert_one_sentence(full, "store_full", "kk")
    assert geo_cli(url, "summary", "--json").stdout == before


# --- the app -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bad", "code"),
    [("refused", "store_unreachable"), ("scheme", "store_url_invalid"), ("random bytes", "store_not_a_database")],
)
def test_the_app_on_a_bad_store_says_what_failed_not_a_traceback(
    bad: str, code: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = {
        "refused": REFUSED,
        "scheme": "foo://x",
        "random bytes": f"sqlite:///{random_bytes_file(tmp_path / 'orman.sqlite')}",
    }[bad]
    at = open_app(url, monkeypatch, "kk")
    assert not at.exception
    assert [e.value for e in at.error] == [t(code, "kk")]


def test_signing_in_on_a_read_only_store_says_it_is_read_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_app(read_only(migrated_sqlite(tmp_path / "orman.sqlite")), monkeypatch, "ru")
    sign_in(at, "aigerim", "Kokshetau-pines-2026")
    assert not at.exception
    assert t("store_read_only", "ru") in [e.value for e in at.error]
