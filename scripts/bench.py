#!/usr/bin/env python3
"""Benchmarks for the assistant: prints a table of medians and p95, with baselines.

Run from the project folder after ./scripts/main.sh (it uses .venv):

    .venv/bin/python scripts/bench.py [--quick]

Everything runs here, offline, on a copy of the guide in a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CLI = str(BIN / "mentor-assistant")
RSS_PROBE = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, "
             "stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


WARM_UP = 3  # untimed questions asked before the warm benchmarks


def timed(action: Callable[[], object], runs: int, setup: Callable[[], object] | None = None
          ) -> list[float]:
    times = []
    for _ in range(runs):
        if setup:
            setup()
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return times


def run(*command: str) -> None:
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def peak_rss_mb(*command: str) -> float:
    out = subprocess.run([sys.executable, "-c", RSS_PROBE, *command], check=True,
                         capture_output=True, text=True).stdout
    return int(out.strip()) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    args = parser.parse_args()
    reps = {"build": 1 if args.quick else 3, "edit": 3 if args.quick else 5,
            "query": 30 if args.quick else 200, "cold": 3 if args.quick else 7,
            "help": 5 if args.quick else 15}
    os.environ.pop("OPENAI_API_KEY", None)
    os.environ.pop("OPENAI_BASE_URL", None)
    work = Path(tempfile.mkdtemp(prefix="mentor-bench-"))
    try:
        rows = measure(work, reps)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print_table(rows)


def measure(work: Path, reps: dict[str, int]) -> list[tuple[str, int, float, float, str]]:
    shutil.copytree(ROOT / "guide_content", work / "guide_content")
    shutil.copy(ROOT / "mkdocs.yml", work / "mkdocs.yml")
    config = str(work / "mkdocs.yml")
    index_dir = work / "index"
    common = ["--config", config, "--index-dir", str(index_dir)]
    rows = []

    def add(name: str, times: list[float], note: str = "") -> None:
        rows.append((name, len(times), statistics.median(times), percentile(times, 0.95), note))

    pages = sum(1 for _ in (work / "guide_content").rglob("*.md"))
    add(f"index: full build ({pages} Markdown files)", timed(
        lambda: run(CLI, "index", "-q", *common), reps["build"],
        setup=lambda: shutil.rmtree(index_dir, ignore_errors=True)), "new process, cold")
    add("  baseline: re-index, nothing changed", timed(
        lambda: run(CLI, "index", "-q", *common), reps["edit"]))
    page = work / "guide_content" / "mentors" / "building-trust.md"
    original = page.read_text()
    counter = iter(range(10_000))
    add("index: re-index after a one-page edit", timed(
        lambda: run(CLI, "index", "-q", *common), reps["edit"],
        setup=lambda: page.write_text(original.replace(
            "Trust is what makes", f"Trust (edit {next(counter)}) is what makes"))),
        "1 section re-embedded")
    rows += warm_queries(config, index_dir, reps["query"])
    add("ask: cold, offline (new process)", timed(
        lambda: run(CLI, "ask", "How do I rebuild trust after a broken promise?", *common),
        reps["cold"]))
    add("  baseline: python -c 'import chromadb'", timed(
        lambda: run(sys.executable, "-c", "import chromadb"), reps["cold"]))
    add("--help", timed(lambda: run(CLI, "--help"), reps["help"]))
    add("  baseline: python -c pass", timed(lambda: run(sys.executable, "-c", "pass"),
                                            reps["help"]))
    add("  peer: mkdocs --help", timed(lambda: run(str(BIN / "mkdocs"), "--help"), reps["help"]))
    rows.append(("peak RSS: cold ask (MB)", 1,
                 peak_rss_mb(CLI, "ask", "How do I give feedback?", *common), 0.0, ""))
    rows.append(("peak RSS: full index build (MB)", 1,
                 peak_rss_mb(CLI, "index", "-q", "--full", *common), 0.0, ""))
    return rows


def warm_queries(config: str, index_dir: Path, runs: int) -> list[tuple[str, int, float, float,
                                                                        str]]:
    sys.path.insert(0, str(ROOT))
    from mentor_assistant.answers.assistant import Assistant
    from mentor_assistant.answers.retrieval import RETRIEVERS
    from mentor_assistant.evals.evaluation import load_golden
    from mentor_assistant.settings import resolve_settings

    assistant = Assistant(resolve_settings({"config": config, "index_dir": index_dir}, {})).load()
    questions = [q.question for q in load_golden()]
    for question in questions[:WARM_UP]:  # untimed: lazy loads happen here, not in the figures
        for retriever in RETRIEVERS:
            assistant.search(question, 5, retriever)
        assistant.ask(question)
    rows = []
    for retriever in RETRIEVERS:
        cycle = iter(questions * (runs // len(questions) + 1))
        times = timed(lambda r=retriever, c=cycle: assistant.search(next(c), 5, r), runs)
        label = "BM25 only" if retriever == "lexical" else "embed + retrieve"
        rows.append((f"query: warm {retriever} ({label})", runs,
                     statistics.median(times), percentile(times, 0.95), ""))
    vectors = assistant.embedder.embed(questions)
    cycle = iter(list(vectors) * (runs // len(vectors) + 1))
    times = timed(lambda: assistant.index.collection.query(
        query_embeddings=[next(cycle).tolist()], n_results=5), runs)
    rows.append(("  baseline: raw chroma query, vector given", runs, statistics.median(times),
                 percentile(times, 0.95), ""))
    cycle = iter(questions * (runs // len(questions) + 1))
    times = timed(lambda: assistant.embedder.embed([next(cycle)]), runs)
    rows.append(("  baseline: embed one question", runs, statistics.median(times),
                 percentile(times, 0.95), ""))
    cycle = iter(questions * (runs // len(questions) + 1))
    times = timed(lambda: assistant.ask(next(cycle)), max(20, runs // 4))
    rows.append(("ask: warm, offline (in process)", len(times), statistics.median(times),
                 percentile(times, 0.95), "extractive answer"))
    return rows + safety_checks(assistant, runs)


def safety_checks(assistant, runs: int) -> list[tuple[str, int, float, float, str]]:
    """The safety check on the newest final set's questions, and its risk-phrase step alone."""
    from mentor_assistant.safety.detector import clauses_of
    from mentor_assistant.safety.safety_cues import cue_categories, normalise
    from mentor_assistant.safety.safety_eval import SAFETY_FINALS, load_whole

    newest = list(SAFETY_FINALS)[-1]
    texts = [case.text for case in load_whole(SAFETY_FINALS[newest], newest)]
    rows = []
    cycle = iter(texts * (runs // len(texts) + 1))
    times = timed(lambda: assistant.safety.check(next(cycle)), runs)
    rows.append((f"safety: check one question ({newest})", runs, statistics.median(times),
                 percentile(times, 0.95), "clauses embedded, then compared"))
    cycle = iter(texts * (runs // len(texts) + 1))
    times = timed(lambda: [cue_categories(clause)
                           for clause in clauses_of(normalise(next(cycle)))], runs)
    rows.append(("  part of it: risk phrases only", runs, statistics.median(times),
                 percentile(times, 0.95), "normalise + cues"))
    return rows


def print_table(rows: list[tuple[str, int, float, float, str]]) -> None:
    print("| benchmark | runs | median | p95 | note |\n| --- | ---: | ---: | ---: | --- |")
    for name, runs, median, p95, note in rows:
        if name.startswith("peak RSS"):
            print(f"| {name} | {runs} | {median:.0f} | | {note} |")
        elif median < 1:
            print(f"| {name} | {runs} | {median * 1000:.1f} ms | {p95 * 1000:.1f} ms | {note} |")
        else:
            print(f"| {name} | {runs} | {median:.2f} s | {p95:.2f} s | {note} |")


if __name__ == "__main__":
    main()
