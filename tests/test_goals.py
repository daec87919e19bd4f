"""Reading a pair's goals and actions from YAML or Markdown."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentor_assistant.agendas.goals import Action, read_pair_notes
from mentor_assistant.errors import RequestError


def test_markdown(tmp_path: Path) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text("# Our notes\n## Goals\n- Lead the planning meeting\n\n## Actions\n"
                     "- [ ] Draft the agenda\n- [x] Ask Sam for feedback\n")
    read = read_pair_notes(notes)
    assert read.goals == ("Lead the planning meeting",)
    assert read.actions == (Action("Draft the agenda"), Action("Ask Sam for feedback", True))
    assert read.open_actions == (Action("Draft the agenda"),)


def test_yaml(tmp_path: Path) -> None:
    notes = tmp_path / "notes.yml"
    notes.write_text("goals: [Pitch to two investors]\nactions:\n  - text: Rewrite the deck\n"
                     "    done: false\n  - Call the accountant\n")
    read = read_pair_notes(notes)
    assert read.goals == ("Pitch to two investors",)
    assert read.open_actions == (Action("Rewrite the deck"), Action("Call the accountant"))


@pytest.mark.parametrize(("content", "message"), [
    (None, "cannot read the goals file"),
    ("goals: [unclosed\n", "is not valid YAML"),
    ("just some words\n", "is not in a form I can read"),
    ("goals: []\n", "has no goals or actions"),
])
def test_unreadable_files_are_explained(tmp_path: Path, content: str | None,
                                        message: str) -> None:
    notes = tmp_path / "notes.yml"
    if content is not None:
        notes.write_text(content)
    with pytest.raises(RequestError, match=message):
        read_pair_notes(notes)
