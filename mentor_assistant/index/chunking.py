"""Split pages into heading-aware chunks with stable ids and citation URLs.

Pages are split on ``##`` and ``###`` headings, keeping each section's Markdown
as written. A section's blocks (`blocks.split_blocks`: lists, tables, quotes,
admonitions, paragraphs) are packed whole into chunks of a bounded size; only a
block longer than that on its own is cut (langchain-text-splitters'
`RecursiveCharacterTextSplitter`, at line breaks first). Each chunk knows its page,
heading path, the ``url#anchor`` MkDocs builds for that heading, and the kinds of
its blocks.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from ..guide.blocks import Block, split_blocks
from ..guide.content import Page, page_url
from ..guide.headings import HEADING, Heading, number_lines, outside_code, plain_heading_text

CHUNKER_VERSION = "3"  # 3: whole blocks of Markdown, each block's kind recorded
FOR_ROLE = re.compile(r"^For (?:(mentors)|(mentees)|(program(?:me)? owners))$", re.IGNORECASE)
CHUNK_CHARS = 1000
CHUNK_OVERLAP = 120


@dataclass(frozen=True)
class Chunk:
    """One retrievable piece of a page."""

    id: str
    slot: str
    path: str
    title: str
    heading_path: tuple[str, ...]
    anchor: str
    url: str
    audience: tuple[str, ...]
    tags: tuple[str, ...]
    text: str
    kinds: tuple[str, ...] = ()

    @property
    def heading(self) -> str:
        """The section heading (the page title for a page's opening text)."""
        return self.heading_path[-1] if self.heading_path else self.title

    @property
    def embed_text(self) -> str:
        """What gets embedded: where the chunk sits, then what it says."""
        return " > ".join((self.title, *self.heading_path)) + "\n" + self.text


def split_sections(body: str) -> list[tuple[tuple[str, ...], str]]:
    """``(heading path, Markdown)`` for the opening text and each ``##``/``###`` section."""
    sections: list[tuple[tuple[str, ...], list[str]]] = [((), [])]
    code = {number for number, _ in outside_code(number_lines(body))}
    for number, line in number_lines(body):
        match = HEADING.match(line) if number in code else None
        if match and len(match["hashes"]) in (2, 3):
            text = plain_heading_text(match["text"])
            parent = sections[-1][0][:1] if len(match["hashes"]) == 3 else ()
            sections.append(((*parent, text), []))
        else:
            sections[-1][1].append(line)
    return [(path, "\n".join(lines).strip("\n")) for path, lines in sections
            if "\n".join(lines).strip()]


def chunk_page(page: Page, body: str, use_directory_urls: bool = True,
               site_url: str = "") -> list[Chunk]:
    """Chunks of one page; ``body`` is the page body with any agenda rendered in."""
    base_url = page_url(page.path, use_directory_urls, site_url)
    anchors = _AnchorFinder(page.headings)
    chunks: list[Chunk] = []
    seen_slots: dict[str, int] = {}
    for heading_path, markdown in split_sections(body):
        anchor = anchors.find(heading_path)
        audience = section_audience(heading_path, page.audience)
        blocks = split_blocks(markdown, heading_path, page.path)
        for text, kinds in pack_blocks(blocks):
            slot_key = f"{page.path}#{anchor}"
            ordinal = seen_slots.get(slot_key, 0)
            seen_slots[slot_key] = ordinal + 1
            url = f"{base_url}#{anchor}" if anchor else base_url
            chunks.append(Chunk(
                id=_chunk_id(page, url, heading_path, text, audience), slot=f"{slot_key}/{ordinal}",
                path=page.path, title=page.title, heading_path=heading_path, anchor=anchor,
                url=url, audience=audience, tags=page.tags, text=text, kinds=kinds,
            ))
    return _dedupe_ids(chunks)


def section_audience(heading_path: tuple[str, ...], audience: tuple[str, ...]
                     ) -> tuple[str, ...]:
    """The page's audience, narrowed to one role under a heading such as "For mentees"."""
    for heading in heading_path:
        match = FOR_ROLE.match(heading)
        if match:
            role = ("mentor", "mentee", "program_owner")[match.lastindex - 1]
            return (role,) if role in audience else audience
    return audience


def pack_blocks(blocks: list[Block], limit: int = CHUNK_CHARS
                ) -> list[tuple[str, tuple[str, ...]]]:
    """Whole blocks packed in order into pieces of at most ``limit`` characters."""
    pieces: list[tuple[str, tuple[str, ...]]] = []
    texts: list[str] = []
    kinds: list[str] = []
    for block in blocks:
        for part in _fit(block.markdown, limit):
            if texts and len("\n\n".join([*texts, part])) > limit:
                pieces.append(("\n\n".join(texts), tuple(kinds)))
                texts, kinds = [], []
            texts.append(part)
            kinds.append(block.kind)
    if texts:
        pieces.append(("\n\n".join(texts), tuple(kinds)))
    return pieces


def _fit(text: str, limit: int) -> list[str]:
    """A block as it is, or cut at line breaks when it is longer than ``limit`` alone."""
    if len(text) <= limit:
        return [text]
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    sizer = RecursiveCharacterTextSplitter(chunk_size=limit, chunk_overlap=CHUNK_OVERLAP)
    return [part.strip() for part in sizer.split_text(text) if part.strip()]


class _AnchorFinder:
    """Match splitter sections to page headings in order, so repeated headings resolve."""

    def __init__(self, headings: tuple[Heading, ...]) -> None:
        self._headings = [h for h in headings if h.level in (2, 3)]
        self._position = 0

    def find(self, heading_path: tuple[str, ...]) -> str:
        if not heading_path:
            return ""
        level, text = len(heading_path) + 1, heading_path[-1]
        for index in range(self._position, len(self._headings)):
            heading = self._headings[index]
            if heading.level == level and heading.text == text:
                self._position = index
                return heading.anchor
        return ""


def _chunk_id(page: Page, url: str, heading_path: tuple[str, ...], text: str,
              audience: tuple[str, ...]) -> str:
    """A content hash over everything stored with the chunk, so equal ids mean equal chunks."""
    parts = (CHUNKER_VERSION, page.path, page.title, ",".join(audience),
             ",".join(page.tags), url, " > ".join(heading_path), text)
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:24]


def _dedupe_ids(chunks: list[Chunk]) -> list[Chunk]:
    """Identical text twice in one section gets distinct ids."""
    from dataclasses import replace

    seen: dict[str, int] = {}
    unique = []
    for chunk in chunks:
        count = seen.get(chunk.id, 0)
        seen[chunk.id] = count + 1
        unique.append(chunk if count == 0 else replace(chunk, id=f"{chunk.id}-{count}"))
    return unique
