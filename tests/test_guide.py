"""The guide's content: enough real pages, every brief topic covered, sound templates."""

from __future__ import annotations

import re

import pytest

from mentor_assistant.guide.content import load_pages
from mentor_assistant.guide.sessions import SESSION_TYPES

# Topic -> (page, words that must appear in one of its headings).
TOPICS = {
    "what mentoring is": ("foundations/what-is-mentoring.md", "what mentoring is"),
    "role of the mentor": ("foundations/what-is-mentoring.md", "mentor's role"),
    "role of the mentee": ("foundations/what-is-mentoring.md", "mentee's role"),
    "mentoring vs coaching, managing, sponsoring": (
        "foundations/mentoring-coaching-managing-sponsoring.md", "comparison"),
    "one-to-one": ("foundations/forms-of-mentoring.md", "one-to-one"),
    "group": ("foundations/forms-of-mentoring.md", "group mentoring"),
    "peer": ("foundations/forms-of-mentoring.md", "peer mentoring"),
    "reverse": ("foundations/forms-of-mentoring.md", "reverse mentoring"),
    "remote form": ("foundations/forms-of-mentoring.md", "remote mentoring"),
    "mentee: faster learning": ("benefits/for-mentees.md", "faster learning"),
    "mentee: professional issues": ("benefits/for-mentees.md", "professional issues"),
    "mentee: skills": ("benefits/for-mentees.md", "skills"),
    "mentee: network": ("benefits/for-mentees.md", "network"),
    "mentee: self-confidence": ("benefits/for-mentees.md", "self-confidence"),
    "mentee: leadership": ("benefits/for-mentees.md", "leadership"),
    "mentor: reflection": ("benefits/for-mentors.md", "reflection"),
    "mentor: leadership and communication": ("benefits/for-mentors.md", "communication"),
    "mentor: satisfaction": ("benefits/for-mentors.md", "satisfaction"),
    "organisation: continuous learning": ("benefits/for-organisations.md", "continuous learning"),
    "organisation: keeping talent": ("benefits/for-organisations.md", "keeping talent"),
    "organisation: inclusive culture": ("benefits/for-organisations.md", "inclusive"),
    "programme goals": ("program-owners/programme-goals.md", "know-how to autonomy"),
    "structure: frequency": ("program-owners/programme-structure.md", "frequency"),
    "structure: session length": ("program-owners/programme-structure.md", "session length"),
    "structure: duration": ("program-owners/programme-structure.md", "duration"),
    "structure: content": ("program-owners/programme-structure.md", "content"),
    "structure: formats": ("program-owners/programme-structure.md", "formats"),
    "monitoring: check-ins": ("program-owners/monitoring-and-evaluation.md", "check-ins"),
    "monitoring: surveys": ("program-owners/monitoring-and-evaluation.md", "surveys"),
    "monitoring: indicators": ("program-owners/monitoring-and-evaluation.md", "indicators"),
    "choosing mentors: expertise is not enough": (
        "program-owners/choosing-mentors.md", "expertise"),
    "choosing mentors: listening": ("program-owners/choosing-mentors.md", "does not listen"),
    "matching": ("program-owners/matching.md", "matching criteria"),
    "training mentors": ("program-owners/training-mentors.md", "training outline"),
    "supporting mentors": ("program-owners/training-mentors.md", "ongoing support"),
    "launch checklist": ("program-owners/launch-plan.md", "launch checklist"),
    "ending": ("program-owners/ending-and-rematching.md", "planned endings"),
    "rematching": ("program-owners/ending-and-rematching.md", "rematching"),
    "safeguarding policy": ("program-owners/safeguarding-policy.md", "safeguarding lead"),
    "escalation route": ("program-owners/safeguarding-policy.md", "escalation route"),
    "confidentiality policy": ("program-owners/safeguarding-policy.md", "confidentiality"),
    "trust: time": ("mentors/building-trust.md", "takes time"),
    "trust: patience": ("mentors/building-trust.md", "patience"),
    "trust: mutual commitment": ("mentors/building-trust.md", "mutual commitment"),
    "trust: confidentiality": ("mentors/building-trust.md", "confidentiality"),
    "trust: reliability": ("mentors/building-trust.md", "reliability"),
    "trust: repairing a breach": ("mentors/building-trust.md", "repairing a breach"),
    "autonomy: open questions": ("mentors/guiding-without-imposing.md", "open questions"),
    "autonomy: options not directives": ("mentors/guiding-without-imposing.md", "options"),
    "autonomy: mentee decides": ("mentors/guiding-without-imposing.md", "mentee decide"),
    "autonomy: sharing experience": ("mentors/guiding-without-imposing.md", "own experience"),
    "tailoring: discovering needs": ("mentors/tailoring-to-the-mentee.md", "discovering needs"),
    "tailoring: career stage": ("mentors/tailoring-to-the-mentee.md", "career stage"),
    "tailoring: learning preferences": ("mentors/tailoring-to-the-mentee.md", "learning"),
    "tailoring: cultural background": ("mentors/tailoring-to-the-mentee.md", "cultural"),
    "tailoring: neurodiversity": ("mentors/tailoring-to-the-mentee.md", "neurodiversity"),
    "tailoring: format and pace": ("mentors/tailoring-to-the-mentee.md", "format and pace"),
    "active listening": ("mentors/active-listening-and-empathy.md", "listening"),
    "empathy": ("mentors/active-listening-and-empathy.md", "empathy"),
    "giving feedback": ("mentors/giving-feedback.md", "feedback"),
    "boundaries": ("mentors/boundaries.md", "boundaries"),
    "difficult: cancellations": ("mentors/difficult-moments.md", "cancellations"),
    "difficult: disengagement": ("mentors/difficult-moments.md", "disengagement"),
    "difficult: disagreement": ("mentors/difficult-moments.md", "disagreement"),
    "difficult: strong emotions": ("mentors/difficult-moments.md", "strong emotions"),
    "mentoring remotely": ("mentors/mentoring-remotely.md", "rapport at a distance"),
    "mentee: getting the most": ("mentees/getting-the-most.md", "owning the relationship"),
    "mentee: preparing": ("mentees/preparing-for-a-session.md", "preparation"),
    "mentee: SMART goals": ("mentees/smart-goals.md", "smart goals"),
    "mentee: feedback to mentor": ("mentees/feedback-to-your-mentor.md", "not working"),
    "mentee: ending well": ("mentees/ending-well.md", "ending"),
    "entrepreneurship: founders' complexity": ("contexts/entrepreneurship.md", "founders"),
    "entrepreneurship: practical advice": ("contexts/entrepreneurship.md", "practical advice"),
    "entrepreneurship: moral support": ("contexts/entrepreneurship.md", "moral support"),
    "education: academic counselling": ("contexts/education.md", "academic counselling"),
    "education: career coaching": ("contexts/education.md", "career coaching"),
    "education: projects": ("contexts/education.md", "professional projects"),
    "workplace": ("contexts/workplace.md", "onboarding"),
    "toolkit: agreement": ("toolkit/mentoring-agreement.md", "agreement template"),
    "toolkit: SMART worksheet": ("toolkit/smart-goal-worksheet.md", "smart prompts"),
    "toolkit: session notes": ("toolkit/session-notes-template.md", "notes template"),
    "toolkit: question bank": ("toolkit/question-bank.md", "generating options"),
    "toolkit: launch checklist": ("toolkit/launch-checklist.md", "first sessions"),
    "toolkit: survey": ("toolkit/feedback-survey.md", "survey"),
    "escalate: who to contact": ("help/when-to-escalate.md", "who to contact"),
    "escalate: what to say": ("help/when-to-escalate.md", "what to say"),
    "escalate: harassment": ("help/when-to-escalate.md", "harassment"),
    "escalate: mental health": ("help/when-to-escalate.md", "mental-health crises"),
    "escalate: not therapists": ("help/when-to-escalate.md", "not therapists"),
    "faq": ("reference/faq.md", "for mentors"),
    "editing this guide": ("program-owners/editing-this-guide.md", "front matter fields"),
}
SHORT_PAGES = {"index.md", "tags.md", "reference/glossary.md"}
MIN_WORDS = 350


