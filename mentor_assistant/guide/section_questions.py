"""Questions people ask, written against the sections that answer them.

``reference/questions.yml`` in the guide lists, for a page's section, questions in
the words people type ("she only gives one-word answers on our calls")::

    mentors/building-trust.md:
      Patience in the first sessions:
        - "our first couple of calls were so awkward, normal?"

They are embedded at index time, and a section is found when a question is close
to its text or to one of the questions written for it. The file is kept out of the
published site (``exclude_docs`` in mkdocs.yml) and checked by ``mentor-assistant check``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..problems import Problem

QUESTIONS_FILE = "reference/questions.yml"
FIX_SHAPE = ("write the page path, then the section heading indented under it, then each "
             "question on its own line starting with '- '")


@dataclass(frozen=True)
class SectionQuestion:
    """One question written for a section (a page and one of its headings)."""

    path: str
    heading: str
    text: str
    line: int
    heading_line: int = 0

    @property
    def id(self) -> str:
        """Stable across edits elsewhere in the file, so only new questions are embedded."""
        key = f"{self.path}\0{self.heading}\0{self.text}".encode()
        return "q-" + hashlib.sha256(key).hexdigest()[:24]


def load_section_questions(docs_dir: Path) -> list[SectionQuestion]:
    """Every well-formed question in the file, once each (none when the file is missing
    or is not valid YAML: `check` says why)."""
    unique: dict[str, SectionQuestion] = {}
    for question in _read(docs_dir)[0]:
        unique.setdefault(question.id, question)
    return list(unique.values())


def question_problems(docs_dir: Path, headings: Mapping[str, frozenset[str]]) -> list[Problem]:
    """What is wrong with the questions file, with its line and what to do.

    ``headings`` maps each page to the text of its ``##`` and ``###`` headings.
    """
    questions, problems = _read(docs_dir)
    sections = {(q.path, q.heading): q for q in reversed(questions)}  # each at its first line
    for question in sections.values():
        if question.path not in headings:
            problems.append(Problem(QUESTIONS_FILE, question.heading_line,
                                    f"there is no page '{question.path}'",
                                    "use the page's path inside the guide folder, e.g. "
                                    "'mentors/building-trust.md', or remove these questions"))
        elif question.heading not in headings[question.path]:
            problems.append(Problem(QUESTIONS_FILE, question.heading_line,
                                    f"'{question.path}' has no section headed "
                                    f"'{question.heading}'",
                                    "copy the heading exactly as the page writes it (after "
                                    "the #'s), or move the questions to the section they "
                                    "belong to"))
    return problems


def _read(docs_dir: Path) -> tuple[list[SectionQuestion], list[Problem]]:
    import yaml

    file = docs_dir / QUESTIONS_FILE
    if not file.is_file():
        return [], []
    try:
        root = yaml.compose(file.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        return [], [Problem(QUESTIONS_FILE, 1, "this file has characters that are not UTF-8 "
                            "text", "save the file as UTF-8 in your editor")]
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return [], [Problem(QUESTIONS_FILE, mark.line + 1 if mark else 1,
                            "the questions file is not valid YAML",
                            "check the indentation and quotes on that line")]
    if root is None:
        return [], []
    if not isinstance(root, yaml.MappingNode):
        return [], [Problem(QUESTIONS_FILE, 1, "the questions file is not a list of pages",
                            FIX_SHAPE)]
    questions: list[SectionQuestion] = []
    problems: list[Problem] = []
    for page_node, sections in root.value:
        _read_page(str(page_node.value), page_node.start_mark.line + 1, sections,
                   questions, problems)
    return questions, problems


def _read_page(path: str, line: int, sections, questions: list[SectionQuestion],
               problems: list[Problem]) -> None:
    import yaml

    if not isinstance(sections, yaml.MappingNode):
        problems.append(Problem(QUESTIONS_FILE, line, f"'{path}' has no sections under it",
                                FIX_SHAPE))
        return
    for heading_node, items in sections.value:
        heading = str(heading_node.value).strip()
        heading_line = heading_node.start_mark.line + 1
        if not isinstance(items, yaml.SequenceNode):
            problems.append(Problem(QUESTIONS_FILE, heading_line,
                                    f"'{heading}' is not followed by a list of questions",
                                    FIX_SHAPE))
            continue
        for item in items.value:
            text = str(item.value).strip() if isinstance(item, yaml.ScalarNode) else ""
            if not text:
                problems.append(Problem(QUESTIONS_FILE, item.start_mark.line + 1,
                                        "this question is empty or not text",
                                        "write the question in double quotes after '- '"))
                continue
            questions.append(SectionQuestion(path, heading, text, item.start_mark.line + 1,
                                             heading_line))
