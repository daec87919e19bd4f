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


def test_the_log_is_private_and_keeps_no_disclosure(guide_assistant, built_site: Path,
                                                    tmp_path: Path) -> None:
    import json
    import stat
    import urllib.request

    from live_server import live_server

    log = tmp_path / "questions.jsonl"
    with live_server(guide_assistant, built_site, question_log=log) as base:
        for question in ("How do I build trust with my mentee?",
                         "My mentee says her stepdad hits her when he's drunk."):
            request = urllib.request.Request(base + "api/ask", json.dumps(
                {"question": question}).encode(), {"Content-Type": "application/json"})
            assert urllib.request.urlopen(request, timeout=30).status == 200
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    plain, disclosure = (json.loads(line) for line in log.read_text().splitlines())
    assert plain["question"] == "How do I build trust with my mentee?"
    assert set(disclosure) == {"time", "flags"} and disclosure["flags"] == ["safety"]
    assert "stepdad" not in log.read_text()


def test_an_old_world_readable_log_becomes_private(guide_assistant, tmp_path: Path) -> None:
    import stat

    from mentor_assistant.answers.gaps import log_question

    log = tmp_path / "questions.jsonl"
    log.write_text("")
    log.chmod(0o644)
    answer = guide_assistant.ask("How do I build trust with my mentee?")
    log_question(log, "How do I build trust with my mentee?", None, answer)
    assert stat.S_IMODE(log.stat().st_mode) == 0o600


def test_gaps_prints_questions_without_terminal_escapes(tmp_path: Path) -> None:
    import json

    index_dir = tmp_path / "state" / "index"
    index_dir.parent.mkdir(parents=True)
    hostile = ["How do I bake \x1b[2J\x1b[1;31msourdough\x1b[0m bread?\x07",
               "What flour \x1b]0;owned\x07is best for sourdough \u202ebread?\r\nrm -rf ~",
               "sourdough \x9b31mstarter\x00 tips?"]
    records = [{"time": 1, "question": q, "flags": ["out_of_scope"], "top_score": 0.1,
                "nearest": "Trust \x1b[5m› Start"} for q in hostile]
    records.append({"time": 2, "flags": ["safety"]})
    (index_dir.parent / "questions.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in records))
    result = CliRunner().invoke(main, ["gaps", "--index-dir", str(index_dir)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "sourdough" in out and "of 4 logged questions" in out
    assert not any(ord(c) < 32 and c != "\n" or 0x7f <= ord(c) < 0xa0 or c == "\u202e"
                   for c in out), repr(out)
    assert "\nrm -rf" not in out
