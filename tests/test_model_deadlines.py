"""Model answers have a total deadline and a size cap, and a client that leaves cancels one.

The real `openai` client talks to the local test server in `openai_server.py`; the API
runs on a real uvicorn server over a real Chroma index.
"""

from __future__ import annotations

import json
import socket
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from live_server import fixture_assistant, http_request, live_server

from mentor_assistant.answers.model_answer import CAP_NOTICE, MAX_ANSWER_CHARS
from mentor_assistant.cli import main

QUESTION = "How do I build trust with my mentee?"


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def test_timeout_is_a_total_deadline_for_a_trickling_model(fixture_guide: Path,
                                                           fixture_index: Path,
                                                           fake_openai) -> None:
    fake_openai.behaviour, fake_openai.delay = "trickle", 0.05  # 20 pieces a second, 500 s
    env = {"OPENAI_BASE_URL": fake_openai.base_url, "OPENAI_API_KEY": "k"}
    started = time.monotonic()
    result = CliRunner().invoke(main, ["ask", QUESTION, "--config", str(fixture_guide),
                                       "--index-dir", str(fixture_index), "--timeout", "3"],
                                env=env)
    elapsed = time.monotonic() - started
    assert result.exit_code == 0, result.output
    assert elapsed < 10, elapsed
    assert "did not finish its answer within 3 s" in result.stderr
    assert "composed from the guide instead" in result.stderr
    assert "Composed from the guide without a language model" in result.stdout
    assert wait_for(lambda: fake_openai.open_streams == 0, 5)


@pytest.fixture(scope="module")
def model_server():
    from openai_server import FakeOpenAI

    server = FakeOpenAI().start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def model_assistant(tmp_path_factory: pytest.TempPathFactory, model_server):
    return fixture_assistant(tmp_path_factory.mktemp("deadlines"), api_key="k",
                             base_url=model_server.base_url, timeout=60)


def test_a_flooding_model_is_cut_off_at_16_kb(model_assistant, model_server) -> None:
    model_server.behaviour = "flood"  # 10 MB as fast as it can
    assistant, site = model_assistant
    with live_server(assistant, site) as base:
        request = urllib.request.Request(base + "api/ask", json.dumps(
            {"question": QUESTION}).encode(), {"Content-Type": "application/json"})
        data = json.loads(urllib.request.urlopen(request, timeout=60).read())
    assert data["mode"] == "llm" and data["answer"].endswith(CAP_NOTICE)
    assert MAX_ANSWER_CHARS - 1000 < len(data["answer"]) < MAX_ANSWER_CHARS + 200
    assert wait_for(lambda: model_server.open_streams == 0, 5)


def open_and_leave(base: str, events: list[str]) -> None:
    """Ask for an answer as events, read until the model's text starts, then hang up."""
    host, port = base.split("//")[1].rstrip("/").split(":")
    body = json.dumps({"question": QUESTION}).encode()
    with socket.create_connection((host, int(port)), timeout=60) as sock:
        sock.sendall(http_request("POST", "/api/ask", body,
                                  {"Accept": "text/event-stream"}))
        received = b""
        while b"event: token" not in received:
            piece = sock.recv(4096)
            if not piece:
                break
            received += piece
        events.append(received.decode(errors="replace"))


def ask_as_events(base: str, clients: int) -> list[str]:
    events: list[str] = []
    threads = [threading.Thread(target=open_and_leave, args=(base, events))
               for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return events


def test_clients_that_leave_cancel_their_model_answers(model_assistant, model_server) -> None:
    assistant, site = model_assistant
    with live_server(assistant, site) as base:
        model_server.behaviour = "ok"
        assert len(ask_as_events(base, 20)) == 20  # the worker threads exist from here on
        assert wait_for(lambda: model_server.open_streams == 0, 5)
        threads_before = threading.active_count()

        model_server.behaviour, model_server.delay = "trickle", 0.05  # 500 s per answer
        left = ask_as_events(base, 50)
        assert len(left) == 50 and all("event: token" in e for e in left)
        assert wait_for(lambda: model_server.open_streams == 0, 5), model_server.open_streams
        assert wait_for(lambda: threading.active_count() <= threads_before, 5), \
            (threading.active_count(), threads_before)

        model_server.behaviour = "ok"
        started = time.monotonic()
        assert "event: token" in ask_as_events(base, 1)[0]
        assert time.monotonic() - started < 5


@pytest.mark.parametrize(("behaviour", "stream"), [("stall", True), ("trickle", False)])
def test_a_model_that_stalls_is_cut_off_at_the_deadline(model_server, behaviour: str,
                                                        stream: bool) -> None:
    from mentor_assistant.errors import ModelError
    from mentor_assistant.llm import OpenAIChat

    chat = OpenAIChat("m", "k", model_server.base_url, timeout=2)
    model_server.behaviour = "ok"
    assert "".join(chat.complete([{"role": "user", "content": QUESTION}], stream=stream))
    # "stall": four pieces 0.4 s apart, then 30 s of silence, so that a read timeout would
    # end it only at 3.6 s; "trickle" unstreamed: the reply a byte every 0.1 s.
    model_server.behaviour, model_server.delay = behaviour, 30.0 if stream else 0.1
    started = time.monotonic()
    with pytest.raises(ModelError) as error:
        list(chat.complete([{"role": "user", "content": QUESTION}], stream=stream))
    elapsed = time.monotonic() - started
    assert elapsed < 2.5, elapsed  # the total deadline, not a read timeout after a stall
    assert "within 2 s" in str(error.value)
    model_server.behaviour, model_server.delay = "ok", 0.0
