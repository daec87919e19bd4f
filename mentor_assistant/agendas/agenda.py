"""Session agendas: phase-aware, timed, and grounded in the guide.

`suggest_agenda` starts from the guide's session template for the phase, takes
the template's own version nearest to the time the pair has (full, shorter or
longer) and scales only from there, dropping the least essential items first.
The items speak in the preparing person's voice; the focus is worked into the
item that takes it (see `agenda_focus`); last session's open actions come back
for review; and a focus that touches on someone's safety puts the safeguarding
lead first. A focus flagged only unsurely (on closeness alone, near the threshold: often an
ordinary topic) keeps its agenda; a first preparation step says whom to contact if it is
about safety, and the contacts join the reading. With a model configured, the
model may reword it (see `agenda_llm`); the offline agenda is the fallback.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from ..answers.retrieval import Hit
from ..errors import ConfigError, RequestError
from ..guide.content import Page, list_page_files, load_page, page_url
from ..guide.sessions import SESSION_TYPES, SessionItem, SessionTemplate, fill_length
from ..safety.detector import SURE, UNSURE
from . import agenda_focus
from .agenda_focus import NARRATIVE, FocusPlan
from .agenda_types import Agenda, AgendaItem, AgendaRequest, SourceRef
from .agenda_words import (
    ACTION_PROMPT,
    ACTIONS_PROMPT,
    AGENDA_TITLE,
    FOCUS_STEP,
    GOAL_PROMPT,
    READ_STEP,
    REVIEW_CLOSE,
    REVIEW_PURPOSE,
    REVIEW_TITLE,
    SAFETY_STEP,
    SAFETY_TITLE,
    SAFETY_VOICES,
    UNSURE_STEP,
    UPDATE_STEP,
)
from .goals import PairNotes
from .scaling import scale_minutes

ROLES = ("mentor", "mentee")
CONTEXTS = {"workplace": "contexts/workplace.md",
            "entrepreneurship": "contexts/entrepreneurship.md",
            "education": "contexts/education.md"}
MIN_MINUTES, MAX_MINUTES = 15, 240
MAX_PROMPTS = 3
FOCUS_SHARE, REVIEW_SHARE = 0.25, 0.15
REVIEW_ITEM = re.compile(r"review last|action|recap|catch", re.IGNORECASE)
GOAL_ITEM = re.compile(r"goal|progress|review|reflect|achiev", re.IGNORECASE)
FOCUS_SLOT = re.compile(r"challenge|learning topic|topic of the day", re.IGNORECASE)
WRAP_UP_ITEM = re.compile(r"agree|next (step|action)|close|wrap|goodbye|plan beyond",
                          re.IGNORECASE)
ESCALATION_PAGE, CONTACTS_ANCHOR = "help/when-to-escalate.md", "who-to-contact"

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

    With a model configured on ``assistant``, the model personalises it (never an
    agenda that leads with the safeguarding step); if that fails the offline agenda
    is returned and ``on_notice`` hears why.
    """
    agenda = build_offline_agenda(request, assistant)
    if assistant.llm is None or "safety" in agenda.flags:  # the safeguarding step stays as is
        return agenda
    from .agenda_llm import personalise

    return personalise(agenda, request, assistant, on_notice)


def build_offline_agenda(request: AgendaRequest, assistant: Any) -> Agenda:
    """The deterministic agenda from templates and retrieval."""
    check_request(request)
    kind = resolve_session_type(request)
    page, template = _template_for(kind, assistant)
    minutes = request.minutes or template.minutes
    url = page_url(page.path, assistant.guide.use_directory_urls, assistant.guide.site_url)
    version = template.nearest_version(minutes)
    drafts = _template_items(page, version.items, url, request.role, minutes)
    weights = [float(item.minutes) for item in version.items]
    priorities = [item.priority for item in version.items]
    protect = {i for i, item in enumerate(version.items) if item.priority == 1}
    reading = _safety_reading(request, assistant)
    safety = reading == SURE
    focus_hits: list[Hit] = []
    if safety:
        drafts, weights, priorities, protect = _safety_first(
            drafts, weights, priorities, protect, request.role, assistant)
    elif request.focus.strip():
        in_agenda = _template_sections(assistant)
        focus_hits = agenda_focus.focus_hits(request.focus, request.context, request.role,
                                             assistant, in_agenda)
        drafts, weights, priorities, protect = _with_focus(
            drafts, weights, priorities, protect, version.items,
            agenda_focus.plan_focus(request.focus, request.role, focus_hits, assistant),
            request.role, assistant)
    if request.notes:
        drafts, weights, priorities, protect = _with_notes(
            drafts, weights, priorities, protect, request.notes, request.role)
    if not any(item.priority == 1 for item in version.items):
        protect |= {0, len(drafts) - 1}  # no priorities given: keep the opening and the close
    kept, scaled = scale_minutes(weights, minutes, protect, priorities)
    items = tuple(replace(drafts[i], minutes=m) for i, m in zip(kept, scaled, strict=True))
    context_hit = _context_hit(request, kind, assistant) if not safety else None
    contacts = [escalation_ref(assistant)] if reading else []
    worked_on = [] if kind == "first" else focus_hits[:3]  # a first meeting only notes it
    sources = _dedupe((contacts if safety else [])
                      + [_ref(h) for h in [*worked_on, *filter(None, [context_hit])]]
                      + [SourceRef(page.title, page.title, url, page.path)]
                      + ([] if safety else contacts))
    return Agenda(kind, minutes, request.role, _title(kind, minutes, request), "template",
                  items, _preparation(template, request, focus_hits, reading), tuple(sources),
                  ("safety",) if safety else ())


