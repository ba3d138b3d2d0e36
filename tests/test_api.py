"""The read API as its users meet it: `streamlit run app.py` on a free port, on a store filled by the command line
(``geo demo``, then files imported ``--user`` by accounts with e-mails), on SQLite and on PostGIS.

- its numbers are those of ``python -m geo summary --json`` on the same store, field by field;
- no response, body or header, carries a person's name, an e-mail or a file name;
- ETag and Cache-Control, 304 on If-None-Match, and new figures (and a new ETag) after an import;
- bad parameters 400, unknown addresses 404, other methods 405, an unexpected failure 500: JSON, never a trace;
- the security headers on the API and on the app's pages;
- requests generated from the OpenAPI description (schemathesis, valid and invalid ones): no 5xx, and every
  answer as the description says.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from geo import actions, api, auth, db, demo, publicdata, store

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data"
STARTUP_TIMEOUT_S = 60
PASSWORD = "Semey-pines-and-elms-2026"
# People and files that must never reach the public: accounts with e-mails, and the files they uploaded.
PEOPLE = {
    "zhanar.nurlanovna": "zhanar.nurlanovna@secret-forest.example.kz",
    "baurzhan.serikovich": "b.serikovich@oblast-private.example.kz",
}
FILES = {
    "Zhanar_Nurlanovna_uchastki_Pavlodar_private.geojson": DATA / "app_upload_plots.geojson",
    "Zhanar_Nurlanovna_posadki_Pavlodar_private.csv": DATA / "app_upload_plantings_cp1251.csv",
}
LATE_FILE = ("Baurzhan_Serikovich_Semey_late_upload.geojson", DATA / "plots_semey.geojson")


@dataclass
class Server:
    url: str
    store_url: str
    log: Path
    private: list[str]  # every name, e-mail and file name the store holds

    def get(self, path: str, headers: dict[str, str] | None = None, method: str = "GET") -> Reply:
        request = urllib.request.Request(self.url + path, headers=headers or {}, method=method)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return Reply(response.status, dict(response.headers.items()), response.read())
        except urllib.error.HTTPError as error:
            return Reply(error.code, dict(error.headers.items()), error.read())

    def cli(self, *args: str) -> str:
        """What ``python -m geo ARGS`` prints on this server's store."""
        done = subprocess.run(
            [sys.executable, "-m", "geo", *args], cwd=ROOT, env=geo_env(self.store_url), capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        return done.stdout


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> dict:
        assert self.headers["content-type"].startswith("application/json"), self.headers
        return json.loads(self.body)


def geo_env(store_url: str) -> dict[str, str]:
    return {**os.environ, db.DB_URL_ENV: store_url, "PYTHONPATH": str(ROOT)}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(store_url: str, folder: Path) -> tuple[subprocess.Popen, str, Path]:
    """`streamlit run app.py` (the README's app command) on a free port, serving once its health check answers."""
    port, log = free_port(), folder / "streamlit.log"
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true"]
    command += ["--server.port", str(port), "--server.address", "127.0.0.1", "--server.fileWatcherType", "none"]
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=geo_env(store_url), stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                return process, url, log
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"streamlit did not serve within {STARTUP_TIMEOUT_S} s:\n{log.read_text(errors='replace')}")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


def fill(store_url: str) -> None:
    """Demo data with surveys (``python -m geo demo``), two accounts with e-mails, and two files uploaded by one
    of them under revealing names, through geo.actions as the upload page and ``import --user`` do."""
    subprocess.run([sys.executable, "-m", "geo", "demo", "--plots", "120", "--surveys"], cwd=ROOT,
                   env=geo_env(store_url), check=True, capture_output=True)  # fmt: skip
    engine = db.create_engine(store_url)
    accounts = [auth.add_user(engine, name, "officer", PASSWORD, email=email) for name, email in PEOPLE.items()]
    for name, source in FILES.items():
        assert actions.import_as(engine, auth.start_session(accounts[0]), source.read_bytes(), name).committed
    engine.dispose()


