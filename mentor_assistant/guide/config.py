"""Read the parts of ``mkdocs.yml`` the library needs, without importing MkDocs.

MkDocs' own loader pulls in the theme and plugins; the assistant only needs the
folders, the URL style and the navigation, so it reads the YAML directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import ConfigError


class _LenientLoader(yaml.SafeLoader):
    """A safe loader reading MkDocs' custom tags (``!ENV``, ``!!python/name``) as plain values."""


def _construct_tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


_LenientLoader.add_multi_constructor("!", _construct_tagged)
_LenientLoader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_tagged)


@dataclass(frozen=True)
class GuideConfig:
    """Where the guide lives and how its site is built."""

    config_file: Path
    docs_dir: Path
    site_dir: Path
    use_directory_urls: bool = True
    site_url: str = ""
    nav_entries: dict[str, int] = field(default_factory=dict)


def load_guide_config(config_file: Path) -> GuideConfig:
    """Read ``mkdocs.yml``.

    Raises:
        ConfigError: the file is missing or is not valid YAML.
    """
    try:
        text = config_file.read_text(encoding="utf-8")
    except OSError:
        raise ConfigError(f"cannot read the site configuration {config_file}",
                          "run the command from the project folder, or pass --config "
                          "with the path to mkdocs.yml") from None
    try:
        data = yaml.load(text, Loader=_LenientLoader) or {}
        nav_node = _nav_node(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise ConfigError(f"{config_file}{line}: the site configuration is not valid YAML",
                          "check the indentation on that line") from None
    root = config_file.parent
    site_url = data.get("site_url")
    return GuideConfig(
        config_file=config_file,
        docs_dir=(root / data.get("docs_dir", "docs")).resolve(),
        site_dir=(root / data.get("site_dir", "site")).resolve(),
        use_directory_urls=bool(data.get("use_directory_urls", True)),
        site_url=site_url if isinstance(site_url, str) else "",
        nav_entries=_nav_entries(nav_node),
    )


def _nav_node(text: str) -> yaml.Node | None:
    root = yaml.compose(text, Loader=_LenientLoader)
    if not isinstance(root, yaml.MappingNode):
        return None
    return next((value for key, value in root.value if key.value == "nav"), None)


def _nav_entries(node: yaml.Node | None) -> dict[str, int]:
    """Every page path the navigation names, with its line in mkdocs.yml."""
    entries: dict[str, int] = {}
    if node is None:
        return entries
    if isinstance(node, yaml.ScalarNode):
        if node.value.endswith(".md"):
            entries[node.value] = node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            entries.update(_nav_entries(item))
    elif isinstance(node, yaml.MappingNode):
        for _, value in node.value:
            entries.update(_nav_entries(value))
    return entries
