"""Questions written for sections: checked like a page, embedded at index time, used to find
the section a question in people's own words is about."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from conftest import build_test_index, make_settings

from mentor_assistant.cli import main
from mentor_assistant.guide.section_questions import (
    QUESTIONS_FILE,
    load_section_questions,
    question_problems,
)

ODD_QUESTION = "the whole thing with the forgotten coffee voucher, what now"


def write(docs: Path, text: str) -> Path:
    (docs / "reference").mkdir(exist_ok=True)
    (docs / QUESTIONS_FILE).write_text(text, encoding="utf-8")
    return docs


def test_questions_are_read_with_their_section_and_line(tmp_path: Path) -> None:
    docs = write(tmp_path, "# a comment\nmentors/trust.md:\n  Keeping promises:\n"
                           "    - \"she keeps bailing on me\"\n    - 'what if i forget'\n"
                           "    - \"she keeps bailing on me\"\n")
    questions = load_section_questions(docs)
    assert [(q.path, q.heading, q.text, q.line) for q in questions] == [
        ("mentors/trust.md", "Keeping promises", "she keeps bailing on me", 4),
        ("mentors/trust.md", "Keeping promises", "what if i forget", 5)]
    assert len({q.id for q in questions}) == 2


def test_problems_name_file_line_and_fix(tmp_path: Path) -> None:
    docs = write(tmp_path, "mentors/trust.md:\n  Keeping promises:\n    - \"ok\"\n"
                           "  Keeping promise:\n    - \"typo in the heading\"\n"
                           "  Repairing a breach: just text\n"
                           "mentors/nope.md:\n  Anything:\n    - \"no such page\"\n"
                           "sessions/check-in.md:\n  After the session:\n    - \"\"\n")
    headings = {"mentors/trust.md": frozenset({"Keeping promises", "Repairing a breach"}),
                "sessions/check-in.md": frozenset({"After the session"})}
    problems = sorted(question_problems(docs, headings))
    assert [(p.path, p.line) for p in problems] == [  # once per section, at its heading
        (QUESTIONS_FILE, 4), (QUESTIONS_FILE, 6), (QUESTIONS_FILE, 8), (QUESTIONS_FILE, 12)]
    assert "has no section headed 'Keeping promise'" in problems[0].message
    assert "copy the heading exactly" in problems[0].fix
    assert "not followed by a list" in problems[1].message
    assert "there is no page 'mentors/nope.md'" in problems[2].message
    assert "empty" in problems[3].message
    broken = write(tmp_path, "mentors/trust.md:\n  Keeping promises:\n    - \"unclosed\n")
    assert question_problems(broken, headings)[0].message.endswith("not valid YAML")
    assert load_section_questions(broken) == []


def test_check_reports_a_heading_that_moved(fixture_guide: Path) -> None:
    write(fixture_guide.parent / "docs", "mentors/trust.md:\n  Keeping your promises:\n"
                                         "    - \"she keeps bailing on me\"\n")
    result = CliRunner().invoke(main, ["check", "--config", str(fixture_guide)])
    assert result.exit_code == 1
    assert (f"{QUESTIONS_FILE}:2: 'mentors/trust.md' has no section headed "
            "'Keeping your promises'") in result.output


def test_a_written_question_leads_to_its_section(fixture_guide: Path, tmp_path: Path) -> None:
    from mentor_assistant.answers.assistant import Assistant

    def top_section(index_dir: Path) -> str:
        assistant = Assistant(make_settings(fixture_guide, index_dir)).load()
        return assistant.search(ODD_QUESTION, k=1)[0].heading

    docs = fixture_guide.parent / "docs"
    index_dir = tmp_path / "index"
    build_test_index(fixture_guide, index_dir)
    assert top_section(index_dir) != "Repairing a breach"

    write(docs, f"mentors/trust.md:\n  Repairing a breach:\n    - \"{ODD_QUESTION}\"\n")
    build_test_index(fixture_guide, index_dir)
    assert top_section(index_dir) == "Repairing a breach"

    write(docs, f"mentors/trust.md:\n  Repairing a breach:\n    - \"{ODD_QUESTION}\"\n"
                "    - \"another way to ask\"\n  Not a heading:\n    - \"left out\"\n")
    build_test_index(fixture_guide, index_dir)
    assert stored_questions(fixture_guide, index_dir) == 2  # a misplaced one is left out


def test_questions_load_from_their_packed_file_or_from_chroma(fixture_guide: Path,
                                                               tmp_path: Path) -> None:
    from mentor_assistant.answers.assistant import Assistant
    from mentor_assistant.index.store import QUESTIONS_SUFFIX, open_client, read_state

    docs = fixture_guide.parent / "docs"
    write(docs, f"mentors/trust.md:\n  Repairing a breach:\n    - \"{ODD_QUESTION}\"\n")
    index_dir = tmp_path / "index"
    build_test_index(fixture_guide, index_dir)
    settings = make_settings(fixture_guide, index_dir)
    state = read_state(open_client(settings.store))
    packed = index_dir / f"{state.collection}{QUESTIONS_SUFFIX}.npz"

    def scores() -> list[tuple[str, float]]:
        hits = Assistant(settings).load().search(ODD_QUESTION, k=3)
        return [(hit.heading, round(hit.score, 4)) for hit in hits]

    assert packed.is_file()
    from_file = scores()
    assert from_file[0][0] == "Repairing a breach"
    packed.unlink()
    assert scores() == from_file  # read from Chroma instead
    build_test_index(fixture_guide, index_dir)  # nothing changed: the file is written again
    assert packed.is_file()
    packed.write_bytes(b"not a matrix")
    assert scores() == from_file  # a damaged file: Chroma's copy is read instead


def stored_questions(config_file: Path, index_dir: Path) -> int:
    from mentor_assistant.index.store import open_client, questions_collection, read_state

    settings = make_settings(config_file, index_dir)
    client = open_client(settings.store)
    return questions_collection(client, read_state(client)).count()


def test_the_guides_questions_are_all_placed(guide) -> None:
    from mentor_assistant.guide.checks import check_guide

    questions = load_section_questions(guide.docs_dir)
    assert len(questions) >= 1000
    assert not [p for p in check_guide(guide) if p.path == QUESTIONS_FILE]
