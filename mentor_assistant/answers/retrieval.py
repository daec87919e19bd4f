"""Retrieval: dense (Chroma), lexical (BM25) and hybrid (the two scores blended).

Results are filtered by audience (or, for an asker's role, ranked towards it) and
kept diverse: at most two sections of one page, and at most one rendered agenda
section, so a question does not come back as five pieces of the same page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..index.build import AUDIENCE_KEY
from ..index.lexical import BM25, lexical_text, parse_terms
from ..index.store import IndexState, read_all, read_packed

RETRIEVERS = ("hybrid", "dense", "lexical")
CANDIDATES = 60
PER_PAGE = 2
LEXICAL_WEIGHT = 0.2  # chosen on the golden sets' tune half: see `mentor-assistant eval`
CLEAR_LEAD = 0.10  # a chunk this far below the best cosine gets no lexical bonus
ROLE_BONUS = 0.05  # sections for the asker's role rank this much higher
FILLER_PENALTY = 0.05  # sections of intros, scenarios or pitfalls only rank this much lower
FILLER = frozenset({"intro", "pointer", "scenario", "pitfalls"})


@dataclass(frozen=True)
class Hit:
    """One retrieved section."""

    id: str
    path: str
    title: str
    heading: str
    anchor: str
    url: str
    text: str
    audience: tuple[str, ...]
    score: float
    dense_score: float | None = None
    kinds: tuple[str, ...] = ()

    @property
    def is_agenda(self) -> bool:
        return "agenda" in self.kinds

    @property
    def is_filler(self) -> bool:
        return bool(self.kinds) and set(self.kinds) <= FILLER

    def scored(self, score: float, dense_score: float | None = None) -> Hit:
        """This hit with other scores (``dataclasses.replace`` is slower than a search's
        budget allows for a few hundred copies)."""
        copy = object.__new__(Hit)
        copy.__dict__.update(self.__dict__, score=score, dense_score=dense_score)
        return copy


class LoadedIndex:
    """The current index generation, with its texts held in memory for BM25."""

    def __init__(self, collection: Any, state: IndexState, sentences: Any = None,
                 questions: Any = None, packed_questions: Path | None = None) -> None:
        self.collection = collection
        self.state = state
        self.sentences = SentenceVectors(sentences)
        self._questions = questions
        self._packed_questions = packed_questions
        stored = read_all(collection, ["documents", "metadatas", "embeddings"])
        self.ids: list[str] = stored["ids"]
        self.vectors = stored["embeddings"]
        self.documents: list[str] = stored["documents"]
        self.metadatas: list[dict[str, Any]] = stored["metadatas"]
        self.position = {chunk_id: i for i, chunk_id in enumerate(self.ids)}

    @cached_property
    def matrix(self) -> Any:
        """Every chunk's vector as one float32 matrix, rows in index order."""
        import numpy as np

        return np.asarray(self.vectors, dtype=np.float32).reshape(len(self.ids), -1)

    @cached_property
    def question_links(self) -> tuple[Any, Any, Any] | None:
        """The questions written for sections: their vectors, and (question, chunk row)
        pairs linking each to every chunk of its section. None when there are none."""
        import numpy as np

        if self._questions is None:
            return None
        vectors, sections = self._question_vectors()
        rows_of: dict[tuple[str, str], list[int]] = {}
        for row, meta in enumerate(self.metadatas):
            if meta["heading_path"]:
                rows_of.setdefault((meta["path"], meta["heading"]), []).append(row)
        pairs = [(q, row) for q, section in enumerate(sections)
                 for row in rows_of.get(section, ())]
        if not pairs:
            return None
        question, row = (np.array(column) for column in zip(*pairs, strict=True))
        return vectors, question, row

    def _question_vectors(self) -> tuple[Any, list[tuple[str, str]]]:
        """The questions' vectors and their (page, heading), from the index's matrix file
        when it has a readable one, else from Chroma."""
        import numpy as np

        packed = read_packed(self._packed_questions, "path", "heading")
        if packed is not None:
            vectors, paths, headings = packed
            return vectors, list(zip(map(str, paths), map(str, headings), strict=True))
        stored = read_all(self._questions, ["embeddings", "metadatas"])
        if not stored["ids"]:
            return None, []
        vectors = np.asarray(stored["embeddings"], dtype=np.float32).reshape(
            len(stored["ids"]), -1)
        return vectors, [(meta["path"], meta["heading"]) for meta in stored["metadatas"]]

    def similarities(self, vector: Sequence[float]) -> Any:
        """Each chunk's similarity to a question vector: the cosine with its text or, if
        higher, the mean cosine of the two questions written for its section that come
        closest. One close question can be a near miss; two that agree are a signal."""
        import numpy as np

        query = np.asarray(vector, dtype=np.float32)
        similarities = self.matrix @ query
        if self.question_links is not None:
            vectors, question, row = self.question_links
            asked = mean_of_best_two((vectors @ query)[question], row, len(similarities))
            similarities = np.maximum(similarities, asked)
        return similarities

    def audience_mask(self, audience: str) -> Any:
        """Which chunks are for ``audience`` (computed once per audience)."""
        import numpy as np

        masks = self.__dict__.setdefault("_audience_masks", {})
        if audience not in masks:
            key = AUDIENCE_KEY.format(audience)
            masks[audience] = np.array([bool(meta.get(key)) for meta in self.metadatas])
        return masks[audience]

    @cached_property
    def bm25(self) -> BM25:
        """BM25 from the term counts stored at index time (tokenised now for an older index)."""
        if self.metadatas and all("terms" in m for m in self.metadatas):
            return BM25.from_counts([parse_terms(m["terms"]) for m in self.metadatas])
        return BM25([lexical_text(m["title"], m["heading_path"], doc)
                     for m, doc in zip(self.metadatas, self.documents, strict=True)])

    def hit(self, chunk_id: str, score: float, dense_score: float | None = None) -> Hit:
        return self._hits[self.position[chunk_id]].scored(score, dense_score)

    @cached_property
    def _hits(self) -> list[Hit]:
        """One unscored hit per chunk, so a search only copies them with its scores."""
        return [Hit(id=chunk_id, path=meta["path"], title=meta["title"],
                    heading=meta["heading"], anchor=meta["anchor"], url=meta["url"],
                    text=document, audience=tuple(filter(None, meta["audience"].split(","))),
                    score=0.0, kinds=tuple(filter(None, meta.get("kinds", "").split(","))))
                for chunk_id, meta, document in zip(self.ids, self.metadatas, self.documents,
                                                    strict=True)]

    def heading_path(self, chunk_id: str) -> str:
        """A chunk's headings, joined with " > "."""
        return self.metadatas[self.position[chunk_id]]["heading_path"]

    def page(self, path: str) -> list[Hit]:
        """Every chunk of one page, in index order."""
        return [self.hit(chunk_id, 1.0) for chunk_id, meta in zip(self.ids, self.metadatas,
                                                                    strict=True)
                if meta["path"] == path]

    def sections(self, path: str, anchor: str) -> list[Hit]:
        """Every chunk of one section, in index order."""
        return [self.hit(chunk_id, 1.0) for chunk_id, meta in zip(self.ids, self.metadatas,
                                                                    strict=True)
                if meta["path"] == path and meta["anchor"] == anchor]


