"""The HTTP API: every endpoint, every documented error, and the static site."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import make_app
from starlette.testclient import TestClient

ANSWER_KEYS = {"question", "mode", "answer", "flags", "sources"}


def test_ask_returns_the_cli_json_shape(api) -> None:
    response = api.post("/api/ask", json={"question": "How do I give feedback kindly?"})
    assert response.status_code == 200
    data = response.json()
    assert set(data) == ANSWER_KEYS and data["mode"] == "extractive"
    assert data["sources"] and data["sources"][0]["url"]


def test_ask_with_history_and_audience(api) -> None:
    response = api.post("/api/ask", json={
        "question": "and what if I'm the mentee?", "audience": "mentee",
        "history": [{"question": "How do I prepare for a first meeting?", "answer": "..."}]})
    assert response.status_code == 200
    assert any("mentee" in s["path"] or "first-meeting" in s["path"]
               for s in response.json()["sources"])


def test_ask_streams_server_sent_events(api) -> None:
    with api.stream("POST", "/api/ask", json={"question": "How do I build trust?"},
                    headers={"Accept": "text/event-stream"}) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        body = "".join(response.iter_text())
    events = [block for block in body.split("\n\n") if block]
    assert events[-1].startswith("event: done\ndata: ")
    done = json.loads(events[-1].split("data: ", 1)[1])
    assert set(done) == ANSWER_KEYS and done["sources"]


def test_search(api) -> None:
    response = api.get("/api/search", params={"q": "time zones", "k": 3})
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {"query", "retriever", "flags", "results"} and len(data["results"]) == 3
    assert set(data["results"][0]) == {"rank", "score", "title", "heading", "url", "path", "text"}


def test_ask_leads_a_disclosure_with_the_contacts(api) -> None:
    response = api.post("/api/ask", json={"question": "she told me she hasn't eaten in days "
                                                      "and fainted at school"})
    data = response.json()
    assert data["flags"] == ["safety"] and data["answer"].startswith("**Safety first.**")
    assert data["sources"][0]["url"].endswith("#who-to-contact")


def test_a_follow_up_to_a_disclosure_keeps_the_flag(api) -> None:
    history = [{"question": "my mentee says her stepdad hits her when he's drunk", "answer": "..."}]
    response = api.post("/api/ask", json={"question": "what should I say to her next?",
                                          "history": history})
    assert response.json()["flags"] == ["safety"]


def test_agenda_with_a_disclosure_leads_with_the_safeguarding_step(api) -> None:
    data = api.post("/api/agenda", json={
        "type": "checkin", "minutes": 45, "role": "mentor",
        "focus": "she mentioned her boyfriend checks her phone and won't let her see friends",
    }).json()
    assert data["flags"] == ["safety"]
    assert data["items"][0]["title"] == "Safety first: contact your safeguarding lead"
    assert all("learning" not in item["title"].lower() for item in data["items"])


def test_search_flags_a_disclosure(api) -> None:
    data = api.get("/api/search", params={"q": "a guy from work keeps following her home",
                                          "k": 3}).json()
    assert data["flags"] == ["safety"]
    assert data["results"][0]["url"].endswith("#who-to-contact")


def test_agenda_and_its_calendar_file(api) -> None:
    body = {"type": "checkin", "minutes": 45, "role": "mentee", "focus": "time zones",
            "goals": ["Get promoted"], "actions": ["Draft the plan", {"text": "Call Sam",
                                                                      "done": True}]}
    response = api.post("/api/agenda", json=body)
    assert response.status_code == 200
    data = response.json()
    assert sum(item["minutes"] for item in data["items"]) == 45 and data["role"] == "mentee"
    assert any("Draft the plan" in p for item in data["items"] for p in item["prompts"])
    ics = api.post("/api/agenda.ics", json={**body, "start": "2026-12-03 17:30",
                                            "tz": "Europe/Berlin"})
    assert ics.status_code == 200 and ics.headers["content-type"].startswith("text/calendar")
    assert "DTSTART:20261203T163000Z" in ics.text  # 17:30 in Berlin
    unfolded = ics.text.replace("\r\n ", "")
    assert "http://testserver/sessions/regular-check-in/" in unfolded  # links to this server


def test_health(api) -> None:
    data = api.get("/api/health").json()
    assert data["status"] == "ok" and data["mode"] == "extractive"
    assert data["index"]["pages"] >= 58 and data["index"]["chunks"] > 700
    assert data["index"]["stale"] is False and data["index"]["last_built"].endswith("+00:00")


def test_openapi_describes_every_endpoint(api) -> None:
    spec = api.get("/api/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    assert set(spec["paths"]) == {"/api/ask", "/api/search", "/api/agenda", "/api/agenda.ics",
                                  "/api/health"}
    for code in ("400", "413", "422", "429"):
        assert code in spec["paths"]["/api/ask"]["post"]["responses"]


@pytest.mark.parametrize(("method", "path", "kwargs", "status", "message"), [
    ("post", "/api/ask", {"content": b"{not json"}, 400, "not valid JSON"),
    ("post", "/api/ask", {"content": b"x" * (16 * 1024 + 1)}, 413, "larger than 16 KB"),
    ("post", "/api/ask", {"json": {"question": "q" * 2001}}, 422, "the limit is 2000"),
    ("post", "/api/ask", {"json": {"question": 42}}, 422, "'question' must be a string"),
    ("post", "/api/ask", {"json": {}}, 422, "'question' must be a string"),
    ("post", "/api/ask", {"json": ["a list"]}, 422, "must be a JSON object"),
    ("post", "/api/ask", {"json": {"question": "hi", "audience": "boss"}}, 422, "'audience'"),
    ("post", "/api/ask", {"json": {"question": "hi", "history": "no"}}, 422, "'history'"),
    ("get", "/api/search?q=", {}, 422, "'q' must be"),
    ("get", "/api/search?q=trust&k=0", {}, 422, "'k' must be"),
    ("get", "/api/search?q=trust&k=many", {}, 422, "'k' must be"),
    ("post", "/api/agenda", {"json": {"type": "checkin", "minutes": 10}}, 422,
     "between 15 and 240"),
    ("post", "/api/agenda", {"json": {"type": "brunch"}}, 422, "'type' must be one of"),
    ("post", "/api/agenda", {"json": {"session": 9, "of": 8}}, 422, "past the planned total"),
    ("post", "/api/agenda", {"json": {"type": "first", "minutes": "sixty"}}, 422,
     "'minutes' must be a whole number"),
    ("post", "/api/agenda.ics", {"json": {"type": "first"}}, 422, "'start'"),
    ("post", "/api/agenda.ics", {"json": {"type": "first", "start": "soon"}}, 422,
     "YYYY-MM-DD HH:MM"),
    ("post", "/api/agenda.ics", {"json": {"type": "first", "start": "2026-12-03 17:30",
                                          "tz": "Moon/Base"}}, 422, "unknown time zone"),
    ("post", "/api/agenda.ics", {"json": {"type": "first", "start": "2026-12-03 17:30",
                                          "tz": 1}}, 422, "'tz' must be a time zone name"),
    ("get", "/api/nothing-here", {}, 404, "no such API endpoint"),
])
def test_bad_requests_get_documented_codes(api, method: str, path: str, kwargs: dict,
                                           status: int, message: str) -> None:
    response = getattr(api, method)(path, **kwargs)
    assert response.status_code == status, response.text
    assert message in response.json()["error"]
    assert "Traceback" not in response.text and "File \"" not in response.text


def test_a_body_over_16kb_without_length_is_refused(api) -> None:
    def chunks():
        for _ in range(20):
            yield b"x" * 1024

    response = api.post("/api/ask", content=chunks())
    assert response.status_code == 413


def test_static_site_and_no_path_traversal(api) -> None:
    assert api.get("/").status_code == 200
    assert "Mentoring Guide" in api.get("/mentors/building-trust/").text
    for sneaky in ("/../pyproject.toml", "/%2e%2e/pyproject.toml", "/..%2fpyproject.toml",
                   "/assets/../../pyproject.toml", "/%2e%2e%2f%2e%2e%2fetc%2fpasswd"):
        response = api.get(sneaky)
        assert response.status_code == 404, sneaky
        assert "[project]" not in response.text and "root:" not in response.text


def test_security_headers_and_site_config(api) -> None:
    response = api.get("/assistant-config.json")
    assert response.json() == {"api": "api/", "token_required": False, "mode": "extractive"}
    for page in ("/", "/api/health"):
        headers = api.get(page).headers
        assert headers["x-content-type-options"] == "nosniff"
        assert "default-src 'self'" in headers["content-security-policy"]


def test_token_is_required_when_set(guide_assistant, built_site: Path) -> None:
    with TestClient(make_app(guide_assistant, built_site, token="s3cret")) as client:
        assert client.post("/api/ask", json={"question": "trust?"}).status_code == 401
        wrong = {"Authorization": "Bearer nope"}
        assert client.get("/api/health", headers=wrong).status_code == 401
        good = {"Authorization": "Bearer s3cret"}
        assert client.get("/api/health", headers=good).status_code == 200
        assert client.get("/").status_code == 200  # the site itself stays readable
        assert client.get("/assistant-config.json").json()["token_required"] is True


def test_cors_is_closed_by_default_and_opens_for_listed_origins(
        api, guide_assistant, built_site: Path) -> None:
    preflight = {"Origin": "https://other.example", "Access-Control-Request-Method": "POST"}
    closed = api.options("/api/ask", headers=preflight)
    assert "access-control-allow-origin" not in closed.headers
    app = make_app(guide_assistant, built_site, cors_origins=("https://other.example",))
    with TestClient(app) as client:
        opened = client.options("/api/ask", headers=preflight)
        assert opened.headers["access-control-allow-origin"] == "https://other.example"
        other = client.options("/api/ask", headers={**preflight, "Origin": "https://evil.test"})
        assert "access-control-allow-origin" not in other.headers


def test_rate_limit_answers_429_with_retry_after(guide_assistant, built_site: Path) -> None:
    app = make_app(guide_assistant, built_site, rate_per_minute=6, rate_limit_loopback=True)
    with TestClient(app, client=("203.0.113.7", 5000)) as client:
        codes = [client.get("/api/health").status_code for _ in range(4)]
        assert codes[:2] == [200, 200] and codes[-1] == 429
        limited = client.get("/api/health")
        assert limited.status_code == 429 and int(limited.headers["retry-after"]) >= 1
        assert client.get("/").status_code == 200  # pages are not rate-limited


def test_loopback_clients_are_not_rate_limited_by_default(guide_assistant,
                                                          built_site: Path) -> None:
    app = make_app(guide_assistant, built_site, rate_per_minute=6)
    with TestClient(app, client=("127.0.0.1", 5000)) as client:
        assert {client.get("/api/health").status_code for _ in range(12)} == {200}


def test_questions_are_logged_only_when_asked(guide_assistant, built_site: Path,
                                              tmp_path: Path) -> None:
    log = tmp_path / "questions.jsonl"
    with TestClient(make_app(guide_assistant, built_site)) as client:
        client.post("/api/ask", json={"question": "My mentee Sam is struggling."})
    assert not log.exists()
    with TestClient(make_app(guide_assistant, built_site, question_log=log)) as client:
        client.post("/api/ask", json={"question": "My mentee Sam is struggling."})
    record = json.loads(log.read_text().splitlines()[0])
    assert record["question"] == "My mentee Sam is struggling."
    assert "answer" not in record and set(record) == {"time", "question", "audience", "flags",
                                                      "mode", "top_score", "nearest"}
