"""Shared fixtures: the real guide, a small fixture guide, a built site and a browser."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from mentor_assistant.guide.config import GuideConfig, load_guide_config

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_GUIDE = Path(__file__).resolve().parent / "fixtures" / "guide"
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
    return target / "mkdocs.yml"


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
    from mentor_assistant.index.build import build_index
    from mentor_assistant.index.embeddings import MiniLMEmbedder
    from mentor_assistant.index.store import StoreSettings

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
    from mentor_assistant.answers.assistant import Assistant

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


def make_app(assistant, site_dir: Path, **options):
    from mentor_assistant.web.server import ServerOptions, create_app

    return create_app(assistant, ServerOptions(site_dir=site_dir, **options))


@pytest.fixture(scope="session")
def api(guide_assistant, built_site: Path):
    """The API and site, in process, over the real guide's index."""
    from starlette.testclient import TestClient

    with TestClient(make_app(guide_assistant, built_site)) as client:
        yield client


# --- Browser tests: Debian's chromium driven by Playwright ---

CHROMIUM = os.environ.get("MENTOR_ASSISTANT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site on a plain static file server: no API, as on static hosting."""
    handler = functools.partial(QuietHandler, directory=str(built_site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        message = f"Chromium not found at {CHROMIUM}: apt-get install chromium"
        if os.environ.get("MENTOR_ASSISTANT_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.errors = []  # type: ignore[attr-defined]
    page.outside_requests = []  # type: ignore[attr-defined]
    page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("request", lambda r: _record_outside(page, r.url))
    yield page
    context.close()


def _record_outside(page, url: str) -> None:
    host = urlsplit(url).hostname
    if url.startswith(("http:", "https:")) and host != "127.0.0.1":
        page.outside_requests.append(url)




@pytest.fixture(scope="module")
def live_url(guide_assistant, built_site: Path) -> Iterator[str]:
    """`mentor-assistant serve`'s app on a real uvicorn server on loopback."""
    import socket
    import time

    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(make_app(guide_assistant, built_site), host="127.0.0.1", port=port,
                            log_level="warning", access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}/"
    server.should_exit = True
    thread.join(timeout=10)
