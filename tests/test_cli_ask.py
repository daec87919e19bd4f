"""`mentor-assistant ask`, offline and against a local OpenAI-compatible server."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT

from mentor_assistant.cli import main

SOURCE_KEYS = {"n", "title", "heading", "url", "path", "score", "text"}


def ask(index_dir: Path, question: str, *extra: str, env: dict | None = None):
    args = ["ask", question, "--config", str(ROOT / "mkdocs.yml"), "--index-dir", str(index_dir),
            *extra]
    return CliRunner().invoke(main, args, env=env or {})


def ask_json(index_dir: Path, question: str, *extra: str, env: dict | None = None) -> dict:
    result = ask(index_dir, question, "--json", *extra, env=env)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_offline_answer_is_extractive_and_cited(guide_index: Path) -> None:
    data = ask_json(guide_index, "My mentee keeps cancelling our sessions at the last minute. "
                                 "What should I do?")
    assert set(data) == {"question", "mode", "answer", "flags", "sources"}
    assert data["mode"] == "extractive" and data["flags"] == []
    assert data["answer"].startswith("Composed from the guide without a language model")
    assert data["sources"] and all(set(s) == SOURCE_KEYS for s in data["sources"])
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", data["answer"])}
    assert cited == {s["n"] for s in data["sources"]}
    assert any(s["url"].endswith("#cancellations") or "cancel" in s["url"]
               for s in data["sources"])
    for source in data["sources"]:
        assert source["url"].split("#")[0].rstrip("/").replace("/", "") in \
            source["path"].replace("/", "").replace(".md", "")


def test_markdown_output_says_which_mode_answered(guide_index: Path) -> None:
    result = ask(guide_index, "How do I ask good open questions?")
    assert result.exit_code == 0, result.output
    assert "Sources:\n[1] " in result.stdout
    assert "Mode: extractive. Composed from the guide without a language model." in result.stdout


def test_out_of_scope_question(guide_index: Path) -> None:
    data = ask_json(guide_index, "What is a good recipe for banana bread?")
    assert data["flags"] == ["out_of_scope"]
    assert "does not seem to cover" in data["answer"]
    assert 1 <= len(data["sources"]) <= 3


@pytest.mark.parametrize("question", [
    "My mentee told me they have been thinking about hurting themselves",
    "she doesn't feel safe at home",
    "HELP my mentee just told me she's going to jump off the bridge tonight",
    "a colleague has been bullying her for months",
    "my mentee said a guy at work shoved her against the wall and has a gun in his car",
])
def test_safety_question_leads_with_escalation(guide_index: Path, question: str) -> None:
    data = ask_json(guide_index, question)
    assert data["flags"] == ["safety"]
    first = data["sources"][0]
    assert first["path"] == "help/when-to-escalate.md" and first["url"].endswith("#who-to-contact")
    assert data["answer"].startswith("**Safety first.**")
    assert data["answer"].index("local emergency number") < data["answer"].index("Composed from")
    assert "does not seem to cover" not in data["answer"]


def test_safety_answer_in_markdown_leads_with_the_contacts(guide_index: Path) -> None:
    text = ask(guide_index, "my mentee keeps cutting herself again").stdout
    assert text.startswith("**Safety first.**") and "116 123" in text


@pytest.mark.parametrize("question", ["", "   ", "x" * 2001])
def test_bad_questions_are_usage_errors(guide_index: Path, question: str) -> None:
    result = ask(guide_index, question)
    assert result.exit_code == 2
    assert "Error:" in result.output and "Traceback" not in result.output


def test_missing_index_says_what_to_do(tmp_path: Path) -> None:
    result = ask(tmp_path / "nothing-here", "How do I build trust?")
    assert result.exit_code == 1
    assert "there is no index" in result.output
    assert "run 'mentor-assistant index'" in result.output


# --- with a model: the real openai client against a local server ---


def model_env(fake, **extra: str) -> dict:
    return {"OPENAI_BASE_URL": fake.base_url, "OPENAI_API_KEY": "test-key", **extra}


def test_model_answer_is_streamed_and_grounded(guide_index: Path, fake_openai) -> None:
    fake_openai.reply = "Keep small promises and be reliable [1]. Talk about it openly [2]."
    result = ask(guide_index, "How do I build trust?", "--model", "test-model",
                 env=model_env(fake_openai))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(fake_openai.reply)
    assert "Mode: llm. Written by test-model" in result.stdout
    request = fake_openai.chat_requests()[-1]
    assert request["body"]["stream"] is True and request["body"]["model"] == "test-model"
    assert request["auth"] == "Bearer test-key"
    messages = request["body"]["messages"]
    assert messages[0]["role"] == "system" and "numbered sources" in messages[0]["content"]
    assert re.search(r"<<<QUESTION (\w+)>>>\nHow do I build trust\?\n<<<END QUESTION \1>>>",
                     messages[-1]["content"])
    assert "[1] " in messages[-1]["content"] and "Building trust" in messages[-1]["content"]


def test_model_json_output(guide_index: Path, fake_openai) -> None:
    data = ask_json(guide_index, "How do I build trust?", env=model_env(fake_openai))
    assert data["mode"] == "llm" and data["answer"] == fake_openai.reply
    assert len(data["sources"]) == 4


def test_invented_citations_are_removed_and_reported(guide_index: Path, fake_openai) -> None:
    fake_openai.reply = "Listen first [1]. Also see the secret page [7] and [2]."
    result = ask(guide_index, "How do I listen well?", env=model_env(fake_openai))
    assert result.exit_code == 0
    assert "Listen first [1]. Also see the secret page  and [2]." in result.stdout
    assert "Removed citation(s) [7]" in result.stderr


@pytest.mark.parametrize(("behaviour", "said"), [
    ("429", "rate-limiting requests (HTTP 429)"),
    ("500", "failed (HTTP 500)"),
    ("401", "refused the API key (HTTP 401)"),
    ("404", "was not found at the endpoint (HTTP 404)"),
    ("malformed", "could not be read"),
    ("empty", "empty reply"),
    ("timeout", "did not answer within 0.5 s"),
])
def test_model_failures_fall_back_to_the_guide(guide_index: Path, fake_openai, behaviour: str,
                                               said: str) -> None:
    fake_openai.behaviour = behaviour
    result = ask(guide_index, "How do I give feedback?", "--timeout", "0.5",
                 env=model_env(fake_openai))
    assert result.exit_code == 0, result.output
    assert said in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Mode: extractive" in result.stdout and "[1]" in result.stdout
    assert "Traceback" not in result.output


def test_unreachable_endpoint_falls_back(guide_index: Path) -> None:
    env = {"OPENAI_BASE_URL": "http://127.0.0.1:9/v1", "OPENAI_API_KEY": "k"}
    result = ask(guide_index, "How do I give feedback?", env=env)
    assert result.exit_code == 0
    assert "cannot connect to the model endpoint" in result.stderr
    assert "Mode: extractive" in result.stdout


def test_out_of_scope_does_not_call_the_model(guide_index: Path, fake_openai) -> None:
    data = ask_json(guide_index, "What is a good recipe for banana bread?",
                    env=model_env(fake_openai))
    assert data["flags"] == ["out_of_scope"] and fake_openai.chat_requests() == []


def test_safety_with_a_model_adds_the_safety_note(guide_index: Path, fake_openai) -> None:
    fake_openai.reply = "Nothing urgent here: keep meeting as usual [2]."
    result = ask(guide_index, "My mentee says her partner hits her.", env=model_env(fake_openai))
    # The project's contacts lead, whatever the model wrote.
    assert result.stdout.startswith("**Safety first.**")
    assert result.stdout.index("local emergency number") < result.stdout.index("Nothing urgent")
    messages = fake_openai.chat_requests()[-1]["body"]["messages"]
    assert "may involve someone's safety" in messages[0]["content"]
    assert "[1] When to escalate > Who to contact" in messages[-1]["content"]


def test_moderation_can_add_the_flag(guide_index: Path, fake_openai) -> None:
    fake_openai.moderation = {"self-harm": True, "violence": False, "harassment": False,
                              "sexual/minors": False, "sexual": False}
    data = ask_json(guide_index, "How do I give feedback kindly?", env=model_env(fake_openai))
    assert data["flags"] == ["safety"] and data["answer"].startswith("**Safety first.**")


def test_moderation_never_removes_the_flag(guide_index: Path, fake_openai) -> None:
    fake_openai.moderation = {"self-harm": False, "violence": False, "harassment": False}
    data = ask_json(guide_index, "my mentee says she wants to unalive herself",
                    env=model_env(fake_openai))
    assert data["flags"] == ["safety"]


def test_an_endpoint_without_moderation_is_not_an_error(guide_index: Path, fake_openai) -> None:
    result = ask(guide_index, "How do I give feedback kindly?", env=model_env(fake_openai))
    assert result.exit_code == 0 and "Mode: llm" in result.stdout
    assert any(r["path"].endswith("/moderations") for r in fake_openai.requests)
