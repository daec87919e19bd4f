"""Opt-in gap report: which questions the guide could not answer well.

With ``serve --log-questions``, each question is appended to a local JSON Lines
file (readable by its owner only) with its flags and the best source's score, and
nothing of the answer. A question flagged for safety keeps only its flags and time:
the report never uses it, so the disclosure is not kept.
``mentor-assistant gaps`` groups the poorly answered ones, so programme owners
know which pages to write next.
"""

from __future__ import annotations

import json
import os
import re
import time
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ContentError

LOW_SCORE = 0.45  # a hybrid score below this means the guide answered weakly
SAME_TOPIC = 0.55  # questions at least this similar are grouped together
LOG_MODE = 0o600
_ESCAPE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-_])"
                     r"|\x9b[0-?]*[ -/]*[@-~]")


@dataclass(frozen=True)
class LoggedQuestion:
    question: str
    flags: tuple[str, ...]
    top_score: float
    nearest: str


@dataclass(frozen=True)
class Gap:
    """A group of similar questions the guide answered poorly."""

    questions: tuple[str, ...]
    nearest: str

    @property
    def count(self) -> int:
        return len(self.questions)


def log_question(path: Path, question: str, audience: str | None, answer: Any) -> None:
    """Append one question (never its answer) to the log, which only its owner may read."""
    record: dict[str, Any] = {"time": round(time.time()), "flags": list(answer.flags)}
    if "safety" not in answer.flags:
        top = answer.sources[0] if answer.sources else None
        record.update({"question": question, "audience": audience, "mode": answer.mode,
                       "top_score": top.score if top else 0.0,
                       "nearest": f"{top.title} › {top.heading}" if top else ""})
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, LOG_MODE)
    try:
        os.fchmod(handle, LOG_MODE)  # a log made before this rule was world-readable
        line = json.dumps(record, ensure_ascii=False) + "\n"
        os.write(handle, line.encode("utf-8", "replace"))
    finally:
        os.close(handle)


def printable(text: str) -> str:
    """``text`` without terminal escape sequences or control characters, on one line."""
    text = _ESCAPE.sub("", text)
    return "".join(" " if char in "\t\n\r" else char for char in text
                   if char in "\t\n\r" or unicodedata.category(char) not in ("Cc", "Cf"))


def read_log(path: Path) -> list[LoggedQuestion]:
    """The logged questions; unreadable lines are skipped."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise ContentError(path, 1, "there is no question log yet",
                           "start the server with 'mentor-assistant serve --log-questions' "
                           "and let people ask questions first") from None
    logged = []
    for line in lines:
        try:
            record = json.loads(line)
            logged.append(LoggedQuestion(str(record.get("question", "")),
                                         tuple(record.get("flags", ())),
                                         float(record.get("top_score", 0.0)),
                                         str(record.get("nearest", ""))))
        except (json.JSONDecodeError, KeyError, TypeError, ValueError):
            continue
    return logged


def find_gaps(logged: Sequence[LoggedQuestion], embedder: Any) -> list[Gap]:
    """Poorly answered questions, grouped by topic, biggest group first."""
    poor = [q for q in logged if "safety" not in q.flags
            and ("out_of_scope" in q.flags or q.top_score < LOW_SCORE)]
    if not poor:
        return []
    vectors = embedder.embed([q.question for q in poor])
    groups: list[list[int]] = []
    for i in range(len(poor)):
        for group in groups:
            if float(vectors[group[0]] @ vectors[i]) >= SAME_TOPIC:
                group.append(i)
                break
        else:
            groups.append([i])
    gaps = [Gap(tuple(dict.fromkeys(poor[i].question for i in group)), poor[group[0]].nearest)
            for group in groups]
    return sorted(gaps, key=lambda gap: -len(gap.questions))


def gaps_markdown(gaps: Sequence[Gap], total: int) -> str:
    if not gaps:
        return f"All {total} logged questions were answered from the guide. No gaps to report."
    lines = [f"{sum(g.count for g in gaps)} of {total} logged questions were not answered well "
             f"by the guide, in {len(gaps)} topic(s):", ""]
    for number, gap in enumerate(gaps, start=1):
        lines.append(f"{number}. {gap.count} question(s), nearest section today: "
                     f"{printable(gap.nearest) or 'none'}")
        lines += [f"   - {printable(question)}" for question in gap.questions[:5]]
    return "\n".join(lines)
