"""A real uvicorn server in a thread, configured the way `serve` configures it."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from conftest import FIXTURE_GUIDE, build_test_index, make_app, make_settings


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fixture_assistant(root: Path, **flags):
    """A copy of the fixture guide, its index, a one-page site and the assistant over them."""
    from mentor_assistant.answers.assistant import Assistant

    guide = root / "guide"
    shutil.copytree(FIXTURE_GUIDE, guide)
    build_test_index(guide / "mkdocs.yml", root / "index")
    site = root / "site"
    site.mkdir()
    (site / "index.html").write_text("<!doctype html><title>Guide</title><p>Home</p>")
    settings = make_settings(guide / "mkdocs.yml", root / "index", **flags)
    return Assistant(settings).load(), site


@contextmanager
def live_server(assistant, site_dir: Path, serve_options=None, **server_options
                ) -> Iterator[str]:
    """The app on a real uvicorn server with `serve`'s options; yields its base URL."""
    import uvicorn

    from mentor_assistant.web.serving import ServeOptions, uvicorn_options

    serve_options = serve_options or ServeOptions()
    options = {**uvicorn_options(serve_options), "port": free_port(), "host": "127.0.0.1"}
    server = uvicorn.Server(uvicorn.Config(make_app(assistant, site_dir, **server_options),
                                           **options))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{options['port']}/"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def raw_request(url: str, request: bytes, timeout: float = 10) -> tuple[int, bytes]:
    """Send ``request`` as is; the status code and the whole response."""
    host, port = url.split("//")[1].rstrip("/").split(":")
    with socket.create_connection((host, int(port)), timeout=timeout) as sock:
        try:
            sock.sendall(request)
        except (ConnectionResetError, BrokenPipeError):  # refused before it was all sent
            pass
        received = b""
        while True:
            try:
                piece = sock.recv(65536)
            except (ConnectionResetError, BrokenPipeError):
                break
            if not piece:
                break
            received += piece
    status = int(received.split(b" ", 2)[1]) if received.startswith(b"HTTP/") else 0
    return status, received


def http_request(method: str, path: str, body: bytes = b"", headers: dict | None = None,
                 host: str = "127.0.0.1") -> bytes:
    """A raw HTTP/1.1 request that closes its connection."""
    lines = [f"{method} {path} HTTP/1.1".encode(), b"Host: " + host.encode(),
             b"Connection: close", b"Content-Type: application/json",
             f"Content-Length: {len(body)}".encode()]
    for name, value in (headers or {}).items():
        lines.append(name.encode() + b": " + (value if isinstance(value, bytes)
                                              else value.encode()))
    return b"\r\n".join(lines) + b"\r\n\r\n" + body
