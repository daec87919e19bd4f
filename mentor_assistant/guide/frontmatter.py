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

from ..errors import ContentError

FENCE = "---"
YAML_FIX = (
    "look at that line for wrong indentation, a missing space after a colon, or text "
    'containing ": " or " #" that needs quotes around it'
)

MAX_FRONT_MATTER_BYTES = 64 * 1024
MAX_YAML_VALUES = 20_000  # values after aliases ('*name') are expanded
ALIAS_FIX = ("write the values out instead of repeating them with '&name' and '*name' "
             "(an alias that repeats aliases multiplies the values to read)")

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
    size = len(yaml_text.encode("utf-8"))
    if size > MAX_FRONT_MATTER_BYTES:
        raise ContentError(path, 2, f"the front matter is {size // 1024} KB; the limit is "
                           f"{MAX_FRONT_MATTER_BYTES // 1024} KB",
                           "move long text from the front matter into the page itself")
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
        _check_expansion(node, text, path, line_offset)
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


def _check_expansion(node: yaml.Node | None, text: str, path: Path | str,
                     line_offset: int) -> None:
    """Refuse front matter whose aliases expand to more than `MAX_YAML_VALUES` values."""
    if node is None or _expanded_size(node, {}, set()) <= MAX_YAML_VALUES:
        return
    alias = next((event for event in yaml.parse(text, Loader=FAST_LOADER)
                  if isinstance(event, yaml.AliasEvent)), None)
    line = alias.start_mark.line + line_offset if alias else line_offset
    raise ContentError(path, line, f"the front matter's aliases expand to more than "
                       f"{MAX_YAML_VALUES:,} values", ALIAS_FIX)


def _expanded_size(node: yaml.Node, sizes: dict[int, int], open_nodes: set[int]) -> int:
    """How many values ``node`` stands for once every alias is copied out (capped)."""
    if id(node) in sizes:
        return sizes[id(node)]
    if id(node) in open_nodes:  # an alias inside itself: endless
        return MAX_YAML_VALUES + 1
    open_nodes.add(id(node))
    if isinstance(node, yaml.MappingNode):
        children = [child for pair in node.value for child in pair]
    elif isinstance(node, yaml.SequenceNode):
        children = list(node.value)
    else:
        children = []
    total = 1
    for child in children:
        total += _expanded_size(child, sizes, open_nodes)
        if total > MAX_YAML_VALUES:
            break
    open_nodes.discard(id(node))
    sizes[id(node)] = total
    return total


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
