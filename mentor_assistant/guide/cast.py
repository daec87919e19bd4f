"""The cast of the guide's scenarios: each name is one person with one role.

The cast list is a section of one page, headed "Cast of the guide's scenarios",
with one line per person: ``- **Amara** — mentee, runs a small catering business``.
``check`` warns when a page puts a cast name right next to a different role word
("her mentor, Amara" or "Amara, a programme owner"), so a name cannot quietly
come to play two people.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..problems import Problem
from .frontmatter import FrontMatter
from .headings import HEADING, number_lines, outside_code

CAST_HEADING = "cast of the guide's scenarios"
ROLES = ("programme owner", "mentor", "mentee")
_ENTRY = re.compile(r"^\s*[-*]\s+\*\*(?P<name>[^*]+?)\*\*\s*[—–-]+\s*(?P<role>[^,;.]+)")
_ROLE = r"(?P<role>programme owners?|program owners?|mentors?|mentees?)"
# Up to three words between "Name, a" and the role: "Priya, a first-time mentor".
_AFTER = r"\b{name},\s+(?:(?:a|an|the|her|his|their)\s+)?(?:[\w'’-]+\s+){{0,3}}?" + _ROLE + r"\b"
# "her mentor, Helen" but not the verb in "volunteered to mentor Erin".
_BEFORE = r"(?<!to )(?<!will )(?<!would )\b" + _ROLE + r",?\s+{name}\b"


@dataclass(frozen=True)
class CastMember:
    """One person of the cast: their name, their one role, and where the list says so."""

    name: str
    role: str
    path: str
    line: int


def parse_cast(front: FrontMatter, path: str) -> list[CastMember]:
    """The cast listed on this page (none when it has no cast section)."""
    members: list[CastMember] = []
    for line_no, text, in_section in _lines(front):
        entry = _ENTRY.match(text) if in_section else None
        if entry:
            members.append(CastMember(entry.group("name").strip(),
                                      _normalise(entry.group("role")), path, line_no))
    return members


def _lines(front: FrontMatter) -> Iterable[tuple[int, str, bool]]:
    """Each line outside code, and whether it stands in the cast section."""
    in_section = False
    for line_no, text in outside_code(number_lines(front.body, front.body_line)):
        heading = HEADING.match(text)
        if heading:
            in_section = heading.group("text").strip().lower().replace("’", "'") == CAST_HEADING
        yield line_no, text, in_section


def cast_problems(cast: list[CastMember],
                  pages: Iterable[tuple[str, FrontMatter]]) -> list[Problem]:
    """Warnings: a name listed twice, or shown on a page in a role the cast list does not give."""
    problems: list[Problem] = []
    known: dict[str, CastMember] = {}
    for member in cast:
        first = known.setdefault(member.name, member)
        if first is not member and first.role != member.role:
            problems.append(Problem(
                member.path, member.line, f"the cast lists {member.name} twice, as "
                f"{first.role} and as {member.role}", "give each name one role, and rename "
                "the second person", warning=True))
    for path, front in pages:
        for line_no, text, in_section in _lines(front):
            if not in_section:
                problems += _line_problems(known.values(), path, line_no, text)
    return problems


def _line_problems(cast: Iterable[CastMember], path: str, line_no: int,
                   text: str) -> list[Problem]:
    problems = []
    for member in cast:
        if member.name not in text:
            continue
        name = re.escape(member.name)
        shown = {_normalise(match.group("role"))
                 for pattern in (_AFTER, _BEFORE)
                 for match in re.finditer(pattern.format(name=name), text)}
        if not shown or member.role in shown:
            continue
        other = sorted(shown)[0]
        problems.append(Problem(
            path, line_no, f"{member.name} appears here as a {other}, but the cast list "
            f"({member.path}:{member.line}) has {member.name} as a {member.role}",
            f"use another name for this {other}, or correct the cast list", warning=True))
    return problems


def _normalise(role: str) -> str:
    """The role word a role starts with ("mentor on a programme" is a mentor), or the role."""
    role = " ".join(role.lower().replace("program owner", "programme owner").split())
    for known in ROLES:
        if re.match(rf"{known}s?\b", role):
            return known
    return role
