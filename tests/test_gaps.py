"""The opt-in gap report groups the questions the guide could not answer."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from conftest import ROOT, make_app
from starlette.testclient import TestClient

from mentor_assistant.cli import main


def test_gaps_groups_poorly_answered_questions(guide_assistant, built_site: Path,
                                               tmp_path: Path) -> None:
    index_dir = tmp_path / "state" / "index"
    log = index_dir.parent / "questions.jsonl"
    questions = ["How do I bake sourdough bread?", "What flour is best for sourdough bread?",
                 "How do I file my tax return?", "How do I build trust with my mentee?",
                 "My mentee says she wants to hurt herself."]
    with TestClient(make_app(guide_assistant, built_site, question_log=log)) as client:
        for question in questions:
            assert client.post("/api/ask", json={"question": question}).status_code == 200
    result = CliRunner().invoke(main, ["gaps", "--config", str(ROOT / "mkdocs.yml"),
                                       "--index-dir", str(index_dir)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("3 of 5 logged questions were not answered well")
    assert "1. 2 question(s)" in out and "sourdough" in out and "tax return" in out
    assert "build trust" not in out and "hurt herself" not in out


def test_gaps_without_a_log_says_how_to_start_one(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["gaps", "--index-dir", str(tmp_path / "ix")])
    assert result.exit_code == 1
    assert "serve --log-questions" in result.output
