"""Answers: extractive (offline) or written by a model, always cited by number.

The extractive answer leads with the best section's passage quoted whole
(`passages.best_passage`), adds a second source only when it is nearly as
relevant and says something else, and lists the rest as one-line "See also"
references. A model's answer is streamed through `CitationFilter`, which drops
any ``[n]`` that does not name a retrieved source and reports it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace

from .passages import Passage
from .retrieval import Hit
from .sentences import candidate_sentences, plain_lines

__all__ = ["Answer", "CitationFilter", "Source", "candidate_sentences", "compose_passages",
           "number_sources", "plain_lines"]

EXTRACTIVE_NOTICE = ("Composed from the guide without a language model: the passage that "
                     "answers it, quoted with its source.")
SECOND_MARGIN = 0.03  # a second passage only when its source scores within this of the first
SECOND_MAX_OVERLAP = 0.5  # ... and shares at most this share of its words with the first
ANSWER_WORDS = 320  # a second passage only when both fit in this many words
SEE_ALSO = 3
CITATION = re.compile(r"\[(\d{1,3})\]")


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

    def to_json(self) -> dict:
        """The stable ``ask --json`` shape."""
        return {"question": self.question, "mode": self.mode, "answer": self.answer,
                "flags": list(self.flags), "sources": [asdict(s) for s in self.sources]}


def number_sources(hits: Sequence[Hit]) -> tuple[Source, ...]:
    return tuple(Source(n, h.title, h.heading, h.url, h.path, round(h.score, 4), h.text)
                 for n, h in enumerate(hits, start=1))


def compose_passages(sources: Sequence[Source], passages: Sequence[Passage | None],
                     first_number: int = 1, second: bool = True
                     ) -> tuple[str, tuple[Source, ...]]:
    """The lead passage, perhaps a second one (unless ``second`` is False), then "See also"
    lines for the rest.

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
    for i in order[1:] if second else ():
        if _adds_to(sources, passages, quoted, i):
            quoted.append(i)
            break
    rest = [i for i in range(len(sources)) if i not in quoted][:SEE_ALSO]
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
    if lead is None or candidate is None or sources[i].score < sources[quoted[0]].score \
            - SECOND_MARGIN or lead.words + candidate.words > ANSWER_WORDS:
        return False
    mine, theirs = set(candidate.markdown.lower().split()), set(lead.markdown.lower().split())
    return len(mine & theirs) <= SECOND_MAX_OVERLAP * len(mine)


def _fallback(source: Source) -> Passage:
    return Passage("\n".join(plain_lines(source.text)[:6]), (), False)


class CitationFilter:
    """Streams text through, dropping ``[n]`` citations that name no source."""

    def __init__(self, valid: set[int], emit: Callable[[str], None]) -> None:
        self.valid = valid
        self.emit = emit
        self.removed: list[int] = []
        self.pending = ""
        self.parts: list[str] = []

    def feed(self, piece: str) -> None:
        self.pending += piece
        cut = self.pending.rfind("[")
        if cut != -1 and "]" not in self.pending[cut:] and len(self.pending) - cut <= 5:
            ready, self.pending = self.pending[:cut], self.pending[cut:]
        else:
            ready, self.pending = self.pending, ""
        self._release(ready)

    def close(self) -> str:
        self._release(self.pending)
        self.pending = ""
        return "".join(self.parts)

    def _release(self, text: str) -> None:
        if not text:
            return
        cleaned = CITATION.sub(self._keep_or_drop, text)
        self.parts.append(cleaned)
        self.emit(cleaned)

    def _keep_or_drop(self, match: re.Match[str]) -> str:
        number = int(match.group(1))
        if number in self.valid:
            return match.group(0)
        self.removed.append(number)
        return ""
