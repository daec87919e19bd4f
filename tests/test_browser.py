"""A real headless Chromium (Debian's, driven by Playwright) reading the built site."""

from __future__ import annotations

import functools
import os
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("MENTOR_ASSISTANT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def site_url(built_site: Path) -> Iterator[str]:
    handler = functools.partial(QuietHandler, directory=str(built_site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        message = f"Chromium not found at {CHROMIUM}: apt-get install chromium"
        if os.environ.get("MENTOR_ASSISTANT_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, site_url: str):
    context = browser.new_context()
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.errors = []  # type: ignore[attr-defined]
    page.outside_requests = []  # type: ignore[attr-defined]
    page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("request", lambda r: _record_outside(page, r.url))
    yield page
    context.close()


def _record_outside(page, url: str) -> None:
    host = urlsplit(url).hostname
    if url.startswith(("http:", "https:")) and host != "127.0.0.1":
        page.outside_requests.append(url)


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
    search.fill("neurodiversity")
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
