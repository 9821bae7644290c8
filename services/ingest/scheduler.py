"""When to check each source next: pure functions of what the last poll saw, plus a queue.

The interval starts from the source's configured `interval_s` and is clamped between
`[ingest] min_interval_s` and `max_interval_s`. Within those bounds it is stretched by what
the publisher asks (RSS `<ttl>`, `Cache-Control: max-age`) and by how rarely the source
actually publishes (a quarter of the median gap between its recent items, at most
`adaptive_max_factor` times the configured interval), and spread by jitter — earlier, never
later — so that sources configured alike do not fire together. Failures back off exponentially from the interval
up to `max_interval_s` (a 429/5xx `Retry-After` is honoured even beyond it, up to a day) and
never stop: an alert service must notice when a dead source comes back.
"""

from __future__ import annotations

import heapq
import random
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from services.runtime.retry import Backoff

MAX_RETRY_AFTER_S = 86400.0


@dataclass(frozen=True)
class SchedulePolicy:
    min_interval_s: float = 30.0
    max_interval_s: float = 3600.0
    jitter_ratio: float = 0.1
    adaptive: bool = True
    adaptive_max_factor: float = 4.0


def publishing_gap_s(dates: Sequence[datetime | None]) -> float | None:
    """Median gap between the newest items' publication times, or None with < 3 dates."""
    known = sorted((d.timestamp() for d in dates if d is not None), reverse=True)[:20]
    if len(known) < 3:
        return None
    gaps = [a - b for a, b in zip(known, known[1:]) if a - b > 0]
    return statistics.median(gaps) if gaps else None


def next_interval_s(
    policy: SchedulePolicy,
    interval_s: float,
    *,
    ttl_s: float | None = None,
    max_age_s: float | None = None,
    gap_s: float | None = None,
    rng: random.Random | None = None,
) -> float:
    """Seconds until the next check after a successful poll."""
    wanted = interval_s
    if policy.adaptive and gap_s is not None:
        wanted = max(wanted, min(gap_s / 4, interval_s * policy.adaptive_max_factor))
    for hint in (ttl_s, max_age_s):
        if hint is not None:
            wanted = max(wanted, hint)
    wanted = min(max(wanted, policy.min_interval_s), policy.max_interval_s)
    return _jitter(policy, wanted, rng)


def failure_delay_s(
    policy: SchedulePolicy,
    interval_s: float,
    error_count: int,
    *,
    retry_after_s: float | None = None,
    rng: random.Random | None = None,
) -> float:
    """Seconds until the next try after `error_count` consecutive failures (1 = first)."""
    base = min(max(interval_s, policy.min_interval_s), policy.max_interval_s)
    backoff = Backoff(base_s=base, max_s=max(policy.max_interval_s, base), jitter=policy.jitter_ratio)
    delay = backoff.delay_s(error_count, None, rng)
    if retry_after_s is not None:
        delay = max(delay, min(retry_after_s, MAX_RETRY_AFTER_S))
    return delay


def _jitter(policy: SchedulePolicy, seconds: float, rng: random.Random | None) -> float:
    """Spread a next check *earlier* only: the interval is how stale a source may get, and
    a change must never wait longer than that; `min_interval_s` stays the floor."""
    if not policy.jitter_ratio:
        return seconds
    spread = (rng or random).uniform(-policy.jitter_ratio, 0.0)
    return max(policy.min_interval_s, seconds * (1 + spread))


@dataclass(order=True)
class _Due:
    at: float
    seq: int
    key: str = field(compare=False)


class DueQueue:
    """Sources ordered by next check time (seconds on the injected clock)."""

    def __init__(self) -> None:
        self._heap: list[_Due] = []
        self._at: dict[str, float] = {}
        self._seq = 0

    def __len__(self) -> int:
        return len(self._at)

    def schedule(self, key: str, at: float) -> None:
        """Set (or move) the next check of `key` to `at`."""
        self._seq += 1
        self._at[key] = at
        heapq.heappush(self._heap, _Due(at, self._seq, key))

    def discard(self, key: str) -> None:
        self._at.pop(key, None)

    def pop_due(self, now: float, limit: int | None = None) -> list[str]:
        """Keys due at `now`, earliest first; they leave the queue until scheduled again."""
        out: list[str] = []
        while self._heap and self._heap[0].at <= now and (limit is None or len(out) < limit):
            due = heapq.heappop(self._heap)
            if self._at.get(due.key) == due.at:
                del self._at[due.key]
                out.append(due.key)
        return out

    def next_at(self) -> float | None:
        """When the earliest scheduled check is due, or None when nothing is scheduled."""
        while self._heap and self._at.get(self._heap[0].key) != self._heap[0].at:
            heapq.heappop(self._heap)  # stale entry of a rescheduled key
        return self._heap[0].at if self._heap else None


class HostGate:
    """Per-host politeness: at most `limit` requests in flight, starts `spacing_s` apart."""

    def __init__(self, limit: int, spacing_s: float) -> None:
        self.limit = limit
        self.spacing_s = spacing_s
        self._in_flight: dict[str, int] = {}
        self._last_start: dict[str, float] = {}

    def wait_s(self, host: str, now: float) -> float:
        """0 when a request to `host` may start now, else how long to wait (at least a bit
        when the host is at its limit, since a slot frees when a fetch ends)."""
        if self._in_flight.get(host, 0) >= self.limit:
            return max(self.spacing_s, 0.05)
        last = self._last_start.get(host)
        if last is None or self.spacing_s <= 0:
            return 0.0
        return max(0.0, last + self.spacing_s - now)

    def start(self, host: str, now: float) -> None:
        self._in_flight[host] = self._in_flight.get(host, 0) + 1
        self._last_start[host] = now

    def finish(self, host: str) -> None:
        left = self._in_flight.get(host, 0) - 1
        if left > 0:
            self._in_flight[host] = left
        else:
            self._in_flight.pop(host, None)
