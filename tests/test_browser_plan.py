"""The Plan page in a real Chromium shows the same agenda as `mentor-assistant agenda`."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from click.testing import CliRunner
from conftest import ROOT

from mentor_assistant.cli import main

pytestmark = pytest.mark.browser

RAW_PATH = re.compile(r"\.md\b|\b[a-z0-9-]+/[a-z0-9-]+/(#[a-z0-9-]+)?")
REQUESTS = {
    "mentor": {
        "form": {"#ma-type": "midpoint", "#ma-minutes": "30", "#ma-role": "mentor",
                 "#ma-context": "education",
                 "#ma-focus": "my mentee seems disengaged and keeps cancelling",
                 "#ma-goals": "Finish the dissertation plan"},
        "cli": ["--type", "midpoint", "--minutes", "30", "--role", "mentor", "--context",
                "education", "--focus", "my mentee seems disengaged and keeps cancelling"],
        "goals": "## Goals\n- Finish the dissertation plan\n",
    },
    "mentee": {
        "form": {"#ma-session": "3", "#ma-of": "8", "#ma-minutes": "20", "#ma-role": "mentee",
                 "#ma-context": "workplace",
                 "#ma-focus": "preparing for a promotion conversation with my manager",
                 "#ma-actions": "Draft my talking points"},
        "cli": ["--session", "3", "--of", "8", "--minutes", "20", "--role", "mentee",
                "--context", "workplace", "--focus",
                "preparing for a promotion conversation with my manager"],
        "goals": "## Actions\n- [ ] Draft my talking points\n",
    },
}


def cli_agenda(guide_index: Path, tmp_path: Path, role: str) -> dict:
    notes = tmp_path / f"{role}.md"
    notes.write_text(REQUESTS[role]["goals"], encoding="utf-8")
    result = CliRunner().invoke(main, ["agenda", *REQUESTS[role]["cli"], "--goals", str(notes),
                                       "--json", "--config", str(ROOT / "mkdocs.yml"),
                                       "--index-dir", str(guide_index)])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def plan_in_browser(page, live_url: str, role: str):
    page.goto(live_url + "assistant/plan/")
    page.locator(".ma-form").wait_for()
    for selector, value in REQUESTS[role]["form"].items():
        if page.locator(selector).evaluate("e => e.tagName") == "SELECT":
            page.select_option(selector, value)
        else:
            page.fill(selector, value)
    page.get_by_role("button", name="Plan the session").click()
    sheet = page.locator(".ma-agenda-sheet")
    sheet.locator("h2").wait_for()
    return sheet


def shown_agenda(sheet) -> dict:
    """What the page shows, read back from its DOM in the JSON's shape."""
    return sheet.evaluate("""sheet => {
        const headings = [...sheet.querySelectorAll('h3')];
        const items = headings.filter(h => /^\\d+\\. /.test(h.textContent)).map(h => {
            const [, title, minutes] = h.textContent.match(/^\\d+\\. (.*) \\((\\d+) min\\)$/);
            const purpose = h.nextElementSibling;
            const prompts = purpose.nextElementSibling;
            const from = prompts.nextElementSibling;
            const links = from && from.classList.contains('ma-note')
                ? [...from.querySelectorAll('a')].map(a => a.getAttribute('href')) : [];
            return {title, minutes: Number(minutes), purpose: purpose.textContent,
                    prompts: [...prompts.querySelectorAll('li')].map(li => li.textContent),
                    links};
        });
        const lists = sheet.querySelectorAll(':scope > ul');
        return {
            title: sheet.querySelector('h2').textContent, items,
            preparation: [...sheet.querySelectorAll('.ma-checklist li')].map(li => li.textContent),
            sources: [...lists[lists.length - 1].querySelectorAll('a')].map(a => ({
                text: a.textContent, href: a.getAttribute('href')})),
        };
    }""")


@pytest.mark.parametrize("role", ["mentor", "mentee"])
def test_plan_page_shows_the_clis_agenda(page, live_url: str, guide_index: Path,
                                         tmp_path: Path, role: str) -> None:
    expected = cli_agenda(guide_index, tmp_path, role)
    sheet = plan_in_browser(page, live_url, role)
    shown = shown_agenda(sheet)
    assert shown["title"] == expected["title"]
    assert [(i["title"], i["minutes"], i["purpose"], i["prompts"]) for i in shown["items"]] == \
        [(i["title"], i["minutes"], i["purpose"], i["prompts"]) for i in expected["items"]]
    assert shown["preparation"] == expected["preparation"]
    # every guide section is a link that resolves to the site, never a path in the text
    for item, want in zip(shown["items"], expected["items"], strict=True):
        assert item["links"] == [urljoin(live_url, s["url"]) for s in want["sources"]]
    assert [s["href"] for s in shown["sources"]] == \
        [urljoin(live_url, s["url"]) for s in expected["sources"]]
    assert not RAW_PATH.search(sheet.inner_text())
    assert page.errors == [] and page.outside_requests == []


def test_the_pages_agendas_read_in_the_roles_voice(page, live_url: str) -> None:
    mentee = plan_in_browser(page, live_url, "mentee").inner_text()
    assert "Tell your mentor how “Draft my talking points” went" in mentee
    assert "Last time you said you would try this" not in mentee
    assert "Agree next actions" in mentee and "Learning topic" not in mentee
    mentor = plan_in_browser(page, live_url, "mentor").inner_text()
    assert "This time, bring in “my mentee seems disengaged and keeps cancelling”" in mentor
    assert "Where are you now on “Finish the dissertation plan”?" in mentor


def test_the_calendar_file_follows_the_browsers_time_zone(browser, live_url: str) -> None:
    from icalendar import Calendar

    context = browser.new_context(timezone_id="Asia/Tokyo", accept_downloads=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        sheet = plan_in_browser(page, live_url, "mentee")
        assert sheet.is_visible()
        page.fill("#ma-start", "2026-12-03T17:30")
        with page.expect_download() as download:
            page.get_by_role("button", name="Download .ics").click()
        event = next(iter(Calendar.from_ical(Path(download.value.path()).read_bytes())
                          .walk("VEVENT")))
        assert event.decoded("DTSTART").isoformat() == "2026-12-03T08:30:00+00:00"
        assert f"{live_url}sessions/regular-check-in/" in str(event["DESCRIPTION"])
    finally:
        context.close()
