"""Answer building blocks: cleaning, extractive composition and citation filtering."""

from __future__ import annotations

from dataclasses import replace

from mentor_assistant.answers.answer import (
    CitationFilter,
    Source,
    candidate_sentences,
    compose_passages,
    plain_lines,
)
from mentor_assistant.answers.passages import Passage


def test_plain_lines_strip_markdown() -> None:
    text = ('!!! tip "Try this"\n    Say **what you saw**, not *what you think*.\n'
            "- [ ] Read the [agreement](../toolkit/agreement.md)\n"
            "| Who | How |\n| --- | --- |\n| Lead | Call 999 |\n<!-- agenda -->")
    assert plain_lines(text) == ["Say what you saw, not what you think.",
                                 "Read the agreement", "Lead — Call 999"]


def test_candidate_sentences_keep_whole_thoughts() -> None:
    text = "Yes. Listen before you advise, every single time. Then ask what they think next."
    assert candidate_sentences(text) == ["Listen before you advise, every single time.",
                                         "Then ask what they think next."]


def source(n: int, title: str, score: float = 0.5) -> Source:
    return Source(n, title, "Section", f"{title.lower()}/", f"{title.lower()}.md", score, "")


def passage(text: str) -> Passage:
    return Passage(text, ("advice",), True)


def test_compose_passages_leads_with_the_first_quotable_section() -> None:
    sources = [source(1, "Intro", 0.6), source(2, "Trust", 0.55), source(3, "Notes", 0.3)]
    passages = [None, passage("- Keep small promises.\n- Be on time."), passage("Write it down.")]
    text, used = compose_passages(sources, passages)
    assert text.startswith("Composed from the guide without a language model")
    assert "**Trust › Section** [1]\n\n- Keep small promises.\n- Be on time." in text
    assert "Write it down" not in text  # far less relevant: a See also line only
    assert text.endswith("See also:\n- Intro › Section [2]\n- Notes › Section [3]")
    assert [(s.title, s.n) for s in used] == [("Trust", 1), ("Intro", 2), ("Notes", 3)]


def test_a_second_passage_only_when_close_and_new() -> None:
    sources = [source(1, "Trust", 0.60), source(2, "Feedback", 0.59), source(3, "Same", 0.58)]
    close = [passage("Keep small promises every week."), passage("Ask before giving feedback."),
             passage("Keep small promises every week.")]
    text, used = compose_passages(sources, close)
    assert "**Feedback › Section** [2]\n\nAsk before giving feedback." in text
    assert "**Same" not in text and "- Same › Section [3]" in text
    repeated = [close[0], close[2], close[1]]
    text, _ = compose_passages([sources[0], sources[2], sources[1]], repeated)
    assert "**Same" not in text and "**Feedback › Section** [2]" in text


def test_also_quotes_a_named_passage_after_the_lead_whatever_its_score() -> None:
    sources = [source(1, "Escalate", 0.40), source(2, "Training", 0.20), source(3, "FAQ", 0.19)]
    passages = [passage("Tell the lead today."), passage("- Mentor circles.\n- Office hours."),
                passage("Yes, always.")]
    text, used = compose_passages(sources, passages, first_number=2, second=False, also=1)
    assert text.index("**Escalate › Section** [2]") < text.index(
        "**Training › Section** [3]\n\n- Mentor circles.\n- Office hours.")
    assert text.endswith("See also:\n- FAQ › Section [4]")
    assert [(s.title, s.n) for s in used] == [("Escalate", 2), ("Training", 3), ("FAQ", 4)]
    alone, _ = compose_passages(sources, passages, second=False)
    assert "**Training" not in alone  # without it, far less relevant: a See also line


def test_a_thin_lead_leaves_room_for_a_less_close_second() -> None:
    sources = [source(1, "Thanks", 0.60), source(2, "Phrases", 0.56)]
    thin = passage("A specific thank-you means more than a generic one.")
    phrases = passage(" ".join(["Say what changed because of their help."] * 3))
    text, _ = compose_passages(sources, [thin, phrases])
    assert "**Phrases › Section** [2]" in text
    full = passage(" ".join(["Name the one thing their help changed for you."] * 12))
    text, _ = compose_passages(sources, [full, phrases])
    assert "**Phrases" not in text and "- Phrases › Section [2]" in text


def test_a_lead_that_only_explains_is_followed_by_its_own_pages_advice() -> None:
    why = replace(source(1, "Endings", 0.80), heading="Why the ending matters")
    other = replace(source(2, "Planning", 0.79), heading="Why endings need planning")
    advice = replace(source(3, "Endings", 0.72), heading="If it ended badly")
    explains = Passage(" ".join(["A clear ending lets you both see the progress made."] * 8),
                       ("prose",), True)
    steps = passage("- Send a short message to close it properly.")
    text, _ = compose_passages([why, other, advice],
                               [explains, passage("Plan the last session early."), steps])
    assert "**Endings › If it ended badly** [2]" in text
    assert "Plan the last session early" not in text
    listed = Passage(explains.markdown, ("prose", "advice"), True)
    text, _ = compose_passages([why, other, advice],
                               [listed, passage("Plan the last session early."), steps])
    assert "**Endings › If it ended badly**" not in text  # the lead has advice of its own


def test_see_also_leaves_out_a_subsection_the_quote_reads_on_into() -> None:
    parent = replace(source(1, "Moments", 0.80), heading="Strong emotions")
    child = replace(source(2, "Moments", 0.70), heading="When a mentee cries")
    elsewhere = replace(source(3, "Listening", 0.60), heading="When a mentee cries")
    reads_on = passage("Strong feelings are normal.\n\nWhen a mentee cries:\n\n- Pause.")
    text, used = compose_passages([parent, child, elsewhere], [reads_on, None, None])
    assert "- Moments › When a mentee cries" not in text  # already quoted
    assert "- Listening › When a mentee cries [2]" in text  # another page's section stays
    assert [s.title for s in used] == ["Moments", "Listening"]
    text, _ = compose_passages([parent, child], [passage("Strong feelings are normal."), None])
    assert "- Moments › When a mentee cries [2]" in text  # not read on: listed as before


def test_citation_filter_drops_unknown_numbers_across_pieces() -> None:
    shown: list[str] = []
    citations = CitationFilter({1, 2}, shown.append)
    for piece in ["Keep promises [", "1]. Listen [3", "] and ask [2][", "9]. Done [x]."]:
        citations.feed(piece)
    text = citations.close()
    assert text == "Keep promises [1]. Listen  and ask [2]. Done [x]."
    assert "".join(shown) == text
    assert citations.removed == [3, 9]
