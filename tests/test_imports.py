"""`--help` stays instant: the CLI imports no heavy module until a command needs it."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("chromadb", "openai", "onnxruntime", "langchain_text_splitters", "mkdocs", "material",
         "markdown", "yaml", "numpy", "tokenizers", "snowballstemmer", "httpx")


def modules_loaded_by(args: list[str]) -> set[str]:
    code = (
        "import sys\n"
        "from mentor_assistant.cli import main\n"
        f"try:\n    main({args!r})\nexcept SystemExit:\n    pass\n"
        "print('@@MODULES@@', ' '.join(sorted(sys.modules)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    return set(result.stdout.split("@@MODULES@@", 1)[1].split())


def test_help_imports_nothing_heavy() -> None:
    from mentor_assistant.cli import main

    for args in (["--help"], *([name, "--help"] for name in main.commands)):
        loaded = modules_loaded_by(args)
        assert not {m for m in loaded if m.split(".")[0] in HEAVY}, args


def test_the_guard_can_see_heavy_imports() -> None:
    """The guard is not blind: running a real command does load YAML."""
    assert "yaml" in modules_loaded_by(["check", "--config", "/nonexistent/mkdocs.yml"])
