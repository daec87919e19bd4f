"""Python-Markdown extension: session agendas and the contacts table, in any builder.

Listed under ``markdown_extensions:`` in ``mkdocs.yml`` as
``mentor_assistant.guide.markdown_extension``, so MkDocs and Zensical both run it. Both
builders strip the front matter before Markdown sees the page, so the extension
asks the builder which page it is rendering, reads that page's source with the
project's own front matter parser, and renders the agenda and the contacts at
their markers with `content.expand_markdown`, the rendering the assistant's index
uses too. It also turns front matter problems into warnings, which
``mkdocs build --strict`` refuses, with the file and line.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from ..errors import ContentError
from .contacts import CONTACTS_MARKER, parse_contacts
from .content import expand_markdown, page_problems
from .frontmatter import split_front_matter
from .sessions import AGENDA_MARKER, parse_session

log = logging.getLogger("mkdocs.plugins.mentor_assistant")

PRIORITY = 35  # before whitespace normalising (30) and raw HTML (20): the hook's old place


class GuidePagePreprocessor(Preprocessor):
    """Render the page's session agenda and escalation contacts into its Markdown."""

    def run(self, lines: list[str]) -> list[str]:
        """The page's lines with the agenda and contacts filled in (unchanged without them)."""
        source = page_source(self.md)
        if source is None:
            if any(line.strip() in (AGENDA_MARKER, CONTACTS_MARKER) for line in lines):
                log.warning("a page with an agenda or contacts marker was rendered, but the "
                            "builder did not say which page it is, so its table is missing")
            return lines
        path, text = source
        try:
            front = split_front_matter(text, path)
            for problem in page_problems(front, path):
                log.warning(str(problem).replace("\n", " "))
            session = parse_session(front, path)
            contacts = parse_contacts(front, path)
        except ContentError as error:
            log.warning(str(error).replace("\n", " "))
            return lines
        if session is None and not contacts:
            return lines
        return expand_markdown("\n".join(lines), session, contacts).split("\n")


class GuidePageExtension(Extension):
    """Register `GuidePagePreprocessor`."""

    def extendMarkdown(self, md: Markdown) -> None:
        """Add the preprocessor ahead of the ones that could hide the markers."""
        md.preprocessors.register(GuidePagePreprocessor(md), "mentor_assistant", PRIORITY)


def makeExtension(**kwargs: Any) -> GuidePageExtension:
    """The entry point Python-Markdown calls for ``mentor_assistant.guide.markdown_extension``."""
    return GuidePageExtension(**kwargs)


def page_source(md: Markdown) -> tuple[str, str] | None:
    """The path (relative to the docs folder) and full text of the page ``md`` renders.

    MkDocs registers a ``relpath`` tree processor holding the page's file before it
    converts; Zensical registers a ``rendering_context`` preprocessor holding the
    page and its configuration. Returns None under any other caller.
    """
    if "relpath" in md.treeprocessors:
        file = getattr(md.treeprocessors["relpath"], "file", None)
        if file is not None:
            return file.src_uri, file.content_string
    if "rendering_context" in md.preprocessors:
        context = md.preprocessors["rendering_context"]
        page, config = getattr(context, "page", None), getattr(context, "config", None)
        if page is not None and isinstance(config, dict):
            file = Path(config.get("root_dir", ".")) / config.get("docs_dir", "docs") / page.path
            if file.is_file():
                return page.path, file.read_text(encoding="utf-8")
    return None
