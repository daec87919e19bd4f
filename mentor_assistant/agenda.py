"""Session agendas: phase-aware, timed, and grounded in the guide.

`suggest_agenda` starts from the guide's session template for the phase, scales
it to the time the pair has, turns last session's open actions into a review
item, adds an item on the pair's focus built from the guide sections that
discuss it, and lists what to prepare and read. With a model configured, the
model may reword it (see `agenda_llm`); the offline agenda is the fallback.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from .content import Page, list_page_files, load_page, page_url
from .errors import ConfigError, RequestError
from .goals import PairNotes
from .retrieval import Hit
from .scaling import scale_minutes
from .sentences import candidate_sentences
from .sessions import SESSION_TYPES, SessionTemplate

ROLES = ("mentor", "mentee")
CONTEXTS = {"workplace": "contexts/workplace.md",
            "entrepreneurship": "contexts/entrepreneurship.md",
            "education": "contexts/education.md"}
MIN_MINUTES, MAX_MINUTES = 15, 240
MAX_PROMPTS = 3
FOCUS_SHARE, REVIEW_SHARE = 0.25, 0.15
RELATED_SHARE = 0.85  # focus sections scoring below this share of the best are left out
REVIEW_ITEM = re.compile(r"review last|action|recap|catch", re.IGNORECASE)
GOAL_ITEM = re.compile(r"goal|progress|review|reflect|achiev", re.IGNORECASE)
SAID_LINE = re.compile(r"^\s*(?:[-*+]|\d+\.)\s+[“\"]([^”\"]{12,200})[”\"]\s*$")
SAID_INLINE = re.compile(r"\b(?:say|saying|ask|asking|try|tell them)\b[^“\"\n]{0,25}[:,]?\s*"
                         r"[“\"]([^”\"\n]{12,200})[”\"]", re.IGNORECASE)
NARRATIVE = re.compile(r"scenario|example|in practice", re.IGNORECASE)
PHRASE_SECTIONS = re.compile(r"say|phrase|question|words", re.IGNORECASE)
FOCUS_SLOT = re.compile(r"challenge|learning topic|topic of the day", re.IGNORECASE)
WRAP_UP_ITEM = re.compile(r"agree|next (step|action)|close|wrap|goodbye|plan beyond",
                          re.IGNORECASE)
EXAMPLE_BLOCK = re.compile(r"^(!!!|\?\?\?\+?) example.*\n((?:[ \t]+.*\n|\n)*)",
                           re.MULTILINE)


@dataclass(frozen=True)
class AgendaRequest:
    """What a pair asks for."""

    session_type: str | None = None
    session_number: int | None = None
    total_sessions: int | None = None
    minutes: int | None = None
    role: str = "mentor"
    focus: str = ""
    notes: PairNotes | None = None
    context: str | None = None


@dataclass(frozen=True)
class SourceRef:
    """A guide section an agenda points to."""

    title: str
    heading: str
    url: str
    path: str


@dataclass(frozen=True)
class AgendaItem:
    title: str
    minutes: int
    purpose: str
    prompts: tuple[str, ...]
    sources: tuple[SourceRef, ...] = ()


@dataclass(frozen=True)
class Agenda:
    """A timed agenda for one session."""

    session_type: str
    minutes: int
    role: str
    title: str
    mode: str
    items: tuple[AgendaItem, ...]
    preparation: tuple[str, ...]
    sources: tuple[SourceRef, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        """The stable ``agenda --json`` shape."""
        return {
            "session_type": self.session_type, "minutes": self.minutes, "role": self.role,
            "title": self.title, "mode": self.mode,
            "items": [{"title": i.title, "minutes": i.minutes, "purpose": i.purpose,
                       "prompts": list(i.prompts),
                       "sources": [{"title": s.title, "url": s.url} for s in i.sources]}
                      for i in self.items],
            "preparation": list(self.preparation),
            "sources": [asdict(s) for s in self.sources],
        }


def resolve_session_type(request: AgendaRequest) -> str:
    """The session type asked for, or the one a session number implies.

    Raises:
        RequestError: the type is unknown, or the numbers do not make sense.
    """
    if request.session_type:
        if request.session_type not in SESSION_TYPES:
            raise RequestError(f"unknown session type {request.session_type!r}",
                               "use one of " + ", ".join(SESSION_TYPES))
        return request.session_type
    number, total = request.session_number, request.total_sessions
    if number is None or total is None:
        raise RequestError("say which session this is",
                           "give --type (first, goals, checkin, midpoint, closing), or "
                           "--session N --of M")
    if total < 1 or number < 1:
        raise RequestError("session numbers start at 1", "e.g. --session 3 --of 8")
    if number > total:
        raise RequestError(f"session {number} of {total} is past the planned total",
                           f"use a session number from 1 to {total}, or raise --of")
    return infer_session_type(number, total)


def infer_session_type(number: int, total: int) -> str:
    """First, goal setting, check-ins with a mid-point review, and a closing session."""
    if number == 1:
        return "first"
    if number == total:
        return "closing"
    if number == 2:
        return "goals"
    if total >= 5 and number == max(3, (total + 1) // 2):
        return "midpoint"
    return "checkin"


def check_request(request: AgendaRequest) -> None:
    """Reject lengths, roles and contexts the agenda cannot serve."""
    if request.minutes is not None and not MIN_MINUTES <= request.minutes <= MAX_MINUTES:
        raise RequestError(f"{request.minutes} minutes is outside what an agenda can serve",
                           f"choose between {MIN_MINUTES} and {MAX_MINUTES} minutes")
    if request.role not in ROLES:
        raise RequestError(f"unknown role {request.role!r}", "use mentor or mentee")
    if request.context is not None and request.context not in CONTEXTS:
        raise RequestError(f"unknown context {request.context!r}",
                           "use one of " + ", ".join(CONTEXTS))
    if len(request.focus) > 500:
        raise RequestError("the focus is longer than 500 characters",
                           "describe the concern in a sentence or two")


def session_templates(docs_dir: Any) -> dict[str, tuple[Page, SessionTemplate]]:
    """Each session type's template page, read fresh from the guide."""
    templates: dict[str, tuple[Page, SessionTemplate]] = {}
    for path in list_page_files(docs_dir):
        if path.startswith("sessions/"):
            page = load_page(docs_dir, path)
            if page.session:
                templates.setdefault(page.session.type, (page, page.session))
    return templates


