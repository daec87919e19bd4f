#!/usr/bin/env python3
"""Time `ask` against an earlier revision of the project, both measured in the same run.

    .venv/bin/python scripts/bench_against.py REV [--cold 7] [--warm 200]

Each revision's code and guide are unpacked from git into a temporary folder, get
an index of their own, then alternate: `--help` and cold `ask` (a new process each
time), and warm `ask` (in one process). Prints medians and p95 in a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ["How do I rebuild trust after a broken promise?", "my mentee keeps ghosting me",
             "how often should we meet?", "she doesn't feel safe at home",
             "what goes in a mentoring agreement", "my mentor talks the whole time lol"]
WARM = """
import json, statistics, sys, time
from mentor_assistant.cli import open_assistant  # the same in every layout of the package
from mentor_assistant.settings import resolve_settings
settings = resolve_settings({"config": sys.argv[1], "index_dir": sys.argv[2]}, {})
assistant = open_assistant(settings, warn_stale=False).warm_up()
questions = json.loads(sys.argv[4])
times = []
for i in range(int(sys.argv[3])):
    start = time.perf_counter()
    assistant.ask(questions[i % len(questions)])
    times.append(time.perf_counter() - start)
print(json.dumps(times))
"""


def unpack(revision: str, folder: Path) -> Path:
    """The project as it was at ``revision`` (or the working tree for 'HEAD+')."""
    if revision == "working-tree":
        shutil.copytree(ROOT, folder, ignore=shutil.ignore_patterns(
            ".venv", ".git", "site*", ".mentor-assistant", "__pycache__"))
        return folder
    folder.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", revision], check=True,
                             capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def command(tree: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "mentor_assistant", *args, "--config",
            str(tree / "mkdocs.yml"), "--index-dir", str(tree / "index")]


def check_own_code(tree: Path) -> None:
    """Stop unless a process started in ``tree`` imports that tree's package. Python puts
    the working folder first on its path, before PYTHONPATH: run from the checkout, both
    sides would import the checkout's code and only the guides would differ."""
    probe = "import mentor_assistant as m; print(m.__file__)"
    found = subprocess.run([sys.executable, "-c", probe], env=env_for(tree), cwd=tree,
                           check=True, capture_output=True, text=True).stdout.strip()
    if not Path(found).resolve().is_relative_to(tree.resolve()):
        sys.exit(f"{tree} would run the code in {found}, not its own")


def env_for(tree: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
    return {**env, "PYTHONPATH": str(tree)}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("revision")
    parser.add_argument("--cold", type=int, default=7)
    parser.add_argument("--warm", type=int, default=200)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="mentor-against-"))
    try:
        trees = {"this version": unpack("working-tree", work / "new"),
                 args.revision: unpack(args.revision, work / "old")}
        for tree in trees.values():
            check_own_code(tree)
            subprocess.run(command(tree, "index", "-q"), check=True, env=env_for(tree),
                           cwd=tree, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        cold: dict[str, list[float]] = {name: [] for name in trees}
        usage: dict[str, list[float]] = {name: [] for name in trees}
        for i in range(args.cold):
            for name, tree in trees.items():
                start = time.perf_counter()
                subprocess.run([sys.executable, "-m", "mentor_assistant", "--help"], check=True,
                               env=env_for(tree), cwd=tree, stdout=subprocess.DEVNULL)
                usage[name].append(time.perf_counter() - start)
                start = time.perf_counter()
                subprocess.run(command(tree, "ask", QUESTIONS[i % len(QUESTIONS)]), check=True,
                               env=env_for(tree), cwd=tree, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
                cold[name].append(time.perf_counter() - start)
        warm = {name: json.loads(subprocess.run(
            [sys.executable, "-c", WARM, str(tree / "mkdocs.yml"), str(tree / "index"),
             str(args.warm), json.dumps(QUESTIONS)], check=True, env=env_for(tree), cwd=tree,
            capture_output=True, text=True).stdout) for name, tree in trees.items()}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("| measure | version | runs | median | p95 |\n| --- | --- | ---: | ---: | ---: |")
    for label, table, unit, scale in (("--help (new process)", usage, "ms", 1000),
                                      ("cold ask (new process)", cold, "s", 1),
                                      ("warm ask (in process)", warm, "ms", 1000)):
        for name, times in table.items():
            print(f"| {label} | {name} | {len(times)} | {statistics.median(times) * scale:.3g} "
                  f"{unit} | {percentile(times, 0.95) * scale:.3g} {unit} |")


if __name__ == "__main__":
    main()