class SentenceVectors:
    """Chunk id -> the vectors of its quotable sentences, in sentence order.

    Read from the store when a chunk is first quoted, not when the index loads: an
    answer quotes two or three sections, and reading every sentence's vector would
    add a third of a second to each cold start.
    """

    def __init__(self, collection: Any) -> None:
        self._collection = collection
        self._read: dict[str, list[Any]] = {}

    def prefetch(self, parents: Sequence[str]) -> None:
        """Read the sentences of several chunks in one request."""
        missing = sorted(set(parents) - self._read.keys())
        if self._collection is None or not missing:
            return
        where = {"parent": missing[0]} if len(missing) == 1 else {"parent": {"$in": missing}}
        stored = read_all(self._collection, ["embeddings"], where=where)
        rows: dict[str, list[tuple[int, Any]]] = {parent: [] for parent in missing}
        for sentence_id, vector in zip(stored["ids"], stored["embeddings"], strict=True):
            parent, _, ordinal = sentence_id.rpartition(":")
            rows.setdefault(parent, []).append((int(ordinal), vector))
        for parent, found in rows.items():
            self._read[parent] = [vector for _, vector in sorted(found, key=lambda r: r[0])]

    def get(self, parent: str, default: Any = None) -> list[Any] | None:
        self.prefetch([parent])
        return self._read.get(parent) or default

    def __getitem__(self, parent: str) -> list[Any]:
        found = self.get(parent)
        if found is None:
            raise KeyError(parent)
        return found


