"""A small OpenAI-compatible HTTP server for tests, on 127.0.0.1.

The real ``openai`` client talks to it over HTTP; nothing is patched. Each test
sets `FakeOpenAI.behaviour` to script the next replies, and can read the
requests it received.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

DIMENSION = 64


def fake_embedding(text: str) -> list[float]:
    """A deterministic bag-of-words vector, so similar texts get similar vectors."""
    vector = [0.0] * DIMENSION
    for word in re.findall(r"[a-z]+", text.lower()):
        vector[int(hashlib.md5(word.encode()).hexdigest(), 16) % DIMENSION] += 1.0
    return vector


class QuietServer(ThreadingHTTPServer):
    """A client that hangs up early (a timeout, a bad reply) is expected here, not an error."""

    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass


class FakeOpenAI:
    """Scriptable server state: behaviour, reply text and the requests seen."""

    def __init__(self) -> None:
        self.behaviour = "ok"
        self.reply = "Start small and keep your promises [1]. Confidentiality matters [2]."
        self.delay = 0.0
        self.moderation: dict[str, bool] | None = None  # None: no /moderations endpoint
        self.pieces = 10_000  # "trickle": how many pieces, `delay` seconds apart
        self.flood_bytes = 10_000_000  # "flood": how much text, as fast as it can
        self.open_streams = 0  # streamed replies still being written
        self._lock = threading.Lock()
        self.requests: list[dict[str, Any]] = []
        self.server = QuietServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def start(self) -> FakeOpenAI:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def chat_requests(self) -> list[dict[str, Any]]:
        return [r for r in self.requests if r["path"].endswith("/chat/completions")]

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                pass

            def do_POST(self) -> None:  # noqa: N802 - the http.server API
                length = int(self.headers.get("Content-Length", 0))
                body = json.loads(self.rfile.read(length) or b"{}")
                fake.requests.append({"path": self.path, "body": body,
                                      "auth": self.headers.get("Authorization")})
                if self.path.endswith("/embeddings"):
                    return self._embeddings(body)
                if self.path.endswith("/moderations"):
                    return self._moderations()
                return self._chat(body)

            def _send(self, status: int, payload: bytes, content_type: str) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def _json(self, status: int, data: Any) -> None:
                self._send(status, json.dumps(data).encode(), "application/json")

            def _moderations(self) -> None:
                if fake.moderation is None:
                    return self._json(404, {"error": {"message": "not found"}})
                scores = {name: float(hit) for name, hit in fake.moderation.items()}
                self._json(200, {"id": "modr-1", "model": "omni-moderation-latest", "results": [
                    {"flagged": any(fake.moderation.values()), "categories": fake.moderation,
                     "category_scores": scores}]})

            def _embeddings(self, body: dict[str, Any]) -> None:
                texts = body["input"] if isinstance(body["input"], list) else [body["input"]]
                self._json(200, {"object": "list", "model": body.get("model"), "data": [
                    {"object": "embedding", "index": i, "embedding": fake_embedding(t)}
                    for i, t in enumerate(texts)],
                    "usage": {"prompt_tokens": 1, "total_tokens": 1}})

            def _chat(self, body: dict[str, Any]) -> None:
                behaviour = fake.behaviour
                if behaviour == "timeout":
                    time.sleep(fake.delay or 3.0)
                    return self._json(200, _completion(fake.reply))
                if behaviour in ("429", "500", "401", "404"):
                    return self._json(int(behaviour), {"error": {
                        "message": f"scripted {behaviour}", "type": "test", "code": behaviour}})
                if behaviour == "malformed" and body.get("stream"):
                    return self._stream_raw([b"data: {not json at all\n\n"])
                if behaviour == "malformed":
                    return self._send(200, b"{not json at all", "application/json")
                if behaviour == "empty":
                    return self._json(200, {"id": "x", "object": "chat.completion",
                                            "created": 0, "model": "m", "choices": []})
                if behaviour == "trickle" and body.get("stream"):
                    return self._stream_raw(_pieces(fake.reply, fake.pieces), fake.delay)
                if behaviour == "stall" and body.get("stream"):
                    return self._stream_raw(_then_silence(_pieces(fake.reply, 4), fake.delay), 0.4)
                if behaviour == "trickle":
                    return self._send_slowly(json.dumps(_completion(fake.reply)).encode(),
                                             fake.delay)
                if behaviour == "flood" and body.get("stream"):
                    piece = ("All work and no play. " * 50)[:1000]
                    return self._stream_raw(_pieces(piece, fake.flood_bytes // 1000,
                                                    size=1000))
                if body.get("stream"):
                    return self._stream(fake.reply)
                return self._json(200, _completion(fake.reply))

            def _stream(self, text: str) -> None:
                events = []
                for piece in re.findall(r".{1,7}", text, re.S):
                    event = {"id": "c", "object": "chat.completion.chunk", "created": 0,
                             "model": "m", "choices": [{"index": 0, "delta": {"content": piece},
                                                        "finish_reason": None}]}
                    events.append(f"data: {json.dumps(event)}\n\n".encode())
                self._stream_raw([*events, b"data: [DONE]\n\n"])

            def _stream_raw(self, events: Any, delay: float = 0.0) -> None:
                with fake._lock:
                    fake.open_streams += 1
                try:
                    self.send_response(200)
                    self.send_header("Content-Type", "text/event-stream")
                    self.send_header("Transfer-Encoding", "chunked")
                    self.end_headers()
                    for event in events:
                        self._chunk(event)
                        time.sleep(delay)
                    self._chunk(b"")
                finally:
                    with fake._lock:
                        fake.open_streams -= 1

            def _send_slowly(self, payload: bytes, delay: float) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                for byte in payload:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(delay)

            def _chunk(self, data: bytes) -> None:
                self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
                self.wfile.flush()

        return Handler


def _pieces(text: str, count: int, size: int = 7) -> Any:
    """``count`` stream events of ``size`` characters cycling through ``text``, then [DONE]."""
    cut = [text[i:i + size] for i in range(0, len(text), size)]
    for number in range(count):
        event = {"id": "c", "object": "chat.completion.chunk", "created": 0, "model": "m",
                 "choices": [{"index": 0, "delta": {"content": cut[number % len(cut)]},
                              "finish_reason": None}]}
        yield f"data: {json.dumps(event)}\n\n".encode()
    yield b"data: [DONE]\n\n"


def _then_silence(events: Any, seconds: float) -> Any:
    """The events but the last, then ``seconds`` more of silence before it."""
    events = list(events)
    yield from events[:-1]
    time.sleep(seconds)
    yield events[-1]


def _completion(text: str) -> dict[str, Any]:
    return {"id": "x", "object": "chat.completion", "created": 0, "model": "m",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": text},
                         "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}
