"""The assistant: loads the index and embedder once, then searches and answers.

`Assistant.ask` retrieves sources, sets the ``safety`` and ``out_of_scope``
flags, and answers with the configured model, falling back to the extractive
answer (with one notice) when the model fails.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..errors import ConfigError, ModelError, RequestError
from ..guide.aliases import Aliases, load_aliases
from ..guide.config import GuideConfig, load_guide_config
from ..guide.contacts import CONTACTS_ANCHOR, ESCALATION_PAGE, render_contacts_list
from ..guide.content import load_contacts
from ..index.embeddings import Embedder, MiniLMEmbedder, OpenAIEmbedder
from ..llm import LLM, OpenAIChat
from ..safety.detector import SURE, UNSURE, SafetyCheck, SafetyDetector
from ..settings import Settings
from .answer import Answer, Source, compose_passages, number_sources
from .asker import ROLE_NAMES, Asking, asking, infer_role
from .passages import Passage, wanted_kinds
from .prompts import (
    ANSWER_SYSTEM,
    ANSWER_USER,
    HISTORY_QUESTION,
    SAFETY_NOTE,
    SOURCE,
    new_nonce,
)
from .retrieval import Hit, LoadedIndex, best_similarity, retrieve
from .section_passages import section_passages

MAX_QUESTION_CHARS = 2000
SAFETY_LEAD = ("**Safety first.** This may involve someone's safety. Act on the escalation "
               "contacts before anything else [{n}]:")
SAFETY_TURNS = 3  # a disclosure this many turns back still flags a follow-up
ANSWER_SOURCES = 4
OUT_OF_SCOPE_BELOW = 0.30
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
        self._safety: SafetyDetector | None = None
        self._contacts_block: str | None = None
        self._aliases: Aliases | None = None

    @property
    def mode(self) -> str:
        return "llm" if self.llm else "extractive"

    def load(self) -> Assistant:
        """Open the index and load the embedder, overlapping the two."""
        if self._index is not None:
            return self
        loader = _ModelLoader(MiniLMEmbedder(threads=self.embed_threads))
        try:
            index, exemplars = _open_current_index(self.settings)
        finally:
            loader.thread.join()  # never leave the model loading behind on an error
        embedder = loader.result() if index.state.embedder == MiniLMEmbedder.name \
            else _embedder_named(index.state.embedder, self.settings)
        self._safety = _safety_detector(embedder, exemplars, self.guide)
        self._index, self._embedder = index, embedder
        return self

    def on_current_index(self) -> Assistant:
        """A new assistant over the index generation current now, sharing this one's model.

        A server swaps to it between requests when `index` has built a new generation.
        """
        index, exemplars = _open_current_index(self.settings)
        fresh = Assistant(self.settings, load_guide_config(self.settings.config_file), self.llm,
                          self.embed_threads)
        fresh._index = index
        fresh._embedder = self.embedder if index.state.embedder == self.index.state.embedder \
            else _embedder_named(index.state.embedder, self.settings)
        fresh._safety = _safety_detector(fresh._embedder, exemplars, fresh.guide)
        _ = index.bm25, index.matrix, index.question_links
        return fresh

    def warm_up(self) -> Assistant:
        """Do the first-use work now (lexical index, first inference), not on a request."""
        self.load()
        _ = self.index.bm25, self.index.matrix, self.index.question_links
        self.embedder.embed(["warming up"])
        return self

    @property
    def index(self) -> LoadedIndex:
        return self.load()._index  # type: ignore[return-value]

    @property
    def embedder(self) -> Embedder:
        return self.load()._embedder  # type: ignore[return-value]

    @property
    def safety(self) -> SafetyDetector:
        return self.load()._safety  # type: ignore[return-value]

    @property
    def aliases(self) -> Aliases:
        """The guide's alias list: people's words for the guide's words."""
        if self._aliases is None:
            self._aliases = load_aliases(self.guide.docs_dir)
        return self._aliases

    def check_safety(self, text: str) -> SafetyCheck:
        """The verdict on ``text`` of the safety check every surface uses."""
        return self.safety.check(text)

    def detect_safety(self, text: str) -> bool:
        """Whether ``text`` touches on someone's safety."""
        return self.check_safety(text).flagged

    def is_safety_question(self, question: str, history: Sequence[Turn] = (),
                           vector: Any = None) -> bool:
        """The question, or a recent turn of its conversation, touches on safety.

        ``vector`` is the question's own embedding, if the caller has it. With a model
        configured, its endpoint's moderation may add the flag, never remove it.
        """
        return self.safety_reading(question, history, vector) is not None

    def safety_reading(self, question: str, history: Sequence[Turn] = (),
                       vector: Any = None) -> str | None:
        """``SURE`` or ``UNSURE`` when the question, or a recent turn, touches on safety
        (unsure: flagged near the threshold on closeness alone); None when nothing does."""
        recent = [turn.question for turn in history[-SAFETY_TURNS:]]
        known = {question.lower(): vector} if vector is not None else None
        flagged = [check for check in self.safety.check_many([question, *recent], known)
                   if check.flagged]
        if any(not check.unsure for check in flagged):
            return SURE
        moderate = getattr(self.llm, "flags_risk", None)
        if moderate and moderate(question):
            return SURE
        return UNSURE if flagged else None

    def contacts_block(self, n: int = 1) -> str:
        """The escalation contacts from the guide, as the lead of a safety answer citing
        source ``n``."""
        if self._contacts_block is None:
            self._contacts_block = render_contacts_list(load_contacts(self.guide.docs_dir))
        return f"{SAFETY_LEAD.format(n=n)}\n\n{self._contacts_block}"

    def is_stale(self) -> bool:
        """Whether the guide changed since the index was built."""
        from ..index.build import guide_fingerprint

        return guide_fingerprint(self.guide) != self.index.state.fingerprint

    def search(self, query: str, k: int = 5, retriever: str | None = None,
               audience: str | None = None) -> list[Hit]:
        """The ``k`` best sections for ``query``."""
        return self.search_flagged(query, k, retriever, audience)[0]

    def search_flagged(self, query: str, k: int = 5, retriever: str | None = None,
                       audience: str | None = None) -> tuple[list[Hit], tuple[str, ...]]:
        """The ``k`` best sections for ``query`` and its flags: a safety query gets the
        escalation contacts first."""
        query = check_question(query)
        retriever = retriever or self.settings.retriever
        expanded = self.aliases.expand(query)
        vector = None if retriever == "lexical" else self.embedder.embed([expanded])[0]
        hits = retrieve(self.index, expanded, k, retriever, audience, vector,
                        prefer=audience or infer_role(query), asked_for=wanted_kinds(query))
        if self.safety.check(query, vector if expanded == query else None).flagged:
            return self._escalation_first(hits, vector)[:k], ("safety",)
        return hits, ()

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

    def flags_for(self, question: str, vector: Any, audience: str | None = None,
                  history: Sequence[Turn] = ()) -> list[str]:
        """``safety`` or ``out_of_scope`` for a question (a safety question is never out of
        scope)."""
        own_vector = vector if not history else None  # a follow-up's vector carries history
        return self._flags(self.safety_reading(question, history, own_vector), vector,
                           audience)

    def _flags(self, reading: str | None, vector: Any, audience: str | None) -> list[str]:
        if reading:
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
        asked = self.asking(question, history, audience)
        query = self.aliases.expand(asked.query)
        vector = self.embedder.embed([query])[0]
        # the vector is the question's own only when nothing (history, aliases) was added
        reading = self.safety_reading(question, history, vector if query == question else None)
        flags = self._flags(reading, vector, asked.role if asked.explicit else None)
        hits = self.ranked(asked, vector, ANSWER_SOURCES)
        if "safety" in flags:
            hits = self._escalation_first(hits, vector)
        hits = hits[:ANSWER_SOURCES]
        sources = number_sources(hits)
        if "out_of_scope" in flags:
            return Answer(question, "extractive", out_of_scope_text(sources[:3]), tuple(flags),
                          sources[:3])
        passages = self.passages(hits, question, vector)
        sources = tuple(replace(s, text=p.markdown) if p else s
                        for s, p in zip(sources, passages, strict=True))
        if self.llm is not None:
            if on_start:
                on_start(flags)
            try:
                return self._ask_model(question, sources, flags, history, on_text,
                                       asked.role)
            except ModelError as error:
                _notify(on_notice, f"The model could not answer ({error.message}); "
                                   "showing the answer composed from the guide instead.")
        return self._extractive(question, sources, passages, flags, reading == UNSURE)

    def asking(self, question: str, history: Sequence[Turn] = (),
               audience: str | None = None) -> Asking:
        """Who asks ``question`` in this conversation, and the query to search with."""
        return asking(question, [turn.question for turn in history], audience)

    def ranked(self, asked: Asking, vector: Any, k: int = ANSWER_SOURCES) -> list[Hit]:
        """The ``k`` best sections for an answer: the asker's role preferred (required when
        chosen or said outright, while that role has any), people's words expanded."""
        query = self.aliases.expand(asked.query)
        audience = asked.role if asked.explicit else None
        wanted = wanted_kinds(asked.query)
        hits = retrieve(self.index, query, k, self.settings.retriever, audience, vector,
                        prefer=asked.role, asked_for=wanted)
        if not hits and audience:
            hits = retrieve(self.index, query, k, self.settings.retriever, None, vector,
                            prefer=asked.role, asked_for=wanted)
        return hits

    def passages(self, hits: Sequence[Hit], question: str, vector: Any
                 ) -> list[Passage | None]:
        """What each hit's section would quote: its actionable passage, whole."""
        return section_passages(self.index, hits, question, vector,
                                self.aliases.named(question))

    def _escalation_first(self, hits: list[Hit], vector: Any | None) -> list[Hit]:
        """For a safety question: the escalation contacts, then that page's closest section
        (not its intro, which an answer does not quote)."""
        import numpy as np

        lead = self.index.sections(ESCALATION_PAGE, CONTACTS_ANCHOR)[:1]
        others = [h for h in self.index.page(ESCALATION_PAGE)
                  if h.anchor and h.anchor != CONTACTS_ANCHOR]
        if vector is not None and others:
            position = self.index.position
            lead += [max(others, key=lambda h: float(np.dot(
                self.index.matrix[position[h.id]], vector)))]
        ids = {hit.id for hit in lead}
        return lead + [hit for hit in hits if hit.id not in ids]

    def _extractive(self, question: str, sources: Sequence[Source],
                    passages: Sequence[Passage | None], flags: list[str],
                    unsure: bool = False) -> Answer:
        """The extractive answer; a safety answer leads with the contacts, then one passage
        from the escalation page, and, when the flag is unsure, the question's own."""
        lead_source = sources[0] if "safety" in flags and sources else None
        if lead_source is None:
            body, used = compose_passages(sources, passages)
            return Answer(question, "extractive", body, tuple(flags), used)
        rest, rest_passages = sources[1:], passages[1:]
        own = _own_passage(rest, rest_passages) if unsure else None
        body, used = compose_passages(rest, rest_passages, first_number=2, second=False,
                                      also=own)
        text = f"{self.contacts_block(lead_source.n)}\n\n{body}"
        return Answer(question, "extractive", text, tuple(flags), (lead_source, *used))

    def _ask_model(self, question: str, sources: Sequence[Source], flags: list[str],
                   history: Sequence[Turn], on_text: Callable[[str], None] | None,
                   role: str | None = None) -> Answer:
        from .model_answer import read_reply

        messages = model_messages(question, sources, flags, history, role)
        lead = f"{self.contacts_block(1)}\n\n" if "safety" in flags else ""
        reply = read_reply(self.llm.complete(messages, stream=True),  # type: ignore[union-attr]
                           {s.n for s in sources}, on_text or (lambda _: None), lead,
                           self.guide.site_url)
        if not reply.text:
            raise ModelError("the model endpoint sent an empty reply", "check the model")
        return Answer(question, "llm", lead + reply.text, tuple(flags), tuple(sources),
                      reply.notes(), reply.removed())


