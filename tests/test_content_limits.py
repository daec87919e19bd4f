"""Guide content that would exhaust the machine: alias bombs, huge pages, links outside.

`check`, `index` and `build` each refuse it with the file, the line and what to do.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from mentor_assistant.cli import main

LOL = ", ".join(['"lol"'] * 9)
ALIAS_BOMB = "\n".join([f"a: &a [{LOL}]"] + [
    f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]"
    for previous, name in zip("abcdefghijklmn", "bcdefghijklmno", strict=True)])


def run(command: str, config_file: Path, tmp_path: Path):
    extra = ["--index-dir", str(tmp_path / "index"), "-q"] if command == "index" else []
    started = time.monotonic()
    result = CliRunner().invoke(main, [command, "--config", str(config_file), *extra])
    return result, time.monotonic() - started


def add_to_front_matter(config_file: Path, text: str) -> Path:
    page = config_file.parent / "docs" / "mentors" / "trust.md"
    page.write_text(page.read_text().replace("tags: [trust]\n", f"tags: [trust]\n{text}\n", 1))
    return page


def test_the_alias_bomb_is_700_bytes() -> None:
    assert 600 < len(ALIAS_BOMB) < 800


@pytest.mark.parametrize("command", ["check", "index", "build"])
def test_a_yaml_alias_bomb_is_an_error_with_file_and_line(fixture_guide: Path, tmp_path: Path,
                                                          command: str) -> None:
    add_to_front_matter(fixture_guide, ALIAS_BOMB)
    result, seconds = run(command, fixture_guide, tmp_path)
    assert result.exit_code == 1, result.output
    assert "mentors/trust.md:7:" in result.output  # the first alias, '*a' on line 7
    assert "aliases expand to more than 20,000 values" in result.output
    assert "Traceback" not in result.output and "MemoryError" not in result.output
    assert seconds < 30


def test_front_matter_over_its_size_limit_is_an_error(fixture_guide: Path,
                                                      tmp_path: Path) -> None:
    add_to_front_matter(fixture_guide, "notes: " + "x" * 70_000)
    result, _ = run("check", fixture_guide, tmp_path)
    assert result.exit_code == 1
    assert "mentors/trust.md:2: the front matter is 68 KB; the limit is 64 KB" in result.output


@pytest.mark.parametrize("command", ["check", "index"])
def test_a_page_over_the_size_limit_is_an_error_with_file_and_line(
        fixture_guide: Path, tmp_path: Path, command: str) -> None:
    page = fixture_guide.parent / "docs" / "mentors" / "trust.md"
    sentence = "Listen first, then ask what would help most this week. "
    page.write_text(page.read_text() + "\n" + (sentence * 10 + "\n\n") * 9000)  # 5 MB
    result, seconds = run(command, fixture_guide, tmp_path)
    assert result.exit_code == 1, result.output
    assert "mentors/trust.md:" in result.output and "over the limit of 256 KB" in result.output
    line = int(result.output.split("mentors/trust.md:", 1)[1].split(":", 1)[0])
    assert line == page.read_bytes()[:256 * 1024].count(b"\n") + 1  # where it passes 256 KB
    assert "split it into smaller pages" in result.output and seconds < 30


@pytest.mark.parametrize("command", ["check", "index", "build"])
def test_links_that_leave_the_guide_folder_are_refused(fixture_guide: Path, tmp_path: Path,
                                                       command: str) -> None:
    private = tmp_path / "private.md"
    private.write_text("---\ntitle: Salaries\ndescription: d\naudience: [mentor]\ntags: [x]\n"
                       "---\n\nEveryone's salary.\n")
    docs = fixture_guide.parent / "docs"
    os.symlink(private, docs / "mentors" / "salaries.md")
    os.symlink("/dev/zero", docs / "zero.md")
    os.symlink(tmp_path, docs / "everything")
    result, seconds = run(command, fixture_guide, tmp_path)
    assert result.exit_code == 1, result.output
    assert ":1: this is a link to" in result.output and "outside the guide folder" in result.output
    assert "copy the file into the guide folder instead of linking to it" in result.output
    if command == "index":
        assert "2 more: run 'mentor-assistant check' to list them" in result.output
    else:
        assert "mentors/salaries.md:1: this is a link to" in result.output
        assert "zero.md:1:" in result.output and "everything:1:" in result.output
    assert "salary" not in result.output.lower().replace("salaries", "")
    assert seconds < 30


def test_links_inside_the_guide_folder_are_fine(fixture_guide: Path, tmp_path: Path) -> None:
    docs = fixture_guide.parent / "docs"
    os.symlink(docs / "mentors" / "trust.md", docs / "mentors" / "trust-again.png")
    result, _ = run("check", fixture_guide, tmp_path)
    assert "outside the guide folder" not in result.output
