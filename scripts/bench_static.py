#!/usr/bin/env python3
"""Benchmark the in-browser assistant: bundle size, cold first answer, warm answers.

Run from the project folder after `mentor-assistant index` and `mentor-assistant build`
(the site in site/ must carry assistant-bundle/):

    .venv/bin/python scripts/bench_static.py [--runs 5] [--site site]

The site is served by `python -m http.server` on 127.0.0.1 and driven in Debian's
Chromium. The peer, measured in the same run, is the CLI's assistant answering in
process with its model warm.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
FIRST_QUESTION = "How do I build trust with a new mentee?"
ASK_TIMED = """async questions => {
  const times = [];
  for (const q of questions) {
    const started = performance.now();
    await MentorStatic.ask(q);
    times.push(performance.now() - started);
  }
  return times;
}"""


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def serve(directory: Path) -> tuple[subprocess.Popen, str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind",
                                "127.0.0.1", "--directory", str(directory)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    for _ in range(150):
        try:
            urllib.request.urlopen(url, timeout=1).close()
            return process, url
        except OSError:
            time.sleep(0.1)
    raise SystemExit("python -m http.server did not start")


def questions() -> list[str]:
    from mentor_assistant.evals.answer_eval import load_passage_questions
    from mentor_assistant.evals.evaluation import load_golden

    return [q.question for q in load_golden()] + [q.question for q in load_passage_questions()]


def cold_loads(browser, url: str, runs: int) -> dict[str, list[float]]:
    """Fresh browser contexts (empty cache): page open to the first answer shown, and to
    the model being ready."""
    first, model, lexical = [], [], 0
    for _ in range(runs):
        context = browser.new_context()
        page = context.new_page()
        started = time.perf_counter()
        page.goto(url + "assistant/ask/")
        page.fill("#ma-question", FIRST_QUESTION)
        page.get_by_role("button", name="Ask", exact=True).click()
        page.locator(".ma-sources a").first.wait_for(timeout=180_000)
        first.append(time.perf_counter() - started)
        lexical += "matching words only" in page.locator(".ma-status").last.inner_text()
        page.wait_for_function("window.MentorStatic && MentorStatic.modelReady",
                               timeout=180_000, polling=20)
        model.append(time.perf_counter() - started)
        context.close()
    return {"first": first, "model": model, "lexical": lexical}


def warm_answers(browser, url: str, asked: list[str]) -> list[float]:
    context = browser.new_context()
    page = context.new_page()
    page.goto(url + "assistant/ask/")
    page.wait_for_function("window.MentorStatic && MentorStatic.modelReady", timeout=180_000)
    page.evaluate(ASK_TIMED, asked[:3])  # first-use work
    times = [t / 1000 for t in page.evaluate(ASK_TIMED, asked)]
    context.close()
    return times


def cli_warm_answers(asked: list[str]) -> list[float]:
    from mentor_assistant.answers.assistant import Assistant
    from mentor_assistant.settings import resolve_settings

    assistant = Assistant(resolve_settings({"config": ROOT / "mkdocs.yml"}, {})).warm_up()
    for question in asked[:3]:
        assistant.ask(question)
    times = []
    for question in asked:
        started = time.perf_counter()
        assistant.ask(question)
        times.append(time.perf_counter() - started)
    return times


def row(name: str, values: list[float], unit: str = "ms") -> str:
    scale = 1000 if unit == "ms" else 1
    return (f"| {name} | {statistics.median(values) * scale:.0f} {unit} | "
            f"{percentile(values, 0.95) * scale:.0f} {unit} | {len(values)} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="cold page loads (default 5)")
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    options = parser.parse_args()
    manifest_file = options.site / "assistant-bundle" / "manifest.json"
    if not manifest_file.is_file():
        raise SystemExit(f"{manifest_file} is missing: run ./scripts/bootstrap.sh, "
                         "'mentor-assistant index' and 'mentor-assistant build' first")
    files = json.loads(manifest_file.read_text(encoding="utf-8"))["files"]
    asked = questions()
    from playwright.sync_api import sync_playwright

    process, url = serve(options.site)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            cold = cold_loads(browser, url, options.runs)
            warm = warm_answers(browser, url, asked)
            browser.close()
    finally:
        process.terminate()
    cli = cli_warm_answers(asked)
    total = sum(entry["bytes"] for entry in files.values())
    load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
    print(f"Bundle: {total / 1e6:.1f} MB in {len(files)} files; load average {load} on "
          f"{os.cpu_count()} cores; first answers from words only (model still loading): "
          f"{cold['lexical']} of {options.runs}")
    print("\n| file | bytes |\n| --- | ---: |")
    for name, entry in sorted(files.items(), key=lambda item: -item[1]["bytes"]):
        print(f"| {name} | {entry['bytes']:,} |")
    print("\n| measure | median | p95 | runs |\n| --- | ---: | ---: | ---: |")
    print(row("cold page load to first answer (Chromium)", cold["first"], "ms"))
    print(row("cold page load to model ready (Chromium)", cold["model"], "ms"))
    print(row("warm answer in the browser (Chromium)", warm))
    print(row("warm answer, CLI in process (peer)", cli))


if __name__ == "__main__":
    main()
