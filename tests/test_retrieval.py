"""Retrieval over the real guide's index: dense, lexical and hybrid."""

from __future__ import annotations

from collections import Counter

import pytest

from mentor_assistant.errors import ConfigError
from mentor_assistant.retrieval import RETRIEVERS, Hit, diversify, retrieve


@pytest.mark.parametrize("retriever", RETRIEVERS)
def test_each_retriever_finds_the_obvious_section(guide_assistant, retriever: str) -> None:
    hits = guide_assistant.search("repairing a breach of trust after breaking confidentiality",
                                  5, retriever)
    assert len(hits) == 5
    assert "mentors/building-trust.md" in {hit.path for hit in hits[:3]}
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


@pytest.mark.parametrize("retriever", RETRIEVERS)
def test_results_are_diverse(guide_assistant, retriever: str) -> None:
    hits = guide_assistant.search("building trust with a mentee", 8, retriever)
    assert max(Counter(hit.path for hit in hits).values()) <= 2
    assert len({(hit.path, hit.anchor) for hit in hits}) == len(hits)


@pytest.mark.parametrize("retriever", RETRIEVERS)
def test_audience_filter(guide_assistant, retriever: str) -> None:
    hits = guide_assistant.search("how to choose and match mentors", 6, retriever,
                                  audience="mentee")
    assert hits and all("mentee" in hit.audience for hit in hits)
    owners = guide_assistant.search("how to choose and match mentors", 6, retriever,
                                    audience="program_owner")
    assert all("program_owner" in hit.audience for hit in owners)
    assert "program-owners/matching.md" in {hit.path for hit in owners}


def test_unknown_retriever_is_refused(guide_assistant) -> None:
    with pytest.raises(ConfigError, match="unknown retriever"):
        retrieve(guide_assistant.index, "trust", 5, "fuzzy", None, None)


def make_hit(path: str, anchor: str, score: float) -> Hit:
    return Hit(f"{path}#{anchor}", path, "T", anchor, anchor, "u", "text", ("mentor",), score)


def test_diversify_caps_pages_and_sections() -> None:
    ranked = [make_hit("a.md", "x", 0.9), make_hit("a.md", "x", 0.89), make_hit("a.md", "y", 0.8),
              make_hit("a.md", "z", 0.7), make_hit("b.md", "x", 0.6)]
    picked = diversify(ranked, 5)
    assert [(h.path, h.anchor) for h in picked] == [("a.md", "x"), ("a.md", "y"), ("b.md", "x")]
