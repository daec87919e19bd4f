"""The golden set: retrieval quality and flags stay above the agreed thresholds."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT

from mentor_assistant.cli import main
from mentor_assistant.evals.answer_eval import (
    COLLOQUIAL,
    FRESH,
    FRESH2,
    FRESH3,
    TUNE2,
    evaluate_golden_answers,
    load_passage_questions,
)
from mentor_assistant.evals.evaluation import evaluate, load_golden
from mentor_assistant.guide.content import load_pages

# Measured on this guide (see the README's figures); a drop below these is a regression.
MIN_RECALL_AT_5 = {"hybrid": 0.96, "dense": 0.92, "lexical": 0.94}
MIN_MRR = {"hybrid": 0.82, "dense": 0.75, "lexical": 0.78}
# The answers (`answer_eval`): passage-hit and the rank of the section the answer leads with.
# group: (passage-hit, recall@1, recall@5, MRR), each floor just under what was measured.
MIN_ANSWERS = {
    "colloquial tune": (0.83, 0.89, 0.97, 0.92),
    "colloquial held_out": (0.80, 0.80, 0.94, 0.86),
    "tune2": (0.60, 0.70, 0.85, 0.76),
    "fresh": (0.62, 0.71, 0.84, 0.76),
    "fresh2": (0.62, 0.62, 0.80, 0.70),
    "fresh3": (0.60, 0.71, 0.88, 0.78),
    "golden": (None, 0.74, 0.95, 0.83),
}
MAX_ANSWER_WORDS = 450
# The longest answers are ordinary questions that get the safety contacts by mistake: the
# contacts (about 330 words) and the escalation page's passage, then, since the flag is unsure
# (`SafetyCheck.unsure`), the question's own passage. Each set's longest (README): the fresh
# set's (646 words) asks about CV help; the second fresh set's (758) is one of its eleven such
# questions; the third's (719) asks what parents are told about peer mentoring; the golden
# set's (685) asks what a pilot's write-up may share. Pinned, not hidden.
MAX_WORDS_MEASURED = {"tune2": 670, "fresh": 646, "fresh2": 758, "fresh3": 719, "golden": 685}


@pytest.fixture(scope="module")
def report(guide_assistant):
    return evaluate(guide_assistant, load_golden())


def test_golden_set_is_realistic_and_resolves(guide) -> None:
    golden = load_golden()
    anchors = {page.path: page.anchors for page in load_pages(guide.docs_dir)}
    assert len(golden) >= 40
    assert {q.asker for q in golden} == {"mentor", "mentee", "program_owner"}
    assert sum("out_of_scope" in q.flags for q in golden) >= 5
    assert sum("safety" in q.flags for q in golden) >= 5
    for question in golden:
        for expected in question.expect:
            path, _, anchor = expected.partition("#")
            assert anchor in anchors[path], expected


def test_retrieval_thresholds(report) -> None:
    scores = {r.retriever: r for r in report.retrievers}
    for name, minimum in MIN_RECALL_AT_5.items():
        assert scores[name].recall_at_5 >= minimum, scores[name]
        assert scores[name].mrr >= MIN_MRR[name], scores[name]
        assert scores[name].recall_at_1 <= scores[name].recall_at_3 <= scores[name].recall_at_5


def test_the_default_retriever_is_the_best_measured(report) -> None:
    # Answers quote the section ranked first, so the default is chosen on MRR.
    best = max(report.retrievers, key=lambda r: (r.mrr, r.recall_at_1))
    assert best.retriever == "hybrid"


@pytest.fixture(scope="module")
def answers(guide_assistant):
    return {s.group: s for report in evaluate_golden_answers(guide_assistant) for s in
            report.scores}


@pytest.mark.parametrize(("path", "splits"), [
    (COLLOQUIAL, {"tune", "held_out"}), (TUNE2, {"tune2"}), (FRESH, {"fresh"}),
    (FRESH2, {"fresh2"}), (FRESH3, {"fresh3"})])
def test_colloquial_questions_are_realistic_and_resolve(guide, path: Path,
                                                        splits: set[str]) -> None:
    questions = load_passage_questions(path)
    anchors = {page.path: page.anchors for page in load_pages(guide.docs_dir)}
    assert len(questions) >= 40
    assert {q.split for q in questions} == splits
    assert {q.asker for q in questions} == {"mentor", "mentee", "program_owner"}
    for question in questions:
        assert question.must_quote and question.expect
        path, _, anchor = question.expect[0].partition("#")
        assert anchor in anchors[path], question.expect[0]


def test_no_evaluation_question_is_among_the_guides_search_questions(guide) -> None:
    """The section questions (`reference/questions.yml`) help retrieval; an evaluation
    question copied there would score itself."""
    from mentor_assistant.guide.section_questions import load_section_questions

    def plain(text: str) -> str:
        return " ".join(re.findall(r"[a-z0-9]+", text.lower()))

    written = {plain(q.text) for q in load_section_questions(guide.docs_dir)}
    asked = [q.question for path in (COLLOQUIAL, TUNE2, FRESH, FRESH2, FRESH3)
             for q in load_passage_questions(path)] + [q.question for q in load_golden()]
    assert len(asked) > 300
    assert [q for q in asked if plain(q) in written] == []


def test_answer_thresholds(answers) -> None:
    for group, floors in MIN_ANSWERS.items():
        score = answers[group]
        measured = (score.passage_hit, score.recall_at_1, score.recall_at_5, score.mrr)
        for value, floor in zip(measured, floors, strict=True):
            assert (value is None) if floor is None else value >= floor, (group, score)
        assert 80 <= score.median_words <= 250, score
        assert score.max_words <= MAX_WORDS_MEASURED.get(group, MAX_ANSWER_WORDS), score
    assert {"colloquial mentor", "colloquial mentee", "colloquial program_owner"} <= set(answers)


def test_every_safety_and_out_of_scope_question_is_flagged(report) -> None:
    flags = {f.flag: f for f in report.flags}
    assert flags["safety"].accuracy == 1.0
    assert flags["out_of_scope"].accuracy == 1.0
    assert flags["out_of_scope"].false_alarms == 0  # no in-scope question called out of scope
    # An ordinary question seldom gets the contacts: 4 of 56 do, all of them unsure flags whose
    # answer also quotes their own passage (and whose search leads with the escalation page,
    # which is why the MRR floors are 0.82 for hybrid and 0.71 for dense).
    assert flags["safety"].false_alarms <= 4


def test_eval_command_prints_the_tables(guide_index: Path, tmp_path: Path) -> None:
    golden = tmp_path / "golden.yml"
    golden.write_text("questions:\n"
                      "  - question: How do I repair trust after breaking a confidence?\n"
                      "    asker: mentor\n"
                      "    expect: [mentors/building-trust.md#repairing-a-breach]\n"
                      "  - question: What is the best pizza topping?\n"
                      "    asker: mentee\n    flags: [out_of_scope]\n")
    args = ["eval", str(golden), "--config", str(ROOT / "mkdocs.yml"), "--index-dir",
            str(guide_index)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "| hybrid | 1 | 1.000 | 1.000 | 1.000 | 1.000 |" in result.stdout
    data = json.loads(CliRunner().invoke(main, [*args, "--json"]).stdout)
    assert {r["retriever"] for r in data["retrievers"]} == {"hybrid", "dense", "lexical"}
    assert data["flags"][1] == {"flag": "out_of_scope", "expected": 1, "caught": 1,
                                "false_alarms": 0, "accuracy": 1.0}


def test_a_broken_golden_file_names_its_line(guide_index: Path, tmp_path: Path) -> None:
    golden = tmp_path / "golden.yml"
    golden.write_text("questions:\n  - question: [unclosed\n")
    result = CliRunner().invoke(main, ["eval", str(golden), "--index-dir", str(guide_index),
                                       "--config", str(ROOT / "mkdocs.yml")])
    assert result.exit_code == 1 and "golden.yml:3" in result.output
