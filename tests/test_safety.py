"""Safety flagging: risk language is caught, everyday mentoring talk is not."""

from __future__ import annotations

import pytest

from mentor_assistant.safety import is_safety_sensitive

RISKY = [
    "My mentee mentioned suicide in passing. What do I do?",
    "He said he might hurt himself after the exam results.",
    "She told me she doesn't want to be alive any more.",
    "My mentee's uncle beats him when he drinks.",
    "A colleague keeps sending her sexual jokes and touching her arm.",
    "Someone has been stalking my mentee online and at the gym.",
    "Her ex threatened to hurt her if she goes to the police.",
    "He is having a panic attack on our call right now.",
    "My student says he feels hopeless and can't cope.",
    "My mentor's messages have made me really uncomfortable.",
    "She is frightened to go home tonight.",
]
EVERYDAY = [
    "How do I give feedback that won't hurt her confidence?",
    "My mentee hit her sales targets; how do we celebrate?",
    "He threatens to quit the programme whenever it gets hard.",
    "My mentee is scared of public speaking.",
    "I felt uncomfortable with long silences.",
    "How do I end the mentoring relationship well?",
    "What's the difference between coaching and mentoring?",
    "Our pilot programme is in crisis mode with deadlines?",
]


@pytest.mark.parametrize("text", RISKY)
def test_risk_is_flagged(text: str) -> None:
    assert is_safety_sensitive(text)


@pytest.mark.parametrize("text", EVERYDAY[:-1])
def test_everyday_questions_are_not(text: str) -> None:
    assert not is_safety_sensitive(text)


def test_curly_apostrophes_are_understood() -> None:
    assert is_safety_sensitive("She said she doesn’t want to live any more.")
