"""Passages: the part of a section a reader can act on, quoted whole as Markdown.

A short section is quoted whole. A longer one gives all its actionable blocks (advice
lists, phrases to say, checklists, steps, tables, an FAQ answer), each with its lead-in
line, when together they fit in ``PASSAGE_WORDS``; else its best one, with the list of
what to say beside a list of what to do when both fit; else its best paragraphs. Never
a sentence cut out of a list.
Intros, "See ..." pointers, worked scenarios and pitfalls are left out unless the
question asks for them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..guide.blocks import ACTIONABLE, Block, split_blocks

WHOLE_SECTION_WORDS = 180
PASSAGE_WORDS = 250
SHORT_BLOCK_WORDS = 60
MIN_PARAGRAPH_WORDS = 80
# what to do and what to say belong together: a section's list of either brings the other
COMPLEMENTS = {"advice": ("phrases",), "steps": ("phrases",), "phrases": ("advice", "steps")}
ASKS_FOR = {
    "pitfalls": re.compile(r"\b(go(es|ing)? wrong|mistakes?|avoid|pitfalls?|traps?|"
                           r"not to do|don'?t do)\b", re.IGNORECASE),
    "scenario": re.compile(r"\b(example|scenario|story|in practice|look like)\b", re.IGNORECASE),
}
LINK = re.compile(r"(?<!!)\[([^\]]+)\]\([^)]*\)")
ADMONITION = re.compile(r'^(!!!|\?\?\?\+?)\s*\w+(?:\s+"([^"]*)")?\s*$')
Scorer = Callable[[str], float]


@dataclass(frozen=True)
class Passage:
    """What an answer quotes from one section."""

    markdown: str
    kinds: tuple[str, ...]
    whole: bool

    @property
    def words(self) -> int:
        return len(self.markdown.split())


def wanted_kinds(question: str) -> frozenset[str]:
    """The filler kinds this question asks for ("what goes wrong with ...")."""
    return frozenset(kind for kind, pattern in ASKS_FOR.items() if pattern.search(question))


def best_passage(markdown: str, heading_path: Sequence[str], path: str, question: str,
                 score: Scorer, named: Sequence[str] = ()) -> Passage | None:
    """The passage to quote from one section, or None when it holds only filler.

    ``named`` are the guide's terms for the situation the question names in people's
    words ("left me on read": "no reply"); the one block that speaks of it joins the
    passage when it fits."""
    asked = wanted_kinds(question)
    blocks = [b for b in split_blocks(markdown, heading_path, path)
              if _quotable(b, asked, heading_path)]
    if not blocks:
        return None
    if sum(b.words for b in blocks) <= WHOLE_SECTION_WORDS:
        return _passage(blocks, whole=True)
    structured = [b for b in blocks if b.kind in ACTIONABLE | asked]
    chosen = _advice(structured, blocks, score) if structured else _best_paragraphs(blocks, score)
    return _passage(_in_order(_add_named(chosen, blocks, named), blocks), whole=False)


def _advice(structured: Sequence[Block], blocks: Sequence[Block], score: Scorer
            ) -> list[Block]:
    """All of a section's actionable blocks when they fit in ``PASSAGE_WORDS``; else the
    closest one, with its partner list (what to say beside what to do), or with one more
    block when it is short."""
    if len(structured) > 1 and sum(b.words for b in structured) <= PASSAGE_WORDS:
        return list(structured)
    best = max(structured, key=lambda b: score(_plain(b.markdown)))
    if best.words < SHORT_BLOCK_WORDS:
        return _add_best([best], blocks, score, limit=PASSAGE_WORDS, prefer=structured)
    return _add_complement(best, structured, score)


def _add_named(chosen: list[Block], blocks: Sequence[Block], named: Sequence[str]
               ) -> list[Block]:
    """The chosen blocks, and the one other block that names the question's situation,
    when none chosen does and it fits in ``PASSAGE_WORDS``. The section's opening block is
    not added: it describes the situation rather than saying what to do about it."""
    for term in named:
        pattern = re.compile(rf"\b{re.escape(term)}\b", re.IGNORECASE)
        if any(pattern.search(_plain(b.markdown)) for b in chosen):
            continue
        naming = [b for b in blocks[1:] if pattern.search(_plain(b.markdown))]
        total = sum(b.words for b in chosen)
        if len(naming) == 1 and total + naming[0].words <= PASSAGE_WORDS:
            return [*chosen, naming[0]]
    return chosen


def _quotable(block: Block, asked: frozenset[str], heading_path: Sequence[str]) -> bool:
    if block.kind == "agenda":
        return bool(heading_path)  # an agenda item's own section
    if block.kind in ("intro", "pointer"):
        return False
    return block.kind not in ("scenario", "pitfalls") or block.kind in asked


def _add_best(chosen: list[Block], blocks: Sequence[Block], score: Scorer,
              limit: int, prefer: Sequence[Block] = ()) -> list[Block]:
    """One more block that fits: another list of advice first ("What to do:" beside
    "Things you can say:"), else the closest paragraph."""
    rest = sorted((b for b in blocks if b not in chosen),
                  key=lambda b: (b not in prefer, -score(_plain(b.markdown))))
    total = sum(b.words for b in chosen)
    for block in rest:
        if total + block.words <= limit:
            return [*chosen, block]
    return chosen


def _add_complement(best: Block, structured: Sequence[Block], score: Scorer) -> list[Block]:
    """The closest block with the section's closest list of what to say when it is a list of
    what to do (or the other way round), when the two fit in ``PASSAGE_WORDS``."""
    partners = [b for b in structured if b.kind in COMPLEMENTS.get(best.kind, ())]
    if not partners:
        return [best]
    partner = max(partners, key=lambda b: score(_plain(b.markdown)))
    return [best, partner] if best.words + partner.words <= PASSAGE_WORDS else [best]


def _best_paragraphs(blocks: Sequence[Block], score: Scorer) -> list[Block]:
    chosen: list[Block] = []
    for block in sorted(blocks, key=lambda b: -score(_plain(b.markdown))):
        if chosen and sum(b.words for b in chosen) + block.words > PASSAGE_WORDS:
            continue
        chosen.append(block)
        if sum(b.words for b in chosen) >= MIN_PARAGRAPH_WORDS or len(chosen) == 3:
            break
    return chosen


def _in_order(chosen: Sequence[Block], blocks: Sequence[Block]) -> list[Block]:
    return [b for b in blocks if b in chosen]


def _passage(blocks: Sequence[Block], whole: bool) -> Passage:
    text = "\n\n".join(readable(b.markdown) for b in blocks)
    return Passage(trim_list(text, PASSAGE_WORDS + 150), tuple(b.kind for b in blocks), whole)


def readable(markdown: str) -> str:
    """Markdown that reads well outside the site: link text without targets, admonitions
    as a quoted note."""
    lines = markdown.splitlines()
    out: list[str] = []
    for line in lines:
        match = ADMONITION.match(line.strip())
        if match:
            out.append(f"> **{match.group(2)}.**" if match.group(2) else ">")
            continue
        if line.startswith("    ") and out and out[-1].startswith(">"):
            out[-1] += " " + line.strip()
            continue
        out.append(line)
    return LINK.sub(r"\1", "\n".join(out))


def trim_list(markdown: str, limit: int) -> str:
    """At most ``limit`` words, cut only between list items or table rows."""
    if len(markdown.split()) <= limit:
        return markdown
    kept: list[str] = []
    words = 0
    for line in markdown.splitlines():
        words += len(line.split())
        if words > limit and re.match(r"^\s*([-*+]|\d+\.|\|)\s", line):
            break
        kept.append(line)
    return "\n".join(kept).rstrip()


def _plain(markdown: str) -> str:
    return LINK.sub(r"\1", markdown)
