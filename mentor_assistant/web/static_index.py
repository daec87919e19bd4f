"""The static bundle's retrieval data: the current index, ready for the browser.

`write_retrieval` writes ``retrieval.json`` (every chunk's metadata, its section's
quotable blocks, BM25 term counts with a word -> stem table, the alias list, the
patterns that infer a role or a follow-up, and the constants retrieval and
composition use) and ``vectors.bin`` (int8 rows with one float32 scale each: the
chunks' text vectors, then the sections' written questions, then the quotable
sentences). Whatever does not depend on the question is done here, once.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..answers import answer, asker, assistant, passages, retrieval
from ..answers.passages import readable
from ..answers.section_passages import read_on
from ..guide.aliases import ALIASES_FILE
from ..guide.aliases import GAP as ALIAS_GAP
from ..guide.aliases import _read as read_aliases
from ..guide.blocks import split_blocks
from ..guide.contacts import CONTACTS_ANCHOR, ESCALATION_PAGE, render_contacts_list
from ..guide.content import load_contacts
from ..guide.section_questions import load_section_questions
from ..index.lexical import STOPWORDS, WORD, _stemmer, lexical_text, parse_terms
from ..index.sentences import candidate_sentences, plain_lines

RETRIEVAL_FILE = "retrieval.json"
VECTORS_FILE = "vectors.bin"


class _Rows:
    """Vectors collected for ``vectors.bin``, int8-quantised with one scale per row."""

    def __init__(self) -> None:
        self.rows: list[Any] = []

    def add(self, vector: Any) -> int:
        self.rows.append(vector)
        return len(self.rows) - 1

    def write(self, path: Path) -> dict[str, int]:
        import numpy as np

        matrix = np.asarray(self.rows, dtype=np.float32).reshape(len(self.rows), -1)
        scales = np.abs(matrix).max(axis=1) / 127.0
        scales[scales == 0] = 1.0
        quantised = np.clip(np.rint(matrix / scales[:, None]), -127, 127).astype(np.int8)
        path.write_bytes(scales.astype("<f4").tobytes() + quantised.tobytes())
        return {"rows": len(self.rows), "dimension": int(matrix.shape[1])}


def write_retrieval(bundle_dir: Path, context: Any) -> list[str]:
    """Write ``retrieval.json`` and ``vectors.bin`` from the current index."""
    from ..errors import ConfigError
    from ..index.embeddings import MiniLMEmbedder

    index = context.index
    if index.state.embedder != MiniLMEmbedder.name:
        raise ConfigError(f"the index was built with {index.state.embedder}, and the browser "
                          "runs only the offline model", "rebuild the index with "
                          "'mentor-assistant index --embedder local'")
    rows = _Rows()
    for vector in index.matrix:
        rows.add(vector)
    data = {
        "chunks": [_chunk(index, i) for i in range(len(index.ids))],
        "questions": _questions(index, rows),
        "sections": _sections(index, rows),
        "lexical": _lexical(index, context.docs_dir),
        "aliases": _aliases(context.docs_dir),
        "patterns": _patterns(),
        "escalation": _escalation(context.docs_dir),
        "constants": _constants(),
    }
    data["vectors"] = rows.write(bundle_dir / VECTORS_FILE)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    (bundle_dir / RETRIEVAL_FILE).write_text(text, encoding="utf-8")
    return [RETRIEVAL_FILE, VECTORS_FILE]


def _chunk(index: Any, i: int) -> dict[str, Any]:
    meta = index.metadatas[i]
    return {"id": index.ids[i], "path": meta["path"], "title": meta["title"],
            "heading": meta["heading"], "anchor": meta["anchor"], "url": meta["url"],
            "audience": [a for a in meta["audience"].split(",") if a],
            "kinds": [k for k in meta.get("kinds", "").split(",") if k],
            "headingPath": meta["heading_path"], "text": index.documents[i],
            "fallback": "\n".join(plain_lines(index.documents[i])[:6])}


def _questions(index: Any, rows: _Rows) -> list[list[int]]:
    """Each written question: its vector's row, then the chunk rows of its section."""
    links = index.question_links
    if links is None:
        return []
    vectors, question, row = links
    chunks_of: dict[int, list[int]] = {}
    for q, chunk_row in zip(question.tolist(), row.tolist(), strict=True):
        chunks_of.setdefault(q, []).append(chunk_row)
    return [[rows.add(vectors[q]), *chunk_rows] for q, chunk_rows in sorted(chunks_of.items())]


def _sections(index: Any, rows: _Rows) -> dict[str, dict[str, Any]]:
    """Each section's quotable blocks (keyed ``path#anchor``, or the chunk id for a page's
    opening), each block with the rows of its sentences' vectors."""
    members: dict[str, list[int]] = {}
    for i, meta in enumerate(index.metadatas):
        key = f"{meta['path']}#{meta['anchor']}" if meta["anchor"] else index.ids[i]
        members.setdefault(key, []).append(i)
    index.sentences.prefetch(index.ids)
    sentence_rows: dict[tuple[str, int], int] = {}
    return {key: _section(index, chunk_rows, rows, sentence_rows)
            for key, chunk_rows in members.items()}


