"""The one retry helper: capped exponential backoff with jitter, clock and sleep injectable."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import TypeVar

from services.runtime.errors import RetriesExhausted, RetryableError

T = TypeVar("T")
Sleep = Callable[[float], Awaitable[None]]


@dataclass(frozen=True)
class Backoff:
    """How long to wait before attempt n+1: base * 2**n, capped, with +-`jitter` spread."""

    base_s: float = 1.0
    max_s: float = 60.0
    jitter: float = 0.2
    max_attempts: int = 5

    def delay_s(self, failures: int, retry_after_s: float | None = None, rng: random.Random | None = None) -> float:
        """Delay after `failures` consecutive failures (1 = first failure).

        A server's Retry-After wins when it asks for longer than the backoff would wait,
        so a rate-limited client never comes back early.
        """
        exp = min(self.max_s, self.base_s * (2 ** max(0, failures - 1)))
        spread = (rng or random).uniform(1 - self.jitter, 1 + self.jitter) if self.jitter else 1.0
        delay = min(self.max_s, exp * spread)
        if retry_after_s is not None:
            delay = max(delay, retry_after_s)
        return delay


async def retry(
    operation: Callable[[], Awaitable[T]],
    backoff: Backoff,
    *,
    sleep: Sleep = asyncio.sleep,
    on_retry: Callable[[int, RetryableError, float], None] | None = None,
    made: int = 0,
) -> T:
    """Run `operation` until it succeeds, retrying only `RetryableError`.

    Raises `RetriesExhausted` after `backoff.max_attempts` attempts, `made` of them before
    this call (by a process that crashed: one more is always tried); any other exception
    propagates at once (a programming error is never retried).
    """
    attempt = made
    while True:
        attempt += 1
        try:
            return await operation()
        except RetryableError as exc:
            if attempt >= backoff.max_attempts:
                raise RetriesExhausted(
                    f"gave up after {attempt} attempts: {exc}", attempts=attempt, last_error=exc
                ) from exc
            delay = backoff.delay_s(attempt, exc.retry_after_s)
            if on_retry is not None:
                on_retry(attempt, exc, delay)
            await sleep(delay)


def retry_after_s(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds a `Retry-After` header asks for (delta-seconds or an HTTP date, never below
    0), or None when it is absent or unreadable. `now` defaults to the current time."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - (now or datetime.now(timezone.utc))).total_seconds())
