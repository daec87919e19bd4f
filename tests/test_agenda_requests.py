"""Everyday agenda requests, judged the way a pair would judge the agendas."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from conftest import ROOT

from mentor_assistant.agendas.agenda import AgendaItem, AgendaRequest, build_offline_agenda
from mentor_assistant.evals.agenda_review import (
    AgendaCase,
    load_agenda_requests,
    review_agenda,
    run_agenda_requests,
)
from mentor_assistant.web.web_inputs import agenda_inputs

CASES = load_agenda_requests()


def test_the_set_covers_what_pairs_ask_for() -> None:
    requests = [case.request for case in CASES]
    assert len(CASES) >= 25 and len({case.id for case in CASES}) == len(CASES)
    kinds = {r.get("type") for r in requests} | ({"by number"} if any(
        "session" in r for r in requests) else set())
    assert {"first", "goals", "checkin", "midpoint", "closing", "by number"} <= kinds
    minutes = [r.get("minutes", 45) for r in requests]
    assert min(minutes) == 15 and max(minutes) == 120
    assert {r.get("role") for r in requests} == {"mentor", "mentee"}
    assert {r.get("context") for r in requests} >= {"entrepreneurship", "education",
                                                     "workplace"}
    assert any(case.expect.get("safety") for case in CASES)
    assert any(len(r.get("focus", "").split()) <= 2 for r in requests if r.get("focus"))
    assert any(case.expect.get("version") == 30 and case.request.get("type") == "first"
               for case in CASES)


@pytest.fixture(scope="module")
def results(guide_assistant):
    return {result.id: result for result in run_agenda_requests(guide_assistant, CASES)}


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_every_request_gets_a_usable_agenda(results, case: AgendaCase) -> None:
    assert results[case.id].failures == ()


def test_the_readme_reports_the_count(results) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"(\d+) of the (\d+) agenda requests", readme)
    assert match, "the README should say how many agenda requests pass"
    passed = sum(result.passed for result in results.values())
    assert (int(match.group(1)), int(match.group(2))) == (passed, len(CASES))


# --- the review catches what made agendas unusable ---

def _case(request: dict, **expect) -> AgendaCase:
    return AgendaCase("probe", request, expect)


@pytest.fixture(scope="module")
def templates(guide_assistant):
    from mentor_assistant.agendas.agenda import session_templates

    return {k: t for k, (_, t) in session_templates(guide_assistant.guide.docs_dir).items()}


def _swap(agenda, index: int, **changes):
    items = list(agenda.items)
    items[index] = replace(items[index], **changes)
    return replace(agenda, items=tuple(items))


def test_the_review_catches_unusable_agendas(guide_assistant, templates) -> None:
    request = {"type": "checkin", "minutes": 30, "role": "mentee"}
    agenda = build_offline_agenda(agenda_inputs(request), guide_assistant)
    case = _case(request, version=30)
    assert review_agenda(agenda, case, templates) == []

    def found(broken) -> str:
        return " ".join(review_agenda(broken, case, templates))

    fragment = _swap(agenda, 2, prompts=("From the guide: Ask yourself three questions first:",))
    assert "not a whole sentence" in found(fragment)
    raw = replace(agenda, preparation=("Read (mentees/feedback-to-your-mentor/#how-to-say)",))
    assert "raw path" in found(raw)
    doubled = replace(agenda, items=(*agenda.items[:-1], agenda.items[-2], agenda.items[-1]))
    assert "appears twice" in found(doubled)
    mentor_line = _swap(agenda, 1, prompts=("Last time you said you would try this. How did it "
                                            "go?",))
    assert "the mentor's line" in found(mentor_line)
    hour = _swap(agenda, 0, purpose="Agree what this first hour is for.")
    assert "speaks of an hour" in found(hour)
    scaled = _swap(agenda, 2, minutes=agenda.items[2].minutes - 1)
    scaled = _swap(scaled, 0, minutes=agenda.items[0].minutes + 1)
    assert "not the template's own 30-minute version" in found(scaled)
    safety_case = _case({"type": "checkin", "focus": "she feels hopeless"}, safety=True)
    assert "safeguarding lead" in " ".join(review_agenda(agenda, safety_case, templates))


def test_the_review_catches_a_missing_safety_step(guide_assistant, templates) -> None:
    hopeless = build_offline_agenda(AgendaRequest(
        session_type="checkin", focus="she said she feels hopeless and can't cope"),
        guide_assistant)
    case = _case({"type": "checkin"}, safety=True)
    assert review_agenda(hopeless, case, templates) == []
    without = replace(hopeless, items=hopeless.items[1:] + (AgendaItem(
        "Learning topic", 0, "Learn.", ("What next?",)),))
    problems = " ".join(review_agenda(without, case, templates))
    assert "does not start with contacting the safeguarding lead" in problems
    assert "learning topic is still on the agenda" in problems
    routine = review_agenda(hopeless, _case({"type": "checkin"}), templates)
    assert "a safeguarding step was added to a routine request" in routine
