"""The classify stage: items in; a report for every item, and launch event revisions, out.

Two consume loops run in the stage:

- classify: `launchwatch.items` → a `LaunchReport` for every item on `launchwatch.reports`
  (key item_id); the reports that can start, join or walk back an event also go to
  `launchwatch.launch-reports` under one constant key. Any number of instances can run,
  up to the partitions of the items topic.
- cluster: `launchwatch.launch-reports` → event revisions on `launchwatch.events` (key
  event_id). Every report that could join an event must reach the same clusterer, and the
  constant key puts them all on one partition: one instance of the group is active, the
  others stand by and take over on a rebalance.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime

from schemas import FeedItem, LaunchReport
from services.classify.classifier import classify
from services.classify.clusterer import Clusterer, reaches_clusterer
from services.runtime.bus import Producer, Record
from services.runtime.codec import decode
from services.runtime.lifecycle import StageContext
from services.runtime.logs import get_logger
from services.runtime.stage import StageRunner

LAUNCH_REPORTS_KEY = b"launch-reports"


def report_for(item: FeedItem, now: datetime, source_tz: str | None = None) -> LaunchReport:
    """Classify one item into its LaunchReport (pure). Relative times ("this morning") are
    read in `source_tz`, else the item's own source zone, else by the text's language."""
    result = classify(item.title, item.summary, lang=item.lang, published_at=item.published_at or item.first_seen_at,
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
    """One item record in: its report out, and the report again for the clusterer if it counts."""

    def __init__(self, producer: Producer, *, reports_topic: str, launch_reports_topic: str,
                 min_confidence: float, clock: Callable[[], datetime]) -> None:
        self._producer = producer
        self._reports_topic = reports_topic
        self._launch_reports_topic = launch_reports_topic
        self._min_confidence = min_confidence
        self._clock = clock

    async def __call__(self, record: Record) -> None:
        item = decode(FeedItem, record)
        report = report_for(item, self._clock())
        payload = report.to_bytes()
        await self._producer.send(self._reports_topic, payload, key=item.item_id.encode())
        if report.is_launch:
            get_logger().info("launch_detected", item_id=item.item_id, feed=item.feed,
                              confidence=report.confidence, actor=report.fields.actor, kind=report.fields.kind,
                              title=report.title, retrospective=report.retrospective)
        if reaches_clusterer(report, self._min_confidence):
            await self._producer.send(self._launch_reports_topic, payload, key=LAUNCH_REPORTS_KEY)


class ClusterHandler:
    """One launch report in: the event revisions it causes out, keyed by event id.

    A crash after the clusterer stored a revision but before it was sent re-handles the
    report: the clusterer then returns the same revisions again, and they are sent.
    """

    def __init__(self, producer: Producer, clusterer: Clusterer, *, events_topic: str) -> None:
        self._producer = producer
        self._clusterer = clusterer
        self._events_topic = events_topic

    async def __call__(self, record: Record) -> None:
        report = decode(LaunchReport, record)
        for event in self._clusterer.add(report):
            await self._producer.send(self._events_topic, event.to_bytes(), key=event.event_id.encode())
            get_logger().info("event_published", item_id=report.item_id, feed=report.feed, event_id=event.event_id,
                              revision=event.revision, status=event.status, changes=event.changes)


class ClassifyStage:
    def __init__(self, *runners: StageRunner) -> None:
        self._runners = runners

    async def run(self, stop: asyncio.Event) -> None:
        await asyncio.gather(*(runner.run(stop) for runner in self._runners))


async def build_stage(ctx: StageContext) -> ClassifyStage:
    producer = ctx.bus.producer()
    batch = ctx.settings.bus.max_batch
    classify_runner = StageRunner(
        consumer=await ctx.bus.consumer([ctx.topic("items")], ctx.group("classify")),
        handler=ClassifyHandler(producer, reports_topic=ctx.topic("reports"),
                                launch_reports_topic=ctx.topic("launch-reports"),
                                min_confidence=ctx.settings.classify.min_confidence, clock=ctx.clock),
        dead_letters=ctx.dead_letters("classify"),
        max_batch=batch,
    )
    cluster_runner = StageRunner(
        consumer=await ctx.bus.consumer([ctx.topic("launch-reports")], ctx.group("cluster")),
        handler=ClusterHandler(producer, Clusterer(ctx.db(), ctx.clock), events_topic=ctx.topic("events")),
        dead_letters=ctx.dead_letters("classify"),
        max_batch=batch,
    )
    return ClassifyStage(classify_runner, cluster_runner)