def _own_passage(sources: Sequence[Source], passages: Sequence[Passage | None]) -> int | None:
    """The first source off the escalation page with a passage to quote: what the
    question itself asks about."""
    return next((i for i, (source, passage) in enumerate(zip(sources, passages, strict=True))
                 if passage is not None and source.path != ESCALATION_PAGE), None)


def _open_current_index(settings: Settings) -> tuple[LoadedIndex, Any]:
    """The current index generation, and its stored safety exemplars: for the guide's and
    for the labelled sets', the Chroma collection (None for an index built before it kept
    them) and, for a local index, the file that holds them as one matrix."""
    from ..index.store import (
        QUESTIONS_SUFFIX,
        SAFETY_SUFFIX,
        current_collection,
        labelled_collection,
        open_client,
        packed_vectors_path,
        questions_collection,
        safety_collection,
        sentence_collection,
    )

    client = open_client(settings.store)
    collection, state = current_collection(client, settings.store)
    index = LoadedIndex(collection, state, sentence_collection(client, state),
                        questions_collection(client, state),
                        packed_vectors_path(settings.store, state.collection + QUESTIONS_SUFFIX))
    guide = (safety_collection(client, state),
             packed_vectors_path(settings.store, state.collection + SAFETY_SUFFIX))
    labelled = (labelled_collection(client, state),
                packed_vectors_path(settings.store, state.labelled) if state.labelled else None)
    return index, (guide, labelled)