def private_words(store_url: str) -> list[str]:
    """Every batch's file name (with and without its suffix) and uploader as the store holds them, and the accounts
    with their e-mails; not the demo's uploader, whose name 'demo' every public name of the demo data carries."""
    engine = db.create_engine(store_url)
    batches = store.history(engine)
    engine.dispose()
    words = {b.filename for b in batches} | {Path(b.filename).stem for b in batches}
    words |= {b.user for b in batches if b.user and b.user != demo.DEMO_USER}
    return sorted(words | set(PEOPLE) | set(PEOPLE.values()))


@pytest.fixture(scope="module")
def server(module_store_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("api")
    fill(module_store_url)
    process, url, log = start_server(module_store_url, folder)
    yield Server(url, module_store_url, log, private_words(module_store_url))
    stop(process)


@pytest.fixture(scope="module")
def figures(server: Server) -> dict:
    """``python -m geo summary --json`` on the server's store (as filled: the last test changes it)."""
    return summary_json(server)


def summary_json(server: Server) -> dict:
    return json.loads(server.cli("summary", "--json"))


def assert_public_part(answer: dict, figures: dict) -> None:
    """``answer`` has exactly the public fields of ``figures`` (a summary), each with the same value."""
    for name in publicdata.SUMMARY_FIELDS:
        assert answer[name] == figures[name], name
    for name, fields in publicdata.BREAKDOWN_FIELDS.items():
        assert set(answer[name]) == set(figures[name]), name
        for key, entry in figures[name].items():
            assert answer[name][key] == {f: entry[f] for f in fields}, (name, key)


# --- the numbers ---------------------------------------------------------------------------------------------------


def test_summary_has_the_figures_of_summary_json_field_by_field(server: Server, figures: dict) -> None:
    answer = server.get("/api/v1/summary").json()
    assert figures["planted"] > 0 and figures["estimate"] is not None  # a store worth comparing
    assert_public_part(answer, figures)
    assert answer["region"] is None
    assert set(answer) == {"region", *publicdata.SUMMARY_FIELDS, *publicdata.BREAKDOWN_FIELDS}


def test_each_region_has_the_figures_of_its_entry_in_summary_json(server: Server, figures: dict) -> None:
    listed = server.get("/api/v1/regions").json()["regions"]
    assert [r["region"] for r in listed] == sorted(figures["by_region"])
    for entry in listed:
        code = entry["region"]
        expected = figures["by_region"][code]
        for name in publicdata.BREAKDOWN_FIELDS["by_region"]:
            assert entry[name] == expected[name], (code, name)
        one = server.get(f"/api/v1/summary?region={code}").json()
        assert one["region"] == code
        assert list(one["by_region"]) == [code]
        assert one["by_region"][code] == {f: expected[f] for f in publicdata.BREAKDOWN_FIELDS["by_region"]}
        assert (one["planted"], one["plots"], one["estimate"]) == (entry["planted"], entry["plots"], entry["estimate"])
        assert entry["survival"] == (one["survival"] if one["surveyed_planted"] else None)
        assert entry["name"]["ru"] and entry["name"]["kk"] and entry["name"]["en"]
    assert sum(r["planted"] for r in listed) == figures["planted"]
    assert sum(r["plots"] for r in listed) == figures["plots"]


# --- nothing private -----------------------------------------------------------------------------------------------


def every_kind_of_answer(server: Server, regions: list[str]) -> list[Reply]:
    paths = ["/api/v1/summary", "/api/v1/regions", "/api/v1/openapi.json", "/api/v1/summary?region=XX",
             "/api/v1/summary?who=1", "/api/v1/nothing", "/api"]  # fmt: skip
    paths += [f"/api/v1/summary?region={code}&lang=ru" for code in regions]
    replies = [server.get(p) for p in paths]
    replies.append(server.get("/api/v1/summary", method="POST"))
    tag = replies[0].headers["etag"]
    replies.append(server.get("/api/v1/summary", headers={"If-None-Match": tag}))
    return replies


def test_no_answer_names_a_person_an_email_or_a_file(server: Server, figures: dict) -> None:
    replies = every_kind_of_answer(server, list(figures["by_region"]))
    assert {r.status for r in replies} == {200, 304, 400, 404, 405}
    assert len(server.private) >= 8  # the accounts, their e-mails, the files and the demo's batches
    for reply in replies:
        text = (reply.body.decode() + json.dumps(reply.headers, ensure_ascii=False)).casefold()
        found = [word for word in server.private if word.casefold() in text]
        assert not found, found
        assert "set-cookie" not in {h.lower() for h in reply.headers}


# --- caching -------------------------------------------------------------------------------------------------------


def test_an_etag_given_back_gets_304_and_no_body(server: Server) -> None:
    first = server.get("/api/v1/summary?region=KZ-55")
    tag = first.headers["etag"]
    assert first.headers["cache-control"] == api.CACHE_CONTROL
    for sent in (tag, f"W/{tag}", f'"stale", {tag}', "*"):
        again = server.get("/api/v1/summary?region=KZ-55", headers={"If-None-Match": sent})
        assert (again.status, again.body, again.headers["etag"]) == (304, b"", tag), sent
    assert server.get("/api/v1/summary?region=KZ-55", headers={"If-None-Match": '"stale"'}).status == 200
    others = {server.get(p).headers["etag"] for p in ("/api/v1/summary", "/api/v1/regions", "/api/v1/openapi.json")}
    assert len(others | {tag}) == 4


# --- errors --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    ["region=XX", "region=kz-10", "region=", "region=KZ-10&region=KZ-11", "regoin=KZ-10", "lang=de", "lang=ru&lang=ru"],
)
def test_a_bad_parameter_gets_400_with_the_reason_in_json(server: Server, query: str) -> None:
    reply = server.get(f"/api/v1/summary?{query}")
    assert reply.status == 400
    answer = reply.json()
    assert set(answer) == {"error"} and answer["error"]
    assert "Traceback" not in answer["error"]


