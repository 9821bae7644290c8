"""The classify stage: `launchwatch.items` in, a `LaunchReport` for every item out.

Every report goes to `launchwatch.reports` (key item_id); the reports that can start, join
or walk back a launch event also go to `launchwatch.launch-reports` under one constant key,
for the events stage (`services.events`). Any number of instances can run, up to the
partitions of the items topic.

Classification never runs on the event loop: the items of each polled batch are classified
together in a worker process (`services.runtime.cpu_pool`, one hand-over per batch: the
worker decodes each item and encodes its report, so only bytes cross), each item with a
time limit, `CLASSIFY_TIMEOUT_S`. An item that passes it is dead-lettered with the reason
(`ClassifyTimeout`) and the stage goes on with the others; the worker is killed, so the
slow classification stops too. The batch's reports are then sent together. Only the first
`MAX_TITLE_CHARS` of a title and `MAX_SUMMARY_CHARS` of a summary are classified: a launch
report says what it is in its headline and first paragraphs, and a bound on the text is a
bound on the time.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from datetime import datetime

from schemas import FeedItem, LaunchReport
from services.classify.metrics import LAUNCH_REPORTS, REPORTS
from services.classify.report import (MAX_SUMMARY_CHARS, MAX_TITLE_CHARS, Classified,  # noqa: F401
                                      classify_value, report_for)
from services.classify.workers import WORKER_MODULES
from services.runtime.bus import Producer, Record
from services.runtime.codec import decode
from services.runtime.cpu_pool import CpuPool, TimeLimitExceeded, WorkerDied, preload
from services.runtime.errors import PermanentError
from services.runtime.lifecycle import StageContext
from services.runtime.logs import get_logger
from services.runtime.stage import StageRunner

LAUNCH_REPORTS_KEY = b"launch-reports"
# Typical items take well under a millisecond; this is thousands of times that, and still
# short enough that an alert behind a pathological item is late by seconds, not minutes.
CLASSIFY_TIMEOUT_S = 2.0
CLASSIFY_WORKERS = 1  # the stage handles records in order, one at a time

# Workers start with the lexicons compiled (seconds of work), also after a kill; the stage's
# own process never compiles them (see `services.classify.workers`).
preload(*WORKER_MODULES)


class ClassifyTimeout(PermanentError):
    """Classifying the item took longer than the time limit; it is dead-lettered."""


class ClassifyCrashed(PermanentError):
    """The worker process classifying the item died; the item is dead-lettered."""


class ClassifyHandler:
    """Item records in: for each, its report out, and the report again for the clusterer if
    it counts. Records come a polled batch at a time (`many`), or one at a time.

    `classify_item(item, now)` (default `report_for`) runs in `pool`, `timeout_s` at most
    per item; it must be a module-level function, as it crosses to a worker process.
    """

    def __init__(self, producer: Producer, *, reports_topic: str, launch_reports_topic: str,
                 min_confidence: float, clock: Callable[[], datetime], pool: CpuPool,
                 timeout_s: float = CLASSIFY_TIMEOUT_S,
                 classify_item: Callable[[FeedItem, datetime], LaunchReport] = report_for) -> None:
        self._producer = producer
        self._reports_topic = reports_topic
        self._launch_reports_topic = launch_reports_topic
        self._min_confidence = min_confidence
        self._clock = clock
        self._pool = pool
        self._timeout_s = timeout_s
        self._classify_item = classify_item

    async def __call__(self, record: Record) -> None:
        """Raises `InvalidMessage` for a record that is no FeedItem, `ClassifyTimeout` and
        `ClassifyCrashed` for an item its worker could not classify (all dead-lettered)."""
        (error,) = await self.many([record])
        if error is not None:
            raise error

    async def many(self, records: Sequence[Record]) -> list[BaseException | None]:
        """Classify `records` in one worker call and send their reports together; per record
        None or what failed it (see `__call__`)."""
        outcomes = await self._pool.map(classify_value, [r.value for r in records], self._clock(),
                                        self._min_confidence, self._classify_item, timeout_s=self._timeout_s)
        errors: list[BaseException | None] = [None] * len(records)
        sends: list[tuple[int, Classified]] = []
        for index, (record, outcome) in enumerate(zip(records, outcomes)):
            if isinstance(outcome, Classified):
                sends.append((index, outcome))
            elif isinstance(outcome, TimeLimitExceeded):
                item = decode(FeedItem, record)
                get_logger().warning("classify_timeout", item_id=item.item_id, feed=item.feed,
                                     timeout_s=self._timeout_s)
                errors[index] = ClassifyTimeout(
                    f"item {item.item_id}: classification took longer than {self._timeout_s:g} s")
            elif isinstance(outcome, WorkerDied):
                item = decode(FeedItem, record)
                errors[index] = ClassifyCrashed(f"item {item.item_id}: classification failed: {outcome}")
            else:
                errors[index] = outcome
        # Sent together: the in-memory bus writes them to its journal in one transaction,
        # Kafka's producer in one request.
        sent = await asyncio.gather(*(self._publish(done) for _, done in sends), return_exceptions=True)
        for (index, _), result in zip(sends, sent):
            if isinstance(result, BaseException):
                errors[index] = result
        return errors

    async def _publish(self, done: Classified) -> None:
        key = done.item_id.encode()
        if done.reaches_clusterer:
            for result in await asyncio.gather(
                    self._producer.send(self._reports_topic, done.payload, key=key),
                    self._producer.send(self._launch_reports_topic, done.payload, key=LAUNCH_REPORTS_KEY),
                    return_exceptions=True):
                if isinstance(result, BaseException):
                    raise result
            LAUNCH_REPORTS.inc()
        else:
            await self._producer.send(self._reports_topic, done.payload, key=key)
        REPORTS.labels(str(done.is_launch).lower()).inc()
        if done.launch_log is not None:
            get_logger().info("launch_detected", **done.launch_log)


class ClassifyStage:
    """The consume loop over `ClassifyHandler`; stops the classify workers when it stops."""

    def __init__(self, runner: StageRunner, pool: CpuPool) -> None:
        self._runner = runner
        self._pool = pool

    async def run(self, stop: asyncio.Event) -> None:
        try:
            await self._pool.start()  # before the first item, so that it does not wait for the workers
            await self._runner.run(stop)
        finally:
            self._pool.close()


async def build_stage(ctx: StageContext) -> ClassifyStage:
    pool = CpuPool(CLASSIFY_WORKERS, preload=WORKER_MODULES)
    runner = StageRunner(
        consumer=await ctx.bus.consumer([ctx.topic("items")], ctx.group("classify")),
        handler=ClassifyHandler(ctx.bus.producer(), reports_topic=ctx.topic("reports"),
                                launch_reports_topic=ctx.topic("launch-reports"),
                                min_confidence=ctx.settings.classify.min_confidence, clock=ctx.clock, pool=pool),
        dead_letters=ctx.dead_letters("classify"),
        max_batch=ctx.settings.bus.max_batch,
    )
    return ClassifyStage(runner, pool)
