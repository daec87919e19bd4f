"""Passages of retrieved sections: each hit's whole section, its best block chosen by
the sentence vectors stored at index time.

A section whose own text is only a line or two ("Thanking your mentor", then
"### Things you can say") reads on into its subsections, each led in by its heading,
while the whole stays short enough to quote whole: its advice is in them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..index.sentences import candidate_sentences
from .passages import SHORT_BLOCK_WORDS, WHOLE_SECTION_WORDS, Passage, best_passage
from .retrieval import Hit, LoadedIndex


def section_passages(index: LoadedIndex, hits: Sequence[Hit], question: str, vector: Any,
                     named: Sequence[str] = ()) -> list[Passage | None]:
    """What each hit's section would quote (None: the section holds only filler)."""
    sections = [index.sections(hit.path, hit.anchor) if hit.anchor else [hit] for hit in hits]
    index.sentences.prefetch([chunk.id for chunks in sections for chunk in chunks])
    found = []
    for hit, chunks in zip(hits, sections, strict=True):
        headings = index.heading_path(hit.id)
        markdown = read_on(index, hit.path, headings, "\n\n".join(chunk.text for chunk in chunks))
        heading_path = tuple(filter(None, headings.split(" > ")))
        found.append(best_passage(markdown, heading_path, hit.path, question,
                                  block_scorer(index, chunks, vector), named))
    return found


def read_on(index: LoadedIndex, path: str, heading_path: str, markdown: str) -> str:
    """A section's Markdown, read on into its subsections when its own text is short
    (under ``SHORT_BLOCK_WORDS``), while the whole fits in ``WHOLE_SECTION_WORDS``."""
    words = len(markdown.split())
    if not heading_path or words >= SHORT_BLOCK_WORDS:
        return markdown
    parts = [markdown]
    for heading, text in subsections(index, path, heading_path):
        words += len(heading.split()) + len(text.split())
        if words > WHOLE_SECTION_WORDS:
            break
        parts.append(f"{heading}:\n\n{text}")
    return "\n\n".join(parts)


def subsections(index: LoadedIndex, path: str, heading_path: str) -> list[tuple[str, str]]:
    """The headings and text of a section's direct subsections, in page order."""
    found: dict[str, list[str]] = {}
    for meta, document in zip(index.metadatas, index.documents, strict=True):
        parent, _, heading = meta["heading_path"].rpartition(" > ")
        if meta["path"] == path and parent == heading_path:
            found.setdefault(heading, []).append(document)
    return [(heading, "\n\n".join(texts)) for heading, texts in found.items()]


def block_scorer(index: LoadedIndex, chunks: Sequence[Hit], vector: Any
                 ) -> Callable[[str], float]:
    """How close a block is to the question: its closest sentence's cosine similarity."""
    import numpy as np

    table: dict[str, Any] = {}
    for chunk in chunks:
        texts = candidate_sentences(chunk.text)
        stored = index.sentences.get(chunk.id)
        if stored is not None and len(stored) == len(texts):
            table.update(zip(texts, stored, strict=True))
    query = np.asarray(vector, dtype=np.float32)

    def score(text: str) -> float:
        found = [table[s] for s in candidate_sentences(text) if s in table]
        return max(float(np.dot(np.asarray(v, dtype=np.float32), query))
                   for v in found) if found else 0.0

    return score
