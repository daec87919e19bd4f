"""Retrieval over the real guide's index: dense, lexical and hybrid."""

from __future__ import annotations

from collections import Counter

import pytest

from mentor_assistant.answers.retrieval import RETRIEVERS, Hit, diversify, retrieve
from mentor_assistant.errors import ConfigError


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


def make_hit(path: str, anchor: str, score: float, kinds: tuple[str, ...] = ()) -> Hit:
    return Hit(f"{path}#{anchor}", path, "T", anchor, anchor, "u", "text", ("mentor",), score,
               kinds=kinds)


def test_diversify_caps_pages_and_sections() -> None:
    ranked = [make_hit("a.md", "x", 0.9), make_hit("a.md", "x", 0.89), make_hit("a.md", "y", 0.8),
              make_hit("a.md", "z", 0.7), make_hit("b.md", "x", 0.6)]
    picked = diversify(ranked, 5)
    assert [(h.path, h.anchor) for h in picked] == [("a.md", "x"), ("a.md", "y"), ("b.md", "x")]


def test_lexical_scoring_is_thread_safe(guide_assistant) -> None:
    """Many requests score at once in the server: results must not depend on that."""
    import sys
    from concurrent.futures import ThreadPoolExecutor

    from mentor_assistant.index.lexical import tokenize

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


def test_the_compiled_stemmer_is_used_and_stems_like_the_pure_python_one(guide_assistant
                                                                           ) -> None:
    """An index built where PyStemmer is missing must still match queries stemmed with it."""
    import re

    from snowballstemmer.english_stemmer import EnglishStemmer
    from Stemmer import Stemmer

    from mentor_assistant.index.lexical import _stemmer

    assert isinstance(_stemmer(), Stemmer)
    words = sorted({word for path in guide_assistant.guide.docs_dir.rglob("*.md")
                    for word in re.findall(r"[a-z0-9]+", path.read_text().lower())})
    assert len(words) > 3000
    assert _stemmer().stemWords(words) == EnglishStemmer().stemWords(words)


def test_stored_term_counts_score_like_tokenising_afresh(guide_assistant) -> None:
    from mentor_assistant.guide.section_questions import load_section_questions
    from mentor_assistant.index.lexical import BM25, lexical_text

    index = guide_assistant.index
    assert all("terms" in meta for meta in index.metadatas)  # stored at index time
    asked: dict[tuple[str, str], str] = {}
    for q in load_section_questions(guide_assistant.guide.docs_dir):
        asked[q.path, q.heading] = f"{asked.get((q.path, q.heading), '')} {q.text}"
    fresh = BM25([lexical_text(m["title"], m["heading_path"],
                               f"{doc} {asked.get((m['path'], m['heading']), '')}"
                               if m["heading_path"] else f"{doc} ")
                  for m, doc in zip(index.metadatas, index.documents, strict=True)])
    query = "my mentee keeps cancelling sessions at the last minute"
    assert index.bm25.scores(query) == fresh.scores(query)


def test_agenda_sections_leave_room_for_the_prose(guide_assistant) -> None:
    hits = guide_assistant.search("first meeting with my mentee in only 30 minutes", 8)
    first = [hit for hit in hits if hit.path == "sessions/first-meeting.md"]
    assert first and sum(hit.is_agenda for hit in first) <= 1
    ranked = [make_hit("s.md", f"item-{n}", 0.9 - n / 100, ("agenda",)) for n in range(3)]
    ranked.append(make_hit("s.md", "shorter-30-minute-version", 0.5, ("prose",)))
    assert [h.anchor for h in diversify(ranked, 5)] == ["item-0", "shorter-30-minute-version"]


def test_shared_words_cannot_overturn_a_clear_lead_in_meaning(guide_assistant) -> None:
    from mentor_assistant.answers.retrieval import CLEAR_LEAD, LEXICAL_WEIGHT, _fuse

    index = guide_assistant.index
    first, second = index.ids[:2]

    def fused(gap: float) -> list[Hit]:
        dense = [index.hit(first, 0.8), index.hit(second, 0.8 - gap)]
        return _fuse(index, dense, [index.hit(second, 10.0)], index.similarities(index.matrix[0]))

    clear = fused(2 * CLEAR_LEAD)
    assert [h.id for h in clear] == [first, second]
    assert clear[1].score == pytest.approx(0.8 - 2 * CLEAR_LEAD)  # no bonus at all
    close = fused(CLEAR_LEAD / 2)
    assert close[0].id == second  # a close call: the shared words decide
    assert close[0].score == pytest.approx(0.8 - CLEAR_LEAD / 2 + LEXICAL_WEIGHT)


def test_the_askers_role_leads(guide_assistant) -> None:
    asked = guide_assistant.asking("what rhythm should our pairs have in the early days")
    assert asked.role == "program_owner"
    vector = guide_assistant.embedder.embed([asked.query])[0]
    hits = guide_assistant.ranked(asked, vector, 5)
    assert "program_owner" in hits[0].audience


def test_filler_sections_rank_lower_unless_asked_for() -> None:
    from mentor_assistant.answers.retrieval import prefer_role

    pitfalls = make_hit("a.md", "pitfalls", 0.60, ("pitfalls",))
    advice = make_hit("a.md", "advice", 0.58, ("prose", "advice"))
    assert [h.anchor for h in prefer_role([pitfalls, advice], None)] == ["advice", "pitfalls"]
    asked = prefer_role([pitfalls, advice], None, frozenset({"pitfalls"}))
    assert [h.anchor for h in asked] == ["pitfalls", "advice"]
    owner = Hit("b.md#x", "b.md", "T", "x", "x", "u", "t", ("program_owner",), 0.57)
    assert prefer_role([advice, owner], "program_owner")[0].path == "b.md"
