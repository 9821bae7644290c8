"""Delivering event revisions to subscriptions, each subscription on its own: outbox,
decide, send, retry, account.

The consumer only writes: `enqueue` records, in one ledger transaction, that an event
revision is owed to every subscription (an `outbox` row each) and returns, so the event
record can be committed at once. Each subscription has one sender (`drain`) that takes
its own oldest owed row: the ledger says whether this (subscription, event, revision) was
already handled; if not, `decide` says alert, update or skip; a send is marked pending
first, retried on `RetryableError` with capped exponential backoff and jitter, and
marked delivered after success. A permanent failure or exhausted retries go to the
dead-letter topic with the reason, and the sender moves on to its next row.

So each subscription gets its alerts in the order the events were read, a receiver that
hangs or fails delays only its own subscription, and a crash resumes every sender where
the ledger says it stopped (a send cut short goes again with the same delivery id).
`[notify] concurrency` bounds the attempts in flight across all senders (but e-mail's,
which its channel sends one at a time); the attempts of subscriptions whose last attempt
failed to reach its receiver (it hung, refused or answered 5xx) take their slots from a
pool of their own, a quarter as large (`FAILING_SHARE`), so receivers that are down never
hold the slots of those that answer.

A digest subscription's alerts and updates are queued in the ledger instead, and
`flush_digests` sends them as one message per subscription and interval.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from schemas import LaunchEvent
from services.notify.alert import Alert, Digest, delivery_id_for, digest_id_for
from services.notify.channels import Channel
from services.notify.ledger import Ledger, OutboxRow, Queued
from services.notify.metrics import DELIVERIES
from services.notify.settings import SubscriptionSettings
from services.notify.subscriptions import decide, snapshot
from services.notify.wording import summary_line
from services.runtime.bus import Record
from services.runtime.deadletter import DeadLetters
from services.runtime.errors import PermanentError, RetryableError, StateError
from services.runtime.logs import get_logger
from services.runtime.metrics import STEP_LATENCY
from services.runtime.postgres import STATE_ERRORS
from services.runtime.retry import Backoff, Sleep, retry

T = TypeVar("T")

FAILING_SHARE = 4
"""Failing subscriptions share `concurrency // FAILING_SHARE` slots (at least one)."""


@dataclass(frozen=True)
class Outcome:
    subscription: str
    status: str  # delivered | queued | skipped | dead | done_before
    reason: str = ""


class _Stopped(Exception):
    """The stage is stopping: leave the row owed; the next start sends it (same delivery id)."""


class Deliverer:
    """Delivers event revisions to subscriptions through their channels (see module doc)."""

    def __init__(
        self,
        *,
        ledger: Ledger,
        channels: Mapping[str, Channel],
        dead_letters: DeadLetters,
        backoff: Backoff,
        concurrency: int,
        clock: Callable[[], datetime],
        sleep: Sleep = asyncio.sleep,
        poll_s: float = 0.5,
        on_claimed: Callable[[set[str]], None] | None = None,
        label: str = "",
    ) -> None:
        self._ledger = ledger
        self._label = label
        # A shared ledger: rows another instance enqueued wake no sender here, so a sender
        # looks again every `poll_s`; a subscription another instance sends is tried as often.
        self._poll_s = poll_s
        self._on_claimed = on_claimed
        self._channels = channels
        self._dead_letters = dead_letters
        self._backoff = backoff
        self._semaphore = asyncio.Semaphore(concurrency)
        self._failing_semaphore = asyncio.Semaphore(max(1, concurrency // FAILING_SHARE))
        self._failing: set[str] = set()  # subscriptions whose last attempt failed retryably
        self._clock = clock
        self._sleep = sleep
        self._wake: dict[str, asyncio.Event] = {}

    def _wake_event(self, subscription: str) -> asyncio.Event:
        return self._wake.setdefault(subscription, asyncio.Event())

    def enqueue(self, event: LaunchEvent, subscriptions: Sequence[SubscriptionSettings]) -> int:
        """Owe `event` to each subscription (one ledger transaction) and wake their senders.

        Once this returns the rows survive a crash of the process; once `make_durable` has
        returned too, a power cut. Enqueuing the same revision again adds nothing. Returns
        the rows added.
        """
        names = [sub.name for sub in subscriptions]
        added = self._ledger.enqueue(
            names, event.event_id, event.revision,
            [delivery_id_for(name, event.event_id, event.revision) for name in names],
            event_json=event.model_dump_json(), received_at=self._clock(),
        )
        if self._ledger.last_forgotten:
            get_logger().info("deliveries_forgotten", rows=self._ledger.last_forgotten)
        for name in names:
            self._wake_event(name).set()
        return added

    async def make_durable(self) -> None:
        """Make every row enqueued so far survive a power cut (one fsync, in a worker thread
        so the senders go on meanwhile): called before the records that wrote them are
        committed."""
        await asyncio.to_thread(self._ledger.sync)

    async def drain(self, sub: SubscriptionSettings, stop: asyncio.Event) -> None:
        """Send `sub`'s owed rows, oldest first, one at a time, until `stop` is set.

        Waits for `enqueue` when nothing is owed. A row whose dead letter or ledger write
        fails stays owed and is tried again after a backoff; an attempt in flight when
        `stop` is set is finished, a backoff wait is cut short. On a shared ledger it sends
        only once this instance holds the subscription (`Ledger.claim`), and looks for rows
        other instances enqueued every `poll_s`.
        """
        wake = self._wake_event(sub.name)
        failures = 0
        shared = self._ledger.shared
        while not stop.is_set():
            wake.clear()  # before looking, so an enqueue while we send is not missed
            row = None
            try:
                if shared and sub.name not in self._ledger.claimed:
                    if not self._ledger.claim(sub.name):
                        await _first_of(asyncio.sleep(self._poll_s), stop.wait())
                        continue
                    get_logger().info("subscription_claimed", subscription=sub.name)
                    if self._on_claimed is not None:
                        self._on_claimed(self._ledger.claimed)
                row = self._ledger.next_owed(sub.name)
                if row is None:
                    if shared:
                        await _first_of(wake.wait(), stop.wait(), asyncio.sleep(self._poll_s))
                    else:
                        await _first_of(wake.wait(), stop.wait())
                    continue
                if row.status == "outbox" and sub.name in self._failing and self._superseded(sub, row):
                    continue
                await self._deliver_owed(sub, row, stop)
                failures = 0
            except _Stopped:
                return
            except Exception as exc:  # the ledger or the dead-letter topic failed: nothing was lost
                if self._ledger.shared and not self._ledger.alive():
                    # The session and its claims are gone: another instance sends these rows now.
                    raise StateError(f"the state database session was lost ({exc}) while sending, or waiting to "
                                     f"send, for subscription {sub.name}: stopping; another instance, or this "
                                     "one restarted, takes over") from exc
                failures += 1
                delay = self._backoff.delay_s(failures)
                get_logger().error("outbox_row_failed", subscription=sub.name, event_id=row and row.event_id,
                                   revision=row and row.revision, error=repr(exc), delay_s=round(delay, 3))
                try:
                    await self._sleep_or_stop(delay, stop)
                except _Stopped:
                    return

    def _superseded(self, sub: SubscriptionSettings, row: OutboxRow) -> bool:
        """Whether a newer revision of `row`'s event is owed too, which makes `row` (and any
        other owed revision between) superseded. Asked while the subscription's receiver
        fails: once back it gets the event as it now stands, not each step of the way, and
        meanwhile it is not tried and dead-lettered once per stale revision, a new launch
        waiting behind them all. Not where the subscription was never alerted to the event
        and the newest would not alert it (stale, retracted, filtered): then the launch
        would be told by none, not even a dead letter to replay."""
        newest = self._ledger.newest_owed(sub.name, row.event_id)
        if newest is None or newest.revision <= row.revision:
            return False
        memory = self._ledger.memory(sub.name, row.event_id)
        if (memory is None or not memory.alerted) and decide(
                sub, LaunchEvent.model_validate_json(newest.event_json), memory, newest.received_at).action == "skip":
            return False
        skipped = self._ledger.supersede_owed(sub.name, row.event_id, below=newest.revision)
        for revision in skipped:
            get_logger().info("alert_skipped", subscription=sub.name, event_id=row.event_id, revision=revision,
                              reason="superseded", detail="a newer revision of the event is owed")
        return row.revision in skipped

    async def _deliver_owed(self, sub: SubscriptionSettings, row: OutboxRow, stop: asyncio.Event) -> Outcome:
        event = LaunchEvent.model_validate_json(row.event_json)
        try:
            # Filters judge the moment the revision was read, not when its turn came.
            return await self._one(sub, event, None, False, now=row.received_at, stop=stop,
                                   undecided=row.status == "outbox")
        except (_Stopped, *STATE_ERRORS):
            raise  # the state failed, not this subscription's path: the row stays owed
        except Exception as exc:
            return await self._crashed(sub, event, None, exc)

    async def deliver(self, event: LaunchEvent, subscriptions: Sequence[SubscriptionSettings],
                      record: Record | None = None, *, replay: bool = False) -> list[Outcome]:
        """Deliver `event` to each subscription now, bypassing the outbox (for `dlq replay`);
        return once each is delivered, skipped or dead-lettered.

        With `replay`, a dead-lettered delivery is tried again (same delivery id).
        """
        now = self._clock()
        results = await asyncio.gather(
            *(self._one(sub, event, record, replay, now=now) for sub in subscriptions), return_exceptions=True
        )
        outcomes = []
        for sub, result in zip(subscriptions, results):
            if isinstance(result, BaseException):
                if isinstance(result, asyncio.CancelledError):
                    raise result
                outcomes.append(await self._crashed(sub, event, record, result))
            else:
                outcomes.append(result)
        return outcomes

    async def _crashed(self, sub: SubscriptionSettings, event: LaunchEvent, record: Record | None,
                       error: BaseException) -> Outcome:
        """A bug in one subscription's path: dead-letter it, let the others stand."""
        get_logger().error("delivery_crashed", subscription=sub.name, event_id=event.event_id, exc_info=error)
        await self._dead_letters.send(error, record=record, value=None if record else event.to_bytes(),
                                      subscription=sub.name, event_id=event.event_id)
        # A pending row would be sent again on the next start; "dead" lists it for the
        # operator and lets `dlq replay` retry it once fixed.
        self._ledger.mark_dead(sub.name, event.event_id, event.revision, attempts=0,
                               reason=repr(error), event_json=event.model_dump_json())
        return Outcome(sub.name, "dead", repr(error))

    def _alert_for(self, sub: SubscriptionSettings, event: LaunchEvent, replay: bool,
                   now: datetime, undecided: bool) -> Alert | Outcome:
        log = get_logger()
        delivery_id = delivery_id_for(sub.name, event.event_id, event.revision)
        # An outbox row just read needs no second look.
        entry = None if undecided else self._ledger.get(sub.name, event.event_id, event.revision)
        memory = self._ledger.memory(sub.name, event.event_id)
        thread_ref = memory.thread_ref if memory else None
        if entry is not None and entry.status != "outbox":
            if entry.status == "pending" or (replay and entry.status == "dead"):
                # Sent before a crash or failed before: the same delivery again, same id.
                return Alert(entry.delivery_id, sub.name, entry.kind or "alert", event,  # type: ignore[arg-type]
                             entry.changed, entry.previous, thread_ref, self._label)
            log.debug("alert_skipped", subscription=sub.name, event_id=event.event_id, revision=event.revision,
                      reason="already_handled", status=entry.status, delivery_id=entry.delivery_id)
            return Outcome(sub.name, "done_before", entry.status)
        decision = decide(sub, event, memory, now)
        if decision.action == "skip":
            self._ledger.mark_skipped(subscription=sub.name, event_id=event.event_id, revision=event.revision,
                                      delivery_id=delivery_id, reason=decision.reason)
            log.info("alert_skipped", subscription=sub.name, event_id=event.event_id, revision=event.revision,
                     reason=decision.reason, detail=decision.detail)
            return Outcome(sub.name, "skipped", decision.reason)
        if sub.mode == "digest":
            self._ledger.mark_queued(subscription=sub.name, event_id=event.event_id, revision=event.revision,
                                     delivery_id=delivery_id, kind=decision.action, changed=decision.changed,
                                     previous=decision.previous, facts=snapshot(event),
                                     event_json=event.model_dump_json(), queued_at=self._clock())
            log.info("alert_queued", subscription=sub.name, event_id=event.event_id, revision=event.revision,
                     kind=decision.action, delivery_id=delivery_id)
            return Outcome(sub.name, "queued")
        self._ledger.mark_pending(subscription=sub.name, event_id=event.event_id, revision=event.revision,
                                  delivery_id=delivery_id, kind=decision.action, changed=decision.changed,
                                  previous=decision.previous, facts=snapshot(event))
        return Alert(delivery_id, sub.name, decision.action, event, decision.changed, decision.previous, thread_ref,
                     self._label)

    async def _one(self, sub: SubscriptionSettings, event: LaunchEvent, record: Record | None,
                   replay: bool, *, now: datetime, stop: asyncio.Event | None = None,
                   undecided: bool = False) -> Outcome:
        prepared = self._alert_for(sub, event, replay, now, undecided)
        if isinstance(prepared, Outcome):
            return prepared
        alert = prepared
        channel = self._channels[sub.channel]
        fields = dict(subscription=sub.name, event_id=event.event_id, channel=sub.channel,
                      delivery_id=alert.delivery_id, revision=event.revision)
        log = get_logger().bind(**fields)
        entry = self._ledger.get(sub.name, event.event_id, event.revision)
        made = entry.attempts if entry is not None else 0  # before a crash: they count
        attempts = _Attempts(log, channel=sub.channel, subscription=sub.name, count=made,
                             failed=lambda: self._ledger.count_attempt(sub.name, event.event_id, event.revision))
        try:
            remote_ref = await self._with_retries(lambda: channel.send(alert, sub), attempts, stop)
        except PermanentError as exc:  # RetriesExhausted is one
            # The letter first: if the bus cannot take it, the row stays pending and is
            # tried again, so a failure is never only in the ledger.
            await self._dead_letters.send(exc, record=record, value=None if record else event.to_bytes(),
                                          subscription=sub.name, event_id=event.event_id)
            self._ledger.mark_dead(sub.name, event.event_id, event.revision, attempts=0,  # each counted
                                   reason=str(exc), event_json=event.model_dump_json())
            DELIVERIES.labels(sub.channel, "dead").inc()
            return Outcome(sub.name, "dead", str(exc))
        self._ledger.mark_delivered(sub.name, event.event_id, event.revision, attempts=1, remote_ref=remote_ref)
        extra = {"summary": summary_line(event)} if sub.channel == "console" else {}
        DELIVERIES.labels(sub.channel, "delivered").inc()
        STEP_LATENCY.labels("revision_to_delivered").observe(
            max(0.0, (self._clock() - event.updated_at).total_seconds()))
        log.info("alert_delivered", attempts=attempts.count, kind=alert.kind, **extra)
        return Outcome(sub.name, "delivered")

    async def _sleep_or_stop(self, delay_s: float, stop: asyncio.Event | None) -> None:
        """The backoff wait, cut short (raising `_Stopped`) when the stage stops."""
        if stop is None:
            await self._sleep(delay_s)
            return
        if not stop.is_set():
            await _first_of(self._sleep(delay_s), stop.wait())
        if stop.is_set():
            raise _Stopped()

    async def _with_retries(self, send: Callable[[], Awaitable[T]], attempts: "_Attempts",
                            stop: asyncio.Event | None = None) -> T:
        """`send` with capped backoff on RetryableError, one `delivery_failed` line per failed
        attempt, and a semaphore slot held per attempt (not across backoff sleeps; none for
        a serial channel, which is its own bound; from the failing pool while the
        subscription's last attempt failed retryably)."""

        channel = self._channels.get(attempts.channel)
        serial = getattr(channel, "serial", False)

        async def attempt() -> T:
            attempts.count += 1
            sending = False
            failing = attempts.subscription in self._failing
            slot = (contextlib.nullcontext() if serial
                    else self._failing_semaphore if failing else self._semaphore)
            try:
                async with slot:
                    try:
                        sending = True
                        result = await send()
                        self._failing.discard(attempts.subscription)
                        return result
                    except RetryableError as exc:
                        self._failing.add(attempts.subscription)
                        if exc.retry_after_s is not None and exc.retry_after_s > self._backoff.max_s:
                            # Waiting that long would hold this subscription's later alerts back:
                            # give up now; `launchwatch dlq replay` can send it when it is back.
                            raise PermanentError(f"{exc}; asked to retry after {exc.retry_after_s:g} s, longer "
                                                 f"than backoff_max_s ({self._backoff.max_s:g} s)") from exc
                        raise
            except asyncio.CancelledError:
                # A stop cut the attempt off; one that had begun to send may have reached the
                # receiver, and counts when the delivery is tried again.
                if sending and attempts.failed is not None:
                    attempts.failed()
                raise
            except (RetryableError, PermanentError) as exc:
                if attempts.failed is not None:
                    attempts.failed()
                DELIVERIES.labels(attempts.channel, "failed").inc()
                attempts.log.warning("delivery_failed", attempt=attempts.count,
                                     retryable=isinstance(exc, RetryableError), error=str(exc))
                raise

        return await retry(attempt, self._backoff, sleep=lambda delay: self._sleep_or_stop(delay, stop),
                           made=attempts.count)

    async def flush_digests(self, subscriptions: Sequence[SubscriptionSettings]) -> list[Outcome]:
        """Send each digest subscription's queued alerts as one message once the oldest has
        waited `digest_interval_s`; a digest cut short by a crash goes again, same id."""
        outcomes = []
        now = self._clock()
        for sub in subscriptions:
            if sub.mode != "digest" or (self._ledger.shared and not self._ledger.claim(sub.name)):
                continue  # on a shared ledger, the instance that holds a subscription sends its digests
            rows = self._ledger.queued(sub.name)
            if not rows:
                continue
            in_flight = next((r.digest_id for r in rows if r.digest_id), None)
            if in_flight is not None:
                rows = [r for r in rows if r.digest_id == in_flight]
                digest_id = in_flight
            elif (now - rows[0].queued_at).total_seconds() < sub.digest_interval_s:
                continue
            else:
                digest_id = digest_id_for(sub.name, [r.delivery_id for r in rows])
                self._ledger.assign_digest(sub.name, rows, digest_id)
            outcomes.append(await self._send_digest(sub, digest_for(sub.name, digest_id, rows, self._label), rows))
        return outcomes

    async def _send_digest(self, sub: SubscriptionSettings, digest: Digest, rows: list[Queued]) -> Outcome:
        channel = self._channels[sub.channel]
        log = get_logger().bind(subscription=sub.name, channel=sub.channel, delivery_id=digest.digest_id)
        attempts = _Attempts(log, channel=sub.channel, subscription=sub.name)
        try:
            await self._with_retries(lambda: channel.send_digest(digest, sub), attempts)
        except PermanentError as exc:
            # Each alert of the digest becomes a letter of its own, replayable one by one.
            for row in rows:
                await self._dead_letters.send(exc, value=row.event_json.encode(), subscription=sub.name,
                                              event_id=row.event_id)
            self._ledger.finish_digest(sub.name, digest.digest_id, status="dead", attempts=attempts.count,
                                       reason=str(exc))
            return Outcome(sub.name, "dead", str(exc))
        self._ledger.finish_digest(sub.name, digest.digest_id, status="delivered", attempts=attempts.count)
        # An event's revisions queued since the last digest are told once, as its latest: the
        # line names every delivery it closes, so each `alert_queued` has its closing line.
        for item in digest.items:
            DELIVERIES.labels(sub.channel, "delivered").inc()
            get_logger().info("alert_delivered", subscription=sub.name, event_id=item.event.event_id,
                              channel=sub.channel, delivery_id=item.delivery_id, revision=item.event.revision,
                              attempts=attempts.count, kind=item.kind, digest_id=digest.digest_id,
                              delivery_ids=list(item.closes))
        log.info("digest_delivered", events=len(digest.items), attempts=attempts.count)
        return Outcome(sub.name, "delivered")


