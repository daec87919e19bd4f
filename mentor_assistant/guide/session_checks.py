"""Check the ``session:`` block of a template page, with a line and a fix for each problem.

Besides its type, length and items, a template may give each item a priority
(1: always keep, 2: the default, 3: drop first when time is short), the item a
focus goes to (``focus: work``, ``include`` or ``note``), the mentee's own words
(``mentee:`` with a purpose and prompts) and shorter or longer ``versions:``.
"""

from __future__ import annotations

import re
from typing import Any

from ..problems import Problem
from .frontmatter import FrontMatter

SESSION_TYPES: dict[str, str] = {
    "first": "First meeting",
    "goals": "Goal setting",
    "checkin": "Regular check-in",
    "midpoint": "Mid-point review",
    "closing": "Closing session",
}
ROLES = ("mentor", "mentee")
PRIORITIES = (1, 2, 3)
FOCUS_MODES = {
    "work": "the focus becomes this item",
    "include": "a focus that fits this item is discussed here",
    "note": "the focus is noted here for later, not worked on",
}
PLACEHOLDER = re.compile(r"\{(\w*)\}")
KNOWN_PLACEHOLDERS = {"length"}
Where = tuple[Any, ...]


def session_problems(front: FrontMatter, path: str) -> list[Problem]:
    """Everything wrong with the ``session:`` block of one page, with lines."""
    session = front.data.get("session")
    if session is None:
        return []
    if not isinstance(session, dict):
        return [Problem(path, front.line_of("session"), "'session' must hold fields, not a value",
                        "indent type, minutes and items under 'session:' by two spaces")]
    problems = _type_and_length_problems(session, front, path)
    items = session.get("items")
    if not isinstance(items, list) or not items:
        problems.append(Problem(
            path, front.line_of("session", "items"), "the session has no agenda items",
            "add 'items:' under 'session:' with one '- title:' entry per agenda item"))
        return problems
    for index, item in enumerate(items):
        problems.extend(item_problems(item, ("session", "items", index),
                                      f"agenda item {index + 1}", front, path))
    problems.extend(_total_problems(session.get("minutes"), items, ("session", "minutes"),
                                    "the agenda items", "the session", front, path))
    problems.extend(_version_problems(session, items, front, path))
    return problems


def _type_and_length_problems(session: dict, front: FrontMatter, path: str) -> list[Problem]:
    problems = []
    kind = session.get("type")
    if kind not in SESSION_TYPES:
        problems.append(Problem(
            path, front.line_of("session", "type"),
            f"unknown session type {kind!r}" if kind is not None else "the session has no type",
            "set 'type:' to one of " + ", ".join(SESSION_TYPES)))
    if not is_minutes(session.get("minutes")):
        problems.append(Problem(
            path, front.line_of("session", "minutes"),
            "the session length 'minutes' is missing or not a whole number",
            "write the session length in minutes, e.g. 'minutes: 60'"))
    return problems


def item_problems(item: Any, where: Where, label: str, front: FrontMatter,
                  path: str) -> list[Problem]:
    """What is wrong with one agenda item (``label`` names it in messages)."""
    if not isinstance(item, dict):
        return [Problem(path, front.line_of(*where), f"{label} is not a set of fields",
                        "write it as '- title: ...' followed by minutes, purpose and prompts")]
    if isinstance(item.get("title"), str) and item["title"].strip():
        label = f"{label} ({item['title'].strip()!r})"
    problems = []
    if not (isinstance(item.get("title"), str) and item["title"].strip()):
        problems.append(Problem(path, front.line_of(*where), f"{label} has no title",
                                "add 'title: ...' to the item"))
    if "minutes" not in item:
        problems.append(Problem(path, front.line_of(*where), f"{label} has no minutes",
                                "add 'minutes: N' to the item (a whole number above zero)"))
    elif not is_minutes(item["minutes"]):
        problems.append(Problem(path, front.line_of(*where, "minutes"),
                                f"{label} has minutes {item['minutes']!r}, not a whole number "
                                "above zero",
                                "write its length as a whole number, e.g. 'minutes: 10'"))
    if not (isinstance(item.get("purpose"), str) and item["purpose"].strip()):
        problems.append(Problem(path, front.line_of(*where), f"{label} has no purpose",
                                "add 'purpose: ...' saying in one sentence why the item is there"))
    prompts = item.get("prompts")
    if not (isinstance(prompts, list) and prompts and all(isinstance(p, str) for p in prompts)):
        problems.append(Problem(path, front.line_of(*where, "prompts"),
                                f"{label} has no prompts",
                                "add 'prompts:' with one or more '- \"question\"' lines"))
    return problems + _extra_field_problems(item, where, label, front, path)


def _extra_field_problems(item: dict, where: Where, label: str, front: FrontMatter,
                          path: str) -> list[Problem]:
    problems = []
    priority = item.get("priority", 2)
    if priority not in PRIORITIES or isinstance(priority, bool):
        problems.append(Problem(path, front.line_of(*where, "priority"),
                                f"{label} has priority {priority!r}",
                                "use 1 (always keep), 2 (the usual) or 3 (the first to drop "
                                "when time is short)"))
    focus = item.get("focus")
    if focus is not None and focus not in FOCUS_MODES:
        problems.append(Problem(path, front.line_of(*where, "focus"),
                                f"{label} has focus {focus!r}",
                                "use " + "; ".join(f"'{mode}' ({meaning})"
                                                   for mode, meaning in FOCUS_MODES.items())))
    if "mentee" in item:
        problems.extend(_voice_problems(item["mentee"], (*where, "mentee"),
                                        f"the mentee's version of {label}", front, path))
    problems.extend(_wording_problems(item, where, label, front, path))
    return problems


