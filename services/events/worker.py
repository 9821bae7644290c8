"""The events stage: launch reports in, launch event revisions out.

`launchwatch.launch-reports` → event revisions on `launchwatch.events` (key event_id).
Every report that could join an event must reach the same clusterer, and the classify
stage's constant key puts them all on one partition: one instance is active at a time.

Every instance waits for one lock: with a shared state (`[state] url`) a PostgreSQL
advisory lock, held on the connection the clusterer writes through; with a SQLite state
shared by processes of one host, an exclusive lock on a file beside it
(`<state>.events-<group>.lock`), which the kernel frees when its holder ends, however it
ends. The holder is active (it reloads the open events, joins the
consumer group and clusters), the others are standbys, alive and ready, that try the lock
every `[state] poll_s`. When the active process dies its session ends, the lock is free at
once, and a standby reloads the store (every report's effects are committed there in one
transaction) and resumes from the group's committed offset; reports handled again return
the revisions they caused the first time. An active instance whose session is lost stops
(`StateError`): it can no longer write, and another holds the lock by then.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

from schemas import LaunchReport
from services.events.clusterer import Clusterer
from services.events.metrics import revision_published
from services.runtime.bus import Consumer, Producer, Record
from services.runtime.codec import decode
from services.runtime.errors import StateError
from services.runtime.http import report_ready, report_role
from services.runtime.lifecycle import StageContext
from services.runtime.logs import get_logger
from services.runtime.postgres import STATE_ERRORS, is_alive, try_lock
from services.runtime.statelock import StateLock
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
        events = self._clusterer.add(report)
        decision = self._clusterer.last_decision
        if report.is_launch and decision is not None and not events:
            # A detected launch that publishes nothing says why (held: no actor named yet;
            # retrospective; older than every open event; a join that changed nothing).
            get_logger().info("report_unpublished", item_id=report.item_id, feed=report.feed,
                              action=decision.action, reason=decision.reason,
                              event_id=decision.state.event_id if decision.state is not None else None)
        forgotten, reports = self._clusterer.last_pruned
        if forgotten or reports:
            get_logger().info("events_forgotten", events=forgotten, reports=reports)
        for event in events:
            await self._producer.send(self._events_topic, event.to_bytes(), key=event.event_id.encode())
            revision_published(event.revision)
            get_logger().info("event_published", item_id=report.item_id, feed=report.feed, event_id=event.event_id,
                              revision=event.revision, status=event.status, changes=event.changes)


class ActiveStandby:
    """The events stage over a shared state: stand by until this instance holds the active
    lock, then reload the store and cluster until stopped or the lock is lost (see the
    module doc). `/readyz` says `roles: {"events": "standby"}` (ready) while waiting, and
    `"active"` once it clusters; between the two it is not ready until the store is
    reloaded and the partitions assigned."""

    def __init__(self, ctx: StageContext, clusterer: Clusterer, *, lock_name: str, poll_s: float,
                 try_acquire: Callable[[], bool], alive: Callable[[], bool]) -> None:
        self._ctx = ctx
        self._clusterer = clusterer
        self._lock_name = lock_name
        self._poll_s = poll_s
        self._try_acquire = try_acquire
        self._alive = alive

    async def _wait_for_lock(self, stop: asyncio.Event) -> bool:
        log = get_logger()
        started = time.monotonic()
        announced = False
        while not stop.is_set():
            if self._try_acquire():
                log.info("events_active", waited_s=round(time.monotonic() - started, 2), lock=self._lock_name)
                return True
            if not announced:
                report_role("events", "standby")
                log.info("events_standby", lock=self._lock_name, poll_s=self._poll_s)
                announced = True
            try:
                await asyncio.wait_for(stop.wait(), self._poll_s)
            except TimeoutError:
                pass
        return False

    async def run(self, stop: asyncio.Event) -> None:
        """Stand by, then cluster. Raises `StateError` when the state session fails or is lost."""
        try:
            if not await self._wait_for_lock(stop):
                return
            report_ready("events:state_restored", False)
            self._clusterer.reload()
        except STATE_ERRORS as exc:
            raise StateError(f"state database error while taking over the events stage: {exc}") from exc
        get_logger().info("events_restored", open_events=len(self._clusterer.open_events))
        # Reloaded; ready again only with the group's assignment (joining may take seconds),
        # which the runner checks from its first step under the same name.
        group = self._ctx.group("cluster")
        report_ready(f"{group}:partitions_assigned", False)
        report_ready("events:state_restored", True)
        runner = make_runner(self._ctx, self._clusterer, await self._ctx.bus.consumer(
            [self._ctx.topic("launch-reports")], group))
        report_role("events", "active")
        working = asyncio.Event()
        lost = False

        async def watch() -> None:
            # An idle active instance notices a lost session too, and leaves the group to
            # the instance that holds the lock now.
            nonlocal lost
            while not working.is_set():
                if stop.is_set():
                    working.set()
                    return
                if not self._alive():
                    lost = True
                    working.set()
                    return
                try:
                    await asyncio.wait_for(stop.wait(), self._poll_s)
                except TimeoutError:
                    pass

        watcher = asyncio.create_task(watch(), name="events-lock-watch")
        try:
            await runner.run(working)
        finally:
            working.set()
            await watcher
        if lost:
            raise StateError(f"the state database session holding {self._lock_name!r} was lost: stopping; "
                             "another instance, or this one restarted, takes over")


def make_runner(ctx: StageContext, clusterer: Clusterer, consumer: Consumer) -> StageRunner:
    return StageRunner(
        consumer=consumer,
        handler=ClusterHandler(ctx.bus.producer(), clusterer, events_topic=ctx.topic("events")),
        dead_letters=ctx.dead_letters("events"),
        max_batch=ctx.settings.bus.max_batch,
    )


async def build_stage(ctx: StageContext) -> ActiveStandby:
    db = ctx.db()
    events = ctx.settings.events
    clusterer = Clusterer(db, ctx.clock, window=events.window(), retention_s=events.retention_days * 86400)
    group = ctx.group("cluster")
    if ctx.shared_state:
        name = f"launchwatch events {group}"
        return ActiveStandby(ctx, clusterer, lock_name=name, poll_s=ctx.settings.state.poll_s,
                             try_acquire=lambda: try_lock(db, name), alive=lambda: is_alive(db))
    # A second events process on the same SQLite file (`serve events` twice over Kafka)
    # must not cluster beside the first from the open events it loaded at its start: it
    # stands by on a file lock and reloads the file when it takes over.
    lock = StateLock(ctx.settings.state.path, role=f"events-{group}")
    ctx.on_close(lock.release)
    return ActiveStandby(ctx, clusterer, lock_name=str(lock.path), poll_s=ctx.settings.state.poll_s,
                         try_acquire=lock.try_acquire, alive=lambda: True)