def test_the_error_is_in_the_language_asked_for(server: Server) -> None:
    assert server.get("/api/v1/summary?region=XX&lang=ru").json()["error"].startswith("Неизвестный регион «XX»")
    assert server.get("/api/v1/summary?region=XX").json()["error"].startswith("Unknown region “XX”")


@pytest.mark.parametrize("path", ["/api", "/api/", "/api/v2/summary", "/api/v1/nothing", "/api/v1/summary/extra"])
def test_an_unknown_api_address_gets_404_in_json_not_the_app_page(server: Server, path: str) -> None:
    reply = server.get(path)
    assert reply.status == 404
    assert set(reply.json()) == {"error"}


def test_another_method_gets_405_in_json(server: Server) -> None:
    reply = server.get("/api/v1/regions", method="DELETE")
    assert reply.status == 405
    assert set(reply.json()) == {"error"}
    assert set(reply.headers["allow"].split(", ")) == {"GET", "HEAD"}


def test_an_unexpected_failure_gets_500_without_a_trace_and_the_log_keeps_it(tmp_path: Path) -> None:
    broken = tmp_path / "orman.sqlite"
    broken.write_bytes(b"this is not a database, whatever its name says" * 100)
    process, url, log = start_server(f"sqlite:///{broken}", tmp_path)
    try:
        reply = Server(url, "", log, []).get("/api/v1/summary")
    finally:
        stop(process)
    assert reply.status == 500
    assert set(reply.json()) == {"error"}
    assert b"Traceback" not in reply.body and b"sqlite" not in reply.body.lower()
    logged = log.read_text(errors="replace")
    assert "API request /api/v1/summary failed" in logged and "Traceback" in logged


# --- security headers ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "framing"),
    [
        ("/api/v1/summary", "frame-ancestors 'self'"),
        ("/api/nothing", "frame-ancestors 'self'"),
        ("/", "frame-ancestors *"),
        ("/public", "frame-ancestors *"),
        ("/overview", "frame-ancestors 'self'"),
        ("/admin", "frame-ancestors 'self'"),
        ("/_stcore/health", "frame-ancestors 'self'"),
        ("/app/static/vendor/leaflet/leaflet.js", "frame-ancestors 'self'"),
    ],
)
def test_every_response_has_the_security_headers(server: Server, path: str, framing: str) -> None:
    reply = server.get(path)
    assert reply.status in (200, 404), path
    assert reply.headers["x-content-type-options"] == "nosniff"
    assert reply.headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert reply.headers["content-security-policy"] == framing


