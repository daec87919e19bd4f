"""`mentor-assistant check` through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from conftest import ROOT, edit_page

from mentor_assistant.cli import main


def test_clean_guide_exits_zero(fixture_guide: Path) -> None:
    result = CliRunner().invoke(main, ["check", "--config", str(fixture_guide)])
    assert result.exit_code == 0, result.output
    assert "no problems found" in result.output


def test_real_guide_passes() -> None:
    result = CliRunner().invoke(main, ["check", "--config", str(ROOT / "mkdocs.yml")])
    assert result.exit_code == 0, result.output


def test_problems_are_listed_with_file_line_and_fix(fixture_guide: Path) -> None:
    edit_page(fixture_guide, "mentors/trust.md", "audience: [mentor]", "audience: [mentors]")
    result = CliRunner().invoke(main, ["check", "--config", str(fixture_guide)])
    assert result.exit_code == 1
    assert "mentors/trust.md:4: unknown audience 'mentors'" in result.output
    assert "Fix: use only mentor, mentee, program_owner" in result.output
    assert "1 problem(s) found" in result.output
    assert "Traceback" not in result.output


def test_json_output(fixture_guide: Path) -> None:
    edit_page(fixture_guide, "sessions/check-in.md", "  type: checkin", "  type: catchup")
    result = CliRunner().invoke(main, ["check", "--json", "--config", str(fixture_guide)])
    assert result.exit_code == 1
    problems = json.loads(result.stdout)
    assert problems == [{
        "path": "sessions/check-in.md", "line": 7, "message": "unknown session type 'catchup'",
        "fix": "set 'type:' to one of first, goals, checkin, midpoint, closing",
        "warning": False,
    }]


def test_placeholders_warn_but_pass_and_release_refuses_them(fixture_guide: Path) -> None:
    escalation = fixture_guide.parent / "docs" / "help" / "when-to-escalate.md"
    escalation.parent.mkdir(parents=True, exist_ok=True)
    escalation.write_text(
        "---\ntitle: When to escalate\ndescription: Who to call.\naudience: [mentor]\n"
        "tags: [safety]\ncontacts:\n  - situation: Any concern\n    who: Safeguarding lead\n"
        "    how: \"[Name, phone]\"\n---\n\n## Who to contact\n\n<!-- contacts -->\n",
        encoding="utf-8")
    config = fixture_guide.read_text(encoding="utf-8")
    fixture_guide.write_text(config.replace("nav:\n", "nav:\n  - help/when-to-escalate.md\n"),
                             encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--config", str(fixture_guide)])
    assert result.exit_code == 0, result.output
    assert "help/when-to-escalate.md:9: warning: the contact 'Safeguarding lead' still has the " \
           "placeholder [Name, phone]" in result.stdout
    release = CliRunner().invoke(main, ["build", "--release", "--config", str(fixture_guide)])
    assert release.exit_code == 1 and "the site was not rebuilt" in release.stderr


def test_missing_config_is_a_plain_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["check", "--config", str(tmp_path / "nope.yml")])
    assert result.exit_code == 1
    assert "cannot read the site configuration" in result.output
    assert "What to do:" in result.output
    assert "Traceback" not in result.output


def test_config_from_environment(fixture_guide: Path) -> None:
    edit_page(fixture_guide, "mentors/trust.md", "title: Trust\n", "")
    env = {"MENTOR_ASSISTANT_CONFIG": str(fixture_guide)}
    result = CliRunner().invoke(main, ["check"], env=env)
    assert result.exit_code == 1
    assert "mentors/trust.md:1: the page has no title" in result.output
