"""The classify stage: `launchwatch.items` in, a `LaunchReport` for every item out.

Every report goes to `launchwatch.reports` (key item_id); the reports that can start, join
or walk back a launch event also go to `launchwatch.launch-reports` under one constant key,
for the events stage (`services.events`). Any number of instances can run, up to the
partitions of the items topic.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from schemas import FeedItem, LaunchReport
from services.classify.classifier import classify
from services.events.clusterer import reaches_clusterer
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


async def build_stage(ctx: StageContext) -> StageRunner:
    return StageRunner(
        consumer=await ctx.bus.consumer([ctx.topic("items")], ctx.group("classify")),
        handler=ClassifyHandler(ctx.bus.producer(), reports_topic=ctx.topic("reports"),
                                launch_reports_topic=ctx.topic("launch-reports"),
                                min_confidence=ctx.settings.classify.min_confidence, clock=ctx.clock),
        dead_letters=ctx.dead_letters("classify"),
        max_batch=ctx.settings.bus.max_batch,
    )
