"""Agenda suggestions over the real guide: phases, minutes, focus and sources."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from site_html import page_file, read_html

from mentor_assistant.agendas.agenda import (
    AgendaRequest,
    build_offline_agenda,
    infer_session_type,
    resolve_session_type,
    suggest_agenda,
)
from mentor_assistant.agendas.goals import Action, PairNotes
from mentor_assistant.errors import RequestError
from mentor_assistant.guide.sessions import SESSION_TYPES

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


def test_a_focus_flagged_unsurely_keeps_its_agenda_and_says_whom_to_contact(
        guide_assistant) -> None:
    from mentor_assistant.agendas.agenda_words import SAFETY_TITLE, UNSURE_STEP
    from mentor_assistant.evals.evaluation import load_golden

    ordinary = [q.question for q in load_golden() if not q.flags]
    unsure = [text for text in ordinary if guide_assistant.safety.check(text).unsure]
    assert unsure, "no ordinary golden question is flagged unsurely: pick another source"
    for role in ("mentor", "mentee"):
        plain = suggest_agenda(AgendaRequest(session_type="checkin", role=role), guide_assistant)
        for focus in unsure:
            agenda = suggest_agenda(AgendaRequest(session_type="checkin", role=role, focus=focus),
                                    guide_assistant)
            assert agenda.flags == () and agenda.items[0].title != SAFETY_TITLE, focus
            assert agenda.items != plain.items, focus  # the focus is worked in
            assert agenda.preparation[0] == UNSURE_STEP[role], focus
            assert agenda.sources[0].path != "help/when-to-escalate.md", focus
            assert agenda.sources[-1].url.endswith("when-to-escalate/#who-to-contact"), focus


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


# --- the templates' own versions, priorities and length words ---

def test_a_30_minute_first_meeting_is_the_templates_own_version(guide_assistant) -> None:
    agenda = suggest_agenda(AgendaRequest(session_type="first", minutes=30), guide_assistant)
    assert [(i.title, i.minutes) for i in agenda.items] == [
        ("Arrive and settle in", 3), ("Getting to know each other", 10),
        ("Hopes and expectations", 5), ("Confidentiality and boundaries", 5),
        ("Agree how you will work, and close", 7)]
    assert "agree what this first 30 minutes is for" in agenda.items[0].purpose
    hour = suggest_agenda(AgendaRequest(session_type="first"), guide_assistant)
    assert "agree what this first hour is for" in hour.items[0].purpose


@pytest.mark.parametrize(("minutes", "version"), [(25, 30), (35, 30), (40, 45), (55, 45),
                                                  (75, 90), (120, 90)])
def test_other_lengths_scale_from_the_nearest_version(guide_assistant, minutes: int,
                                                      version: int) -> None:
    agenda = suggest_agenda(AgendaRequest(session_type="checkin", minutes=minutes),
                            guide_assistant)
    titles = [i.title for i in agenda.items]
    assert ("Learning topic" in titles) == (version >= 45)  # the 30-minute version drops it
    assert ("Progress on goals" in titles) == (version == 90)  # the 90-minute one adds it
    assert sum(i.minutes for i in agenda.items) == minutes


@pytest.mark.parametrize("minutes", [15, 20, 25])
def test_short_check_ins_keep_next_actions_and_drop_the_learning_topic(guide_assistant,
                                                                      minutes: int) -> None:
    agenda = suggest_agenda(AgendaRequest(session_type="checkin", minutes=minutes,
                                          focus="she keeps missing her deadlines"),
                            guide_assistant)
    titles = [i.title for i in agenda.items]
    assert "Agree next actions" in titles and "Learning topic" not in titles
    assert any(t.startswith("Focus:") for t in titles)


# --- the role's voice ---

def test_a_mentees_agenda_is_the_mentees_plan(guide_assistant) -> None:
    notes = PairNotes(actions=(Action("Draft my talking points"),))
    mentee = suggest_agenda(AgendaRequest(session_type="checkin", role="mentee", notes=notes,
                                          focus="preparing for a promotion conversation"),
                            guide_assistant)
    prompts = [p for i in mentee.items for p in i.prompts]
    assert "Tell your mentor how “Draft my talking points” went: what helped and what got in " \
           "the way." in prompts
    assert "Last time you said you would try this. How did it go?" not in prompts
    assert not any(p.startswith("When you shared") for p in prompts)  # no thank-you lines
    mentor = suggest_agenda(AgendaRequest(session_type="checkin"), guide_assistant)
    mentor_prompts = [p for i in mentor.items for p in i.prompts]
    assert "Last time you said you would try this. How did it go?" in mentor_prompts
    assert not set(mentor_prompts) & set(prompts)


# --- the focus where it belongs ---

def test_the_focus_goes_into_the_item_it_matches(guide_assistant) -> None:
    review = suggest_agenda(AgendaRequest(session_type="midpoint",
                                          focus=FOCUSES["midpoint"]), guide_assistant)
    assert [i.title for i in review.items] == [i.title for i in suggest_agenda(
        AgendaRequest(session_type="midpoint"), guide_assistant).items]  # no item beside it
    holder = next(i for i in review.items if "keeps cancelling" in i.purpose)
    assert holder.title == "How the relationship is working"
    closing = suggest_agenda(AgendaRequest(session_type="closing", focus=FOCUSES["closing"]),
                             guide_assistant)
    assert [i.title for i in closing.items].count("Say goodbye") == 1
    assert "stay in touch" in next(i for i in closing.items if i.title == "Say goodbye").purpose


def test_a_first_meeting_notes_the_focus_for_goal_setting(guide_assistant) -> None:
    agenda = suggest_agenda(AgendaRequest(session_type="first", minutes=30,
                                          context="entrepreneurship",
                                          focus="she wants help working out her prices"),
                            guide_assistant)
    assert not any(i.title.startswith("Focus") for i in agenda.items)
    hopes = next(i for i in agenda.items if i.title == "Hopes and expectations")
    assert "for goal setting rather than solving it today" in hopes.purpose
    assert not any("Pricing" in s.heading for s in agenda.sources)


def test_focus_sources_must_be_about_the_focus(guide_assistant) -> None:
    agenda = suggest_agenda(AgendaRequest(session_type="checkin", role="mentee",
                                          focus="preparing for a promotion conversation"),
                            guide_assistant)
    focus = next(i for i in agenda.items if i.title.startswith("Focus:"))
    assert not any(s.path.startswith("mentees/feedback-to-your-mentor") for s in focus.sources)
    assert focus.prompts == (
        "Explain where things stand and what you have already tried.",
        "Ask your mentor how they would approach it, and what they would watch out for.",
        "Decide one step you will take on it before the next session.")


@pytest.mark.parametrize("role", ["mentor", "mentee"])
def test_prompts_are_whole_sentences(guide_assistant, role: str) -> None:
    for kind, focus in FOCUSES.items():
        agenda = suggest_agenda(AgendaRequest(session_type=kind, role=role, focus=focus),
                                guide_assistant)
        for prompt in (p for i in agenda.items for p in i.prompts):
            assert prompt[0].isupper() or prompt[0] in "“\"", prompt
            assert prompt.rstrip("”\"")[-1] in ".?!" and not prompt.endswith(":"), prompt


# --- safety first ---

HOPELESS = "she said she feels hopeless and can't cope"


@pytest.mark.parametrize("role", ["mentor", "mentee"])
def test_a_safety_focus_puts_the_safeguarding_lead_first(guide_assistant, role: str) -> None:
    agenda = suggest_agenda(AgendaRequest(session_type="checkin", role=role, focus=HOPELESS),
                            guide_assistant)
    first = agenda.items[0]
    assert first.title == "Safety first: contact your safeguarding lead"
    assert first.prompts[0].startswith("Contact your safeguarding lead today")
    assert first.sources[0].url == "help/when-to-escalate/#who-to-contact"
    assert agenda.sources[0].url == "help/when-to-escalate/#who-to-contact"
    assert agenda.preparation[0].startswith("Contact your safeguarding lead today")
    assert "Learning topic" not in [i.title for i in agenda.items]
    assert "Agree next actions" in [i.title for i in agenda.items]
    assert agenda.flags == ("safety",) and agenda.to_json()["flags"] == ["safety"]
    assert sum(i.minutes for i in agenda.items) == 45


class _Flagging:
    """The real assistant, with a safety detector that flags one given text."""

    def __init__(self, assistant, flagged: str) -> None:
        self._assistant, self._flagged = assistant, flagged

    def check_safety(self, text: str):
        from mentor_assistant.safety.detector import SafetyCheck

        flagged = text == self._flagged
        return SafetyCheck(flagged, 1.0 if flagged else 0.0)

    def __getattr__(self, name: str):
        return getattr(self._assistant, name)


def test_the_agenda_asks_the_assistants_safety_detector(guide_assistant) -> None:
    focus = "we keep running out of time"
    plain = suggest_agenda(AgendaRequest(session_type="checkin", focus=focus), guide_assistant)
    assert plain.flags == () and not plain.items[0].title.startswith("Safety")
    flagged = suggest_agenda(AgendaRequest(session_type="checkin", focus=focus),
                             _Flagging(guide_assistant, focus))
    assert flagged.flags == ("safety",) and flagged.items[0].title.startswith("Safety first")
    assert not guide_assistant.detect_safety(focus) and guide_assistant.detect_safety(HOPELESS)


def test_guide_lines_become_prompts_only_when_whole() -> None:
    from mentor_assistant.agendas.agenda_focus import prompt_candidates

    section = ("Name it early.\n\n"
               '- Say it kindly: "Our last sessions have felt flat to me. How are they feeling '
               'for you?"\n'
               '- "I know this is fuzzy, but the thing I keep coming back to is..."\n'
               "- Ask yourself three questions first:\n"
               "- What would make these sessions worth your time?\n")
    assert prompt_candidates(section) == [
        "Our last sessions have felt flat to me. How are they feeling for you?",
        "What would make these sessions worth your time?"]


def test_a_model_keeps_the_step_on_whom_to_contact_first(guide_assistant) -> None:
    from dataclasses import replace

    from mentor_assistant.agendas.agenda_llm import _allowed_sources, parse_agenda_reply
    from mentor_assistant.agendas.agenda_words import UNSURE_STEP

    offline = build_offline_agenda(AgendaRequest(session_type="checkin", minutes=30),
                                   guide_assistant)
    items = [{"title": item.title, "minutes": item.minutes, "purpose": item.purpose,
              "prompts": list(item.prompts[:2]), "sources": [s.url for s in item.sources]}
             for item in offline.items]
    reply = json.dumps({"title": "Your check-in", "items": items,
                        "preparation": ["Bring one decision.", UNSURE_STEP["mentor"]]})
    unsure = replace(offline, preparation=(UNSURE_STEP["mentor"], *offline.preparation))
    kept = parse_agenda_reply(reply, unsure, _allowed_sources(unsure))
    assert kept.preparation == (UNSURE_STEP["mentor"], "Bring one decision.")
    dropped = json.dumps({"title": "Your check-in", "items": items,
                          "preparation": ["Bring one decision."]})
    assert parse_agenda_reply(dropped, unsure, _allowed_sources(unsure)).preparation == (
        UNSURE_STEP["mentor"], "Bring one decision.")
    routine = parse_agenda_reply(dropped, offline, _allowed_sources(offline))
    assert routine.preparation == ("Bring one decision.",)
