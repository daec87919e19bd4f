"""A real headless Chromium (Debian's, driven by Playwright) reading the built site."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_reach_a_mentor_page_through_the_navigation(page, site_url: str) -> None:
    page.goto(site_url)
    page.locator(".md-tabs").get_by_role("link", name="For mentors").click()
    page.locator(".md-sidebar--primary").get_by_role("link", name="Building trust").click()
    page.wait_for_url("**/mentors/building-trust/")
    assert page.locator("article h1").inner_text() == "Building trust"
    assert page.locator("#repairing-a-breach").is_visible()
    assert page.errors == [] and page.outside_requests == []


def test_find_a_page_with_the_search_box(page, site_url: str) -> None:
    page.goto(site_url)
    search = page.locator("input.md-search__input")
    search.click()
    # As a person would: wait until the search index has loaded, then type.
    page.wait_for_function("(document.querySelector('.md-search-result__meta') || {})"
                           ".textContent === 'Type to start searching'")
    search.press_sequentially("neurodiversity", delay=20)
    first = page.locator(".md-search-result__item a").first
    first.wait_for(timeout=10_000)
    first.click()
    page.wait_for_url("**/mentors/tailoring-to-the-mentee/**")
    assert page.locator("article h1").inner_text() == "Tailoring to the mentee"
    assert page.errors == [] and page.outside_requests == []


def test_switch_to_the_dark_palette(page, site_url: str) -> None:
    page.emulate_media(color_scheme="light")
    page.goto(site_url)
    body = page.locator("body")
    assert body.get_attribute("data-md-color-scheme") == "default"
    page.locator("label[title='Switch to dark mode']").first.click()
    assert body.get_attribute("data-md-color-scheme") == "slate"
    page.reload()  # the choice is remembered
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    assert page.errors == []


def test_session_page_shows_agenda_and_prints_cleanly(page, site_url: str) -> None:
    page.goto(site_url + "sessions/regular-check-in/")
    assert page.locator("#timed-agenda-45-minutes").is_visible()
    assert page.locator("article table").first.is_visible()
    page.emulate_media(media="print")
    assert not page.locator(".md-header").is_visible()
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert page.locator("article h1").is_visible()
    assert page.errors == [] and page.outside_requests == []


def test_escalation_is_one_click_from_home(page, site_url: str) -> None:
    page.goto(site_url)
    page.locator("article").get_by_role("link", name="When to escalate").first.click()
    page.wait_for_url("**/help/when-to-escalate/")
    assert page.locator("#who-to-contact").is_visible()
