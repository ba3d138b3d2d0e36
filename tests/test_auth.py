"""Roles, accounts, throttled sign-in and expiring sessions (geo/auth.py), and `python -m geo user …`.

Store-backed tests run on SQLite and on PostGIS through the ``store`` fixture. Time is injected, never slept.
"""

from __future__ import annotations

import io
import json
import logging
import os
import pty
import select
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from argon2 import PasswordHasher

from geo import actions, auth, db
from geo.auth import LoginFailure, PermissionDenied, Session, User, UserError
from geo.cli import main
from geo.i18n.ui import UI
from geo.store import Batch, get_batch, history, import_file

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent
T0 = datetime(2026, 4, 15, 9, 0, tzinfo=UTC)
GOOD = "Kokshetau-pines-2026"
BAD = "Kokshetau-pines-2025"

PAGES = {
    "public": {"public"},
    "official": {"overview", "map", "progress", "public", "history", "embed"},
    "officer": {"overview", "map", "progress", "public", "history", "embed", "upload"},
    "supervisor": {"overview", "map", "progress", "public", "history", "embed", "upload", "review"},
    "admin": {"overview", "map", "progress", "public", "history", "embed", "upload", "review", "admin", "audit"},
}
ACTIONS = {
    "public": set(),
    "official": set(),
    "officer": {"upload", "rollback_own"},
    "supervisor": {"upload", "rollback_own", "review"},
    "admin": {"upload", "rollback_own", "rollback_any", "review", "manage_users", "load_demo", "settings"},
}


def who(role: str) -> User | None:
    return None if role == "public" else User(name=f"{role}-1", role=role)


def failures(engine, name: str, password: str, times: int, now: datetime) -> list[LoginFailure | User]:
    return [auth.authenticate(engine, name, password, now=now) for _ in range(times)]


# --- the permission table ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", auth.ROLES)
def test_each_role_sees_exactly_its_pages(role):
    assert set(auth.pages_for(who(role))) == PAGES[role]
    assert {page for page in auth.PAGES if auth.can_see(who(role), page)} == PAGES[role]


@pytest.mark.parametrize("role", auth.ROLES)
def test_each_role_may_do_exactly_its_actions(role):
    assert {action for action in auth.ACTIONS if auth.can(who(role), action)} == ACTIONS[role]


def test_each_role_has_everything_the_role_below_has():
    for lower, higher in zip(auth.ROLES, auth.ROLES[1:], strict=False):
        assert PAGES[lower] <= PAGES[higher] and ACTIONS[lower] <= ACTIONS[higher]


def test_pages_come_in_navigation_order():
    assert auth.pages_for(who("admin")) == auth.PAGES


def test_the_public_is_asked_to_sign_in_in_its_language():
    with pytest.raises(PermissionDenied) as denied:
        auth.require(None, "upload")
    assert denied.value.code == "auth_login_required"
    assert denied.value.message("en") == "Sign in to upload data."
    assert denied.value.message("ru") == "Войдите, чтобы загружать данные."
    assert denied.value.message("kk") == "деректерді жүктеу үшін жүйеге кіріңіз."


def test_an_official_is_told_which_role_lacks_what():
    with pytest.raises(PermissionDenied) as denied:
        auth.require(who("official"), "upload")
    assert denied.value.code == "auth_forbidden"
    assert denied.value.message("en") == (
        "Your role (Official) does not allow you to upload data. Ask an administrator if you need it."
    )


def test_pages_outside_the_role_are_refused():
    with pytest.raises(PermissionDenied) as anonymous:
        auth.require_page(None, "history")
    with pytest.raises(PermissionDenied) as officer:
        auth.require_page(who("officer"), "admin")
    assert (anonymous.value.code, officer.value.code) == ("auth_page_login_required", "auth_page_forbidden")
    auth.require_page(None, "public")


