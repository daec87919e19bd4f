"""Glue for the index command: choose the embedder and show progress."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

from ..errors import ConfigError
from ..settings import Settings
from .build import Progress
from .embeddings import Embedder, MiniLMEmbedder, OpenAIEmbedder


def embedder_for(settings: Settings) -> Embedder:
    """The embedder an index build should use."""
    if settings.embedder == "local":
        return MiniLMEmbedder()
    if settings.embedder == "openai":
        if not settings.llm_configured:
            raise ConfigError("the openai embedder needs an endpoint",
                              "set OPENAI_API_KEY and/or OPENAI_BASE_URL, or use --embedder "
                              "local")
        return OpenAIEmbedder(settings.client_settings, settings.embedding_model)
    raise ConfigError(f"unknown embedder {settings.embedder!r}", "use local or openai")


@contextmanager
def progress_bar(quiet: bool) -> Iterator[Progress | None]:
    """A progress callback drawing a bar on stderr (nothing when quiet)."""
    if quiet:
        yield None
        return
    import click

    state: dict[str, object] = {}

    def update(done: int, total: int) -> None:
        if "bar" not in state:
            bar = click.progressbar(length=total, label="Embedding sections and sentences",
                                    file=sys.stderr)
            state["bar"] = bar.__enter__()
            state["done"] = 0
        bar = state["bar"]
        bar.update(done - state["done"])  # type: ignore[attr-defined]
        state["done"] = done

    try:
        yield update
    finally:
        if "bar" in state:
            state["bar"].__exit__(None, None, None)  # type: ignore[attr-defined]
