"""Hostile and malformed requests against a real uvicorn server configured as `serve` does."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from live_server import fixture_assistant, free_port, http_request, live_server, raw_request

from mentor_assistant.web.serving import ServeOptions, allowed_hosts_for

CLI = [sys.executable, "-m", "mentor_assistant"]


@pytest.fixture(scope="module")
def assistant_and_site(tmp_path_factory: pytest.TempPathFactory):
    return fixture_assistant(tmp_path_factory.mktemp("requests"))


@pytest.fixture(scope="module")
def url(assistant_and_site):
    assistant, site = assistant_and_site
    with live_server(assistant, site, token="s3cret",
                     allowed_hosts=allowed_hosts_for(ServeOptions())) as base:
        yield base


AUTH = {"Authorization": "Bearer s3cret"}
SURROGATE = b'{"question": "how do I build trust \\ud800 here?"}'


def ask(url: str, body: bytes, headers: dict | None = None) -> tuple[int, bytes]:
    return raw_request(url, http_request("POST", "/api/ask", body, {**AUTH, **(headers or {})}))


@pytest.mark.parametrize(("body", "message"), [
    (b'{"question": "trust?", "history": ' + b"[" * 5000 + b"]" * 5000 + b"}",
     b"nested more than"),
    (b'{"question": "trust?", "session": ' + b"7" * 5000 + b"}", b"number too long"),
    (SURROGATE, b"not valid Unicode"),
    (b'{"question": "trust \xff\xfe?"}', b"not valid JSON"),
])
def test_malformed_bodies_get_a_plain_4xx(url: str, body: bytes, message: bytes) -> None:
    status, response = ask(url, body)
    assert status == 400, response
    assert message in response and b"Traceback" not in response


def test_non_ascii_headers_with_a_token_are_not_a_server_error(url: str) -> None:
    status, response = ask(url, b'{"question": "trust?"}', {"Authorization": b"Bearer s\xe9cret"})
    assert status == 401, response
    status, response = ask(url, b'{"question": "trust?"}', {"X-Name": b"Ren\xe9e"})
    assert status == 200, response


def test_oversized_headers_are_refused(url: str) -> None:
    status, response = ask(url, b'{"question": "trust?"}', {"X-Padding": "a" * 14_000,
                                                            "X-More": "b" * 6_000})
    assert status == 431 and b"larger than 16 KB" in response
    status, _ = ask(url, b'{"question": "trust?"}', {"X-Padding": "a" * 4_000_000})
    assert status == 0 or 400 <= status < 500  # refused, or cut off, while still sending
    assert ask(url, b'{"question": "trust?"}')[0] == 200


def test_only_allowed_host_names_are_answered(url: str) -> None:
    port = url.rsplit(":", 1)[1].rstrip("/")
    for host in ("attacker.example", f"rebind.attacker.example:{port}", "127.0.0.2"):
        status, response = raw_request(url, http_request("GET", "/api/health", headers=AUTH,
                                                         host=host))
        assert status == 400 and b"does not answer for that host" in response, host
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}", "LOCALHOST"):
        status, _ = raw_request(url, http_request("GET", "/api/health", headers=AUTH, host=host))
        assert status == 200, host


def test_allowed_hosts_follow_the_listening_address() -> None:
    assert allowed_hosts_for(ServeOptions()) == ("localhost", "127.0.0.1", "::1")
    assert "10.0.0.5" in allowed_hosts_for(ServeOptions(host="10.0.0.5", token="t"))
    assert allowed_hosts_for(ServeOptions(host="0.0.0.0", token="t")) is None
    named = allowed_hosts_for(ServeOptions(host="0.0.0.0", token="t",
                                           allowed_hosts=("Guide.Example.org",)))
    assert "guide.example.org" in named and "localhost" in named


def test_the_csp_allows_no_inline_script(url: str) -> None:
    status, response = raw_request(url, http_request("GET", "/"))
    policy = next(line for line in response.split(b"\r\n")
                  if line.lower().startswith(b"content-security-policy"))
    script_src = next(part for part in policy.split(b";") if b"script-src" in part)
    assert status == 200 and b"unsafe-inline" not in script_src


def rate_limited_codes(url: str) -> list[int]:
    codes = []
    for number in range(5):
        request = http_request("GET", "/api/health",
                               headers={"X-Forwarded-For": f"198.51.100.{number}"})
        codes.append(raw_request(url, request)[0])
    return codes


def test_forwarded_addresses_are_ignored_unless_asked(assistant_and_site) -> None:
    assistant, site = assistant_and_site
    with live_server(assistant, site, rate_per_minute=6, rate_limit_loopback=True) as base:
        assert rate_limited_codes(base)[-1] == 429  # one client, whatever it claims
    trusting = ServeOptions(proxy_headers=True, forwarded_allow_ips=("127.0.0.1",))
    with live_server(assistant, site, trusting, rate_per_minute=6,
                     rate_limit_loopback=True) as base:
        assert set(rate_limited_codes(base)) == {200}  # five clients behind a trusted proxy
    untrusted = ServeOptions(proxy_headers=True, forwarded_allow_ips=("192.0.2.1",))
    with live_server(assistant, site, untrusted, rate_per_minute=6,
                     rate_limit_loopback=True) as base:
        assert rate_limited_codes(base)[-1] == 429


def test_health_reports_a_missing_site_and_pages_say_so(assistant_and_site,
                                                        tmp_path: Path) -> None:
    assistant, _ = assistant_and_site
    with live_server(assistant, tmp_path / "no-site") as base:
        health = json.loads(urllib.request.urlopen(base + "api/health").read())
        assert health["status"] == "degraded"
        assert any("mentor-assistant build" in p for p in health["problems"])
        with pytest.raises(urllib.error.HTTPError) as page:
            urllib.request.urlopen(base + "mentors/trust/")
        assert page.value.code == 503
        assert b"run 'mentor-assistant build'" in page.value.read()


def test_health_reports_a_stale_index(tmp_path: Path) -> None:
    assistant, site = fixture_assistant(tmp_path)
    page = tmp_path / "guide" / "docs" / "mentors" / "trust.md"
    page.write_text(page.read_text() + "\nA new paragraph.\n")
    with live_server(assistant, site) as base:
        health = json.loads(urllib.request.urlopen(base + "api/health").read())
    assert health["status"] == "degraded" and health["index"]["stale"] is True
    assert any("mentor-assistant index" in p for p in health["problems"])


# --- `serve` as a process: the token from a file, no index, no site ---

def serve(args: list[str], env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen([*CLI, "serve", "--workers", "2", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, **(env or {})})


def test_serve_without_an_index_says_so_once_and_exits(tmp_path: Path, fixture_guide: Path
                                                       ) -> None:
    (fixture_guide.parent / "site").mkdir()
    (fixture_guide.parent / "site" / "index.html").write_text("<p>Home</p>")
    process = serve(["--no-rebuild", "--port", str(free_port()), "--config",
                     str(fixture_guide), "--index-dir", str(tmp_path / "none")])
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 1
    assert stderr.count("Error:") == 1 and "mentor-assistant index" in stderr
    assert "Traceback" not in stderr and "Serving" not in stderr


def test_serve_without_a_site_says_so_once_and_exits(fixture_guide: Path,
                                                     fixture_index: Path) -> None:
    process = serve(["--no-rebuild", "--port", str(free_port()), "--config",
                     str(fixture_guide), "--index-dir", str(fixture_index)])
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 1
    assert stderr.count("Error:") == 1 and "mentor-assistant build" in stderr
    assert "Traceback" not in stderr


def test_the_token_can_come_from_a_file_and_stays_out_of_ps(fixture_guide: Path,
                                                            fixture_index: Path,
                                                            tmp_path: Path) -> None:
    (fixture_guide.parent / "site").mkdir()
    (fixture_guide.parent / "site" / "index.html").write_text("<p>Home</p>")
    token_file = tmp_path / "token"
    token_file.write_text("file-s3cret-token\n")
    port = free_port()
    process = serve(["--no-rebuild", "--port", str(port), "--config", str(fixture_guide),
                     "--index-dir", str(fixture_index), "--workers", "1"],
                    {"MENTOR_ASSISTANT_TOKEN_FILE": str(token_file)})
    base = f"http://127.0.0.1:{port}/api/health"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, process.communicate()
            try:
                urllib.request.urlopen(base, timeout=1)
            except urllib.error.HTTPError as error:
                assert error.code == 401
                break
            except OSError:
                assert time.monotonic() < deadline
                time.sleep(0.2)
        good = urllib.request.Request(base, headers={"Authorization": "Bearer file-s3cret-token"})
        assert urllib.request.urlopen(good, timeout=5).status == 200
        assert b"file-s3cret-token" not in Path(f"/proc/{process.pid}/cmdline").read_bytes()
    finally:
        process.terminate()
        process.communicate(timeout=30)


def test_an_empty_token_file_is_a_plain_error(fixture_guide: Path, tmp_path: Path) -> None:
    (tmp_path / "token").write_text("\n")
    process = serve(["--token-file", str(tmp_path / "token"), "--config", str(fixture_guide)])
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 1 and "token file" in stderr and "is empty" in stderr


def test_a_token_on_the_command_line_gets_a_note_about_ps(fixture_guide: Path) -> None:
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        process = serve(["--token", "visible-token", "--no-rebuild", "--port",
                         str(busy.getsockname()[1]), "--config", str(fixture_guide)])
        _, stderr = process.communicate(timeout=60)
    assert "shows in 'ps'" in stderr and "--token-file" in stderr


def test_two_workers_share_one_rate_limit_per_client(fixture_guide: Path, fixture_index: Path
                                                     ) -> None:
    (fixture_guide.parent / "site").mkdir()
    (fixture_guide.parent / "site" / "index.html").write_text("<p>Home</p>")
    port = free_port()
    process = serve(["--no-rebuild", "--port", str(port), "--config", str(fixture_guide),
                     "--index-dir", str(fixture_index), "--rate-limit", "6", "--proxy-headers",
                     "--forwarded-allow-ips", "127.0.0.1"])
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_until_serving(process, base)
        codes = [raw_request(base, http_request("GET", "/api/health", headers={
            "X-Forwarded-For": "198.51.100.7"}))[0] for _ in range(12)]
    finally:
        process.terminate()
        process.communicate(timeout=30)
    # A burst of 2 for the client, whichever worker takes each connection.
    assert codes.count(200) == 2 and codes.count(429) == 10, codes


def wait_until_serving(process: subprocess.Popen, base: str) -> None:
    deadline = time.monotonic() + 90
    while True:
        assert process.poll() is None, process.communicate()
        try:
            urllib.request.urlopen(base, timeout=1)
            return
        except OSError:
            assert time.monotonic() < deadline
            time.sleep(0.2)
