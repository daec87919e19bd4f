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
