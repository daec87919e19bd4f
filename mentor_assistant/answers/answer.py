"""Answers: extractive (offline) or written by a model, always cited by number.

The extractive answer leads with the best section's passage quoted whole
(`passages.best_passage`), adds a second source only when it is nearly as
relevant and says something else (after a lead that only explains, such as "Why
trust takes time", the same page's advice first), and lists the rest as one-line
"See also" references, leaving out a subsection the quote already reads on into. A
model's answer is streamed through `ReplyFilter`, which drops any citation that does
not name a retrieved source and any link that leaves the guide, and reports them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace

from ..guide.blocks import ACTIONABLE
from ..index.sentences import candidate_sentences, plain_lines
from .passages import Passage
from .retrieval import Hit

__all__ = ["Answer", "CitationFilter", "ReplyFilter", "Source", "candidate_sentences",
           "compose_passages", "number_sources", "plain_lines"]

EXTRACTIVE_NOTICE = ("Composed from the guide without a language model: the passage that "
                     "answers it, quoted with its source.")
SECOND_MARGIN = 0.03  # a second passage only when its source scores within this of the first
SECOND_MAX_OVERLAP = 0.5  # ... and shares at most this share of its words with the first
ANSWER_WORDS = 320  # a second passage only when both fit in this many words
THIN_LEAD_WORDS = 100  # a lead passage shorter than this leaves room for a second ...
THIN_MARGIN = 0.06  # ... that scores within this of the first
SEE_ALSO = 3
SIBLING_MARGIN = 0.10  # after a lead that only explains, its page's advice within this of it


@dataclass(frozen=True)
class Source:
    """A numbered source of an answer."""

    n: int
    title: str
    heading: str
    url: str
    path: str
    score: float
    text: str


@dataclass(frozen=True)
class Answer:
    """An answer with its mode, flags and numbered sources."""

    question: str
    mode: str
    answer: str
    flags: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    notes: tuple[str, ...] = field(default=(), compare=False)
    removed: dict[str, list] = field(default_factory=dict, compare=False)

    def to_json(self) -> dict:
        """The stable ``ask --json`` shape; ``removed`` only when a model's citations or
        links were taken out."""
        data = {"question": self.question, "mode": self.mode, "answer": self.answer,
                "flags": list(self.flags), "sources": [asdict(s) for s in self.sources]}
        if self.removed:
            data["removed"] = self.removed
        return data


def number_sources(hits: Sequence[Hit]) -> tuple[Source, ...]:
    return tuple(Source(n, h.title, h.heading, h.url, h.path, round(h.score, 4), h.text)
                 for n, h in enumerate(hits, start=1))


def compose_passages(sources: Sequence[Source], passages: Sequence[Passage | None],
                     first_number: int = 1, second: bool = True, also: int | None = None
                     ) -> tuple[str, tuple[Source, ...]]:
    """The lead passage, perhaps a second one (unless ``second`` is False), then "See also"
    lines for the rest. ``also`` names a source whose passage is quoted after the lead
    whatever its score.

    ``passages[i]`` is what ``sources[i]`` would quote (None: nothing but filler).
    Returns the text and its sources, renumbered from ``first_number`` in the order
    the answer cites them.
    """
    if not sources:
        return EXTRACTIVE_NOTICE, ()
    order = [i for i, passage in enumerate(passages) if passage is not None]
    if not order:
        order, passages = [0], [_fallback(sources[0]), *passages[1:]]
    quoted = [order[0]]
    if also is not None and also != order[0] and passages[also] is not None:
        quoted.append(also)
    for i in _second_candidates(sources, passages, order) if second else ():
        if _adds_to(sources, passages, quoted, i):
            quoted.append(i)
            break
    rest = [i for i in range(len(sources))
            if i not in quoted and not _read_into(sources, passages, quoted, i)][:SEE_ALSO]
    numbered = {i: first_number + n for n, i in enumerate(quoted + rest)}
    parts = [EXTRACTIVE_NOTICE]
    for i in quoted:
        source = sources[i]
        parts.append(f"**{source.title} › {source.heading}** [{numbered[i]}]\n\n"
                     f"{passages[i].markdown}")  # type: ignore[union-attr]
    if rest:
        parts.append("See also:\n" + "\n".join(
            f"- {sources[i].title} › {sources[i].heading} [{numbered[i]}]" for i in rest))
    used = tuple(replace(sources[i], n=numbered[i]) for i in quoted + rest)
    return "\n\n".join(parts), used


def _adds_to(sources: Sequence[Source], passages: Sequence[Passage | None], quoted: list[int],
             i: int) -> bool:
    lead, candidate = passages[quoted[0]], passages[i]
    if lead is None or candidate is None or lead.words + candidate.words > ANSWER_WORDS:
        return False
    margin = THIN_MARGIN if lead.words < THIN_LEAD_WORDS else SECOND_MARGIN
    if _explains_only(lead) and sources[i].path == sources[quoted[0]].path \
            and set(candidate.kinds) & ACTIONABLE:
        margin = max(margin, SIBLING_MARGIN)
    if sources[i].score < sources[quoted[0]].score - margin:
        return False
    mine, theirs = set(candidate.markdown.lower().split()), set(lead.markdown.lower().split())
    return len(mine & theirs) <= SECOND_MAX_OVERLAP * len(mine)


def _read_into(sources: Sequence[Source], passages: Sequence[Passage | None],
               quoted: list[int], i: int) -> bool:
    """Whether a quoted passage already reads on into source ``i``'s section (its heading
    leads in a block there: "When a mentee cries:")."""
    lead_in = f"\n{sources[i].heading}:\n"
    return any(sources[q].path == sources[i].path and lead_in in passages[q].markdown
               for q in quoted if passages[q] is not None)


def _second_candidates(sources: Sequence[Source], passages: Sequence[Passage | None],
                       order: list[int]) -> list[int]:
    """Candidates for a second passage, best first; after a lead that only explains, its
    own page's advice comes before other pages."""
    lead = passages[order[0]]
    if lead is None or not _explains_only(lead):
        return order[1:]
    page = sources[order[0]].path
    return sorted(order[1:], key=lambda i: sources[i].path != page)


