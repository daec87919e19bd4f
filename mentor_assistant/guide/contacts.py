"""The escalation contacts: one list in the escalation page's front matter.

The page's "Who to contact" table and every safety answer are rendered from the
``contacts:`` list, so a programme changes a number in one place. Placeholders
in square brackets ("[Name, phone, email]") are reported by ``check`` and refused
by ``build --release``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import ContentError
from ..problems import Problem
from .frontmatter import FrontMatter

ESCALATION_PAGE = "help/when-to-escalate.md"
CONTACTS_ANCHOR = "who-to-contact"
CONTACTS_MARKER = "<!-- contacts -->"
FIELDS = ("situation", "who", "how")
PLACEHOLDER = re.compile(r"\[[^\]]+\]")


@dataclass(frozen=True)
class Contact:
    """One row of the contacts table: in this situation, reach this person, this way."""

    situation: str
    who: str
    how: str
    line: int = 0

    @property
    def placeholder(self) -> tuple[str, str] | None:
        """The field and text of the first unfilled ``[...]`` placeholder, if any."""
        for name in ("who", "how"):
            match = PLACEHOLDER.search(getattr(self, name))
            if match:
                return name, match.group(0)
        return None


def contact_problems(front: FrontMatter, path: str) -> list[Problem]:
    """Errors in a page's ``contacts:`` list (none when the page has no list)."""
    contacts = front.data.get("contacts")
    if contacts is None:
        return []
    if not isinstance(contacts, list) or not contacts:
        return [Problem(path, front.line_of("contacts"), "'contacts' must be a list of rows",
                        "write each row as '- situation: ...', 'who: ...', 'how: ...'")]
    problems = []
    for index, row in enumerate(contacts):
        line = front.line_of("contacts", index)
        missing = [name for name in FIELDS if not (isinstance(row, dict) and
                                                   isinstance(row.get(name), str) and
                                                   row[name].strip())]
        if missing:
            problems.append(Problem(path, line, f"contact {index + 1} has no "
                                    + " or ".join(f"'{name}'" for name in missing),
                                    "give every contact a situation, who to contact and how"))
    return problems


def placeholder_problems(front: FrontMatter, path: str) -> list[Problem]:
    """Contacts that still hold a ``[...]`` placeholder instead of real details."""
    try:
        contacts = parse_contacts(front, path)
    except ContentError:
        return []
    problems = []
    for index, contact in enumerate(contacts):
        if contact.placeholder:
            field, text = contact.placeholder
            problems.append(Problem(
                path, front.line_of("contacts", index, field),
                f"the contact '{contact.who}' still has the placeholder {text}",
                "replace it with your programme's real name, phone number and email before "
                "you publish", warning=True))
    return problems


def parse_contacts(front: FrontMatter, path: str) -> tuple[Contact, ...]:
    """The page's contacts, or ``()`` when it has none.

    Raises:
        ContentError: the list is malformed (the first problem found).
    """
    problems = contact_problems(front, path)
    if problems:
        first = problems[0]
        raise ContentError(first.path, first.line, first.message, first.fix)
    return tuple(Contact(row["situation"].strip(), row["who"].strip(), row["how"].strip(),
                         front.line_of("contacts", index))
                 for index, row in enumerate(front.data.get("contacts") or ()))


def render_contacts_markdown(contacts: tuple[Contact, ...]) -> str:
    """The contacts as the page's Markdown table."""
    lines = ["| Situation | Who | How |", "| --- | --- | --- |"]
    lines += [f"| {_cell(c.situation)} | {_cell(c.who)} | {_cell(c.how)} |" for c in contacts]
    return "\n".join(lines)


def render_contacts_list(contacts: tuple[Contact, ...]) -> str:
    """The contacts as a Markdown list, for answers read in a terminal or a chat."""
    return "\n".join(f"- **{c.situation}:** {c.who}. {c.how}" for c in contacts)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
