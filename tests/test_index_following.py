"""The index on disk while a server reads it: new generations, old ones, one build at a time.

A real uvicorn server over a real Chroma index; `index` runs as its own process, as a
program owner would run it.
"""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from live_server import fixture_assistant, live_server

from mentor_assistant.index.store import GENERATION_PREFIX, StoreSettings, open_client

CLI = [sys.executable, "-m", "mentor_assistant"]


def index(config_file: Path, index_dir: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([*CLI, "index", "-q", "--config", str(config_file), "--index-dir",
                             str(index_dir), *extra], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def finished(process: subprocess.Popen) -> tuple[int, str]:
    _, stderr = process.communicate(timeout=120)
    return process.returncode, stderr


class Clients:
    """Clients asking and searching without pause; every answer that is not a 200 counts."""

    def __init__(self, base: str, count: int) -> None:
        self.base = base
        self.stop = threading.Event()
        self.ok = 0
        self.errors: list[str] = []
        self.threads = [threading.Thread(target=self._run, args=(n,)) for n in range(count)]

    def __enter__(self) -> Clients:
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=60)

    def _run(self, number: int) -> None:
        while not self.stop.is_set():
            if number % 2:
                request = urllib.request.Request(self.base + "api/ask", json.dumps(
                    {"question": f"How do I keep promises? ({number})"}).encode(),
                    {"Content-Type": "application/json"})
            else:
                request = urllib.request.Request(self.base + "api/search?q=trust&k=3")
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    response.read()
                self.ok += 1
            except (urllib.error.URLError, OSError) as error:
                self.errors.append(repr(error))


def search(base: str, query: str) -> dict:
    url = base + "api/search?" + urllib.parse.urlencode({"q": query, "k": 1})
    return json.loads(urllib.request.urlopen(url, timeout=30).read())


def test_a_running_server_follows_new_index_generations_without_a_failed_request(
        tmp_path: Path) -> None:
    assistant, site = fixture_assistant(tmp_path)
    config_file, index_dir = tmp_path / "guide" / "mkdocs.yml", tmp_path / "index"
    page = tmp_path / "guide" / "docs" / "mentors" / "trust.md"
    with live_server(assistant, site) as base, Clients(base, 8) as clients:
        for edit in range(3):
            word = f"zanzibarquokka{edit}"
            page.write_text(page.read_text().replace(
                "Small promises kept", f"Small promises kept ({word})", 1)
                if edit == 0 else page.read_text().replace(f"zanzibarquokka{edit - 1}", word))
            code, stderr = finished(index(config_file, index_dir))
            assert code == 0, stderr
            built = time.monotonic()
            while word not in search(base, word)["results"][0]["text"]:
                assert time.monotonic() - built < 10, "the server kept the old index"
                time.sleep(0.1)
            assert search(base, word)["results"][0]["heading"] == "Keeping promises"
        time.sleep(0.5)
    assert clients.ok > 50 and clients.errors == [], clients.errors[:5]
    names = [c.name for c in open_client(StoreSettings(index_dir)).list_collections()]
    generations = [n for n in names if n.startswith(GENERATION_PREFIX) and n.count("-") == 1]
    assert len(generations) == 2  # the current one and the one before it


def test_a_second_index_run_waits_and_says_so(fixture_guide: Path, fixture_index: Path) -> None:
    lock = fixture_index.parent / f".{fixture_index.name}.lock"
    with lock.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        waiting = index(fixture_guide, fixture_index, "--full")
        time.sleep(8)
        assert waiting.poll() is None  # still waiting for the lock
        fcntl.flock(handle, fcntl.LOCK_UN)
    code, stderr = finished(waiting)
    assert code == 0, stderr
    assert "Another 'mentor-assistant index' is updating" in stderr and "waiting" in stderr


def test_two_index_runs_at_once_both_succeed(fixture_guide: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "together"
    runs = [index(fixture_guide, index_dir, "--full") for _ in range(2)]
    results = [finished(run) for run in runs]
    assert [code for code, _ in results] == [0, 0], results
    assert not any("Error" in stderr for _, stderr in results)
    assert os.path.isdir(index_dir)
