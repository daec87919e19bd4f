"""`mentor-assistant search` and its stable JSON."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from conftest import ROOT

from mentor_assistant.cli import main


def search(index_dir: Path, *args: str):
    return CliRunner().invoke(main, ["search", *args, "--config", str(ROOT / "mkdocs.yml"),
                                     "--index-dir", str(index_dir)])


def test_json_shape(guide_index: Path) -> None:
    result = search(guide_index, "setting SMART goals", "--json", "-k", "3")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"query", "retriever", "flags", "results"} and data["flags"] == []
    assert data["query"] == "setting SMART goals" and data["retriever"] == "hybrid"
    assert [r["rank"] for r in data["results"]] == [1, 2, 3]
    for result_ in data["results"]:
        assert set(result_) == {"rank", "score", "title", "heading", "url", "path", "text"}
        assert (ROOT / "guide_content" / result_["path"]).is_file()
    assert data["results"][0]["path"] in ("mentees/smart-goals.md",
                                          "toolkit/smart-goal-worksheet.md")


def test_markdown_lists_ranked_sections(guide_index: Path) -> None:
    result = search(guide_index, "time zones remote mentoring", "--retriever", "lexical")
    assert result.exit_code == 0
    assert result.stdout.startswith("1. **")
    assert "mentors/mentoring-remotely/#time-zones" in result.stdout


def test_retriever_from_environment(guide_index: Path) -> None:
    result = CliRunner().invoke(main, ["search", "trust", "--json", "--config",
                                       str(ROOT / "mkdocs.yml")],
                                env={"MENTOR_ASSISTANT_RETRIEVER": "dense",
                                     "MENTOR_ASSISTANT_INDEX_DIR": str(guide_index)})
    assert json.loads(result.stdout)["retriever"] == "dense"


def test_bad_k_is_a_usage_error(guide_index: Path) -> None:
    result = search(guide_index, "trust", "-k", "0")
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_a_disclosure_puts_the_escalation_contacts_first(guide_index: Path) -> None:
    result = CliRunner().invoke(main, ["search", "my mentee said her boyfriend checks her phone "
                                       "and won't let her see her friends", "--json",
                                       "--config", str(ROOT / "mkdocs.yml"),
                                       "--index-dir", str(guide_index)])
    data = json.loads(result.stdout)
    assert data["flags"] == ["safety"]
    assert data["results"][0]["url"].endswith("help/when-to-escalate/#who-to-contact")