def _explains_only(passage: Passage) -> bool:
    return set(passage.kinds) <= {"prose"}


def _fallback(source: Source) -> Passage:
    return Passage("\n".join(plain_lines(source.text)[:6]), (), False)


class ReplyFilter:
    """Streams a model's text through, removing citations that name no source and links
    that leave the guide.

    Citations are ``[n]`` and its variants (``[1, 7]``, ``[ 9 ]``, ``[^8]``, ``【12】``);
    each number that names a source stays as ``[n]``. Links (Markdown, ``<...>`` or
    bare) stay only when relative or under ``guide_url``; a removed Markdown link keeps
    its text. Text is held back until no bracket or word is left open, so nothing is
    shown before it has been checked.
    """

    def __init__(self, valid: set[int], emit: Callable[[str], None], guide_url: str = ""
                 ) -> None:
        self.valid = valid
        self.emit = emit
        self.guide_url = guide_url
        self.removed: list[int] = []
        self.removed_links: list[str] = []
        self.pending = ""
        self.parts: list[str] = []

    def feed(self, piece: str) -> None:
        self.pending += piece
        cut = _safe_cut(self.pending)
        if cut == 0 and len(self.pending) > HOLD_LIMIT:
            cut = len(self.pending)  # an unbalanced bracket: check what there is
        ready, self.pending = self.pending[:cut], self.pending[cut:]
        self._release(ready)

    def close(self) -> str:
        self._release(self.pending)
        self.pending = ""
        return "".join(self.parts)

    def _release(self, text: str) -> None:
        if not text:
            return
        cleaned = MARKDOWN_LINK.sub(self._link_or_text, text)
        cleaned = BARE_LINK.sub(self._bare_link, cleaned)
        cleaned = CITATION.sub(self._keep_or_drop, cleaned)
        self.parts.append(cleaned)
        self.emit(cleaned)

    def _keep_or_drop(self, match: re.Match[str]) -> str:
        numbers = [int(n) for n in re.findall(r"\d+", match.group(1))]
        self.removed += [n for n in numbers if n not in self.valid]
        return "".join(f"[{n}]" for n in numbers if n in self.valid)

    def _in_guide(self, url: str) -> bool:
        if self.guide_url and url.startswith(self.guide_url):
            return True
        return not url.startswith("//") and not URL_SCHEME.match(url) and \
            not url.lower().startswith("www.")

    def _link_or_text(self, match: re.Match[str]) -> str:
        if self._in_guide(match.group(2)):
            return match.group(0)
        self.removed_links.append(match.group(2))
        return match.group(1)

    def _bare_link(self, match: re.Match[str]) -> str:
        url = match.group(1)
        if self.guide_url and url.startswith(self.guide_url):
            return match.group(0)
        self.removed_links.append(url)
        return ""


CitationFilter = ReplyFilter  # the earlier name
HOLD_LIMIT = 400
CITATION = re.compile(r"(?:\[\s*\^?\s*|【\s*)(\d+(?:\s*[,;]\s*\d+)*)\s*[\]】]")
MARKDOWN_LINK = re.compile(r"\[([^\[\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
BARE_LINK = re.compile(r"<?((?:[a-zA-Z][a-zA-Z0-9+.-]*://|www\.|mailto:|javascript:)"
                       r"[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'\"])>?")
URL_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:")


def _safe_cut(text: str) -> int:
    """Where ``text`` may be cut: after the last space outside any bracket or link."""
    depth, in_target, cut = 0, False, 0
    for i, char in enumerate(text):
        if char in "[【":
            depth += 1
        elif char in "]】" and depth:
            depth -= 1
            in_target = depth == 0 and text[i + 1:i + 2] == "("
        elif char == ")" and in_target:
            in_target = False
        elif char.isspace() and not depth and not in_target:
            cut = i + 1
    return cut