def _template_for(kind: str, assistant: Any) -> tuple[Page, SessionTemplate]:
    templates = session_templates(assistant.guide.docs_dir)
    if kind not in templates:
        raise ConfigError(f"the guide has no session template of type {kind!r}",
                          "add one under guide_content/sessions/ (see 'Editing this guide')")
    return templates[kind]


def _template_sections(assistant: Any) -> set[str]:
    return template_section_urls(assistant.guide)


def template_section_urls(guide: Any) -> set[str]:
    """The URLs of every template's agenda items: the templates, not advice on a focus."""
    urls = set()
    for page, template in session_templates(guide.docs_dir).values():
        url = page_url(page.path, guide.use_directory_urls, guide.site_url)
        titles = {item.title for v in (template, *template.versions) for item in v.items}
        urls |= {f"{url}#{h.anchor}" for h in page.headings if h.level == 3 and h.text in titles}
    return urls


def _template_items(page: Page, items: Sequence[SessionItem], url: str, role: str,
                    minutes: int) -> list[AgendaItem]:
    """The version's items in ``role``'s words, with ``{length}`` filled in."""
    anchors = {h.text: h.anchor for h in page.headings if h.level == 3}
    drafts = []
    for item in items:
        voice = item.voice(role)
        source = (SourceRef(page.title, item.title, f"{url}#{anchors[item.title]}", page.path),) \
            if item.title in anchors else ()
        drafts.append(AgendaItem(item.title, item.minutes, fill_length(voice.purpose, minutes),
                                 tuple(fill_length(p, minutes) for p in voice.prompts[:3]),
                                 source))
    return drafts


Plan = tuple[list[AgendaItem], list[float], list[int], set[int]]


def _safety_reading(request: AgendaRequest, assistant: Any) -> str | None:
    """``SURE`` or ``UNSURE`` when the focus or context touches on safety, else None."""
    checks = [assistant.check_safety(text) for text in (request.focus, request.context or "")
              if text.strip()]
    flagged = [check for check in checks if check.flagged]
    if any(not check.unsure for check in flagged):
        return SURE
    return UNSURE if flagged else None


def escalation_ref(assistant: Any) -> SourceRef:
    """The guide's escalation contacts."""
    url = page_url(ESCALATION_PAGE, assistant.guide.use_directory_urls, assistant.guide.site_url)
    return SourceRef("When to escalate", "Who to contact", f"{url}#{CONTACTS_ANCHOR}",
                     ESCALATION_PAGE)


def _safety_first(drafts: list[AgendaItem], weights: list[float], priorities: list[int],
                  protect: set[int], role: str, assistant: Any) -> Plan:
    """The safeguarding step first; the optional items (the learning topic) left out."""
    keep = [i for i, p in enumerate(priorities) if p < 3]
    voice = SAFETY_VOICES[role]
    item = AgendaItem(SAFETY_TITLE, 5, voice[0], voice[1:], (escalation_ref(assistant),))
    return ([item, *(drafts[i] for i in keep)], [5.0, *(weights[i] for i in keep)],
            [1, *(priorities[i] for i in keep)],
            {0} | {n + 1 for n, i in enumerate(keep) if i in protect})