def test_a_role_this_version_does_not_know_or_a_disabled_account_gets_public_rights():
    for stranger in (User(name="root", role="superuser"), User(name="aigerim", role="admin", disabled=True)):
        assert auth.pages_for(stranger) == ("public",)
        assert not auth.can(stranger, "upload")


def test_every_sign_in_and_permission_text_exists_in_kazakh_russian_and_english():
    keys = [key for key in UI if key.startswith("auth_")]
    assert {f"auth_role_{role}" for role in auth.ROLES} | {f"auth_action_{a}" for a in auth.ACTIONS} <= set(keys)
    assert all(UI[key].get(lang) for key in keys for lang in ("kk", "ru", "en"))


def test_a_misspelt_action_or_page_is_a_programming_error():
    with pytest.raises(ValueError):
        auth.require(who("admin"), "uplaod")
    with pytest.raises(ValueError):
        auth.can_see(who("admin"), "setings")
    with pytest.raises(ValueError):
        auth.require(who("admin"), "rollback")  # which batch?


def test_a_session_carries_its_role_into_the_checks():
    session = auth.start_session(User(name="aigerim", role="officer"), now=T0)
    auth.require(session, "upload")
    assert not auth.can(session, "manage_users")


# --- rollback: own batches for officers, any for administrators ----------------------------------------------------


@pytest.fixture
def two_batches(store):
    """A plots batch by officer ``aigerim`` and a plantings batch by officer ``daniyar``, as committed uploads."""
    plots = store_import(store, "plots_semey.geojson", "aigerim")
    plantings = store_import(store, "plantings_semey_cp1251.csv", "daniyar")
    return plots, plantings


def store_import(engine, filename: str, user: str) -> Batch:
    result = import_file(engine, (DATA / filename).read_bytes(), filename, user=user, skip_invalid=True)
    assert result.batch is not None, result.report.to_json("en")
    return get_batch(engine, result.batch)


def test_an_officer_may_roll_back_own_batch_only(two_batches):
    own, other = two_batches
    aigerim = User(name="Aigerim", role="officer")  # names compare case-insensitively
    auth.require(aigerim, "rollback", own)
    with pytest.raises(PermissionDenied) as denied:
        auth.require(aigerim, "rollback", other)
    assert denied.value.code == "auth_not_own_batch"
    assert "daniyar" in denied.value.message("ru")
    assert auth.can(aigerim, "rollback_own") and not auth.can(aigerim, "rollback_own", other)


def test_an_administrator_may_roll_back_any_batch_and_an_official_none(two_batches):
    own, other = two_batches
    assert auth.can(who("admin"), "rollback", own) and auth.can(who("admin"), "rollback", other)
    assert not auth.can(who("official"), "rollback", own)
    assert not auth.can(None, "rollback", own)


def test_the_public_and_officials_cannot_write_through_the_store_actions(store):
    data = (DATA / "plots_semey.geojson").read_bytes()
    for who_ in (None, who("official")):
        with pytest.raises(PermissionDenied):
            actions.import_as(store, who_, data, "plots_semey.geojson")
        with pytest.raises(PermissionDenied):
            actions.preview_as(store, who_, data, "plots_semey.geojson")
        with pytest.raises(PermissionDenied):
            actions.load_demo_as(store, who_)
    with pytest.raises(PermissionDenied):
        actions.load_demo_as(store, who("officer"))
    assert history(store) == []


def test_an_officers_upload_is_recorded_as_theirs_and_only_they_or_an_admin_roll_it_back(store):
    aigerim = auth.start_session(User(name="aigerim", role="officer"), now=T0)
    daniyar = User(name="daniyar", role="officer")
    data = (DATA / "plots_semey.geojson").read_bytes()
    assert actions.preview_as(store, aigerim, data, "plots_semey.geojson").batch is None
    result = actions.import_as(store, aigerim, data, "plots_semey.geojson", skip_invalid=True)
    assert get_batch(store, result.batch).user == "aigerim"
    with pytest.raises(PermissionDenied):
        actions.rollback_as(store, daniyar, result.batch)
    with pytest.raises(PermissionDenied):
        actions.rollback_as(store, None, result.batch)
    assert get_batch(store, result.batch).active
    undone = actions.rollback_as(store, who("admin"), result.batch)
    assert undone.ok and get_batch(store, result.batch).rolled_back_by == "admin-1"


