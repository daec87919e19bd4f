"""Build the index: chunk the guide, embed what changed, write a new generation.

Unchanged chunks (same content hash) reuse their stored vectors instead of being
embedded again. The new generation becomes current only once it is complete.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import MentorAssistantError
from ..guide.config import GuideConfig
from ..guide.content import list_page_files, load_pages
from ..guide.exemplars import EXEMPLARS_FILE, load_exemplars
from ..guide.section_questions import QUESTIONS_FILE, SectionQuestion, load_section_questions
from ..safety.detector import Exemplar, labelled_exemplars
from ..safety.safety_cues import normalise
from .chunking import CHUNKER_VERSION, Chunk, chunk_page
from .embeddings import Embedder
from .lexical import format_terms, lexical_text
from .sentences import candidate_sentences
from .store import (
    GENERATION_PREFIX,
    LABELLED_PREFIX,
    QUESTIONS_SUFFIX,
    SAFETY_SUFFIX,
    SENTENCES_SUFFIX,
    IndexState,
    StoreSettings,
    index_lock,
    open_client,
    packed_vectors_path,
    read_all,
    read_state,
    remove_orphaned_segments,
    stale_generations,
    stale_labelled,
    storage_problem,
    store_error,
    write_packed,
    write_packed_exemplars,
    write_state,
)

Progress = Callable[[int, int], None]
AUDIENCE_KEY = "aud_{}"


@dataclass(frozen=True)
class IndexSummary:
    """What a build did."""

    pages: int
    chunks: int
    added: int
    updated: int
    removed: int
    unchanged: int
    embedded: int
    seconds: float
    rebuilt_because: str = ""


def guide_fingerprint(config: GuideConfig) -> str:
    """A hash of every page file and of what shapes the chunks and their URLs."""
    digest = hashlib.sha256(f"{CHUNKER_VERSION}|{config.use_directory_urls}|{config.site_url}"
                            .encode())
    extra = [name for name in (EXEMPLARS_FILE, QUESTIONS_FILE)
             if (config.docs_dir / name).is_file()]
    for path in [*list_page_files(config.docs_dir), *extra]:
        digest.update(path.encode() + b"\0" + (config.docs_dir / path).read_bytes() + b"\0")
    return digest.hexdigest()[:32]


def index_is_fresh(config: GuideConfig, store: StoreSettings) -> bool:
    """Whether an index exists and was built from the guide as it is now.

    Reads only the index's state, so it needs neither the model nor the vectors.
    """
    state = read_state(open_client(store))
    return state is not None and state.fingerprint == guide_fingerprint(config)


def chunk_guide(config: GuideConfig) -> tuple[int, list[Chunk]]:
    """Load every page (stopping at a broken one) and chunk it."""
    pages = [page for page in load_pages(config.docs_dir)
             if page.meta.get("assistant", True) is not False]
    chunks = [chunk for page in pages for chunk in
              chunk_page(page, page.expanded_body(), config.use_directory_urls, config.site_url)]
    return len(pages), chunks


def build_index(config: GuideConfig, embedder: Embedder, store: StoreSettings,
                progress: Progress | None = None, full: bool = False,
                on_wait: Callable[[str], None] | None = None) -> IndexSummary:
    """Bring the index up to date with the guide, one build at a time.

    Raises:
        ContentError: a page is broken (the previous index stays current).
        ModelError: the embedder failed (the previous index stays current).
    """
    try:
        with index_lock(store, on_wait):
            return _build_index(config, embedder, store, progress, full)
    except MentorAssistantError:
        raise
    except Exception as error:
        if storage_problem(error):  # a full or read-only disk: the old index stays current
            raise store_error(error, store) from None
        raise


def _build_index(config: GuideConfig, embedder: Embedder, store: StoreSettings,
                 progress: Progress | None, full: bool) -> IndexSummary:
    started = time.perf_counter()
    page_count, chunks = chunk_guide(config)
    exemplars = load_exemplars(config.docs_dir)
    labelled = labelled_exemplars(exemplars)
    questions = _answerable(load_section_questions(config.docs_dir), chunks)
    client = open_client(store)
    state = read_state(client)
    reason = _rebuild_reason(state, embedder, full)
    old = {} if reason or state is None else _stored_chunks(client, state.collection)
    old_exemplars = {} if reason or state is None else _stored_vectors(
        client, state.collection + SAFETY_SUFFIX)
    old_questions = {} if reason or state is None else _stored_vectors(
        client, state.collection + QUESTIONS_SUFFIX)
    fingerprint = guide_fingerprint(config)
    labelled_name = _store_labelled(client, store, labelled, embedder, progress,
                                    "" if reason or state is None else state.labelled)
    if state and not reason and set(old) == {c.id for c in chunks} \
            and set(old_exemplars) == {e.id for e in exemplars} \
            and set(old_questions) == {q.id for q in questions}:
        if (state.fingerprint, state.labelled) != (fingerprint, labelled_name):
            write_state(client, _replace_fingerprint(state, fingerprint, page_count,
                                                     labelled_name))
        _pack_missing(store, state.collection, exemplars, old_exemplars, questions,
                      old_questions)
    else:
        sentences = sentences_of(chunks)
        old_sentences = {} if reason or state is None else _stored_vectors(
            client, state.collection + SENTENCES_SUFFIX)
        fresh = _embed_missing([(c.id, c.embed_text) for c in chunks if c.id not in old]
                               + [(s.id, s.text) for s in sentences if s.id not in old_sentences]
                               + [(e.id, normalise(e.text)) for e in exemplars
                                  if e.id not in old_exemplars]
                               + [(q.id, q.text) for q in questions if q.id not in old_questions],
                               embedder, progress)
        vectors = [old[c.id][1] if c.id in old else fresh[c.id] for c in chunks]
        sentence_vectors = [old_sentences.get(s.id, fresh.get(s.id)) for s in sentences]
        exemplar_vectors = [old_exemplars.get(e.id, fresh.get(e.id)) for e in exemplars]
        question_vectors = [old_questions.get(q.id, fresh.get(q.id)) for q in questions]
        collection = _write_generation(client, chunks, vectors, embedder, questions)
        _write_sentences(client, collection, sentences, sentence_vectors)
        _write_exemplars(client, collection, exemplars, exemplar_vectors,
                         packed_vectors_path(store, collection + SAFETY_SUFFIX))
        _write_questions(client, collection, questions, question_vectors,
                         packed_vectors_path(store, collection + QUESTIONS_SUFFIX))
        write_state(client, IndexState(collection, embedder.name, embedder.dimension,
                                       CHUNKER_VERSION, fingerprint, time.time(),
                                       page_count, len(chunks), labelled_name))
    previous = state.collection if state else None
    stale = stale_generations(client, read_state(client).collection, previous) \
        + stale_labelled(client, {labelled_name, state.labelled if state else ""})
    for name in stale:
        client.delete_collection(name)
        packed = packed_vectors_path(store, name)
        if packed:
            packed.unlink(missing_ok=True)
    remove_orphaned_segments(store)
    return _summary(chunks, old, page_count, len(chunks) - sum(c.id in old for c in chunks),
                    time.perf_counter() - started, reason)


def _rebuild_reason(state: IndexState | None, embedder: Embedder, full: bool) -> str:
    if full:
        return "a full rebuild was asked for"
    if state is None:
        return ""
    if state.embedder != embedder.name:
        return f"the embedder changed ({state.embedder} -> {embedder.name})"
    if state.chunker != CHUNKER_VERSION:
        return f"the chunker changed (version {state.chunker} -> {CHUNKER_VERSION})"
    return ""


def _stored_chunks(client: Any, collection_name: str) -> dict[str, tuple[str, Any]]:
    """Stored chunk id -> (slot, vector) of the current generation."""
    try:
        collection = client.get_collection(collection_name)
    except Exception:  # noqa: BLE001 - a missing generation means nothing to reuse
        return {}
    stored = read_all(collection, ["embeddings", "metadatas"])
    return {chunk_id: (meta["slot"], vector) for chunk_id, meta, vector
            in zip(stored["ids"], stored["metadatas"], stored["embeddings"], strict=True)}


@dataclass(frozen=True)
class Sentence:
    """A quotable sentence of a chunk, embedded at index time so answers are fast."""

    id: str
    parent: str
    text: str


def sentences_of(chunks: Sequence[Chunk]) -> list[Sentence]:
    return [Sentence(f"{chunk.id}:{n}", chunk.id, text) for chunk in chunks
            for n, text in enumerate(candidate_sentences(chunk.text))]


def _stored_vectors(client: Any, collection_name: str) -> dict[str, Any]:
    try:
        stored = read_all(client.get_collection(collection_name), ["embeddings"])
    except Exception:  # noqa: BLE001 - nothing stored means nothing to reuse
        return {}
    return dict(zip(stored["ids"], stored["embeddings"], strict=True))


def _embed_missing(items: Sequence[tuple[str, str]], embedder: Embedder,
                   progress: Progress | None) -> dict[str, Any]:
    """Embed ``(id, text)`` pairs in batches, reporting progress. Texts of similar length
    go together, so a batch pads little."""
    fresh: dict[str, Any] = {}
    step = 16
    items = sorted(items, key=lambda item: len(item[1]))
    for start in range(0, len(items), step):
        batch = items[start:start + step]
        for (item_id, _), vector in zip(batch, embedder.embed([text for _, text in batch]),
                                        strict=True):
            fresh[item_id] = vector
        if progress:
            progress(min(start + step, len(items)), len(items))
    return fresh


def _write_generation(client: Any, chunks: Sequence[Chunk], vectors: Sequence[Any],
                      embedder: Embedder, questions: Sequence[SectionQuestion] = ()) -> str:
    name = f"{GENERATION_PREFIX}{time.time_ns()}"
    collection = client.create_collection(
        name, embedding_function=None, configuration={"hnsw": {"space": "cosine"}},
        metadata={"embedder": embedder.name, "dimension": embedder.dimension,
                  "chunker": CHUNKER_VERSION})
    asked: dict[tuple[str, str], str] = {}
    for question in questions:
        key = (question.path, question.heading)
        asked[key] = f"{asked.get(key, '')} {question.text}"
    batch = max(1, client.get_max_batch_size())
    for start in range(0, len(chunks), batch):
        part = chunks[start:start + batch]
        collection.add(ids=[c.id for c in part], documents=[c.text for c in part],
                       embeddings=_as_matrix(vectors[start:start + batch]),
                       metadatas=[chunk_metadata(c, asked.get((c.path, c.heading), "")
                                                 if c.heading_path else "") for c in part])
    return name


def _write_sentences(client: Any, collection: str, sentences: Sequence[Sentence],
                     vectors: Sequence[Any]) -> None:
    # No documents: a sentence's text comes back from its chunk, and skipping the
    # full-text index keeps re-indexing fast.
    _write_vectors(client, collection + SENTENCES_SUFFIX, [s.id for s in sentences], vectors,
                   [{"parent": s.parent} for s in sentences])


def _store_labelled(client: Any, store: StoreSettings, labelled: Sequence[Exemplar],
                    embedder: Embedder, progress: Progress | None, previous: str) -> str:
    """The collection holding the labelled sets' vectors, named by the embedder and the
    cases, so it outlives index generations: embedded in full once, then reused, and only
    new cases are embedded when a set changes (``previous`` names the collection to reuse
    from; "" when none may be). "" when there are no labelled cases."""
    if not labelled:
        return ""
    unique = {e.id: e for e in labelled}
    digest = hashlib.sha256("\n".join([embedder.name, *sorted(unique)]).encode()).hexdigest()
    name = f"{LABELLED_PREFIX}{digest[:20]}"
    packed = packed_vectors_path(store, name)
    if _holds(client, name, len(unique)):
        if packed and not packed.is_file():
            stored = _stored_vectors(client, name)
            with suppress(OSError):  # without the file the vectors load from Chroma
                _pack_exemplars(packed, [(e, stored[i]) for i, e in unique.items()])
        return name
    old = _stored_vectors(client, previous) if previous else {}
    fresh = _embed_missing([(i, normalise(e.text)) for i, e in unique.items() if i not in old],
                           embedder, progress)
    vectors = [old.get(i, fresh.get(i)) for i in unique]
    with suppress(Exception):  # what an interrupted build left under this name
        client.delete_collection(name)
    _write_vectors(client, name, list(unique), vectors,
                   [{"category": e.category, "disclosure": e.disclosure, "source": e.source}
                    for e in unique.values()])
    if packed:
        with suppress(OSError):
            _pack_exemplars(packed, list(zip(unique.values(), vectors, strict=True)))
    return name


def _holds(client: Any, name: str, rows: int) -> bool:
    """Whether collection ``name`` exists with ``rows`` rows (a build that was cut short
    leaves fewer)."""
    try:
        return client.get_collection(name).count() == rows
    except Exception:  # noqa: BLE001 - no such collection
        return False


def _write_exemplars(client: Any, collection: str, exemplars: Sequence[Exemplar],
                     vectors: Sequence[Any], packed: Path | None) -> None:
    """The safety exemplars' vectors, labelled, so questions are checked without embedding
    them; for a local index, also as one matrix file that loads in milliseconds."""
    unique = _unique(exemplars, vectors)
    _write_vectors(client, collection + SAFETY_SUFFIX, [e.id for e, _ in unique],
                   [v for _, v in unique],
                   [{"category": e.category, "disclosure": e.disclosure} for e, _ in unique])
    if packed:
        _pack_exemplars(packed, unique)


def _unique(exemplars: Sequence[Exemplar], vectors: Sequence[Any]) -> list[tuple[Exemplar, Any]]:
    """Each exemplar once (the same text under two headings is one exemplar)."""
    return list({e.id: (e, v) for e, v in zip(exemplars, vectors, strict=True)}.values())


def _pack_exemplars(path: Path, unique: Sequence[tuple[Exemplar, Any]]) -> None:
    if unique:
        write_packed_exemplars(path, [e for e, _ in unique], [v for _, v in unique])


def _answerable(questions: Sequence[SectionQuestion], chunks: Sequence[Chunk]
                ) -> list[SectionQuestion]:
    """The questions whose section exists (`check` reports the others)."""
    sections = {(chunk.path, chunk.heading) for chunk in chunks if chunk.heading_path}
    return [q for q in questions if (q.path, q.heading) in sections]


def _write_questions(client: Any, collection: str, questions: Sequence[SectionQuestion],
                     vectors: Sequence[Any], packed: Path | None) -> None:
    """The questions written for sections, embedded: retrieval compares a question with
    them as well as with the sections' text. For a local index they are also kept as one
    matrix file, which a cold ``ask`` reads in milliseconds instead of about 0.3 s."""
    _write_vectors(client, collection + QUESTIONS_SUFFIX, [q.id for q in questions], vectors,
                   [{"path": q.path, "heading": q.heading} for q in questions])
    if packed and questions:
        _pack_questions(packed, questions, vectors)


def _pack_questions(path: Path, questions: Sequence[SectionQuestion],
                    vectors: Sequence[Any]) -> None:
    write_packed(path, vectors, path=[q.path for q in questions],
                 heading=[q.heading for q in questions])


def _pack_missing(store: StoreSettings, collection: str, exemplars: Sequence[Exemplar],
                  exemplar_vectors: dict[str, Any], questions: Sequence[SectionQuestion],
                  question_vectors: dict[str, Any]) -> None:
    """Write the matrix files an index built before them lacks. Without them the vectors
    load from Chroma as before, so a disk error here is not an error."""
    safety = packed_vectors_path(store, collection + SAFETY_SUFFIX)
    asked = packed_vectors_path(store, collection + QUESTIONS_SUFFIX)
    with suppress(OSError):
        if safety and not safety.is_file():
            _pack_exemplars(safety, _unique(exemplars, [exemplar_vectors[e.id] for e in exemplars]))
        if asked and questions and not asked.is_file():
            _pack_questions(asked, questions, [question_vectors[q.id] for q in questions])


def _write_vectors(client: Any, name: str, ids: Sequence[str], vectors: Sequence[Any],
                   metadatas: Sequence[dict[str, Any]]) -> None:
    """A collection of labelled vectors, written in batches Chroma accepts. They are read
    whole or by label, never searched by vector: a sparse graph will do."""
    target = client.create_collection(
        name, embedding_function=None,
        configuration={"hnsw": {"space": "cosine", "ef_construction": 16, "max_neighbors": 4}})
    batch = max(1, client.get_max_batch_size())
    for start in range(0, len(ids), batch):
        target.add(ids=list(ids[start:start + batch]),
                   embeddings=_as_matrix(vectors[start:start + batch]),
                   metadatas=list(metadatas[start:start + batch]))


def _as_matrix(vectors: Sequence[Any]) -> Any:
    import numpy as np

    return np.asarray(vectors, dtype=np.float32)


def chunk_metadata(chunk: Chunk, asked: str = "") -> dict[str, Any]:
    """The flat metadata Chroma stores with a chunk (lists become strings and flags).

    Its BM25 terms include ``asked``, the questions written for its section, so people's
    words ("ghosting", "left on read") find it by keyword too."""
    meta: dict[str, Any] = {
        "slot": chunk.slot, "path": chunk.path, "title": chunk.title,
        "heading": chunk.heading, "heading_path": " > ".join(chunk.heading_path),
        "anchor": chunk.anchor, "url": chunk.url, "audience": ",".join(chunk.audience),
        "tags": ",".join(chunk.tags), "kinds": ",".join(chunk.kinds),
        "terms": format_terms(lexical_text(chunk.title, " > ".join(chunk.heading_path),
                                           f"{chunk.text} {asked}")),
    }
    for audience in ("mentor", "mentee", "program_owner"):
        meta[AUDIENCE_KEY.format(audience)] = audience in chunk.audience
    return meta


def _replace_fingerprint(state: IndexState, fingerprint: str, pages: int,
                         labelled: str) -> IndexState:
    from dataclasses import replace

    return replace(state, fingerprint=fingerprint, pages=pages, built_at=time.time(),
                   labelled=labelled)


def _summary(chunks: Sequence[Chunk], old: dict[str, tuple[str, Any]], pages: int,
             embedded: int, seconds: float, reason: str) -> IndexSummary:
    new_slots = {c.slot for c in chunks}
    old_slots = {slot for slot, _ in old.values()}
    changed = [c for c in chunks if c.id not in old]
    updated = sum(c.slot in old_slots for c in changed)
    return IndexSummary(
        pages=pages, chunks=len(chunks), added=len(changed) - updated, updated=updated,
        removed=len(old_slots - new_slots), unchanged=len(chunks) - len(changed),
        embedded=embedded, seconds=seconds, rebuilt_because=reason)