@dataclass
class _Attempts:
    log: Any
    count: int = 0
    channel: str = ""
    subscription: str = ""
    failed: Callable[[], None] | None = None  # notes a failed attempt where it outlives a crash


async def _first_of(*waits: Awaitable[Any]) -> None:
    """Wait until the first of `waits` finishes; cancel the rest."""
    tasks = [asyncio.ensure_future(w) for w in waits]
    try:
        await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in tasks:
            task.cancel()


def digest_for(subscription: str, digest_id: str, rows: list[Queued], label: str = "") -> Digest:
    """The digest of queued rows: per event (in order of first queueing) its latest state,
    `alert` if the subscription had not been told of it before, and what changed (pure)."""
    by_event: dict[str, list[Queued]] = {}
    for row in rows:
        by_event.setdefault(row.event_id, []).append(row)
    items = []
    for event_rows in by_event.values():
        event_rows.sort(key=lambda r: r.revision)
        latest = event_rows[-1]
        kind = "alert" if any(r.kind == "alert" for r in event_rows) else "update"
        changed: list[str] = []
        previous: dict[str, str | None] = {}
        if kind == "update":
            for r in event_rows:
                for name in r.changed:
                    if name not in changed:
                        changed.append(name)
                        previous[name] = r.previous.get(name)
        event = LaunchEvent.model_validate_json(latest.event_json)
        items.append(Alert(latest.delivery_id, subscription, kind, event, tuple(changed), previous,  # type: ignore[arg-type]
                           label=label, closes=tuple(r.delivery_id for r in event_rows)))
    return Digest(digest_id, subscription, tuple(items))