def test_each_action_logs_who_did_what_and_never_the_password(store, caplog):
    root = auth.operator("root")
    data = (DATA / "plots_semey.geojson").read_bytes()
    with caplog.at_level(logging.INFO, logger="geo.actions"):
        actions.add_user_as(store, root, "Aigerim", "officer", GOOD)
        actions.set_password_as(store, root, "aigerim", BAD + "-new")
        done = actions.import_as(store, root, data, "plots_semey.geojson", skip_invalid=True)
        again = actions.import_as(store, root, data, "plots_semey.geojson", skip_invalid=True)
        undone = actions.rollback_as(store, root, done.batch)
        actions.disable_user_as(store, root, "aigerim")
    assert caplog.messages == [
        "user added name='aigerim' role=officer email=None by='root'",
        "password changed name='aigerim' by='root'",
        f"import batch={done.batch} kind=plots file='plots_semey.geojson' user='root' rows={done.report.rows} "
        f"new={done.new} updated=0 unchanged=0 skipped={done.skipped}",
        f"import already batch={again.batch} file='plots_semey.geojson' user='root'",
        f"rollback batch={done.batch} user='root' removed={undone.removed} restored=0",
        "user disabled name='aigerim' by='root'",
    ]
    assert GOOD not in caplog.text and BAD not in caplog.text


# --- accounts ------------------------------------------------------------------------------------------------------


def stored_hash(engine, name: str) -> str:
    with engine.connect() as conn:
        return conn.execute(sa.select(db.users.c.password_hash).where(db.users.c.name == name)).scalar_one()


def test_password_is_stored_as_an_argon2id_hash_never_in_clear(store):
    auth.add_user(store, "aigerim", "officer", GOOD)
    hashed = stored_hash(store, "aigerim")
    assert hashed.startswith("$argon2id$")
    assert GOOD not in hashed
    with store.connect() as conn:
        row = conn.execute(sa.select(db.users).where(db.users.c.name == "aigerim")).mappings().one()
    assert all(GOOD not in str(value) for value in row.values())


def test_right_password_signs_in_and_wrong_one_says_the_same_as_an_unknown_name(store):
    auth.add_user(store, "aigerim", "officer", GOOD, email="aigerim@semey.edu.kz")
    user = auth.authenticate(store, "Aigerim ", GOOD, now=T0)
    assert isinstance(user, User) and (user.name, user.role, user.last_login_at) == ("aigerim", "officer", T0)
    wrong = auth.authenticate(store, "aigerim", BAD, now=T0)
    unknown = auth.authenticate(store, "nobody", BAD, now=T0)
    assert wrong == unknown == LoginFailure("invalid")
    assert wrong.message("ru") == "Неверное имя пользователя или пароль."


def test_names_are_one_account_whatever_the_case(store):
    auth.add_user(store, "Aigerim", "officer", GOOD)
    with pytest.raises(UserError) as taken:
        auth.add_user(store, "AIGERIM", "admin", GOOD)
    assert taken.value.code == "auth_user_exists"
    assert [user.name for user in auth.list_users(store)] == ["aigerim"]


