"""The Review page and the sign-off marks elsewhere in the app (AppTest on an SQLite store): a supervisor approves
or rejects another's upload, never their own; officers and officials do not get the page; the officer reads the
reason on History in their language; the Overview marks the trees awaiting approval."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_driver import PASSWORD, assert_clean, button_keys, open_app, text

from geo import actions, auth, db, settings, store
from geo.i18n import fmt_short, t
from geo.progress import summary

DATA = Path(__file__).parent / "data"
PLOTS = DATA / "app_upload_plots.geojson"
PLANTINGS = DATA / "app_upload_plantings_cp1251.csv"
OFFICER, SUPERVISOR, OFFICIAL = "olga", "saule", "daulet"
REASON = "Прижилось больше, чем посажено, в строке 3 **<b>проверьте</b>**"


def as_session(engine, name: str) -> auth.Session:
    return auth.start_session(auth.get_user(engine, name))


@pytest.fixture
def url(tmp_path: Path) -> str:
    """A store with sign-off on, its plots approved, and officer olga's plantings submitted (batch 2)."""
    url = f"sqlite:///{tmp_path / 'orman.sqlite'}"
    engine = db.get_engine(url)
    for name, role in ((OFFICER, "officer"), (SUPERVISOR, "supervisor"), (OFFICIAL, "official")):
        auth.add_user(engine, name, role, PASSWORD)
    actions.import_as(engine, as_session(engine, OFFICER), PLOTS.read_bytes(), PLOTS.name)
    settings.change(engine, settings.SIGN_OFF, settings.ON)
    submitted = actions.import_as(engine, as_session(engine, OFFICER), PLANTINGS.read_bytes(), PLANTINGS.name)
    assert submitted.submitted and submitted.batch == 2
    return url


def test_a_supervisor_approves_an_officers_upload_and_only_then_it_counts(
    url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = db.get_engine(url)
    before = summary(engine)["planted"]
    at = open_app(url, monkeypatch, lang="kk", page="review", user=SUPERVISOR)
    assert_clean(at)
    assert at.title[0].value == t("review_title", "kk")
    assert t("review_now", "kk") in text(at) and {"review_approve", "review_reject"} <= button_keys(at)
    assert t("kpi_surviving", "kk") in text(at) and t("review_plots_map", "kk") in text(at)  # after, and where
    assert summary(engine)["planted"] == before  # the review wrote nothing

    at.button(key="review_approve").click().run()

    assert_clean(at)
    assert at.success[0].value.startswith(t("approve_done", "kk", batch=2, new="", updated="", unchanged="")[:12])
    assert t("review_empty", "kk") in text(at)
    batch = store.get_batch(engine, 2)
    assert (batch.status, batch.decided_by) == ("approved", SUPERVISOR) and summary(engine)["planted"] > before


def test_a_rejection_needs_a_reason_and_the_officer_reads_it_on_history(
    url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = db.get_engine(url)
    at = open_app(url, monkeypatch, lang="ru", page="review", user=SUPERVISOR)
    at.button(key="review_reject").click().run()
    assert at.error and store.get_batch(engine, 2).status == "submitted"  # no reason: refused, said why

    at.text_area(key="review_reason_2").input(REASON)
    at.button(key="review_reject").click().run()
    assert_clean(at)
    assert store.get_batch(engine, 2).reason == REASON

    officer = open_app(url, monkeypatch, lang="ru", page="history", user=OFFICER)
    assert_clean(officer)
    officer.selectbox(key="history_batch").select(2).run()
    shown = [m.value for m in officer.markdown if REASON[:20] in m.value]
    assert shown and "Отклонён" in shown[0]
    assert "<b>" not in shown[0].replace("\\<b\\>", "") and "\\*\\*" in shown[0]  # the reason is text, not markup

    upload = open_app(url, monkeypatch, lang="ru", page="upload", user=OFFICER)
    assert_clean(upload)
    said = [w.value for w in upload.warning if REASON[:20] in w.value]
    assert said and "\\<b\\>" in said[0] and t("batch_status_rejected", "ru").capitalize() in said[0]


def test_nobody_is_offered_the_approval_of_their_own_upload(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    engine = db.get_engine(url)
    store.reject(engine, 2, SUPERVISOR, "again, please")
    own = actions.import_as(engine, as_session(engine, SUPERVISOR), PLANTINGS.read_bytes(), PLANTINGS.name)
    assert own.submitted

    at = open_app(url, monkeypatch, lang="en", page="review", user=SUPERVISOR)

    assert_clean(at)
    assert not {"review_approve", "review_reject"} & button_keys(at)
    assert t("auth_own_batch_review", "en", batch=own.batch) in text(at)


@pytest.mark.parametrize("name", [OFFICER, OFFICIAL])
def test_officers_and_officials_cannot_open_the_review_page(
    name: str, url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_app(url, monkeypatch, lang="en", page="review", user=name)

    assert not at.title and not {"review_approve", "review_reject"} & button_keys(at)
    assert any(w.value.startswith(t("auth_page_forbidden", "en", role="")[:30]) for w in at.warning)
    assert store.get_batch(db.get_engine(url), 2).status == "submitted"


def test_the_overview_marks_the_trees_awaiting_approval(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    engine = db.get_engine(url)
    waiting = store.pending(engine)
    assert waiting["batches"] == 1 and waiting["planted"] > 0

    at = open_app(url, monkeypatch, lang="ru", page="overview", user=OFFICIAL)

    assert_clean(at)
    assert f"+ {fmt_short(waiting['planted'], 'ru')}" in text(at)
