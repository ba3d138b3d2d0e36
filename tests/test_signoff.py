"""Sign-off (issue 16): with it on, an upload is submitted and counts nowhere until a supervisor other than its
uploader approves it; approval applies it as an import would at that moment; rejected batches never count. On
SQLite and PostGIS, through the store, geo.actions and ``python -m geo``."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from geo import actions, audit, auth, db, demo, settings, store
from geo.i18n import message, t
from geo.progress import summary
from tests.store_expected import assert_store_holds
from tests.test_db import migrate

DATA = Path(__file__).parent / "data"
PLOTS = DATA / "store_plots_v1.geojson"
PLOTS_V2 = DATA / "store_plots_v2.geojson"
BASE = PLOTS_V2  # every plot the plantings files name
Y2024 = DATA / "store_plantings_2024.csv"
Y2025 = DATA / "store_plantings_2025.csv"
PASSWORD = "Kokshetau-pines-2026"
OFFICER, OTHER_OFFICER, SUPERVISOR, ADMIN, OFFICIAL, GONE = "olga", "marat", "saule", "aidos", "berik", "timur"
ROLES = {
    OFFICER: "officer",
    OTHER_OFFICER: "officer",
    SUPERVISOR: "supervisor",
    ADMIN: "admin",
    OFFICIAL: "official",
    GONE: "supervisor",
}

Cli = Callable[..., tuple[int, str, str]]


@pytest.fixture
def engine(store: Engine) -> Engine:
    """The test's store (the name ``store`` is geo.store here)."""
    return store


@pytest.fixture
def people(engine: Engine) -> dict[str, auth.User]:
    """An account of each role, and a disabled supervisor."""
    users = {name: auth.add_user(engine, name, role, PASSWORD) for name, role in ROLES.items()}
    auth.disable_user(engine, GONE)
    return users


def submit(engine: Engine, path: Path, user: str = OFFICER) -> store.ImportResult:
    result = store.import_file(engine, path.read_bytes(), path.name, user=user)
    assert result.submitted and result.batch is not None, result.report.errors
    return result


def sign_off(engine: Engine) -> None:
    settings.change(engine, settings.SIGN_OFF, settings.ON)


def reference(tmp_path: Path, files: list[Path]) -> dict:
    """The figures of importing ``files`` in this order into a store without sign-off."""
    engine = db.create_engine(f"sqlite:///{tmp_path / 'reference.sqlite'}")
    for path in files:
        assert store.import_file(engine, path.read_bytes(), path.name).committed
    figures = summary(engine)
    engine.dispose()
    return figures


def statuses(engine: Engine) -> dict[int, str]:
    return {b.id: b.status for b in store.history(engine)}


# --- sign-off off: as before ---------------------------------------------------------------------------------------


def test_a_new_store_has_sign_off_off_and_every_import_is_approved_at_once(engine: Engine) -> None:
    assert settings.read(engine) == {"sign-off": "off"} and not settings.sign_off(engine)
    result = store.import_file(engine, PLOTS.read_bytes(), PLOTS.name, user="aigerim")

    assert result.committed and not result.submitted and result.status == "approved"
    assert statuses(engine) == {1: "approved"} and summary(engine)["plots"] == 6
    assert store.submitted(engine) == [] and store.pending(engine)["batches"] == 0


def test_settings_show_and_change_sign_off_and_refuse_what_they_do_not_know(cli: Cli, engine: Engine) -> None:
    assert cli("settings", "--json")[:2] == (0, json.dumps({"sign-off": "off"}) + "\n")
    assert cli("settings", "--sign-off", "on")[:2] == (0, "sign-off: on\n")
    assert settings.sign_off(engine)
    assert cli("settings", "--sign-off", "maybe")[0] == 2
    with pytest.raises(settings.SettingError):
        settings.change(engine, "four-eyes", "on")
    assert cli("settings", "--sign-off", "off", "--json")[:2] == (0, json.dumps({"sign-off": "off"}) + "\n")


# --- submitted, approved, rejected ---------------------------------------------------------------------------------


def test_a_submitted_batch_changes_no_figure_until_a_supervisor_approves_it(engine: Engine, tmp_path: Path) -> None:
    store.import_file(engine, BASE.read_bytes(), BASE.name, user=OFFICER)
    sign_off(engine)
    before, version = summary(engine), store.version(engine)

    submitted = submit(engine, Y2024)

    assert (submitted.new, submitted.updated, submitted.unchanged) == (7, 0, 0)
    assert summary(engine) == before and statuses(engine)[2] == "submitted"
    assert store.pending(engine) == {"batches": 1, "planted": 185_000, "surviving": 69_600, "plots": 0, "area_ha": 0}
    with engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(db.plantings)).scalar_one() == 0

    decision = store.approve(engine, 2, user=SUPERVISOR)

    assert decision.ok and decision.status == "approved" and decision.result.new == 7
    assert summary(engine) == reference(tmp_path, [BASE, Y2024]) and summary(engine)["planted"] == 185_000
    assert store.version(engine) != version and store.pending(engine)["batches"] == 0
    batch = store.get_batch(engine, 2)
    assert (batch.status, batch.user, batch.decided_by, batch.active) == ("approved", OFFICER, SUPERVISOR, True)


