"""Split pages into heading-aware chunks with stable ids and citation URLs.

Pages are split on ``##`` and ``###`` headings first (langchain-text-splitters'
`MarkdownHeaderTextSplitter`), then long sections are cut to a bounded size
(`RecursiveCharacterTextSplitter`). Each chunk knows its page, heading path and
the ``url#anchor`` MkDocs builds for that heading.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from .content import Page, page_url
from .headings import Heading, plain_heading_text

CHUNKER_VERSION = "2"  # 2: quotable sentences are embedded at index time
CHUNK_CHARS = 1000
CHUNK_OVERLAP = 120
SPLIT_ON = [("##", "h2"), ("###", "h3")]


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

    @property
    def heading(self) -> str:
        """The section heading (the page title for a page's opening text)."""
        return self.heading_path[-1] if self.heading_path else self.title

    @property
    def embed_text(self) -> str:
        """What gets embedded: where the chunk sits, then what it says."""
        return " > ".join((self.title, *self.heading_path)) + "\n" + self.text


def chunk_page(page: Page, body: str, use_directory_urls: bool = True,
               site_url: str = "") -> list[Chunk]:
    """Chunks of one page; ``body`` is the page body with any agenda rendered in."""
    from langchain_text_splitters import MarkdownHeaderTextSplitter, RecursiveCharacterTextSplitter

    sections = MarkdownHeaderTextSplitter(SPLIT_ON, strip_headers=True).split_text(body)
    sizer = RecursiveCharacterTextSplitter(chunk_size=CHUNK_CHARS, chunk_overlap=CHUNK_OVERLAP)
    base_url = page_url(page.path, use_directory_urls, site_url)
    anchors = _AnchorFinder(page.headings)
    chunks: list[Chunk] = []
    seen_slots: dict[str, int] = {}
    for section in sections:
        heading_path = tuple(plain_heading_text(section.metadata[key])
                             for _, key in SPLIT_ON if key in section.metadata)
        anchor = anchors.find(heading_path)
        for text in sizer.split_text(section.page_content):
            if not text.strip():
                continue
            slot_key = f"{page.path}#{anchor}"
            ordinal = seen_slots.get(slot_key, 0)
            seen_slots[slot_key] = ordinal + 1
            url = f"{base_url}#{anchor}" if anchor else base_url
            chunks.append(Chunk(
                id=_chunk_id(page, url, heading_path, text), slot=f"{slot_key}/{ordinal}",
                path=page.path, title=page.title, heading_path=heading_path, anchor=anchor,
                url=url,
                audience=page.audience, tags=page.tags, text=text.strip(),
            ))
    return _dedupe_ids(chunks)


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


def _chunk_id(page: Page, url: str, heading_path: tuple[str, ...], text: str) -> str:
    """A content hash over everything stored with the chunk, so equal ids mean equal chunks."""
    parts = (CHUNKER_VERSION, page.path, page.title, ",".join(page.audience),
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
