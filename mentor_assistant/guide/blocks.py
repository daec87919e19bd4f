"""What each block of a section is, read from its Markdown alone.

A section's Markdown splits into blocks at blank lines, with lists, tables, quotes,
admonitions and definition lists kept whole, and a lead-in line ending in ":"
kept with the list, table or quotes it introduces. Each block gets a kind, so
answers can quote the advice and skip the filler:

- actionable: ``advice`` (a bullet list), ``phrases`` (things to say), ``checklist``,
  ``steps`` (a numbered list), ``table``, ``definitions``, ``faq`` (an FAQ answer with
  its verdict), ``tip`` (a tip admonition), ``prose`` (a plain paragraph);
- filler unless asked for: ``intro`` (a page's opening), ``pointer`` ("See ..."),
  ``scenario`` (a worked example), ``pitfalls`` (what goes wrong), ``agenda`` (a
  rendered session agenda).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

ACTIONABLE = frozenset({"advice", "phrases", "checklist", "steps", "table", "definitions",
                        "faq", "tip"})
FILLER = frozenset({"intro", "pointer", "scenario", "pitfalls"})
PITFALL_HEADING = re.compile(r"\b(pitfalls?|what to avoid|common mistakes|mistakes to avoid|"
                             r"traps?)\b", re.IGNORECASE)
AGENDA_HEADING = re.compile(r"^Timed agenda\b")
POINTER = re.compile(r"^(see|for more|read|more on this|related:)\b", re.IGNORECASE)
INTRO = re.compile(r"\bthis (page|section|guide) (covers|explains|describes|is for|gives|sets)",
                   re.IGNORECASE)
PHRASE_LEAD = re.compile(r"(things (you|to) (can )?say|phrases|you (can|could|might) say|"
                         r"try saying|questions to ask|for example:?$)", re.IGNORECASE)
QUOTED = re.compile(r"^([-*+]|\d+\.)?\s*(\*\*[^*]+\*\*:?\s*)?[\"“'‘]")
LIST_ITEM = re.compile(r"^([-*+]|\d+\.)\s+")


@dataclass(frozen=True)
class Block:
    """One block of a section's Markdown and what it is."""

    kind: str
    markdown: str

    @property
    def words(self) -> int:
        return len(self.markdown.split())

    @property
    def actionable(self) -> bool:
        return self.kind in ACTIONABLE or self.kind == "prose"


def split_blocks(markdown: str, heading_path: Sequence[str] = (), path: str = ""
                 ) -> list[Block]:
    """The blocks of one section, in reading order, each with its kind."""
    raw = _merge_lead_ins(_raw_blocks(markdown))
    heading = heading_path[-1] if heading_path else ""
    context = _Context(heading, bool(heading_path), path,
                       bool(heading_path) and bool(AGENDA_HEADING.match(heading_path[0])))
    return [Block(_kind(text, context, position), text) for position, text in enumerate(raw)]


def block_kinds(markdown: str, heading_path: Sequence[str] = (), path: str = ""
                ) -> tuple[str, ...]:
    """The kinds of a section's blocks, in order."""
    return tuple(block.kind for block in split_blocks(markdown, heading_path, path))


@dataclass(frozen=True)
class _Context:
    heading: str
    has_heading: bool
    path: str
    agenda: bool


def _raw_blocks(markdown: str) -> list[str]:
    """Split at blank lines, keeping indented continuations and list runs together."""
    blocks: list[list[str]] = []
    current: list[str] = []
    blank = False
    for line in markdown.strip("\n").splitlines():
        if not line.strip():
            blank = True
            continue
        if current and (not blank or _continues(current, line)):
            current.append(line)
        else:
            if current:
                blocks.append(current)
            current = [line]
        blank = False
    if current:
        blocks.append(current)
    return ["\n".join(lines).strip() for lines in _join_runs(blocks)]


def _continues(current: list[str], line: str) -> bool:
    """After a blank line: an indented body, a definition, or the next item of a list."""
    if line.startswith(("    ", "\t")) or line.lstrip().startswith(":   "):
        return True
    return _list_type(current[0]) is not None and _list_type(current[0]) == _list_type(line)


