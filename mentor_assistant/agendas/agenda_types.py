"""What an agenda request and an agenda are: the frozen shapes the agenda modules share."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from .goals import PairNotes


@dataclass(frozen=True)
class AgendaRequest:
    """What a pair asks for."""

    session_type: str | None = None
    session_number: int | None = None
    total_sessions: int | None = None
    minutes: int | None = None
    role: str = "mentor"
    focus: str = ""
    notes: PairNotes | None = None
    context: str | None = None


@dataclass(frozen=True)
class SourceRef:
    """A guide section an agenda points to."""

    title: str
    heading: str
    url: str
    path: str


@dataclass(frozen=True)
class AgendaItem:
    title: str
    minutes: int
    purpose: str
    prompts: tuple[str, ...]
    sources: tuple[SourceRef, ...] = ()


@dataclass(frozen=True)
class Agenda:
    """A timed agenda for one session."""

    session_type: str
    minutes: int
    role: str
    title: str
    mode: str
    items: tuple[AgendaItem, ...]
    preparation: tuple[str, ...]
    sources: tuple[SourceRef, ...] = field(default=())
    flags: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The stable ``agenda --json`` shape."""
        return {
            "session_type": self.session_type, "minutes": self.minutes, "role": self.role,
            "title": self.title, "mode": self.mode,
            "items": [{"title": i.title, "minutes": i.minutes, "purpose": i.purpose,
                       "prompts": list(i.prompts),
                       "sources": [{"title": s.title, "url": s.url} for s in i.sources]}
                      for i in self.items],
            "preparation": list(self.preparation),
            "sources": [asdict(s) for s in self.sources],
            "flags": list(self.flags),
        }
