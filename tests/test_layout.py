"""The package's folders are its stages, and imports run one way: from the faces down.

A module may import from its own folder, from any stage below its own, and from the shared
modules at the top of the package. Lazy imports inside functions count too, and so does
any import cycle between two modules; only imports made for type checking are exempt.
"""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "mentor_assistant"
# Lowest first: each stage may import the ones before it, never the ones after.
STAGES = ("safety", "guide", "index", "answers", "agendas", "web", "evals")
SHARED = {"errors", "problems", "settings", "llm"}  # below every stage
FACES = {"cli", "cli_support", "__main__"}  # above every stage


def stage_of(module: str) -> int:
    """The module's rank: shared modules lowest, the command line highest."""
    parts = module.split(".")[1:]  # drop "mentor_assistant"
    if not parts or (len(parts) == 1 and parts[0] in SHARED | {"__init__"}):
        return -1
    if len(parts) == 1 and parts[0] in FACES:
        return len(STAGES)
    if parts[0] not in STAGES:
        raise AssertionError(f"{module} sits in no known stage: add its folder to STAGES")
    return STAGES.index(parts[0])


def module_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
    return ".".join(parts)


def runtime_imports(module: str, source: str, is_package: bool = False) -> set[str]:
    """The package's modules that ``source`` imports when it runs (type-only ones left out)."""
    tree = ast.parse(source)
    type_only = {id(node) for block in ast.walk(tree) if isinstance(block, ast.If)
                 and "TYPE_CHECKING" in ast.unparse(block.test)
                 for statement in block.body for node in ast.walk(statement)}
    here = module.split(".") if is_package else module.split(".")[:-1]
    found = set()
    for node in ast.walk(tree):
        if id(node) in type_only:
            continue
        if isinstance(node, ast.ImportFrom):
            base = here[:len(here) - node.level + 1] if node.level else []
            target = ".".join([*base, *(node.module.split(".") if node.module else [])])
            found |= {_resolve(target, alias.name) for alias in node.names}
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return {name for name in found if name.split(".")[0] == "mentor_assistant"}


def _resolve(target: str, name: str) -> str:
    """``from target import name``: the submodule when ``name`` is one, else ``target``."""
    candidate = PACKAGE.parent.joinpath(*f"{target}.{name}".split("."))
    if candidate.with_suffix(".py").is_file() or (candidate / "__init__.py").is_file():
        return f"{target}.{name}"
    return target


def import_graph() -> dict[str, set[str]]:
    graph = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        module = module_name(path)
        graph[module] = runtime_imports(module, path.read_text(encoding="utf-8"),
                                        is_package=path.name == "__init__.py") - {module}
    return graph


