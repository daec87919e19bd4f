"""Measure the answers themselves: does the offline answer quote what a reader can act on?

Each colloquial question (``data/golden_colloquial.yml``) names the sections that
answer it, best first, and a ``must_quote`` phrase from the best one's actionable
block. Passage-hit counts answers whose text contains that phrase (case and
spacing aside). Section recall@1/@5 and MRR score the sections the answer is built
from, in the order it ranks them. Results are split into the ``tune`` half (used
to choose settings) and the ``held_out`` half, and by the asker's role. A second tuning set
(``data/golden_tune2.yml``) may also choose settings. The fresh sets
(``data/golden_fresh*.yml``) were each written by a writer who saw only the guide, and
measured once before anything was changed because of them; they are never tuned on.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from ..answers.answer import EXTRACTIVE_NOTICE
from ..answers.assistant import Assistant
from .evaluation import GoldenQuestion, load_yaml_questions

COLLOQUIAL = Path(__file__).parent.parent / "data" / "golden_colloquial.yml"
FRESH = Path(__file__).parent.parent / "data" / "golden_fresh.yml"
FRESH2 = Path(__file__).parent.parent / "data" / "golden_fresh2.yml"
FRESH3 = Path(__file__).parent.parent / "data" / "golden_fresh3.yml"
TUNE2 = Path(__file__).parent.parent / "data" / "golden_tune2.yml"
ROLES = ("mentor", "mentee", "program_owner")


@dataclass(frozen=True)
class PassageQuestion:
    question: str
    asker: str
    expect: tuple[str, ...]
    must_quote: str = ""
    split: str = ""


@dataclass(frozen=True)
class AnswerScore:
    """How one group of questions was answered."""

    group: str
    questions: int
    passage_hit: float | None
    recall_at_1: float
    recall_at_5: float
    mrr: float
    median_words: float
    max_words: int


@dataclass(frozen=True)
class AnswerReport:
    scores: tuple[AnswerScore, ...]
    misses: tuple[str, ...]

    def to_json(self) -> dict:
        return {"scores": [asdict(s) for s in self.scores], "misses": list(self.misses)}

    def score(self, group: str) -> AnswerScore:
        return next(s for s in self.scores if s.group == group)


@dataclass(frozen=True)
class _Result:
    question: PassageQuestion
    rank: int | None
    hit: bool | None
    words: int


def load_passage_questions(path: Path | None = None) -> list[PassageQuestion]:
    """Read a question file whose entries may carry ``must_quote`` and ``split``."""
    return [PassageQuestion(str(item["question"]), str(item.get("asker", "mentor")),
                            tuple(item.get("expect") or ()), str(item.get("must_quote") or ""),
                            str(item.get("split") or ""))
            for item in load_yaml_questions(path or COLLOQUIAL)]


def from_golden(golden: Sequence[GoldenQuestion]) -> list[PassageQuestion]:
    """The in-scope questions of the original golden set (no phrases to quote)."""
    return [PassageQuestion(q.question, q.asker, q.expect) for q in golden
            if q.expect and not q.flags]


def evaluate_answers(assistant: Assistant, questions: Sequence[PassageQuestion],
                     name: str = "colloquial") -> AnswerReport:
    """Passage-hit, section recall and answer length: overall, by split and by role."""
    results = [_answer(assistant, q) for q in questions]
    groups = [(name, results)]
    groups += [(f"{name} {split}", [r for r in results if r.question.split == split])
               for split in ("tune", "held_out")]
    groups += [(f"{name} {role}", [r for r in results if r.question.asker == role])
               for role in ROLES]
    misses = [f"{r.question.question} -> rank {r.rank}, quoted: {r.hit}" for r in results
              if r.rank != 1 or r.hit is False]
    return AnswerReport(tuple(_score(group, rows) for group, rows in groups if rows),
                        tuple(misses))


def _answer(assistant: Assistant, question: PassageQuestion) -> _Result:
    answer = assistant.ask(question.question)
    asked = assistant.asking(question.question)
    vector = assistant.embedder.embed([assistant.aliases.expand(asked.query)])[0]
    found = [f"{h.path}#{h.anchor}" for h in assistant.ranked(asked, vector, 5)]
    rank = next((i + 1 for i, key in enumerate(found) if key in question.expect), None)
    hit = normalise(question.must_quote) in normalise(answer.answer) \
        if question.must_quote else None
    return _Result(question, rank, hit, answer_words(answer.answer))


def evaluate_golden_answers(assistant: Assistant, golden: Path | None = None
                            ) -> list[AnswerReport]:
    """The answer reports `eval` prints: by default the colloquial set, the second tuning
    set, the three fresh sets and the golden set, else the given file (with passage-hit when
    its entries carry ``must_quote``)."""
    from .evaluation import load_golden

    if golden is not None:
        return [evaluate_answers(assistant, load_passage_questions(golden), golden.stem)]
    sets = ((COLLOQUIAL, "colloquial"), (TUNE2, "tune2"), (FRESH, "fresh"),
            (FRESH2, "fresh2"), (FRESH3, "fresh3"))
    return [*(evaluate_answers(assistant, load_passage_questions(path), name)
              for path, name in sets),
            evaluate_answers(assistant, from_golden(load_golden()), "golden")]


def normalise(text: str) -> str:
    return " ".join(text.lower().split())


def answer_words(text: str) -> int:
    """Words of an answer, not counting the notice that says how it was composed."""
    return len(text.removeprefix(EXTRACTIVE_NOTICE).split())


def _score(group: str, rows: Sequence[_Result]) -> AnswerScore:
    total = len(rows)
    hits = [r.hit for r in rows if r.hit is not None]
    return AnswerScore(
        group, total, round(sum(hits) / len(hits), 4) if hits else None,
        round(sum(r.rank == 1 for r in rows) / total, 4),
        round(sum(r.rank is not None for r in rows) / total, 4),
        round(sum(1 / r.rank for r in rows if r.rank) / total, 4),
        float(statistics.median(r.words for r in rows)), max(r.words for r in rows))


def answers_markdown(reports: Sequence[AnswerReport]) -> str:
    """One table for every group of every report."""
    lines = ["| questions | n | passage-hit | recall@1 | recall@5 | MRR | median words | "
             "max words |", "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for report in reports:
        lines += [f"| {s.group} | {s.questions} | "
                  f"{'—' if s.passage_hit is None else f'{s.passage_hit:.2f}'} | "
                  f"{s.recall_at_1:.2f} | {s.recall_at_5:.2f} | {s.mrr:.2f} | "
                  f"{s.median_words:.0f} | {s.max_words} |" for s in report.scores]
    return "\n".join(lines)