@pytest.mark.parametrize(
    ("name", "role", "password", "email", "code"),
    [
        ("a b", "officer", GOOD, None, "auth_name_invalid"),
        ("x", "officer", GOOD, None, "auth_name_invalid"),
        ("aigerim", "public", GOOD, None, "auth_role_unknown"),
        ("aigerim", "root", GOOD, None, "auth_role_unknown"),
        ("aigerim", "officer", "short-pass", None, "auth_password_short"),
        ("aigerim", "officer", GOOD, "not-an-address", "auth_email_invalid"),
    ],
)
def test_bad_accounts_are_refused_with_a_reason(store, name, role, password, email, code):
    with pytest.raises(UserError) as refused:
        auth.add_user(store, name, role, password, email=email)
    assert refused.value.code == code
    assert all(refused.value.message(lang) for lang in ("en", "ru", "kk"))
    assert auth.list_users(store) == []


def test_disabled_user_cannot_sign_in_even_with_the_right_password(store):
    auth.add_user(store, "aigerim", "officer", GOOD)
    auth.disable_user(store, "aigerim")
    assert auth.authenticate(store, "aigerim", GOOD, now=T0) == LoginFailure("disabled")
    assert auth.authenticate(store, "aigerim", BAD, now=T0) == LoginFailure("invalid")
    assert auth.get_user(store, "aigerim").disabled
    with pytest.raises(UserError):
        auth.disable_user(store, "nobody")


def test_an_outdated_hash_is_replaced_at_the_next_sign_in(store):
    auth.add_user(store, "aigerim", "officer", GOOD)
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash(GOOD)
    with db.write_transaction(store) as conn:
        conn.execute(sa.update(db.users).where(db.users.c.name == "aigerim").values(password_hash=weak))
    assert isinstance(auth.authenticate(store, "aigerim", GOOD, now=T0), User)
    renewed = stored_hash(store, "aigerim")
    assert renewed != weak and not PasswordHasher().check_needs_rehash(renewed)


def test_oidc_identity_maps_by_email_to_the_one_active_account(store):
    auth.add_user(store, "aigerim", "officer", GOOD, email="Aigerim@Semey.edu.kz")
    auth.add_user(store, "daniyar", "official", GOOD, email="daniyar@minecology.gov.kz")
    assert auth.user_for_email(store, "aigerim@semey.edu.kz").name == "aigerim"
    assert auth.user_for_email(store, "someone@else.kz") is None
    assert auth.user_for_email(store, None) is None
    auth.disable_user(store, "daniyar")
    assert auth.user_for_email(store, "daniyar@minecology.gov.kz") is None


def test_an_email_belongs_to_one_active_account(store):
    auth.add_user(store, "aigerim", "officer", GOOD, email="aigerim@semey.edu.kz")
    with pytest.raises(UserError) as taken:
        auth.add_user(store, "aigerim2", "officer", GOOD, email="AIGERIM@semey.edu.kz")
    assert taken.value.code == "auth_email_exists"


# --- throttling ----------------------------------------------------------------------------------------------------


def test_five_wrong_passwords_lock_the_name_even_against_the_right_one_until_the_lock_passes(store):
    auth.add_user(store, "aigerim", "officer", GOOD)
    answers = failures(store, "aigerim", BAD, auth.MAX_FAILURES, T0)
    assert answers[:-1] == [LoginFailure("invalid")] * (auth.MAX_FAILURES - 1)
    until = T0 + auth.LOCK_FIRST
    assert answers[-1] == LoginFailure("locked", until)
    assert auth.authenticate(store, "aigerim", GOOD, now=until - timedelta(seconds=1)) == LoginFailure("locked", until)
    assert LoginFailure("locked", until).message("en", now=T0) == (
        "Too many failed attempts: sign-in for this name is paused. Try again in 1 min."
    )
    assert isinstance(auth.authenticate(store, "aigerim", GOOD, now=until), User)


def test_each_further_lock_lasts_longer(store):
    auth.add_user(store, "aigerim", "officer", GOOD)
    first = failures(store, "aigerim", BAD, auth.MAX_FAILURES, T0)[-1].until
    second = failures(store, "aigerim", BAD, auth.MAX_FAILURES, first)[-1].until
    assert (first - T0, second - first) == (auth.LOCK_FIRST, 2 * auth.LOCK_FIRST)
    assert auth.lock_period(30) == auth.LOCK_MAX


