"""Build the static site with MkDocs, keeping the previous good site if it fails.

The site is built into a fresh folder next to the real one and swapped in only
when the strict build succeeded, so a broken page never leaves readers with a
half-built or empty site.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from ..errors import BuildError
from .config import GuideConfig

QUIET_ENV = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


@dataclass(frozen=True)
class SiteBuild:
    """What a successful build produced."""

    site_dir: Path
    pages: int
    seconds: float
    notices: tuple[str, ...] = ()


def build_site(config: GuideConfig, strict: bool = True) -> SiteBuild:
    """Build the site into ``config.site_dir``, replacing it only on success.

    Raises:
        BuildError: MkDocs reported warnings (in strict mode) or failed.
    """
    started = time.perf_counter()
    site_dir = config.site_dir
    restore_interrupted_site(site_dir)
    staging = site_dir.with_name(f"{site_dir.name}.building")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        output = _run_mkdocs(config, staging, strict)
        _swap_in(staging, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    pages = sum(1 for _ in site_dir.rglob("*.html"))
    return SiteBuild(site_dir, pages, time.perf_counter() - started, _notices(output))


def _notices(output: str) -> tuple[str, ...]:
    """The build's notices (such as a sitemap that could not be made), without log prefixes."""
    return tuple(line.split("Notice: ", 1)[1].strip()
                 for line in output.splitlines() if "Notice: " in line)


def _run_mkdocs(config: GuideConfig, staging: Path, strict: bool) -> str:
    command = [sys.executable, "-m", "mkdocs", "build", "--clean",
               "--config-file", str(config.config_file), "--site-dir", str(staging)]
    if strict:
        command.append("--strict")
    env = {**os.environ, **QUIET_ENV}
    result = subprocess.run(command, capture_output=True, text=True, env=env,
                            cwd=config.config_file.parent)
    if result.returncode != 0:
        raise BuildError(
            "the site was not rebuilt, because MkDocs reported problems:\n"
            + _summarise(result.stderr + result.stdout),
            "fix the problems above (run 'mentor-assistant check' for file and line), then "
            "build again; the previous site is still in place")
    return result.stderr + result.stdout


def _summarise(output: str) -> str:
    lines = [line.strip() for line in output.splitlines()]
    wanted = [line for line in lines if line.startswith(("WARNING", "ERROR", "Error", "Aborted"))]
    picked = wanted or [line for line in lines if line][-5:]
    return "\n".join(f"  {line}" for line in picked[:20])


def _swap_in(staging: Path, site_dir: Path) -> None:
    previous = site_dir.with_name(f"{site_dir.name}.previous")
    shutil.rmtree(previous, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(previous)
    staging.rename(site_dir)
    shutil.rmtree(previous, ignore_errors=True)


def restore_interrupted_site(site_dir: Path) -> None:
    """Put the last good site back if a build was stopped halfway through a swap."""
    previous = site_dir.with_name(f"{site_dir.name}.previous")
    if previous.is_dir() and not site_dir.exists():
        previous.rename(site_dir)
