"""Heading-aware chunks: stable ids, bounded size, anchors that match the site."""

from __future__ import annotations

from pathlib import Path

from conftest import edit_page

from mentor_assistant.guide.content import load_page, load_pages, page_url
from mentor_assistant.index.chunking import CHUNK_CHARS, chunk_page


def chunks_of(docs_dir: Path, path: str, **kwargs):
    page = load_page(docs_dir, path)
    return chunk_page(page, page.expanded_body(), **kwargs)


def test_chunks_carry_page_section_and_url(fixture_guide: Path) -> None:
    chunks = chunks_of(fixture_guide.parent / "docs", "mentors/trust.md")
    by_heading = {c.heading: c for c in chunks}
    repair = by_heading["Repairing a breach"]
    assert repair.title == "Trust" and repair.path == "mentors/trust.md"
    assert repair.url == "mentors/trust/#repairing-a-breach"
    assert repair.audience == ("mentor",) and repair.tags == ("trust",)
    assert "Name it, own it" in repair.text
    assert repair.embed_text.startswith("Trust > Repairing a breach\n")
    assert by_heading["Trust"].anchor == ""  # the opening paragraph cites the page top


def test_ids_are_stable_and_follow_content(fixture_guide: Path) -> None:
    docs = fixture_guide.parent / "docs"
    first = [c.id for c in chunks_of(docs, "mentors/trust.md")]
    assert first == [c.id for c in chunks_of(docs, "mentors/trust.md")]
    edit_page(fixture_guide, "mentors/trust.md", "Small promises", "Little promises")
    second = [c.id for c in chunks_of(docs, "mentors/trust.md")]
    assert second[0] == first[0] and second[2] == first[2]
    assert second[1] != first[1]


def test_session_agenda_items_become_sections(fixture_guide: Path) -> None:
    chunks = chunks_of(fixture_guide.parent / "docs", "sessions/check-in.md")
    item = next(c for c in chunks if c.heading == "Progress on actions")
    assert item.heading_path == ("Timed agenda (30 minutes)", "Progress on actions")
    assert item.url == "sessions/check-in/#progress-on-actions"
    assert "What got in the way?" in item.text


def test_urls_follow_site_settings(fixture_guide: Path) -> None:
    chunks = chunks_of(fixture_guide.parent / "docs", "mentors/trust.md",
                       use_directory_urls=False, site_url="https://guide.example.org/kit/")
    assert chunks[1].url == "https://guide.example.org/kit/mentors/trust.html#keeping-promises"


def test_every_chunk_of_the_guide_is_bounded_and_anchored(guide) -> None:
    for page in load_pages(guide.docs_dir):
        for chunk in chunk_page(page, page.expanded_body()):
            assert len(chunk.text) <= CHUNK_CHARS
            assert chunk.anchor == "" or chunk.anchor in page.anchors, (page.path, chunk.anchor)
            assert chunk.url.startswith(page_url(page.path))


def test_repeated_headings_get_their_own_anchors(fixture_guide: Path) -> None:
    edit_page(fixture_guide, "mentors/trust.md", "Name it, own it",
              "Name it.\n\n## Keeping promises\n\nAgain, keep them. Own it")
    chunks = chunks_of(fixture_guide.parent / "docs", "mentors/trust.md")
    anchors = [c.anchor for c in chunks if c.heading == "Keeping promises"]
    assert anchors == ["keeping-promises", "keeping-promises_1"]


def test_chunks_keep_markdown_and_know_their_blocks(guide) -> None:
    pages = {page.path: page for page in load_pages(guide.docs_dir)}
    trust = pages["mentors/building-trust.md"]
    chunks = {c.heading: c for c in chunk_page(trust, trust.expanded_body())}
    patience = chunks["Patience in the first sessions"]
    assert patience.kinds == ("prose", "advice", "tip")
    assert "What helps in the early weeks:\n\n- Keep the structure light" in patience.text
    assert chunks["Mutual commitment"].text.count("\n| ") >= 5  # the table, rows intact
    assert chunks["A scenario"].kinds == ("scenario",)
    assert chunks["Building trust"].kinds == ("intro",)


def test_faq_sections_speak_to_their_role(guide) -> None:
    faq = next(page for page in load_pages(guide.docs_dir) if page.path == "reference/faq.md")
    chunks = {c.heading: c for c in chunk_page(faq, faq.expanded_body())}
    assert chunks["How often should I meet my mentee?"].audience == ("mentor",)
    assert chunks["What must be in place before we launch?"].audience == ("program_owner",)
    assert chunks["Frequently asked questions"].audience == faq.audience