def suggest_agenda(request: AgendaRequest, assistant: Any,
                   on_notice: Callable[[str], None] | None = None) -> Agenda:
    """A timed agenda for ``request``, grounded in the guide.

    With a model configured on ``assistant``, the model personalises it; if that
    fails the offline agenda is returned and ``on_notice`` hears why.
    """
    agenda = build_offline_agenda(request, assistant)
    if assistant.llm is None:
        return agenda
    from .agenda_llm import personalise

    return personalise(agenda, request, assistant, on_notice)


def build_offline_agenda(request: AgendaRequest, assistant: Any) -> Agenda:
    """The deterministic agenda from templates and retrieval."""
    check_request(request)
    kind = resolve_session_type(request)
    templates = session_templates(assistant.guide.docs_dir)
    if kind not in templates:
        raise ConfigError(f"the guide has no session template of type {kind!r}",
                          "add one under guide_content/sessions/ (see 'Editing this guide')")
    page, template = templates[kind]
    minutes = request.minutes or template.minutes
    url = page_url(page.path, assistant.guide.use_directory_urls, assistant.guide.site_url)
    drafts = _template_items(page, template, url)
    weights = [float(item.minutes) for item in drafts]
    focus_hits = _focus_hits(request, assistant, {s.url for d in drafts for s in d.sources}) \
        if request.focus.strip() else []
    context_hit = _context_hit(request, kind, assistant)
    if request.notes:
        drafts, weights = _with_notes(drafts, weights, request.notes, minutes)
    if focus_hits:
        drafts, weights = _with_focus(drafts, weights,
                                      _focus_item(request, focus_hits, context_hit, assistant))
    kept, scaled = scale_minutes(weights, minutes, protect={0, len(drafts) - 1} |
                                 {i for i, d in enumerate(drafts) if d.title.startswith("Focus")})
    items = tuple(replace(drafts[i], minutes=m) for i, m in zip(kept, scaled, strict=True))
    sources = _dedupe([_ref(h) for h in focus_hits[:3]] + ([_ref(context_hit)] if context_hit
                      else []) + [SourceRef(page.title, page.title, url, page.path)])
    return Agenda(kind, minutes, request.role, _title(kind, minutes, request), "template",
                  items, _preparation(template, request, focus_hits), sources)


