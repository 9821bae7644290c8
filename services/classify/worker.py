"""The classify stage: `launchwatch.items` in, a `LaunchReport` for every item out.

Every report goes to `launchwatch.reports` (key item_id); the reports that can start, join
or walk back a launch event also go to `launchwatch.launch-reports` under one constant key,
for the events stage (`services.events`). Any number of instances can run, up to the
partitions of the items topic.

Classification never runs on the event loop: the items of each polled batch are classified
in a worker process (`services.runtime.cpu_pool`, a few hand-overs per batch, the first of
`CLASSIFY_FIRST_CHUNK_RECORDS` items, each next twice as many: the worker decodes each item
and encodes its report, so only bytes cross), each item with a time limit,
`CLASSIFY_TIMEOUT_S`. An item that passes it is dead-lettered with the reason
(`ClassifyTimeout`) and the stage goes on with the others; the worker is killed, so the
slow classification stops too. Each chunk's reports are sent, in order, as soon as the
chunk is classified, while the worker classifies the next. Only the first
`MAX_TITLE_CHARS` of a title and `MAX_SUMMARY_CHARS` of a summary are classified: a launch
report says what it is in its headline and first paragraphs, and a bound on the text is a
bound on the time.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from typing import Any

from schemas import FeedItem, LaunchReport
from services.classify.metrics import LAUNCH_REPORTS, REPORTS
from services.classify.report import (MAX_SUMMARY_CHARS, MAX_TITLE_CHARS, Classified,  # noqa: F401
                                      classify_value, report_for)
from services.classify.workers import WORKER_MODULES
from services.runtime.bus import Producer, Record
from services.runtime.codec import decode
from services.runtime.cpu_pool import CpuPool, TimeLimitExceeded, WorkerDied, preload
from services.runtime.errors import PermanentError, RetryableError
from services.runtime.lifecycle import StageContext
from services.runtime.logs import get_logger
from services.runtime.stage import StageRunner

LAUNCH_REPORTS_KEY = b"launch-reports"
# Typical items take well under a millisecond; this is thousands of times that, and still
# short enough that an alert behind a pathological item is late by seconds, not minutes.
CLASSIFY_TIMEOUT_S = 2.0
CLASSIFY_WORKERS = 1  # the stage handles records in order, one at a time
# Records in the first hand-over of a polled batch to the worker; each next chunk is twice
# the one before (8, 16, 32, 64, ...). A report is sent once its chunk is classified, not
# once the whole batch is: at 1,000 items/s a batch held 40 to 100 records, and a launch
# item in it waited for all of them (docs/benchmarks.md). Doubling keeps the hand-overs
# few (four for 100 records; each costs the event loop about 0.35 ms of CPU) while an item
# waits for about twice the records before it at most. Eight background items are about
# 2 ms of the worker's CPU.
CLASSIFY_FIRST_CHUNK_RECORDS = 8

# Workers start with the lexicons compiled (seconds of work), also after a kill; the stage's
# own process never compiles them (see `services.classify.workers`).
preload(*WORKER_MODULES)


class ClassifyTimeout(PermanentError):
    """Classifying the item took longer than the time limit; it is dead-lettered."""


class ClassifyCrashed(PermanentError):
    """The worker process classifying the item died; the item is dead-lettered."""


# The reports of a chunk being sent: (index in the batch, what the worker made of the item).
Reports = list[tuple[int, Classified]]


def chunk_bounds(records: int, first: int) -> list[tuple[int, int]]:
    """(start, end) of each chunk of `records` records: the first `first` long, each next
    twice the one before, the last what remains."""
    bounds: list[tuple[int, int]] = []
    start, size = 0, first
    while start < records:
        bounds.append((start, min(records, start + size)))
        start, size = start + size, 2 * size
    return bounds


def _chunk_failed(cause: Exception) -> RetryableError:
    error = RetryableError(f"the chunk holding this item could not be classified: {cause!r}")
    error.__cause__ = cause
    return error


class ClassifyHandler:
    """Item records in: for each, its report out, and the report again for the clusterer if
    it counts. Records come a polled batch at a time (`many`), or one at a time.

    `classify_item(item, now)` (default `report_for`) runs in `pool`, `timeout_s` at most
    per item; it must be a module-level function, as it crosses to a worker process. A
    batch goes to the worker in chunks of `first_chunk_records`, then twice as many each
    (see `many`).
    """

    def __init__(self, producer: Producer, *, reports_topic: str, launch_reports_topic: str,
                 min_confidence: float, clock: Callable[[], datetime], pool: CpuPool,
                 timeout_s: float = CLASSIFY_TIMEOUT_S,
                 first_chunk_records: int = CLASSIFY_FIRST_CHUNK_RECORDS,
                 classify_item: Callable[[FeedItem, datetime], LaunchReport] = report_for) -> None:
        if first_chunk_records < 1:
            raise ValueError("first_chunk_records must be at least 1")
        self._producer = producer
        self._reports_topic = reports_topic
        self._launch_reports_topic = launch_reports_topic
        self._min_confidence = min_confidence
        self._clock = clock
        self._pool = pool
        self._timeout_s = timeout_s
        self._first_chunk_records = first_chunk_records
        self._classify_item = classify_item

    async def __call__(self, record: Record) -> None:
        """Raises `InvalidMessage` for a record that is no FeedItem, `ClassifyTimeout` and
        `ClassifyCrashed` for an item its worker could not classify (all dead-lettered)."""
        (error,) = await self.many([record])
        if error is not None:
            raise error

    async def many(self, records: Sequence[Record]) -> list[BaseException | None]:
        """Classify `records` and send their reports; per record None or what failed it (see
        `__call__`).

        The records go to the worker in chunks (`chunk_bounds`), all handed over at once (the
        worker takes them in order, one after the other). The reports of a chunk are sent as
        soon as it is classified, while the worker goes on with the next, without waiting for
        the sends of the chunk before to be acknowledged; every send is made in the records'
        order. It returns once every report is acknowledged. When a chunk cannot be
        classified at all (its hand-over failed), its records fail with a `RetryableError`
        (each is then classified again alone); when that is the first chunk, nothing was sent
        yet and the error is raised instead."""
        now = self._clock()
        bounds = chunk_bounds(len(records), self._first_chunk_records)
        calls: list[Awaitable[list[Any]]] = [self._pool.map(
            classify_value, [r.value for r in records[start:end]], now, self._min_confidence,
            self._classify_item, timeout_s=self._timeout_s) for start, end in bounds]
        # The first call is awaited in place: it reaches the worker in this turn of the event
        # loop, and a batch of one chunk (all of them at low rates) pays for no task. The
        # others become tasks now, so that they are handed over (in order, behind the first)
        # in the next turn, without waiting for the first to finish.
        later = [asyncio.ensure_future(call) for call in calls[1:]]
        errors: list[BaseException | None] = [None] * len(records)
        sending: list[tuple[Reports, asyncio.Future[list[Any]]]] = []
        try:
            for (start, end), call in zip(bounds, [calls[0], *later] if calls else []):
                chunk = records[start:end]
                try:
                    outcomes = await call
                except (asyncio.CancelledError, KeyboardInterrupt):
                    raise
                except Exception as exc:
                    if start == 0:
                        raise
                    get_logger().warning("classify_chunk_failed", records=len(chunk), offset=chunk[0].offset,
                                         error=repr(exc))
                    for index in range(start, end):
                        errors[index] = _chunk_failed(exc)
                    continue
                sending.append(self._send_chunk(chunk, outcomes, start, errors))
            for reports, sent in sending:
                self._settle_sends(reports, await sent, errors)
        finally:
            # All done by now unless the batch failed or was cancelled: a call still running
            # then has its worker killed (`CpuPool.map`), and sends not yet acknowledged stop
            # waiting (the batch is not committed, so its records are read again).
            for task in later:
                task.cancel()
            for _, sent in sending:
                sent.cancel()
        return errors

    def _send_chunk(self, records: Sequence[Record], outcomes: Sequence[Any], start: int,
                    errors: list[BaseException | None]) -> tuple[Reports, asyncio.Future[list[Any]]]:
        """Start sending the reports of one classified chunk (`records` from index `start` of
        the batch), every send in order; note in `errors` the items that were not classified.
        Returns the reports being sent (batch index, report) and the future of the sends'
        outcomes: per report one, two for a report that also goes to clustering."""
        reports: Reports = []
        for index, (record, outcome) in enumerate(zip(records, outcomes), start):
            if isinstance(outcome, Classified):
                reports.append((index, outcome))
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
        sends = []
        for _, done in reports:
            sends.append(self._producer.send(self._reports_topic, done.payload, key=done.item_id.encode()))
            if done.reaches_clusterer:
                sends.append(self._producer.send(self._launch_reports_topic, done.payload, key=LAUNCH_REPORTS_KEY))
        # One task per send, started in this order in the next turn of the event loop: the
        # in-memory bus writes them to its journal in one transaction, Kafka's producer
        # batches them, and a later chunk's sends come after these.
        return reports, asyncio.gather(*sends, return_exceptions=True)

    @staticmethod
    def _settle_sends(reports: Reports, sent: list[Any],
                      errors: list[BaseException | None]) -> None:
        """Count and log the reports whose sends were acknowledged; note the others' error."""
        results = iter(sent)
        for index, done in reports:
            outcome = [next(results), *([next(results)] if done.reaches_clusterer else [])]
            failure = next((r for r in outcome if isinstance(r, BaseException)), None)
            if failure is not None:
                errors[index] = failure
                continue
            if done.reaches_clusterer:
                LAUNCH_REPORTS.inc()
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
