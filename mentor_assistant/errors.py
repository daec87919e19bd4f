"""One exception hierarchy for the library; the CLI translates it once."""

from __future__ import annotations

from pathlib import Path


class MentorAssistantError(Exception):
    """Base error: a plain-words cause and what to do next.

    Args:
        message: What went wrong, in words a programme owner understands.
        fix: What to do about it.
    """

    def __init__(self, message: str, fix: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.fix = fix

    def __str__(self) -> str:
        return f"{self.message}\n  What to do: {self.fix}" if self.fix else self.message


class ContentError(MentorAssistantError):
    """A guide page cannot be read: names the file and the line."""

    def __init__(self, path: Path | str, line: int, message: str, fix: str = "") -> None:
        self.path = str(path)
        self.line = line
        super().__init__(f"{self.path}:{line}: {message}", fix)


class ConfigError(MentorAssistantError):
    """A setting or configuration file is missing or wrong."""


class BuildError(MentorAssistantError):
    """Building the site failed; the previous site was kept."""


class IndexWriteError(MentorAssistantError):
    """The index cannot be written (a full or read-only disk); the previous one is kept."""


class IndexMissingError(MentorAssistantError):
    """The index is missing, from another embedder, or unreadable."""


class ModelError(MentorAssistantError):
    """The language-model or embedding endpoint failed or replied with garbage."""


class RequestError(MentorAssistantError):
    """A question or request is malformed (empty, too long, wrong values)."""
