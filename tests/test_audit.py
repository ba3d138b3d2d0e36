"""The audit trail (issue 16): every action leaves an entry naming who did what; the trail shows when it was altered
(an entry edited, put in or removed, the newest ones too); two processes appending at once keep one chain; the
command line's exit codes and JSON; the Audit page is the administrators' and shows the entries.

Each test has a key folder of its own (the ``audit_dir`` fixture), so its checkpoint knows its store alone.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from app_driver import PASSWORD, assert_clean, open_app
from sqlalchemy.engine import Engine

from geo import actions, audit, auth, db
from geo.cli import main
from geo.i18n import t
from geo.programme import TIMEZONE
from geo.store import rollback

DATA = Path(__file__).parent / "data"
PLOTS = DATA / "app_upload_plots.geojson"
PLANTINGS = DATA / "app_upload_plantings_cp1251.csv"
REPO = Path(__file__).resolve().parent.parent
NEW_PASSWORD = "Burabay-birches-2027"
WRONG_PASSWORD = "Kokshetau-pines-1999"


def trail(engine: Engine) -> list[tuple[str, str, str | None]]:
    """(actor, action, subject) of every entry, oldest first."""
    return [(e.actor, e.action, e.subject) for e in reversed(audit.entries(engine))]


def codes(engine: Engine) -> list[str]:
    return [finding.code for finding in audit.verify(engine)]


def sql(engine: Engine, statement: str, **params: object) -> None:
    """Change the store behind the app's back, as someone with the database's password could."""
    with engine.begin() as conn:
        conn.execute(sa.text(statement), params)


def busy_store(engine: Engine) -> None:
    """Accounts added and changed, sign-ins right and wrong, two uploads and a rollback."""
    admin = auth.operator("root")
    actions.add_user_as(engine, admin, "olga", "officer", PASSWORD, email="olga@forest.example.kz")
    actions.add_user_as(engine, admin, "daulet", "official", PASSWORD)
    assert isinstance(auth.authenticate(engine, "Olga", WRONG_PASSWORD), auth.LoginFailure)
    olga = auth.start_session(auth.authenticate(engine, "olga", PASSWORD))
    plots = actions.import_as(engine, olga, PLOTS.read_bytes(), PLOTS.name)
    plantings = actions.import_as(engine, olga, PLANTINGS.read_bytes(), PLANTINGS.name)
    assert plots.committed and plantings.committed
    assert actions.rollback_as(engine, olga, plantings.batch).ok
    actions.set_password_as(engine, admin, "olga", NEW_PASSWORD)
    actions.disable_user_as(engine, admin, "daulet")


@pytest.fixture
def busy(store: Engine, audit_dir: Path) -> Engine:
    busy_store(store)
    return store


# --- each action leaves an entry -----------------------------------------------------------------------------------


def test_each_action_leaves_an_entry_naming_who_did_what(busy: Engine) -> None:
    assert trail(busy) == [
        ("root", "user_added", "olga"),
        ("root", "user_added", "daulet"),
        ("olga", "sign_in_failed", None),
        ("olga", "sign_in", None),
        ("olga", "import", "1"),
        ("olga", "import", "2"),
        ("olga", "rollback", "2"),
        ("root", "password_changed", "olga"),
        ("root", "user_disabled", "daulet"),
    ]
    facts = [e.facts for e in reversed(audit.entries(busy))]
    assert facts[0] == {"role": "officer", "email": "olga@forest.example.kz"}
    assert facts[2] == {"failure": "invalid"}
    assert facts[4] == {
        "kind": "plots",
        "file": PLOTS.name,
        "rows": 2,
        "new": 2,
        "updated": 0,
        "unchanged": 0,
        "skipped": 0,
    }
    assert facts[5]["kind"] == "plantings" and facts[5]["file"] == PLANTINGS.name
    assert facts[6] == {"kind": "plantings", "removed": facts[5]["new"], "restored": 0}


def test_a_failed_sign_in_is_recorded_under_the_name_tried_even_one_nobody_has(store: Engine, audit_dir: Path) -> None:
    auth.authenticate(store, "  Nobody.Here ", WRONG_PASSWORD)
    auth.authenticate(store, "x" * 500, WRONG_PASSWORD)  # no account can have it: recorded, cut to what is kept

    (long, unknown) = audit.entries(store)
    assert (unknown.actor, unknown.action, unknown.facts) == ("nobody.here", "sign_in_failed", {"failure": "invalid"})
    assert long.actor == "x" * 200 and not audit.verify(store)


def test_an_upload_that_is_rejected_or_already_there_adds_no_import(store: Engine, audit_dir: Path) -> None:
    admin = auth.operator("root")
    assert actions.import_as(store, admin, PLOTS.read_bytes(), PLOTS.name).committed
    assert actions.import_as(store, admin, PLOTS.read_bytes(), PLOTS.name).already
    assert not actions.import_as(store, admin, PLANTINGS.read_bytes(), "missing-plots.csv", kind="plots").committed
    assert actions.preview_as(store, admin, PLANTINGS.read_bytes(), PLANTINGS.name).new > 0
    assert not actions.rollback_as(store, admin, 99).ok
    assert rollback(store, 1, user="root", dry_run=True).ok

    assert trail(store) == [("root", "import", "1")]


def test_demo_data_is_recorded_with_its_batches(store: Engine, audit_dir: Path) -> None:
    results = actions.load_demo_as(store, auth.operator("root"), plots=12)

    batches = [r.batch for r in results]
    assert trail(store)[-1] == ("root", "demo", None)
    assert audit.entries(store)[0].facts == {"batches": batches}
    assert [(a, s) for a, action, s in trail(store) if action == "import"] == [("demo", str(b)) for b in batches]


def test_no_password_nor_its_hash_is_ever_in_the_trail(busy: Engine) -> None:
    with busy.connect() as conn:
        rows = conn.execute(sa.select(db.audit)).all()
        hashes = conn.execute(sa.select(db.users.c.password_hash)).scalars().all()
    written = json.dumps([[str(v) for v in row] for row in rows], ensure_ascii=False)
    for secret in (PASSWORD, NEW_PASSWORD, WRONG_PASSWORD, "$argon2", *hashes):
        assert secret not in written


def test_an_entry_commits_with_its_action_or_not_at_all(store: Engine, audit_dir: Path) -> None:
    """An upload's entry is written in the upload's own transaction: a failure after it leaves neither."""
    with pytest.raises(RuntimeError), db.write_transaction(store) as conn:
        audit.record(conn, "root", "import", 1, {"kind": "plots"})
        raise RuntimeError("the upload failed after its entry")
    assert audit.entries(store) == [] and not (audit_dir / audit.CHECKPOINT_FILE).exists()

    audit.record(store, "root", "export", "plots.csv")
    marks = json.loads((audit_dir / audit.CHECKPOINT_FILE).read_text())
    assert [mark["id"] for mark in marks.values()] == [1]


def test_details_read_in_the_readers_language_and_a_fact_of_no_known_name_as_stored(
    store: Engine, audit_dir: Path
) -> None:
    failed = audit.record(store, "olga", "sign_in_failed", details={"failure": "locked"})
    rejected = audit.record(store, "aigerim", "reject", 3, {"reason": "дубль участка", "checked_on": "2026-12-01"})

    assert audit.describe(failed, "ru") == "отказ: имя заблокировано"
    assert audit.describe(rejected, "kk") == "себебі: дубль участка; checked_on: 2026-12-01"


def test_an_unknown_action_is_refused(store: Engine, audit_dir: Path) -> None:
    with pytest.raises(ValueError, match="unknown audit action"):
        audit.record(store, "root", "delete_everything")


def test_the_key_file_is_made_once_and_readable_by_its_owner_only(store: Engine, audit_dir: Path) -> None:
    audit.record(store, "root", "export", "a.csv")
    key = (audit_dir / audit.KEY_FILE).read_text()
    audit.record(store, "root", "export", "b.csv")

    assert (audit_dir / audit.KEY_FILE).read_text() == key and len(key) == 2 * audit.KEY_BYTES
    assert (audit_dir / audit.KEY_FILE).stat().st_mode & 0o777 == 0o600
    assert (audit_dir / audit.CHECKPOINT_FILE).stat().st_mode & 0o777 == 0o600


def test_a_key_folder_that_cannot_be_written_refuses_the_action_and_says_so(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "a-file-not-a-folder"
    blocked.write_text("")
    monkeypatch.setenv(audit.DIR_ENV, str(blocked / "audit"))

    code, _, err = cli("import", PLOTS, "--lang", "ru")

    assert code == 2 and err.strip() == t("audit_key_unwritable", "ru", folder=str(blocked / "audit"))
    monkeypatch.setenv(audit.DIR_ENV, str(tmp_path / "audit"))
    assert json.loads(cli("history", "--json")[1]) == []  # the upload was not made without its entry


def test_a_key_in_the_environment_is_used_instead_of_a_file(
    store: Engine, audit_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(audit.KEY_ENV, "a key the operator keeps in the service's environment")
    audit.record(store, "root", "export", "a.csv")
    assert not (audit_dir / audit.KEY_FILE).exists() and not audit.verify(store)

    monkeypatch.setenv(audit.KEY_ENV, "another key")
    assert codes(store) == ["audit_edited"]


# --- verify --------------------------------------------------------------------------------------------------------


def test_an_intact_trail_verifies(busy: Engine) -> None:
    assert audit.verify(busy) == []


def test_an_empty_trail_verifies(store: Engine, audit_dir: Path) -> None:
    assert audit.verify(store) == []


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("details", '{"kind":"plots","file":"other.geojson"}'),
        ("actor", "someone_else"),
        ("at", datetime(2025, 1, 1, tzinfo=UTC)),
        ("subject", "7"),
        ("action", "export"),
    ],
)
def test_an_entry_edited_in_sql_is_caught(busy: Engine, column: str, value: object) -> None:
    sql(busy, f"UPDATE audit SET {column} = :value WHERE id = 5", value=value)  # noqa: S608 - the test's own names

    (finding,) = audit.verify(busy)
    assert (finding.code, dict(finding.params)) == ("audit_edited", {"id": "5"})


def test_an_entry_edited_with_a_new_hash_is_caught_there_and_at_the_next(busy: Engine) -> None:
    sql(busy, "UPDATE audit SET actor = 'someone_else', hash = :fake WHERE id = 5", fake="f" * 64)

    assert [(f.code, dict(f.params)) for f in audit.verify(busy)] == [
        ("audit_edited", {"id": "5"}),
        ("audit_unlinked", {"id": "6"}),
    ]


def test_an_entry_removed_from_the_middle_is_caught(busy: Engine) -> None:
    sql(busy, "DELETE FROM audit WHERE id IN (4, 5)")

    (finding,) = audit.verify(busy)
    assert (finding.code, dict(finding.params)) == ("audit_removed", {"ids": "4–5"})


def test_the_first_entry_removed_is_caught(busy: Engine) -> None:
    sql(busy, "DELETE FROM audit WHERE id = 1")

    assert [(f.code, dict(f.params)) for f in audit.verify(busy)] == [("audit_removed", {"ids": "1"})]


def test_the_newest_entries_removed_are_caught_by_the_checkpoint(busy: Engine) -> None:
    sql(busy, "DELETE FROM audit WHERE id >= 8")

    (finding,) = audit.verify(busy)
    assert (finding.code, dict(finding.params)) == ("audit_tail_removed", {"ids": "8–9"})


def test_every_entry_removed_is_caught_by_the_checkpoint(busy: Engine) -> None:
    sql(busy, "DELETE FROM audit")

    assert [(f.code, dict(f.params)) for f in audit.verify(busy)] == [("audit_tail_removed", {"ids": "1–9"})]


def test_a_trail_written_again_from_scratch_is_caught(busy: Engine) -> None:
    """Emptied, then as many entries made again by the app itself: each is sealed, but not the one noted."""
    sql(busy, "DELETE FROM audit")
    for _ in range(9):
        audit.record(busy, "intruder", "sign_in")

    assert [(f.code, dict(f.params)) for f in audit.verify(busy)] == [("audit_rewritten", {"id": "9"})]


def test_an_entry_put_in_by_hand_is_caught(busy: Engine) -> None:
    """At the end, after the newest (which it names as its previous), with a hash made up: no key, no seal."""
    newest = audit.entries(busy, limit=1)[0]
    sql(
        busy,
        "INSERT INTO audit (id, at, actor, action, subject, details, prev_hash, hash) "
        "VALUES (:id, :at, 'olga', 'rollback', '1', '{}', :prev, :hash)",
        id=newest.id + 1,
        at=datetime.now(UTC),
        prev=newest.hash,
        hash="0" * 64,
    )

    assert [(f.code, dict(f.params)) for f in audit.verify(busy)] == [("audit_edited", {"id": str(newest.id + 1)})]


def test_entries_swapped_are_caught(busy: Engine) -> None:
    sql(busy, "UPDATE audit SET id = -id WHERE id IN (3, 4)")
    sql(busy, "UPDATE audit SET id = 4 WHERE id = -3")
    sql(busy, "UPDATE audit SET id = 3 WHERE id = -4")

    assert {f.code for f in audit.verify(busy)} == {"audit_edited", "audit_unlinked"}


def test_without_its_key_the_trail_cannot_be_checked(busy: Engine, audit_dir: Path) -> None:
    (audit_dir / audit.KEY_FILE).unlink()

    assert codes(busy) == ["audit_key_missing"]


def test_an_unreadable_checkpoint_is_said(busy: Engine, audit_dir: Path) -> None:
    (audit_dir / audit.CHECKPOINT_FILE).write_text("not json")

    assert codes(busy) == ["audit_checkpoint_unreadable"]


def test_each_finding_is_said_in_kk_ru_en(busy: Engine) -> None:
    sql(busy, "DELETE FROM audit WHERE id IN (2, 9)")
    findings = audit.verify(busy)
    for lang in ("kk", "ru", "en"):
        said = [f.message(lang) for f in findings]
        assert said == [t(f.code, lang, **f.params) for f in findings] and all("{" not in s for s in said)
    assert findings[0].message("ru") == "Из середины журнала удалены записи: 2."


# --- the Audit page's check: the entries since its last one, and the checkpoint ---------------------------------------


def page_check(engine: Engine) -> list[tuple[str, dict[str, str]]]:
    return [(f.code, dict(f.params)) for f in audit.verify(engine, incremental=True)]


@pytest.mark.parametrize(
    ("change", "found"),
    [
        ("UPDATE audit SET actor = 'someone_else' WHERE id = 9", [("audit_edited", {"id": "9"})]),
        ("DELETE FROM audit WHERE id = 4", [("audit_removed", {"ids": "4"})]),
        ("DELETE FROM audit WHERE id >= 8", [("audit_tail_removed", {"ids": "8–9"})]),
        ("UPDATE audit SET id = 0 WHERE id = 1", [("audit_edited", {"id": "0"}), ("audit_removed", {"ids": "1"})]),
    ],
)
def test_a_change_after_the_page_found_the_trail_intact_is_caught_on_its_next_load(
    busy: Engine, change: str, found: list[tuple[str, dict[str, str]]]
) -> None:
    """The newest entry checked last time edited, one removed from the middle (or moved), the newest removed: each
    makes the next check a whole one."""
    assert page_check(busy) == []
    sql(busy, change)

    assert page_check(busy) == found
    assert page_check(busy) == found  # and on every load after
    assert page_check(busy) == [(f.code, dict(f.params)) for f in audit.verify(busy)]


def test_an_entry_added_after_the_pages_check_and_edited_is_caught_on_its_next_load(busy: Engine) -> None:
    assert page_check(busy) == []
    audit.record(busy, "olga", "export", "plots.csv")
    sql(busy, "UPDATE audit SET subject = 'other.csv' WHERE id = 10")

    assert page_check(busy) == [("audit_edited", {"id": "10"})]


def test_the_checkpoint_is_compared_on_every_load_of_the_page(busy: Engine, audit_dir: Path) -> None:
    assert page_check(busy) == []
    checkpoint = audit_dir / audit.CHECKPOINT_FILE
    marks = json.loads(checkpoint.read_text())
    checkpoint.write_text(json.dumps({store: {"id": 11, "hash": mark["hash"]} for store, mark in marks.items()}))
    assert page_check(busy) == [("audit_tail_removed", {"ids": "10–11"})]

    checkpoint.write_text("not json")
    assert [code for code, _ in page_check(busy)] == ["audit_checkpoint_unreadable"]


def test_an_older_entry_edited_after_the_pages_check_is_caught_by_the_whole_check(busy: Engine, cli: Cli) -> None:
    """The page checks only the entries since its last check (and the newest one it checked); the command line
    checks every entry each time."""
    assert page_check(busy) == []
    sql(busy, "UPDATE audit SET details = '{}' WHERE id = 3")

    code, out, _ = cli("audit", "--verify", "--json")

    assert code == 1 and [problem["code"] for problem in json.loads(out)["problems"]] == ["audit_edited"]


# --- two processes appending at once ---------------------------------------------------------------------------------

APPENDS = 40
APPENDER = """
import sys
from geo import audit, db
engine = db.create_engine(sys.argv[1])
for i in range(int(sys.argv[3])):
    audit.record(engine, sys.argv[2], "export", f"file-{i}.csv", {"rows": i})