def test_a_successful_sign_in_resets_the_count(store):
    auth.add_user(store, "aigerim", "officer", GOOD)
    failures(store, "aigerim", BAD, auth.MAX_FAILURES - 1, T0)
    assert isinstance(auth.authenticate(store, "aigerim", GOOD, now=T0), User)
    assert auth.authenticate(store, "aigerim", BAD, now=T0) == LoginFailure("invalid")  # not the 5th in a row


def test_failures_a_day_old_no_longer_count(store):
    auth.add_user(store, "aigerim", "officer", GOOD)
    failures(store, "aigerim", BAD, auth.MAX_FAILURES - 1, T0)
    later = T0 + auth.FORGET_AFTER + timedelta(minutes=1)
    assert auth.authenticate(store, "aigerim", BAD, now=later) == LoginFailure("invalid")


def test_unknown_names_are_locked_alike_so_a_lock_reveals_nothing(store):
    answers = failures(store, "nobody", BAD, auth.MAX_FAILURES, T0)
    assert answers[-1] == LoginFailure("locked", T0 + auth.LOCK_FIRST)


def test_the_lock_is_kept_in_the_store_for_every_process(store, store_url):
    auth.add_user(store, "aigerim", "officer", GOOD)
    failures(store, "aigerim", BAD, auth.MAX_FAILURES, T0)
    other_process = db.create_engine(store_url)
    try:
        assert auth.authenticate(other_process, "aigerim", GOOD, now=T0).reason == "locked"
    finally:
        other_process.dispose()


def test_a_new_password_lifts_the_lock(store):
    auth.add_user(store, "aigerim", "officer", GOOD)
    failures(store, "aigerim", BAD, auth.MAX_FAILURES, T0)
    auth.set_password(store, "aigerim", BAD + "-new")
    assert isinstance(auth.authenticate(store, "aigerim", BAD + "-new", now=T0), User)
    assert auth.authenticate(store, "aigerim", GOOD, now=T0) == LoginFailure("invalid")


def slow_account(engine, name: str) -> None:
    """An account whose stored hash takes long to check (an argon2 hash of costlier parameters, as an older
    deployment may have left), so that concurrent sign-ins are surely all inside the check together."""
    auth.add_user(engine, name, "officer", GOOD)
    slow = PasswordHasher(time_cost=200, memory_cost=4096, parallelism=1).hash(GOOD)
    with engine.begin() as conn:
        conn.execute(sa.update(db.users).where(db.users.c.name == name).values(password_hash=slow))


def sign_in_together(engine, name: str, waves: list[list[str]], now: datetime) -> list[list[LoginFailure | User]]:
    """Each wave's passwords tried at once from threads of their own (a barrier releases them together); a wave
    starts 0.2 s after the one before, while that one's passwords are still being checked."""

    def attempt(barrier: threading.Barrier, password: str) -> LoginFailure | User:
        barrier.wait()
        return auth.authenticate(engine, name, password, now=now)

    with ThreadPoolExecutor(sum(map(len, waves))) as pool:
        futures = []
        for wave in waves:
            barrier = threading.Barrier(len(wave))
            futures.append([pool.submit(attempt, barrier, password) for password in wave])
            time.sleep(0.2)
        return [[future.result() for future in wave] for wave in futures]


def test_twenty_sign_ins_at_once_cannot_slip_the_right_password_past_five_wrong_ones(store):
    slow_account(store, "aigerim")
    first, rest = sign_in_together(store, "aigerim", [[BAD] * 5, [BAD] * 7 + [GOOD] + [BAD] * 7], T0)
    until = T0 + auth.LOCK_FIRST
    assert sorted(map(repr, first)) == sorted(
        map(repr, [LoginFailure("invalid")] * 4 + [LoginFailure("locked", until)])
    )
    assert rest == [LoginFailure("locked", until)] * 15
    assert auth.authenticate(store, "aigerim", GOOD, now=T0) == LoginFailure("locked", until)


