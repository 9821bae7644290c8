"""The classify stage: items in, a report for every item and event revisions for launches out."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime

from pydantic import ValidationError

from schemas import FeedItem, LaunchReport
from services.classify.classifier import classify
from services.classify.clusterer import Clusterer
from services.runtime.bus import Producer, Record
from services.runtime.errors import InvalidMessage
from services.runtime.lifecycle import StageContext
from services.runtime.logs import get_logger
from services.runtime.stage import StageRunner

GROUP = "launchwatch-classify"


def report_for(item: FeedItem, now: datetime, source_tz: str | None = None) -> LaunchReport:
    """Classify one item into its LaunchReport (pure)."""
    result = classify(item.title, item.summary, lang=item.lang, published_at=item.published_at or item.first_seen_at,
                      source_tz=source_tz)
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
    """Handles one item record: publish its report, then any event revisions it causes."""

    def __init__(self, producer: Producer, clusterer: Clusterer, *, reports_topic: str, events_topic: str,
                 min_confidence: float, clock: Callable[[], datetime]) -> None:
        self._producer = producer
        self._clusterer = clusterer
        self._reports_topic = reports_topic
        self._events_topic = events_topic
        self._min_confidence = min_confidence
        self._clock = clock

    async def __call__(self, record: Record) -> None:
        try:
            item = FeedItem.from_bytes(record.value)
        except ValidationError as exc:
            raise InvalidMessage(f"not a FeedItem: {exc.errors()[0]['loc']}: {exc.errors()[0]['msg']}") from exc
        log = get_logger().bind(item_id=item.item_id, feed=item.feed)
        report = report_for(item, self._clock())
        await self._producer.send(self._reports_topic, report.to_bytes(), key=item.item_id.encode())
        if not report.is_launch:
            log.debug("item_classified", is_launch=False, confidence=report.confidence)
            return
        log.info("launch_detected", confidence=report.confidence, actor=report.fields.actor,
                 kind=report.fields.kind, title=report.title, retrospective=report.retrospective)
        if report.confidence < self._min_confidence:
            return
        # A crash after the clusterer stored a revision but before it was sent re-handles
        # the item: the clusterer then returns the same revisions again, and they are sent.
        for event in self._clusterer.add(report):
            await self._producer.send(self._events_topic, event.to_bytes(), key=event.event_id.encode())
            log.info("event_published", event_id=event.event_id, revision=event.revision,
                     status=event.status, changes=event.changes)


class ClassifyStage:
    def __init__(self, runner: StageRunner) -> None:
        self._runner = runner

    async def run(self, stop: asyncio.Event) -> None:
        await self._runner.run(stop)


async def build_stage(ctx: StageContext) -> ClassifyStage:
    consumer = await ctx.bus.consumer([ctx.topic("items")], GROUP)
    handler = ClassifyHandler(
        ctx.bus.producer(),
        Clusterer(ctx.db(), ctx.clock),
        reports_topic=ctx.topic("reports"),
        events_topic=ctx.topic("events"),
        min_confidence=ctx.settings.classify.min_confidence,
        clock=ctx.clock,
    )
    runner = StageRunner(consumer=consumer, handler=handler, dead_letters=ctx.dead_letters("classify"),
                         max_batch=ctx.settings.bus.max_batch)
    return ClassifyStage(runner)
