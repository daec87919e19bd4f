"""Language models behind one method: ``complete(messages)`` yields text pieces.

`OpenAIChat` talks to any OpenAI-compatible endpoint (OpenAI, Ollama, vLLM...)
through the official ``openai`` client. Every failure becomes one `ModelError`
with a plain message, so callers can fall back to the offline answer.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any, Protocol

from .errors import ModelError

Message = dict[str, str]
MODERATION_RISKS = ("self-harm", "violence", "harassment")


class LLM(Protocol):
    """A chat model."""

    name: str

    def complete(self, messages: list[Message], stream: bool = True) -> Iterator[str]:
        """Yield the reply in pieces (one piece when not streaming)."""


def make_client(api_key: str | None, base_url: str | None, timeout: float) -> Any:
    """An ``openai.OpenAI`` client that fails fast (no retries) so fallbacks stay quick."""
    from openai import OpenAI

    return OpenAI(api_key=api_key or "not-needed", base_url=base_url, timeout=timeout,
                  max_retries=0)


class OpenAIChat:
    """Chat completions from an OpenAI-compatible endpoint."""

    def __init__(self, model: str, api_key: str | None, base_url: str | None,
                 timeout: float) -> None:
        self.model = model
        self.name = f"openai:{model}"
        self.timeout = timeout
        self.base_url = base_url
        self._settings = {"api_key": api_key, "base_url": base_url, "timeout": timeout}
        self._client: Any = None

    def complete(self, messages: list[Message], stream: bool = True,
                 json_mode: bool = False) -> Iterator[str]:
        self._client = self._client or make_client(**self._settings)
        options: dict[str, Any] = {"model": self.model, "messages": messages,
                                   "temperature": 0.2}
        if json_mode:
            options["response_format"] = {"type": "json_object"}
        try:
            if stream:
                yield from self._stream(options)
            else:
                yield self._whole(options)
        except ModelError:
            raise
        except Exception as error:  # noqa: BLE001 - every client failure becomes one message
            raise translate_openai_error(error, "answer", self) from None

    def flags_risk(self, text: str) -> bool:
        """A second opinion from the endpoint's moderation API, where it has one.

        True when its self-harm, violence, harassment or sexual/minors categories
        fire. An endpoint without ``/v1/moderations`` (most local servers), or any
        failure, gives False: the project's own check has already decided.
        """
        self._client = self._client or make_client(**self._settings)
        try:
            reply = self._client.moderations.create(input=text)
            categories = reply.results[0].categories.model_dump(by_alias=True)
        except Exception:  # noqa: BLE001 - no moderation endpoint is not an error
            return False
        return any(flagged for name, flagged in categories.items()
                   if name.split("/")[0] in MODERATION_RISKS or name == "sexual/minors")

    def _stream(self, options: dict[str, Any]) -> Iterator[str]:
        """The reply's pieces, until the total deadline of ``timeout`` seconds."""
        received = False
        for piece in self._within(lambda stop: self._stream_pieces(options, stop)):
            received = True
            yield piece
        if not received:
            raise ModelError("the model endpoint sent an empty reply",
                             "check the model name and that the server is healthy")

    def _stream_pieces(self, options: dict[str, Any], stop: threading.Event) -> Iterator[str]:
        with self._client.chat.completions.create(stream=True, **options) as events:
            for event in events:
                if stop.is_set():
                    return
                choices = getattr(event, "choices", None) or []
                delta = getattr(choices[0], "delta", None) if choices else None
                piece = getattr(delta, "content", None)
                if piece:
                    yield piece

    def _within(self, pieces_until: Callable[[threading.Event], Iterator[Any]]
                ) -> Iterator[Any]:
        """What ``pieces_until`` yields, read in a thread of its own, until the deadline.

        An endpoint that stalls, however long, cannot hold the caller past ``timeout``
        seconds in all. Closing this generator (a cancelled request, a capped answer)
        tells the reading thread to close its connection at the next piece.
        """
        deadline = time.monotonic() + self.timeout
        found: queue.SimpleQueue = queue.SimpleQueue()
        stop = threading.Event()
        threading.Thread(target=_read_into, args=(pieces_until(stop), found),
                         daemon=True).start()
        started = False
        try:
            while True:
                try:
                    kind, value = found.get(timeout=max(0.0, deadline - time.monotonic()))
                except queue.Empty:
                    late = "finish its answer" if started else "answer"
                    raise ModelError(f"the model endpoint did not {late} within "
                                     f"{self.timeout:g} s", "try again, raise --timeout, or "
                                     "check the server") from None
                if kind == "done":
                    return
                if kind == "failed":
                    raise value
                started = True
                yield value
        finally:
            stop.set()

    def _whole_reply(self, options: dict[str, Any]) -> Iterator[Any]:
        yield self._client.chat.completions.create(**options)

    def _whole(self, options: dict[str, Any]) -> str:
        (reply,) = self._within(lambda stop: self._whole_reply(options))
        choices = getattr(reply, "choices", None)
        message = getattr(choices[0], "message", None) if choices else None
        content = getattr(message, "content", None)
        if not isinstance(content, str) or not content.strip():
            raise ModelError("the model endpoint replied without any answer text",
                             "check the model name and that the server is healthy")
        return content


def _read_into(pieces: Iterator[Any], found: queue.SimpleQueue) -> None:
    """Put each piece on ``found``, then "done", or "failed" with the error."""
    try:
        for piece in pieces:
            found.put(("piece", piece))
        found.put(("done", None))
    except BaseException as error:  # noqa: BLE001 - handed to the reader, which raises it
        found.put(("failed", error))


def translate_openai_error(error: Exception, what: str, chat: OpenAIChat | None = None
                           ) -> ModelError:
    """One plain-words `ModelError` for any failure of the openai client."""
    import openai

    where = f" at {chat.base_url}" if chat and chat.base_url else ""
    if isinstance(error, openai.APITimeoutError):
        seconds = f" within {chat.timeout:g} s" if chat else ""
        return ModelError(f"the model endpoint{where} did not {what}{seconds}",
                          "try again, raise --timeout, or check the server")
    if isinstance(error, openai.APIConnectionError):
        return ModelError(f"cannot connect to the model endpoint{where}",
                          "check OPENAI_BASE_URL and that the server is running")
    if isinstance(error, openai.AuthenticationError):
        return ModelError("the model endpoint refused the API key (HTTP 401)",
                          "check OPENAI_API_KEY")
    if isinstance(error, openai.RateLimitError):
        return ModelError("the model endpoint is rate-limiting requests (HTTP 429)",
                          "wait a little and try again")
    if isinstance(error, openai.NotFoundError):
        model = f" '{chat.model}'" if chat else ""
        return ModelError(f"the model{model} was not found at the endpoint (HTTP 404)",
                          "check --model / MENTOR_ASSISTANT_MODEL")
    if isinstance(error, openai.APIStatusError):
        return ModelError(f"the model endpoint failed (HTTP {error.status_code})",
                          "try again later or check the server's logs")
    return ModelError(f"the model endpoint sent a reply that could not be read "
                      f"({type(error).__name__})", "check that it is OpenAI-compatible")
