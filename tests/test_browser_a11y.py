"""Accessibility in a real Chromium: axe-core on every page in both schemes, phone widths.

axe-core comes from the ``axe-playwright-python`` package (its bundled axe.min.js),
injected into each page; any serious or critical finding fails.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_support import SCHEMES, axe_findings, new_scheme_context, site_pages

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
SCHEME_ATTRIBUTE = {"light": "default", "dark": "slate"}

# Elements that stick out of the screen sideways, and whether a keyboard can scroll them.
OVERFLOW_JS = """() => {
    const width = document.documentElement.clientWidth;
    const focusable = 'a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])';
    const scroller = node => {
        for (let a = node.parentElement; a && a !== document.body; a = a.parentElement) {
            const style = getComputedStyle(a);
            const scrolls = a.scrollWidth > a.clientWidth + 1;
            if (/(auto|scroll)/.test(style.overflowX) && scrolls) return a;
        }
        return null;
    };
    const problems = [];
    for (const node of document.querySelectorAll('.md-content *, .md-header *')) {
        const box = node.getBoundingClientRect();
        if (!box.width || !box.height || (box.right <= width + 1 && box.left >= -1)) continue;
        if (node.closest('.md-search, .md-sidebar, .md-header__topic, .md-dialog')) continue;
        const region = scroller(node);
        const name = node.tagName.toLowerCase() + (node.id ? '#' + node.id : '') +
            (node.className && typeof node.className === 'string' ? '.' + node.className : '');
        if (!region) problems.push(name + ' sticks out ' + Math.round(box.right - width) + 'px');
        else if (!(region.tabIndex >= 0 || region.querySelector(focusable)))
            problems.push(name + ' scrolls in a region no keyboard can reach');
    }
    const wide = document.documentElement.scrollWidth > width + 1;
    const page = wide ? ['the page scrolls sideways'] : [];
    return [...new Set(page.concat(problems))];
}"""


def sweep(browser, base: str, urls: list[str], scheme: str) -> list[str]:
    context = new_scheme_context(browser, scheme)
    page = context.new_page()
    findings = []
    try:
        for url in urls:
            page.goto(base + url)
            if url.startswith("assistant/"):
                page.locator(".ma-static").wait_for()
            assert page.locator("body").get_attribute("data-md-color-scheme") == \
                SCHEME_ATTRIBUTE[scheme]
            findings += axe_findings(page, url, scheme)
    finally:
        context.close()
    return [str(finding) for finding in findings]


@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_page_has_no_serious_axe_findings(browser, site_url: str, built_site: Path,
                                                scheme: str) -> None:
    urls = site_pages(built_site)
    assert len(urls) >= 50 and "help/when-to-escalate/" in urls and "404.html" in urls
    findings = sweep(browser, site_url, urls, scheme)
    assert findings == [], f"{len(findings)} serious or critical findings:\n" + "\n".join(findings)


def test_the_sweep_catches_a_low_contrast_link(browser, site_url: str) -> None:
    """The check itself works: a link made pale on purpose is reported."""
    context = new_scheme_context(browser, "light")
    page = context.new_page()
    page.goto(site_url + "mentors/building-trust/")
    page.add_style_tag(content=".md-typeset p a { color: #bbbbbb !important; }")
    rules = {finding.rule for finding in axe_findings(page, "building-trust", "light")}
    context.close()
    assert "color-contrast" in rules


@pytest.mark.parametrize("scheme", SCHEMES)
def test_assistant_pages_in_use_have_no_serious_axe_findings(browser, live_url: str,
                                                            scheme: str) -> None:
    context = new_scheme_context(browser, scheme)
    page = context.new_page()
    page.goto(live_url + "assistant/ask/")
    page.fill("#ma-question", "My mentee told me she has been self-harming. What should I do?")
    page.locator("#ma-question").press("Enter")
    page.locator(".ma-turn-actions button").wait_for()
    page.fill("#ma-question", "How do I give feedback that lands?")
    page.get_by_role("button", name="Ask", exact=True).hover()  # the hovered button too
    findings = axe_findings(page, "ask, after an answer", scheme)
    page.goto(live_url + "assistant/plan/")
    page.select_option("#ma-type", "checkin")
    page.fill("#ma-focus", "preparing a funding pitch")
    page.get_by_role("button", name="Plan the session").click()
    page.locator(".ma-agenda-sheet h2").wait_for()
    page.get_by_role("button", name="Plan the session").hover()
    findings += axe_findings(page, "plan, with an agenda", scheme)
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").press_sequentially("trust", delay=20)
    page.locator(".md-search-result__item").first.wait_for()
    findings += axe_findings(page, "search, with results", scheme)
    context.close()
    assert findings == [], "\n".join(map(str, findings))


def test_nothing_sticks_out_sideways_on_a_phone(browser, site_url: str, built_site: Path) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    problems = {}
    for url in site_pages(built_site):
        page.goto(site_url + url)
        found = page.evaluate(OVERFLOW_JS)
        if found:
            problems[url] = found
    context.close()
    assert problems == {}


def test_the_phone_check_catches_an_unreachable_wide_table(browser, site_url: str) -> None:
    """The check itself works: a wide table whose scroll box cannot be focused is reported."""
    page = browser.new_context(viewport=PHONE).new_page()
    page.goto(site_url + "sessions/")
    page.evaluate("""() => {
        const box = document.createElement('div');
        box.style.overflowX = 'auto';
        box.innerHTML = '<table><tr><td style="min-width:900px">wide</td></tr></table>';
        document.querySelector('.md-content__inner').appendChild(box);
    }""")
    assert any("no keyboard can reach" in problem for problem in page.evaluate(OVERFLOW_JS))
    page.context.close()


def test_a_wide_table_scrolls_in_a_region_reachable_by_keyboard(browser, site_url: str) -> None:
    page = browser.new_context(viewport=PHONE).new_page()
    page.goto(site_url + "sessions/")
    page.evaluate("""() => {
        const table = document.createElement('table');
        table.innerHTML = '<tr><th>Wide</th></tr><tr><td style="min-width:900px">cell</td></tr>';
        const heading = document.createElement('h2');
        heading.textContent = 'A wide table';
        document.querySelector('.md-content__inner').append(heading, table);
        document.dispatchEvent(new CustomEvent('ma:content'));
    }""")
    region = page.locator("[data-ma-scroll='1']").last
    assert region.get_attribute("tabindex") == "0" and region.get_attribute("role") == "region"
    assert region.get_attribute("aria-label") == "A wide table: table, scrolls sideways"
    region.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("document.activeElement.scrollLeft > 0")
    region.locator("td").evaluate("td => td.style.minWidth = '100px'")
    page.set_viewport_size({"width": 1280, "height": 800})  # a resize checks again
    page.wait_for_function("document.querySelectorAll('[data-ma-scroll]').length === 0")
    page.context.close()


CONTACT_CELLS_JS = """() => {
    const table = [...document.querySelectorAll('article table')].find(t => {
        const heads = [...t.querySelectorAll('th')].map(th => th.textContent.trim());
        return ['Situation', 'Who', 'How'].every(h => heads.includes(h));
    });
    if (!table) return null;
    const article = document.querySelector('.md-content__inner').getBoundingClientRect();
    const right = Math.min(article.right, document.documentElement.clientWidth) + 1;
    const left = Math.max(article.left, 0) - 1;
    return [...table.querySelectorAll('tbody td')].map(td => {
        const box = td.getBoundingClientRect();
        return {text: td.textContent.trim(), label: td.dataset.label || '',
                shown: box.width > 0 && box.height > 0 && box.left >= left && box.right <= right};
    });
}"""


@pytest.mark.parametrize("width", [1280, 390])
def test_every_column_of_the_contacts_table_is_on_screen(browser, site_url: str,
                                                         width: int) -> None:
    page = browser.new_context(viewport={"width": width, "height": 900}).new_page()
    page.goto(site_url + "help/when-to-escalate/")
    cells = page.evaluate(CONTACT_CELLS_JS)
    page.context.close()
    assert cells, "no Situation | Who | How table on the escalation page"
    assert {cell["label"] for cell in cells} == {"Situation", "Who", "How"}
    hidden = [cell["text"] for cell in cells if not cell["shown"]]
    assert hidden == []


def test_skip_link_lands_on_the_title_before_the_introduction(page, site_url: str) -> None:
    page.goto(site_url + "mentors/building-trust/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('md-skip')")
    page.keyboard.press("Enter")
    page.wait_for_url("**#__title")
    top = page.locator("article h1").evaluate("el => el.getBoundingClientRect().top")
    intro = page.locator("article h1 + p").evaluate("el => el.getBoundingClientRect().top")
    assert 0 <= top < intro < page.viewport_size["height"]  # the introduction is in view
    page.keyboard.press("Tab")  # the next stop is in the page, after the title
    after_title = page.evaluate("""() => {
        const title = document.querySelector('article h1');
        const here = document.activeElement;
        return !!here.closest('article') &&
            !!(title.compareDocumentPosition(here) & Node.DOCUMENT_POSITION_FOLLOWING);
    }""")
    assert after_title
