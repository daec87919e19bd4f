"""The Markdown extension that renders agendas and contacts for any builder."""

from __future__ import annotations

import logging
from pathlib import Path
from types import SimpleNamespace

import markdown
import pytest
from conftest import FIXTURE_GUIDE

from mentor_assistant.guide.content import load_page
from mentor_assistant.guide.frontmatter import split_front_matter
from mentor_assistant.guide.markdown_extension import page_source

DOCS = FIXTURE_GUIDE / "docs"
PAGE = "sessions/check-in.md"


def convert(md: markdown.Markdown, path: str = PAGE) -> str:
    return md.convert(split_front_matter((DOCS / path).read_text(encoding="utf-8"), path).body)


def with_mkdocs_page(path: str) -> markdown.Markdown:
    """Python-Markdown set up as MkDocs does: a ``relpath`` tree processor holds the file."""
    md = markdown.Markdown(extensions=["mentor_assistant.guide.markdown_extension", "tables"])
    file = SimpleNamespace(src_uri=path, content_string=(DOCS / path).read_text(encoding="utf-8"))
    md.treeprocessors.register(SimpleNamespace(file=file, run=lambda root: None), "relpath", 0)
    return md


def with_zensical_page(path: str, docs_dir: Path) -> markdown.Markdown:
    """Python-Markdown set up as Zensical does: a ``rendering_context`` holds page and config."""
    md = markdown.Markdown(extensions=["mentor_assistant.guide.markdown_extension", "tables"])
    context = SimpleNamespace(page=SimpleNamespace(path=path),
                              config={"root_dir": str(docs_dir.parent),
                                      "docs_dir": docs_dir.name},
                              run=lambda lines: lines)
    md.preprocessors.register(context, "rendering_context", 0)
    return md


@pytest.mark.parametrize("builder", ["mkdocs", "zensical"])
def test_the_agenda_is_rendered_at_its_marker(builder: str) -> None:
    md = with_mkdocs_page(PAGE) if builder == "mkdocs" else with_zensical_page(PAGE, DOCS)
    html = convert(md)
    session = load_page(DOCS, PAGE).session
    assert session and f"Timed agenda ({session.minutes} minutes)" in html
    assert "<th>Item</th>" in html and f"<td>{session.items[0].title}</td>" in html
    assert "<!-- agenda -->" not in html
    assert page_source(md) == (PAGE, (DOCS / PAGE).read_text(encoding="utf-8"))


def test_pages_without_a_template_are_left_alone() -> None:
    page = "mentors/trust.md"
    plain = markdown.Markdown(extensions=["tables"])
    assert convert(with_mkdocs_page(page), page) == convert(plain, page)


def test_without_a_builder_the_marker_stays_and_says_so(
    caplog: pytest.LogCaptureFixture,
) -> None:
    md = markdown.Markdown(extensions=["mentor_assistant.guide.markdown_extension"])
    with caplog.at_level(logging.WARNING):
        html = md.convert("Intro\n\n<!-- agenda -->\n")
    assert "<!-- agenda -->" in html
    assert "did not say which page it is" in caplog.text


def test_a_broken_template_is_reported_with_file_and_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture,
) -> None:
    docs = tmp_path / "docs"
    (docs / "sessions").mkdir(parents=True)
    text = (DOCS / PAGE).read_text(encoding="utf-8")
    (docs / PAGE).write_text(text.replace("type: checkin", "type: chat"), encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        html = with_zensical_page(PAGE, docs).convert("<!-- agenda -->")
    assert "Timed agenda" not in html
    assert f"{PAGE}:" in caplog.text and "chat" in caplog.text
