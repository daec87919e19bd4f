"""Let a model personalise an agenda, and accept its reply only if it checks out.

The reply must be JSON of the agenda's shape, its minutes must add up to the
session length, and it may cite only the sections retrieved for the offline
agenda. Anything else falls back to the offline agenda with one notice.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from ..answers.prompts import AGENDA_SYSTEM, AGENDA_USER, new_nonce
from ..errors import ModelError
from .agenda_types import Agenda, AgendaItem, AgendaRequest, SourceRef
from .agenda_words import UNSURE_STEP
from .scaling import MIN_ITEM


class InvalidAgenda(ValueError):
    """The model's agenda broke the schema or the rules."""


def personalise(agenda: Agenda, request: AgendaRequest, assistant: Any,
                on_notice: Callable[[str], None] | None = None) -> Agenda:
    """The model's version of ``agenda``, or ``agenda`` itself if the model fails."""
    allowed = _allowed_sources(agenda)
    try:
        reply = "".join(assistant.llm.complete(agenda_messages(agenda, request, allowed),
                                               stream=False, json_mode=True))
        return parse_agenda_reply(reply, agenda, allowed)
    except (ModelError, InvalidAgenda) as error:
        reason = error.message if isinstance(error, ModelError) else str(error)
        if on_notice:
            on_notice(f"The model's agenda was not usable ({reason}); showing the agenda "
                      "built from the guide's templates instead.")
        return agenda


def agenda_messages(agenda: Agenda, request: AgendaRequest,
                    allowed: dict[str, SourceRef]) -> list[dict[str, str]]:
    situation = [f"Session: {agenda.title}", f"Prepared by: {request.role}"]
    if request.focus:
        situation.append(f"Focus or concern: {request.focus}")
    if request.context:
        situation.append(f"Setting: {request.context}")
    if request.notes:
        situation += [f"Goal: {goal}" for goal in request.notes.goals]
        situation += [f"Open action: {a.text}" for a in request.notes.open_actions]
    sources = "\n".join(f"- {url} ({ref.title} > {ref.heading})" for url, ref in allowed.items())
    draft = json.dumps({"title": agenda.title, "items": [
        {"title": i.title, "minutes": i.minutes, "purpose": i.purpose, "prompts": list(i.prompts),
         "sources": [s.url for s in i.sources]} for i in agenda.items],
        "preparation": list(agenda.preparation)}, indent=1)
    nonce = new_nonce(situation)
    system = AGENDA_SYSTEM.replace("{minutes}", str(agenda.minutes)).replace("{nonce}", nonce)
    return [{"role": "system", "content": system},
            {"role": "user", "content": AGENDA_USER.format(
                situation="\n".join(situation), sources=sources, draft=draft, nonce=nonce)}]


def parse_agenda_reply(reply: str, agenda: Agenda, allowed: dict[str, SourceRef]) -> Agenda:
    """Check the model's JSON against the schema and the rules, and build the agenda.

    Raises:
        InvalidAgenda: with a short reason.
    """
    data = _json_object(reply)
    items = data.get("items")
    if not isinstance(items, list) or not 2 <= len(items) <= 12:
        raise InvalidAgenda("it did not give 2 to 12 items")
    parsed = tuple(_item(item, index, allowed) for index, item in enumerate(items))
    total = sum(item.minutes for item in parsed)
    if total != agenda.minutes:
        raise InvalidAgenda(f"its minutes add up to {total}, not {agenda.minutes}")
    preparation = data.get("preparation", list(agenda.preparation))
    if not _strings(preparation, 1, 10):
        raise InvalidAgenda("its preparation list is not a list of short texts")
    title = data.get("title") if isinstance(data.get("title"), str) and data["title"].strip() \
        else agenda.title
    return replace(agenda, title=title.strip(), mode="llm", items=parsed,
                   preparation=_keep_safety_step(agenda, tuple(p.strip() for p in preparation)))


def _keep_safety_step(agenda: Agenda, preparation: tuple[str, ...]) -> tuple[str, ...]:
    """The offline agenda's step on whom to contact (for a focus flagged unsurely) stays
    first, in the project's words, whatever the model wrote."""
    lead = tuple(step for step in agenda.preparation[:1] if step in UNSURE_STEP.values())
    return lead + tuple(step for step in preparation if step not in lead)


def _json_object(reply: str) -> dict[str, Any]:
    text = reply.strip()
    if text.startswith("```"):
        text = text.strip("`").removeprefix("json").strip()
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        raise InvalidAgenda("its reply was not JSON") from None
    if not isinstance(data, dict):
        raise InvalidAgenda("its reply was not a JSON object")
    return data


def _item(item: Any, index: int, allowed: dict[str, SourceRef]) -> AgendaItem:
    where = f"item {index + 1}"
    if not isinstance(item, dict):
        raise InvalidAgenda(f"{where} is not an object")
    title, purpose, minutes = item.get("title"), item.get("purpose"), item.get("minutes")
    if not (isinstance(title, str) and title.strip() and isinstance(purpose, str)
            and purpose.strip()):
        raise InvalidAgenda(f"{where} lacks a title or purpose")
    if not isinstance(minutes, int) or isinstance(minutes, bool) or minutes < MIN_ITEM:
        raise InvalidAgenda(f"{where} has minutes {minutes!r}")
    prompts = item.get("prompts")
    if not _strings(prompts, 1, 5):
        raise InvalidAgenda(f"{where} has no usable prompts")
    urls = item.get("sources") or []
    if not isinstance(urls, list) or any(url not in allowed for url in urls):
        raise InvalidAgenda(f"{where} cites a source that was not retrieved")
    return AgendaItem(title.strip(), minutes, purpose.strip(), tuple(p.strip() for p in prompts),
                      tuple(allowed[url] for url in dict.fromkeys(urls)))


def _strings(value: Any, least: int, most: int) -> bool:
    return (isinstance(value, list) and least <= len(value) <= most
            and all(isinstance(v, str) and v.strip() and len(v) < 400 for v in value))


def _allowed_sources(agenda: Agenda) -> dict[str, SourceRef]:
    refs = [*agenda.sources, *(s for item in agenda.items for s in item.sources)]
    return {ref.url: ref for ref in refs}
