"""The retry helper: backoff grows to a cap, Retry-After wins, bugs are not retried."""

from __future__ import annotations

import pytest

from services.runtime.errors import RetriesExhausted, RetryableError
from services.runtime.retry import Backoff, retry


async def test_retries_until_success_with_growing_waits():
    waits: list[float] = []
    calls = 0

    async def flaky():
        nonlocal calls
        calls += 1
        if calls < 4:
            raise RetryableError("503")
        return "ok"

    async def sleep(s):
        waits.append(s)

    assert await retry(flaky, Backoff(base_s=1, max_s=3, jitter=0, max_attempts=5), sleep=sleep) == "ok"
    assert waits == [1, 2, 3]


async def test_retry_after_is_honoured():
    waits: list[float] = []

    async def limited():
        if not waits:
            raise RetryableError("429", retry_after_s=7)
        return "ok"

    async def sleep(s):
        waits.append(s)

    await retry(limited, Backoff(base_s=1, jitter=0), sleep=sleep)
    assert waits == [7]


async def test_gives_up_after_the_cap():
    async def down():
        raise RetryableError("503")

    async def sleep(s):
        pass

    with pytest.raises(RetriesExhausted) as info:
        await retry(down, Backoff(max_attempts=3), sleep=sleep)
    assert info.value.attempts == 3


async def test_programming_errors_are_not_retried():
    calls = 0

    async def bug():
        nonlocal calls
        calls += 1
        raise KeyError("x")

    with pytest.raises(KeyError):
        await retry(bug, Backoff(), sleep=None)
    assert calls == 1


def test_jitter_stays_within_bounds():
    b = Backoff(base_s=10, max_s=100, jitter=0.2)
    for _ in range(100):
        assert 8 <= b.delay_s(1) <= 12
        assert b.delay_s(10) <= 100


def test_the_default_retries_outlast_a_receivers_outage_of_five_minutes():
    """With 6 attempts the waits came to 31 s: a short outage of Slack or of the mail relay
    dead-lettered the alert until someone ran `dlq replay`."""
    import random

    from services.config import Settings
    from services.notify.worker import backoff_for

    backoff = backoff_for(Settings())
    rng = random.Random(1)
    shortest = min(sum(backoff.delay_s(n, rng=rng) for n in range(1, backoff.max_attempts)) for _ in range(50))
    assert shortest > 5 * 60
