"""Translate Python regular expressions into JavaScript ones that match the same text.

The in-browser assistant applies the very patterns the Python code compiles, so the
two cannot drift apart. Python's ``re`` and JavaScript's ``RegExp`` share most of
their syntax; where they differ the translation spells Python's meaning out:

- ``\\w``, ``\\d`` and ``\\b`` follow Unicode as in Python (JavaScript's are ASCII);
- ``\\s`` is Python's whitespace, which is not JavaScript's;
- ``.`` and ``$`` keep Python's treatment of newlines, ``\\Z`` becomes the end;
- ``(?P<name>...)`` and ``(?P=name)`` become named groups and ``\\k<name>``;
- with ``re.IGNORECASE`` Python lets ``i`` match ``ı`` and ``İ``, JavaScript does not.

The result is used with the ``u`` flag. A construct this module does not know raises
`UnsupportedPattern` instead of translating it wrongly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["JsRegex", "UnsupportedPattern", "python_whitespace", "to_js"]

WORD = r"\p{L}\p{N}_"  # Python's \w for text: every letter and number, and "_"
_SYNTAX = set("^$\\.*+?()[]{}|/")
_SIMPLE_ESCAPES = {"n": r"\n", "t": r"\t", "r": r"\r", "f": r"\f", "v": r"\v"}
_QUANTIFIER = re.compile(r"\{(\d*)(,?)(\d*)\}")
_SUPPORTED_FLAGS = re.IGNORECASE | re.MULTILINE | re.DOTALL | re.UNICODE


class UnsupportedPattern(ValueError):
    """A pattern uses something `to_js` cannot translate faithfully."""


@dataclass(frozen=True)
class JsRegex:
    """A JavaScript regular expression: ``new RegExp(source, flags)``."""

    source: str
    flags: str

    def to_json(self) -> dict[str, str]:
        return {"source": self.source, "flags": self.flags}


@lru_cache(maxsize=1)
def python_whitespace() -> str:
    """Python's ``\\s`` (the characters ``str.isspace`` accepts) as class contents."""
    spaces = [code for code in range(0x110000) if chr(code).isspace()]
    ranges: list[list[int]] = []
    for code in spaces:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return "".join(_code(lo) if lo == hi else f"{_code(lo)}-{_code(hi)}" for lo, hi in ranges)


def to_js(pattern: str | re.Pattern[str], flags: int = 0) -> JsRegex:
    """The JavaScript equivalent of a Python pattern (compiled, or a string and flags).

    Raises:
        UnsupportedPattern: the pattern uses a construct with no faithful translation.
    """
    if isinstance(pattern, re.Pattern):
        source, flags = pattern.pattern, pattern.flags | flags
    else:
        source, flags = pattern, re.compile(pattern, flags).flags
    if not isinstance(source, str):
        raise UnsupportedPattern("only text patterns can be translated, not bytes")
    if flags & ~_SUPPORTED_FLAGS:
        raise UnsupportedPattern(f"flags {re.RegexFlag(flags & ~_SUPPORTED_FLAGS)!r} "
                                 "have no translation")
    source = re.sub(r"^\(\?[imsu]+\)", "", source)  # already in ``flags``
    translated = _Translator(source, flags).run()
    return JsRegex(translated, "u" + ("i" if flags & re.IGNORECASE else ""))