def retrieve(index: LoadedIndex, query: str, k: int = 5, retriever: str = "hybrid",
             audience: str | None = None, query_vector: Sequence[float] | None = None,
             prefer: str | None = None, lexical_query: str | None = None,
             asked_for: frozenset[str] | None = None) -> list[Hit]:
    """The ``k`` best, diverse sections for ``query``.

    ``query_vector`` is required for the dense and hybrid retrievers. ``audience``
    keeps only that role's pages; ``prefer`` ranks the role's pages higher.
    With ``asked_for`` (the filler kinds the question asks for, such as pitfalls),
    sections that are only filler rank lower, or higher when asked for.
    ``lexical_query`` (the question with its aliases) replaces ``query`` for BM25.
    """
    if retriever not in RETRIEVERS:
        raise ConfigError(f"unknown retriever {retriever!r}", "use one of " + ", ".join(RETRIEVERS))
    if retriever != "lexical" and query_vector is None:
        raise ValueError(f"{retriever} retrieval needs a query vector")
    similarities = index.similarities(query_vector) if retriever != "lexical" else None
    dense = _dense(index, similarities, audience) if retriever != "lexical" else []
    lexical = _lexical(index, lexical_query or query, audience) if retriever != "dense" else []
    if retriever == "dense":
        ranked = dense
    elif retriever == "lexical":
        ranked = lexical
    else:
        ranked = _fuse(index, dense, lexical, similarities)
    if prefer or asked_for is not None:
        ranked = prefer_role(ranked, prefer, asked_for or frozenset())
    return diversify(ranked, k)


def prefer_role(ranked: Sequence[Hit], role: str | None,
                asked_for: frozenset[str] = frozenset()) -> list[Hit]:
    """Re-rank towards the asker's role, and away from sections that are only filler
    unless the question asks for that kind ("what goes wrong ...")."""
    def adjusted(hit: Hit) -> float:
        bonus = ROLE_BONUS * (role in hit.audience) if role else 0.0
        if hit.is_filler:
            bonus += FILLER_PENALTY if set(hit.kinds) & asked_for else -FILLER_PENALTY
        return hit.score + bonus

    return sorted((hit.scored(adjusted(hit), hit.dense_score) for hit in ranked),
                  key=lambda h: -h.score)


def _dense(index: LoadedIndex, similarities: Any, audience: str | None) -> list[Hit]:
    """The closest chunks by ``similarities`` (`LoadedIndex.similarities`: an exact scan of
    the vectors held in memory, a few hundred rows, faster than a query to the store)."""
    import numpy as np

    if not index.ids:
        return []
    if audience:
        similarities = np.where(index.audience_mask(audience), similarities, -np.inf)
    count = min(CANDIDATES, len(index.ids))
    top = np.argpartition(-similarities, count - 1)[:count]
    order = top[np.argsort(-similarities[top], kind="stable")]
    return [index.hit(index.ids[i], float(similarities[i]), float(similarities[i]))
            for i in order if np.isfinite(similarities[i])]


