"""Judge agendas the way a pair would: everyday requests, and what each must hold.

`mentor_assistant/data/agenda_requests.yml` lists requests in people's own
words (the ``/api/agenda`` fields) with what a good agenda must and must not
contain. Every agenda is also held to the rules any usable agenda meets: minutes
that add up, no duplicated items or prompts, whole sentences, no raw paths, the
length named rightly, the preparing person's voice, and the safeguarding step
exactly when the focus calls for it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..agendas.agenda import Agenda, build_offline_agenda, session_templates
from ..agendas.agenda_focus import is_whole
from ..agendas.agenda_words import SAFETY_TITLE
from ..errors import ContentError
from ..guide.sessions import SessionTemplate

AGENDA_REQUESTS = Path(__file__).parent.parent / "data" / "agenda_requests.yml"
RAW_PATH = re.compile(r"\.md\b|\b[a-z0-9-]+/[a-z0-9-]+/(#[a-z0-9-]+)?")
MD_LINK = re.compile(r"\[[^\]]*\]\([^)]*\)")
SAFETY_STEP = "Contact your safeguarding lead today"
CONTACTS = "help/when-to-escalate/#who-to-contact"


@dataclass(frozen=True)
class AgendaCase:
    """One request and what its agenda must and must not contain."""

    id: str
    request: dict[str, Any]
    expect: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class CaseResult:
    id: str
    failures: tuple[str, ...]

    @property
    def passed(self) -> bool:
        return not self.failures


def load_agenda_requests(path: Path | None = None) -> list[AgendaCase]:
    """The requests in ``path`` (default: the built-in set).

    Raises:
        ContentError: the file is not a list of ``{id, request, expect}`` entries.
    """
    import yaml

    path = path or AGENDA_REQUESTS
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, list) or not all(isinstance(c, dict) and isinstance(
            c.get("request"), dict) and c.get("id") for c in data):
        raise ContentError(str(path), 1, "the agenda requests are not a list of id, request "
                           "and expect entries", "follow the layout of the built-in file")
    return [AgendaCase(str(c["id"]), c["request"], c.get("expect") or {}) for c in data]


def run_agenda_requests(assistant: Any, cases: Sequence[AgendaCase]) -> list[CaseResult]:
    """Build each request's offline agenda and judge it."""
    from ..web.web_inputs import agenda_inputs

    templates = {kind: template for kind, (_, template)
                 in session_templates(assistant.guide.docs_dir).items()}
    results = []
    for case in cases:
        agenda = build_offline_agenda(agenda_inputs(case.request), assistant)
        results.append(CaseResult(case.id, tuple(review_agenda(agenda, case, templates))))
    return results


def review_agenda(agenda: Agenda, case: AgendaCase,
                  templates: dict[str, SessionTemplate]) -> list[str]:
    """Everything wrong with ``agenda`` for ``case``, in plain words (empty: usable)."""
    failures: list[str] = []
    for rule in GENERAL_RULES:
        failures += rule(agenda, case, templates)
    for key, value in case.expect.items():
        failures += EXPECTATIONS[key](agenda, value, templates)
    return failures


# --- rules every agenda meets ---

def _minutes(agenda: Agenda, case: AgendaCase, templates: Any) -> list[str]:
    total = sum(item.minutes for item in agenda.items)
    problems = [f"the items add up to {total}, not {agenda.minutes}"] if \
        total != agenda.minutes else []
    if case.request.get("minutes") and agenda.minutes != case.request["minutes"]:
        problems.append(f"the agenda is {agenda.minutes} minutes, not the length asked for")
    return problems + [f"{i.title!r} has only {i.minutes} minutes" for i in agenda.items
                       if i.minutes < 3]


def _no_duplicates(agenda: Agenda, case: AgendaCase, templates: Any) -> list[str]:
    titles = [_core(item.title) for item in agenda.items]
    prompts = [p for item in agenda.items for p in item.prompts]
    problems = [f"the item {t!r} appears twice" for t in set(titles) if titles.count(t) > 1]
    return problems + [f"the prompt {p!r} appears twice" for p in set(prompts)
                       if prompts.count(p) > 1]


def _core(title: str) -> str:
    return re.sub(r"^focus:\s*", "", title.lower()).strip()


def _whole_sentences(agenda: Agenda, case: AgendaCase, templates: Any) -> list[str]:
    return [f"the prompt {p!r} is not a whole sentence" for item in agenda.items
            for p in item.prompts if not is_whole(p.removeprefix("From the guide: "))]


def _no_raw_paths(agenda: Agenda, case: AgendaCase, templates: Any) -> list[str]:
    from ..agendas.agenda_formats import agenda_markdown

    texts = [agenda.title, *agenda.preparation,
             *(t for item in agenda.items for t in (item.title, item.purpose, *item.prompts))]
    shown = MD_LINK.sub("", agenda_markdown(agenda))
    return [f"a raw path shows in {t!r}" for t in [*texts, shown] if RAW_PATH.search(t)][:3]


def _length_words(agenda: Agenda, case: AgendaCase, templates: Any) -> list[str]:
    if agenda.minutes == 60:
        return []
    texts = [t for item in agenda.items for t in (item.purpose, *item.prompts)]
    return [f"{t!r} speaks of an hour in a {agenda.minutes}-minute session" for t in texts
            if re.search(r"\b(this|the) (first )?hour\b", t)]


