"""The OpenAI-compatible backends, through the real openai client over HTTP."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from conftest import make_settings
from openai_server import DIMENSION

from mentor_assistant.answers.assistant import Assistant
from mentor_assistant.cli import main
from mentor_assistant.errors import ModelError
from mentor_assistant.index.embeddings import OpenAIEmbedder
from mentor_assistant.llm import OpenAIChat


def chat(fake, timeout: float = 5.0) -> OpenAIChat:
    return OpenAIChat("m", "key", fake.base_url, timeout)


def test_non_streaming_reply(fake_openai) -> None:
    fake_openai.reply = "Whole reply [1]."
    assert list(chat(fake_openai).complete([{"role": "user", "content": "hi"}], stream=False)) \
        == ["Whole reply [1]."]
    assert fake_openai.chat_requests()[-1]["body"].get("stream") in (None, False)


def test_streaming_reply_arrives_in_pieces(fake_openai) -> None:
    fake_openai.reply = "A reply that is long enough to arrive in several pieces."
    pieces = list(chat(fake_openai).complete([{"role": "user", "content": "hi"}]))
    assert len(pieces) > 3 and "".join(pieces) == fake_openai.reply


@pytest.mark.parametrize("behaviour", ["malformed", "empty", "500", "429"])
def test_failures_become_one_model_error(fake_openai, behaviour: str) -> None:
    fake_openai.behaviour = behaviour
    for stream in (True, False):
        with pytest.raises(ModelError):
            list(chat(fake_openai).complete([{"role": "user", "content": "hi"}], stream=stream))


def test_timeout(fake_openai) -> None:
    fake_openai.behaviour, fake_openai.delay = "timeout", 2.0
    with pytest.raises(ModelError, match="within 0.3 s"):
        list(chat(fake_openai, timeout=0.3).complete([{"role": "user", "content": "hi"}]))


def test_openai_embeddings(fake_openai) -> None:
    embedder = OpenAIEmbedder({"api_key": "k", "base_url": fake_openai.base_url, "timeout": 5},
                              "embed-model")
    vectors = embedder.embed(["trust and promises", "trust and promises", "pricing a product"])
    assert vectors.shape == (3, DIMENSION) and embedder.name == "openai:embed-model"
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]


def test_index_with_openai_embeddings_and_refuse_to_mix(fixture_guide: Path, tmp_path: Path,
                                                        fake_openai) -> None:
    env = {"OPENAI_BASE_URL": fake_openai.base_url, "OPENAI_API_KEY": "k"}
    index_dir = tmp_path / "ix"
    common = ["--config", str(fixture_guide), "--index-dir", str(index_dir)]
    result = CliRunner().invoke(main, ["index", "--embedder", "openai", "-q", *common], env=env)
    assert result.exit_code == 0, result.output
    settings = make_settings(fixture_guide, index_dir, api_key="k", base_url=fake_openai.base_url)
    assistant = Assistant(settings).load()
    assert assistant.embedder.name == "openai:text-embedding-3-small"
    assert assistant.search("repairing a breach", 1)[0].anchor == "repairing-a-breach"
    result = CliRunner().invoke(main, ["search", "trust", *common])  # no endpoint configured
    assert result.exit_code == 1
    assert "built with openai:text-embedding-3-small" in result.output
    result = CliRunner().invoke(main, ["index", "-q", *common])  # back to the local model
    assert result.exit_code == 0 and "full rebuild: the embedder changed" in result.output
