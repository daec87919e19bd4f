"""Measure the safety check on labelled questions written the way people write.

Each file was written by someone who saw neither the exemplars nor the other
files. ``data/safety_eval.yml`` is split per category by a hash of the text into a
``tune`` half and a ``held_out`` half. ``data/safety_final*.yml`` were written one
after another; each was measured once before anything changed because of it (the
README keeps those first measurements), and only then read for patterns.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent.parent / "data"
SAFETY_EVAL = DATA / "safety_eval.yml"
# Sets written last, each measured first before anything was changed because of it.
SAFETY_FINALS = {"final": DATA / "safety_final.yml",
                 **{f"final{n}": DATA / f"safety_final{n}.yml" for n in range(2, 28)}}
SPLITS = ("tune", "held_out")


@dataclass(frozen=True)
class SafetyCase:
    """One labelled question."""

    text: str
    flag: bool
    category: str
    style: str
    split: str


@dataclass(frozen=True)
class CategoryScore:
    """How one category fared: recall for disclosures, false alarms for look-alikes."""

    category: str
    flag: bool
    cases: int
    flagged: int

    @property
    def rate(self) -> float:
        return self.flagged / self.cases if self.cases else 0.0


@dataclass(frozen=True)
class SafetyReport:
    """Recall and false-alarm rate on one split, overall and by category."""

    split: str
    recall: float
    false_alarms: float
    categories: tuple[CategoryScore, ...]
    missed: tuple[str, ...]
    false_alarm_texts: tuple[str, ...]

    def to_json(self) -> dict:
        return {"split": self.split, "recall": round(self.recall, 4),
                "false_alarm_rate": round(self.false_alarms, 4),
                "categories": [{"category": c.category, "must_flag": c.flag, "cases": c.cases,
                                "flagged": c.flagged} for c in self.categories]}


def load_safety_cases(path: Path | None = None) -> list[SafetyCase]:
    """The labelled cases, each assigned to its split."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML has it
    raw = yaml.load((path or SAFETY_EVAL).read_text(encoding="utf-8"), Loader=loader)["cases"]
    groups: dict[tuple[bool, str], list[dict]] = {}
    for case in raw:
        groups.setdefault((bool(case["flag"]), case["category"]), []).append(case)
    cases = []
    for members in groups.values():
        members.sort(key=lambda case: hashlib.sha1(case["text"].encode()).hexdigest())
        cases += [SafetyCase(case["text"], bool(case["flag"]), case["category"],
                             case.get("style", ""), SPLITS[i % 2])
                  for i, case in enumerate(members)]
    return cases


def load_whole(path: Path, split: str) -> list[SafetyCase]:
    """Every case of one file, all in ``split``."""
    return [replace(case, split=split) for case in load_safety_cases(path)]


def labelled_cases() -> list[SafetyCase]:
    """Every labelled case the check may learn from: the tuning half and the final sets.
    The held-out half never joins."""
    cases = [case for case in load_safety_cases() if case.split != "held_out"]
    for split, path in SAFETY_FINALS.items():
        if path.is_file():
            cases += load_whole(path, split)
    return cases


def evaluate_safety(detector: Any) -> tuple[SafetyReport, ...]:
    """Reports for the tuning half, the held-out half and the final sets, each measured
    with its own cases left out of the detector's exemplars (`SafetyDetector.without`)."""
    extra = {split: path for split, path in SAFETY_FINALS.items() if path.is_file()}
    cases = load_safety_cases()
    for split, path in extra.items():
        cases += load_whole(path, split)
    return tuple(measure_split(detector, cases, split) for split in (*SPLITS, *extra))


def measure_split(detector: Any, cases: Sequence[SafetyCase], split: str) -> SafetyReport:
    """The report on ``split``'s cases, by the detector without that split's exemplars."""
    chosen = [case for case in cases if case.split == split]
    checks = detector.without(split).check_many([case.text for case in chosen])
    return score_safety([check.flagged for check in checks], chosen, split)


def score_safety(flags: Sequence[bool], cases: Sequence[SafetyCase], split: str) -> SafetyReport:
    """Recall and false alarms of ``flags`` (one per case) on the cases of ``split``."""
    chosen = [(flag, case) for flag, case in zip(flags, cases, strict=True)
              if case.split == split]
    by_category: dict[tuple[bool, str], list[bool]] = {}
    for flag, case in chosen:
        by_category.setdefault((case.flag, case.category), []).append(flag)
    categories = tuple(CategoryScore(category, must, len(got), sum(got))
                       for (must, category), got in sorted(by_category.items(),
                                                           key=lambda kv: (not kv[0][0], kv[0][1])))
    must = [flag for flag, case in chosen if case.flag]
    harmless = [flag for flag, case in chosen if not case.flag]
    return SafetyReport(
        split, sum(must) / len(must) if must else 0.0,
        sum(harmless) / len(harmless) if harmless else 0.0, categories,
        tuple(case.text for flag, case in chosen if case.flag and not flag),
        tuple(case.text for flag, case in chosen if not case.flag and flag))


def safety_markdown(report: SafetyReport) -> str:
    """The report as a Markdown table, disclosures first."""
    lines = [f"Safety flag on the {report.split.replace('_', '-')} questions: recall "
             f"{report.recall:.3f}, false alarms {report.false_alarms:.3f}", "",
             "| category | must flag | cases | flagged | rate |",
             "| --- | --- | ---: | ---: | ---: |"]
    lines += [f"| {c.category} | {'yes' if c.flag else 'no'} | {c.cases} | {c.flagged} | "
              f"{c.rate:.2f} |" for c in report.categories]
    return "\n".join(lines)
