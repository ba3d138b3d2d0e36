"""Who sees and does what in the app (AppTest on an SQLite store): pages and actions per role, sign-in through the
sidebar form and its throttling, sessions that end, forged sessions and state, the public page's privacy, embed.

The permission table itself and argon2 hashing are tested in tests/test_auth.py; here the app is held to it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import streamlit.config
from app_driver import PASSWORD, assert_clean, button_keys, goto, html_table, open_app, sign_in, sign_out, text
from streamlit.testing.v1 import AppTest

from geo import actions, auth, db, store
from geo.i18n import fmt_int, fmt_moment, t
from geo.regions import region_name
from pages import admin, embed, history
from pages.ui import identity, look

DATA = Path(__file__).parent / "data"
PLOTS = DATA / "app_upload_plots.geojson"
PLANTINGS = DATA / "app_upload_plantings_cp1251.csv"
HOSTILE_PLOTS = DATA / "map_hostile_names.geojson"
HOSTILE_PLANTINGS = DATA / "map_hostile_names_plantings.csv"
USERS = {"official": "daulet", "officer": "olga", "admin": "aigerim"}
OTHER_OFFICER = "marat"
TITLES = {
    "overview": "overview_title",
    "map": "mappage_title",
    "progress": "progress_title",
    "public": "public_title",
    "upload": "upload_title",
    "history": "history_title",
    "review": "review_title",
    "embed": "embed_title",
    "admin": "admin_title",
    "audit": "audit_title",
}
ROLES = ("public", "official", "officer", "admin")


def add_users(engine) -> None:
    for role, name in USERS.items():
        auth.add_user(engine, name, role, PASSWORD, email=f"{name}@forest.example.kz")
    auth.add_user(engine, OTHER_OFFICER, "officer", PASSWORD)


def as_session(engine, name: str) -> auth.Session:
    return auth.start_session(auth.get_user(engine, name))


def roles_store(folder: Path) -> str:
    """The URL of a store in ``folder`` with users of every role, plots uploaded by officer olga and plantings by
    officer marat."""
    url = f"sqlite:///{folder / 'orman.sqlite'}"
    engine = db.get_engine(url)
    add_users(engine)
    actions.import_as(engine, as_session(engine, USERS["officer"]), PLOTS.read_bytes(), PLOTS.name)
    actions.import_as(engine, as_session(engine, OTHER_OFFICER), PLANTINGS.read_bytes(), PLANTINGS.name)
    return url


@pytest.fixture(scope="module")
def shared_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The roles store, shared by the module's tests that only read."""
    return roles_store(tmp_path_factory.mktemp("roles"))


@pytest.fixture
def fresh_url(tmp_path: Path) -> str:
    """The same, in a store of its own (for tests that write)."""
    return roles_store(tmp_path)


def open_as(role: str, url: str, monkeypatch: pytest.MonkeyPatch, lang: str = "en", page: str | None = None) -> AppTest:
    return open_app(url, monkeypatch, lang, page=page, user=USERS.get(role))


def refused(at: AppTest) -> bool:
    """The page said "sign in" or "not for your role" instead of showing itself."""
    messages = {t("auth_page_login_required", "en"), t("auth_page_forbidden", "en", role="")[:30]}
    return any(w.value.startswith(m[:30]) for w in at.warning for m in messages)


def batch_of(url: str, name: str) -> store.Batch:
    return next(b for b in store.history(db.get_engine(url)) if b.user == name)


# --- pages ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_each_role_opens_exactly_its_pages(role: str, shared_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    who = None if role == "public" else auth.User(name=USERS[role], role=role)
    at = open_as(role, shared_url, monkeypatch)
    opened = set()
    for page in auth.PAGES:
        goto(at, page)
        assert not at.exception, (page, [e.value for e in at.exception])
        if refused(at):
            assert not at.title, page  # a refusal shows nothing of the page
        else:
            assert at.title[0].value.startswith(t(TITLES[page], "en", place="")[:12]), page
            opened.add(page)
    assert opened == set(auth.pages_for(who))