@pytest.fixture(scope="module")
def pages(guide):
    return {page.path: page for page in load_pages(guide.docs_dir)}


def words(text: str) -> int:
    return len(re.findall(r"[A-Za-z][A-Za-z'’-]*", text))


def test_at_least_thirty_pages(pages) -> None:
    assert len(pages) >= 30


def test_content_pages_carry_real_guidance(pages) -> None:
    thin = {path: words(page.body) for path, page in pages.items()
            if path not in SHORT_PAGES and words(page.body) < MIN_WORDS}
    assert thin == {}


@pytest.mark.parametrize("topic", sorted(TOPICS))
def test_topic_is_covered(pages, topic: str) -> None:
    path, phrase = TOPICS[topic]
    headings = [h.text.lower() for h in pages[path].headings]
    assert any(phrase in heading for heading in headings), (path, headings)


def test_one_template_per_session_type(pages) -> None:
    types = sorted(page.session.type for page in pages.values() if page.session)
    assert types == sorted(SESSION_TYPES)


def test_template_minutes_add_up_and_items_are_complete(pages) -> None:
    for page in pages.values():
        if page.session is None:
            continue
        assert sum(item.minutes for item in page.session.items) == page.session.minutes
        for item in page.session.items:
            assert item.minutes > 0 and item.purpose and len(item.prompts) >= 2, item
        assert page.session.preparation["mentor"] and page.session.preparation["mentee"]


