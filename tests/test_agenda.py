"""Agenda suggestions over the real guide: phases, minutes, focus and sources."""

from __future__ import annotations

from pathlib import Path

import pytest
from site_html import page_file, read_html

from mentor_assistant.agenda import (
    AgendaRequest,
    build_offline_agenda,
    infer_session_type,
    resolve_session_type,
    suggest_agenda,
)
from mentor_assistant.errors import RequestError
from mentor_assistant.goals import Action, PairNotes
from mentor_assistant.sessions import SESSION_TYPES

FOCUSES = {
    "checkin": "my mentee keeps waiting for me to decide for her",
    "first": "the mentee is very shy and gives one-word answers",
    "goals": "the mentee's goals are vague, like 'be more confident'",
    "midpoint": "my mentee seems disengaged and keeps cancelling",
    "closing": "we want to stay in touch after the programme ends",
}


@pytest.mark.parametrize("kind", SESSION_TYPES)
@pytest.mark.parametrize("minutes", [15, 30, 45, 60, 90])
def test_minutes_add_up_for_every_type(guide_assistant, kind: str, minutes: int) -> None:
    for focus in ("", FOCUSES[kind]):
        agenda = suggest_agenda(AgendaRequest(session_type=kind, minutes=minutes, focus=focus),
                                guide_assistant)
        assert agenda.session_type == kind and agenda.minutes == minutes
        assert sum(item.minutes for item in agenda.items) == minutes
        assert all(item.minutes >= 3 for item in agenda.items)
        assert len(agenda.items) >= 3 and agenda.mode == "template"
        for item in agenda.items:
            assert item.purpose and 2 <= len(item.prompts) <= 3, item


def test_default_length_is_the_templates(guide_assistant) -> None:
    agenda = suggest_agenda(AgendaRequest(session_type="checkin"), guide_assistant)
    assert agenda.minutes == 45 and "Regular check-in (45 minutes)" in agenda.title


def test_the_focus_changes_the_agenda(guide_assistant) -> None:
    plain = suggest_agenda(AgendaRequest(session_type="checkin"), guide_assistant)
    focused = suggest_agenda(AgendaRequest(session_type="checkin",
                                           focus=FOCUSES["checkin"]), guide_assistant)
    assert [i.title for i in plain.items] != [i.title for i in focused.items]
    focus_item = next(i for i in focused.items if i.title.startswith("Focus:"))
    assert "waiting for me to decide" in focus_item.title
    assert not set(focus_item.prompts) & {p for i in plain.items for p in i.prompts}
    cited = {s.path for s in focus_item.sources}
    assert "mentors/guiding-without-imposing.md" in cited
    assert focused.sources[0].path == "mentors/guiding-without-imposing.md"
    assert any("“The mentee who keeps waiting for you to decide” in Guiding without imposing"
               in step for step in focused.preparation)
    assert not any(ref.url.split("#")[0] in step for ref in focused.sources
                   for step in focused.preparation)  # named, not a raw path


def test_role_shapes_the_preparation(guide_assistant) -> None:
    mentor = suggest_agenda(AgendaRequest(session_type="first"), guide_assistant)
    mentee = suggest_agenda(AgendaRequest(session_type="first", role="mentee"), guide_assistant)
    assert mentor.preparation != mentee.preparation
    assert mentee.role == "mentee" and "prepared by the mentee" in mentee.title


def test_open_actions_come_back_as_a_review(guide_assistant) -> None:
    notes = PairNotes(goals=("Lead the planning meeting",),
                      actions=(Action("Draft the agenda"), Action("Ask Sam", done=True)))
    agenda = suggest_agenda(AgendaRequest(session_type="midpoint", notes=notes),
                            guide_assistant)
    review = agenda.items[1]
    assert review.title == "Review last session's actions"
    assert any("Draft the agenda" in p for p in review.prompts)
    assert not any("Ask Sam" in p for i in agenda.items for p in i.prompts)
    assert any("Lead the planning meeting" in p for i in agenda.items for p in i.prompts)


def test_context_adds_its_page(guide_assistant) -> None:
    agenda = suggest_agenda(AgendaRequest(session_type="checkin", focus="preparing a pitch "
                                          "for investors", context="entrepreneurship"),
                            guide_assistant)
    assert any(s.path == "contexts/entrepreneurship.md" for s in agenda.sources)


def test_offline_agendas_are_deterministic(guide_assistant) -> None:
    request = AgendaRequest(session_type="goals", minutes=50, focus=FOCUSES["goals"],
                            context="education", role="mentee")
    assert build_offline_agenda(request, guide_assistant).to_json() == \
        build_offline_agenda(request, guide_assistant).to_json()


def test_sources_land_on_real_sections_of_the_built_site(guide_assistant,
                                                         built_site: Path) -> None:
    for kind, focus in FOCUSES.items():
        agenda = suggest_agenda(AgendaRequest(session_type=kind, focus=focus), guide_assistant)
        refs = [*agenda.sources, *(s for item in agenda.items for s in item.sources)]
        assert refs
        for ref in refs:
            page, _, anchor = ref.url.partition("#")
            built = page_file(built_site, page)
            assert built.is_file(), ref.url
            assert not anchor or anchor in read_html(built).heading_ids, ref.url


@pytest.mark.parametrize(("number", "total", "kind"), [
    (1, 8, "first"), (2, 8, "goals"), (3, 8, "checkin"), (4, 8, "midpoint"), (7, 8, "checkin"),
    (8, 8, "closing"), (3, 6, "midpoint"), (1, 1, "first"), (2, 2, "closing"),
])
def test_session_number_implies_the_type(number: int, total: int, kind: str) -> None:
    assert infer_session_type(number, total) == kind
    assert resolve_session_type(AgendaRequest(session_number=number, total_sessions=total)) == kind


@pytest.mark.parametrize(("request_", "message"), [
    (AgendaRequest(session_type="checkin", minutes=10), "outside what an agenda can serve"),
    (AgendaRequest(session_type="checkin", minutes=241), "outside what an agenda can serve"),
    (AgendaRequest(session_type="catchup"), "unknown session type"),
    (AgendaRequest(session_number=9, total_sessions=8), "past the planned total"),
    (AgendaRequest(), "say which session this is"),
    (AgendaRequest(session_type="first", role="coach"), "unknown role"),
])
def test_bad_requests(guide_assistant, request_: AgendaRequest, message: str) -> None:
    with pytest.raises(RequestError, match=message):
        suggest_agenda(request_, guide_assistant)
