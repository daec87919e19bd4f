"""People's words for the guide's words: an alias list programme owners can edit.

``reference/aliases.yml`` in the guide maps each of the guide's terms to the
words people use for it::

    aliases:
      manager: [supervisor, boss, line manager]

A question that uses one of those words is searched with the guide's term too.
The file is kept out of the published site (``exclude_docs`` in mkdocs.yml) and
checked by ``mentor-assistant check``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..problems import Problem

ALIASES_FILE = "reference/aliases.yml"
FIX_SHAPE = "write each entry as 'guide term: [people's word, another word]'"


@dataclass(frozen=True)
class Aliases:
    """The guide's terms, each with a pattern matching the words people use for it."""

    entries: tuple[tuple[str, re.Pattern[str]], ...] = ()

    def expand(self, question: str) -> str:
        """The question with the guide's term added for each people's word it uses."""
        extra = [term for term in self.named(question) if term.lower() not in question.lower()]
        return f"{question} ({'; '.join(extra)})" if extra else question

    def named(self, question: str) -> tuple[str, ...]:
        """The guide's terms for what the question says in people's words."""
        return tuple(term for term, pattern in self.entries if pattern.search(question))


def load_aliases(docs_dir: Path) -> Aliases:
    """The guide's alias list (empty when the file is missing or broken: `check` says why)."""
    entries, problems = _read(docs_dir)
    if problems:
        return Aliases()
    return Aliases(tuple((term, _pattern(words)) for term, words, _ in entries))


def alias_problems(docs_dir: Path) -> list[Problem]:
    """What is wrong with the alias list, with file and line."""
    return _read(docs_dir)[1]


GAP = r"\s+(?:(?:me|you|him|her|us|them|it|my|your|his|their|our)\s+)?"
"""Between the words of a phrase, an optional pronoun: "left on read" also matches "left
me on read", "pair up" matches "pair them up"."""


def _pattern(words: list[str]) -> re.Pattern[str]:
    alternatives = "|".join(GAP.join(map(re.escape, w.split())) for w in
                            sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w'])({alternatives})(?![\w'])", re.IGNORECASE)


def _read(docs_dir: Path) -> tuple[list[tuple[str, list[str], int]], list[Problem]]:
    import yaml

    path = docs_dir / ALIASES_FILE
    if not path.is_file():
        return [], []
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return [], [Problem(ALIASES_FILE, mark.line + 1 if mark else 1, "the alias list is not "
                            "valid YAML", "check the indentation and brackets on that line")]
    mapping = _child(root, "aliases")
    if mapping is None:
        return [], [Problem(ALIASES_FILE, 1, "the alias list has no 'aliases:' mapping",
                            "start the file with 'aliases:' and indent the entries under it")]
    return _entries(mapping)


def _child(root, key: str):
    import yaml

    if not isinstance(root, yaml.MappingNode):
        return None
    for key_node, value in root.value:
        if key_node.value == key and isinstance(value, yaml.MappingNode):
            return value
    return None


def _entries(mapping) -> tuple[list[tuple[str, list[str], int]], list[Problem]]:
    import yaml

    entries, problems, owner = [], [], {}
    for key_node, value in mapping.value:
        line, term = key_node.start_mark.line + 1, str(key_node.value).strip()
        words = [str(n.value).strip() for n in value.value] \
            if isinstance(value, yaml.SequenceNode) else None
        if not term or words is None or not all(words) or not words or \
                any(isinstance(n, yaml.CollectionNode) for n in value.value):
            problems.append(Problem(ALIASES_FILE, line, f"the alias entry '{term}' is not a "
                                    "term with a list of words", FIX_SHAPE))
            continue
        for word in words:
            if word.lower() in owner and owner[word.lower()] != term:
                problems.append(Problem(ALIASES_FILE, line, f"'{word}' is listed for both "
                                        f"'{owner[word.lower()]}' and '{term}'",
                                        "keep it under one guide term only"))
            owner[word.lower()] = term
        entries.append((term, words, line))
    return entries, problems
