"""`mentor-assistant index`: the summary, settings and freshness warnings."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner
from conftest import edit_page

from mentor_assistant.cli import main


def run(*args: str, env: dict | None = None):
    return CliRunner().invoke(main, list(args), env=env or {})


def test_summary_line(fixture_guide: Path, tmp_path: Path) -> None:
    result = run("index", "--config", str(fixture_guide), "--index-dir", str(tmp_path / "ix"))
    assert result.exit_code == 0, result.output
    assert re.search(r"Indexed 3 pages into .*ix: \d+ chunks, \d+ added, 0 updated, 0 removed, "
                     r"0 unchanged, in \d+\.\d s\.", result.stdout)


def test_index_dir_from_environment(fixture_guide: Path, tmp_path: Path) -> None:
    env = {"MENTOR_ASSISTANT_INDEX_DIR": str(tmp_path / "from-env")}
    assert run("index", "-q", "--config", str(fixture_guide), env=env).exit_code == 0
    assert (tmp_path / "from-env" / "chroma.sqlite3").is_file()


def test_default_index_lives_beside_mkdocs_yml(fixture_guide: Path, monkeypatch) -> None:
    monkeypatch.delenv("MENTOR_ASSISTANT_INDEX_DIR")
    assert run("index", "-q", "--config", str(fixture_guide)).exit_code == 0
    assert (fixture_guide.parent / ".mentor-assistant" / "index" / "chroma.sqlite3").is_file()


def test_ask_warns_when_the_guide_changed(fixture_guide: Path, fixture_index: Path) -> None:
    args = ["ask", "How do I keep promises?", "--config", str(fixture_guide), "--index-dir",
            str(fixture_index)]
    assert "has changed since the index was built" not in run(*args).stderr
    edit_page(fixture_guide, "mentors/trust.md", "Trust takes time.", "Trust takes months.")
    result = run(*args)
    assert result.exit_code == 0
    assert "the guide has changed since the index was built" in result.stderr


def test_a_broken_page_stops_indexing_with_file_and_line(fixture_guide: Path,
                                                         fixture_index: Path) -> None:
    edit_page(fixture_guide, "mentors/trust.md", "audience: [mentor]", "audience: [mentors]")
    result = run("index", "--config", str(fixture_guide), "--index-dir", str(fixture_index))
    assert result.exit_code == 1
    assert "mentors/trust.md:4: unknown audience 'mentors'" in result.output
    assert "Traceback" not in result.output
