"""Read a model's streamed reply: a size cap, cancellation, and what was filtered out.

The pieces go through `ReplyFilter` (citations that name no source and links that
leave the guide are removed) and stop at `MAX_ANSWER_CHARS`. Closing the model's
stream early (a cap, a cancelled request) closes its connection too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .answer import ReplyFilter

MAX_ANSWER_CHARS = 16 * 1024
CAP_NOTICE = "*(The answer was cut off here: answers stop at 16 KB.)*"


class AnswerCancelled(Exception):
    """The person asking went away; the model's answer is no longer wanted."""


@dataclass(frozen=True)
class ModelReply:
    """The filtered text of a model's reply and what was taken out of it."""

    text: str
    removed_citations: tuple[int, ...] = ()
    removed_links: tuple[str, ...] = ()
    capped: bool = False

    def notes(self) -> tuple[str, ...]:
        """One line per kind of removal, for stderr and the API's ``removed``."""
        notes = []
        if self.removed_citations:
            cited = ", ".join(f"[{n}]" for n in sorted(set(self.removed_citations)))
            notes.append(f"Removed citation(s) {cited}: not among the retrieved sources.")
        if self.removed_links:
            links = ", ".join(dict.fromkeys(self.removed_links))
            notes.append(f"Removed link(s) that do not point into the guide: {links}")
        if self.capped:
            notes.append(f"The model's answer was cut off at {MAX_ANSWER_CHARS // 1024} KB.")
        return tuple(notes)

    def removed(self) -> dict[str, list]:
        """What was removed, for the JSON output (empty when nothing was)."""
        removed: dict[str, list] = {}
        if self.removed_citations:
            removed["citations"] = sorted(set(self.removed_citations))
        if self.removed_links:
            removed["links"] = list(dict.fromkeys(self.removed_links))
        return removed


def read_reply(pieces: Iterable[str], valid: set[int], emit: Callable[[str], None],
               lead: str = "", guide_url: str = "") -> ModelReply:
    """Stream ``pieces`` through the filter to ``emit``, ``lead`` first, up to the cap."""
    reply = ReplyFilter(valid, emit, guide_url)
    received = 0
    capped = False
    stream = iter(pieces)
    try:
        for piece in stream:
            if lead and not received:
                emit(lead)
            received += len(piece)
            if received > MAX_ANSWER_CHARS:
                reply.feed(piece[:max(0, len(piece) - (received - MAX_ANSWER_CHARS))])
                capped = True
                break
            reply.feed(piece)
    finally:
        close = getattr(stream, "close", None)
        if close:
            close()  # the model's connection goes with it
    text = reply.close().strip()
    if capped:
        emit(f"\n\n{CAP_NOTICE}")
        text = f"{text}\n\n{CAP_NOTICE}"
    return ModelReply(text, tuple(reply.removed), tuple(reply.removed_links), capped)
