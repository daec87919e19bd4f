"""Measure retrieval and flags on a golden question set.

Each in-scope question names the sections (``path#anchor``) that answer it.
Recall@k counts a question as found when one of them is among the first k
results; MRR averages 1/rank of the first one found.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from ..answers.assistant import Assistant
from ..answers.retrieval import RETRIEVERS
from ..errors import ContentError

GOLDEN = Path(__file__).parent.parent / "data" / "golden.yml"
CUTOFFS = (1, 3, 5)


@dataclass(frozen=True)
class GoldenQuestion:
    question: str
    asker: str
    expect: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class RetrieverScore:
    retriever: str
    questions: int
    recall_at_1: float
    recall_at_3: float
    recall_at_5: float
    mrr: float


@dataclass(frozen=True)
class FlagScore:
    flag: str
    expected: int
    caught: int
    false_alarms: int

    @property
    def accuracy(self) -> float:
        return self.caught / self.expected if self.expected else 1.0


@dataclass(frozen=True)
class EvalReport:
    retrievers: tuple[RetrieverScore, ...]
    flags: tuple[FlagScore, ...]
    misses: tuple[str, ...]

    def to_json(self) -> dict:
        return {"retrievers": [asdict(r) for r in self.retrievers],
                "flags": [{**asdict(f), "accuracy": round(f.accuracy, 4)} for f in self.flags],
                "misses": list(self.misses)}


def load_golden(path: Path | None = None) -> list[GoldenQuestion]:
    """Read a golden question file (YAML with a ``questions:`` list)."""
    return [GoldenQuestion(str(item["question"]), str(item.get("asker", "mentor")),
                           tuple(item.get("expect") or ()), tuple(item.get("flags") or ()))
            for item in load_yaml_questions(path or GOLDEN)]


def load_yaml_questions(path: Path) -> list[dict]:
    """The ``questions:`` list of a YAML file, or a `ContentError` naming the line."""
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError:
        raise ContentError(path, 1, "the golden question file cannot be read",
                           "check the path") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise ContentError(path, mark.line + 1 if mark else 1, "the golden file is not valid "
                           "YAML", "check the indentation on that line") from None
    items = (data or {}).get("questions") if isinstance(data, dict) else None
    if not isinstance(items, list) or not items:
        raise ContentError(path, 1, "the golden file has no 'questions:' list",
                           "add questions as '- question: ...' entries")
    return items


def evaluate(assistant: Assistant, golden: Sequence[GoldenQuestion]) -> EvalReport:
    """Recall@1/3/5 and MRR per retriever, and how well the flags fire."""
    scored = [q for q in golden if q.expect and "out_of_scope" not in q.flags]
    misses: list[str] = []
    retrievers = tuple(_score_retriever(assistant, name, scored, misses) for name in RETRIEVERS)
    return EvalReport(retrievers, _score_flags(assistant, golden), tuple(misses))


def _score_retriever(assistant: Assistant, retriever: str, questions: Sequence[GoldenQuestion],
                     misses: list[str]) -> RetrieverScore:
    ranks = []
    for q in questions:
        found = [f"{h.path}#{h.anchor}" for h in assistant.search(q.question, 5, retriever)]
        rank = next((i + 1 for i, key in enumerate(found) if _matches(key, q.expect)), None)
        ranks.append(rank)
        if rank is None and retriever == assistant.settings.retriever:
            misses.append(f"{q.question} -> got {found[:3]}")
    total = len(ranks) or 1
    recall = {k: sum(1 for r in ranks if r and r <= k) / total for k in CUTOFFS}
    mrr = sum(1 / r for r in ranks if r) / total
    return RetrieverScore(retriever, len(ranks), round(recall[1], 4), round(recall[3], 4),
                          round(recall[5], 4), round(mrr, 4))


def _matches(found: str, expected: Sequence[str]) -> bool:
    return any(found == e or ("#" not in e and found.split("#")[0] == e) for e in expected)


def _score_flags(assistant: Assistant, golden: Sequence[GoldenQuestion]) -> tuple[FlagScore, ...]:
    results = {}
    for q in golden:
        vector = assistant.embedder.embed([q.question])[0]
        results[q.question] = set(assistant.flags_for(q.question, vector))
    scores = []
    for flag in ("safety", "out_of_scope"):
        expected = [q for q in golden if flag in q.flags]
        others = [q for q in golden if flag not in q.flags]
        scores.append(FlagScore(flag, len(expected),
                                sum(flag in results[q.question] for q in expected),
                                sum(flag in results[q.question] for q in others)))
    return tuple(scores)


def report_markdown(report: EvalReport) -> str:
    lines = ["| retriever | questions | recall@1 | recall@3 | recall@5 | MRR |",
             "| --- | ---: | ---: | ---: | ---: | ---: |"]
    lines += [f"| {r.retriever} | {r.questions} | {r.recall_at_1:.3f} | {r.recall_at_3:.3f} | "
              f"{r.recall_at_5:.3f} | {r.mrr:.3f} |" for r in report.retrievers]
    lines += ["", "| flag | expected | caught | accuracy | false alarms |",
              "| --- | ---: | ---: | ---: | ---: |"]
    lines += [f"| {f.flag} | {f.expected} | {f.caught} | {f.accuracy:.3f} | {f.false_alarms} |"
              for f in report.flags]
    if report.misses:
        lines += ["", "Questions whose sections the default retriever did not find in the top 5:"]
        lines += [f"- {miss}" for miss in report.misses]
    return "\n".join(lines)