def _safety_detector(embedder: Embedder, stored: Any, guide: GuideConfig) -> SafetyDetector:
    """The safety check, from the exemplars' vectors in the index: the guide's (embedded
    now for an index built before it kept them) and the labelled sets' (left out for an
    index built without them: 'mentor-assistant index' adds them)."""
    import numpy as np

    from ..guide.exemplars import load_exemplars
    from ..safety.safety_cues import normalise

    own, labelled = stored
    found = _stored_exemplars(*own)
    if found is None:
        exemplars = load_exemplars(guide.docs_dir)
        found = list(exemplars), embedder.embed([normalise(e.text) for e in exemplars])
    more = _stored_exemplars(*labelled) or ([], [])
    vectors = [np.asarray(v, dtype=np.float32).reshape(len(e), -1)
               for e, v in (found, more) if len(e)]
    return SafetyDetector(embedder, found[0] + more[0],
                          np.concatenate(vectors) if vectors else np.zeros((0, 0)))


def _stored_exemplars(collection: Any, packed: Path | None) -> tuple[list, Any] | None:
    """Exemplars and their vectors from the matrix file, else from Chroma (None: neither)."""
    from ..index.store import read_packed_exemplars
    from ..safety.detector import GUIDE, Exemplar

    if collection is None:
        return None
    found = read_packed_exemplars(packed) if packed else None
    if found:
        return found
    from ..index.store import read_all

    data = read_all(collection, ["embeddings", "metadatas"])
    return ([Exemplar("", meta["category"], bool(meta["disclosure"]),
                      source=meta.get("source", GUIDE)) for meta in data["metadatas"]],
            data["embeddings"])


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


