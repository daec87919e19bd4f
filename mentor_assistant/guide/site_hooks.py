"""MkDocs hooks for an accessible, phone-friendly site.

Listed under ``hooks:`` in ``mkdocs.yml``. They fix what the Material theme leaves
out, on the generated HTML rather than by hiding anything:

- task-list checkboxes get the item's text as their accessible name;
- every table cell knows its column's heading (``data-label``), so tables of prose
  can be laid out as stacked rows on a phone; timed agendas keep their time column
  on one line;
- the search dialog gets a name;
- "Skip to content" leads to the page's title, not past the opening paragraphs
  to the first section heading;
- without a site address, ``sitemap.xml`` cannot list absolute page addresses: the
  empty file MkDocs writes is removed and the build says so;
- "Edit this page" links appear only when a repository address is configured;
- the theme's inline scripts move to files under ``assets/javascripts/inline/``, so
  the server's Content-Security-Policy can refuse every inline script.

The session agendas and the contacts table are not made here but by
`mentor_assistant.guide.markdown_extension`, which Zensical runs too.
"""

from __future__ import annotations

import hashlib
import html
import logging
import re
from pathlib import Path
from typing import Any

log = logging.getLogger("mkdocs.plugins.mentor_assistant.site")

SITEMAP_NOTICE = ("Notice: sitemap.xml was not written, because the site has no address. "
                  "Set GUIDE_SITE_URL to the address where the site is published "
                  "(for example https://mentoring.example.org/) and build again.")
STACK_MIN_COLUMNS = 3
STACK_MIN_CELL_CHARS = 32

_TABLE = re.compile(r"<table>(.*?)</table>", re.S)
_HEADER_CELL = re.compile(r"<th\b[^>]*>(.*?)</th>", re.S)
_ROW = re.compile(r"<tr>(.*?)</tr>", re.S)
_CELL = re.compile(r"<td\b([^>]*)>(.*?)</td>", re.S)
_TAG = re.compile(r"<[^>]+>")
_SKIP_LINK = re.compile(r'<a href="#[^"]*" class="md-skip">')
_PLAIN_TITLE = re.compile(r"<h1>(?=.*?</h1>)")
TITLE_ID = "__title"
INLINE_SCRIPTS = "assets/javascripts/inline"
_INLINE_SCRIPT = re.compile(r'<script(?P<attrs>(?:\s+type="text/javascript")?)>'
                            r'(?P<code>.*?)</script>', re.S)
_TASK_ITEM = re.compile(
    r'(<li class="task-list-item">\s*<label class="task-list-control">\s*<input type="checkbox")'
    r"([^>]*>\s*<span class=\"task-list-indicator\"></span>\s*</label>)"
    r"(.*?)(?=<ul|<ol|</li>)", re.S)


def plain_text(fragment: str) -> str:
    """The text of an HTML fragment, tags removed and whitespace collapsed."""
    return " ".join(html.unescape(_TAG.sub("", fragment)).split())


def label_task_checkboxes(content: str) -> str:
    """Give each task-list checkbox its item's text as an accessible name."""
    def label(match: re.Match[str]) -> str:
        name = html.escape(plain_text(match.group(3)), quote=True) or "Item"
        return f'{match.group(1)} aria-label="{name}"{match.group(2)}{match.group(3)}'

    return _TASK_ITEM.sub(label, content)


def prepare_tables(content: str) -> str:
    """Label every cell with its column heading and mark how each table should adapt."""
    return _TABLE.sub(_prepare_table, content)


def _prepare_table(match: re.Match[str]) -> str:
    body = match.group(1)
    headings = [plain_text(cell) for cell in _HEADER_CELL.findall(body)]
    if not headings:
        return match.group(0)
    longest = 0

    def label_row(row: re.Match[str]) -> str:
        nonlocal longest
        cells = iter(headings)

        def label_cell(cell: re.Match[str]) -> str:
            nonlocal longest
            longest = max(longest, len(plain_text(cell.group(2))))
            heading = html.escape(next(cells, ""), quote=True)
            return f'<td data-label="{heading}"{cell.group(1)}>{cell.group(2)}</td>'

        return "<tr>" + _CELL.sub(label_cell, row.group(1)) + "</tr>"

    table = "<table>" + _ROW.sub(label_row, body) + "</table>"
    kind = _table_kind(headings, longest)
    return f'<div class="{kind}">{table}</div>' if kind else table


def _table_kind(headings: list[str], longest_cell: int) -> str:
    if headings[0].lower() == "time":
        return "ma-timed"
    if len(headings) >= STACK_MIN_COLUMNS and longest_cell >= STACK_MIN_CELL_CHARS:
        return "ma-stack"
    return ""


def name_search_dialog(output: str) -> str:
    """Name Material's search dialog, which the theme leaves unnamed."""
    return output.replace('data-md-component="search" role="dialog">',
                          'data-md-component="search" role="dialog" aria-label="Search">', 1)


def skip_to_title(output: str) -> str:
    """Point the skip link at the page's title when the theme wrote it without an id."""
    if not _SKIP_LINK.search(output) or not _PLAIN_TITLE.search(output):
        return output
    output = _PLAIN_TITLE.sub(f'<h1 id="{TITLE_ID}">', output, count=1)
    return _SKIP_LINK.sub(f'<a href="#{TITLE_ID}" class="md-skip">', output, count=1)


def remove_empty_sitemap(site_dir: Path) -> bool:
    """Remove the address-less sitemap files; True when there were some."""
    removed = False
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        path = site_dir / name
        if path.exists():
            path.unlink()
            removed = True
    return removed


def on_config(config: Any) -> Any:
    """Show "edit this page" links only when a repository address is configured."""
    if not config.get("repo_url"):
        config["repo_url"] = None
        config["edit_uri"] = None
    return config


def externalise_scripts(output: str, base: str, site_dir: Path) -> str:
    """Move each inline script to a file named by its content; ``base`` leads to the root."""
    def move(match: re.Match[str]) -> str:
        code = match.group("code")
        name = f"{INLINE_SCRIPTS}/{hashlib.sha256(code.encode()).hexdigest()[:16]}.js"
        target = site_dir / name
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(code, encoding="utf-8")
        return f'<script src="{base}{name}"></script>'

    return _INLINE_SCRIPT.sub(move, output)


def _root_from(page: Any) -> str:
    depth = page.url.rstrip("/").count("/") + 1 if page.url.strip("/") else 0
    if page.url and not page.url.endswith("/"):
        depth -= 1
    return "../" * depth


def on_page_content(html_content: str, page: Any, config: Any, files: Any) -> str:
    return prepare_tables(label_task_checkboxes(html_content))


def on_post_page(output: str, page: Any, config: Any) -> str:
    output = skip_to_title(name_search_dialog(output))
    return externalise_scripts(output, _root_from(page), Path(config["site_dir"]))


def on_post_build(config: Any) -> None:
    if not config.get("site_url"):
        remove_empty_sitemap(Path(config["site_dir"]))
        log.info(SITEMAP_NOTICE)


def on_post_template(output: str, template_name: str, config: Any) -> str:
    if template_name != "404.html":
        return output
    return externalise_scripts(name_search_dialog(output), "/", Path(config["site_dir"]))
