"""Answer building blocks: cleaning, extractive composition and citation filtering."""

from __future__ import annotations

from mentor_assistant.answer import (
    CitationFilter,
    Source,
    candidate_sentences,
    compose_extractive,
    plain_lines,
)


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


def source(n: int, title: str) -> Source:
    return Source(n, title, "Section", f"{title.lower()}/", f"{title.lower()}.md", 0.5, "")


def test_compose_extractive_groups_and_renumbers() -> None:
    sources = [source(1, "Trust"), source(2, "Feedback"), source(3, "Unused")]
    sentences = [["Keep small promises every week.", "Be on time for each session."],
                 ["Ask before you give feedback to them.", "Then listen."],
                 ["Nothing relevant is said here."]]
    scores = [[0.9, 0.2], [0.3, 0.1], [0.1]]
    text, used = compose_extractive(sources, scores, sentences)
    assert [s.title for s in used] == ["Trust", "Feedback"]
    assert [s.n for s in used] == [1, 2]
    assert "**Trust › Section** [1]\nKeep small promises every week.\n" in text
    assert "Be on time" not in text  # too far below the best sentence
    assert "**Feedback › Section** [2]\nAsk before you give feedback to them." in text
    assert "Then listen" not in text  # the top two sources each get their best sentence
    assert "Nothing relevant" not in text
    assert text.startswith("Composed from the guide without a language model")


def test_citation_filter_drops_unknown_numbers_across_pieces() -> None:
    shown: list[str] = []
    citations = CitationFilter({1, 2}, shown.append)
    for piece in ["Keep promises [", "1]. Listen [3", "] and ask [2][", "9]. Done [x]."]:
        citations.feed(piece)
    text = citations.close()
    assert text == "Keep promises [1]. Listen  and ask [2]. Done [x]."
    assert "".join(shown) == text
    assert citations.removed == [3, 9]
