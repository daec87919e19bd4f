"""Session templates: the timed agendas that session pages carry in front matter.

A template page has a ``session:`` block with its type, its length in minutes and
its items (title, minutes, purpose, prompts, and optionally a priority, where a
focus goes, and the mentee's own words), a preparation list per role, and
optionally shorter or longer ``versions:`` (see `session_checks`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import ContentError
from .frontmatter import FrontMatter
from .session_checks import ROLES, SESSION_TYPES, session_problems

__all__ = ["ROLES", "SESSION_TYPES", "SessionItem", "SessionTemplate", "SessionVersion", "Voice",
           "fill_length", "length_words", "parse_session", "render_agenda_markdown",
           "session_problems"]
AGENDA_MARKER = "<!-- agenda -->"
HOUR_WORDS, MINUTES_WORDS = "hour", "{minutes} minutes"  # a session's length in running text


@dataclass(frozen=True)
class Voice:
    """What one role reads for an item: its purpose and its prompts."""

    purpose: str
    prompts: tuple[str, ...]


@dataclass(frozen=True)
class SessionItem:
    """One timed item of a session agenda.

    ``priority`` 1 is always kept, 3 is dropped first when time is short;
    ``focus`` says whether a pair's focus becomes this item (``work``), is discussed
    in it (``include``) or is noted for later (``note``).
    """

    title: str
    minutes: int
    purpose: str
    prompts: tuple[str, ...]
    priority: int = 2
    focus: str = ""
    mentee: Voice | None = None

    def voice(self, role: str) -> Voice:
        """The purpose and prompts in ``role``'s words (the mentor's unless the mentee's differ)."""
        if role == "mentee" and self.mentee:
            return self.mentee
        return Voice(self.purpose, self.prompts)


@dataclass(frozen=True)
class SessionVersion:
    """The session at one length: the full agenda, or a shorter or longer version."""

    minutes: int
    items: tuple[SessionItem, ...]


@dataclass(frozen=True)
class SessionTemplate:
    """A session type's template agenda, as the guide defines it."""

    type: str
    minutes: int
    items: tuple[SessionItem, ...]
    preparation: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    versions: tuple[SessionVersion, ...] = ()

    def nearest_version(self, minutes: int) -> SessionVersion:
        """The version closest in length to ``minutes`` (the longer one on a tie)."""
        every = (SessionVersion(self.minutes, self.items), *self.versions)
        return min(every, key=lambda v: (abs(v.minutes - minutes), -v.minutes))


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
    items = tuple(_item(item) for item in session["items"])
    known = {item["title"].strip(): item for item in session["items"]}
    versions = tuple(
        SessionVersion(version["minutes"], tuple(
            _item({**known.get(entry["title"].strip(), {}), **entry})
            for entry in version["items"]))
        for version in session.get("versions") or ())
    preparation = session.get("preparation") or {}
    prepared = {role: tuple(str(step) for step in preparation.get(role) or ()) for role in ROLES}
    return SessionTemplate(session["type"], session["minutes"], items, prepared,
                           tuple(sorted(versions, key=lambda v: v.minutes)))


def _item(item: dict[str, Any]) -> SessionItem:
    mentee = item.get("mentee")
    purpose = item["purpose"].strip()
    return SessionItem(
        item["title"].strip(), item["minutes"], purpose,
        tuple(p.strip() for p in item["prompts"]), item.get("priority", 2),
        item.get("focus") or "",
        Voice((mentee.get("purpose") or purpose).strip(),
              tuple(p.strip() for p in mentee["prompts"])) if mentee else None)


def length_words(minutes: int) -> str:
    """How the guide names a session's length in running text: 'hour', '30 minutes'."""
    return HOUR_WORDS if minutes == 60 else MINUTES_WORDS.format(minutes=minutes)


def fill_length(text: str, minutes: int) -> str:
    """``text`` with ``{length}`` filled in for a session of ``minutes``."""
    return text.replace("{length}", length_words(minutes))


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
        purpose = fill_length(item.purpose, template.minutes)
        lines += [f"### {item.title}", "", f"*{item.minutes} minutes.* {purpose}", ""]
        lines += [f"- {fill_length(prompt, template.minutes)}" for prompt in item.prompts]
        lines.append("")
    return "\n".join(lines)


def _clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")