def _with_focus(drafts: list[AgendaItem], weights: list[float], priorities: list[int],
                protect: set[int], items: Sequence[SessionItem], plan: FocusPlan, role: str,
                assistant: Any) -> Plan:
    """The focus worked into the item that takes it, or (templates without one) an item."""
    drafts = list(drafts)
    refs = tuple(_dedupe([_ref(h) for h in plan.hits[:2]]))
    at = agenda_focus.focus_target(items, plan.text, assistant)
    if at is not None:
        drafts[at] = agenda_focus.focus_into(drafts[at], plan, items[at].focus, role, refs)
        return drafts, weights, priorities, protect
    slot = next((i for i, d in enumerate(drafts) if FOCUS_SLOT.search(d.title)), None)
    if slot is not None:
        drafts[slot] = agenda_focus.focus_into(drafts[slot], plan, "work", role, refs)
        return drafts, weights, priorities, protect | {slot}
    at = next((i for i, d in enumerate(drafts) if i and WRAP_UP_ITEM.search(d.title)),
              max(1, len(drafts) - 1))
    item = agenda_focus.focus_into(AgendaItem("Focus", 10, "", ()), plan, "work", role, refs)
    extra = FOCUS_SHARE * sum(weights) / (1 - FOCUS_SHARE)
    return (drafts[:at] + [item] + drafts[at:], weights[:at] + [extra] + weights[at:],
            priorities[:at] + [1] + priorities[at:], _shifted(protect, at) | {at})


def _shifted(indexes: set[int], at: int) -> set[int]:
    return {i + 1 if i >= at else i for i in indexes}


def _with_notes(drafts: list[AgendaItem], weights: list[float], priorities: list[int],
                protect: set[int], notes: PairNotes, role: str) -> Plan:
    drafts, weights, priorities = list(drafts), list(weights), list(priorities)
    actions = _action_prompts(notes, role)
    if actions:
        at = next((i for i, d in enumerate(drafts) if REVIEW_ITEM.search(d.title)), None)
        if at is None:
            closing = REVIEW_CLOSE[role]
            review = AgendaItem(REVIEW_TITLE, 5, REVIEW_PURPOSE[role],
                                (*actions[:2], closing))
            at = 1 if len(drafts) > 1 and drafts[0].title != SAFETY_TITLE else \
                min(2, len(drafts))
            drafts.insert(at, review)
            weights.insert(at, REVIEW_SHARE * sum(weights) / (1 - REVIEW_SHARE))
            priorities.insert(at, 2)
            protect = _shifted(protect, at)
        else:
            drafts[at] = replace(drafts[at], prompts=(*actions[:2], *drafts[at].prompts[:1]))
    if notes.goals:
        at = next((i for i, d in enumerate(drafts) if GOAL_ITEM.search(d.title)), 1)
        at = min(at, len(drafts) - 1)
        goal_prompts = tuple(GOAL_PROMPT[role].format(goal=goal) for goal in notes.goals[:2])
        drafts[at] = replace(drafts[at],
                             prompts=(goal_prompts + drafts[at].prompts)[:MAX_PROMPTS])
    return drafts, weights, priorities, protect


def _action_prompts(notes: PairNotes, role: str) -> list[str]:
    """One prompt per open action, or one listing them all when there are many."""
    open_actions = notes.open_actions
    if len(open_actions) <= 2:
        return [ACTION_PROMPT[role].format(action=a.text) for a in open_actions]
    listed = "; ".join(f"“{a.text}”" for a in open_actions[:6])
    return [ACTIONS_PROMPT[role].format(listed=listed), REVIEW_CLOSE[role]]


def _context_hit(request: AgendaRequest, kind: str, assistant: Any) -> Hit | None:
    """The context page's section on the focus; in a first meeting, its opening section."""
    if not request.context:
        return None
    path = CONTEXTS[request.context]
    if kind == "first":  # a first meeting notes the focus rather than working on it
        return next((h for h in assistant.index.page(path)
                     if h.anchor and not NARRATIVE.search(h.heading)), None)
    query = f"{request.focus or SESSION_TYPES[kind]} {request.context}"
    return assistant.best_section_in(path, query, skip=NARRATIVE)


def _preparation(template: SessionTemplate, request: AgendaRequest,
                 focus_hits: Sequence[Hit], reading: str | None) -> tuple[str, ...]:
    steps = [{SURE: SAFETY_STEP, UNSURE: UNSURE_STEP}[reading][request.role]] if reading else []
    steps += template.preparation.get(request.role, ())
    if focus_hits:
        lead = focus_hits[0]
        steps.append(READ_STEP.format(heading=lead.heading, title=lead.title))
        steps.append(FOCUS_STEP[request.role])
    if request.notes and request.notes.open_actions:
        steps.append(UPDATE_STEP)
    return tuple(dict.fromkeys(steps))


def _title(kind: str, minutes: int, request: AgendaRequest) -> str:
    return AGENDA_TITLE.format(session=SESSION_TYPES[kind], minutes=minutes, role=request.role)


def _ref(hit: Hit) -> SourceRef:
    return SourceRef(hit.title, hit.heading, hit.url, hit.path)


def _dedupe(refs: Sequence[SourceRef]) -> list[SourceRef]:
    seen: dict[str, SourceRef] = {}
    for ref in refs:
        seen.setdefault(ref.url, ref)
    return list(seen.values())
