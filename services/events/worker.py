"""The events stage: launch reports in, launch event revisions out.

`launchwatch.launch-reports` → event revisions on `launchwatch.events` (key event_id).
Every report that could join an event must reach the same clusterer, and the classify
stage's constant key puts them all on one partition: one instance of the group is active,
the others stand by and take over on a rebalance.
"""

from __future__ import annotations

from schemas import LaunchReport
from services.events.clusterer import Clusterer
from services.events.metrics import revision_published
from services.runtime.bus import Producer, Record
from services.runtime.codec import decode
from services.runtime.lifecycle import StageContext
from services.runtime.logs import get_logger
from services.runtime.stage import StageRunner


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
            revision_published(event.revision)
            get_logger().info("event_published", item_id=report.item_id, feed=report.feed, event_id=event.event_id,
                              revision=event.revision, status=event.status, changes=event.changes)


async def build_stage(ctx: StageContext) -> StageRunner:
    clusterer = Clusterer(ctx.db(), ctx.clock, window=ctx.settings.events.window())
    return StageRunner(
        consumer=await ctx.bus.consumer([ctx.topic("launch-reports")], ctx.group("cluster")),
        handler=ClusterHandler(ctx.bus.producer(), clusterer, events_topic=ctx.topic("events")),
        dead_letters=ctx.dead_letters("events"),
        max_batch=ctx.settings.bus.max_batch,
    )
