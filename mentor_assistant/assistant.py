"""The assistant: loads the index and embedder once, then searches and answers.

`Assistant.ask` retrieves sources, sets the ``safety`` and ``out_of_scope``
flags, and answers with the configured model, falling back to the extractive
answer (with one notice) when the model fails.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from .answer import (
    Answer,
    CitationFilter,
    Source,
    candidate_sentences,
    compose_extractive,
    compose_lead,
    number_sources,
)
from .config import GuideConfig, load_guide_config
from .embeddings import Embedder, MiniLMEmbedder, OpenAIEmbedder
from .errors import ConfigError, ModelError, RequestError
from .llm import LLM, OpenAIChat
from .prompts import ANSWER_SYSTEM, ANSWER_USER, SAFETY_NOTE, SOURCE
from .retrieval import Hit, LoadedIndex, best_similarity, retrieve
from .safety import CONTACTS_ANCHOR, ESCALATION_PAGE, is_safety_sensitive
from .settings import Settings

MAX_QUESTION_CHARS = 2000
ANSWER_SOURCES = 4
OUT_OF_SCOPE_BELOW = 0.30
FOLLOW_UP = re.compile(r"^\s*(and|but|what about|what if|how about|also|so|then|ok|okay)\b",
                       re.IGNORECASE)
ROLE_WORDS = {
    "mentee": re.compile(r"\b(i'?m|i am|as) (the |a )?mentee\b", re.IGNORECASE),
    "mentor": re.compile(r"\b(i'?m|i am|as) (the |a )?mentor\b", re.IGNORECASE),
    "program_owner": re.compile(r"\b(i run|i'?m running|as) (the |a )?(programme|program)\b",
                                re.IGNORECASE),
}
Notice = Callable[[str], None]


@dataclass(frozen=True)
class Turn:
    """One exchange of a conversation."""

    question: str
    answer: str


class Assistant:
    """Search and answer over the current index."""

    def __init__(self, settings: Settings, guide: GuideConfig | None = None,
                 llm: LLM | None = None, embed_threads: int | None = None) -> None:
        self.settings = settings
        self.embed_threads = embed_threads
        self.guide = guide or load_guide_config(settings.config_file)
        self.llm = llm if llm is not None else _configured_llm(settings)
        self._index: LoadedIndex | None = None
        self._embedder: Embedder | None = None

    @property
    def mode(self) -> str:
        return "llm" if self.llm else "extractive"

    def load(self) -> Assistant:
        """Open the index and load the embedder, overlapping the two."""
        if self._index is not None:
            return self
        from .store import current_collection, open_client, sentence_collection

        loader = _ModelLoader(MiniLMEmbedder(threads=self.embed_threads))
        try:
            client = open_client(self.settings.store)
            collection, state = current_collection(client, self.settings.store)
            self._index = LoadedIndex(collection, state, sentence_collection(client, state))
        finally:
            loader.thread.join()  # never leave the model loading behind on an error
        self._embedder = loader.result() if state.embedder == MiniLMEmbedder.name \
            else _embedder_named(state.embedder, self.settings)
        return self

    def warm_up(self) -> Assistant:
        """Do the first-use work now (lexical index, first inference), not on a request."""
        self.load()
        _ = self.index.bm25, self.index.matrix
        self.embedder.embed(["warming up"])
        return self

    @property
    def index(self) -> LoadedIndex:
        return self.load()._index  # type: ignore[return-value]

    @property
    def embedder(self) -> Embedder:
        return self.load()._embedder  # type: ignore[return-value]

    def is_stale(self) -> bool:
        """Whether the guide changed since the index was built."""
        from .index import guide_fingerprint

        return guide_fingerprint(self.guide) != self.index.state.fingerprint

    def search(self, query: str, k: int = 5, retriever: str | None = None,
               audience: str | None = None) -> list[Hit]:
        """The ``k`` best sections for ``query``."""
        query = check_question(query)
        retriever = retriever or self.settings.retriever
        vector = None if retriever == "lexical" else self.embedder.embed([query])[0]
        hits = retrieve(self.index, query, k, retriever, audience, vector)
        if is_safety_sensitive(query):
            hits = self._escalation_first(hits, vector)[:k]
        return hits

    def detect_safety(self, text: str) -> bool:
        """Whether ``text`` touches on someone's safety (the same detector as ``ask``)."""
        return is_safety_sensitive(text)

    def best_section_in(self, path: str, query: str, skip: re.Pattern[str] | None = None
                        ) -> Hit | None:
        """The section of one page that best matches ``query`` (headings matching ``skip``
        left out)."""
        import numpy as np

        index = self.index
        rows = [i for i, meta in enumerate(index.metadatas) if meta["path"] == path
                and meta["anchor"] and not (skip and skip.search(meta["heading"]))]
        if not rows:
            return None
        vector = self.embedder.embed([query])[0]
        best = max(rows, key=lambda i: float(np.dot(index.vectors[i], vector)))
        return index.hit(index.ids[best], float(np.dot(index.vectors[best], vector)))

    def flags_for(self, question: str, vector: Any, audience: str | None = None) -> list[str]:
        """``safety`` and/or ``out_of_scope`` for a question."""
        if is_safety_sensitive(question):
            return ["safety"]
        if best_similarity(self.index, vector, audience) < OUT_OF_SCOPE_BELOW:
            return ["out_of_scope"]
        return []

    def ask(self, question: str, audience: str | None = None, history: Sequence[Turn] = (),
            on_text: Callable[[str], None] | None = None,
            on_notice: Notice | None = None,
            on_start: Callable[[Sequence[str]], None] | None = None) -> Answer:
        """Answer ``question`` from the guide.

        ``on_start`` receives the flags before a model starts streaming; ``on_text``
        receives the streamed text; ``on_notice`` receives fallback notices.
        """
        question = check_question(question)
        query = follow_up_query(question, history)
        audience = audience or infer_role(question)
        vector = self.embedder.embed([query])[0]
        flags = self.flags_for(question, vector, audience)
        hits = retrieve(self.index, query, ANSWER_SOURCES, self.settings.retriever, audience,
                        vector)
        if "safety" in flags:
            hits = self._escalation_first(hits, vector)
        hits = hits[:ANSWER_SOURCES]
        sources = number_sources(hits)
        if "out_of_scope" in flags:
            return Answer(question, "extractive", out_of_scope_text(sources[:3]), tuple(flags),
                          sources[:3])
        if self.llm is not None:
            if on_start:
                on_start(flags)
            try:
                return self._ask_model(question, sources, flags, history, on_text)
            except ModelError as error:
                _notify(on_notice, f"The model could not answer ({error.message}); "
                                   "showing the answer composed from the guide instead.")
        return self._extractive(question, hits, sources, vector, flags)

    def _escalation_first(self, hits: list[Hit], vector: Any | None) -> list[Hit]:
        """For a safety question: the escalation contacts, then that page's closest section."""
        import numpy as np

        lead = self.index.sections(ESCALATION_PAGE, CONTACTS_ANCHOR)[:1]
        others = [h for h in self.index.page(ESCALATION_PAGE) if h.anchor != CONTACTS_ANCHOR]
        if vector is not None and others:
            position = self.index.position
            lead += [max(others, key=lambda h: float(np.dot(
                self.index.matrix[position[h.id]], vector)))]
        ids = {hit.id for hit in lead}
        return lead + [hit for hit in hits if hit.id not in ids]

    def _extractive(self, question: str, hits: Sequence[Hit], sources: Sequence[Source],
                    vector: Any, flags: list[str]) -> Answer:
        lead_source = sources[0] if "safety" in flags and sources else None
        skip = 1 if lead_source else 0
        quoted, quoted_hits = sources[skip:], hits[skip:]
        sentences, scores = self._scored_sentences(quoted_hits, vector)
        body, used = compose_extractive(quoted, scores, sentences,
                                        first_number=2 if lead_source else 1)
        if lead_source is None:
            return Answer(question, "extractive", body, tuple(flags), used)
        text = ("This may involve someone's safety. Act on the escalation advice first:\n\n"
                f"{compose_lead(lead_source)}\n\n{body}")
        return Answer(question, "extractive", text, tuple(flags), (lead_source, *used))

    def _scored_sentences(self, hits: Sequence[Hit], vector: Any
                          ) -> tuple[list[list[str]], list[list[float]]]:
        """Each hit's quotable sentences and their similarity to the question.

        Sentence vectors come from the index; an index built without them has its
        sentences embedded now.
        """
        import numpy as np

        sentences, scores = [], []
        for hit in hits:
            texts = candidate_sentences(hit.text)
            stored = self.index.sentences.get(hit.id)
            if stored is not None and len(stored) == len(texts):
                vectors = np.asarray(stored, dtype=np.float32)
            else:
                vectors = self.embedder.embed(texts) if texts else np.zeros((0, len(vector)))
            sentences.append(texts)
            scores.append([float(x) for x in (vectors @ vector)] if texts else [])
        return sentences, scores

    def _ask_model(self, question: str, sources: Sequence[Source], flags: list[str],
                   history: Sequence[Turn], on_text: Callable[[str], None] | None) -> Answer:
        messages = model_messages(question, sources, flags, history)
        citations = CitationFilter({s.n for s in sources}, on_text or (lambda _: None))
        for piece in self.llm.complete(messages, stream=True):  # type: ignore[union-attr]
            citations.feed(piece)
        text = citations.close().strip()
        if not text:
            raise ModelError("the model endpoint sent an empty reply", "check the model")
        notes = ()
        if citations.removed:
            removed = ", ".join(f"[{n}]" for n in sorted(set(citations.removed)))
            notes = (f"Removed citation(s) {removed}: not among the retrieved sources.",)
        return Answer(question, "llm", text, tuple(flags), tuple(sources), notes)