def test_a_burst_of_wrong_passwords_gets_no_more_checks_than_one_after_another(store):
    slow_account(store, "aigerim")
    [answers] = sign_in_together(store, "aigerim", [[BAD] * 20], T0)
    until = T0 + auth.LOCK_FIRST
    assert answers.count(LoginFailure("invalid")) == auth.MAX_FAILURES - 1
    assert answers.count(LoginFailure("locked", until)) == 20 - (auth.MAX_FAILURES - 1)
    assert auth.authenticate(store, "aigerim", GOOD, now=T0) == LoginFailure("locked", until)


# --- sessions ------------------------------------------------------------------------------------------------------


def officer_session() -> Session:
    return auth.start_session(User(name="aigerim", role="officer"), now=T0)


def test_a_session_ends_after_thirty_idle_minutes():
    session = officer_session()
    assert auth.session_valid(session, T0 + auth.IDLE_TIMEOUT - timedelta(seconds=1))
    assert not auth.session_valid(session, T0 + auth.IDLE_TIMEOUT)


def test_a_session_used_all_day_still_ends_after_twelve_hours():
    session, now = officer_session(), T0
    while now - T0 < auth.SESSION_LIFETIME - timedelta(minutes=20):
        now += timedelta(minutes=20)
        assert auth.session_valid(session, now)
        session = Session(session.user, session.role, session.issued_at, last_seen=now)
    assert not auth.session_valid(session, T0 + auth.SESSION_LIFETIME)
    assert not auth.session_valid(None, T0)


def test_resuming_keeps_an_active_session_alive_and_ends_a_disabled_users(store):
    auth.add_user(store, "aigerim", "officer", GOOD)
    session = auth.start_session(auth.authenticate(store, "aigerim", GOOD, now=T0), now=T0)
    later = T0 + auth.IDLE_TIMEOUT - timedelta(minutes=1)
    resumed = auth.resume_session(store, session, later)
    assert resumed.last_seen == later and resumed.role == "officer"
    assert auth.resume_session(store, resumed, later + auth.IDLE_TIMEOUT - timedelta(minutes=1)) is not None
    assert auth.resume_session(store, session, T0 + auth.IDLE_TIMEOUT) is None
    auth.disable_user(store, "aigerim")
    assert auth.resume_session(store, resumed, later) is None


# --- python -m geo user … ------------------------------------------------------------------------------------------


@pytest.fixture
def cli(store_url, monkeypatch):
    """Run ``python -m geo`` in this process on the test store with ``stdin`` as its standard input."""
    monkeypatch.setenv(db.DB_URL_ENV, store_url)

    def run(capsys, *args: str, stdin: str = "") -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        try:
            code = main(list(args))
        except SystemExit as exit_:
            code = exit_.code
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_cli_user_add_reads_the_password_from_stdin(cli, capsys, store):
    code, out, _ = cli(
        capsys, "user", "add", "Aigerim", "--role", "officer", "--email", "aigerim@semey.edu.kz", stdin=GOOD + "\n"
    )
    assert (code, out) == (0, "User aigerim added with role Programme officer.\n")
    assert isinstance(auth.authenticate(store, "aigerim", GOOD, now=T0), User)
    assert stored_hash(store, "aigerim").startswith("$argon2id$")