def test_a_rejected_batch_never_counts_and_its_bytes_may_be_submitted_again(engine: Engine) -> None:
    store.import_file(engine, BASE.read_bytes(), BASE.name)
    sign_off(engine)
    before = summary(engine)
    submit(engine, Y2024)

    assert store.reject(engine, 2, SUPERVISOR, "   ").problem.code == "reject_needs_reason"
    decision = store.reject(engine, 2, SUPERVISOR, "Survey dates of SEM-0002 are missing")

    assert decision.ok and decision.explain("ru") == t("reject_done", "ru", batch=2)
    assert summary(engine) == before and store.pending(engine)["batches"] == 0
    batch = store.get_batch(engine, 2)
    assert (batch.status, batch.decided_by, batch.reason) == (
        "rejected",
        SUPERVISOR,
        "Survey dates of SEM-0002 are missing",
    )
    assert store.approve(engine, 2, user=SUPERVISOR).problem.code == "batch_not_submitted"
    assert store.rollback(engine, 2).problem.code == "rollback_not_approved"
    again = submit(engine, Y2024)
    assert again.batch == 3 and not again.already and summary(engine) == before


def test_the_same_bytes_as_a_submitted_batch_name_it(engine: Engine) -> None:
    store.import_file(engine, BASE.read_bytes(), BASE.name)
    sign_off(engine)
    submit(engine, Y2024)

    again = store.import_file(engine, Y2024.read_bytes(), Y2024.name, user=OTHER_OFFICER)

    assert again.already and again.batch == 2 and again.status == "submitted" and len(store.history(engine)) == 2


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_two_submitted_batches_of_the_same_records_approved_in_either_order_are_those_imports_in_that_order(
    engine: Engine, tmp_path: Path, order: tuple[int, int]
) -> None:
    store.import_file(engine, BASE.read_bytes(), BASE.name)
    sign_off(engine)
    files = [Y2024, Y2025]
    for path in files:
        submit(engine, path)
    first, second = (files[i] for i in order)
    steps = db.create_engine(f"sqlite:///{tmp_path / 'steps.sqlite'}")  # the same files imported in that order
    store.import_file(steps, BASE.read_bytes(), BASE.name)
    imported = [store.import_file(steps, path.read_bytes(), path.name) for path in (first, second)]
    expected = summary(steps)
    steps.dispose()

    decisions = [store.approve(engine, 2 + i, user=SUPERVISOR) for i in order]

    assert all(d.ok for d in decisions)
    assert [(d.result.new, d.result.updated, d.result.unchanged) for d in decisions] == [
        (r.new, r.updated, r.unchanged) for r in imported
    ]
    assert summary(engine) == expected  # (an older survey never replaces a newer one: not a plain replay)
    assert decisions[1].result.new < 7  # counted against the first approval, not as at its submission


def test_rolling_back_an_approved_batch_restores_the_store_exactly(engine: Engine, tmp_path: Path) -> None:
    store.import_file(engine, BASE.read_bytes(), BASE.name)
    store.import_file(engine, Y2024.read_bytes(), Y2024.name)
    sign_off(engine)
    before = summary(engine)
    submit(engine, Y2025)
    assert store.approve(engine, 3, user=ADMIN).ok
    assert summary(engine) == reference(tmp_path, [BASE, Y2024, Y2025]) != before

    undone = store.rollback(engine, 3, user=ADMIN)

    assert undone.ok and summary(engine) == before and statuses(engine)[3] == "rolled_back"
    assert_store_holds(engine, [BASE, Y2024])
    assert store.import_file(engine, Y2025.read_bytes(), Y2025.name).submitted  # rolled back: the bytes are free


def test_approval_validates_again_and_refuses_an_upload_that_no_longer_passes(engine: Engine) -> None:
    store.import_file(engine, BASE.read_bytes(), BASE.name)
    sign_off(engine)
    submit(engine, Y2024)
    assert store.rollback(engine, 1).ok  # its plots are gone: nothing the submission wrote depended on them
    version = store.version(engine)

    refused = store.approve(engine, 2, user=SUPERVISOR)

    assert refused.problem.code == "approve_invalid" and not refused.result.committed
    assert {e.code for e in refused.result.report.errors} == {"unknown_plot"}
    assert statuses(engine)[2] == "submitted" and store.version(engine) == version and summary(engine)["planted"] == 0


