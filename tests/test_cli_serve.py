"""`mentor-assistant serve` as a real process: start-up, exposure rules and restarts."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from click.testing import CliRunner
from conftest import edit_page

from mentor_assistant.cli import main

CLI = [sys.executable, "-m", "mentor_assistant"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(args: list[str]) -> subprocess.Popen:
    return subprocess.Popen([*CLI, "serve", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ})


def wait_until_up(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        try:
            urllib.request.urlopen(url + "api/health", timeout=1).read()
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("the server did not come up")


def post(url: str, body: dict) -> tuple[int, dict]:
    request = urllib.request.Request(url, json.dumps(body).encode(),
                                     {"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        text = error.read()
        try:
            return error.code, json.loads(text)
        except json.JSONDecodeError:
            return error.code, {"error": text.decode(errors="replace")}


def test_binding_beyond_loopback_needs_a_token(fixture_guide: Path) -> None:
    result = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0", "--config",
                                       str(fixture_guide)])
    assert result.exit_code == 2
    assert "needs an access token" in result.output and "--token" in result.output


def test_a_busy_port_is_a_plain_error(fixture_guide: Path, fixture_index: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", "--no-rebuild", "--port", str(port),
                                           "--config", str(fixture_guide), "--index-dir",
                                           str(fixture_index)])
    assert result.exit_code == 1
    assert f"cannot listen on 127.0.0.1:{port}" in result.output


def test_serve_rebuilds_what_is_stale_then_answers(fixture_guide: Path, tmp_path: Path) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    index_dir = tmp_path / "ix"
    process = start(["--port", str(port), "--config", str(fixture_guide), "--index-dir",
                     str(index_dir)])
    try:
        wait_until_up(url, process)
        assert (fixture_guide.parent / "site" / "index.html").is_file()
        status, answer = post(url + "api/ask", {"question": "How do I keep promises?"})
        assert status == 200 and answer["sources"][0]["path"] == "mentors/trust.md"
        assert "Fixture home" in urllib.request.urlopen(url).read().decode()
    finally:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=20)
    assert f"at http://127.0.0.1:{port}/" in err
    assert "Traceback" not in err
    assert "How do I keep promises" not in out + err  # questions are not logged


def test_a_restart_mid_load_loses_nothing(fixture_guide: Path, tmp_path: Path) -> None:
    """20 clients keep asking while the server is stopped and started again."""
    index_dir = tmp_path / "ix"
    assert CliRunner().invoke(main, ["build", "--config", str(fixture_guide)]).exit_code == 0
    assert CliRunner().invoke(main, ["index", "-q", "--config", str(fixture_guide),
                                     "--index-dir", str(index_dir)]).exit_code == 0
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    args = ["--no-rebuild", "--log-questions", "--port", str(port), "--config",
            str(fixture_guide), "--index-dir", str(index_dir)]
    process = start(args)
    wait_until_up(url, process)
    answered: list[str] = []
    failures: list[str] = []
    retried: list[str] = []
    lock = threading.Lock()

    def client(number: int) -> None:
        for turn in range(40):
            question = f"How do I keep promises? (client {number}, turn {turn})"
            deadline = time.monotonic() + 60
            while True:
                try:
                    status, body = post(url + "api/ask", {"question": question})
                except OSError:  # the server is restarting: retry, as a browser would
                    retried.append(question)
                    if time.monotonic() > deadline:
                        failures.append(question)
                        return
                    time.sleep(0.2)
                    continue
                with lock:
                    if status == 200 and body["sources"]:
                        answered.append(question)
                    else:
                        failures.append(f"{question}: {status} {body}")
                break

    threads = [threading.Thread(target=client, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    time.sleep(0.5)
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=20)
    process = start(args)
    try:
        for thread in threads:
            thread.join(timeout=120)
        assert failures == [] and len(answered) == 20 * 40
        assert retried, "the restart happened after the load had finished"
        logged = [json.loads(line)["question"] for line in
                  (index_dir.parent / "questions.jsonl").read_text().splitlines()]
        assert sorted(logged) == sorted(answered)  # every answered question, exactly once
        wait_until_up(url, process)
        status, _ = post(url + "api/ask", {"question": "repair a breach"})
        assert status == 200
    finally:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=20)


def test_editing_the_guide_is_picked_up_on_the_next_serve(fixture_guide: Path,
                                                          tmp_path: Path) -> None:
    index_dir = tmp_path / "ix"
    CliRunner().invoke(main, ["build", "--config", str(fixture_guide)])
    CliRunner().invoke(main, ["index", "-q", "--config", str(fixture_guide), "--index-dir",
                              str(index_dir)])
    edit_page(fixture_guide, "mentors/trust.md", "Trust takes time.",
              "Trust takes time, like a slow-growing oak.")
    port = free_port()
    process = start(["--port", str(port), "--config", str(fixture_guide), "--index-dir",
                     str(index_dir)])
    try:
        wait_until_up(f"http://127.0.0.1:{port}/", process)
        health = json.loads(urllib.request.urlopen(
            f"http://127.0.0.1:{port}/api/health").read())
        assert health["index"]["stale"] is False
        page = urllib.request.urlopen(f"http://127.0.0.1:{port}/mentors/trust/").read()
        assert b"slow-growing oak" in page
    finally:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=20)
    shutil.rmtree(fixture_guide.parent / "site", ignore_errors=True)