def model_messages(question: str, sources: Sequence[Source], flags: Sequence[str],
                   history: Sequence[Turn], role: str | None = None,
                   nonce: str | None = None) -> list[dict[str, str]]:
    """The chat messages for a grounded answer, the guide's text and the question inside
    markers with a code made for this request (``nonce``), so neither can close them."""
    texts = [question, *(s.text for s in sources), *(t.question for t in history[-3:])]
    nonce = nonce or new_nonce(texts)
    system = ANSWER_SYSTEM.format(nonce=nonce) + ("\n\n" + SAFETY_NOTE if "safety" in flags
                                                  else "")
    messages = [{"role": "system", "content": system}]
    for turn in history[-3:]:
        messages += [{"role": "user", "content": HISTORY_QUESTION.format(
                          nonce=nonce, question=turn.question)},
                     {"role": "assistant", "content": turn.answer}]
    rendered = "\n\n".join(SOURCE.format(n=s.n, title=s.title, heading=s.heading, url=s.url,
                                         text=s.text, nonce=nonce) for s in sources)
    role = role or infer_role(question)
    asker = ROLE_NAMES[role] if role else "mentor, mentee or programme owner"
    messages.append({"role": "user", "content": ANSWER_USER.format(
        sources=rendered, asker=asker, question=question, nonce=nonce)})
    return messages


def out_of_scope_text(nearest: Sequence[Source]) -> str:
    lines = ["The guide does not seem to cover this question, so there is no answer to give "
             "from it. These are the nearest sections, in case they help:"]
    lines += [f"- {s.title} › {s.heading} [{s.n}]" for s in nearest]
    return "\n".join(lines)


def _notify(on_notice: Notice | None, message: str) -> None:
    if on_notice:
        on_notice(message)
