"""The classify stage: `launchwatch.items` in, a `LaunchReport` for every item out.

Every report goes to `launchwatch.reports` (key item_id); the reports that can start, join
or walk back a launch event also go to `launchwatch.launch-reports` under one constant key,
for the events stage (`services.events`). Any number of instances can run, up to the
partitions of the items topic.

Classification never runs on the event loop: each item is classified in a worker process
(`services.runtime.cpu_pool`) with a time limit, `CLASSIFY_TIMEOUT_S`. An item that passes
it is dead-lettered with the reason (`ClassifyTimeout`) and the stage goes on with the
next; the worker is killed, so the slow classification stops too. Only the first
`MAX_TITLE_CHARS` of a title and `MAX_SUMMARY_CHARS` of a summary are classified: a launch
report says what it is in its headline and first paragraphs, and a bound on the text is a
bound on the time.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime

from schemas import FeedItem, LaunchReport
from services.classify.metrics import LAUNCH_REPORTS, REPORTS
from services.events.clusterer import reaches_clusterer
from services.runtime.bus import Producer, Record
from services.runtime.codec import decode
from services.runtime.cpu_pool import CpuPool, TimeLimitExceeded, WorkerDied, preload
from services.runtime.errors import PermanentError
from services.runtime.lifecycle import StageContext
from services.runtime.logs import get_logger
from services.runtime.stage import StageRunner

LAUNCH_REPORTS_KEY = b"launch-reports"
# The 52,000 labelled items have titles of at most 400 characters and summaries of at most
# 873: these caps never cut a real item short, and bound what a hostile one costs.
MAX_TITLE_CHARS = 1_000
MAX_SUMMARY_CHARS = 4_000
# Typical items take well under a millisecond; this is thousands of times that, and still
# short enough that an alert behind a pathological item is late by seconds, not minutes.
CLASSIFY_TIMEOUT_S = 2.0
CLASSIFY_WORKERS = 1  # the stage handles records in order, one at a time

# Workers start with the lexicons compiled (seconds of work), also after a kill; the stage's
# own process never compiles them.
WORKER_MODULES = ("services.classify.classifier", __name__)
preload(*WORKER_MODULES)


class ClassifyTimeout(PermanentError):
    """Classifying the item took longer than the time limit; it is dead-lettered."""


class ClassifyCrashed(PermanentError):
    """The worker process classifying the item died; the item is dead-lettered."""


def report_for(item: FeedItem, now: datetime, source_tz: str | None = None) -> LaunchReport:
    """Classify one item into its LaunchReport (pure). Relative times ("this morning") are
    read in `source_tz`, else the item's own source zone, else by the text's language.
    Only the first `MAX_TITLE_CHARS` of the title and `MAX_SUMMARY_CHARS` of the summary
    are read."""
    from services.classify.classifier import classify  # compiled in the workers only (see preload)

    result = classify(item.title[:MAX_TITLE_CHARS], item.summary[:MAX_SUMMARY_CHARS], lang=item.lang,
                      published_at=item.published_at or item.first_seen_at,
                      source_tz=source_tz or item.source_tz)
    return LaunchReport(
        item_id=item.item_id,
        revision=item.revision,
        feed=item.feed,
        url=item.url,
        title=item.title,
        lang=result.lang,
        published_at=item.published_at,
        first_seen_at=item.first_seen_at,
        source_kind=item.source_kind,
        is_launch=result.is_launch,
        confidence=result.confidence,
        fields=result.fields,
        evidence=list(result.evidence),
        language_supported=result.language_supported,
        retrospective=result.retrospective,
        classified_at=now,
    )


class ClassifyHandler:
    """One item record in: its report out, and the report again for the clusterer if it counts.

    `classify_item(item, now)` (default `report_for`) runs in `pool`, `timeout_s` at most;
    it must be a module-level function, as it crosses to a worker process.
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
        item = decode(FeedItem, record)
        try:
            report = await self._pool.run(self._classify_item, item, self._clock(), timeout_s=self._timeout_s)
        except TimeLimitExceeded:
            get_logger().warning("classify_timeout", item_id=item.item_id, feed=item.feed, timeout_s=self._timeout_s)
            raise ClassifyTimeout(f"item {item.item_id}: classification took longer than {self._timeout_s:g} s") \
                from None
        except WorkerDied as exc:
            raise ClassifyCrashed(f"item {item.item_id}: classification failed: {exc}") from None
        payload = report.to_bytes()
        await self._producer.send(self._reports_topic, payload, key=item.item_id.encode())
        REPORTS.labels(str(report.is_launch).lower()).inc()
        if report.is_launch:
            get_logger().info("launch_detected", item_id=item.item_id, feed=item.feed,
                              confidence=report.confidence, actor=report.fields.actor, kind=report.fields.kind,
                              title=report.title, retrospective=report.retrospective)
        if reaches_clusterer(report, self._min_confidence):
            await self._producer.send(self._launch_reports_topic, payload, key=LAUNCH_REPORTS_KEY)
            LAUNCH_REPORTS.inc()


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
