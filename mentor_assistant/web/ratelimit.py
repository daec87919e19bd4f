"""A per-client token bucket: a steady rate with room for short bursts.

`RateLimiter` keeps the buckets in memory, for one process. `SharedRateLimiter`
keeps them in a small SQLite file, so that the worker processes of one server count
a client once: two workers do not double the limit.
"""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class _Bucket:
    tokens: float
    updated: float


class RateLimiter:
    """Allow ``per_minute`` requests per client on average, ``burst`` at once."""

    def __init__(self, per_minute: int, burst: int | None = None, clients: int = 10_000) -> None:
        self.rate = per_minute / 60.0
        self.burst = float(burst or max(1, per_minute // 3))
        self.clients = clients
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()

    def check(self, client: str, now: float | None = None) -> float:
        """0 when the request may go ahead, else the seconds to wait."""
        now = time.monotonic() if now is None else now
        with self._lock:
            bucket = self._buckets.get(client)
            if bucket is None:
                if len(self._buckets) >= self.clients:
                    self._forget_idle(now)
                bucket = self._buckets[client] = _Bucket(self.burst, now)
            return self._take(bucket, now)

    def _take(self, bucket: _Bucket, now: float) -> float:
        """Refill ``bucket`` up to ``now`` and take one token if there is one."""
        bucket.tokens = min(self.burst, bucket.tokens + max(0.0, now - bucket.updated) * self.rate)
        bucket.updated = now
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            return 0.0
        return (1 - bucket.tokens) / self.rate if self.rate else math.inf

    def _forget_idle(self, now: float) -> None:
        full = [key for key, b in self._buckets.items()
                if b.tokens + (now - b.updated) * self.rate >= self.burst]
        for key in full or list(self._buckets)[: len(self._buckets) // 2]:
            del self._buckets[key]


class SharedRateLimiter(RateLimiter):
    """The same buckets in a SQLite file that every worker process of a server opens.

    Times come from the monotonic clock, which is one clock for the whole machine on
    Linux and macOS. If the file cannot be used, the limiter falls back to this
    process's own buckets rather than refusing or failing requests.
    """

    def __init__(self, path: Path, per_minute: int, burst: int | None = None,
                 clients: int = 10_000) -> None:
        super().__init__(per_minute, burst, clients)
        self.path = path
        self._local = threading.local()

    def check(self, client: str, now: float | None = None) -> float:
        import sqlite3

        now = time.monotonic() if now is None else now
        try:
            return self._check_shared(client, now)
        except sqlite3.Error:
            return super().check(client, now)

    def _check_shared(self, client: str, now: float) -> float:
        database = self._database()
        database.execute("BEGIN IMMEDIATE")
        try:
            row = database.execute("SELECT tokens, updated FROM buckets WHERE client = ?",
                                   (client,)).fetchone()
            bucket = _Bucket(*row) if row else _Bucket(self.burst, now)
            wait = self._take(bucket, now)
            database.execute("INSERT OR REPLACE INTO buckets VALUES (?, ?, ?)",
                             (client, bucket.tokens, bucket.updated))
            if row is None:
                self._forget_idle_shared(database, now)
            database.execute("COMMIT")
        except BaseException:
            database.execute("ROLLBACK")
            raise
        return wait

    def _forget_idle_shared(self, database, now: float) -> None:
        (count,) = database.execute("SELECT count(*) FROM buckets").fetchone()
        if count > self.clients:
            database.execute("DELETE FROM buckets WHERE tokens + (? - updated) * ? >= ?",
                             (now, self.rate, self.burst))

    def _database(self):
        import sqlite3

        database = getattr(self._local, "database", None)
        if database is None:
            database = sqlite3.connect(self.path, timeout=5, isolation_level=None)
            database.execute("PRAGMA journal_mode = WAL")
            database.execute("PRAGMA synchronous = OFF")
            database.execute("CREATE TABLE IF NOT EXISTS buckets "
                             "(client TEXT PRIMARY KEY, tokens REAL, updated REAL)")
            self._local.database = database
        return database
