"""Load guide pages: front matter, body, session template, headings and URLs."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ContentError
from ..problems import Problem
from .contacts import (
    CONTACTS_MARKER,
    ESCALATION_PAGE,
    Contact,
    parse_contacts,
    render_contacts_markdown,
)
from .frontmatter import FrontMatter, split_front_matter
from .headings import Heading, extract_headings, number_lines
from .sessions import AGENDA_MARKER, SessionTemplate, parse_session, render_agenda_markdown

AUDIENCES = ("mentor", "mentee", "program_owner")
MAX_PAGE_BYTES = 256 * 1024
LINK_FIX = ("copy the file into the guide folder instead of linking to it, or remove the link "
            "(links that leave the guide folder could publish private files)")


@dataclass(frozen=True)
class Page:
    """One guide page, ready for the later stages."""

    path: str
    title: str
    description: str
    audience: tuple[str, ...]
    tags: tuple[str, ...]
    body: str
    body_line: int
    session: SessionTemplate | None = None
    contacts: tuple[Contact, ...] = ()
    headings: tuple[Heading, ...] = ()
    meta: Mapping[str, Any] = field(default_factory=dict)

    def expanded_body(self) -> str:
        """The body as the site shows it: with the session agenda and contacts filled in."""
        return expand_markdown(self.body, self.session, self.contacts)

    @property
    def anchors(self) -> frozenset[str]:
        """Every anchor MkDocs gives this page's headings."""
        return frozenset(heading.anchor for heading in self.headings)


