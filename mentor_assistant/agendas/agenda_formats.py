"""Agendas as printable Markdown and as an iCalendar (RFC 5545) event.

The event's times are written in UTC (``...Z``), converted from the local start in
the time zone given (or the machine's), so calendar apps place it right; its
links are absolute when the site's address is known.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta, timezone, tzinfo
from urllib.parse import urljoin

from ..errors import RequestError
from .agenda import Agenda, SourceRef
from .agenda_words import SAFETY_TITLE

MODE_NOTES = {
    "template": "Built from the guide's session template and the sections on your focus, "
                "without a language model.",
    "llm": "Personalised by a language model from the guide's template and sections.",
}


def agenda_markdown(agenda: Agenda, site_url: str = "") -> str:
    """A printable agenda: the timetable, each item's prompts, preparation and reading.

    Every guide section is a link (absolute against ``site_url`` when it is given).
    """
    lines = [f"# {agenda.title}", "", f"_{MODE_NOTES[agenda.mode]}_", "",
             "| Time | Item | Minutes |", "| --- | --- | ---: |"]
    start = 0
    for item in agenda.items:
        lines.append(f"| {_clock(start)}–{_clock(start + item.minutes)} | {item.title} "
                     f"| {item.minutes} |")
        start += item.minutes
    start = 0
    for number, item in enumerate(agenda.items, start=1):
        lines += ["", f"## {number}. {item.title} ({item.minutes} min, "
                      f"{_clock(start)}–{_clock(start + item.minutes)})", "", item.purpose, ""]
        lines += [f"- {prompt}" for prompt in item.prompts]
        if item.sources:
            links = "; ".join(_link(s, site_url) for s in item.sources)
            lines += ["", f"From the guide: {links}"]
        start += item.minutes
    lines += ["", f"## Before the session ({agenda.role})", ""]
    lines += [f"- [ ] {step}" for step in agenda.preparation]
    lines += ["", "## Read before", ""]
    lines += [f"- {_link(s, site_url)}" for s in agenda.sources]
    return "\n".join(lines) + "\n"


def parse_start(text: str) -> datetime:
    """Read ``YYYY-MM-DD HH:MM`` as a local (floating) time.

    Raises:
        RequestError: the text is not in that form.
    """
    try:
        return datetime.strptime(text.strip(), "%Y-%m-%d %H:%M")
    except ValueError:
        raise RequestError(f"the start time {text!r} is not in the form YYYY-MM-DD HH:MM",
                           "e.g. --start \"2026-12-03 17:30\"") from None


def resolve_zone(name: str | None) -> tzinfo | None:
    """The time zone called ``name`` (e.g. ``Europe/London``), or None for the machine's.

    Raises:
        RequestError: no time zone has that name.
    """
    if not name:
        return None
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError):
        raise RequestError(f"unknown time zone {name!r}",
                           "use a name such as Europe/London, America/New_York or UTC") from None


def agenda_ics(agenda: Agenda, start: datetime, now: datetime | None = None,
               zone: tzinfo | None = None, site_url: str = "") -> str:
    """One VEVENT carrying the agenda in its description, CRLF-terminated and folded.

    ``start`` is a local time in ``zone`` (None: the machine's time zone); the
    event's times are written in UTC. Links are made absolute against ``site_url``.
    """
    local = start.replace(tzinfo=zone) if zone else start.astimezone()
    begin = local.astimezone(timezone.utc)
    end = begin + timedelta(minutes=agenda.minutes)
    stamp = (now or datetime.now(timezone.utc)).strftime("%Y%m%dT%H%M%SZ")
    description = _plain_agenda(agenda, site_url)
    uid = hashlib.sha256(f"{begin.isoformat()}|{description}".encode()).hexdigest()[:32]
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Mentoring kit//mentor-assistant//EN",
        "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "BEGIN:VEVENT",
        f"UID:{uid}@mentor-assistant", f"DTSTAMP:{stamp}",
        f"DTSTART:{begin.strftime('%Y%m%dT%H%M%SZ')}", f"DTEND:{end.strftime('%Y%m%dT%H%M%SZ')}",
        f"SUMMARY:{_escape(agenda.title)}", f"DESCRIPTION:{_escape(description)}",
        "END:VEVENT", "END:VCALENDAR",
    ]
    return "".join(_fold(line) + "\r\n" for line in lines)


def absolute_url(url: str, site_url: str) -> str:
    """``url`` resolved against the site's address (unchanged without one)."""
    if not site_url or "://" in url:
        return url
    return urljoin(site_url.rstrip("/") + "/", url)


def _plain_agenda(agenda: Agenda, site_url: str = "") -> str:
    lines = []
    start = 0
    for item in agenda.items:
        lines.append(f"{_clock(start)} {item.title} ({item.minutes} min): {item.purpose}")
        lines += [f"  - {prompt}" for prompt in item.prompts]
        if item.title == SAFETY_TITLE:
            lines += [f"  - {_name(s, ' > ')}: {absolute_url(s.url, site_url)}"
                      for s in item.sources]
        start += item.minutes
    lines += ["", "Before the session:"] + [f"  - {step}" for step in agenda.preparation]
    lines += ["", "Read before:"] + [f"  - {_name(s, ' > ')}: {absolute_url(s.url, site_url)}"
                                     for s in agenda.sources]
    return "\n".join(lines)


def _name(source: SourceRef, separator: str = " › ") -> str:
    if source.heading == source.title:
        return source.title
    return f"{source.title}{separator}{source.heading}"


def _link(source: SourceRef, site_url: str) -> str:
    return f"[{_name(source)}]({absolute_url(source.url, site_url)})"


def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\n").replace("\n", "\\n"))


def _fold(line: str) -> str:
    """Fold at 75 octets without splitting a UTF-8 character (RFC 5545, 3.1)."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts, current, limit = [], b"", 75
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > limit:
            parts.append(current.decode("utf-8"))
            current, limit = b"", 74  # continuation lines start with a space
        current += encoded
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def _clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"