def _template_items(page: Page, template: SessionTemplate, url: str) -> list[AgendaItem]:
    anchors = {h.text: h.anchor for h in page.headings if h.level == 3}
    return [AgendaItem(item.title, item.minutes, item.purpose, item.prompts[:3],
                       (SourceRef(page.title, item.title, f"{url}#{anchors[item.title]}",
                                  page.path),) if item.title in anchors else ())
            for item in template.items]


def _with_notes(drafts: list[AgendaItem], weights: list[float], notes: PairNotes,
                minutes: int) -> tuple[list[AgendaItem], list[float]]:
    drafts, weights = list(drafts), list(weights)
    actions = _action_prompts(notes)
    if actions:
        at = next((i for i, d in enumerate(drafts) if REVIEW_ITEM.search(d.title)), None)
        if at is None:
            review = AgendaItem("Review last session's actions", 5,
                                "Go through what was agreed last time before anything new.",
                                (*actions[:2], "What will you carry forward, and what will "
                                 "you drop?"))
            at = 1 if len(drafts) > 1 else len(drafts)
            drafts.insert(at, review)
            weights.insert(at, REVIEW_SHARE * sum(weights) / (1 - REVIEW_SHARE))
        else:
            drafts[at] = replace(drafts[at], prompts=(*actions[:2], *drafts[at].prompts[:1]))
    if notes.goals:
        at = next((i for i, d in enumerate(drafts) if GOAL_ITEM.search(d.title)), 1)
        at = min(at, len(drafts) - 1)
        goal_prompts = tuple(f"Where are you now on “{goal}”?" for goal in notes.goals[:2])
        drafts[at] = replace(drafts[at],
                             prompts=(goal_prompts + drafts[at].prompts)[:MAX_PROMPTS])
    return drafts, weights


def _with_focus(drafts: list[AgendaItem], weights: list[float], focus: AgendaItem
                ) -> tuple[list[AgendaItem], list[float]]:
    """The focus takes over the template's open working slot, or joins before the wrap-up."""
    drafts, weights = list(drafts), list(weights)
    extra = FOCUS_SHARE * sum(weights) / (1 - FOCUS_SHARE)
    slot = next((i for i, d in enumerate(drafts) if FOCUS_SLOT.search(d.title)), None)
    if slot is not None:
        drafts[slot] = replace(focus, sources=focus.sources + drafts[slot].sources)
        weights[slot] += extra / 2
        return drafts, weights
    at = next((i for i, d in enumerate(drafts) if i and WRAP_UP_ITEM.search(d.title)),
              max(1, len(drafts) - 1))
    drafts.insert(at, focus)
    weights.insert(at, extra)
    return drafts, weights


def _action_prompts(notes: PairNotes) -> list[str]:
    """One prompt per open action, or one listing them all when there are many."""
    open_actions = notes.open_actions
    if len(open_actions) <= 2:
        return [f"How did “{a.text}” go? What helped or got in the way?" for a in open_actions]
    listed = "; ".join(f"“{a.text}”" for a in open_actions[:6])
    return [f"Last time you agreed to: {listed}. How did each one go?",
            "What got in the way, and what will you carry forward?"]


def _focus_hits(request: AgendaRequest, assistant: Any, in_agenda: set[str]) -> list[Hit]:
    """The sections that discuss the focus (not the template's own agenda items)."""
    query = request.focus if not request.context else f"{request.focus} ({request.context})"
    hits = assistant.search(query, 8, audience=request.role)
    useful = [h for h in hits if h.anchor and h.url not in in_agenda
              and not h.heading.startswith("Timed agenda") and not NARRATIVE.search(h.heading)]
    return [h for h in useful[:4] if h.score >= RELATED_SHARE * useful[0].score]


def _context_hit(request: AgendaRequest, kind: str, assistant: Any) -> Hit | None:
    if not request.context:
        return None
    query = f"{request.focus or SESSION_TYPES[kind]} {request.context}"
    hit = assistant.best_section_in(CONTEXTS[request.context], query, skip=NARRATIVE)
    return hit


