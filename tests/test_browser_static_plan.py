"""The Plan page on a static copy (no server) gives Python's agenda, in a real Chromium.

The built site, with the bundle's ``agendas.json`` written by `static_agenda.write_part`,
is served by ``python -m http.server``. For every request in
mentor_assistant/data/agenda_requests.yml the page's agenda, its Markdown download and
its ``.ics`` download must equal what `build_offline_agenda` and `agenda_formats` return
(DTSTAMP, the time of the download, is the only line normalised).

Two ways the page runs:

- *grounded*: the page has an in-browser search (``window.MentorStatic``) and safety check
  (``window.MentorStaticSafety``). Here those two interfaces are bridged to the Python
  assistant's own ``embedder.embed``, ``search`` and ``check_safety``, so the test checks
  the browser's agenda logic (focus target, guide prompts, context section, safety first,
  scaling, wording, downloads) against Python's exactly; the in-browser model itself is
  the Ask page's part and is not what these tests measure.
- *ungrounded*: neither module is on the page (the state of this branch on its own). The
  focus cannot be grounded, so the page builds the agenda as for the same request without
  a focus and says so; it must equal Python's agenda for the request without its focus.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from static_support import serve_directory

from mentor_assistant.agendas.agenda import build_offline_agenda
from mentor_assistant.agendas.agenda_formats import agenda_ics, agenda_markdown, parse_start
from mentor_assistant.evals.agenda_review import load_agenda_requests
from mentor_assistant.web.static_agenda import write_part
from mentor_assistant.web.web_inputs import agenda_inputs

pytestmark = pytest.mark.browser

CASES = load_agenda_requests()
START = "2026-12-03 17:30"
ZONES = ("Europe/London", "America/New_York", "Asia/Kolkata", "Australia/Sydney")
DTSTAMP = re.compile(r"^DTSTAMP:\d{8}T\d{6}Z\r$", re.MULTILINE)
BRIDGE = """
window.MentorStatic = {
  lexicalReady: true, modelReady: true,
  load: () => Promise.resolve(),
  embed: texts => window.pythonEmbed(texts),
  search: (question, options) => window.pythonSearch(question, options.k, options.audience || null),
};
window.MentorStaticSafety = {
  load: () => Promise.resolve(),
  assess: (question, embed) => window.pythonSafety(question)
    .then(verdict => ({flagged: verdict.flagged, unsure: verdict.unsure, categories: []})),
  assessLexical: question => ({flagged: false, categories: []}),
};
"""


@pytest.fixture(scope="module")
def static_site(built_site: Path, guide_assistant, tmp_path_factory) -> Path:
    """A copy of the built site with the Plan page's bundle part written into it."""
    site = tmp_path_factory.mktemp("static-plan") / "site"
    shutil.copytree(built_site, site)
    context = SimpleNamespace(guide=guide_assistant.guide, docs_dir=guide_assistant.guide.docs_dir,
                              index=guide_assistant.index, embedder=guide_assistant.embedder)
    bundle = site / "assistant-bundle"
    assert write_part(bundle, context) == ["agendas.json"]
    # a bundle of this part alone, announced as the bundle writer does: the page finds
    # no search or safety data in it
    data = (bundle / "agendas.json").read_bytes()
    (bundle / "manifest.json").write_text(json.dumps({"version": 1, "files": {"agendas.json": {
        "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}}}))
    config = site / "assistant-config.json"
    config.write_text(json.dumps({**json.loads(config.read_text()), "bundle": "assistant-bundle/"}))
    return site


@pytest.fixture(scope="module")
def static_url(static_site: Path) -> Iterator[str]:
    """The static copy served by ``python -m http.server`` on loopback."""
    server, url = serve_directory(static_site)
    yield url
    server.terminate()
    server.wait(timeout=10)


def bridge_to_python(page, assistant) -> None:
    """Give the page MentorStatic and MentorStaticSafety backed by the Python assistant."""
    page.expose_function("pythonEmbed", lambda texts: assistant.embedder.embed(texts).tolist())
    page.expose_function("pythonSearch", lambda question, k, audience: [
        {"id": h.id, "path": h.path, "title": h.title, "heading": h.heading, "anchor": h.anchor,
         "url": h.url, "score": h.score} for h in assistant.search(question, k, audience=audience)])
    page.expose_function("pythonSafety", lambda text: {
        "flagged": (check := assistant.check_safety(text)).flagged, "unsure": check.unsure})
    page.add_init_script(BRIDGE)


def fill_form(page, request: dict) -> None:
    page.select_option("#ma-type", request.get("type", ""))
    if "session" in request:
        page.fill("#ma-session", str(request["session"]))
        page.fill("#ma-of", str(request["of"]))
    page.fill("#ma-minutes", str(request.get("minutes", "")))
    page.select_option("#ma-role", request.get("role", "mentor"))
    page.select_option("#ma-context", request.get("context", ""))
    page.fill("#ma-focus", request.get("focus", ""))
    page.fill("#ma-goals", "\n".join(request.get("goals", [])))
    page.fill("#ma-actions", "\n".join(request.get("actions", [])))


def plan(page, url: str, request: dict):
    page.goto(url + "assistant/plan/")
    page.locator(".ma-form").wait_for()
    fill_form(page, request)
    page.get_by_role("button", name="Plan the session").click()
    sheet = page.locator(".ma-agenda-sheet")
    sheet.locator("h2").wait_for()
    return sheet


def download(page, button: str) -> str:
    with page.expect_download() as saved:
        page.get_by_role("button", name=button).click()
    return Path(saved.value.path()).read_bytes().decode("utf-8")


def shown_items(sheet) -> list[tuple]:
    return [tuple(item) for item in sheet.evaluate("""sheet => [...sheet.querySelectorAll('h3')]
        .filter(h => /^\\d+\\. /.test(h.textContent)).map(h => {
            const [, title, minutes] = h.textContent.match(/^\\d+\\. (.*) \\((\\d+) min\\)$/);
            const prompts = h.nextElementSibling.nextElementSibling;
            return [title, Number(minutes), h.nextElementSibling.textContent,
                    [...prompts.querySelectorAll('li')].map(li => li.textContent)];
        })""")]


def agenda_differences(page, url: str, expected, zone: str) -> list[str]:
    """How the shown agenda and its downloads differ from Python's ``expected`` (none: equal)."""
    sheet = page.locator(".ma-agenda-sheet")
    want = expected.to_json()
    differences = []
    if sheet.locator("h2").inner_text() != want["title"]:
        differences.append("title")
    if shown_items(sheet) != [(i["title"], i["minutes"], i["purpose"], i["prompts"])
                              for i in want["items"]]:
        differences.append("items")
    markdown, python_markdown = download(page, "Download Markdown"), agenda_markdown(expected, url)
    if markdown != python_markdown:
        differences.append("markdown: " + first_difference(markdown, python_markdown))
    page.fill("#ma-start", START.replace(" ", "T"))
    page.fill("#ma-zone", zone)
    calendar = download(page, "Download .ics")
    python = agenda_ics(expected, parse_start(START), now=datetime.now(timezone.utc),
                        zone=ZoneInfo(zone), site_url=url)
    if DTSTAMP.sub("DTSTAMP:-", calendar) != DTSTAMP.sub("DTSTAMP:-", python):
        differences.append("ics")
    return differences


def first_difference(browser: str, python: str) -> str:
    pairs = zip(browser.splitlines(), python.splitlines(), strict=False)
    return next((f"browser {b!r}, python {p!r}" for b, p in pairs if b != p), "length")


def check_parity(page, url: str, request: dict, expected, zone: str) -> None:
    plan(page, url, request)
    assert agenda_differences(page, url, expected, zone) == []
    assert page.errors == [] and page.outside_requests == []


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_grounded_plan_equals_pythons_agenda(page, static_url: str, guide_assistant,
                                             case) -> None:
    bridge_to_python(page, guide_assistant)
    expected = build_offline_agenda(agenda_inputs(case.request), guide_assistant)
    zone = ZONES[CASES.index(case) % len(ZONES)]
    check_parity(page, static_url, case.request, expected, zone)
    if case.expect.get("safety"):
        first = page.locator(".ma-agenda-sheet h3").first.inner_text()
        assert "contact your safeguarding lead" in first
        assert page.locator(".ma-agenda-sheet").inner_text().count(
            "Contact your safeguarding lead today") >= 1


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_ungrounded_plan_equals_pythons_agenda_without_the_focus(
        page, static_url: str, guide_assistant, case) -> None:
    without_focus = {k: v for k, v in case.request.items() if k != "focus"}
    expected = build_offline_agenda(agenda_inputs(without_focus), guide_assistant)
    zone = ZONES[CASES.index(case) % len(ZONES)]
    check_parity(page, static_url, case.request, expected, zone)
    note = page.locator(".ma-focus-note")
    if case.request.get("focus"):
        assert "Your focus is not worked into this agenda" in note.inner_text()
        assert "contact your safeguarding lead today" in note.inner_text()
    else:
        assert note.count() == 0


def test_a_safety_check_alone_puts_the_safeguarding_lead_first(page, static_url: str,
                                                               guide_assistant) -> None:
    """Without the in-browser search, a safety disclosure still leads with the safeguarding
    lead, as in Python. The page's only safety check here is a lexical one answering what
    Python's `detect_safety` answers for these texts."""
    cases = [case for case in CASES if case.expect.get("safety")]
    assert len(cases) >= 3
    texts = {case.request.get(key) for case in cases for key in ("focus", "context")} - {None}
    flags = {text: guide_assistant.detect_safety(text) for text in texts}
    page.add_init_script(f"const pythonFlags = {json.dumps(flags)};"
                         "window.MentorStaticSafety = {assessLexical: question => "
                         "({flagged: pythonFlags[question] === true, categories: []})};")
    for case in cases:
        expected = build_offline_agenda(agenda_inputs(case.request), guide_assistant)
        assert expected.flags == ("safety",)
        check_parity(page, static_url, case.request, expected, "Europe/London")
        first = page.locator(".ma-agenda-sheet h3").first.inner_text()
        assert first.startswith("1. Safety first: contact your safeguarding lead")
        assert page.locator(".ma-focus-note").count() == 0


@pytest.mark.parametrize(("start", "zone"), [
    ("2027-03-28 01:30", "Europe/London"),  # skipped by the clocks going forward
    ("2026-10-25 01:30", "Europe/London"),  # happens twice as the clocks go back
    ("2026-11-01 01:15", "America/New_York"),
    ("2026-12-31 23:50", "Pacific/Kiritimati"),
    ("2026-07-01 09:00", "UTC"),
])
def test_calendar_times_follow_python_across_time_zones(page, static_url: str, guide_assistant,
                                                        start: str, zone: str) -> None:
    request = {"type": "closing", "minutes": 30, "role": "mentee", "context": "workplace"}
    expected = build_offline_agenda(agenda_inputs(request), guide_assistant)
    plan(page, static_url, request)
    page.fill("#ma-start", start.replace(" ", "T"))
    page.fill("#ma-zone", zone)
    python = agenda_ics(expected, parse_start(start), zone=ZoneInfo(zone), site_url=static_url)
    assert DTSTAMP.sub("-", download(page, "Download .ics")) == DTSTAMP.sub("-", python)


def test_a_request_the_agenda_cannot_serve_says_what_to_do(page, static_url: str) -> None:
    page.goto(static_url + "assistant/plan/")
    page.locator(".ma-form").wait_for()
    fill_form(page, {"session": 9, "of": 8})
    page.get_by_role("button", name="Plan the session").click()
    status = page.locator(".ma-status", has_text="No agenda")
    status.wait_for()
    assert status.inner_text() == ("No agenda: session 9 of 8 is past the planned total; use a "
                                   "session number from 1 to 8, or raise the number of "
                                   "sessions.")
    plan(page, static_url, {"type": "checkin"})
    page.fill("#ma-start", "2026-12-03T17:30")
    page.fill("#ma-zone", "Mars/Olympus")
    page.get_by_role("button", name="Download .ics").click()
    note = page.locator(".ma-actions .ma-status", has_text="time zone")
    note.wait_for()
    assert note.inner_text() == ("unknown time zone Mars/Olympus; use a name such as "
                                 "Europe/London, America/New_York or UTC.")
    assert page.errors == [] and page.outside_requests == []


def test_the_bundle_is_loaded_by_the_plan_page_only(page, static_url: str) -> None:
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url))
    for path in ("", "sessions/first-meeting/", "help/when-to-escalate/"):
        page.goto(static_url + path)
        page.wait_for_load_state("networkidle")
    assert not [u for u in fetched if "assistant-bundle" in u or "static-plan" in u]
    plan(page, static_url, {"type": "first", "focus": "she is new to the company"})
    assert static_url + "assistant-bundle/agendas.json" in fetched
    assert static_url + "javascripts/static-plan.js" in fetched
    assert all(u.startswith((static_url, "blob:", "data:")) for u in fetched), fetched
    assert page.outside_requests == [] and page.errors == []