def list_page_files(docs_dir: Path) -> list[str]:
    """Paths of every Markdown page under ``docs_dir``, relative and sorted.

    Raises:
        ContentError: a symbolic link in the guide folder leads outside it.
    """
    escaping = outside_link_problems(docs_dir)
    if escaping:
        first, more = escaping[0], len(escaping) - 1
        also = f" ({more} more: run 'mentor-assistant check' to list them)" if more else ""
        raise ContentError(first.path, first.line, first.message + also, first.fix)
    return sorted(p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md"))


def outside_link_problems(docs_dir: Path) -> list[Problem]:
    """Every symbolic link under ``docs_dir`` that leads outside it (or nowhere)."""
    import os

    root = docs_dir.resolve()
    problems = []
    for folder, folders, files in os.walk(docs_dir):
        for name in [*folders, *files]:
            entry = Path(folder) / name
            if not entry.is_symlink():
                continue
            target = entry.resolve()
            if not target.is_relative_to(root) or not target.exists():
                problems.append(Problem(entry.relative_to(docs_dir).as_posix(), 1,
                                        f"this is a link to {os.readlink(entry)}, outside the "
                                        "guide folder", LINK_FIX))
    return sorted(problems)


def read_front_matter(docs_dir: Path, path: str) -> FrontMatter:
    """Read one page file and split its front matter from its body.

    Raises:
        ContentError: the file is missing, unreadable or has broken front matter.
    """
    file = docs_dir / path
    try:
        _check_page_size(file, path)
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError(path, 1, "this page file does not exist",
                           "check the file name, or create the page") from None
    except UnicodeDecodeError as error:
        line = file.read_bytes()[: error.start].count(b"\n") + 1
        raise ContentError(path, line, "this line has characters that are not UTF-8 text",
                           "save the file as UTF-8 in your editor") from None
    except OSError as error:
        raise ContentError(path, 1, f"this page cannot be read ({error.strerror})",
                           "check that the file exists and you may read it") from None
    return split_front_matter(text, path)


def _check_page_size(file: Path, path: str) -> None:
    size = file.stat().st_size
    if size <= MAX_PAGE_BYTES:
        return
    with file.open("rb") as handle:
        line = handle.read(MAX_PAGE_BYTES).count(b"\n") + 1
    raise ContentError(path, line, f"this page is {size // 1024} KB, over the limit of "
                       f"{MAX_PAGE_BYTES // 1024} KB (it passes the limit at this line)",
                       "split it into smaller pages, each with its own front matter")


def page_problems(front: FrontMatter, path: str) -> list[Problem]:
    """Front matter problems of one page: required fields and their values."""
    data = front.data
    problems = []
    for name in ("title", "description"):
        if not (isinstance(data.get(name), str) and data[name].strip()):
            problems.append(Problem(path, front.line_of(name), f"the page has no {name}",
                                    f"add a line '{name}: ...' to the front matter"))
    problems += _audience_problems(front, path)
    tags = data.get("tags")
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        problems.append(Problem(path, front.line_of("tags"), "'tags' is missing or not a list",
                                "add a line like 'tags: [trust, sessions]'"))
    return problems


def _audience_problems(front: FrontMatter, path: str) -> list[Problem]:
    audience = front.data.get("audience")
    choices = ", ".join(AUDIENCES)
    if not isinstance(audience, list) or not audience:
        return [Problem(path, front.line_of("audience"), "'audience' is missing or not a list",
                        f"add a line like 'audience: [mentor, mentee]' using {choices}")]
    return [
        Problem(path, front.line_of("audience", index), f"unknown audience {value!r}",
                f"use only {choices}")
        for index, value in enumerate(audience) if value not in AUDIENCES
    ]


def expanded_lines(body: str, body_line: int, session: SessionTemplate | None,
                   contacts: tuple[Contact, ...] = ()) -> list[tuple[int, str]]:
    """The body's numbered lines with the session agenda and contacts rendered in.

    The agenda goes at its marker (or first); the contacts table replaces its marker.
    Rendered lines carry the marker's line number (or the body's first line).
    """
    lines = number_lines(body, body_line)
    if contacts:
        lines = _render_at(lines, CONTACTS_MARKER, render_contacts_markdown(contacts), body_line,
                           required=True)
    if session is None:
        return lines
    return _render_at(lines, AGENDA_MARKER, render_agenda_markdown(session), body_line)


def expand_markdown(markdown: str, session: SessionTemplate | None,
                    contacts: tuple[Contact, ...] = ()) -> str:
    """``markdown`` with the session agenda and contacts rendered in, as the site shows it.

    The one rendering that the site's Markdown extension and the assistant's index share.
    """
    return "\n".join(text for _, text in expanded_lines(markdown, 1, session, contacts))


def _render_at(lines: list[tuple[int, str]], marker: str, rendered: str, body_line: int,
               required: bool = False) -> list[tuple[int, str]]:
    found = next((i for i, (_, text) in enumerate(lines) if text.strip() == marker), None)
    if found is None and required:
        return lines
    at = found if found is not None else 0
    line_no = lines[at][0] if lines else body_line
    skip = 1 if found is not None else 0
    new = [(line_no, text) for text in rendered.splitlines()] + [(line_no, "")]
    return lines[:at] + new + lines[at + skip:]


def load_page(docs_dir: Path, path: str) -> Page:
    """Load and validate one page.

    Raises:
        ContentError: the first problem with the page, naming file and line.
    """
    front = read_front_matter(docs_dir, path)
    problems = page_problems(front, path)
    if problems:
        first = problems[0]
        raise ContentError(first.path, first.line, first.message, first.fix)
    session = parse_session(front, path)
    contacts = parse_contacts(front, path)
    data = front.data
    return Page(
        path=path,
        title=data["title"].strip(),
        description=data["description"].strip(),
        audience=tuple(data["audience"]),
        tags=tuple(data["tags"]),
        body=front.body,
        body_line=front.body_line,
        session=session,
        contacts=contacts,
        headings=tuple(extract_headings(expanded_lines(front.body, front.body_line, session,
                                                       contacts))),
        meta=data,
    )


def load_pages(docs_dir: Path) -> list[Page]:
    """Load every page of the guide, stopping at the first broken one."""
    return [load_page(docs_dir, path) for path in list_page_files(docs_dir)]


def page_url(path: str, use_directory_urls: bool = True, site_url: str = "") -> str:
    """The URL MkDocs builds for a page, absolute when ``site_url`` is set.

    ``mentors/building-trust.md`` becomes ``mentors/building-trust/`` (or
    ``mentors/building-trust.html`` without directory URLs); index pages map to
    their folder.
    """
    stem = path[: -len(".md")] if path.endswith(".md") else path
    parent, _, name = stem.rpartition("/")
    folder = f"{parent}/" if parent else ""
    if name in ("index", "README"):
        relative = folder if use_directory_urls else f"{folder}index.html"
    else:
        relative = f"{stem}/" if use_directory_urls else f"{stem}.html"
    if not site_url:
        return relative
    return site_url.rstrip("/") + "/" + relative


def load_contacts(docs_dir: Path) -> tuple[Contact, ...]:
    """The escalation contacts of the guide in ``docs_dir`` (none when it has no such page)."""
    if not (docs_dir / ESCALATION_PAGE).is_file():
        return ()
    return parse_contacts(read_front_matter(docs_dir, ESCALATION_PAGE), ESCALATION_PAGE)