def upward_imports(graph: dict[str, set[str]]) -> list[str]:
    return [f"{module} imports {target}" for module, targets in graph.items()
            for target in sorted(targets) if stage_of(target) > stage_of(module)]


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every module that can reach itself, with the path back."""
    found = []
    for start in graph:
        stack = [(start, [start])]
        seen = set()
        while stack:
            module, path = stack.pop()
            for target in graph.get(module, ()):
                if target == start:
                    found.append([*path, start])
                    stack.clear()
                    break
                if target not in seen:
                    seen.add(target)
                    stack.append((target, [*path, target]))
    return found


def test_no_stage_imports_one_above_it() -> None:
    assert upward_imports(import_graph()) == []


def test_no_two_modules_import_each_other() -> None:
    assert cycles(import_graph()) == []


def test_every_module_sits_in_a_stage() -> None:
    for module in import_graph():
        stage_of(module)  # raises for a module in an unknown folder


@pytest.mark.parametrize("stage", STAGES)
def test_each_stage_says_what_it_offers_and_imports_nothing_on_entry(stage: str) -> None:
    init = PACKAGE / stage / "__init__.py"
    tree = ast.parse(init.read_text(encoding="utf-8"))
    assert ast.get_docstring(tree), f"{init} needs a docstring: what the stage does and offers"
    assert not [node for node in tree.body if isinstance(node, (ast.Import, ast.ImportFrom))]


def test_the_guard_sees_lazy_and_upward_imports() -> None:
    """The guard is not blind: a guide module that reaches up, even inside a function, fails,
    and one that only names a higher stage for type checking passes."""
    source = ("from typing import TYPE_CHECKING\n"
              "from .content import Page\n"
              "from ..safety import detector\n"
              "if TYPE_CHECKING:\n    from ..web.server import App\n"
              "def late():\n    from ..answers.assistant import Assistant\n")
    imports = runtime_imports("mentor_assistant.guide.example", source)
    assert imports == {"mentor_assistant.guide.content", "mentor_assistant.safety.detector",
                       "mentor_assistant.answers.assistant"}
    assert upward_imports({"mentor_assistant.guide.example": imports}) == [
        "mentor_assistant.guide.example imports mentor_assistant.answers.assistant"]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}})[0] == ["a", "b", "c", "a"]


def test_the_guard_reads_the_real_package() -> None:
    graph = import_graph()
    assert "mentor_assistant.index.store" in graph["mentor_assistant.answers.retrieval"]
    assert "mentor_assistant.answers.assistant" in graph["mentor_assistant.cli"]
    assert len(graph) > 60


ROOT = PACKAGE.parent
DOTTED = re.compile(r"(?<![\w.])mentor_assistant(?:\.\w+)+(?::\w+)?")
FILE_PATH = re.compile(r"(?<![\w./])mentor_assistant(?:/\w+)+\.py\b")


def named_modules(text: str) -> set[str]:
    """Every ``mentor_assistant.x.y`` (or ``...:name``) and ``mentor_assistant/x.py`` in text."""
    return set(DOTTED.findall(text)) | set(FILE_PATH.findall(text))


def names_something(name: str) -> bool:
    """A module path that exists, or a dotted name whose leading part is a module and whose
    rest (an attribute, a ``:name`` target) that module defines."""
    if "/" in name:
        return (ROOT / name).is_file()
    dotted, _, target = name.partition(":")
    parts = dotted.split(".")
    for end in range(len(parts), 0, -1):
        path = ROOT.joinpath(*parts[:end])
        source = path.with_suffix(".py") if path.with_suffix(".py").is_file() \
            else path / "__init__.py"
        if source.is_file():
            rest = [*parts[end:], *([target] if target else [])]
            if not rest:
                return True
            module = importlib.import_module(".".join(parts[:end]))
            return hasattr(module, rest[0])
    return False


def test_every_module_named_in_code_config_and_docs_exists() -> None:
    """A moved module leaves no stale name behind: not in a string uvicorn imports, a
    Markdown extension mkdocs.yml lists, a hook's path, a test or the README."""
    files = [*PACKAGE.rglob("*.py"), *ROOT.glob("tests/**/*.py"), *ROOT.glob("scripts/*"),
             *ROOT.glob("tests/fixtures/**/*.yml"), *ROOT.glob("guide_content/javascripts/*.js"),
             ROOT / "mkdocs.yml", ROOT / "pyproject.toml", ROOT / "README.md"]
    stale = sorted(f"{path.relative_to(ROOT)}: {name}" for path in files
                   if path.is_file() and path != Path(__file__).resolve()
                   for name in named_modules(path.read_text(encoding="utf-8"))
                   if not names_something(name))
    assert stale == []


def test_the_name_guard_catches_a_stale_name() -> None:
    text = ('target = "mentor_assistant.serving:app_from_environment"\n'
            "hooks:\n  - mentor_assistant/site_hooks.py\n"
            'ok = "mentor_assistant.web.serving:app_from_environment"\n')
    found = named_modules(text)
    assert found == {"mentor_assistant.serving:app_from_environment",
                     "mentor_assistant/site_hooks.py",
                     "mentor_assistant.web.serving:app_from_environment"}
    assert {name for name in found if not names_something(name)} == {
        "mentor_assistant.serving:app_from_environment", "mentor_assistant/site_hooks.py"}
