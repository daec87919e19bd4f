"""Check the whole guide the way a careful editor would, and say how to fix it.

Every problem names a file and a line. Programme owners run this through
``mentor-assistant check`` before they rebuild the site.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..errors import ContentError
from ..problems import Problem
from .aliases import alias_problems
from .cast import cast_problems, parse_cast
from .config import GuideConfig
from .contacts import contact_problems, parse_contacts, placeholder_problems
from .content import (
    expanded_lines,
    list_page_files,
    outside_link_problems,
    page_problems,
    read_front_matter,
)
from .exemplars import exemplar_problems
from .frontmatter import FrontMatter
from .headings import Link, extract_headings, extract_links, number_lines
from .section_questions import question_problems
from .sessions import parse_session, session_problems


@dataclass(frozen=True)
class _Parsed:
    """What the link check needs to know of one readable page."""

    front: FrontMatter
    anchors: frozenset[str]
    sections: frozenset[str]  # the text of its ## and ### headings


def check_guide(config: GuideConfig) -> list[Problem]:
    """Every problem in the guide and its navigation, sorted by file and line."""
    docs_dir = config.docs_dir
    if not docs_dir.is_dir():
        return [Problem(config.config_file.name, 1, f"the guide folder {docs_dir} does not exist",
                        "set 'docs_dir:' in mkdocs.yml to the folder holding the pages")]
    escaping = outside_link_problems(docs_dir)
    if escaping:  # reading further would follow them
        return escaping
    paths = list_page_files(docs_dir)
    problems: list[Problem] = []
    parsed: dict[str, _Parsed] = {}
    for path in paths:
        try:
            front = read_front_matter(docs_dir, path)
        except ContentError as error:
            problems.append(Problem(error.path, error.line, _message_only(error), error.fix))
            continue
        page_level = (page_problems(front, path) + session_problems(front, path)
                      + contact_problems(front, path))
        problems += page_level + placeholder_problems(front, path)
        parsed[path] = _parse_headings(front, path, page_level)
    for path, page in parsed.items():
        problems += _link_problems(path, page.front, parsed, docs_dir)
    problems += _cast_problems(parsed)
    problems += _nav_problems(config, paths)
    problems += exemplar_problems(docs_dir)
    problems += alias_problems(docs_dir)
    problems += question_problems(docs_dir, {path: page.sections for path, page in parsed.items()})
    return sorted(problems)


def _cast_problems(parsed: dict[str, _Parsed]) -> list[Problem]:
    cast = [member for path, page in parsed.items() for member in parse_cast(page.front, path)]
    if not cast:
        return []
    return cast_problems(cast, ((path, page.front) for path, page in parsed.items()))


def _message_only(error: ContentError) -> str:
    return error.message.split(": ", 1)[1] if ": " in error.message else error.message


def _parse_headings(front: FrontMatter, path: str, page_level: list[Problem]) -> _Parsed:
    session = None if page_level else parse_session(front, path)
    contacts = () if page_level else parse_contacts(front, path)
    headings = extract_headings(expanded_lines(front.body, front.body_line, session, contacts))
    return _Parsed(front, frozenset(h.anchor for h in headings),
                   frozenset(h.text for h in headings if h.level in (2, 3)))


def _link_problems(path: str, front: FrontMatter, pages: dict[str, _Parsed],
                   docs_dir: Path) -> list[Problem]:
    problems = []
    for link in extract_links(number_lines(front.body, front.body_line)):
        problem = _link_problem(path, link, pages, docs_dir)
        if problem:
            problems.append(problem)
    return problems


def _link_problem(path: str, link: Link, pages: dict[str, _Parsed],
                  docs_dir: Path) -> Problem | None:
    parts = urlsplit(link.target)
    if parts.scheme or parts.netloc or link.target.startswith("/"):
        return None
    target_path = path
    if parts.path:
        folder = posixpath.dirname(path)
        target_path = posixpath.normpath(posixpath.join(folder, unquote(parts.path)))
        if not (docs_dir / target_path).exists():
            return Problem(path, link.line, f"the link to '{link.target}' points to a page that "
                           "does not exist", "correct the file name in the link (paths are "
                           f"relative to {posixpath.dirname(path) or 'the guide folder'}/)")
    anchor = unquote(parts.fragment)
    if not anchor or target_path not in pages:
        return None
    if anchor not in pages[target_path].anchors:
        known = ", ".join(sorted(pages[target_path].anchors)[:8])
        return Problem(path, link.line, f"the link to '{link.target}' names a section "
                       f"'#{anchor}' that {target_path} does not have",
                       f"use one of its section anchors ({known}) or link to the page alone")
    return None


def _nav_problems(config: GuideConfig, paths: list[str]) -> list[Problem]:
    nav = config.nav_entries
    if not nav:
        return []
    config_name = config.config_file.name
    problems = [
        Problem(config_name, line, f"the navigation lists '{entry}', which does not exist in "
                "the guide folder", "correct the path, or remove that line from 'nav:'")
        for entry, line in nav.items() if entry not in paths
    ]
    problems += [
        Problem(path, 1, "this page is not in the site navigation, so readers can only find it "
                "by search", f"add it under 'nav:' in {config_name}")
        for path in paths if path not in nav
    ]
    return problems
