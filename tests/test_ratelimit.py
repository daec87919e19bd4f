"""The rate limiter: one bucket per client, shared by every process that opens the same file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from mentor_assistant.web.ratelimit import RateLimiter, SharedRateLimiter

TAKE_FIVE = """
import sys
from mentor_assistant.web.ratelimit import SharedRateLimiter
limiter = SharedRateLimiter(sys.argv[1], per_minute=60, burst=4)
print(sum(limiter.check("198.51.100.7", now=1000.0) == 0 for _ in range(5)))
"""


def test_a_burst_then_a_wait_that_matches_the_rate() -> None:
    limiter = RateLimiter(per_minute=60, burst=2)
    assert [limiter.check("a", now=0.0) for _ in range(2)] == [0.0, 0.0]
    assert limiter.check("a", now=0.0) == 1.0
    assert limiter.check("b", now=0.0) == 0.0  # another client has its own bucket
    assert limiter.check("a", now=1.0) == 0.0  # one token back after a second


def test_processes_sharing_a_file_count_a_client_once(tmp_path: Path) -> None:
    state = tmp_path / "rate-limits.sqlite3"
    processes = [subprocess.Popen([sys.executable, "-c", TAKE_FIVE, str(state)],
                                  stdout=subprocess.PIPE, text=True) for _ in range(3)]
    allowed = [int(process.communicate(timeout=60)[0]) for process in processes]
    assert sum(allowed) == 4, allowed  # one burst in all, not one per process


def test_an_unusable_file_falls_back_to_this_process(tmp_path: Path) -> None:
    limiter = SharedRateLimiter(tmp_path / "missing-folder" / "state.sqlite3", per_minute=60,
                                burst=1)
    assert limiter.check("a", now=0.0) == 0.0
    assert limiter.check("a", now=0.0) > 0