class _Translator:
    """One pass over a Python pattern, writing its JavaScript form."""

    def __init__(self, source: str, flags: int) -> None:
        self.source, self.flags, self.pos = source, flags, 0
        self.out: list[str] = []

    @property
    def ignorecase(self) -> bool:
        return bool(self.flags & re.IGNORECASE)

    def run(self) -> str:
        while self.pos < len(self.source):
            char = self.source[self.pos]
            self.pos += 1
            if char == "\\":
                self.out.append(self._escape())
            elif char == "[":
                self.out.append(self._char_class())
            elif char == "(":
                self.out.append(self._group_opening())
            else:
                self.out.append(self._plain(char))
        return "".join(self.out)

    def _next(self) -> str:
        if self.pos >= len(self.source):
            raise UnsupportedPattern(f"pattern ends inside an escape or class: {self.source!r}")
        char = self.source[self.pos]
        self.pos += 1
        return char

    def _plain(self, char: str) -> str:
        if char == ".":
            return r"[\s\S]" if self.flags & re.DOTALL else r"[^\n]"
        if char == "$":
            return r"(?=\n|(?![\s\S]))" if self.flags & re.MULTILINE else r"(?=\n?(?![\s\S]))"
        if char == "^":
            return r"(?<![^\n])" if self.flags & re.MULTILINE else "^"
        if char == "{":
            return self._brace()
        if char in "}]":
            return "\\" + char
        if char in "*+?" and self.source[self.pos:self.pos + 1] == "+":
            raise UnsupportedPattern("possessive quantifiers have no translation")
        if char in "iI" and self.ignorecase:
            return "[iıİ]"
        return char

    def _brace(self) -> str:
        """A quantifier as Python reads it (``{,3}`` is one), else a literal brace."""
        match = _QUANTIFIER.match(self.source, self.pos - 1)
        if not match or match.group(0) == "{}":
            return r"\{"
        self.pos = match.end()
        low, comma, high = match.groups()
        if self.source[self.pos:self.pos + 1] == "+":
            raise UnsupportedPattern("possessive quantifiers have no translation")
        return "{" + (low or "0") + comma + high + "}"

    def _escape(self) -> str:
        char = self._next()
        boundary = f"(?:(?<=[{WORD}])(?![{WORD}])|(?<![{WORD}])(?=[{WORD}]))"
        known = {"w": f"[{WORD}]", "W": f"[^{WORD}]", "d": r"\p{Nd}", "D": r"\P{Nd}",
                 "s": f"[{python_whitespace()}]", "S": f"[^{python_whitespace()}]",
                 "b": boundary, "A": "^", "Z": r"(?![\s\S])", **_SIMPLE_ESCAPES}
        if char in known:
            return known[char]
        if char.isdigit() and char != "0":
            return "\\" + char
        if char in "xuU":
            return self._code_escape(char)
        if char.isalnum() or char == "_":
            raise UnsupportedPattern(f"the escape \\{char} has no translation")
        return "\\" + char if char in _SYNTAX else char

    def _code_escape(self, kind: str) -> str:
        size = {"x": 2, "u": 4, "U": 8}[kind]
        digits = self.source[self.pos:self.pos + size]
        if len(digits) != size or not all(c in "0123456789abcdefABCDEF" for c in digits):
            raise UnsupportedPattern(f"malformed \\{kind} escape")
        self.pos += size
        return f"\\u{{{int(digits, 16):x}}}"

    def _group_opening(self) -> str:
        rest = self.source[self.pos:]
        if not rest.startswith("?"):
            return "("
        for python, js in (("?P<", "(?<"), ("?:", "(?:"), ("?=", "(?="), ("?!", "(?!"),
                           ("?<=", "(?<="), ("?<!", "(?<!")):
            if rest.startswith(python):
                self.pos += len(python)
                return js
        named = re.match(r"\?P=(\w+)\)", rest)
        if named:
            self.pos += named.end()
            return rf"\k<{named.group(1)}>"
        raise UnsupportedPattern(f"the group '({rest[:4]}' has no translation")

    def _char_class(self) -> str:
        """A ``[...]`` set; ``]`` right after the opening is a literal, as in Python."""
        negated = self.source[self.pos:self.pos + 1] == "^"
        self.pos += negated
        parts: list[str] = []
        members: list[str | tuple[str, str]] = []
        previous: str | None = None  # the literal just read, which can start a range
        first = True
        while True:
            char = self._next()
            if char == "]" and not first:
                break
            first = False
            if char == "\\":
                parts.append(self._class_escape())
                previous = None
            elif char == "-" and previous and self.source[self.pos:self.pos + 1] not in ("]", ""):
                high = self._next()
                if high == "\\":
                    raise UnsupportedPattern("a range ending in an escape has no translation")
                members.append((previous, high))
                parts.append("-" + _class_literal(high))
                previous = None
            else:
                members.append(char)
                parts.append(_class_literal(char))
                previous = char
        if self.ignorecase and any(_covers_i(member) for member in members):
            parts.append("ıİ")
        return "[" + ("^" if negated else "") + "".join(parts) + "]"

    def _class_escape(self) -> str:
        char = self._next()
        inside = {"w": WORD, "d": r"\p{Nd}", "D": r"\P{Nd}", "s": python_whitespace(),
                  "b": r"\x08", **_SIMPLE_ESCAPES}
        if char in inside:
            return inside[char]
        if char in "xuU":
            return self._code_escape(char)
        if char.isalnum() or char == "_":
            raise UnsupportedPattern(f"the escape \\{char} inside a set has no translation")
        return _class_literal(char)


def _class_literal(char: str) -> str:
    return "\\" + char if char in _SYNTAX or char == "-" else char


def _covers_i(member: str | tuple[str, str]) -> bool:
    low, high = member if isinstance(member, tuple) else (member, member)
    return low <= "i" <= high or low <= "I" <= high


def _code(code: int) -> str:
    return f"\\u{{{code:x}}}"
