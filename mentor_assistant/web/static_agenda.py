"""The Plan page's part of the static assistant bundle: ``agendas.json``.

The browser builds the same offline agenda as `agenda.build_offline_agenda`
(see ``guide_content/javascripts/static-plan.js``). Everything that does not
depend on the request is exported here from the Python objects: the session
templates, the agenda's own wording, the patterns and thresholds, the template
sections a focus must not point to, the context pages' sections (with their
vectors, to pick one for a focus), and, for every section of the index, the
prompts and tips a focus can take from it.
"""

from __future__ import annotations

import base64
import json
from dataclasses import asdict
from pathlib import Path
from typing import Any, Protocol

from ..agendas import agenda, agenda_focus, agenda_words, scaling
from ..agendas.agenda import CONTEXTS, AgendaRequest, SourceRef
from ..agendas.agenda_formats import MODE_NOTES
from ..answers.retrieval import Hit
from ..guide import sessions
from ..guide.content import page_url
from ..guide.sessions import ROLES, SESSION_TYPES, SessionItem, SessionTemplate

AGENDAS_FILE = "agendas.json"
BUNDLE_VERSION = 1
PATTERNS = ("REVIEW_ITEM", "GOAL_ITEM", "FOCUS_SLOT", "WRAP_UP_ITEM")
FOCUS_PATTERNS = ("NARRATIVE", "GENERIC_HEADING")
FOCUS_NUMBERS = ("RELATED_SHARE", "HEADING_FLOOR", "PROMPT_FLOOR", "TIP_FLOOR",
                 "PHRASE_FLOOR", "INCLUDE_MARGIN", "TITLE_WORD_BONUS")
WORDS = ("SAFETY_TITLE", "SAFETY_VOICES", "SAFETY_STEP", "UNSURE_STEP", "FOCUS_STEP",
         "REVIEW_PURPOSE", "REVIEW_CLOSE", "ACTION_PROMPT", "ACTIONS_PROMPT", "GOAL_PROMPT",
         "AGENDA_TITLE", "REVIEW_TITLE", "READ_STEP", "UPDATE_STEP", "FOCUS_TITLE",
         "FOCUS_NOTED", "NOTE_PROMPT", "FOCUS_WORK", "FOCUS_ADVICE", "FOCUS_INCLUDED")
ENGINE_SCRIPTS = {"core": "javascripts/static-core.js", "safety": "javascripts/static-safety.js"}


class AgendaBundleContext(Protocol):
    """What this part needs of the bundle writer's context."""

    guide: Any  # GuideConfig
    docs_dir: Path
    index: Any  # LoadedIndex
    embedder: Any  # Embedder


def write_part(bundle_dir: Path, context: AgendaBundleContext) -> list[str]:
    """Write ``agendas.json`` into ``bundle_dir``; returns the file names written."""
    bundle_dir.mkdir(parents=True, exist_ok=True)
    data = agenda_bundle(context)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    (bundle_dir / AGENDAS_FILE).write_text(text, encoding="utf-8")
    return [AGENDAS_FILE]


def agenda_bundle(context: AgendaBundleContext) -> dict[str, Any]:
    """The request-independent half of the offline agenda, as JSON-ready data."""
    lookup = _Lookup(context.guide, context.index, context.embedder)
    return {
        "version": BUNDLE_VERSION,
        "session_types": dict(SESSION_TYPES), "roles": list(ROLES),
        "contexts": list(CONTEXTS),
        "limits": {"min_minutes": agenda.MIN_MINUTES, "max_minutes": agenda.MAX_MINUTES,
                   "max_prompts": agenda.MAX_PROMPTS, "focus_share": agenda.FOCUS_SHARE,
                   "review_share": agenda.REVIEW_SHARE, "min_item": scaling.MIN_ITEM,
                   "min_average": scaling.MIN_AVERAGE},
        "patterns": {name: _pattern(getattr(agenda, name)) for name in PATTERNS}
        | {name: _pattern(getattr(agenda_focus, name)) for name in FOCUS_PATTERNS},
        "focus": {name.lower(): getattr(agenda_focus, name) for name in FOCUS_NUMBERS}
        | {"open_questions": agenda_focus.OPEN_QUESTIONS,
           "written_for_the_other": agenda_focus.WRITTEN_FOR_THE_OTHER},
        "words": {name.lower(): getattr(agenda_words, name) for name in WORDS},
        "mode_notes": MODE_NOTES,
        "length_words": {"hour": sessions.HOUR_WORDS, "minutes": sessions.MINUTES_WORDS},
        "templates": _templates(context.guide),
        "template_sections": sorted(agenda.template_section_urls(context.guide)),
        "escalation": asdict(agenda.escalation_ref(lookup)),
        "context_sections": _context_sections(lookup),
        "context_pages": _context_pages(context.index),
        "sections": _section_lines(context.index),
        "phrase_candidates": _phrase_candidates(context.index),
        "scripts": {name: path for name, path in ENGINE_SCRIPTS.items()
                    if (Path(context.docs_dir) / path).is_file()},
    }


