"""Fixtures for the in-browser assistant: the real guide's site with its static bundle,
served by ``python -m http.server`` on 127.0.0.1 (no API, as on static hosting)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, make_settings


@pytest.fixture(scope="session")
def bundle_site(built_site: Path, guide_index: Path, guide, tmp_path_factory) -> Path:
    """A copy of the built site with ``assistant-bundle/`` written into it."""
    from mentor_assistant.web.static_bundle import find_runtime, write_bundle

    settings = make_settings(ROOT / "mkdocs.yml", guide_index)
    if find_runtime(settings) is None:
        message = "onnxruntime-web is not in .cache/: run ./scripts/bootstrap.sh"
        if os.environ.get("MENTOR_ASSISTANT_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    site = tmp_path_factory.mktemp("static") / "site"
    shutil.copytree(built_site, site)
    report = write_bundle(site, settings, guide)
    assert report.warning is None, report.warning
    return site


def serve_directory(directory: Path) -> tuple[subprocess.Popen, str]:
    """``python -m http.server`` on a free loopback port; returns the process and its URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
         "--directory", str(directory)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 15
    while True:
        try:
            urllib.request.urlopen(url, timeout=1).close()
            return process, url
        except OSError:
            assert time.monotonic() < deadline, "python -m http.server did not start"
            time.sleep(0.1)


@pytest.fixture(scope="module")
def static_url(bundle_site: Path) -> Iterator[str]:
    process, url = serve_directory(bundle_site)
    yield url
    process.terminate()
    process.wait(timeout=10)


def load_static_core(page, static_url: str, timeout: float = 120_000) -> None:
    """Open a page of the site, add static-core.js and wait until its model has loaded."""
    page.goto(static_url)
    page.add_script_tag(url=static_url + "javascripts/static-core.js")
    page.evaluate("async () => { const loaded = await MentorStatic.load(); await loaded.model; }")