def test_review_shows_what_approving_now_would_do_and_writes_nothing(engine: Engine) -> None:
    store.import_file(engine, BASE.read_bytes(), BASE.name)
    store.import_file(engine, Y2024.read_bytes(), Y2024.name)
    sign_off(engine)
    submit(engine, Y2025)
    version, figures = store.version(engine), summary(engine)

    preview = store.review(engine, 2 + 1)

    assert preview is not None and not preview.committed and preview.after["planted"] != preview.before["planted"]
    assert preview.before == figures and (store.version(engine), summary(engine)) == (version, figures)
    assert preview.updated > 0 and store.review(engine, 1) is None and store.review(engine, 99) is None


# --- who may decide ------------------------------------------------------------------------------------------------


def test_nobody_approves_or_rejects_their_own_batch_and_supervisors_and_admins_decide_others(
    engine: Engine, people: dict[str, auth.User]
) -> None:
    store.import_file(engine, BASE.read_bytes(), BASE.name)
    sign_off(engine)
    own = actions.import_as(engine, people[ADMIN], Y2024.read_bytes(), Y2024.name)
    assert own.submitted

    with pytest.raises(auth.PermissionDenied) as denied:
        actions.approve_as(engine, people[ADMIN], own.batch)
    assert denied.value.message("kk") == t("auth_own_batch_review", "kk", batch=own.batch)
    with pytest.raises(auth.PermissionDenied):
        actions.reject_as(engine, people[ADMIN], own.batch, "no")
    for name in (OFFICER, OFFICIAL):
        with pytest.raises(auth.PermissionDenied):
            actions.approve_as(engine, people[name], own.batch)
    assert actions.approve_as(engine, people[SUPERVISOR], own.batch).ok


def test_the_audit_trail_records_the_setting_each_submission_and_each_decision_by_its_person(
    engine: Engine, people: dict[str, auth.User]
) -> None:
    store.import_file(engine, BASE.read_bytes(), BASE.name)
    actions.change_setting_as(engine, people[ADMIN], settings.SIGN_OFF, settings.ON)
    first = actions.import_as(engine, people[OFFICER], Y2024.read_bytes(), Y2024.name)
    second = actions.import_as(engine, people[OFFICER], Y2025.read_bytes(), Y2025.name)
    actions.approve_as(engine, people[SUPERVISOR], first.batch)
    actions.reject_as(engine, people[SUPERVISOR], second.batch, "Прижилось больше, чем посажено")

    trail = [(e.action, e.actor, e.subject, json.loads(e.details)) for e in reversed(audit.entries(engine))]
    assert [(action, actor, subject) for action, actor, subject, _ in trail] == [
        ("import", audit.OPERATOR, "1"),
        ("settings_changed", ADMIN, None),
        ("submit", OFFICER, str(first.batch)),
        ("submit", OFFICER, str(second.batch)),
        ("approve", SUPERVISOR, str(first.batch)),
        ("reject", SUPERVISOR, str(second.batch)),
    ]
    assert trail[1][3] == {"setting": settings.SIGN_OFF, "value": settings.ON}
    assert trail[4][3]["new"] == first.new and trail[4][3]["file"] == Y2024.name
    assert trail[5][3] == {"reason": "Прижилось больше, чем посажено"}
    assert audit.verify(engine) == []


def test_cli_approve_and_reject_exit_as_the_contract_says(cli: Cli, engine: Engine, people: dict) -> None:
    cli("import", BASE)
    cli("settings", "--sign-off", "on")
    code, out, _ = cli("import", Y2024, "--user", SUPERVISOR, "--json")
    assert code == 0 and json.loads(out)["status"] == "submitted" and json.loads(out)["batch"] == 2
    code, out, _ = cli("import", Y2025, "--user", OTHER_OFFICER, "--lang", "kk")
    assert code == 0 and t("import_submitted", "kk", batch=3) in out

    own = cli("approve", 2, "--user", SUPERVISOR)
    not_allowed = cli("approve", 2, "--user", OFFICER)
    unknown_user = cli("approve", 2, "--user", "nobody")
    inactive = cli("reject", 2, "--user", GONE, "--reason", "x")
    unknown_batch = cli("approve", 99, "--user", SUPERVISOR)
    no_reason = cli("reject", 3, "--user", SUPERVISOR, "--reason", " ", "--lang", "ru")
    assert [r[0] for r in (own, not_allowed, unknown_user, inactive, unknown_batch, no_reason)] == [1] * 6
    assert t("auth_own_batch_review", "en", batch=2) in own[2]
    assert t("auth_user_unknown", "en", name="nobody") in unknown_user[2]
    assert t("auth_user_inactive", "en", name=GONE) in inactive[2]
    assert message("unknown_batch", "en", batch=99) in unknown_batch[2]
    assert message("reject_needs_reason", "ru", batch=3) in no_reason[2]
    assert summary(engine)["planted"] == 0

    assert cli("approve", 2, "--user", ADMIN)[0] == 0
    assert cli("approve", 2, "--user", ADMIN)[0] == 1  # not submitted any more
    assert cli("reject", 3, "--user", ADMIN, "--reason", "Прижилось > посажено? <b>check</b>")[0] == 0
    history = {b["batch"]: b for b in json.loads(cli("history", "--json")[1])}
    assert [history[i]["status"] for i in (3, 2, 1)] == ["rejected", "approved", "approved"]
    assert (history[3]["decided_by"], history[3]["reason"]) == (ADMIN, "Прижилось > посажено? <b>check</b>")
    assert history[2]["decided_by"] == ADMIN and history[1]["decided_by"] is None
    text = cli("history", "--lang", "ru")[1]
    assert "Отклонён" in text and "<b>check</b>" in text