def _section(index: Any, chunk_rows: Sequence[int], rows: _Rows,
             sentence_rows: dict[tuple[str, int], int]) -> dict[str, Any]:
    table: dict[str, int] = {}
    for i in chunk_rows:
        texts = candidate_sentences(index.documents[i])
        stored = index.sentences.get(index.ids[i])
        if stored is not None and len(stored) == len(texts):
            for ordinal, (text, vector) in enumerate(zip(texts, stored, strict=True)):
                where = (index.ids[i], ordinal)
                if where not in sentence_rows:
                    sentence_rows[where] = rows.add(vector)
                table[text] = sentence_rows[where]
    first = index.metadatas[chunk_rows[0]]
    heading_path = tuple(filter(None, first["heading_path"].split(" > ")))
    markdown = read_on(index, first["path"], first["heading_path"],
                       "\n\n".join(index.documents[i] for i in chunk_rows))
    blocks = [{"kind": block.kind, "words": block.words, "markdown": readable(block.markdown),
               "sentences": [table[s] for s in candidate_sentences(passages._plain(block.markdown))
                             if s in table]}
              for block in split_blocks(markdown, heading_path, first["path"])]
    return {"headed": bool(heading_path), "blocks": blocks}


def _lexical(index: Any, docs_dir: Path) -> dict[str, Any]:
    """BM25's term counts per chunk, and the stem of every word the guide, its written
    questions and its aliases use (the browser stems other words approximately)."""
    counts = [parse_terms(meta["terms"]) for meta in index.metadatas]
    texts = [lexical_text(m["title"], m["heading_path"], doc)
             for m, doc in zip(index.metadatas, index.documents, strict=True)]
    texts += [q.text for q in load_section_questions(docs_dir)]
    texts += [" ".join([term, *words]) for term, words, _ in read_aliases(docs_dir)[0]]
    words = sorted({w for text in texts for w in WORD.findall(text.lower().replace("'", ""))
                    if w not in STOPWORDS})
    stems = dict(zip(words, _stemmer().stemWords(words), strict=True))
    postings: dict[str, list[int]] = {}
    for doc, doc_counts in enumerate(counts):
        for term, count in doc_counts.items():
            postings.setdefault(term, []).extend((doc, count))
    return {"k1": 1.2, "b": 0.75, "word": WORD.pattern, "stopwords": sorted(STOPWORDS),
            "lengths": [sum(c.values()) for c in counts], "postings": postings,
            "stems": {w: s for w, s in stems.items() if w != s}, "words": words}


def _aliases(docs_dir: Path) -> list[list[Any]]:
    """``[guide term, [people's words]]``; empty when the list is broken (`check` says why)."""
    entries, problems = read_aliases(docs_dir)
    return [] if problems else [[term, words] for term, words, _ in entries]


def _patterns() -> dict[str, Any]:
    """The Python patterns the browser compiles too (all case-insensitive)."""
    def source(pattern: re.Pattern[str]) -> str:
        return pattern.pattern

    return {"followUp": source(asker.FOLLOW_UP),
            "roleSaid": {role: source(p) for role, p in asker.ROLE_SAID.items()},
            "roleHints": {role: source(p) for role, p in asker.ROLE_HINTS.items()},
            "asksFor": {kind: source(p) for kind, p in passages.ASKS_FOR.items()},
            "aliasesFile": ALIASES_FILE, "aliasGap": ALIAS_GAP}


def _escalation(docs_dir: Path) -> dict[str, str]:
    return {"page": ESCALATION_PAGE, "anchor": CONTACTS_ANCHOR,
            "lead": assistant.SAFETY_LEAD,
            "contacts": render_contacts_list(load_contacts(docs_dir))}


def _constants() -> dict[str, Any]:
    return {
        "candidates": retrieval.CANDIDATES, "perPage": retrieval.PER_PAGE,
        "lexicalWeight": retrieval.LEXICAL_WEIGHT, "clearLead": retrieval.CLEAR_LEAD,
        "roleBonus": retrieval.ROLE_BONUS, "fillerPenalty": retrieval.FILLER_PENALTY,
        "filler": sorted(retrieval.FILLER),
        "answerSources": assistant.ANSWER_SOURCES,
        "outOfScopeBelow": assistant.OUT_OF_SCOPE_BELOW, "safetyTurns": assistant.SAFETY_TURNS,
        "maxQuestionChars": assistant.MAX_QUESTION_CHARS,
        "notice": answer.EXTRACTIVE_NOTICE, "secondMargin": answer.SECOND_MARGIN,
        "secondMaxOverlap": answer.SECOND_MAX_OVERLAP, "answerWords": answer.ANSWER_WORDS,
        "thinLeadWords": answer.THIN_LEAD_WORDS, "thinMargin": answer.THIN_MARGIN,
        "seeAlso": answer.SEE_ALSO, "siblingMargin": answer.SIBLING_MARGIN,
        "actionable": sorted(passages.ACTIONABLE),
        "wholeSectionWords": passages.WHOLE_SECTION_WORDS,
        "passageWords": passages.PASSAGE_WORDS, "shortBlockWords": passages.SHORT_BLOCK_WORDS,
        "minParagraphWords": passages.MIN_PARAGRAPH_WORDS, "topicTurns": asker.TOPIC_TURNS,
        "complements": passages.COMPLEMENTS,
        "outOfScopeLead": assistant.out_of_scope_text(()),
    }
