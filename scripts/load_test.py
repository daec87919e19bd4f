#!/usr/bin/env python3
"""A bounded load test of `mentor-assistant serve` on loopback.

Starts the server (offline mode) on a free port, unless --url is given, then
sends --requests requests from --clients concurrent clients to POST /api/ask
and, as a baseline, GET /api/health. Prints p50, p95, p99, errors and
throughput. Every request goes to 127.0.0.1 and the run stops by itself.

    .venv/bin/python scripts/load_test.py [--clients 20] [--requests 2000] [--unique]
    .venv/bin/python scripts/load_test.py --reindex 3

--unique makes every question different, so no answer comes from the cache.
--reindex N serves a copy of the guide (in a temporary folder: guide_content/ is not
touched), then edits one of its pages and runs `mentor-assistant index` N times while
the clients ask; it reports the errors and how soon searches find each edit.
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
    parser.add_argument("--reindex", type=int, default=0, metavar="N",
                        help="re-index a copy of the guide N times while the clients ask")
    args = parser.parse_args()
    if args.reindex:
        return reindex_under_load(args.clients, args.reindex)
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


def start_server(*extra: str) -> tuple[subprocess.Popen, str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([CLI, "serve", "--no-rebuild", "--port", str(port), *extra],
                              cwd=ROOT, env=offline_env(), stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
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


CLI = str(Path(sys.executable).parent / "mentor-assistant")
EDITED_PAGE = "mentors/building-trust.md"


def offline_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in ("OPENAI_API_KEY", "OPENAI_BASE_URL")}


def copy_guide(folder: Path) -> Path:
    """A copy of the guide and mkdocs.yml in ``folder``, built and indexed; its mkdocs.yml."""
    import shutil

    shutil.copytree(ROOT / "guide_content", folder / "guide_content")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("  - mentor_assistant/", f"  - {ROOT}/mentor_assistant/")
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    for command in (["build"], ["index", "-q", "--index-dir", str(folder / "index")]):
        subprocess.run([CLI, *command, "--config", str(folder / "mkdocs.yml")], check=True,
                       env=offline_env(), stdout=subprocess.DEVNULL)
    return folder / "mkdocs.yml"


def reindex_under_load(clients: int, times: int) -> None:
    """Re-index a copy of the guide ``times`` times while ``clients`` ask without pause."""
    import tempfile

    questions = golden_questions()
    with tempfile.TemporaryDirectory(prefix="mentor-load-") as folder:
        config = copy_guide(Path(folder))
        index_dir = Path(folder) / "index"
        server, url = start_server("--config", str(config), "--index-dir", str(index_dir))
        stop = threading.Event()
        results: list = []
        asking = threading.Thread(target=lambda: results.append(run_load(
            url, clients, 10**9, lambda n: ("POST", "/api/ask", json.dumps(
                {"question": questions[n % len(questions)]}).encode()), stop)))
        try:
            asking.start()
            delays = [edit_and_reindex(url, config, index_dir, n) for n in range(times)]
        finally:
            stop.set()
            asking.join()
            server.terminate()
            server.wait(timeout=20)
    latencies, errors, seconds = results[0]
    print(f"{len(latencies)} requests from {clients} clients in {seconds:.0f} s while the "
          f"index was rebuilt {times} times: {errors} errors, p50 "
          f"{statistics.median(latencies) * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms.")
    print("Each edit found by every search after: "
          + ", ".join(f"{delay:.1f} s" for delay in delays) + " (from the end of `index`).")


def edit_and_reindex(url: str, config: Path, index_dir: Path, number: int) -> float:
    """Add a marked sentence to a page, re-index, and time until searches find it."""
    page = config.parent / "guide_content" / EDITED_PAGE
    word = f"quokkamarker{number}"
    text = page.read_text(encoding="utf-8").replace(f"quokkamarker{number - 1}", word)
    if word not in text:
        text += f"\n\n## Load test note\n\nKeep a {word} in mind when you build trust.\n"
    page.write_text(text, encoding="utf-8")
    subprocess.run([CLI, "index", "-q", "--config", str(config), "--index-dir", str(index_dir)],
                   check=True, env=offline_env(), stdout=subprocess.DEVNULL)
    built = time.monotonic()
    found = 0
    while found < 10:  # ten searches in a row, so every worker has switched
        with urllib.request.urlopen(f"{url}/api/search?q={word}&k=1", timeout=30) as reply:
            hit = json.loads(reply.read())["results"][0]
        found = found + 1 if word in hit["text"] else 0
        if time.monotonic() - built > 60:
            sys.exit(f"searches still did not find the edit {word} after 60 s")
        time.sleep(0.05)
    return time.monotonic() - built


def golden_questions() -> list[str]:
    sys.path.insert(0, str(ROOT))
    from mentor_assistant.evals.evaluation import load_golden

    return [q.question for q in load_golden()]


def run_load(url: str, clients: int, total: int, make,
             stop: threading.Event | None = None) -> tuple[list[float], int, float]:
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
            if n is None or (stop is not None and stop.is_set()):
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