def test_without_user_the_cli_acts_as_the_operator_and_is_recorded_as_such(cli: Cli, engine: Engine) -> None:
    cli("import", BASE)
    cli("settings", "--sign-off", "on")
    assert cli("import", Y2024)[0] == 0
    operator = store.get_batch(engine, 2).user

    assert cli("approve", 2)[0] == 1  # the operator submitted it: four eyes hold for them too
    store.import_file(engine, Y2025.read_bytes(), Y2025.name, user=OFFICER)
    assert cli("approve", 3)[0] == 0 and store.get_batch(engine, 3).decided_by == operator


def test_user_must_name_an_active_account_whose_role_allows_it(cli: Cli, engine: Engine, people: dict) -> None:
    assert cli("import", BASE, "--user", "anyone")[0] == 1  # sign-off off too: the trail names only accounts
    assert cli("import", BASE, "--user", ADMIN)[0] == 0
    cli("settings", "--sign-off", "on")

    assert cli("import", Y2024, "--user", "anyone")[0] == 1
    assert cli("import", Y2024, "--user", GONE)[0] == 1
    assert cli("import", Y2024, "--user", OFFICIAL)[0] == 1
    assert cli("rollback", 1, "--user", OFFICER)[0] == 1  # not hers, and an officer rolls back only her own
    assert cli("settings", "--sign-off", "off", "--user", SUPERVISOR)[0] == 1
    assert len(store.history(engine)) == 1 and settings.sign_off(engine)
    assert cli("import", Y2024, "--user", OFFICER)[0] == 0 and cli("rollback", 2, "--user", OFFICER)[0] == 1
    assert cli("rollback", 1, "--user", ADMIN)[0] == 0


# --- the upgrade ---------------------------------------------------------------------------------------------------


def test_the_upgrade_makes_existing_batches_approved_or_rolled_back_as_they_are(engine: Engine) -> None:
    for path in (PLOTS, PLOTS_V2):
        store.import_file(engine, path.read_bytes(), path.name)
    store.rollback(engine, 2, user="admin")
    migrate(engine, "0005_point_plots", down=True)
    assert "status" not in {c["name"] for c in sa.inspect(engine).get_columns("batches")}

    migrate(engine, "head")

    assert statuses(engine) == {1: "approved", 2: "rolled_back"}
    assert settings.read(engine) == {"sign-off": "off"}
    assert store.import_file(engine, PLOTS_V2.read_bytes(), PLOTS_V2.name).batch == 3  # rolled back: bytes free


# --- the demo ------------------------------------------------------------------------------------------------------


def test_the_demo_with_sign_off_leaves_one_upload_waiting_and_one_rejected_and_no_figure_changed(
    cli: Cli, engine: Engine, tmp_path: Path
) -> None:
    assert cli("demo", "--plots", 30, "--surveys", "--sign-off")[0] == 0
    assert cli("demo", "--plots", 30, "--surveys", "--sign-off", "--if-empty")[0] == 0

    history = json.loads(cli("history", "--json")[1])
    assert [b["status"] for b in history] == ["rejected", "submitted", *["approved"] * (len(history) - 2)]
    assert history[0]["reason"] == demo.WORKFLOW_REASON and history[0]["decided_by"] == demo.DEMO_SUPERVISOR
    assert settings.sign_off(engine) and store.pending(engine)["planted"] > 0
    plain = db.create_engine(f"sqlite:///{tmp_path / 'plain.sqlite'}")
    demo.load(plain, plots=30, surveys=True)
    assert summary(engine) == summary(plain)
    plain.dispose()
