"""The guide's safety exemplars file: disclosures by category and harmless look-alikes.

Programme owners edit ``help/safety-exemplars.yml``; this reads it into `Exemplar`s for
the safety check, and lists each problem in it with its line and what to do.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import ContentError
from ..problems import Problem
from ..safety.detector import CATEGORIES, Exemplar

__all__ = ["EXEMPLARS_FILE", "exemplar_problems", "load_exemplars"]

EXEMPLARS_FILE = "help/safety-exemplars.yml"


def load_exemplars(docs_dir: Path) -> tuple[Exemplar, ...]:
    """The guide's safety exemplars, or ``()`` when the guide has no exemplars file.

    Raises:
        ContentError: the file is not valid YAML or not in the expected shape.
    """
    data, lines = _read_exemplar_file(docs_dir)
    if data is None:
        return ()
    problems = _shape_problems(data, lines)
    if problems:
        first = problems[0]
        raise ContentError(first.path, first.line, first.message, first.fix)
    exemplars = [Exemplar(text.strip(), category, True, lines.get(("disclosures", category, i), 1))
                 for category, texts in data["disclosures"].items()
                 for i, text in enumerate(texts)]
    exemplars += [Exemplar(text.strip(), "lookalike", False, lines.get(("lookalikes", i), 1))
                  for i, text in enumerate(data["lookalikes"])]
    return tuple(exemplars)


def exemplar_problems(docs_dir: Path) -> list[Problem]:
    """Every problem in the exemplars file, with its line and what to do."""
    try:
        data, lines = _read_exemplar_file(docs_dir)
    except ContentError as error:
        return [Problem(error.path, error.line, error.message.split(": ", 1)[-1], error.fix)]
    return [] if data is None else _shape_problems(data, lines)


def _read_exemplar_file(docs_dir: Path) -> tuple[Any, dict]:
    from .frontmatter import _parse_yaml

    file = docs_dir / EXEMPLARS_FILE
    if not file.is_file():
        return None, {}
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ContentError(EXEMPLARS_FILE, 1, "this file has characters that are not UTF-8 text",
                           "save the file as UTF-8 in your editor") from None
    return _parse_yaml(text, EXEMPLARS_FILE, line_offset=1)


def _shape_problems(data: Any, lines: dict) -> list[Problem]:
    path = EXEMPLARS_FILE
    if not isinstance(data, dict) or not isinstance(data.get("disclosures"), dict) \
            or not isinstance(data.get("lookalikes"), list):
        return [Problem(path, 1, "the file needs a 'disclosures:' section (categories, each with "
                        "a list) and a 'lookalikes:' list", "compare it with the copy in the "
                        "project's repository and restore the two sections")]
    problems = [Problem(path, lines.get(("disclosures", category), 1),
                        f"unknown category '{category}'",
                        "use one of " + ", ".join(CATEGORIES))
                for category in data["disclosures"] if category not in CATEGORIES]
    for key, entries in [(("disclosures", c), v) for c, v in data["disclosures"].items()] + \
            [(("lookalikes",), data["lookalikes"])]:
        if not isinstance(entries, list):
            problems.append(Problem(path, lines.get(key, 1), f"'{key[-1]}' is not a list",
                                    "put each example on its own line starting with '- '"))
            continue
        problems += [Problem(path, lines.get((*key, i), 1), "this example is empty or not text",
                             'write it as one line of text in double quotes: - "..."')
                     for i, text in enumerate(entries)
                     if not (isinstance(text, str) and text.strip())]
    return problems
