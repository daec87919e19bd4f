"""Scale-out: the same index and queries against a real `chroma run` server on loopback."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import edit_page

from mentor_assistant.cli import main


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory: pytest.TempPathFactory):
    chroma = shutil.which("chroma", path=str(Path(sys.executable).parent))
    assert chroma, "the chroma command comes with the chromadb package"
    port = free_port()
    process = subprocess.Popen(
        [chroma, "run", "--host", "127.0.0.1", "--port", str(port), "--path",
         str(tmp_path_factory.mktemp("chroma-server"))],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1).read()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail("chroma run did not start")
            time.sleep(0.2)
    yield url
    process.terminate()
    process.wait(timeout=10)


def test_index_search_and_ask_through_the_server(fixture_guide: Path, chroma_url: str) -> None:
    common = ["--config", str(fixture_guide), "--chroma-url", chroma_url]
    result = CliRunner().invoke(main, ["index", "-q", *common])
    assert result.exit_code == 0, result.output
    assert f"into {chroma_url}" in result.stdout
    found = json.loads(CliRunner().invoke(main, ["search", "repair a breach", "--json",
                                                 *common]).stdout)
    assert found["results"][0]["url"] == "mentors/trust/#repairing-a-breach"
    edit_page(fixture_guide, "mentors/trust.md", "Trust takes time.", "Trust takes months.")
    result = CliRunner().invoke(main, ["index", "-q", *common])
    assert "1 updated" in result.stdout
    answer = json.loads(CliRunner().invoke(main, ["ask", "How do I keep promises?", "--json",
                                                  *common]).stdout)
    assert answer["mode"] == "extractive" and answer["sources"]


def test_url_from_environment_and_unreachable_server(fixture_guide: Path) -> None:
    result = CliRunner().invoke(main, ["search", "trust", "--config", str(fixture_guide)],
                                env={"MENTOR_ASSISTANT_CHROMA_URL": "http://127.0.0.1:9"})
    assert result.exit_code == 1
    assert "cannot reach the Chroma server at http://127.0.0.1:9" in result.output
    assert "Traceback" not in result.output


def test_a_malformed_url_is_explained(fixture_guide: Path) -> None:
    result = CliRunner().invoke(main, ["search", "trust", "--config", str(fixture_guide),
                                       "--chroma-url", "localhost:8000"])
    assert result.exit_code == 1 and "is not an http(s) address" in result.output