def _lexical(index: LoadedIndex, query: str, audience: str | None) -> list[Hit]:
    scores = index.bm25.scores(query)
    key = AUDIENCE_KEY.format(audience) if audience else None
    order = sorted((i for i, s in enumerate(scores)
                    if s > 0 and (key is None or index.metadatas[i].get(key))),
                   key=lambda i: -scores[i])[:CANDIDATES]
    return [index.hit(index.ids[i], scores[i]) for i in order]


def _fuse(index: LoadedIndex, dense: list[Hit], lexical: list[Hit],
          similarities: Any) -> list[Hit]:
    """Cosine similarity plus a share of the BM25 score (scaled to the best match).

    Only chunks within ``CLEAR_LEAD`` of the best cosine get the share, so shared
    words cannot overturn a clear lead in meaning.
    """
    top_lexical = max((hit.score for hit in lexical), default=0.0) or 1.0
    lexical_part = {hit.id: LEXICAL_WEIGHT * hit.score / top_lexical for hit in lexical}
    cosine = {hit.id: hit.score for hit in dense}
    for chunk_id in lexical_part.keys() - cosine.keys():
        cosine[chunk_id] = float(similarities[index.position[chunk_id]])
    best = max(cosine.values(), default=0.0)
    fused = {chunk_id: cosine[chunk_id] + (lexical_part.get(chunk_id, 0.0)
                                           if cosine[chunk_id] >= best - CLEAR_LEAD else 0.0)
             for chunk_id in cosine}
    order = sorted(fused, key=lambda chunk_id: -fused[chunk_id])
    return [index.hit(chunk_id, fused[chunk_id], cosine[chunk_id]) for chunk_id in order]


def mean_of_best_two(values: Any, row: Any, size: int) -> Any:
    """For each of ``size`` rows, the mean of the two highest ``values`` given to it (its
    one value when it has one; -inf when it has none). Values tied with the best count once."""
    import numpy as np

    best = np.full(size, -np.inf, dtype=np.float32)
    np.maximum.at(best, row, values)
    second = np.full(size, -np.inf, dtype=np.float32)
    np.maximum.at(second, row, np.where(values >= best[row], -np.inf, values))
    return np.where(np.isfinite(second), (best + second) / 2, best)


def diversify(ranked: Sequence[Hit], k: int, per_page: int = PER_PAGE) -> list[Hit]:
    """Keep rank order, but no more than ``per_page`` hits of one page, one per section,
    and one rendered agenda section per page (so the agenda leaves room for the prose)."""
    picked: list[Hit] = []
    per_path: dict[str, int] = {}
    agendas: set[str] = set()
    sections: set[tuple[str, str]] = set()
    for hit in ranked:
        if per_path.get(hit.path, 0) >= per_page or (hit.path, hit.anchor) in sections \
                or (hit.is_agenda and hit.path in agendas):
            continue
        picked.append(hit)
        per_path[hit.path] = per_path.get(hit.path, 0) + 1
        if hit.is_agenda:
            agendas.add(hit.path)
        sections.add((hit.path, hit.anchor))
        if len(picked) == k:
            break
    return picked


def best_similarity(index: LoadedIndex, vector: Sequence[float], audience: str | None = None
                    ) -> float:
    """Cosine similarity of the closest chunk's text: how well the guide covers a question.

    The questions written for sections are left out: everyday questions resemble each other
    more than they resemble the guide, so they would make any question look covered.
    A full scan of the in-memory vectors (a few hundred rows) is cheaper than a query.
    """
    import numpy as np

    if not index.ids:
        return 0.0
    similarities = index.matrix @ np.asarray(vector, dtype=np.float32)
    if audience:
        similarities = similarities[index.audience_mask(audience)]
    return float(similarities.max()) if len(similarities) else 0.0
