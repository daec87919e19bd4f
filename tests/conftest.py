"""Shared fixtures: the real guide, a small fixture guide, a built site and a browser."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mentor_assistant.config import GuideConfig, load_guide_config

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_GUIDE = Path(__file__).resolve().parent / "fixtures" / "guide"
HOOKS = ROOT / "mentor_assistant" / "mkdocs_hooks.py"
QUIET = {"NO_MKDOCS_2_WARNING": "1"}


def run_mkdocs_build(config_file: Path, site_dir: Path,
                     env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """A real ``mkdocs build --strict`` in a subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config_file),
         "--site-dir", str(site_dir)],
        capture_output=True, text=True, env={**os.environ, **QUIET, **(env or {})},
        cwd=config_file.parent,
    )


@pytest.fixture(scope="session")
def guide() -> GuideConfig:
    """The project's real guide configuration."""
    return load_guide_config(ROOT / "mkdocs.yml")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real guide, built once per test run with a strict MkDocs build."""
    site_dir = tmp_path_factory.mktemp("site")
    result = run_mkdocs_build(ROOT / "mkdocs.yml", site_dir)
    assert result.returncode == 0, result.stderr
    return site_dir


@pytest.fixture
def fixture_guide(tmp_path: Path) -> Path:
    """A writable copy of the tiny fixture guide; returns its mkdocs.yml."""
    target = tmp_path / "guide"
    shutil.copytree(FIXTURE_GUIDE, target)
    config_file = target / "mkdocs.yml"
    with config_file.open("a", encoding="utf-8") as handle:
        handle.write(f"hooks:\n  - {HOOKS}\n")
    return config_file


def edit_page(config_file: Path, page: str, old: str, new: str) -> Path:
    """Replace ``old`` with ``new`` in one page of a fixture guide copy."""
    path = config_file.parent / "docs" / page
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {page}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


# --- The assistant: isolated settings, real indexes, a local OpenAI-compatible server ---

ASSISTANT_ENV = ("OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_MODEL")


@pytest.fixture(autouse=True)
def isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test sees the developer's keys or writes to the project's own index."""
    for name in list(os.environ):
        if name.startswith("MENTOR_ASSISTANT_") and name != "MENTOR_ASSISTANT_REQUIRE_BROWSER":
            monkeypatch.delenv(name)
    for name in ASSISTANT_ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MENTOR_ASSISTANT_INDEX_DIR", str(tmp_path / "default-index"))


def make_settings(config_file: Path, index_dir: Path, **flags):
    from mentor_assistant.settings import resolve_settings

    return resolve_settings({"config": config_file, "index_dir": index_dir, **flags}, {})


def build_test_index(config_file: Path, index_dir: Path, chroma_url: str | None = None):
    from mentor_assistant.embeddings import MiniLMEmbedder
    from mentor_assistant.index import build_index
    from mentor_assistant.store import StoreSettings

    return build_index(load_guide_config(config_file), MiniLMEmbedder(),
                       StoreSettings(index_dir, chroma_url))


@pytest.fixture(scope="session")
def guide_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index of the real guide, built once per run with the offline embedder."""
    index_dir = tmp_path_factory.mktemp("guide-index")
    build_test_index(ROOT / "mkdocs.yml", index_dir)
    return index_dir


@pytest.fixture(scope="session")
def guide_assistant(guide_index: Path):
    from mentor_assistant.assistant import Assistant

    return Assistant(make_settings(ROOT / "mkdocs.yml", guide_index)).load()


@pytest.fixture
def fixture_index(fixture_guide: Path, tmp_path: Path) -> Path:
    """An index of the tiny fixture guide; returns its folder."""
    index_dir = tmp_path / "fixture-index"
    build_test_index(fixture_guide, index_dir)
    return index_dir


@pytest.fixture
def fake_openai():
    from openai_server import FakeOpenAI

    server = FakeOpenAI().start()
    yield server
    server.stop()
