"""Retrieval: dense (Chroma), lexical (BM25) and hybrid (the two scores blended).

Results are filtered by audience and kept diverse: at most two sections of one
page, so a question does not come back as five pieces of the same page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from .errors import ConfigError
from .index import AUDIENCE_KEY
from .lexical import BM25
from .store import IndexState

RETRIEVERS = ("hybrid", "dense", "lexical")
CANDIDATES = 60
PER_PAGE = 2
LEXICAL_WEIGHT = 0.2  # chosen on the golden set: see `mentor-assistant eval`


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


class LoadedIndex:
    """The current index generation, with its texts held in memory for BM25."""

    def __init__(self, collection: Any, state: IndexState, sentences: Any = None) -> None:
        self.collection = collection
        self.state = state
        self.sentences = _sentences_by_parent(sentences)
        stored = collection.get(include=["documents", "metadatas", "embeddings"])
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

    def audience_mask(self, audience: str) -> Any:
        import numpy as np

        key = AUDIENCE_KEY.format(audience)
        return np.array([bool(meta.get(key)) for meta in self.metadatas])

    @cached_property
    def bm25(self) -> BM25:
        return BM25([f"{m['title']} {m['heading_path']} {doc}"
                     for m, doc in zip(self.metadatas, self.documents, strict=True)])

    def hit(self, chunk_id: str, score: float, dense_score: float | None = None) -> Hit:
        i = self.position[chunk_id]
        meta = self.metadatas[i]
        return Hit(id=chunk_id, path=meta["path"], title=meta["title"], heading=meta["heading"],
                   anchor=meta["anchor"], url=meta["url"], text=self.documents[i],
                   audience=tuple(filter(None, meta["audience"].split(","))),
                   score=score, dense_score=dense_score)

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


def _sentences_by_parent(collection: Any) -> dict[str, list[Any]]:
    """Chunk id -> the vectors of its quotable sentences, in sentence order."""
    if collection is None:
        return {}
    stored = collection.get(include=["embeddings", "metadatas"])
    by_parent: dict[str, list[tuple[int, Any]]] = {}
    for sentence_id, vector, meta in zip(stored["ids"], stored["embeddings"],
                                         stored["metadatas"], strict=True):
        by_parent.setdefault(meta["parent"], []).append(
            (int(sentence_id.rsplit(":", 1)[1]), vector))
    return {parent: [vector for _, vector in sorted(rows, key=lambda row: row[0])]
            for parent, rows in by_parent.items()}


def retrieve(index: LoadedIndex, query: str, k: int = 5, retriever: str = "hybrid",
             audience: str | None = None, query_vector: Sequence[float] | None = None
             ) -> list[Hit]:
    """The ``k`` best, diverse sections for ``query``.

    ``query_vector`` is required for the dense and hybrid retrievers.
    """
    if retriever not in RETRIEVERS:
        raise ConfigError(f"unknown retriever {retriever!r}", "use one of " + ", ".join(RETRIEVERS))
    dense = _dense(index, query_vector, audience) if retriever != "lexical" else []
    lexical = _lexical(index, query, audience) if retriever != "dense" else []
    if retriever == "dense":
        ranked = dense
    elif retriever == "lexical":
        ranked = lexical
    else:
        ranked = _fuse(index, dense, lexical, query_vector)  # type: ignore[arg-type]
    return diversify(ranked, k)


def _dense(index: LoadedIndex, vector: Sequence[float] | None, audience: str | None) -> list[Hit]:
    if vector is None:
        raise ValueError("dense retrieval needs a query vector")
    if not index.ids:
        return []
    reply = index.collection.query(
        query_embeddings=[list(map(float, vector))], n_results=min(CANDIDATES, len(index.ids)),
        where={AUDIENCE_KEY.format(audience): True} if audience else None,
        include=["distances"])
    return [index.hit(chunk_id, 1.0 - distance, 1.0 - distance)
            for chunk_id, distance in zip(reply["ids"][0], reply["distances"][0], strict=True)]


def _lexical(index: LoadedIndex, query: str, audience: str | None) -> list[Hit]:
    scores = index.bm25.scores(query)
    key = AUDIENCE_KEY.format(audience) if audience else None
    order = sorted((i for i, s in enumerate(scores)
                    if s > 0 and (key is None or index.metadatas[i].get(key))),
                   key=lambda i: -scores[i])[:CANDIDATES]
    return [index.hit(index.ids[i], scores[i]) for i in order]


def _fuse(index: LoadedIndex, dense: list[Hit], lexical: list[Hit],
          vector: Sequence[float]) -> list[Hit]:
    """Cosine similarity plus a share of the BM25 score (scaled to the best match)."""
    import numpy as np

    top_lexical = max((hit.score for hit in lexical), default=0.0) or 1.0
    lexical_part = {hit.id: LEXICAL_WEIGHT * hit.score / top_lexical for hit in lexical}
    cosine = {hit.id: hit.score for hit in dense}
    for chunk_id in lexical_part.keys() - cosine.keys():
        cosine[chunk_id] = float(np.dot(index.vectors[index.position[chunk_id]], vector))
    fused = {chunk_id: cosine[chunk_id] + lexical_part.get(chunk_id, 0.0) for chunk_id in cosine}
    order = sorted(fused, key=lambda chunk_id: -fused[chunk_id])
    return [index.hit(chunk_id, fused[chunk_id], cosine[chunk_id]) for chunk_id in order]


def diversify(ranked: Sequence[Hit], k: int, per_page: int = PER_PAGE) -> list[Hit]:
    """Keep rank order, but no more than ``per_page`` hits of one page and one per section."""
    picked: list[Hit] = []
    per_path: dict[str, int] = {}
    sections: set[tuple[str, str]] = set()
    for hit in ranked:
        if per_path.get(hit.path, 0) >= per_page or (hit.path, hit.anchor) in sections:
            continue
        picked.append(hit)
        per_path[hit.path] = per_path.get(hit.path, 0) + 1
        sections.add((hit.path, hit.anchor))
        if len(picked) == k:
            break
    return picked


def best_similarity(index: LoadedIndex, vector: Sequence[float], audience: str | None = None
                    ) -> float:
    """Cosine similarity of the closest chunk: how well the guide covers a question.

    A full scan of the in-memory vectors (a few hundred rows) is cheaper than a query.
    """
    import numpy as np

    if not index.ids:
        return 0.0
    similarities = index.matrix @ np.asarray(vector, dtype=np.float32)
    if audience:
        similarities = similarities[index.audience_mask(audience)]
    return float(similarities.max()) if len(similarities) else 0.0
