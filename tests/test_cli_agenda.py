"""`mentor-assistant agenda`: formats, the model path and bad input."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, edit_page

from mentor_assistant.cli import main

ITEM_KEYS = {"title", "minutes", "purpose", "prompts", "sources"}
TOP_KEYS = {"session_type", "minutes", "role", "title", "mode", "items", "preparation", "sources",
            "flags"}


def agenda(index_dir: Path, *args: str, env: dict | None = None, config: Path | None = None):
    return CliRunner().invoke(main, ["agenda", *args, "--config",
                                     str(config or ROOT / "mkdocs.yml"), "--index-dir",
                                     str(index_dir)], env=env or {})


def agenda_json(index_dir: Path, *args: str, env: dict | None = None) -> dict:
    result = agenda(index_dir, *args, "--json", env=env)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_json_shape(guide_index: Path) -> None:
    data = agenda_json(guide_index, "--session", "3", "--of", "8", "--minutes", "40",
                       "--focus", "preparing a funding pitch", "--context", "entrepreneurship")
    assert set(data) == TOP_KEYS
    assert data["session_type"] == "checkin" and data["minutes"] == 40
    assert data["mode"] == "template"
    assert sum(item["minutes"] for item in data["items"]) == 40
    for item in data["items"]:
        assert set(item) == ITEM_KEYS
        assert all(set(s) == {"title", "url"} for s in item["sources"])
    assert all(set(s) == {"title", "heading", "url", "path"} for s in data["sources"])
    assert any(s["path"] == "contexts/entrepreneurship.md" for s in data["sources"])


def test_markdown_is_printable(guide_index: Path) -> None:
    result = agenda(guide_index, "--type", "first", "--role", "mentee")
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.startswith("# First meeting (60 minutes), prepared by the mentee")
    assert "| Time | Item | Minutes |" in text and "## Before the session (mentee)" in text
    assert "## Read before" in text and "- [ ] " in text
    assert "without a language model" in text


def test_ics_parses_with_a_real_icalendar_parser(guide_index: Path) -> None:
    from icalendar import Calendar

    result = agenda(guide_index, "--type", "checkin", "--minutes", "45", "--ics",
                    "--start", "2026-12-03 17:30", "--tz", "America/New_York",
                    "--focus", "time zones make it hard to meet")
    assert result.exit_code == 0, result.output
    raw = result.stdout_bytes
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    calendar = Calendar.from_ical(raw)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    event = events[0]
    assert str(event["SUMMARY"]).startswith("Regular check-in (45 minutes)")
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    # 17:30 in New York in December is 22:30 UTC, and the event says so
    assert start.isoformat() == "2026-12-03T22:30:00+00:00" and (end - start).seconds == 45 * 60
    description = str(event["DESCRIPTION"])
    assert "0:00 Check in" in description and "Read before:" in description
    assert "Focus: Time zones make it hard to meet" in description


def test_ics_times_follow_the_time_zone(guide_index: Path) -> None:
    from datetime import datetime, timezone

    from icalendar import Calendar

    def start_of(*args: str):
        result = agenda(guide_index, "--type", "first", "--ics", "--start", "2026-07-01 09:00",
                        *args)
        assert result.exit_code == 0, result.output
        return next(iter(Calendar.from_ical(result.stdout_bytes).walk("VEVENT"))
                    ).decoded("DTSTART")

    assert start_of("--tz", "Europe/Paris").isoformat() == "2026-07-01T07:00:00+00:00"
    assert start_of("--tz", "UTC").isoformat() == "2026-07-01T09:00:00+00:00"
    machine = datetime(2026, 7, 1, 9, 0).astimezone().astimezone(timezone.utc)
    assert start_of() == machine
    result = agenda(guide_index, "--type", "first", "--ics", "--start", "2026-07-01 09:00",
                    "--tz", "Mars/Olympus_Mons")
    assert result.exit_code == 2 and "unknown time zone" in result.output


def test_links_are_absolute_with_the_site_address(guide_index: Path) -> None:
    from icalendar import Calendar

    focus = ["--type", "checkin", "--focus", "my mentee keeps waiting for me to decide"]
    plain = agenda(guide_index, *focus, "--ics", "--start", "2026-12-03 17:30")
    assert plain.exit_code == 0, plain.output
    site = {"GUIDE_SITE_URL": "https://mentoring.example.org/guide/"}
    result = agenda(guide_index, *focus, "--ics", "--start", "2026-12-03 17:30", env=site)
    assert result.exit_code == 0, result.output
    description = str(next(iter(Calendar.from_ical(result.stdout_bytes).walk("VEVENT")))
                      ["DESCRIPTION"])
    assert ("https://mentoring.example.org/guide/mentors/guiding-without-imposing/#"
            in description)
    assert "https://" not in plain.stdout
    markdown = agenda(guide_index, *focus, env=site).stdout
    links = re.findall(r"\]\(([^)]+)\)", markdown)
    assert links and all(link.startswith("https://mentoring.example.org/guide/")
                         for link in links)


@pytest.mark.parametrize(("args", "message"), [
    (["--type", "checkin", "--minutes", "10"], "between 15 and 240"),
    (["--type", "checkin", "--minutes", "300"], "between 15 and 240"),
    (["--type", "catchup"], "Invalid value for '--type'"),
    (["--session", "9", "--of", "8"], "past the planned total"),
    (["--type", "first", "--goals", "/nonexistent/goals.yml"], "cannot read the goals file"),
    (["--type", "first", "--ics"], "--ics needs --start"),
    (["--type", "first", "--ics", "--start", "tomorrow 5pm"], "YYYY-MM-DD HH:MM"),
    ([], "say which session this is"),
])
def test_bad_input_is_a_usage_error(guide_index: Path, args: list[str], message: str) -> None:
    result = agenda(guide_index, *args)
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output


def test_editing_a_template_changes_the_agenda(fixture_guide: Path, fixture_index: Path) -> None:
    def titles() -> list[str]:
        result = agenda(fixture_index, "--type", "checkin", "--json", config=fixture_guide)
        assert result.exit_code == 0, result.output
        return [item["title"] for item in json.loads(result.stdout)["items"]]

    assert titles() == ["Reconnect", "Progress on actions", "Next steps"]
    edit_page(fixture_guide, "sessions/check-in.md", "title: Next steps", "title: Plan the week")
    CliRunner().invoke(main, ["index", "-q", "--config", str(fixture_guide), "--index-dir",
                              str(fixture_index)])
    assert titles() == ["Reconnect", "Progress on actions", "Plan the week"]


# --- with a model, through the real openai client and a local server ---


def model_env(fake) -> dict:
    return {"OPENAI_BASE_URL": fake.base_url, "OPENAI_API_KEY": "k"}


def offline_draft(guide_index: Path) -> dict:
    return agenda_json(guide_index, "--type", "checkin", "--minutes", "30", "--focus",
                       "my mentee keeps waiting for me to decide")


def model_reply(draft: dict, **changes) -> str:
    items = [{"title": f"{item['title']} (for you)", "minutes": item["minutes"],
              "purpose": item["purpose"], "prompts": item["prompts"][:2],
              "sources": [s["url"] for s in item["sources"]]} for item in draft["items"]]
    reply = {"title": "Your check-in", "items": items, "preparation": ["Bring one decision."]}
    reply.update(changes)
    return json.dumps(reply)


def test_model_personalises_a_valid_agenda(guide_index: Path, fake_openai) -> None:
    draft = offline_draft(guide_index)
    fake_openai.reply = model_reply(draft)
    data = agenda_json(guide_index, "--type", "checkin", "--minutes", "30", "--focus",
                       "my mentee keeps waiting for me to decide", env=model_env(fake_openai))
    assert data["mode"] == "llm" and data["title"] == "Your check-in"
    assert data["items"][0]["title"].endswith("(for you)")
    assert sum(item["minutes"] for item in data["items"]) == 30
    request = fake_openai.chat_requests()[-1]["body"]
    assert request["response_format"] == {"type": "json_object"}
    assert "exactly 30" in request["messages"][0]["content"]
    assert "my mentee keeps waiting for me to decide" in request["messages"][1]["content"]


@pytest.mark.parametrize(("breakage", "reason"), [
    ("not json", "was not JSON"),
    ("minutes", "add up to"),
    ("source", "cites a source that was not retrieved"),
    ("schema", "lacks a title or purpose"),
    ("500", "HTTP 500"),
])
def test_a_bad_model_agenda_falls_back(guide_index: Path, fake_openai, breakage: str,
                                       reason: str) -> None:
    draft = offline_draft(guide_index)
    if breakage == "not json":
        fake_openai.reply = "Here is your agenda: first, talk."
    elif breakage == "500":
        fake_openai.behaviour = "500"
    else:
        broken = json.loads(model_reply(draft))
        if breakage == "minutes":
            broken["items"][0]["minutes"] += 5
        elif breakage == "source":
            broken["items"][0]["sources"] = ["https://evil.example/page"]
        else:
            del broken["items"][1]["purpose"]
        fake_openai.reply = json.dumps(broken)
    result = agenda(guide_index, "--type", "checkin", "--minutes", "30", "--focus",
                    "my mentee keeps waiting for me to decide", "--json",
                    env=model_env(fake_openai))
    assert result.exit_code == 0, result.output
    assert reason in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert json.loads(result.stdout) == draft  # exactly the offline agenda


def test_a_templates_own_short_version_is_used(fixture_guide: Path, fixture_index: Path) -> None:
    def items(minutes: str) -> list[tuple[str, int]]:
        result = agenda(fixture_index, "--type", "checkin", "--minutes", minutes, "--json",
                        config=fixture_guide)
        assert result.exit_code == 0, result.output
        return [(i["title"], i["minutes"]) for i in json.loads(result.stdout)["items"]]

    assert [title for title, _ in items("15")] == ["Reconnect", "Progress on actions",
                                                   "Next steps"]  # the full agenda, scaled
    edit_page(fixture_guide, "sessions/check-in.md", "  preparation:\n",
              "  versions:\n    - minutes: 15\n      items:\n        - title: Reconnect\n"
              "          minutes: 3\n        - title: Next steps\n          minutes: 12\n"
              "  preparation:\n")
    edit_page(fixture_guide, "sessions/check-in.md", "      purpose: Agree the next actions.\n",
              "      purpose: Agree the next actions.\n      priority: 1\n")
    assert items("15") == [("Reconnect", 3), ("Next steps", 12)]  # the template's own
    assert items("16") == [("Reconnect", 3), ("Next steps", 13)]  # scaled from it
    assert [title for title, _ in items("30")] == ["Reconnect", "Progress on actions",
                                                   "Next steps"]


def test_a_safety_agenda_is_not_reworded_by_the_model(guide_index: Path, fake_openai) -> None:
    fake_openai.reply = "{}"
    data = agenda_json(guide_index, "--type", "checkin", "--focus",
                       "she said she feels hopeless and can't cope", env=model_env(fake_openai))
    assert data["mode"] == "template" and data["flags"] == ["safety"]
    assert data["items"][0]["title"] == "Safety first: contact your safeguarding lead"
    assert fake_openai.chat_requests() == []
