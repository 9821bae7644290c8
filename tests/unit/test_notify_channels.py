"""Channel edges without sockets: Retry-After, status mapping, and the per-destination pace."""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone

import pytest

from services.notify.channels import DestinationPacer, error_for_status
from services.runtime.retry import retry_after_s as parse_retry_after
from services.runtime.errors import PermanentError, RetryableError

NOW = datetime(2026, 11, 25, 1, 0, 0, tzinfo=timezone.utc)


def test_retry_after_in_seconds_or_as_an_http_date():
    assert parse_retry_after("7", NOW) == 7.0
    assert parse_retry_after("Wed, 25 Nov 2026 01:00:30 GMT", NOW) == 30.0
    assert parse_retry_after("Wed, 25 Nov 2026 00:59:00 GMT", NOW) == 0.0
    assert parse_retry_after("soon", NOW) is None and parse_retry_after(None, NOW) is None


@pytest.mark.parametrize(("status", "retryable"), [(429, True), (500, True), (503, True), (408, True),
                                                    (400, False), (403, False), (404, False), (410, False)])
def test_status_is_named_by_what_to_do_next(status, retryable):
    error = error_for_status(status, "webhook", retry_after_s=5.0 if retryable else None)
    assert isinstance(error, RetryableError if retryable else PermanentError)
    assert str(status) in str(error)


class FakeTime:
    def __init__(self) -> None:
        self.now = 100.0
        self.waits: list[float] = []

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.waits.append(round(seconds, 6))
        self.now += seconds
        await asyncio.sleep(0)


async def test_one_destination_gets_at_most_one_message_per_interval_and_others_are_not_held():
    clock = FakeTime()
    pacer = DestinationPacer(1.0, monotonic=clock.monotonic, sleep=clock.sleep)
    sent: list[tuple[str, float]] = []

    async def send(destination: str) -> None:
        async with pacer.turn(destination):
            sent.append((destination, clock.now))

    await asyncio.gather(*(send("a") for _ in range(3)), send("b"))
    times_a = [t for d, t in sent if d == "a"]
    assert times_a == [100.0, 101.0, 102.0]
    assert clock.waits == [1.0, 1.0]  # only the second and third "a" waited; "b" went at once
    assert [d for d, _ in sent].count("b") == 1
