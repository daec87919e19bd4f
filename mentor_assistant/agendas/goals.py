"""Read a pair's goals and last session's action items from a small file.

Two forms are accepted, whichever is easier to keep:

YAML::

    goals:
      - Lead the Q3 planning meeting with confidence
    actions:
      - text: Draft the agenda for the team meeting
        done: false

Markdown (the session notes template's style)::

    ## Goals
    - Lead the Q3 planning meeting with confidence
    ## Actions
    - [ ] Draft the agenda for the team meeting
    - [x] Ask Sam for feedback
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import RequestError

CHECKBOX = re.compile(r"^\s*[-*+]\s+\[(?P<mark>[ xX])\]\s+(?P<text>.+)$")
BULLET = re.compile(r"^\s*[-*+]\s+(?P<text>.+)$")
FIX = ("write the file as YAML ('goals:' and 'actions:' lists) or as Markdown with '## Goals' "
       "and '## Actions' headings and '- [ ]' items")


@dataclass(frozen=True)
class Action:
    text: str
    done: bool = False


@dataclass(frozen=True)
class PairNotes:
    """What the pair is working on and what they agreed last time."""

    goals: tuple[str, ...] = ()
    actions: tuple[Action, ...] = ()

    @property
    def open_actions(self) -> tuple[Action, ...]:
        return tuple(action for action in self.actions if not action.done)


def read_pair_notes(path: Path) -> PairNotes:
    """Read goals and actions from ``path`` (YAML or Markdown).

    Raises:
        RequestError: the file is missing, unreadable, or holds neither goals nor actions.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or "it is not UTF-8 text"
        raise RequestError(f"cannot read the goals file {path} ({reason})",
                           "check the path given to --goals") from None
    notes = _from_markdown(text) if re.search(r"(?m)^#+\s", text) else _from_yaml(text, path)
    if not notes.goals and not notes.actions:
        raise RequestError(f"the goals file {path} has no goals or actions in it", FIX)
    return notes


def _from_markdown(text: str) -> PairNotes:
    goals: list[str] = []
    actions: list[Action] = []
    section = ""
    for line in text.splitlines():
        heading = re.match(r"^#+\s+(.*)$", line)
        if heading:
            section = heading.group(1).strip().lower()
            continue
        box = CHECKBOX.match(line)
        bullet = BULLET.match(line)
        if box and "goal" not in section:
            actions.append(Action(box.group("text").strip(), box.group("mark") != " "))
        elif bullet and "goal" in section:
            goals.append(re.sub(r"^\[[ xX]\]\s+", "", bullet.group("text")).strip())
        elif bullet and "action" in section:
            actions.append(Action(bullet.group("text").strip()))
    return PairNotes(tuple(goals), tuple(actions))


def _from_yaml(text: str, path: Path) -> PairNotes:
    import yaml

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise RequestError(f"the goals file {path}{line} is not valid YAML", FIX) from None
    if not isinstance(data, dict):
        raise RequestError(f"the goals file {path} is not in a form I can read", FIX)
    goals = tuple(str(goal).strip() for goal in data.get("goals") or () if str(goal).strip())
    actions = []
    for item in data.get("actions") or ():
        if isinstance(item, dict) and item.get("text"):
            actions.append(Action(str(item["text"]).strip(), bool(item.get("done", False))))
        elif isinstance(item, str) and item.strip():
            actions.append(Action(item.strip()))
    return PairNotes(goals, tuple(actions))
