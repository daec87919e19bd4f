#!/usr/bin/env python3
"""A bounded load test of `mentor-assistant serve` on loopback.

Starts the server (offline mode) on a free port, unless --url is given, then
sends --requests requests from --clients concurrent clients to POST /api/ask
and, as a baseline, GET /api/health. Prints p50, p95, p99, errors and
throughput. Every request goes to 127.0.0.1 and the run stops by itself.

    .venv/bin/python scripts/load_test.py [--clients 20] [--requests 2000] [--unique]

--unique makes every question different, so no answer comes from the cache.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description="Load test /api/ask on loopback.")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--unique", action="store_true", help="no two questions alike")
    parser.add_argument("--url", help="an already running server on loopback")
    args = parser.parse_args()
    server = None
    url = args.url
    if url is None:
        server, url = start_server()
    host = urlsplit(url).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        sys.exit("load tests only target this machine (127.0.0.1)")
    try:
        questions = golden_questions()
        run_load(url, args.clients, 4 * args.clients,  # warm up every worker, not measured
                 lambda n: ("POST", "/api/ask", json.dumps({"question": f"warm up {n}"}).encode()))
        print("| endpoint | clients | requests | p50 | p95 | p99 | max | errors | req/s |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        report("GET /api/health (baseline)", run_load(url, args.clients, args.requests,
                                                       lambda n: ("GET", "/api/health", None)),
               args.clients, args.requests)

        def ask(n: int) -> tuple[str, str, bytes]:
            question = questions[n % len(questions)]
            if args.unique:
                question = f"{question} (asked by pair {n})"
            return "POST", "/api/ask", json.dumps({"question": question}).encode()

        label = "POST /api/ask" + (" (unique questions)" if args.unique else "")
        report(label, run_load(url, args.clients, args.requests, ask), args.clients,
               args.requests)
    finally:
        if server:
            server.terminate()
            server.wait(timeout=20)


def start_server() -> tuple[subprocess.Popen, str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if k not in ("OPENAI_API_KEY", "OPENAI_BASE_URL")}
    server = subprocess.Popen([str(Path(sys.executable).parent / "mentor-assistant"), "serve",
                               "--no-rebuild", "--port", str(port)], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "/api/health", timeout=1).read()
            return server, url
        except OSError:
            if server.poll() is not None:
                sys.exit("the server did not start: run ./scripts/main.sh --no-serve first")
            time.sleep(0.2)
    server.terminate()
    sys.exit("the server did not start in time")


def golden_questions() -> list[str]:
    sys.path.insert(0, str(ROOT))
    from mentor_assistant.evaluation import load_golden

    return [q.question for q in load_golden()]


def run_load(url: str, clients: int, total: int, make) -> tuple[list[float], int, float]:
    parts = urlsplit(url)
    counter = iter(range(total))
    lock = threading.Lock()
    latencies: list[float] = []
    errors = [0]

    def worker() -> None:
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        while True:
            with lock:
                n = next(counter, None)
            if n is None:
                break
            method, path, body = make(n)
            started = time.perf_counter()
            try:
                connection.request(method, path, body,
                                   {"Content-Type": "application/json"} if body else {})
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                connection.close()
                connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                errors[0] += 0 if ok else 1
        connection.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors[0], time.perf_counter() - started


def report(label: str, result: tuple[list[float], int, float], clients: int,
           requests: int) -> None:
    latencies, errors, seconds = result
    ordered = sorted(latencies)

    def at(share: float) -> str:
        return f"{ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] * 1000:.0f} ms"

    print(f"| {label} | {clients} | {requests} | {statistics.median(ordered) * 1000:.0f} ms | "
          f"{at(0.95)} | {at(0.99)} | {ordered[-1] * 1000:.0f} ms | {errors} | "
          f"{len(ordered) / seconds:.0f} |")


if __name__ == "__main__":
    main()
