"""Who is asking: the role a question speaks from, and the topic a follow-up keeps."""

from __future__ import annotations

import pytest

from mentor_assistant.answers.asker import asking, infer_role


@pytest.mark.parametrize(("question", "role"), [
    ("my mentee keeps cancelling, what do I do", "mentor"),
    ("my mentor added me on instagram, is that ok??", "mentee"),
    ("what rhythm should our pairs have in the early days", "program_owner"),
    ("our cohort kickoff is soon, what happens on the day", "program_owner"),
    ("as the programme owner, how do I rematch someone?", "program_owner"),
    ("and if I'm the programme owner?", "program_owner"),
    ("and what if I'm the mentee?", "mentee"),
    ("I'm a mentor, how often should we meet?", "mentor"),
    ("how do I give feedback?", None),
    # someone asking for another person speaks from that person's role
    ("my dad mentors a first year at uni, how can he help with essays", "mentor"),
    ("a guy in my team has been mentoring a grad and it's gone stale", "mentor"),
    ("my flatmate never does what she agrees with her mentor", "mentee"),
    ("i'm being mentored by someone senior, how do i push back", "mentee"),
    ("boss keeps asking if our mentoring scheme actually works", "program_owner"),
    ("what to cover in mentor training before kickoff", "program_owner"),
    ("how do i prep for a mentoring session", None),
])
def test_the_role_comes_from_the_question(question: str, role: str | None) -> None:
    assert infer_role(question) == role


def test_a_role_said_outright_beats_a_role_implied() -> None:
    assert infer_role("I'm the mentee and my mentor never replies") == "mentee"


def test_follow_ups_keep_the_topic_for_three_turns() -> None:
    earlier = ["My mentee keeps cancelling our sessions at the last minute",
               "what should I say to him?"]
    third = asking("and if I'm the programme owner?", earlier)
    assert third.query.startswith("My mentee keeps cancelling our sessions")
    assert "what should I say to him?" in third.query
    assert third.role == "program_owner" and third.explicit and third.follow_up
    second = asking("what should I say to him?", earlier[:1])
    assert second.role == "mentor" and not second.explicit  # implied by "my mentee"


def test_a_new_question_starts_a_new_topic() -> None:
    earlier = ["My mentee keeps cancelling our sessions at the last minute"]
    fresh = asking("How should a programme owner measure whether the programme is working "
                   "over a whole year of sessions?", earlier)
    assert not fresh.follow_up and fresh.query.startswith("How should")


def test_the_chosen_role_applies_when_the_question_implies_none() -> None:
    chosen = asking("how do I give feedback?", (), audience="mentee")
    assert chosen.role == "mentee" and chosen.explicit
    implied = asking("my mentor talks too much", (), audience="mentor")
    assert implied.role == "mentee" and not implied.explicit