def test_the_server_imports_app_py_without_declaring_a_component() -> None:
    """`streamlit run app.py` imports app.py (st.App) before any script run; a component declared then is never
    registered and its iframe (the map) answers 404 — the embedded public page's map would be blank."""
    probe = "import sys, app; print(sorted(m for m in sys.modules if m.startswith('streamlit_folium')))"
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=geo_env("sqlite://"), capture_output=True,
                          text=True, check=True)  # fmt: skip
    assert done.stdout.strip() == "[]"


# --- generated requests --------------------------------------------------------------------------------------------

SCHEMA = schemathesis.openapi.from_dict(api.OPENAPI)
OPERATIONS = [result.ok() for result in SCHEMA.get_all_operations()]


@pytest.mark.parametrize("mode", list(schemathesis.GenerationMode), ids=str)
@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: op.label)
def test_generated_requests_get_no_5xx_and_answers_as_described(
    server: Server, operation: schemathesis.APIOperation, mode: schemathesis.GenerationMode
) -> None:
    statuses: list[int] = []

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=20, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    def answered_as_described(case: schemathesis.Case) -> None:
        statuses.append(case.call_and_validate(base_url=server.url).status_code)

    answered_as_described()
    assert statuses and max(statuses) < 500
    if mode == schemathesis.GenerationMode.POSITIVE:
        assert set(statuses) <= {200, 304}
    else:  # a case invalid only in a header the API does not check (If-None-Match is any text) is answered
        assert 400 in statuses and set(statuses) <= {200, 304, 400}


def test_the_description_is_the_one_served(server: Server) -> None:
    assert server.get("/api/v1/openapi.json").json() == json.loads(json.dumps(api.OPENAPI))


# --- last: the store changes ---------------------------------------------------------------------------------------


def test_an_import_gives_new_figures_and_a_new_etag(server: Server, tmp_path: Path) -> None:
    before = server.get("/api/v1/summary")
    name, source = LATE_FILE
    shutil.copyfile(source, tmp_path / name)
    server.cli("import", str(tmp_path / name), "--user", "baurzhan.serikovich")
    after = server.get("/api/v1/summary", headers={"If-None-Match": before.headers["etag"]})
    assert after.status == 200 and after.headers["etag"] != before.headers["etag"]
    assert after.json()["plots"] > before.json()["plots"]
    assert_public_part(after.json(), summary_json(server))
    text = after.body.decode() + json.dumps(after.headers)
    assert name not in text and Path(name).stem not in text and "baurzhan" not in text.casefold()


# --- several processes on one store (README, "Several app processes") ----------------------------------------------

SECOND_FILE = DATA / "below65_plots.geojson"  # plots no other test imports


def test_a_second_process_on_the_store_sees_an_import_within_the_version_recheck(
    server: Server, tmp_path: Path
) -> None:
    """Each process keeps its own figures per store version; after an import both answer the new figures, with the
    same ETag, once the interval in which a process trusts the version it read last has passed."""
    process, url, _ = start_server(server.store_url, tmp_path)
    try:
        second = Server(url, server.store_url, server.log, server.private)
        before = [s.get("/api/v1/summary") for s in (server, second)]  # each process now holds the old figures
        assert before[0].body == before[1].body and before[0].headers["etag"] == before[1].headers["etag"]
        server.cli("import", str(SECOND_FILE), "--user", "baurzhan.serikovich")
        time.sleep(publicdata.VERSION_RECHECK_S)
        after = [
            s.get("/api/v1/summary", headers={"If-None-Match": before[0].headers["etag"]}) for s in (second, server)
        ]
        assert [a.status for a in after] == [200, 200]
        assert after[0].body == after[1].body and after[0].headers["etag"] == after[1].headers["etag"]
        assert after[0].json()["plots"] > before[0].json()["plots"]
        assert_public_part(after[0].json(), summary_json(server))
    finally:
        stop(process)
