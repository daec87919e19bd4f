"""Headings, anchors and links of a Markdown body, the way MkDocs sees them.

Anchors must match what MkDocs' table of contents generates, so that a citation
``page/#anchor`` lands on the right section of the built site.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from markdown.extensions.toc import slugify

HEADING = re.compile(r"^(?P<hashes>#{1,6})(?!#)\s*(?P<text>.*?)\s*#*\s*$")
CUSTOM_ID = re.compile(r"\s*\{[^}]*#(?P<id>[\w-]+)[^}]*\}\s*$")
ATTR_LIST = re.compile(r"\s*\{:?[^}]*\}\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")
INLINE_LINK = re.compile(
    r"!?\[(?P<text>(?:[^\[\]]|\[[^\]]*\])*)\]"
    r"\((?P<target><[^>]*>|[^)\s]+)(?:\s+\"[^\"]*\")?\)"
)
REFERENCE_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*(?P<target>\S+)")
CODE_SPAN = re.compile(r"`+[^`]*`+")
HTML_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Heading:
    """One heading: its level, plain text, anchor and file line."""

    level: int
    text: str
    anchor: str
    line: int


@dataclass(frozen=True)
class Link:
    """One link found in a body, with the file line it stands on."""

    target: str
    line: int


NumberedLines = Iterable[tuple[int, str]]


def number_lines(body: str, first_line: int = 1) -> list[tuple[int, str]]:
    """Pair each line of ``body`` with its line number in the file."""
    return [(first_line + offset, text) for offset, text in enumerate(body.splitlines())]


def outside_code(lines: NumberedLines) -> Iterator[tuple[int, str]]:
    """Keep the ``(line, text)`` pairs that are not inside fenced code blocks."""
    in_fence = None
    for line_no, text in lines:
        fence = FENCE.match(text)
        if fence:
            marker = fence.group(1)
            if in_fence is None:
                in_fence = marker
            elif marker == in_fence:
                in_fence = None
            continue
        if in_fence is None:
            yield line_no, text


def plain_heading_text(raw: str) -> str:
    """Strip inline Markdown and HTML from heading source, as the rendered text reads."""
    text = ATTR_LIST.sub("", raw)
    text = INLINE_LINK.sub(lambda m: m.group("text"), text)
    text = HTML_TAG.sub("", text)
    text = re.sub(r"(\*\*|__|\*|_|`)(.+?)\1", r"\2", text)
    return html.unescape(text).strip()


def extract_headings(lines: NumberedLines) -> list[Heading]:
    """All ATX headings among ``lines`` with MkDocs-compatible unique anchors."""
    headings: list[Heading] = []
    seen: set[str] = set()
    for line_no, text in outside_code(lines):
        match = HEADING.match(text)
        if not match:
            continue
        raw = match.group("text")
        custom = CUSTOM_ID.search(raw)
        plain = plain_heading_text(raw)
        anchor = custom.group("id") if custom else _unique(slugify(plain, "-"), seen)
        seen.add(anchor)
        headings.append(Heading(len(match.group("hashes")), plain, anchor, line_no))
    return headings


def _unique(anchor: str, seen: set[str]) -> str:
    """Python-Markdown's toc numbering: a repeated anchor gets ``_1``, ``_2``..."""
    if anchor not in seen:
        return anchor
    counter = 1
    while f"{anchor}_{counter}" in seen:
        counter += 1
    return f"{anchor}_{counter}"


def extract_links(lines: NumberedLines) -> list[Link]:
    """Inline and reference-style link targets among ``lines``, outside code."""
    links: list[Link] = []
    for line_no, text in outside_code(lines):
        text = CODE_SPAN.sub("", text)
        for match in INLINE_LINK.finditer(text):
            links.append(Link(match.group("target").strip("<>"), line_no))
        reference = REFERENCE_DEF.match(text)
        if reference:
            links.append(Link(reference.group("target"), line_no))
    return links