def _configured_llm(settings: Settings) -> LLM | None:
    if not settings.llm_configured:
        return None
    return OpenAIChat(settings.model, settings.api_key, settings.base_url, settings.timeout)


def _embedder_named(name: str, settings: Settings) -> Embedder:
    if name == MiniLMEmbedder.name:
        return MiniLMEmbedder()
    if name.startswith("openai:"):
        if not settings.llm_configured:
            raise ConfigError(f"the index was built with {name}, which needs the OpenAI-"
                              "compatible endpoint", "set OPENAI_API_KEY / OPENAI_BASE_URL, or "
                              "rebuild with 'mentor-assistant index --embedder local'")
        return OpenAIEmbedder(settings.client_settings, name.split(":", 1)[1])
    raise ConfigError(f"the index was built with an unknown embedder {name!r}",
                      "rebuild it: mentor-assistant index --full")


class _ModelLoader:
    """Load the local model in a thread while the index opens."""

    def __init__(self, embedder: MiniLMEmbedder) -> None:
        self.embedder = embedder
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            self.embedder.load()
        except BaseException as error:  # noqa: BLE001 - re-raised in result()
            self.error = error

    def result(self) -> MiniLMEmbedder:
        self.thread.join()
        if self.error:
            raise self.error
        return self.embedder


