"""Split a Markdown page into YAML front matter and body, remembering line numbers.

Programme owners edit these files by hand, so every problem found later must point
at a line. `FrontMatter.line_of` maps a key path such as
``("session", "items", 2, "minutes")`` to the line in the file where it stands.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import ContentError

FENCE = "---"
YAML_FIX = (
    "look at that line for wrong indentation, a missing space after a colon, or text "
    'containing ": " or " #" that needs quotes around it'
)

KeyPath = tuple[Any, ...]
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML has it


@dataclass(frozen=True)
class FrontMatter:
    """Parsed front matter plus where each key stands in the file."""

    data: dict[str, Any]
    lines: dict[KeyPath, int] = field(default_factory=dict)
    first_line: int = 1
    body: str = ""
    body_line: int = 1

    def line_of(self, *path: Any) -> int:
        """The file line of ``path``, or of its nearest recorded parent."""
        key: KeyPath = tuple(path)
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key[:-1]
        return self.first_line


def split_front_matter(text: str, path: Path | str) -> FrontMatter:
    """Parse ``text`` (a whole page) into front matter and body.

    Raises:
        ContentError: the page has no front matter, it is not closed, or its YAML
            does not parse. The error names the file and line.
    """
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != FENCE:
        raise ContentError(
            path, 1, "the page does not start with front matter",
            "make the very first line '---', then title, description, audience and tags, "
            "then a closing '---' line",
        )
    closing = next((i for i in range(1, len(lines)) if lines[i].strip() == FENCE), None)
    if closing is None:
        raise ContentError(
            path, 1, "the front matter starts with '---' but is never closed",
            "add a line containing only '---' after the last front matter field",
        )
    yaml_text = "".join(lines[1:closing])
    data, key_lines = _parse_yaml(yaml_text, path, line_offset=2)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ContentError(
            path, 2, "the front matter is not a list of 'field: value' lines",
            "write each field on its own line as 'name: value', e.g. 'title: Building trust'",
        )
    return FrontMatter(
        data=data, lines=key_lines, first_line=1,
        body="".join(lines[closing + 1:]), body_line=closing + 2,
    )


def _parse_yaml(text: str, path: Path | str, line_offset: int) -> tuple[Any, dict[KeyPath, int]]:
    try:
        node = yaml.compose(text, Loader=FAST_LOADER)
        data = yaml.load(text, Loader=FAST_LOADER)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line + line_offset) if mark else line_offset
        problem = error.problem or error.context or "unreadable YAML"
        raise ContentError(path, line, f"the front matter is not valid YAML: {problem}",
                           YAML_FIX) from None
    except yaml.YAMLError as error:
        raise ContentError(path, line_offset, f"the front matter is not valid YAML: {error}",
                           YAML_FIX) from None
    key_lines: dict[KeyPath, int] = {}
    if node is not None:
        _record_lines(node, (), key_lines, line_offset)
    return data, key_lines


def _record_lines(node: yaml.Node, path: KeyPath, out: dict[KeyPath, int], offset: int) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key_path = (*path, key_node.value)
            out[key_path] = key_node.start_mark.line + offset
            _record_lines(value_node, key_path, out, offset)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            item_path = (*path, index)
            out[item_path] = item.start_mark.line + offset
            _record_lines(item, item_path, out, offset)