def _list_type(line: str) -> str | None:
    """"number", "task" or "bullet" for a list item's line, else None."""
    line = line.lstrip()
    if not LIST_ITEM.match(line):
        return None
    if line[0].isdigit():
        return "number"
    return "task" if re.match(r"^[-*+]\s+\[[ xX]\]", line) else "bullet"


def _join_runs(blocks: list[list[str]]) -> list[list[str]]:
    """Consecutive quotes become one block, as do a definition list's terms."""
    joined: list[list[str]] = []
    for lines in blocks:
        previous = joined[-1] if joined else None
        if previous and lines[0].startswith(">") and previous[0].startswith(">"):
            previous.extend(["", *lines])
        elif previous and _is_definition(lines) and _is_definition(previous):
            previous.extend(["", *lines])
        else:
            joined.append(list(lines))
    return joined


def _is_definition(lines: list[str]) -> bool:
    return len(lines) >= 2 and lines[1].lstrip().startswith(":")


def _merge_lead_ins(blocks: list[str]) -> list[str]:
    """A short line ending in ':' belongs with the list, table or quotes after it."""
    merged: list[str] = []
    for text in blocks:
        previous = merged[-1] if merged else ""
        if previous and _is_lead_in(previous) and _is_structured(text):
            merged[-1] = f"{previous}\n\n{text}"
        else:
            merged.append(text)
    return merged


def _is_lead_in(text: str) -> bool:
    return "\n" not in text and text.rstrip().endswith(":") and not _is_structured(text)


def _is_structured(text: str) -> bool:
    first = text.lstrip()
    return bool(LIST_ITEM.match(first)) or first.startswith(("|", ">"))


def _kind(text: str, context: _Context, position: int) -> str:
    """What one block is, from its own Markdown and where it sits."""
    if context.agenda:
        return "agenda"
    body = text.split("\n\n", 1)[1] if _has_lead_in(text) else text
    lead = text.split("\n", 1)[0] if _has_lead_in(text) else ""
    first = body.lstrip()
    if re.match(r"^(!!!|\?\?\?\+?)\s*example\b", first):
        return "scenario"
    if re.match(r"^(!!!|\?\?\?\+?)\s*(danger|warning|failure|bug)\b", first):
        return "pitfalls"
    if re.match(r"^(!!!|\?\?\?\+?)", first):
        return "tip"
    if PITFALL_HEADING.search(context.heading) and not first.startswith(("|", ">")):
        return "pitfalls"
    return _structured_kind(body, lead) or _paragraph_kind(body, context, position)


def _has_lead_in(text: str) -> bool:
    head, _, rest = text.partition("\n\n")
    return bool(rest) and _is_lead_in(head) and _is_structured(rest)


def _structured_kind(body: str, lead: str) -> str | None:
    lines = [line.strip() for line in body.splitlines() if line.strip()]
    first = lines[0]
    if first.startswith("|"):
        return "table"
    if first.startswith(">"):
        return "phrases"
    if len(lines) >= 2 and lines[1].startswith(":"):
        return "definitions"
    if not LIST_ITEM.match(first):
        return None
    items = [line for line in lines if LIST_ITEM.match(line)]
    if any(re.match(r"^[-*+]\s+\[[ xX]\]", item) for item in items):
        return "checklist"
    if PHRASE_LEAD.search(lead) or sum(bool(QUOTED.match(i)) for i in items) * 2 > len(items):
        return "phrases"
    return "steps" if first[0].isdigit() else "advice"


def _paragraph_kind(body: str, context: _Context, position: int) -> str:
    plain = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", body).strip()
    if POINTER.match(plain) or (len(plain.split()) <= 25 and re.search(
            r"\b(see|read)\b .*\b(page|section|template|guide)\b", plain, re.IGNORECASE)
            and body.count("](") >= 1 and position > 0):
        return "pointer"
    if not context.has_heading or INTRO.search(plain):
        return "intro"
    if position == 0 and context.path.endswith("faq.md") and context.heading.endswith("?"):
        return "faq"
    return "prose"
