"""The README documents every command, and every command explains itself."""

from __future__ import annotations

import os
import re
import stat

import click
from conftest import ROOT

from mentor_assistant.cli import main

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_command_has_help_and_is_documented() -> None:
    assert main.commands
    for name, command in main.commands.items():
        assert command.help and len(command.help) > 40, name
        assert f"mentor-assistant {name}" in README, name
        for param in command.params:
            if isinstance(param, click.Option):
                assert param.help, (name, param.name)
            else:  # arguments are described in the command's own help
                assert param.name.upper() in command.help, (name, param.name)


def test_readme_opens_with_the_two_commands() -> None:
    block = re.search(r"```bash\n(.*?)```", README, re.S)
    assert block and README.index("```bash") < 200
    commands = [line.split("#")[0].strip() for line in block.group(1).splitlines() if line.strip()]
    assert commands == ["./scripts/main.sh", "./scripts/test.sh"]
    for command in commands:
        script = ROOT / command
        assert script.is_file() and os.stat(script).st_mode & stat.S_IXUSR


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "./scripts/test.sh" in ci
    assert "MENTOR_ASSISTANT_REQUIRE_BROWSER=1" in ci
    assert "apt-get install" in ci and "chromium" in ci


def test_editing_page_documents_the_front_matter_schema() -> None:
    page = (ROOT / "guide_content" / "program-owners" / "editing-this-guide.md").read_text()
    for field in ("title", "description", "audience", "tags", "session", "mentor-assistant check",
                  "mkdocs serve"):
        assert field in page, field
