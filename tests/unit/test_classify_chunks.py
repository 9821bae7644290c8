"""The classify stage hands a polled batch to its worker in growing chunks and sends each
chunk's reports once it is classified: a launch item early in a full batch is not held
until the whole batch is classified, and the reports still come out in the items' order."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from typing import Any

import pytest

from schemas import DeadLetter, FeedItem, LaunchReport
from services.classify.worker import ClassifyHandler, chunk_bounds
from services.runtime.bus import Record
from services.runtime.deadletter import DeadLetters
from services.runtime.memory_bus import MemoryBus
from services.runtime.retry import Backoff
from services.runtime.stage import StageRunner

NOW = datetime(2026, 11, 25, 0, 0, tzinfo=timezone.utc)


def verdict(item: FeedItem, now: datetime) -> LaunchReport:
    """A stand-in classifier: an item is a launch when its title says "missile"."""
    launch = "missile" in item.title
    return LaunchReport(item_id=item.item_id, feed=item.feed, title=item.title, is_launch=launch,
                        confidence=0.9 if launch else 0.01, classified_at=now)


def item_record(offset: int, title: str) -> Record:
    item = FeedItem(item_id=f"i{offset:03d}", feed="Wire", feed_url="http://wire/feed.xml", title=title,
                    summary="", lang="en", published_at=NOW, first_seen_at=NOW)
    return Record("items", 0, offset, item.item_id.encode(), item.to_bytes(), (), 0)


class HeldPool:
    """Runs each `map` call in this process, in the order the calls were made (as the one
    worker does), but finishes a call only when the test releases it (`release(n)`: the
    first n calls). `fail_call` makes that call fail as a whole."""

    def __init__(self, fail_call: int | None = None) -> None:
        self.calls: list[int] = []  # items per call, in call order
        self._released = 0
        self._changed = asyncio.Event()
        self._fail_call = fail_call

    def release(self, calls: int) -> None:
        self._released = calls
        self._changed.set()

    async def map(self, function: Callable[..., Any], items: Sequence[Any], *args: Any, timeout_s: float) -> list[Any]:
        number = len(self.calls)
        self.calls.append(len(items))
        while self._released <= number:
            self._changed.clear()
            await self._changed.wait()
        if number == self._fail_call:
            raise RuntimeError("the worker pool is gone")
        return [function(value, *args) for value in items]


def handler_for(bus: MemoryBus, pool: HeldPool) -> ClassifyHandler:
    return ClassifyHandler(bus.producer(), reports_topic="reports", launch_reports_topic="launch-reports",
                           min_confidence=0.5, clock=lambda: NOW, pool=pool,  # type: ignore[arg-type]
                           classify_item=verdict)


def reported(bus: MemoryBus, topic: str = "reports") -> list[str]:
    return [LaunchReport.from_bytes(r.value).item_id for r in bus.records(topic)]


async def until(condition: Callable[[], bool]) -> None:
    for _ in range(500):
        if condition():
            return
        await asyncio.sleep(0)
    raise AssertionError("the condition never came true")


def test_chunks_start_at_the_first_size_and_double():
    assert chunk_bounds(100, 8) == [(0, 8), (8, 24), (24, 56), (56, 100)]
    assert chunk_bounds(8, 8) == [(0, 8)]
    assert chunk_bounds(3, 8) == [(0, 3)]
    assert chunk_bounds(0, 8) == []
    assert chunk_bounds(4, 1) == [(0, 1), (1, 3), (3, 4)]


async def test_a_launch_early_in_a_full_batch_is_reported_while_the_rest_is_still_being_classified():
    bus = MemoryBus(default_partitions=1)
    pool = HeldPool()
    records = [item_record(n, "North Korea fires missile" if n == 2 else f"Council budget {n}") for n in range(100)]
    batch = asyncio.create_task(handler_for(bus, pool).many(records))
    pool.release(1)  # the worker has classified the first chunk only
    await until(lambda: bool(bus.records("launch-reports")))

    assert reported(bus, "launch-reports") == ["i002"]
    assert reported(bus) == [f"i{n:03d}" for n in range(8)]  # the rest waits for its chunks
    assert not batch.done()
    pool.release(len(pool.calls))
    assert await batch == [None] * 100
    assert pool.calls == [8, 16, 32, 44]  # every record handed over once
    assert reported(bus) == [f"i{n:03d}" for n in range(100)]


async def test_reports_keep_the_items_order_when_a_later_chunk_is_classified_first():
    bus = MemoryBus(default_partitions=1)
    pool = HeldPool()
    records = [item_record(n, f"missile {n}") for n in range(30)]
    batch = asyncio.create_task(handler_for(bus, pool).many(records))
    await until(lambda: len(pool.calls) == 3)
    pool.release(3)
    assert await batch == [None] * 30
    assert reported(bus, "launch-reports") == [f"i{n:03d}" for n in range(30)]
    assert reported(bus) == [f"i{n:03d}" for n in range(30)]


async def test_a_chunk_that_cannot_be_classified_is_classified_again_alone_and_nothing_is_lost():
    bus = MemoryBus(default_partitions=1)
    pool = HeldPool(fail_call=1)
    pool.release(10_000)
    for n in range(20):
        record = item_record(n, f"Council budget {n}")
        await bus.producer().send("items", record.value, key=record.key)
    runner = StageRunner(consumer=await bus.consumer(["items"], "classify"), handler=handler_for(bus, pool),
                         dead_letters=DeadLetters(bus.producer(), "dlq", "classify"), poll_timeout_s=0.05,
                         backoff=Backoff(max_attempts=3), sleep=lambda _: asyncio.sleep(0))
    stop = asyncio.Event()
    task = asyncio.create_task(runner.run(stop))
    try:
        await until(lambda: bus.committed("classify", "items", 0) == 20)
    finally:
        stop.set()
        await asyncio.wait_for(task, 5)
    # The first chunk was sent; the second (records 8 to 19) failed whole and each of its
    # records was classified alone after it: every item has its report, none dead-lettered.
    assert sorted(reported(bus)) == [f"i{n:03d}" for n in range(20)]
    assert reported(bus)[:8] == [f"i{n:03d}" for n in range(8)]
    assert not [DeadLetter.from_bytes(r.value) for r in bus.records("dlq")]


async def test_a_first_chunk_that_cannot_be_classified_fails_the_batch_before_anything_is_sent():
    bus = MemoryBus(default_partitions=1)
    pool = HeldPool(fail_call=0)
    pool.release(10_000)
    with pytest.raises(RuntimeError, match="the worker pool is gone"):
        await handler_for(bus, pool).many([item_record(n, f"Council budget {n}") for n in range(20)])
    assert reported(bus) == []


class SlowBroker:
    """A producer whose sends are acknowledged only when the test says so."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []  # (topic, item id), in the order sends were made
        self.acknowledged = asyncio.Event()

    async def send(self, topic: str, value: bytes, *, key: bytes | None = None, headers=()) -> None:
        self.sent.append((topic, LaunchReport.from_bytes(value).item_id))
        await self.acknowledged.wait()


async def test_a_chunks_reports_are_sent_without_waiting_for_the_acknowledgements_of_the_chunk_before():
    broker = SlowBroker()
    pool = HeldPool()
    pool.release(10_000)
    handler = ClassifyHandler(broker, reports_topic="reports",  # type: ignore[arg-type]
                              launch_reports_topic="launch-reports", min_confidence=0.5, clock=lambda: NOW,
                              pool=pool, classify_item=verdict)  # type: ignore[arg-type]
    titles = ["North Korea fires missile" if n in (3, 20) else f"Council budget {n}" for n in range(30)]
    batch = asyncio.create_task(handler.many([item_record(n, title) for n, title in enumerate(titles)]))
    # Nothing is acknowledged yet, and still every chunk's reports are on their way, in order.
    await until(lambda: len(broker.sent) == 32)
    assert broker.sent == [sent for n in range(30) for sent in
                           [("reports", f"i{n:03d}"), *([("launch-reports", f"i{n:03d}")] if n in (3, 20) else [])]]
    assert not batch.done()  # the batch is done (and committed) only once all are acknowledged
    broker.acknowledged.set()
    assert await batch == [None] * 30
