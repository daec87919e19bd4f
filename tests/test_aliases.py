"""People's words: the guide's alias list expands questions and is checked like a page."""

from __future__ import annotations

from pathlib import Path

from mentor_assistant.guide.aliases import ALIASES_FILE, alias_problems, load_aliases


def write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "reference").mkdir(exist_ok=True)
    (tmp_path / ALIASES_FILE).write_text(text, encoding="utf-8")
    return tmp_path


def test_questions_gain_the_guides_words(tmp_path: Path) -> None:
    docs = write(tmp_path, "aliases:\n  manager: [supervisor, line manager]\n"
                           "  no reply: [ghosting, left on read]\n")
    aliases = load_aliases(docs)
    assert aliases.expand("my Supervisor keeps ghosting me") == \
        "my Supervisor keeps ghosting me (manager; no reply)"
    assert aliases.expand("left  on read again") == "left  on read again (no reply)"
    assert aliases.expand("my supervisors") == "my supervisors"  # whole words only
    assert aliases.expand("my manager, my supervisor") == "my manager, my supervisor"


def test_a_pronoun_may_sit_inside_a_phrase(tmp_path: Path) -> None:
    docs = write(tmp_path, "aliases:\n  no reply: [left on read]\n  matching: [pair up]\n")
    aliases = load_aliases(docs)
    assert aliases.expand("she left me on read") == "she left me on read (no reply)"
    assert aliases.expand("how do we pair them up") == "how do we pair them up (matching)"
    assert aliases.expand("left two on read") == "left two on read"  # a pronoun, nothing else
    assert aliases.expand("left on the read") == "left on the read"


def test_the_guides_own_list_is_valid_and_used(guide) -> None:
    assert alias_problems(guide.docs_dir) == []
    assert "(manager)" in load_aliases(guide.docs_dir).expand("should I call her supervisor?")


def test_problems_name_file_and_line(tmp_path: Path) -> None:
    docs = write(tmp_path, "aliases:\n  manager: [supervisor]\n  boss: supervisor\n"
                           "  lead: [supervisor]\n")
    problems = alias_problems(docs)
    assert [(p.path, p.line) for p in problems] == [(ALIASES_FILE, 3), (ALIASES_FILE, 4)]
    assert "not a term with a list of words" in problems[0].message
    assert "listed for both 'manager' and 'lead'" in problems[1].message
    assert load_aliases(docs).entries == ()  # a broken list expands nothing
    broken = write(tmp_path, "aliases:\n  manager: [supervisor\n")
    assert alias_problems(broken)[0].line >= 2
    assert alias_problems(write(tmp_path, "- just a list\n"))[0].message.startswith(
        "the alias list has no")


def test_check_reports_alias_problems(fixture_guide: Path) -> None:
    from click.testing import CliRunner

    from mentor_assistant.cli import main

    write(fixture_guide.parent / "docs", "aliases:\n  manager: oops\n")
    result = CliRunner().invoke(main, ["check", "--config", str(fixture_guide)])
    assert result.exit_code == 1
    assert f"{ALIASES_FILE}:2: the alias entry 'manager'" in result.output
