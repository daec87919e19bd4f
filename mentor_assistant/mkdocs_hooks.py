"""MkDocs hooks: render session agendas and reject broken front matter.

Listed under ``hooks:`` in ``mkdocs.yml``. MkDocs silently ignores front matter it
cannot parse, so this hook re-reads each page and turns such problems into
warnings that ``--strict`` refuses, with the file and line.
"""

from __future__ import annotations

import logging
from typing import Any

from mentor_assistant.contacts import CONTACTS_MARKER, parse_contacts, render_contacts_markdown
from mentor_assistant.content import page_problems
from mentor_assistant.errors import ContentError
from mentor_assistant.frontmatter import split_front_matter
from mentor_assistant.sessions import AGENDA_MARKER, parse_session, render_agenda_markdown

log = logging.getLogger("mkdocs.plugins.mentor_assistant")


def on_config(config: Any) -> Any:
    """Show "edit this page" links only when a repository address is configured."""
    if not config.get("repo_url"):
        config["repo_url"] = None
        config["edit_uri"] = None
    return config


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Insert a session page's rendered agenda and the escalation contacts at their markers."""
    path = page.file.src_uri
    try:
        front = split_front_matter(page.file.content_string, path)
        for problem in page_problems(front, path):
            log.warning(str(problem).replace("\n", " "))
        session = parse_session(front, path)
        contacts = parse_contacts(front, path)
    except ContentError as error:
        log.warning(str(error).replace("\n", " "))
        return markdown
    if contacts:
        markdown = markdown.replace(CONTACTS_MARKER, render_contacts_markdown(contacts), 1)
    if session is None:
        return markdown
    agenda = render_agenda_markdown(session)
    if AGENDA_MARKER in markdown:
        return markdown.replace(AGENDA_MARKER, agenda, 1)
    return f"{agenda}\n\n{markdown}"
