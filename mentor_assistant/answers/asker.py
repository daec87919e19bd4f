"""Who is asking, and about what: the role and topic of a question in its conversation.

The role comes from the question's own words ("my mentee" is a mentor's, "my
mentor" a mentee's, "our pairs" a programme owner's), else from the conversation
so far, else from the role the reader chose. A follow-up ("and if I'm the
programme owner?") keeps the conversation's topic for up to `TOPIC_TURNS` turns.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

TOPIC_TURNS = 3
FOLLOW_UP = re.compile(r"^\s*(and|but|what about|what if|how about|also|so|then|ok|okay|"
                       r"same|what do i|how do i|should i|can i|do i)\b", re.IGNORECASE)
_ME = r"\b(i'?m|i am|as|me being|if i was|if i'?m|i'?ll be|speaking as)\s+(the |a |an )?"
ROLE_SAID = {
    "program_owner": re.compile(_ME + r"(programme|program|scheme)\s*(owner|lead|manager|"
                                r"coordinator|organi[sz]er)|\b(i run|i'?m running|we run|"
                                r"i manage|i coordinate)\s+(the |a |our )?(mentoring )?"
                                r"(programme|program|scheme)", re.IGNORECASE),
    "mentee": re.compile(_ME + r"(mentee|mentoree|protege)\b", re.IGNORECASE),
    "mentor": re.compile(_ME + r"mentor\b", re.IGNORECASE),
}
ROLE_HINTS = {
    "program_owner": re.compile(r"\b(our|my|the)\s+(mentoring\s+|mentorship\s+)?(pairs|"
                                r"cohort|mentors and mentees|launch|programme|program|scheme|"
                                r"volunteers|participants|pilot)\b|"
                                r"\bpairs?\b.*\b(programme|scheme|cohort)\b|"
                                r"\b(rematch|re-match|our mentors|our mentees|before we pair|"
                                r"pair them up|take them on|going live|went live|"
                                r"mentor (training|applicants?|recruitment)|"
                                r"(train|training|recruit|recruiting|screen|screening|match|"
                                r"matching) (our |the |new )?(mentors|volunteers))\b",
                                re.IGNORECASE),
    "mentor": re.compile(r"\b(my|our|the|his|her|their)\s+(new\s+)?(mentee|mentees|"
                         r"mentoree|protege)\b|\b(mentee|mentoree) (of mine|i have)\b|"
                         r"\b(mentors?|(has|have|'?s|'?ve) mentored|(am|is|are|been|'?m|'?s|"
                         r"started|i'?ll be) mentoring)\s+(a|an|two|three|"
                         r"some|someone|somebody|people|young|new|this|my|our|his|her)\b",
                         re.IGNORECASE),
    "mentee": re.compile(r"\b(my|our|his|her|their)\s+(new\s+)?(company\s+|work\s+)?"
                         r"mentor\b|\b(i'?m|i am|i'?ve been|being) mentored\b",
                         re.IGNORECASE),
}
ROLE_NAMES = {"mentor": "mentor", "mentee": "mentee", "program_owner": "programme owner"}


@dataclass(frozen=True)
class Asking:
    """What to search with and for whom."""

    query: str
    role: str | None
    follow_up: bool
    explicit: bool = False  # the role was chosen or said outright, not implied


def infer_role(question: str) -> str | None:
    """The role a question speaks from: said outright ("as the programme owner"), else
    implied ("my mentee", "my mentor", "our cohort")."""
    for patterns in (ROLE_SAID, ROLE_HINTS):
        for role, pattern in patterns.items():
            if pattern.search(question):
                return role
    return None


def said_role(question: str) -> str | None:
    """A role the question states outright ("and if I'm the programme owner?")."""
    return next((role for role, pattern in ROLE_SAID.items() if pattern.search(question)),
                None)


def is_follow_up(question: str, earlier: Sequence[str]) -> bool:
    """A short or connective question that leans on the conversation."""
    return bool(earlier) and (len(question.split()) <= 12 or bool(FOLLOW_UP.match(question))
                              or said_role(question) is not None)


def asking(question: str, earlier: Sequence[str] = (), audience: str | None = None) -> Asking:
    """The query and role of ``question`` after the ``earlier`` questions of a conversation."""
    follow_up = is_follow_up(question, earlier)
    topic = _topic(earlier) if follow_up else []
    query = " ".join([*topic, question])
    said = said_role(question)
    role = said or infer_role(question)
    if role is None and follow_up:
        said = next((r for r in map(said_role, reversed(earlier)) if r), None)
        role = said or next((r for r in map(infer_role, reversed(earlier)) if r), None)
    role = role or audience
    explicit = bool(said) or (audience is not None and role == audience)
    return Asking(query, role, follow_up, explicit)


def _topic(earlier: Sequence[str]) -> list[str]:
    """The questions the conversation's topic rests on: back to the last one that stood on
    its own, at most `TOPIC_TURNS` of them."""
    recent = list(earlier[-TOPIC_TURNS:])
    for start in range(len(recent) - 1, -1, -1):
        if not is_follow_up(recent[start], recent[:start]) or start == 0:
            return [_without_role(q) for q in recent[start:]]
    return recent


def _without_role(question: str) -> str:
    """An earlier question minus the role it spoke from, so a role switch can take over."""
    for pattern in ROLE_SAID.values():
        question = pattern.sub(" ", question)
    return " ".join(question.split())
