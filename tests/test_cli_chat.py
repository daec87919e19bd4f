"""`mentor-assistant chat`: follow-up questions are understood in context."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner
from conftest import ROOT

from mentor_assistant.cli import main

MODE_LINE = "Mode: extractive. Composed from the guide without a language model."


def chat(index_dir: Path, lines: list[str], env: dict | None = None):
    return CliRunner().invoke(main, ["chat", "--config", str(ROOT / "mkdocs.yml"),
                                     "--index-dir", str(index_dir)],
                              input="\n".join(lines) + "\n", env=env or {})


def offline_answers(stdout: str, count: int) -> list[str]:
    """The first ``count`` answers of an offline chat, each up to its mode line."""
    answers = stdout.split(MODE_LINE)[:count]
    assert len(answers) == count
    return answers


def test_follow_up_keeps_the_topic_and_switches_role(guide_index: Path) -> None:
    result = chat(guide_index, ["How should I prepare for our first meeting?",
                                "and what if I'm the mentee?", ""])
    assert result.exit_code == 0, result.output
    first, second = result.stdout.split("Mode: extractive", 2)[:2]
    assert "First meeting" in first or "first-meeting" in first
    sources = second.split("Sources:")[1]
    assert "mentees/preparing-for-a-session/" in sources or "first-meeting" in sources
    assert "Goodbye." in result.stderr


def test_a_disclosure_keeps_its_flag_in_follow_ups(guide_index: Path) -> None:
    result = chat(guide_index, ["my mentee told me nobody would miss her if she was gone",
                                "what should I say to her next?",
                                "and should I tell anyone?", ""])
    assert result.exit_code == 0, result.output
    answers = offline_answers(result.stdout, 3)
    for answer in answers:
        assert answer.strip().startswith("**Safety first.**"), answer[:200]


def test_end_of_input_ends_the_chat(guide_index: Path) -> None:
    result = chat(guide_index, ["How do I give feedback?"])
    assert result.exit_code == 0 and "Goodbye." in result.stderr


def test_the_model_sees_the_conversation(guide_index: Path, fake_openai) -> None:
    fake_openai.reply = "Prepare a few questions [1]."
    env = {"OPENAI_BASE_URL": fake_openai.base_url, "OPENAI_API_KEY": "k"}
    result = chat(guide_index, ["How should I prepare for our first meeting?",
                                "and what if I'm the mentee?", ""], env=env)
    assert result.exit_code == 0, result.output
    second = fake_openai.chat_requests()[1]["body"]["messages"]
    assert second[1]["role"] == "user" and re.fullmatch(  # marked as the earlier question
        r"<<<QUESTION (\w+)>>>\nHow should I prepare for our first meeting\?\n"
        r"<<<END QUESTION \1>>>", second[1]["content"])
    assert second[2] == {"role": "assistant", "content": "Prepare a few questions [1]."}
    assert "The person asking is a mentee" in second[-1]["content"]


def test_three_turns_keep_the_topic_and_a_role_switch_changes_the_advice(
        guide_index: Path, guide_assistant) -> None:
    result = chat(guide_index, ["My mentee keeps cancelling our sessions at the last minute. "
                                "What should I do?",
                                "what should I say to him?",
                                "and what if I run the programme?", ""])
    assert result.exit_code == 0, result.output
    answers = offline_answers(result.stdout, 3)
    for answer in answers[:2]:  # the topic holds on the second turn
        assert "cancel" in answer.split("Sources:")[0].lower(), answer[:600]
    leads = [answer.split("Sources:")[1].split("\n")[1] for answer in answers]
    owner_lead = leads[2].rsplit(" — ", 1)[1]
    assert owner_lead != leads[0].rsplit(" — ", 1)[1]
    owner_pages = {meta["url"].split("#")[0] for meta in guide_assistant.index.metadatas
                   if meta["aud_program_owner"]}
    assert owner_lead.split("#")[0] in owner_pages  # the programme owner's advice leads
    assert "**Safety first.**" not in result.stdout