def _voice(agenda: Agenda, case: AgendaCase, templates: dict[str, SessionTemplate]
           ) -> list[str]:
    """No line of the other role's version of a template item."""
    template = templates[agenda.session_type]
    every = [item for v in (template, *template.versions) for item in v.items if item.mentee]
    other = "mentor" if agenda.role == "mentee" else "mentee"
    theirs = {p for item in every for p in item.voice(other).prompts} - \
        {p for item in every for p in item.voice(agenda.role).prompts}
    return [f"the {other}'s line {p!r} is in the {agenda.role}'s agenda"
            for item in agenda.items for p in item.prompts if p in theirs]


def _safety(agenda: Agenda, case: AgendaCase, templates: Any) -> list[str]:
    wanted = bool(case.expect.get("safety"))
    first = agenda.items[0]
    has = first.title == SAFETY_TITLE
    if not wanted:
        return ["a safeguarding step was added to a routine request"] if has or \
            agenda.flags else []
    problems = []
    if not has or not any(p.startswith(SAFETY_STEP) for p in first.prompts):
        problems.append("the agenda does not start with contacting the safeguarding lead today")
    if not any(s.url.endswith(CONTACTS) for s in first.sources) or \
            not agenda.sources[0].url.endswith(CONTACTS):
        problems.append("the escalation contacts are not linked first")
    if any("learning topic" in item.title.lower() for item in agenda.items):
        problems.append("the learning topic is still on the agenda")
    return problems


GENERAL_RULES: tuple[Callable[[Agenda, AgendaCase, Any], list[str]], ...] = (
    _minutes, _no_duplicates, _whole_sentences, _no_raw_paths, _length_words, _voice, _safety)


# --- what one request expects ---

def _items(agenda: Agenda, titles: list[str], templates: Any) -> list[str]:
    got = [item.title for item in agenda.items]
    return [] if got == titles else [f"the items are {got}, not {titles}"]


def _includes(agenda: Agenda, titles: list[str], templates: Any) -> list[str]:
    got = [item.title for item in agenda.items]
    return [f"the item {t!r} is missing" for t in titles if t not in got]


def _excludes(agenda: Agenda, titles: list[str], templates: Any) -> list[str]:
    got = [item.title for item in agenda.items]
    return [f"the item {t!r} should not be there" for t in titles
            if any(g.startswith(t) for g in got)]


def _version(agenda: Agenda, minutes: int, templates: dict[str, SessionTemplate]) -> list[str]:
    """Item for item the template's own version (its working slot may carry the focus)."""
    version = templates[agenda.session_type].nearest_version(minutes)
    want = [(item.title, item.minutes) for item in version.items]
    got = [(item.title, item.minutes) for item in agenda.items]
    slots = {item.title for item in version.items if item.focus == "work"}
    if len(got) == len(want):
        got = [(w[0], g[1]) if g[0].startswith("Focus:") and w[0] in slots else g
               for g, w in zip(got, want, strict=True)]
    return [] if got == want else [f"the agenda {got} is not the template's own "
                                   f"{minutes}-minute version {want}"]


def _contains(agenda: Agenda, texts: list[str], templates: Any) -> list[str]:
    whole = _all_text(agenda)
    return [f"{t!r} is not in the agenda" for t in texts if t not in whole]


def _not_contains(agenda: Agenda, texts: list[str], templates: Any) -> list[str]:
    whole = _all_text(agenda)
    return [f"{t!r} should not be in the agenda" for t in texts if t in whole]


def _focus_in(agenda: Agenda, titles: list[str], templates: Any) -> list[str]:
    """The focus went into one of ``titles`` (an item that mentions it), and nowhere else."""
    holders = [item.title for item in agenda.items if "“" in item.purpose
               and ("bring in" in item.purpose or "for goal setting" in item.purpose
                    or item.title.startswith("Focus:"))]
    if len(holders) != 1 or not any(holders[0].startswith(t) for t in titles):
        return [f"the focus went to {holders or 'no item'}, not to one of {titles}"]
    return []


def _sources(agenda: Agenda, paths: list[str], templates: Any) -> list[str]:
    cited = {s.path for s in agenda.sources} | {s.url.split("#")[0] for item in agenda.items
                                                for s in item.sources}
    return [f"the guide page {p} is not cited" for p in paths
            if p not in cited and p.replace(".md", "/") not in cited]


def _not_sources(agenda: Agenda, paths: list[str], templates: Any) -> list[str]:
    cited = {s.path for s in agenda.sources}
    return [f"the guide page {p} should not be cited" for p in paths if p in cited]


def _max_items(agenda: Agenda, most: int, templates: Any) -> list[str]:
    return [f"{len(agenda.items)} items is too many for {agenda.minutes} minutes"] \
        if len(agenda.items) > most else []


def _all_text(agenda: Agenda) -> str:
    return "\n".join([agenda.title, *agenda.preparation, *(
        t for item in agenda.items for t in (item.title, item.purpose, *item.prompts))])


EXPECTATIONS: dict[str, Callable[[Agenda, Any, Any], list[str]]] = {
    "items": _items, "includes": _includes, "excludes": _excludes, "version": _version,
    "contains": _contains, "not_contains": _not_contains, "focus_in": _focus_in,
    "sources": _sources, "not_sources": _not_sources, "max_items": _max_items,
    "safety": lambda agenda, value, templates: [],  # judged by the general safety rule
}
