"""Check API request bodies and turn them into library requests.

Each problem becomes a `BadInput` with the HTTP status to answer: 400 for a
body that is not JSON, 422 for JSON with missing or wrongly typed fields.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..agendas.agenda import AgendaRequest
from ..agendas.goals import Action, PairNotes
from ..answers.assistant import MAX_QUESTION_CHARS, Turn

AUDIENCES = ("mentor", "mentee", "program_owner")
MAX_HISTORY = 10
MAX_NESTING = 32
_SURROGATE = re.compile("[\ud800-\udfff]")
_STRUCTURE = re.compile(rb'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.S)


class BadInput(Exception):
    """A request the API refuses, with its status code and a plain message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def parse_json_object(body: bytes) -> dict[str, Any]:
    """The body as a JSON object, or `BadInput` with a plain message."""
    if _nesting_depth(body) > MAX_NESTING:
        raise BadInput(400, f"the request body is nested more than {MAX_NESTING} levels deep")
    try:
        data = json.loads(body or b"null")
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError):
        raise BadInput(400, "the request body is not valid JSON") from None
    except ValueError:  # Python refuses integers of more than 4,300 digits
        raise BadInput(400, "the request body holds a number too long to read") from None
    if not isinstance(data, dict):
        raise BadInput(422, "the request body must be a JSON object")
    if _has_lone_surrogate(data):
        raise BadInput(400, "the request body holds text that is not valid Unicode "
                            "(a lone surrogate such as \\ud800)")
    return data


def _nesting_depth(body: bytes) -> int:
    """How deep the body's arrays and objects nest (brackets inside strings not counted)."""
    depth = deepest = 0
    for token in _STRUCTURE.findall(body):
        if token in (b"[", b"{"):
            depth += 1
            deepest = max(deepest, depth)
        elif token in (b"]", b"}"):
            depth -= 1
    return deepest


def _has_lone_surrogate(data: Any) -> bool:
    pending = [data]
    while pending:
        value = pending.pop()
        if isinstance(value, str):
            if _SURROGATE.search(value):
                return True
        elif isinstance(value, dict):
            pending += [*value.keys(), *value.values()]
        elif isinstance(value, list):
            pending += value
    return False


def ask_inputs(data: dict[str, Any]) -> tuple[str, str | None, list[Turn]]:
    """``(question, audience, history)`` from an ``/api/ask`` body."""
    question = _text(data, "question", required=True, limit=MAX_QUESTION_CHARS)
    audience = _choice(data, "audience", AUDIENCES)
    history = data.get("history") or []
    if not isinstance(history, list) or len(history) > MAX_HISTORY:
        raise BadInput(422, f"'history' must be a list of at most {MAX_HISTORY} turns")
    turns = []
    for turn in history:
        if not (isinstance(turn, dict) and isinstance(turn.get("question"), str)
                and isinstance(turn.get("answer"), str)):
            raise BadInput(422, "each 'history' turn needs 'question' and 'answer' strings")
        turns.append(Turn(turn["question"][:MAX_QUESTION_CHARS], turn["answer"][:4000]))
    return question, audience, turns


def agenda_inputs(data: dict[str, Any]) -> AgendaRequest:
    """An `AgendaRequest` from an ``/api/agenda`` body (the CLI's options as fields)."""
    goals = data.get("goals") or []
    actions = data.get("actions") or []
    if not (isinstance(goals, list) and all(isinstance(g, str) for g in goals)):
        raise BadInput(422, "'goals' must be a list of strings")
    if not isinstance(actions, list):
        raise BadInput(422, "'actions' must be a list")
    parsed_actions = []
    for action in actions:
        if isinstance(action, str):
            parsed_actions.append(Action(action))
        elif isinstance(action, dict) and isinstance(action.get("text"), str):
            parsed_actions.append(Action(action["text"], bool(action.get("done", False))))
        else:
            raise BadInput(422, "each action must be a string or {\"text\", \"done\"}")
    notes = PairNotes(tuple(g.strip() for g in goals[:10] if g.strip()),
                      tuple(parsed_actions[:10])) if goals or actions else None
    return AgendaRequest(
        session_type=_choice(data, "type", ("first", "goals", "checkin", "midpoint", "closing")),
        session_number=_integer(data, "session"), total_sessions=_integer(data, "of"),
        minutes=_integer(data, "minutes"), role=_choice(data, "role", ("mentor", "mentee"))
        or "mentor", focus=_text(data, "focus", limit=500) or "", notes=notes,
        context=_choice(data, "context", ("workplace", "entrepreneurship", "education")))


def _text(data: dict[str, Any], name: str, required: bool = False, limit: int = 2000
          ) -> str | None:
    value = data.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, str):
        raise BadInput(422, f"'{name}' must be a string")
    if required and not value.strip():
        raise BadInput(422, f"'{name}' is empty")
    if len(value) > limit:
        raise BadInput(422, f"'{name}' is {len(value)} characters long; the limit is {limit}")
    return value


def _choice(data: dict[str, Any], name: str, choices: tuple[str, ...]) -> str | None:
    value = data.get(name)
    if value is None or value == "":
        return None
    if value not in choices:
        raise BadInput(422, f"'{name}' must be one of {', '.join(choices)}")
    return value


def _integer(data: dict[str, Any], name: str) -> int | None:
    value = data.get(name)
    if value is None or value == "":
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        raise BadInput(422, f"'{name}' must be a whole number")
    return value
