"""Session templates: the timed agendas that session pages carry in front matter.

A template page has a ``session:`` block with its type, its length in minutes and
its items (title, minutes, purpose, prompts), plus a preparation list per role.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .errors import ContentError
from .frontmatter import FrontMatter
from .problems import Problem

SESSION_TYPES: dict[str, str] = {
    "first": "First meeting",
    "goals": "Goal setting",
    "checkin": "Regular check-in",
    "midpoint": "Mid-point review",
    "closing": "Closing session",
}
ROLES = ("mentor", "mentee")
AGENDA_MARKER = "<!-- agenda -->"


@dataclass(frozen=True)
class SessionItem:
    """One timed item of a session agenda."""

    title: str
    minutes: int
    purpose: str
    prompts: tuple[str, ...]


@dataclass(frozen=True)
class SessionTemplate:
    """A session type's template agenda, as the guide defines it."""

    type: str
    minutes: int
    items: tuple[SessionItem, ...]
    preparation: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


def session_problems(front: FrontMatter, path: str) -> list[Problem]:
    """Everything wrong with the ``session:`` block of one page, with lines."""
    session = front.data.get("session")
    if session is None:
        return []
    if not isinstance(session, dict):
        return [Problem(path, front.line_of("session"), "'session' must hold fields, not a value",
                        "indent type, minutes and items under 'session:' by two spaces")]
    problems = _type_and_length_problems(session, front, path)
    items = session.get("items")
    if not isinstance(items, list) or not items:
        problems.append(Problem(
            path, front.line_of("session", "items"), "the session has no agenda items",
            "add 'items:' under 'session:' with one '- title:' entry per agenda item"))
        return problems
    for index, item in enumerate(items):
        problems.extend(_item_problems(item, index, front, path))
    problems.extend(_total_problems(session, items, front, path))
    return problems


def _type_and_length_problems(session: dict, front: FrontMatter, path: str) -> list[Problem]:
    problems = []
    kind = session.get("type")
    if kind not in SESSION_TYPES:
        problems.append(Problem(
            path, front.line_of("session", "type"),
            f"unknown session type {kind!r}" if kind is not None else "the session has no type",
            "set 'type:' to one of " + ", ".join(SESSION_TYPES)))
    if not _is_minutes(session.get("minutes")):
        problems.append(Problem(
            path, front.line_of("session", "minutes"),
            "the session length 'minutes' is missing or not a whole number",
            "write the session length in minutes, e.g. 'minutes: 60'"))
    return problems


def _item_problems(item: Any, index: int, front: FrontMatter, path: str) -> list[Problem]:
    where = ("session", "items", index)
    label = f"agenda item {index + 1}"
    if not isinstance(item, dict):
        return [Problem(path, front.line_of(*where), f"{label} is not a set of fields",
                        "write it as '- title: ...' followed by minutes, purpose and prompts")]
    if isinstance(item.get("title"), str) and item["title"].strip():
        label = f"agenda item {index + 1} ({item['title'].strip()!r})"
    problems = []
    if not (isinstance(item.get("title"), str) and item["title"].strip()):
        problems.append(Problem(path, front.line_of(*where), f"{label} has no title",
                                "add 'title: ...' to the item"))
    if "minutes" not in item:
        problems.append(Problem(path, front.line_of(*where), f"{label} has no minutes",
                                "add 'minutes: N' to the item (a whole number above zero)"))
    elif not _is_minutes(item["minutes"]):
        problems.append(Problem(path, front.line_of(*where, "minutes"),
                                f"{label} has minutes {item['minutes']!r}, not a whole number "
                                "above zero",
                                "write its length as a whole number, e.g. 'minutes: 10'"))
    if not (isinstance(item.get("purpose"), str) and item["purpose"].strip()):
        problems.append(Problem(path, front.line_of(*where), f"{label} has no purpose",
                                "add 'purpose: ...' saying in one sentence why the item is there"))
    prompts = item.get("prompts")
    if not (isinstance(prompts, list) and prompts and all(isinstance(p, str) for p in prompts)):
        problems.append(Problem(path, front.line_of(*where, "prompts"),
                                f"{label} has no prompts",
                                "add 'prompts:' with one or more '- \"question\"' lines"))
    return problems


def _total_problems(session: dict, items: list, front: FrontMatter, path: str) -> list[Problem]:
    stated = session.get("minutes")
    item_minutes = [item.get("minutes") for item in items if isinstance(item, dict)]
    if not _is_minutes(stated) or not all(_is_minutes(m) for m in item_minutes):
        return []
    total = sum(item_minutes)
    if total == stated:
        return []
    return [Problem(
        path, front.line_of("session", "minutes"),
        f"the agenda items add up to {total} minutes but the session is {stated} minutes",
        f"change the items' minutes so they add up to {stated}, or set the session's "
        f"'minutes:' to {total}")]


def _is_minutes(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def parse_session(front: FrontMatter, path: str) -> SessionTemplate | None:
    """The page's session template, or None when it has none.

    Raises:
        ContentError: the ``session:`` block is invalid (the first problem found).
    """
    problems = session_problems(front, path)
    if problems:
        first = problems[0]
        raise ContentError(first.path, first.line, first.message, first.fix)
    session = front.data.get("session")
    if session is None:
        return None
    items = tuple(
        SessionItem(item["title"].strip(), item["minutes"], item["purpose"].strip(),
                    tuple(p.strip() for p in item["prompts"]))
        for item in session["items"]
    )
    preparation = session.get("preparation") or {}
    prepared = {role: tuple(str(step) for step in preparation.get(role) or ()) for role in ROLES}
    return SessionTemplate(session["type"], session["minutes"], items, prepared)


def render_agenda_markdown(template: SessionTemplate) -> str:
    """The timed agenda as Markdown: a summary table, then each item's prompts."""
    lines = [
        f"## Timed agenda ({template.minutes} minutes)", "",
        "| Time | Item | Minutes |", "| --- | --- | ---: |",
    ]
    start = 0
    for item in template.items:
        lines.append(f"| {_clock(start)}–{_clock(start + item.minutes)} | {_cell(item.title)} "
                     f"| {item.minutes} |")
        start += item.minutes
    lines.append("")
    for item in template.items:
        lines += [f"### {item.title}", "", f"*{item.minutes} minutes.* {item.purpose}", ""]
        lines += [f"- {prompt}" for prompt in item.prompts]
        lines.append("")
    return "\n".join(lines)


def _clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")
