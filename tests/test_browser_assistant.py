"""The assistant's pages in a real Chromium: served with the API, and static without it."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.browser

XSS = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>'


def ask(page, question: str) -> None:
    page.fill("#ma-question", question)
    page.get_by_role("button", name="Ask", exact=True).click()


def test_ask_a_question_and_follow_a_citation(page, live_url: str) -> None:
    page.goto(live_url + "assistant/ask/")
    ask(page, "My mentee keeps waiting for me to tell her what to do. How do I hand it back?")
    sources = page.locator(".ma-turn").last.locator(".ma-sources a")
    sources.first.wait_for()
    assert page.locator(".ma-status").last.inner_text().startswith("Answered offline")
    assert page.locator(".ma-cite").count() >= 1
    target = sources.first.get_attribute("href")
    anchor = target.split("#", 1)[1]
    sources.first.click()
    page.wait_for_url(f"**#{anchor}")
    assert page.locator(f"[id='{anchor}']").is_visible()
    assert page.errors == [] and page.outside_requests == []


def test_follow_up_keeps_the_conversation(page, live_url: str) -> None:
    bodies = []
    page.on("request", lambda r: r.url.endswith("/api/ask") and bodies.append(r.post_data))
    page.goto(live_url + "assistant/ask/")
    ask(page, "How should I prepare for our first meeting?")
    page.locator(".ma-turn").nth(0).locator(".ma-sources a").first.wait_for()
    ask(page, "and what if I'm the mentee?")
    page.locator(".ma-turn").nth(1).locator(".ma-sources a").first.wait_for()
    second = json.loads(bodies[1])
    assert second["history"][0]["question"] == "How should I prepare for our first meeting?"
    assert page.locator(".ma-turn").count() == 2
    page.get_by_role("button", name="New conversation").click()
    assert page.locator(".ma-turn").count() == 0


def test_three_turns_carry_the_topic_and_the_role(page, live_url: str, guide_assistant) -> None:
    bodies = []
    page.on("request", lambda r: r.url.endswith("/api/ask") and bodies.append(r.post_data))
    page.goto(live_url + "assistant/ask/")
    questions = ["My mentee keeps cancelling our sessions at the last minute. What should I do?",
                 "what should I say to him?", "and what if I run the programme?"]
    for n, question in enumerate(questions):
        ask(page, question)
        page.locator(".ma-turn").nth(n).locator(".ma-sources a").first.wait_for()
    assert [t["question"] for t in json.loads(bodies[2])["history"]] == questions[:2]
    leads = [page.locator(".ma-turn").nth(n).locator(".ma-sources a").first.get_attribute("href")
             for n in range(3)]
    owner_pages = {meta["url"].split("#")[0] for meta in guide_assistant.index.metadatas
                   if meta["aud_program_owner"] and meta["url"].split("#")[0]}
    assert leads[2] != leads[0]
    assert any(leads[2].split("#")[0].endswith(url) for url in owner_pages), leads[2]
    second = page.locator(".ma-turn").nth(1).inner_text().lower()
    assert "cancel" in second or "disengagement" in second
    assert page.errors == []


def test_safety_questions_show_the_contacts_first(page, live_url: str) -> None:
    page.goto(live_url + "assistant/ask/")
    ask(page, "My mentee told me she has been self-harming. What should I do?")
    answer = page.locator(".ma-answer").last
    answer.locator(".ma-sources a").first.wait_for()
    assert answer.locator(".ma-safety").first.is_visible()
    text = answer.inner_text()
    assert text.index("Safety first") < text.index("Who to contact")
    assert "116 123" in text


def test_plan_a_session_and_download_the_calendar_file(page, live_url: str) -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from icalendar import Calendar

    page.goto(live_url + "assistant/plan/")
    page.select_option("#ma-type", "checkin")
    page.fill("#ma-minutes", "45")
    page.fill("#ma-focus", "preparing a funding pitch")
    page.select_option("#ma-context", "entrepreneurship")
    page.fill("#ma-actions", "Rewrite the pitch deck")
    page.get_by_role("button", name="Plan the session").click()
    sheet = page.locator(".ma-agenda-sheet")
    sheet.locator("h2").wait_for()
    assert "Regular check-in (45 minutes)" in sheet.locator("h2").inner_text()
    minutes = [int(cell) for cell in sheet.locator("tbody td:nth-child(3)").all_inner_texts()]
    assert sum(minutes) == 45
    assert "Focus: Preparing a funding pitch" in sheet.inner_text()
    assert "Rewrite the pitch deck" in sheet.inner_text()
    page.fill("#ma-start", "2026-12-03T17:30")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download .ics").click()
    content = open(download.value.path(), "rb").read()
    event = next(iter(Calendar.from_ical(content).walk("VEVENT")))
    # the page sends the browser's time zone, so the event starts at 17:30 where the pair is
    zone = ZoneInfo(page.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone"))
    assert event.decoded("DTSTART") == datetime(2026, 12, 3, 17, 30, tzinfo=zone)
    page.emulate_media(media="print")
    assert not page.locator(".ma-form").is_visible() and sheet.is_visible()
    assert page.errors == [] and page.outside_requests == []


def test_hostile_text_stays_inert(page, live_url: str) -> None:
    page.goto(live_url + "assistant/ask/")
    ask(page, f"How do I build trust? {XSS}")
    page.locator(".ma-sources a").first.wait_for()
    assert page.evaluate("window.__xss") is None
    assert XSS in page.locator(".ma-question").last.inner_text()
    assert page.locator(".ma-log img").count() == 0 and page.locator(".ma-log script").count() == 0
    page.goto(live_url + "assistant/plan/")
    page.select_option("#ma-type", "first")
    page.fill("#ma-focus", XSS)
    page.get_by_role("button", name="Plan the session").click()
    page.locator(".ma-agenda-sheet h2").wait_for()
    assert page.evaluate("window.__xss") is None
    assert page.locator(".ma-agenda-sheet img").count() == 0


def test_keyboard_only_use_and_labels(page, live_url: str) -> None:
    page.goto(live_url + "assistant/ask/")
    page.focus("#ma-question")
    page.keyboard.type("How do I end the relationship well?")
    page.keyboard.press("Tab")  # the audience choice
    page.keyboard.press("Tab")  # the Ask button
    assert page.evaluate("document.activeElement.textContent") == "Ask"
    page.keyboard.press("Enter")
    page.locator(".ma-sources a").first.wait_for()
    for path in ("assistant/ask/", "assistant/plan/"):
        page.goto(live_url + path)
        page.locator(".ma-form").wait_for()
        unlabeled = page.evaluate("""() => [...document.querySelectorAll(
            '.ma-widget input, .ma-widget select, .ma-widget textarea')]
            .filter(c => !document.querySelector(`label[for="${c.id}"]`)).map(c => c.id)""")
        assert unlabeled == []


def test_widgets_follow_the_dark_palette(page, live_url: str) -> None:
    page.emulate_media(color_scheme="light")
    page.goto(live_url + "assistant/ask/")
    page.locator(".ma-form").wait_for()
    page.locator("label[title='Switch to dark mode']").first.click()
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    colours = page.evaluate("""() => {
        const box = getComputedStyle(document.querySelector('#ma-question'));
        const page = getComputedStyle(document.body);
        return [box.color, box.backgroundColor, page.backgroundColor];}""")
    assert colours[0] != colours[1]  # readable text in the question box
    assert colours[1] == colours[2]  # the box sits in the dark page, not a white hole


@pytest.mark.parametrize("path", ["assistant/ask/", "assistant/plan/"])
def test_static_copy_says_so_and_points_to_search(page, site_url: str, path: str) -> None:
    page.goto(site_url + path)
    notice = page.locator(".ma-static")
    notice.wait_for()
    assert "published without its assistant" in notice.inner_text()
    assert page.locator(".ma-form").count() == 0
    notice.get_by_role("link").click()
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    assert page.errors == [] and page.outside_requests == []