def _focus_item(request: AgendaRequest, hits: Sequence[Hit], context_hit: Hit | None,
                assistant: Any) -> AgendaItem:
    focus = " ".join(request.focus.split())
    short = focus if len(focus) <= 60 else focus[:57].rsplit(" ", 1)[0] + "…"
    lead = hits[0]
    prompts = _prompts_from(list(hits[:2]) + ([context_hit] if context_hit else []), focus,
                            assistant)
    purpose = (f"Work on what you raised, “{short}”, with the guide's advice on "
               f"{lead.heading.lower()} ({lead.title}).")
    refs = [_ref(h) for h in hits[:2]] + ([_ref(context_hit)] if context_hit else [])
    return AgendaItem(f"Focus: {short[0].upper()}{short[1:]}", 10, purpose, tuple(prompts),
                      tuple(_dedupe(refs)))


def _prompts_from(hits: Sequence[Hit], focus: str, assistant: Any, count: int = 3) -> list[str]:
    """Things to say and questions to ask about the focus, drawn from the guide.

    First from the focus sections themselves, then from the lead page's "things
    you can say" sections, then the sections' own advice as tips; each pool is
    ranked by closeness to the focus, and loosely related lines are left out.
    """
    lead_page = [h for h in assistant.index.page(hits[0].path) if PHRASE_SECTIONS.search(h.heading)]
    same_page = [h for h in hits if h.path == hits[0].path]
    pools = [
        [c for h in same_page for c in prompt_candidates(h.text)],
        [c for h in lead_page for c in prompt_candidates(h.text)],
        [f"From the guide: {s}" for s in candidate_sentences(without_examples(hits[0].text))
         if not s.endswith("?") and not any(q in s for q in "\"“”—")],
    ]
    chosen: list[str] = []
    for pool, floor in zip(pools, (0.1, 0.4, 0.2), strict=True):
        for candidate in _closest(list(dict.fromkeys(pool)), focus, assistant, floor):
            if len(chosen) < count and not any(candidate in c or c in candidate for c in chosen):
                chosen.append(candidate)
        if len(chosen) >= 2:
            break
    if len(chosen) < 2:
        chosen.append(f"What would progress on “{focus}” look like by our next session?")
    return chosen


def _closest(candidates: list[str], focus: str, assistant: Any, floor: float) -> list[str]:
    if not candidates:
        return []
    vectors = assistant.embedder.embed([focus, *candidates])
    scores = [float(vectors[i + 1] @ vectors[0]) for i in range(len(candidates))]
    order = sorted(range(len(candidates)), key=lambda i: -scores[i])
    return [candidates[i] for i in order if scores[i] >= floor]


def without_examples(text: str) -> str:
    """The section without its worked examples (their dialogue is not advice)."""
    return EXAMPLE_BLOCK.sub("", text + "\n")


def prompt_candidates(text: str) -> list[str]:
    """Phrases a person can say and open questions, from one section's Markdown."""
    text = without_examples(text)
    found = [m.group(1).strip() for line in text.splitlines() if (m := SAID_LINE.match(line))]
    found += [m.strip() for m in SAID_INLINE.findall(text)]
    found += [s for s in candidate_sentences(text)
              if s.endswith("?") and not any(q in s for q in "\"“”")]
    return [c for c in found if 4 <= len(c.split()) <= 35]


def _preparation(template: SessionTemplate, request: AgendaRequest,
                 focus_hits: Sequence[Hit]) -> tuple[str, ...]:
    steps = list(template.preparation.get(request.role, ()))
    if focus_hits:
        lead = focus_hits[0]
        steps.append(f"Read “{lead.heading}” in {lead.title} ({lead.url}) with your concern in "
                     "mind.")
        if request.role == "mentee":
            steps.append("Write two or three sentences on what you want help with, to share at "
                         "the start.")
        else:
            steps.append("Note one open question you could ask about it, rather than advice "
                         "to give.")
    if request.notes and request.notes.open_actions:
        steps.append("Bring an honest update on each open action from last time.")
    return tuple(dict.fromkeys(steps))


def _title(kind: str, minutes: int, request: AgendaRequest) -> str:
    return f"{SESSION_TYPES[kind]} ({minutes} minutes), prepared by the {request.role}"


def _ref(hit: Hit) -> SourceRef:
    return SourceRef(hit.title, hit.heading, hit.url, hit.path)


def _dedupe(refs: Sequence[SourceRef]) -> list[SourceRef]:
    seen: dict[str, SourceRef] = {}
    for ref in refs:
        seen.setdefault(ref.url, ref)
    return list(seen.values())