def test_nobody_signed_in_lands_on_the_public_page_and_staff_on_the_overview(
    shared_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_as("public", shared_url, monkeypatch)
    assert at.title[0].value == t("public_title", "en", place=t("public_kazakhstan", "en"))
    assert at.text_input(key="sign_in_name") is not None
    sign_in(at, USERS["official"], PASSWORD)
    assert_clean(at)
    assert at.title[0].value == t("overview_title", "en")
    assert t("auth_signed_in_as", "en", name=USERS["official"], role=auth.role_label("official", "en")) in text(at)
    sign_out(at)
    assert at.title[0].value == t("public_title", "en", place=t("public_kazakhstan", "en"))


def test_a_bookmarked_page_asks_to_sign_in_then_opens_after_sign_in(
    fresh_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_as("public", fresh_url, monkeypatch, page="upload")
    assert refused(at) and not at.file_uploader
    assert t("auth_use_sidebar", "en") in at.warning[0].value
    sign_in(at, USERS["officer"], PASSWORD)
    assert_clean(at)
    assert at.title[0].value == t("upload_title", "en") and at.file_uploader


# --- actions -------------------------------------------------------------------------------------------------------


def test_official_reads_history_but_cannot_roll_back_or_upload(
    shared_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_as("official", shared_url, monkeypatch, page="history")
    assert_clean(at)
    who = at.dataframe[0].value[t("col_who", "en")]
    assert set(who) == {USERS["officer"], OTHER_OFFICER}  # officials see who uploaded what
    for batch in store.history(db.get_engine(shared_url)):
        at.selectbox(key="history_batch").set_value(batch.id).run()
        assert "rollback_ask" not in button_keys(at)
    goto(at, "upload")
    assert refused(at) and not at.file_uploader


def test_officer_may_roll_back_own_batches_only(fresh_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    engine = db.get_engine(fresh_url)
    own, other = batch_of(fresh_url, USERS["officer"]), batch_of(fresh_url, OTHER_OFFICER)
    at = open_as("officer", fresh_url, monkeypatch, page="history")
    at.selectbox(key="history_batch").set_value(other.id).run()
    assert "rollback_ask" not in button_keys(at)
    assert t("auth_not_own_batch", "en", batch=other.id, owner=OTHER_OFFICER) in text(at)

    # A confirmation left pending for someone else's batch offers nothing to click either.
    at.session_state[history.PENDING] = other.id
    at.run()
    assert "rollback_yes" not in button_keys(at)
    assert store.get_batch(engine, other.id).active

    at.selectbox(key="history_batch").set_value(own.id).run()
    # The plantings on these plots were uploaded later by someone else: the store refuses, and the page says why
    # before anyone is asked to confirm (issue 17 #11).
    refusal = store.rollback(engine, own.id, dry_run=True)
    assert not refusal.ok and "rollback_ask" not in button_keys(at)
    assert refusal.explain("en") in [i.value for i in at.info]
    assert store.get_batch(engine, own.id).active

    actions.rollback_as(engine, as_session(engine, OTHER_OFFICER), other.id)
    at.selectbox(key="history_batch").set_value(own.id).run()
    at.button(key="rollback_ask").click().run()
    at.button(key="rollback_yes").click().run()
    assert_clean(at)
    rolled = store.get_batch(engine, own.id)
    assert not rolled.active and rolled.rolled_back_by == USERS["officer"]
    status = t(
        "status_rolled_back_by",
        "en",
        when=fmt_moment(rolled.rolled_back_at, "en"),
        user=USERS["officer"],
    )
    assert status in list(at.dataframe[0].value[t("col_status", "en")])


def test_admin_rolls_back_anyones_batch(fresh_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    engine = db.get_engine(fresh_url)
    other = batch_of(fresh_url, OTHER_OFFICER)
    at = open_as("admin", fresh_url, monkeypatch, page="history")
    at.selectbox(key="history_batch").set_value(other.id).run()
    at.button(key="rollback_ask").click().run()
    at.button(key="rollback_yes").click().run()
    assert_clean(at)
    assert store.get_batch(engine, other.id).rolled_back_by == USERS["admin"]


def test_officer_upload_is_recorded_as_theirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'orman.sqlite'}"
    add_users(db.get_engine(url))
    at = open_as("officer", url, monkeypatch, page="upload")
    at.file_uploader[0].set_value((PLOTS.name, PLOTS.read_bytes(), "application/geo+json")).run()
    at.button(key="upload_confirm").click().run()
    assert_clean(at)
    [batch] = store.history(db.get_engine(url))
    assert batch.user == USERS["officer"]


def test_only_an_admin_gets_demo_data_and_only_into_an_empty_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'orman.sqlite'}"
    engine = db.get_engine(url)
    add_users(engine)
    for role in ("official", "officer"):
        at = open_as(role, url, monkeypatch)
        assert t("empty_title", "en") in text(at) and "load_demo" not in button_keys(at)
    at = open_as("admin", url, monkeypatch, page="admin")
    assert_clean(at)
    at.button(key="load_demo").click().run()
    assert_clean(at)
    assert {b.user for b in store.history(engine)} == {"demo"}
    goto(at, "admin")
    assert "load_demo" not in button_keys(at)
    assert t("admin_demo_not_empty", "en") in text(at)


def test_admin_lists_users_and_disabling_one_ends_their_session(
    fresh_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    officer = open_as("officer", fresh_url, monkeypatch, page="upload")
    assert officer.file_uploader
    at = open_as("admin", fresh_url, monkeypatch, page="admin")
    users = at.dataframe[0].value
    assert set(users[t("col_user", "en")]) == {*USERS.values(), OTHER_OFFICER}
    assert "argon2" not in users.to_csv()
    assert t("admin_add_on_server", "en") in text(at)
    at.selectbox(key="admin_disable_user").set_value(USERS["officer"]).run()
    at.button(key="admin_disable_ask").click().run()
    assert auth.get_user(db.get_engine(fresh_url), USERS["officer"]).disabled is False  # asking is not doing
    at.button(key="admin_disable_yes").click().run()
    assert_clean(at)
    assert auth.get_user(db.get_engine(fresh_url), USERS["officer"]).disabled

    officer.run()
    assert refused(officer) and not officer.file_uploader
    assert t("auth_session_expired", "en") in text(officer)
    sign_in(officer, USERS["officer"], PASSWORD)
    assert t("auth_failed_disabled", "en") in text(officer)


# --- what the public cannot do, whatever it sends -------------------------------------------------------------------


def test_page_actions_refuse_the_public_and_the_wrong_role(fresh_url: str) -> None:
    engine = db.get_engine(fresh_url)
    batch = batch_of(fresh_url, OTHER_OFFICER)
    before = store.history(engine)
    for who in (None, as_session(engine, USERS["official"])):
        with pytest.raises(auth.PermissionDenied):
            actions.import_as(engine, who, PLOTS.read_bytes(), "again.geojson", kind=None, skip_invalid=False)
        with pytest.raises(auth.PermissionDenied):
            actions.rollback_as(engine, who, batch.id)
        with pytest.raises(auth.PermissionDenied):
            actions.disable_user_as(engine, who, USERS["officer"])
    with pytest.raises(auth.PermissionDenied):
        actions.rollback_as(engine, as_session(engine, USERS["officer"]), batch.id)  # not theirs
    assert store.history(engine) == before
    assert not auth.get_user(engine, USERS["officer"]).disabled


def test_state_left_for_a_rollback_does_nothing_without_a_session(
    fresh_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = db.get_engine(fresh_url)
    batch = batch_of(fresh_url, OTHER_OFFICER)
    at = open_as("public", fresh_url, monkeypatch)
    at.session_state[history.PENDING] = batch.id
    at.session_state["history_batch"] = batch.id
    at.session_state[admin.PENDING] = USERS["officer"]
    for page in ("history", "upload", "admin"):
        goto(at, page)
        assert refused(at)
        assert not {"rollback_ask", "rollback_yes", "upload_confirm", "admin_disable_yes"} & button_keys(at)
    assert store.get_batch(engine, batch.id).active
    assert not auth.get_user(engine, USERS["officer"]).disabled


@pytest.mark.parametrize("forged", ["ghost", "disabled", "expired"])
def test_a_forged_or_stale_admin_session_is_dropped(
    forged: str, fresh_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = db.get_engine(fresh_url)
    now = datetime.now(UTC)
    if forged == "ghost":  # an admin that does not exist
        session = auth.Session(user="root", role="admin", issued_at=now, last_seen=now)
    elif forged == "disabled":
        auth.add_user(engine, "former", "admin", PASSWORD)
        auth.disable_user(engine, "former")
        session = auth.Session(user="former", role="admin", issued_at=now, last_seen=now)
    else:  # a real admin's session, idle too long
        session = replace(as_session(engine, USERS["admin"]), last_seen=now - auth.IDLE_TIMEOUT - timedelta(1))
    at = open_as("public", fresh_url, monkeypatch)
    at.session_state[identity.SESSION_KEY] = session
    for page in ("admin", "history", "upload"):
        goto(at, page)
        assert refused(at), page
        assert not {"load_demo", "admin_disable_ask", "rollback_ask"} & button_keys(at)
        assert identity.SESSION_KEY not in at.session_state
    assert store.get_batch(engine, batch_of(fresh_url, OTHER_OFFICER).id).active


def test_a_session_claiming_a_higher_role_gets_the_stored_one(fresh_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    now = datetime.now(UTC)
    at = open_as("public", fresh_url, monkeypatch)
    at.session_state[identity.SESSION_KEY] = auth.Session(
        user=USERS["officer"], role="admin", issued_at=now, last_seen=now
    )
    goto(at, "admin")
    assert refused(at)
    assert at.session_state[identity.SESSION_KEY].role == "officer"
    goto(at, "history")
    at.selectbox(key="history_batch").set_value(batch_of(fresh_url, OTHER_OFFICER).id).run()
    assert "rollback_ask" not in button_keys(at)


# --- sign-in -------------------------------------------------------------------------------------------------------


def test_wrong_passwords_lock_the_name_even_against_the_right_one(
    fresh_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_as("public", fresh_url, monkeypatch)
    for _ in range(auth.MAX_FAILURES - 1):
        sign_in(at, USERS["officer"], "not-the-password")
        assert at.error[0].value == t("auth_failed_invalid", "en")
        assert at.text_input(key="sign_in_password").value == ""  # the password is not kept
    sign_in(at, USERS["officer"], "not-the-password")
    locked = t("auth_failed_locked", "en", minutes=1)
    assert at.error[0].value == locked
    sign_in(at, USERS["officer"], PASSWORD)
    assert at.error[0].value == locked
    assert identity.SESSION_KEY not in at.session_state


def test_an_unknown_name_gets_the_same_answer_as_a_wrong_password(
    fresh_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_as("public", fresh_url, monkeypatch)
    sign_in(at, "nobody-here", PASSWORD)
    assert [e.value for e in at.error] == [t("auth_failed_invalid", "en")]


def test_oidc_identity_signs_in_the_account_with_that_email(fresh_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(db.DB_URL_ENV, fresh_url)
    at = AppTest.from_file(str(Path(__file__).parent.parent / "app.py"), default_timeout=60)
    at.secrets["auth"] = {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "x" * 32,
        "client_id": "orman",
        "client_secret": "s",
        "server_metadata_url": "https://id.example.kz/.well-known/openid-configuration",
    }
    at.query_params["lang"] = "en"
    at.user = {"is_logged_in": True, "email": f"{USERS['official']}@forest.example.kz", "email_verified": True}
    at.run()
    assert_clean(at)
    assert at.title[0].value == t("overview_title", "en")
    assert at.session_state[identity.SESSION_KEY].via == "oidc"

    stranger = AppTest.from_file(str(Path(__file__).parent.parent / "app.py"), default_timeout=60)
    stranger.secrets = at.secrets
    stranger.query_params["lang"] = "en"
    stranger.user = {"is_logged_in": True, "email": "someone@elsewhere.example.com"}
    stranger.run()
    assert t("auth_oidc_unknown", "en", email=look.md("someone@elsewhere.example.com")) in text(stranger)
    assert identity.SESSION_KEY not in stranger.session_state
    assert "oidc_sign_out" in button_keys(stranger)  # the identity can be signed out of


# --- the public page -----------------------------------------------------------------------------------------------


def test_public_page_shows_programme_figures_and_nothing_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'orman.sqlite'}"
    engine = db.get_engine(url)
    add_users(engine)
    officer = as_session(engine, USERS["officer"])
    for path in (HOSTILE_PLOTS, HOSTILE_PLANTINGS):
        assert actions.import_as(engine, officer, path.read_bytes(), path.name).committed
    at = open_as("public", url, monkeypatch, page="public")
    assert_clean(at)
    page = at.main
    shown = "\n".join(
        str(e.value)
        for e in (*page.title, *page.subheader, *page.markdown, *page.html, *page.caption, *page.info, *page.warning)
    )
    shown += "\n".join(df.value.to_csv() for df in page.dataframe)
    assert fmt_int(12_500 + 2_000, "en") in shown
    for private in (
        USERS["officer"],
        "@forest.example.kz",
        HOSTILE_PLOTS.name,
        HOSTILE_PLANTINGS.stem,
        t("report_title", "en"),
        t("col_who", "en"),
    ):
        assert private not in shown, private
    assert not page.button and not page.text_input and not at.file_uploader  # no sign-in prompt, nothing to upload


@pytest.mark.parametrize("asked", ["KZ-55", "Павлодар облысы", "pavlodar"])
def test_public_page_shows_one_region_from_the_query(
    asked: str, shared_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(db.DB_URL_ENV, shared_url)
    at = AppTest.from_file(str(Path(__file__).parent.parent / "app.py"), default_timeout=60)
    at.query_params.update({"lang": "ru", "region": asked})
    at.run()
    assert_clean(at)
    assert at.title[0].value == t("public_title", "ru", place=region_name("KZ-55", "ru"))
    assert html_table(at, t("col_region", "ru"))[0][t("col_region", "ru")].tolist() == [region_name("KZ-55", "ru")]


def test_public_page_says_when_it_does_not_know_the_region(shared_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(db.DB_URL_ENV, shared_url)
    at = AppTest.from_file(str(Path(__file__).parent.parent / "app.py"), default_timeout=60)
    asked = "![Atlantis](http://tracker.example.com/p.png) <b>x</b>"  # from a link anyone can craft
    at.query_params.update({"lang": "kk", "region": asked})
    at.run()
    assert not at.exception
    # Quoted as text: Markdown would otherwise fetch the image from outside and show the HTML.
    assert at.warning[0].value == t("public_region_unknown", "kk", region=look.md(asked))
    assert "![" not in at.warning[0].value and "<b>" not in at.warning[0].value
    assert at.title[0].value == t("public_title", "kk", place=t("public_kazakhstan", "kk"))


def test_embedded_public_page_has_no_sidebar_at_all(shared_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(db.DB_URL_ENV, shared_url)
    at = AppTest.from_file(str(Path(__file__).parent.parent / "app.py"), default_timeout=60)
    at.context["is_embedded"] = True
    at.query_params["lang"] = "en"
    at.run()
    assert_clean(at)
    assert at.title[0].value == t("public_title", "en", place=t("public_kazakhstan", "en"))
    assert not at.sidebar.children
    assert not at.text_input


# --- embed panel ---------------------------------------------------------------------------------------------------


def test_embed_panel_gives_the_iframe_and_the_link(shared_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(embed.PUBLIC_URL_ENV, "https://orman.example.kz/")
    at = open_as("official", shared_url, monkeypatch, lang="ru", page="embed")
    assert_clean(at)
    at.selectbox(key="embed_region").set_value("KZ-10").run()
    resizing, snippet, link = (c.value for c in at.code)
    assert snippet.startswith('<iframe src="https://orman.example.kz/public?embed=true&amp;lang=ru&amp;region=KZ-10"')
    assert resizing.startswith(snippet.split(" height=")[0])  # the same frame, with Orman's script after it
    assert link == "https://orman.example.kz/public?lang=ru&region=KZ-10"


def test_embed_base_comes_from_the_browser_address_without_the_page() -> None:
    assert embed.base_url(None, "https://intranet.example.kz/orman/embed", None) == "https://intranet.example.kz/orman"
    assert embed.base_url(None, None, "10.0.0.5:8501") == "http://10.0.0.5:8501"
    assert embed.base_url("https://orman.kz/", "http://127.0.0.1:8501/embed", None) == "https://orman.kz"


# --- upload limit --------------------------------------------------------------------------------------------------


@pytest.fixture
def one_megabyte_limit() -> None:
    """server.maxUploadSize at 1 MB for one test (AppTest does not go through the server's own check)."""
    before = streamlit.config.get_option("server.maxUploadSize")
    streamlit.config.set_option("server.maxUploadSize", 1)
    yield
    streamlit.config.set_option("server.maxUploadSize", before)


def test_a_file_over_the_upload_limit_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, one_megabyte_limit: None
) -> None:
    url = f"sqlite:///{tmp_path / 'orman.sqlite'}"
    add_users(db.get_engine(url))
    big = PLOTS.read_bytes().replace(b"{", b"{" + b" " * 600_000, 2)  # still valid GeoJSON, 1.2 MB
    at = open_as("officer", url, monkeypatch, page="upload")
    at.file_uploader[0].set_value(("plots.geojson", big, "application/geo+json")).run()
    assert [e.value for e in at.error] == [t("upload_too_large", "en", size="1.1", limit="1")]
    assert not at.dataframe and "upload_confirm" not in button_keys(at)
    assert store.history(db.get_engine(url)) == []
