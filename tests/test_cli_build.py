"""`mentor-assistant build`: a strict build that never loses the previous site."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from conftest import edit_page

from mentor_assistant.cli import main


def build(config_file: Path):
    return CliRunner().invoke(main, ["build", "--config", str(config_file)])


def test_build_renders_the_session_agenda(fixture_guide: Path) -> None:
    result = build(fixture_guide)
    assert result.exit_code == 0, result.output
    html = (fixture_guide.parent / "site" / "sessions" / "check-in" / "index.html").read_text()
    assert "Timed agenda (30 minutes)" in html
    assert "0:05–0:20" in html
    assert "What got in the way?" in html


def test_editing_a_template_changes_the_rendered_agenda(fixture_guide: Path) -> None:
    edit_page(fixture_guide, "sessions/check-in.md", "title: Next steps", "title: Plan the week")
    assert build(fixture_guide).exit_code == 0
    html = (fixture_guide.parent / "site" / "sessions" / "check-in" / "index.html").read_text()
    assert "Plan the week" in html
    assert "Next steps" not in html


def test_a_broken_page_keeps_the_previous_site(fixture_guide: Path) -> None:
    assert build(fixture_guide).exit_code == 0
    home = fixture_guide.parent / "site" / "index.html"
    before = home.read_text()
    edit_page(fixture_guide, "mentors/trust.md", "tags: [trust]", "tags: [trust")
    result = build(fixture_guide)
    assert result.exit_code == 1
    assert "mentors/trust.md:6: the front matter is not valid YAML" in result.output
    assert "previous one is unchanged" in result.output
    assert "Traceback" not in result.output
    assert home.read_text() == before


def test_a_failing_mkdocs_build_keeps_the_previous_site(fixture_guide: Path) -> None:
    assert build(fixture_guide).exit_code == 0
    home = fixture_guide.parent / "site" / "index.html"
    before = home.read_text()
    # An unknown theme passes the guide check but fails MkDocs itself.
    config = fixture_guide.read_text().replace("name: material", "name: no-such-theme")
    fixture_guide.write_text(config)
    result = build(fixture_guide)
    assert result.exit_code == 1
    assert "the site was not rebuilt" in result.output
    assert "previous site is still in place" in result.output
    assert home.read_text() == before
    assert not (fixture_guide.parent / "site.building").exists()


def test_an_interrupted_swap_is_recovered(fixture_guide: Path) -> None:
    assert build(fixture_guide).exit_code == 0
    site = fixture_guide.parent / "site"
    site.rename(fixture_guide.parent / "site.previous")  # as if stopped mid-swap
    edit_page(fixture_guide, "mentors/trust.md", "tags: [trust]", "tags: [trust")
    assert build(fixture_guide).exit_code == 1  # the check fails before any build...
    assert (site / "index.html").exists()  # ...but the last good site is back in place
    edit_page(fixture_guide, "mentors/trust.md", "tags: [trust", "tags: [trust]")
    assert build(fixture_guide).exit_code == 0
    assert (site / "index.html").exists()
    assert not (fixture_guide.parent / "site.previous").exists()
