"""Classification runs off the event loop with a time limit per item: a slow item is
dead-lettered with the reason and the items behind it wait no longer than the limit."""

from __future__ import annotations

import asyncio
import time
from datetime import datetime, timezone

from schemas import DeadLetter, FeedItem, LaunchReport
from services.classify.report import report_for
from services.runtime.cpu_pool import CpuPool

# The stage's modules are imported in the tests, not here: a worker that replaces a killed
# one imports this module (for `slow_or_real`), and the stage's own workers import only
# `services.classify.report` too.

NOW = datetime(2026, 11, 25, 0, 0, tzinfo=timezone.utc)
TIMEOUT_S = 1.0


def slow_or_real(item: FeedItem, now: datetime) -> LaunchReport:
    """`report_for`, except for items titled SLOW, which spin the CPU for 30 s first, as a
    matcher's pathological case would (a worker process picks this function up by name)."""
    if item.title.startswith("SLOW"):
        end = time.monotonic() + 30
        while time.monotonic() < end:
            pass
    return report_for(item, now)


def item(item_id: str, title: str) -> FeedItem:
    return FeedItem(item_id=item_id, feed="Wire", feed_url="http://wire/feed.xml", title=title,
                    summary="", lang="en", published_at=NOW, first_seen_at=NOW)


async def test_a_slow_item_is_dead_lettered_and_the_next_waits_no_longer_than_the_limit():
    from services.classify.worker import ClassifyHandler
    from services.runtime.deadletter import DeadLetters
    from services.runtime.memory_bus import MemoryBus
    from services.runtime.stage import StageRunner

    bus = MemoryBus(default_partitions=1)
    producer = bus.producer()
    pool = CpuPool(1)
    handler = ClassifyHandler(producer, reports_topic="reports", launch_reports_topic="launch-reports",
                              min_confidence=0.5, clock=lambda: NOW, pool=pool, timeout_s=TIMEOUT_S,
                              classify_item=slow_or_real)
    runner = StageRunner(consumer=await bus.consumer(["items"], "classify"), handler=handler,
                         dead_letters=DeadLetters(producer, "dlq", "classify"), poll_timeout_s=0.05)
    await pool.run(slow_or_real, item("warm", "warm-up"), NOW, timeout_s=30)  # the worker is up
    for record in (item("slow", "SLOW North Korea fires missile"), item("next", "North Korea fires ballistic missile")):
        await producer.send("items", record.to_bytes(), key=record.item_id.encode())

    loop = asyncio.get_running_loop()
    gaps: list[float] = []

    async def tick() -> None:  # how long the event loop ever went unserved
        last = loop.time()
        while True:
            await asyncio.sleep(0.01)
            gaps.append(loop.time() - last)
            last = loop.time()

    stop = asyncio.Event()
    started = loop.time()
    ticker = asyncio.create_task(tick())
    task = asyncio.create_task(runner.run(stop))
    try:
        while not bus.records("reports") and loop.time() - started < 10:
            await asyncio.sleep(0.01)
        reported_after_s = loop.time() - started
    finally:
        stop.set()
        await asyncio.wait_for(task, 5)
        ticker.cancel()
        pool.close()

    (report,) = [LaunchReport.from_bytes(r.value) for r in bus.records("reports")]
    assert report.item_id == "next" and report.is_launch
    assert reported_after_s < TIMEOUT_S + 1.0
    (letter,) = [DeadLetter.from_bytes(r.value) for r in bus.records("dlq")]
    assert letter.error == "ClassifyTimeout"
    assert letter.reason == "item slow: classification took longer than 1 s"
    assert max(gaps) < 0.5  # the loop kept serving (HTTP probes, other stages) throughout


async def test_an_oversized_item_is_classified_on_its_first_characters():
    japanese = "北朝鮮が弾道ミサイルを発射した。" + "弾道ミサイルを発射" * 11_000  # ~100 KB of UTF-8
    big = item("big", "北朝鮮、弾道ミサイル発射").model_copy(update={"summary": japanese, "lang": "ja"})
    pool = CpuPool(1)
    try:
        started = time.perf_counter()
        report = await pool.run(report_for, big, NOW, timeout_s=30)
        spent = time.perf_counter() - started
    finally:
        pool.close()
    assert report.is_launch and report.fields.actor == "PRK"
    assert spent < 5.0  # the first 4,000 characters; all 100,000 took 35 s


async def test_chunks_handed_over_behind_a_slow_item_are_classified_by_the_worker_that_replaces_its_own():
    from services.classify.worker import ClassifyHandler, ClassifyTimeout
    from services.runtime.bus import Record
    from services.runtime.memory_bus import MemoryBus

    bus = MemoryBus(default_partitions=1)
    pool = CpuPool(1)
    handler = ClassifyHandler(bus.producer(), reports_topic="reports", launch_reports_topic="launch-reports",
                              min_confidence=0.5, clock=lambda: NOW, pool=pool, timeout_s=TIMEOUT_S,
                              first_chunk_records=2, classify_item=slow_or_real)
    titles = ["North Korea fires ballistic missile"] * 12
    titles[1] = "SLOW North Korea fires missile"  # in the first chunk; chunks 2-5 and 6-11 wait behind it
    records = [Record("items", 0, n, None, item(f"i{n:02d}", title).to_bytes(), (), 0)
               for n, title in enumerate(titles)]
    try:
        await pool.run(slow_or_real, item("warm", "warm-up"), NOW, timeout_s=30)  # the worker is up
        outcomes = await handler.many(records)
    finally:
        pool.close()
    assert isinstance(outcomes[1], ClassifyTimeout)
    assert [o for n, o in enumerate(outcomes) if n != 1] == [None] * 11
    reports = [LaunchReport.from_bytes(r.value) for r in bus.records("reports")]
    assert sorted(r.item_id for r in reports) == [f"i{n:02d}" for n in range(12) if n != 1]
    assert all(r.is_launch for r in reports)
