"""The site hooks: accessible names, table labels, and the sitemap notice."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, run_mkdocs_build

from mentor_assistant.cli import main
from mentor_assistant.guide.site_hooks import (
    SITEMAP_NOTICE,
    label_task_checkboxes,
    name_search_dialog,
    prepare_tables,
    skip_to_title,
)

SITE_HOOKS = ROOT / "mentor_assistant" / "guide" / "site_hooks.py"

TASKS = ('<ul class="task-list">\n<li class="task-list-item"><label class="task-list-control">'
         '<input type="checkbox" disabled/><span class="task-list-indicator"></span></label> '
         'Agree <em>how often</em> to meet &amp; where</li>\n'
         '<li class="task-list-item"><label class="task-list-control">'
         '<input type="checkbox" disabled checked/><span class="task-list-indicator"></span>'
         '</label> Set goals\n<ul>\n<li>first one</li>\n</ul>\n</li>\n</ul>')

CONTACTS = ("<table>\n<thead>\n<tr>\n<th>Situation</th>\n<th>Who</th>\n<th>How</th>\n</tr>\n"
            "</thead>\n<tbody>\n<tr>\n<td>Someone is in immediate danger, or seriously hurt</td>\n"
            "<td>Emergency services</td>\n<td>Call 112</td>\n</tr>\n</tbody>\n</table>")
AGENDA = ('<table>\n<thead>\n<tr>\n<th>Time</th>\n<th>Item</th>\n<th style="text-align: right;">'
          'Minutes</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>0:00–0:05</td>\n<td>Check in</td>\n'
          '<td style="text-align: right;">5</td>\n</tr>\n</tbody>\n</table>')
SHORT = ("<table>\n<thead>\n<tr>\n<th>Term</th>\n<th>Meaning</th>\n</tr>\n</thead>\n<tbody>\n"
         "<tr>\n<td>SMART</td>\n<td>A goal format</td>\n</tr>\n</tbody>\n</table>")


def test_task_checkboxes_are_named_by_their_item() -> None:
    html = label_task_checkboxes(TASKS)
    assert 'aria-label="Agree how often to meet &amp; where" disabled/>' in html
    assert 'aria-label="Set goals" disabled checked/>' in html  # not the nested list
    assert html.count("aria-label=") == 2


def test_table_cells_carry_their_column_heading() -> None:
    html = prepare_tables(CONTACTS)
    assert html.startswith('<div class="ma-stack"><table>')
    for label in ("Situation", "Who", "How"):
        assert f'<td data-label="{label}">' in html
    agenda = prepare_tables(AGENDA)
    assert agenda.startswith('<div class="ma-timed"><table>')
    assert '<td data-label="Minutes" style="text-align: right;">5</td>' in agenda
    assert prepare_tables(SHORT).startswith("<table>")  # short tables stay as they are


def test_the_search_dialog_gets_a_name() -> None:
    page = '<div class="md-search" data-md-component="search" role="dialog">'
    assert 'role="dialog" aria-label="Search">' in name_search_dialog(page)


def test_skip_link_leads_to_an_untitled_heading_not_past_the_introduction() -> None:
    page = ('<a href="#first-section" class="md-skip">Skip</a><article><h1>Building trust</h1>'
            '<p>Intro</p><h2 id="first-section">First</h2></article>')
    fixed = skip_to_title(page)
    assert '<a href="#__title" class="md-skip">' in fixed
    assert '<h1 id="__title">Building trust</h1>' in fixed
    titled = '<a href="#a-guide" class="md-skip">Skip</a><h1 id="a-guide">A guide</h1>'
    assert skip_to_title(titled) == titled  # a title with its own id is already the target


@pytest.fixture
def guide_with_site_hooks(fixture_guide: Path) -> Path:
    with fixture_guide.open("a", encoding="utf-8") as handle:
        handle.write(f"hooks:\n  - {SITE_HOOKS}\n")
    return fixture_guide


def test_without_a_site_address_the_build_says_why_there_is_no_sitemap(
        guide_with_site_hooks: Path, tmp_path: Path) -> None:
    result = run_mkdocs_build(guide_with_site_hooks, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert SITEMAP_NOTICE in result.stderr
    assert not (tmp_path / "out" / "sitemap.xml").exists()
    assert not (tmp_path / "out" / "sitemap.xml.gz").exists()


def test_with_a_site_address_the_sitemap_lists_the_pages(guide_with_site_hooks: Path,
                                                         tmp_path: Path) -> None:
    text = guide_with_site_hooks.read_text(encoding="utf-8")
    guide_with_site_hooks.write_text("site_url: https://mentoring.example.org/\n" + text,
                                     encoding="utf-8")
    result = run_mkdocs_build(guide_with_site_hooks, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert "sitemap.xml" not in result.stderr
    sitemap = (tmp_path / "out" / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://mentoring.example.org/mentors/trust/</loc>" in sitemap


def test_build_command_shows_the_sitemap_notice(guide_with_site_hooks: Path) -> None:
    result = CliRunner().invoke(main, ["build", "--config", str(guide_with_site_hooks)])
    assert result.exit_code == 0, result.output
    assert "Note: sitemap.xml was not written, because the site has no address." in result.output
    assert "GUIDE_SITE_URL" in result.output


def test_the_real_guide_gets_labels_names_and_stacked_contacts(built_site: Path) -> None:
    escalation = (built_site / "help" / "when-to-escalate" / "index.html").read_text()
    assert '<div class="ma-stack"><table>' in escalation
    assert '<td data-label="Who">' in escalation and '<td data-label="How">' in escalation
    checklist = (built_site / "toolkit" / "launch-checklist" / "index.html").read_text()
    tasks = checklist.count('task-list-control"><input type="checkbox"')
    assert tasks > 10
    assert checklist.count('task-list-control"><input type="checkbox" aria-label="') == tasks
    for page in ("index.html", "404.html"):
        assert 'role="dialog" aria-label="Search"' in (built_site / page).read_text()
    trust = (built_site / "mentors" / "building-trust" / "index.html").read_text()
    assert '<a href="#__title" class="md-skip">' in trust
    assert '<h1 id="__title">Building trust</h1>' in trust


def test_the_built_site_has_no_inline_script(built_site: Path) -> None:
    import re

    pages = [*built_site.rglob("*.html")]
    assert len(pages) > 40
    for page in pages:
        html = page.read_text(encoding="utf-8")
        inline = [attrs for attrs, code in re.findall(
            r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", html, re.S)
            if code.strip() and 'type="application/json"' not in attrs]
        assert not inline, page
        for src in re.findall(r'<script src="([^"]+)"', html):
            if src.startswith(("http:", "https:")):
                continue
            target = built_site / src.lstrip("/") if src.startswith("/") else page.parent / src
            assert target.resolve().is_file(), (page, src)