def test_cli_user_list_json_has_no_hashes(cli, capsys, store):
    auth.add_user(store, "aigerim", "officer", GOOD, email="aigerim@semey.edu.kz")
    auth.add_user(store, "daniyar", "admin", GOOD)
    auth.disable_user(store, "daniyar")
    code, out, _ = cli(capsys, "user", "list", "--json")
    users = json.loads(out)
    assert code == 0
    assert [(u["name"], u["role"], u["email"], u["disabled"]) for u in users] == [
        ("aigerim", "officer", "aigerim@semey.edu.kz", False),
        ("daniyar", "admin", None, True),
    ]
    assert set(users[0]) == {"name", "role", "email", "disabled", "created_at", "last_login_at"}
    assert "argon2" not in out and GOOD not in out


def test_cli_refusals_exit_1_and_usage_errors_exit_2(cli, capsys, store):
    auth.add_user(store, "aigerim", "officer", GOOD)
    code, _, err = cli(capsys, "user", "add", "aigerim", "--role", "admin", stdin=GOOD + "\n")
    assert (code, err) == (1, "A user named aigerim already exists.\n")
    code, _, err = cli(capsys, "user", "disable", "nobody", "--lang", "ru")
    assert (code, err) == (1, "Пользователя nobody нет. Список: `python -m geo user list`.\n")
    assert cli(capsys, "user", "add", "daniyar", "--role", "officer", stdin="short\n")[0] == 1
    assert cli(capsys, "user", "add", "daniyar", "--role", "superuser", stdin=GOOD + "\n")[0] == 2
    assert cli(capsys, "user", "add", "daniyar", stdin=GOOD + "\n")[0] == 2
    assert [user.name for user in auth.list_users(store)] == ["aigerim"]


def test_cli_logs_what_it_did_on_stderr_and_keeps_stdout_for_its_output(cli, capsys, store):
    code, out, err = cli(capsys, "user", "add", "aigerim", "--role", "officer", stdin=GOOD + "\n")
    assert (code, out) == (0, "User aigerim added with role Programme officer.\n")
    assert "INFO geo.actions: user added name='aigerim' role=officer" in err and GOOD not in err


def test_cli_user_passwd_and_disable(cli, capsys, store):
    auth.add_user(store, "aigerim", "officer", GOOD)
    assert cli(capsys, "user", "passwd", "aigerim", stdin=BAD + "-new\n")[0] == 0
    assert isinstance(auth.authenticate(store, "aigerim", BAD + "-new", now=T0), User)
    assert cli(capsys, "user", "disable", "aigerim")[0] == 0
    assert auth.authenticate(store, "aigerim", BAD + "-new", now=T0) == LoginFailure("disabled")


def converse(leader: int, answers: list[str], timeout_s: float = 60) -> str:
    """Everything a terminal shows while answering each prompt (a line ending in ": ") with the next answer."""
    shown, pending = b"", list(answers)
    while True:
        ready, _, _ = select.select([leader], [], [], timeout_s)
        if not ready:
            raise TimeoutError(shown.decode(errors="replace"))
        try:
            chunk = os.read(leader, 1024)
        except OSError:  # the child closed the terminal
            return shown.decode(errors="replace")
        if not chunk:
            return shown.decode(errors="replace")
        shown += chunk
        if pending and shown.endswith(b": "):
            os.write(leader, pending.pop(0).encode() + b"\n")


def test_cli_at_a_terminal_asks_twice_without_echo_and_refuses_two_different_passwords(tmp_path):
    env = {**os.environ, db.DB_URL_ENV: f"sqlite:///{tmp_path / 'orman.sqlite'}"}
    pid, leader = pty.fork()
    if pid == 0:  # the child: `python -m geo user add` at a terminal of its own
        os.chdir(ROOT)
        os.execve(sys.executable, [sys.executable, "-m", "geo", "user", "add", "aigerim", "--role", "officer"], env)
    shown = converse(leader, [GOOD, BAD])
    _, status = os.waitpid(pid, 0)
    os.close(leader)
    assert os.waitstatus_to_exitcode(status) == 1
    assert "Password for aigerim: " in shown and "Repeat the password: " in shown
    assert "The two passwords differ" in shown
    assert GOOD not in shown and BAD not in shown
