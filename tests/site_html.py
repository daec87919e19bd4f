"""Small readers for the built site's HTML, on the standard library's parser."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.heading_ids: list[str] = []
        self.links: list[str] = []
        self.assets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag in ("h2", "h3", "h4", "h5", "h6") and attributes.get("id"):
            self.heading_ids.append(attributes["id"] or "")
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"] or "")
        if tag in ("script", "img", "iframe", "source") and attributes.get("src"):
            self.assets.append(attributes["src"] or "")
        if tag == "link" and attributes.get("href"):
            self.assets.append(attributes["href"] or "")


class _TableReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("th", "td"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("th", "td") and self._cell is not None and self.tables:
            self.tables[-1][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def read_tables(path: Path) -> list[list[list[str]]]:
    """Every table of an HTML page, as rows of cell texts (the heading row first)."""
    reader = _TableReader()
    reader.feed(path.read_text(encoding="utf-8"))
    return reader.tables


def read_html(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def page_file(site_dir: Path, url: str) -> Path:
    """The HTML file behind a site-relative URL such as ``mentors/building-trust/``."""
    path = urlsplit(url).path
    target = site_dir / path
    return target / "index.html" if path.endswith("/") or path == "" else target


def internal_targets(site_dir: Path, url: str) -> set[str]:
    """Site-relative URLs of the pages linked from the page at ``url``."""
    targets = set()
    for href in read_html(page_file(site_dir, url)).links:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path:
            continue
        resolved = urlsplit(urljoin("http://site/" + url, parts.path)).path.lstrip("/")
        if resolved.endswith("/") or resolved == "":
            targets.add(resolved)
    return targets
