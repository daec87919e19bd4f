"""Ask and Plan as people use them: keyboard only, on a phone, with Back and reload."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
QUESTION = "How should I prepare for our first meeting?"


def active(page, expression: str = "el => el.id"):
    return page.evaluate(f"({expression})(document.activeElement)")


def wait_for_answer(page, turn: int = 0):
    page.locator(".ma-turn").nth(turn).locator(".ma-turn-actions button").wait_for()


def test_ask_by_keyboard_alone(page, live_url: str) -> None:
    bodies = []
    page.on("request", lambda r: r.url.endswith("/api/ask") and bodies.append(r.post_data))
    page.goto(live_url + "assistant/ask/")
    page.locator(".ma-form").wait_for()
    page.keyboard.press("Tab")  # the first Tab reaches the skip link ...
    assert active(page, "el => el.textContent.trim()") == "Skip to the question box"
    page.keyboard.press("Enter")  # ... which leads straight to the question box
    assert active(page) == "ma-question"
    page.keyboard.type("How do I end the relationship well?")
    page.keyboard.press("Shift+Enter")  # a new line, not a question sent
    page.keyboard.type("We have two sessions left.")
    assert page.locator(".ma-turn").count() == 0
    assert page.input_value("#ma-question").count("\n") == 1
    page.keyboard.press("Enter")  # sends
    wait_for_answer(page)
    assert json.loads(bodies[0])["question"] == \
        "How do I end the relationship well?\nWe have two sessions left."
    announced = page.locator("[role=status]").first.inner_text()
    assert announced.startswith("Answer: ") and len(announced) > 40
    assert active(page) == "ma-question" and page.input_value("#ma-question") == ""
    # The focus ring on the emptied box is the focus colour, not the orange accent.
    ring = page.evaluate("""() => {
        const box = getComputedStyle(document.querySelector('#ma-question'));
        const probe = document.createElement('span');
        probe.style.color = 'var(--md-accent-fg-color)';
        document.body.append(probe);
        const accent = getComputedStyle(probe).color;
        probe.remove();
        return [box.outlineStyle, box.outlineColor, accent];}""")
    assert ring[0] != "none" and ring[1] != ring[2]
    red, green, blue = (int(part) for part in ring[1][4:-1].split(",")[:3])
    assert blue > red  # a blue ring, which does not read as an error
    assert page.errors == [] and page.outside_requests == []


def test_the_role_chosen_is_sent_and_the_answer_follows_it(page, live_url: str) -> None:
    bodies = []
    page.on("request", lambda r: r.url.endswith("/api/ask") and bodies.append(r.post_data))
    page.goto(live_url + "assistant/ask/")
    page.locator("#ma-question").fill(QUESTION)
    page.keyboard.press("Tab")  # into the role group, on the checked "Anyone"
    page.keyboard.press("ArrowDown")  # A mentor
    page.keyboard.press("ArrowDown")  # A mentee
    assert page.locator("#ma-audience-2").is_checked()
    page.locator("#ma-question").press("Enter")
    wait_for_answer(page)
    assert json.loads(bodies[0])["audience"] == "mentee"
    shown = page.locator(".ma-turn .ma-sources a").evaluate_all("links => links.map(a => a.href)")
    by_role = {}
    for role in ("mentee", "mentor"):
        reply = page.request.post(live_url + "api/ask", data={"question": QUESTION,
                                                              "audience": role}).json()
        by_role[role] = [live_url + source["url"].lstrip("/") for source in reply["sources"]]
    assert by_role["mentee"] != by_role["mentor"]
    assert shown == by_role["mentee"]
    page.reload()  # the choice is kept with the conversation
    assert page.locator("#ma-audience-2").is_checked()


def test_the_conversation_survives_back_and_reload(page, live_url: str) -> None:
    page.goto(live_url + "assistant/ask/")
    page.fill("#ma-question", "My mentee agrees with everything I say. What do I do?")
    page.locator("#ma-question").press("Enter")
    wait_for_answer(page)
    answer = page.locator(".ma-answer").first.inner_text()
    page.locator(".ma-sources a").first.click()
    page.wait_for_url(lambda url: "/assistant/ask/" not in url)
    page.go_back()
    page.locator(".ma-turn").first.wait_for()
    assert page.locator(".ma-turn").count() == 1
    assert "agrees with everything" in page.locator(".ma-question").first.inner_text()
    assert page.locator(".ma-answer").first.inner_text() == answer
    page.reload()
    page.locator(".ma-turn").first.wait_for()
    page.fill("#ma-question", "and what if it happens in a group?")
    page.locator("#ma-question").press("Enter")
    wait_for_answer(page, 1)
    assert page.locator(".ma-turn").count() == 2
    page.get_by_role("button", name="New conversation").click()
    assert page.locator(".ma-turn").count() == 0
    assert active(page) == "ma-question"
    page.reload()
    page.locator(".ma-form").wait_for()
    assert page.locator(".ma-turn").count() == 0
    # A damaged saved conversation is dropped, not an error.
    page.evaluate("""sessionStorage.setItem('ma-conversation',
        JSON.stringify({turns: [{question: 'q', result: {answer: 1}}, null]}))""")
    page.reload()
    page.locator(".ma-form").wait_for()
    assert page.locator(".ma-turn").count() == 0
    assert page.errors == []


def test_on_a_phone_the_answer_scrolls_into_view(browser, live_url: str) -> None:
    context = browser.new_context(viewport=PHONE, reduced_motion="reduce")
    page = context.new_page()
    page.goto(live_url + "assistant/ask/")
    log_top = page.locator(".ma-log").evaluate("el => el.getBoundingClientRect().top")
    assert log_top > PHONE["height"] / 2  # the answer would start low, or below the fold
    page.fill("#ma-question", "How do I build trust with a new mentee?")
    page.locator("#ma-question").press("Enter")
    wait_for_answer(page)
    top, bottom = page.locator(".ma-turn").last.evaluate(
        "el => [el.getBoundingClientRect().top, el.getBoundingClientRect().bottom]")
    assert 0 <= top < PHONE["height"] / 2 and bottom > 0
    widths = page.evaluate("() => [document.documentElement.scrollWidth, innerWidth]")
    assert widths[0] <= widths[1]  # nothing in the form or the answer overflows sideways
    context.close()


def test_on_a_phone_the_agenda_scrolls_into_view(browser, live_url: str) -> None:
    context = browser.new_context(viewport=PHONE, reduced_motion="reduce")
    page = context.new_page()
    page.goto(live_url + "assistant/plan/")
    page.select_option("#ma-type", "first")
    page.get_by_role("button", name="Plan the session").click()
    heading = page.locator(".ma-agenda-sheet h2")
    heading.wait_for()
    top = heading.evaluate("el => el.getBoundingClientRect().top")
    assert 0 <= top < PHONE["height"] / 2
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    context.close()


def test_copy_an_answer(browser, live_url: str) -> None:
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_url.rstrip("/"))
    page = context.new_page()
    page.goto(live_url + "assistant/ask/")
    page.fill("#ma-question", "How do I build trust with a new mentee?")
    page.locator("#ma-question").press("Enter")
    wait_for_answer(page)
    page.get_by_role("button", name="Copy answer").click()
    page.get_by_role("button", name="Copied").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    first_source = page.locator(".ma-sources a").first.inner_text()
    assert copied.startswith("Q: How do I build trust with a new mentee?")
    assert "Sources:\n[1] " + first_source in copied
    assert "**" not in copied
    context.close()


def test_plan_by_keyboard_alone_and_print_the_agenda_only(page, live_url: str) -> None:
    page.goto(live_url + "assistant/plan/")
    page.locator(".ma-form").wait_for()
    page.keyboard.press("Tab")
    assert active(page, "el => el.textContent.trim()") == "Skip to the form"
    page.keyboard.press("Enter")
    assert active(page) == "ma-type"
    for _ in range(3):
        page.keyboard.press("ArrowDown")  # First meeting, Goal setting, Regular check-in
    assert page.input_value("#ma-type") == "checkin"
    for _ in range(15):
        page.keyboard.press("Tab")
        if active(page) == "ma-focus":
            break
    page.keyboard.type("preparing a funding pitch")
    for _ in range(5):
        page.keyboard.press("Tab")
        if active(page, "el => el.textContent") == "Plan the session":
            break
    page.keyboard.press("Enter")
    sheet = page.locator(".ma-agenda-sheet")
    sheet.locator("h2").wait_for()
    assert active(page, "el => el.tagName") == "H2"
    assert "Regular check-in" in sheet.locator("h2").inner_text()
    assert "Focus: Preparing a funding pitch" in sheet.inner_text()
    page.emulate_media(media="print")
    assert sheet.is_visible() and sheet.locator("table").is_visible()
    for hidden in ("article > h1", "#how-to-get-a-useful-agenda", "#using-the-agenda",
                   ".ma-needs-api p", ".ma-form", ".ma-agenda .ma-actions"):
        assert not page.locator(hidden).first.is_visible(), hidden
    assert page.errors == [] and page.outside_requests == []


def test_static_plan_page_points_to_the_session_templates(page, site_url: str) -> None:
    page.goto(site_url + "assistant/plan/")
    page.locator(".ma-static").wait_for()
    assert page.locator(".ma-form").count() == 0
    templates = page.locator(".ma-only-static a")
    assert templates.first.is_visible()
    hrefs = templates.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert "../../sessions/first-meeting/" in hrefs and "../../sessions/closing-session/" in hrefs
    # The parts that describe a form that is not there give way, contents list included.
    assert not page.locator("#how-to-get-a-useful-agenda").is_visible()
    assert not page.get_by_text("Tell the assistant where you are").is_visible()
    toc = page.locator(".md-sidebar--secondary a[href='#how-to-get-a-useful-agenda']")
    assert toc.count() == 1 and not toc.is_visible()
    templates.first.click()
    page.wait_for_url("**/sessions/first-meeting/")
    assert page.locator("#timed-agenda-60-minutes").is_visible()


@pytest.mark.parametrize("how", ["form", "link"])
def test_static_search_opens_with_the_query_and_visible_results(page, site_url: str,
                                                                how: str) -> None:
    page.goto(site_url + "assistant/ask/")
    notice = page.locator(".ma-static")
    notice.wait_for()
    notice.get_by_label("Search the guide for").fill("building trust")
    if how == "form":
        notice.get_by_label("Search the guide for").press("Enter")
    else:
        notice.get_by_role("link", name="the search box at the top of the page").click()
    first = page.locator(".md-search-result__item").first
    first.wait_for()
    assert first.is_visible()
    assert page.input_value(".md-search__input") == "building trust"
    assert active(page, "el => el.className").startswith("md-search__input")
    assert "Building trust" in page.locator(".md-search-result__list").inner_text()
    assert page.errors == [] and page.outside_requests == []