def test_pages_teach_with_phrases_checklists_and_pitfalls(pages) -> None:
    """Most guidance pages offer something to say, a checklist and what to avoid."""
    guidance = [p for path, p in pages.items() if path not in SHORT_PAGES]
    phrases = [p for p in guidance if re.search(r'"[^"]{12,}"|“[^”]{12,}”', p.body)]
    checklists = [p for p in guidance if "- [ ]" in p.body]
    pitfalls = [p for p in guidance if re.search(r"(?im)^#+ .*(pitfall|avoid|not to do)", p.body)]
    assert len(phrases) >= 0.9 * len(guidance)
    assert len(checklists) >= 0.5 * len(guidance)
    assert len(pitfalls) >= 0.8 * len(guidance)


def test_escalation_page_renders_its_contacts(pages) -> None:
    page = pages["help/when-to-escalate.md"]
    table = page.expanded_body().lower()
    assert "<!-- contacts -->" not in table
    for contact in ("safeguarding lead", "local emergency number", "112", "999", "911", "988",
                    "116 123"):
        assert contact in table
    assert "| situation | who | how |" in table


PHONE_NUMBER = re.compile(r"(?<![\w/.#-])(\d{3}(?: \d{3})?)(?![\w/.%-])")


def test_numbers_live_only_in_the_contacts(pages) -> None:
    """Every other page links to the contacts instead of repeating numbers."""
    for path, page in pages.items():
        numbers = {n for n in PHONE_NUMBER.findall(page.body)
                   if n in ("112", "999", "911", "988", "116 123", "111", "000")}
        assert not numbers, f"{path} repeats emergency or crisis numbers {numbers}"
    contacts = pages["help/when-to-escalate.md"].meta["contacts"]
    assert any("112" in row["how"] for row in contacts)


# Seven or more digits, with the spaces, dashes, dots and brackets phone numbers are written with.
ANY_PHONE_NUMBER = re.compile(r"\+?\(?\d(?:[ ().-]{0,2}\d){6,}")


def test_no_page_carries_a_phone_number(pages) -> None:
    """Phone numbers live only in the escalation page's contacts list, never in a page's text."""
    for path, page in pages.items():
        meta = {k: v for k, v in page.meta.items() if not (path == "help/when-to-escalate.md"
                                                              and k == "contacts")}
        found = ANY_PHONE_NUMBER.findall(page.body + " " + str(meta))
        assert not found, f"{path} contains what looks like a phone number: {found}"


def test_phone_number_pattern_catches_the_usual_ways_of_writing_one() -> None:
    for number in ("0100 000 000", "+44 20 7946 0958", "(555) 010-4477", "0800.123.4567"):
        assert ANY_PHONE_NUMBER.search(f"Call {number} now"), number
    for text in ("2026", "12 March 2026", "a 40-pair programme", "45 minutes, 10 to 60 pairs"):
        assert not ANY_PHONE_NUMBER.search(text), text


def test_audiences_are_served(pages) -> None:
    for audience in ("mentor", "mentee", "program_owner"):
        assert sum(audience in page.audience for page in pages.values()) >= 10, audience