class _Lookup:
    """The part of an `Assistant` the agenda's context section needs: index and embedder."""

    def __init__(self, guide: Any, index: Any, embedder: Any) -> None:
        self.guide, self.index, self.embedder = guide, index, embedder

    def best_section_in(self, path: str, query: str, skip: Any = None) -> Hit | None:
        from ..answers.assistant import Assistant

        return Assistant.best_section_in(self, path, query, skip)  # type: ignore[arg-type]


def _pattern(compiled: Any) -> dict[str, str]:
    import re

    return {"source": compiled.pattern, "flags": "i" if compiled.flags & re.IGNORECASE else ""}


def _templates(guide: Any) -> dict[str, Any]:
    templates = {}
    for kind, (page, template) in agenda.session_templates(guide.docs_dir).items():
        url = page_url(page.path, guide.use_directory_urls, guide.site_url)
        templates[kind] = {
            "page": {"title": page.title, "path": page.path, "url": url},
            "anchors": {h.text: h.anchor for h in page.headings if h.level == 3},
            "minutes": template.minutes,
            "preparation": {role: list(steps) for role, steps in template.preparation.items()},
            "versions": _versions(template),
        }
    return templates


def _versions(template: SessionTemplate) -> list[dict[str, Any]]:
    """The full agenda first, then its other versions, as `nearest_version` weighs them."""
    every = [(template.minutes, template.items)] + [(v.minutes, v.items)
                                                     for v in template.versions]
    return [{"minutes": minutes, "items": [_item(item) for item in items]}
            for minutes, items in every]


def _item(item: SessionItem) -> dict[str, Any]:
    return {"title": item.title, "minutes": item.minutes, "priority": item.priority,
            "focus": item.focus,
            "voices": {role: {"purpose": item.voice(role).purpose,
                              "prompts": list(item.voice(role).prompts)} for role in ROLES},
            "fit_texts": [item.title, item.purpose, *item.prompts,
                          *(item.mentee.prompts if item.mentee else ())]}


def _ref(hit: Hit | None) -> dict[str, str] | None:
    return asdict(SourceRef(hit.title, hit.heading, hit.url, hit.path)) if hit else None


def _context_sections(lookup: _Lookup) -> dict[str, dict[str, Any]]:
    """Each context's section for a request without a focus, per session type."""
    return {context: {kind: _ref(agenda._context_hit(
                AgendaRequest(session_type=kind, context=context), kind, lookup))
                      for kind in SESSION_TYPES}
            for context in CONTEXTS}


def _context_pages(index: Any) -> dict[str, list[dict[str, Any]]]:
    """The sections `best_section_in` chooses from on each context page, with vectors."""
    import numpy as np

    pages = {}
    for context, path in CONTEXTS.items():
        rows = [i for i, meta in enumerate(index.metadatas) if meta["path"] == path
                and meta["anchor"] and not agenda_focus.NARRATIVE.search(meta["heading"])]
        pages[context] = [
            {**_ref(index.hit(index.ids[i], 1.0)),
             "vector": base64.b64encode(np.asarray(index.vectors[i], dtype="<f4").tobytes())
             .decode("ascii")}
            for i in rows]
    return pages


def _section_lines(index: Any) -> dict[str, dict[str, list[str]]]:
    """Per section id: the prompts (a mentor's) and tips (a mentee's) a focus can take."""
    lines = {}
    for chunk_id, text in zip(index.ids, index.documents, strict=True):
        prompts = agenda_focus.prompt_candidates(text)
        tips = agenda_focus.mentee_tips(text)
        if prompts or tips:
            lines[chunk_id] = {"prompts": prompts, "tips": tips}
    return lines


def _phrase_candidates(index: Any) -> dict[str, list[str]]:
    """Per page: the candidates of its phrase sections (a mentor's focus prompts' second pool)."""
    paths = dict.fromkeys(meta["path"] for meta in index.metadatas)
    pools = {path: agenda_focus.phrase_candidates(index, path) for path in paths}
    return {path: pool for path, pool in pools.items() if pool}
