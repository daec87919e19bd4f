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


def test_lexical_scoring_is_thread_safe(guide_assistant) -> None:
    """Many requests score at once in the server: results must not depend on that."""
    import sys
    from concurrent.futures import ThreadPoolExecutor

    from mentor_assistant.lexical import tokenize

    texts = [" ".join(["generalisations", "considerately", "relationships", "disagreements",
                       "cancellations", "responsibilities"] * 20) + f" {n}" for n in range(40)]
    expected = [tokenize(text) for text in texts]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible, to expose shared state
    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            for _ in range(5):
                assert list(pool.map(tokenize, texts)) == expected
    finally:
        sys.setswitchinterval(interval)