def _voice_problems(voice: Any, where: Where, label: str, front: FrontMatter,
                    path: str) -> list[Problem]:
    if not isinstance(voice, dict):
        return [Problem(path, front.line_of(*where), f"{label} is not a set of fields",
                        "indent 'purpose:' and 'prompts:' under 'mentee:'")]
    problems = []
    if "purpose" in voice and not (isinstance(voice["purpose"], str) and voice["purpose"].strip()):
        problems.append(Problem(path, front.line_of(*where, "purpose"), f"{label} has an empty "
                                "purpose", "write in one sentence what the mentee does in this "
                                "item, or leave 'purpose:' out to use the item's own"))
    prompts = voice.get("prompts")
    if not (isinstance(prompts, list) and prompts and all(isinstance(p, str) for p in prompts)):
        problems.append(Problem(path, front.line_of(*where), f"{label} has no prompts",
                                "add 'prompts:' under 'mentee:' with what the mentee brings, "
                                "reports or asks, e.g. '- \"Tell your mentor how the last "
                                "actions went.\"'"))
        return problems
    return problems + _wording_problems(voice, where, label, front, path)


def _wording_problems(item: dict, where: Where, label: str, front: FrontMatter,
                      path: str) -> list[Problem]:
    """Prompts must be whole sentences, and only known placeholders may appear."""
    problems = []
    prompts = item.get("prompts") if isinstance(item.get("prompts"), list) else []
    for number, prompt in enumerate(prompts, start=1):
        if isinstance(prompt, str) and prompt.strip().endswith(":"):
            problems.append(Problem(path, front.line_of(*where, "prompts", number - 1),
                                    f"prompt {number} of {label} ends with ':' and reads as "
                                    "an unfinished sentence",
                                    "write it as a whole question or sentence"))
    texts = [item.get("purpose"), *prompts]
    for name in sorted({n for t in texts if isinstance(t, str) for n in PLACEHOLDER.findall(t)}
                       - KNOWN_PLACEHOLDERS):
        problems.append(Problem(path, front.line_of(*where), f"{label} uses '{{{name}}}', "
                                "which is not a placeholder the agenda fills in",
                                "use '{length}' for the session's length ('hour', '30 "
                                "minutes'), or remove the braces"))
    return problems


def _total_problems(stated: Any, items: list, where: Where, what: str, whole: str,
                    front: FrontMatter, path: str) -> list[Problem]:
    item_minutes = [item.get("minutes") for item in items if isinstance(item, dict)]
    if not is_minutes(stated) or not all(is_minutes(m) for m in item_minutes):
        return []
    total = sum(item_minutes)
    if total == stated:
        return []
    return [Problem(
        path, front.line_of(*where),
        f"{what} add up to {total} minutes but {whole} is {stated} minutes",
        f"change the items' minutes so they add up to {stated}, or set "
        f"'minutes:' to {total}")]


def _version_problems(session: dict, items: list, front: FrontMatter,
                      path: str) -> list[Problem]:
    versions = session.get("versions")
    if versions is None:
        return []
    if not isinstance(versions, list):
        return [Problem(path, front.line_of("session", "versions"),
                        "'versions' must be a list of shorter or longer versions",
                        "write each as '- minutes: 30' followed by its 'items:'")]
    known = {i["title"].strip(): i for i in items if isinstance(i, dict)
             and isinstance(i.get("title"), str)}
    problems: list[Problem] = []
    seen = {session.get("minutes")}
    for index, version in enumerate(versions):
        where = ("session", "versions", index)
        if not isinstance(version, dict) or not is_minutes(version.get("minutes")):
            problems.append(Problem(path, front.line_of(*where), f"version {index + 1} has no "
                                    "length", "start it with 'minutes: N', e.g. 'minutes: 30'"))
            continue
        minutes = version["minutes"]
        if minutes in seen:
            problems.append(Problem(path, front.line_of(*where, "minutes"), f"there are two "
                                    f"{minutes}-minute versions of the session",
                                    "keep one of them, or change its length"))
        seen.add(minutes)
        problems.extend(_version_item_problems(version, where, known, front, path))
    return problems


def _version_item_problems(version: dict, where: Where, known: dict[str, dict],
                           front: FrontMatter, path: str) -> list[Problem]:
    name = f"the {version['minutes']}-minute version"
    entries = version.get("items")
    if not isinstance(entries, list) or not entries:
        return [Problem(path, front.line_of(*where), f"{name} has no items",
                        "list its items under 'items:' as '- title: ...' with 'minutes: N'")]
    problems, merged = [], []
    for index, entry in enumerate(entries):
        item_where = (*where, "items", index)
        title = entry.get("title", "").strip() if isinstance(entry, dict) \
            and isinstance(entry.get("title"), str) else ""
        if title in known and isinstance(entry, dict):
            if "minutes" not in entry:
                problems.append(Problem(path, front.line_of(*item_where), f"item {index + 1} "
                                        f"of {name} ({title!r}) has no minutes",
                                        "add 'minutes: N' to say how long it takes in this "
                                        "version"))
                continue
            entry = {**known[title], **entry}
        elif isinstance(entry, dict) and title and "purpose" not in entry:
            problems.append(Problem(path, front.line_of(*item_where), f"item {index + 1} of "
                                    f"{name} ({title!r}) is not an item of the full agenda",
                                    "use the exact title of an item above, or give it a purpose "
                                    "and prompts to make it a new item"))
            continue
        problems.extend(item_problems(entry, item_where, f"item {index + 1} of {name}", front,
                                      path))
        merged.append(entry)
    if not problems:
        problems.extend(_total_problems(version["minutes"], merged, (*where, "minutes"),
                                        f"the items of {name}", "that version", front, path))
    return problems


def is_minutes(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0