"""


def test_two_processes_appending_at_once_keep_one_chain(store_url: str, audit_dir: Path) -> None:
    engine = db.create_engine(store_url)
    audit.record(engine, "root", "sign_in")  # the key exists before the race
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", APPENDER, store_url, who, str(APPENDS)],
            cwd=REPO,
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        for who in ("first", "second")
    ]
    for proc in procs:
        assert proc.wait(timeout=300) == 0, proc.stderr.read()[-2000:] if proc.stderr else ""

    found = audit.entries(engine)
    assert [e.id for e in found] == list(range(2 * APPENDS + 1, 0, -1))
    assert sorted(e.actor for e in found).count("first") == APPENDS == [e.actor for e in found].count("second")
    assert audit.verify(engine) == []
    marks = json.loads((audit_dir / audit.CHECKPOINT_FILE).read_text())
    assert [mark["id"] for mark in marks.values()] == [2 * APPENDS + 1]
    engine.dispose()


# --- the command line ----------------------------------------------------------------------------------------------

Cli = Callable[..., tuple[int, str, str]]


@pytest.fixture
def cli(store_url: str, audit_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> Cli:
    """Run ``python -m geo`` in this process on a fresh store; returns (exit code, stdout, stderr)."""
    monkeypatch.setenv(db.DB_URL_ENV, store_url)

    def run(*args: object) -> tuple[int, str, str]:
        try:
            code = main([str(a) for a in args])
        except SystemExit as exit_:
            code = int(exit_.code or 0)
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_cli_lists_the_trail_newest_first_as_json(
    cli: Cli, store_url: str, tmp_path: Path, account: Callable[..., str]
) -> None:
    account("olga")
    assert cli("import", PLOTS, "--user", "olga")[0] == 0
    assert cli("export", "--format", "csv", "--out", tmp_path / "plots.csv")[0] == 0

    code, out, _ = cli("audit", "--json")

    listed = json.loads(out)
    assert code == 0 and [(e["id"], e["action"]) for e in listed] == [(2, "export"), (1, "import")]
    assert listed[1]["actor"] == "olga" and listed[1]["subject"] == "1" and listed[1]["details"]["rows"] == 2
    assert listed[0]["subject"] == "plots.csv" and listed[0]["details"] == {"format": "csv", "plots": 2}
    assert set(listed[0]) == {"id", "at", "actor", "action", "subject", "details", "prev_hash", "hash"}
    assert listed[0]["prev_hash"] == listed[1]["hash"]


def test_cli_filters_by_action_actor_and_day(cli: Cli, store_url: str) -> None:
    engine = db.get_engine(store_url)
    busy_store(engine)
    sql(engine, "UPDATE audit SET at = :old WHERE id <= 2", old=datetime.now(UTC) - timedelta(days=40))  # the adds

    def ids(*args: str) -> list[int]:
        return [e["id"] for e in json.loads(cli("audit", "--json", *args)[1])]

    assert ids("--action", "sign_in_failed") == [3]
    assert ids("--actor", "Olga") == [7, 6, 5, 4, 3]
    assert ids("--since", (datetime.now(UTC) - timedelta(days=1)).date().isoformat()) == [9, 8, 7, 6, 5, 4, 3]
    assert cli("audit", "--action", "delete")[0] == 2 and cli("audit", "--since", "15.04.2024")[0] == 2


def test_cli_verify_exits_0_intact_and_1_altered_with_each_problem_in_the_users_language(cli: Cli) -> None:
    assert cli("import", PLOTS)[0] == 0
    assert cli("rollback", "1")[0] == 0
    code, out, _ = cli("audit", "--verify", "--lang", "kk")
    assert (code, out.strip()) == (0, t("audit_intact", "kk"))
    engine = db.get_engine(os.environ[db.DB_URL_ENV])
    sql(engine, "UPDATE audit SET details = '{}' WHERE id = 1")

    code, out, _ = cli("audit", "--verify", "--lang", "ru")

    assert code == 1
    assert out.splitlines() == [t("audit_altered", "ru"), "  " + t("audit_edited", "ru", id="1")]


def test_cli_verify_json(cli: Cli) -> None:
    assert cli("import", PLOTS)[0] == 0
    assert json.loads(cli("audit", "--verify", "--json")[1]) == {"intact": True, "problems": []}
    sql(db.get_engine(os.environ[db.DB_URL_ENV]), "DELETE FROM audit")

    code, out, _ = cli("audit", "--verify", "--json", "--lang", "en")

    assert code == 1
    assert json.loads(out) == {
        "intact": False,
        "problems": [{"code": "audit_tail_removed", "ids": "1", "message": t("audit_tail_removed", "en", ids="1")}],
    }


def test_cli_lists_in_the_users_language(cli: Cli, account: Callable[..., str]) -> None:
    account("olga")
    assert cli("import", PLOTS, "--user", "olga")[0] == 0

    code, out, _ = cli("audit", "--lang", "kk")

    (line,) = out.splitlines()
    _when, actor, action, subject, details = line.split("\t")
    assert code == 0 and (actor, action, subject) == ("olga", t("audit_action_import", "kk"), "1")
    assert details.startswith(f"{t('audit_fact_kind', 'kk')}: {t('kind_plots', 'kk')}; ")
    assert cli("audit", "--action", "export", "--lang", "ru")[1].strip() == t("audit_empty", "ru")


# --- the Audit page ----------------------------------------------------------------------------------------------


@pytest.fixture
def page_store(tmp_path: Path, audit_dir: Path) -> str:
    url = f"sqlite:///{tmp_path / 'orman.sqlite'}"
    engine = db.get_engine(url)
    busy_store(engine)
    actions.add_user_as(engine, auth.operator("root"), "aigerim", "admin", PASSWORD)
    return url


def test_the_audit_page_is_for_administrators_only(page_store: str, monkeypatch: pytest.MonkeyPatch) -> None:
    officer = open_app(page_store, monkeypatch, "en", page="audit", user="olga", password=NEW_PASSWORD)
    assert not officer.title and not officer.dataframe
    assert any(w.value.startswith(t("auth_page_forbidden", "en", role="")[:30]) for w in officer.warning)
    public = open_app(page_store, monkeypatch, "en", page="audit")
    assert not public.dataframe and t("audit_title", "en") not in [title.value for title in public.title]
    assert any(w.value.startswith(t("auth_page_login_required", "en")[:30]) for w in public.warning)


def test_the_audit_page_shows_the_entries_and_that_the_trail_is_intact(
    page_store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_app(page_store, monkeypatch, "kk", page="audit", user="aigerim")

    assert_clean(at)
    assert at.title[0].value == t("audit_title", "kk")
    assert at.success[0].value == t("audit_intact", "kk")
    shown = at.dataframe[0].value
    assert list(shown[t("audit_col_action", "kk")])[:3] == [
        t("audit_action_sign_in", "kk"),
        t("audit_action_user_added", "kk"),
        t("audit_action_user_disabled", "kk"),
    ]
    assert list(shown[t("col_who", "kk")])[:2] == ["aigerim", "root"]
    assert len(shown) == 11


def test_the_audit_page_filters_by_action_and_person(page_store: str, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_app(page_store, monkeypatch, "ru", page="audit", user="aigerim")
    at.selectbox(key="audit_action").select("import").run()
    assert list(at.dataframe[0].value[t("audit_col_subject", "ru")]) == ["2", "1"]

    at.selectbox(key="audit_action").select(None).run()
    assert at.selectbox(key="audit_actor").options == ["Все", "aigerim", "olga", "root"]  # who did something
    at.selectbox(key="audit_actor").select("olga").run()
    assert set(at.dataframe[0].value[t("col_who", "ru")]) == {"olga"} and len(at.dataframe[0].value) == 5
    at.selectbox(key="audit_action").select("export").run()
    assert at.info[0].value == t("audit_none_match", "ru") and not at.dataframe


def test_the_audit_page_filters_by_days_in_kazakhstan(page_store: str, monkeypatch: pytest.MonkeyPatch) -> None:
    today = datetime.now(TIMEZONE).date()
    at = open_app(page_store, monkeypatch, "en", page="audit", user="aigerim")
    at.date_input(key="audit_days").set_value((today, today)).run()
    assert len(at.dataframe[0].value) == 11

    at.date_input(key="audit_days").set_value((today - timedelta(days=9), today - timedelta(days=1))).run()
    assert at.info[0].value == t("audit_none_match", "en") and not at.dataframe
    at.date_input(key="audit_days").set_value((today + timedelta(days=1),)).run()  # a range being picked: from
    assert at.info[0].value == t("audit_none_match", "en")


def test_the_audit_page_says_the_trail_was_altered_and_how(page_store: str, monkeypatch: pytest.MonkeyPatch) -> None:
    sql(db.get_engine(page_store), "DELETE FROM audit WHERE id = 4")

    at = open_app(page_store, monkeypatch, "en", page="audit", user="aigerim")

    assert not at.success and t("audit_removed", "en", ids="4") in at.error[0].value
    assert at.error[0].value.startswith(t("audit_altered", "en"))


def test_the_audit_page_says_the_trail_was_altered_after_a_load_that_found_it_intact(
    page_store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert open_app(page_store, monkeypatch, "en", page="audit", user="aigerim").success
    engine = db.get_engine(page_store)
    checked = audit.entries(engine, limit=1)[0]  # the newest entry the load checked: its sign-in
    sql(engine, "UPDATE audit SET actor = 'someone_else' WHERE id = :id", id=checked.id)

    at = open_app(page_store, monkeypatch, "en", page="audit", user="aigerim")

    assert not at.success and t("audit_edited", "en", id=str(checked.id)) in at.error[0].value


def test_the_audit_page_offers_the_entries_shown_as_csv(page_store: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The download itself, and its entry in the trail, are a browser's (tests/e2e/test_audit_browser.py)."""
    at = open_app(page_store, monkeypatch, "en", page="audit", user="aigerim")

    (button,) = at.get("download_button")
    assert button.proto.label == t("download_csv", "en") and button.proto.id.endswith("-audit_csv")


def test_the_page_names_every_action_in_kk_ru_en() -> None:
    for lang in ("kk", "ru", "en"):
        labels = [audit.action_label(a, lang) for a in audit.AUDIT_ACTIONS]
        assert len(set(labels)) == len(labels) and not any(label.startswith("audit_") for label in labels)
