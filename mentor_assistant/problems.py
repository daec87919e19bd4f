"""A problem found in the guide: which file, which line, what is wrong, what to do."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One problem, printed as ``file:line: message. Fix: ...``.

    A warning does not stop a build, only a release (``build --release``).
    """

    path: str
    line: int
    message: str
    fix: str = ""
    warning: bool = False

    def __str__(self) -> str:
        label = "warning: " if self.warning else ""
        text = f"{self.path}:{self.line}: {label}{self.message}"
        return f"{text}\n    Fix: {self.fix}" if self.fix else text