def check_question(question: str) -> str:
    """A trimmed question, or a `RequestError` saying what is wrong with it."""
    if not isinstance(question, str) or not question.strip():
        raise RequestError("the question is empty", "type a question, e.g. "
                           "'How do I build trust with a new mentee?'")
    if len(question) > MAX_QUESTION_CHARS:
        raise RequestError(f"the question is {len(question)} characters long; the limit is "
                           f"{MAX_QUESTION_CHARS}", "shorten it to the essentials")
    return question.strip()


def follow_up_query(question: str, history: Sequence[Turn]) -> str:
    """The text to retrieve with: a short or follow-up question carries the last one along."""
    if not history:
        return question
    if len(question.split()) > 12 and not FOLLOW_UP.match(question):
        return question
    return f"{history[-1].question} {question}"


def infer_role(question: str) -> str | None:
    """The role a follow-up speaks from ("and what if I'm the mentee?")."""
    for role, pattern in ROLE_WORDS.items():
        if pattern.search(question):
            return role
    return None


def model_messages(question: str, sources: Sequence[Source], flags: Sequence[str],
                   history: Sequence[Turn]) -> list[dict[str, str]]:
    """The chat messages for a grounded answer."""
    system = ANSWER_SYSTEM + ("\n\n" + SAFETY_NOTE if "safety" in flags else "")
    messages = [{"role": "system", "content": system}]
    for turn in history[-3:]:
        messages += [{"role": "user", "content": turn.question},
                     {"role": "assistant", "content": turn.answer}]
    rendered = "\n\n".join(SOURCE.format(n=s.n, title=s.title, heading=s.heading, url=s.url,
                                         text=s.text) for s in sources)
    asker = infer_role(question) or "mentor, mentee or programme owner"
    messages.append({"role": "user", "content": ANSWER_USER.format(
        sources=rendered, asker=asker.replace("_", " "), question=question)})
    return messages


def out_of_scope_text(nearest: Sequence[Source]) -> str:
    lines = ["The guide does not seem to cover this question, so there is no answer to give "
             "from it. These are the nearest sections, in case they help:"]
    lines += [f"- {s.title} › {s.heading} [{s.n}]" for s in nearest]
    return "\n".join(lines)


def _notify(on_notice: Notice | None, message: str) -> None:
    if on_notice:
        on_notice(message)
