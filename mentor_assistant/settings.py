"""Resolve configuration once, at the edge: flag, then environment, then defaults.

The CLI passes its flags (``None`` when unset) and a copy of the environment; the
library below never reads ``os.environ`` itself. The OpenAI conventions
(``OPENAI_API_KEY``, ``OPENAI_BASE_URL``) just work.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ConfigError

ENV_PREFIX = "MENTOR_ASSISTANT_"
DEFAULT_MODEL = "gpt-4o-mini"
DEFAULT_EMBEDDING_MODEL = "text-embedding-3-small"
DEFAULT_TIMEOUT = 30.0
INDEX_DIR_NAME = ".mentor-assistant/index"


@dataclass(frozen=True)
class StoreSettings:
    """Where the index lives: a folder, or a Chroma server's URL."""

    index_dir: Path
    chroma_url: str | None = None

    @property
    def location(self) -> str:
        return self.chroma_url or str(self.index_dir)


@dataclass(frozen=True)
class Settings:
    """Everything a command needs to know, resolved."""

    config_file: Path
    index_dir: Path
    chroma_url: str | None
    retriever: str
    embedder: str
    model: str
    embedding_model: str
    api_key: str | None
    base_url: str | None
    timeout: float

    @property
    def llm_configured(self) -> bool:
        """A model endpoint is configured (a key, a base URL, or both)."""
        return bool(self.api_key or self.base_url)

    @property
    def store(self) -> StoreSettings:
        return StoreSettings(self.index_dir, self.chroma_url)

    @property
    def client_settings(self) -> dict[str, Any]:
        """Keyword arguments for `llm.make_client`."""
        return {"api_key": self.api_key, "base_url": self.base_url, "timeout": self.timeout}


def resolve_settings(flags: Mapping[str, Any], env: Mapping[str, str]) -> Settings:
    """Combine flags (``None`` = unset) with environment variables and defaults."""

    def pick(name: str, *env_names: str, default: Any = None) -> Any:
        if flags.get(name) is not None:
            return flags[name]
        for env_name in (f"{ENV_PREFIX}{name.upper()}", *env_names):
            if env.get(env_name):
                return env[env_name]
        return default

    config_file = Path(pick("config", default="mkdocs.yml"))
    index_dir = pick("index_dir", default=None)
    return Settings(
        config_file=config_file,
        index_dir=Path(index_dir) if index_dir else config_file.parent / INDEX_DIR_NAME,
        chroma_url=pick("chroma_url") or None,
        retriever=pick("retriever", default="hybrid"),
        embedder=pick("embedder", default="local"),
        model=pick("model", "OPENAI_MODEL", default=DEFAULT_MODEL),
        embedding_model=pick("embedding_model", default=DEFAULT_EMBEDDING_MODEL),
        api_key=pick("api_key", "OPENAI_API_KEY") or None,
        base_url=pick("base_url", "OPENAI_BASE_URL") or None,
        timeout=_positive_float(pick("timeout", default=DEFAULT_TIMEOUT), "timeout"),
    )


def _positive_float(value: Any, name: str) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = -1.0
    if number <= 0:
        raise ConfigError(f"the {name} {value!r} is not a positive number of seconds",
                          f"set --{name} or {ENV_PREFIX}{name.upper()} to e.g. 30")
    return number
