"""Delivering one event revision to every subscription: decide, record, send, retry, account.

For each subscription, concurrently (bounded by a semaphore shared by the whole stage):
the ledger says whether this (subscription, event, revision) was already handled; if not,
`decide` says alert, update or skip; a send is marked pending first, retried on
`RetryableError` with capped exponential backoff and jitter, and marked delivered after
success. A permanent failure or exhausted retries go to the dead-letter topic with the
reason. One subscription's failure never stops or repeats another's delivery.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from schemas import LaunchEvent
from services.notify.alert import Alert, delivery_id_for
from services.notify.channels import Channel
from services.notify.ledger import Ledger
from services.notify.settings import SubscriptionSettings
from services.notify.subscriptions import decide, snapshot
from services.notify.wording import summary_line
from services.runtime.bus import Record
from services.runtime.deadletter import DeadLetters
from services.runtime.errors import PermanentError, RetryableError
from services.runtime.logs import get_logger
from services.runtime.retry import Backoff, Sleep, retry


@dataclass(frozen=True)
class Outcome:
    subscription: str
    status: str  # delivered | skipped | dead | done_before
    reason: str = ""


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
    ) -> None:
        self._ledger = ledger
        self._channels = channels
        self._dead_letters = dead_letters
        self._backoff = backoff
        self._semaphore = asyncio.Semaphore(concurrency)
        self._clock = clock
        self._sleep = sleep

    async def deliver(self, event: LaunchEvent, subscriptions: Sequence[SubscriptionSettings],
                      record: Record | None = None, *, replay: bool = False) -> list[Outcome]:
        """Deliver `event` to each subscription; return once each is delivered, skipped or dead-lettered.

        With `replay`, a dead-lettered delivery is tried again (same delivery id).
        """
        results = await asyncio.gather(
            *(self._one(sub, event, record, replay) for sub in subscriptions), return_exceptions=True
        )
        outcomes = []
        for sub, result in zip(subscriptions, results):
            if isinstance(result, BaseException):
                if isinstance(result, asyncio.CancelledError):
                    raise result
                # A bug in one subscription's path: dead-letter it, let the others stand.
                get_logger().error("delivery_crashed", subscription=sub.name, event_id=event.event_id,
                                   exc_info=result)
                await self._dead_letters.send(result, record=record, value=None if record else event.to_bytes(),
                                              subscription=sub.name, event_id=event.event_id)
                outcomes.append(Outcome(sub.name, "dead", repr(result)))
            else:
                outcomes.append(result)
        return outcomes

    def _alert_for(self, sub: SubscriptionSettings, event: LaunchEvent, replay: bool) -> Alert | Outcome:
        log = get_logger()
        delivery_id = delivery_id_for(sub.name, event.event_id, event.revision)
        entry = self._ledger.get(sub.name, event.event_id, event.revision)
        memory = self._ledger.memory(sub.name, event.event_id)
        thread_ref = memory.thread_ref if memory else None
        if entry is not None:
            if entry.status == "pending" or (replay and entry.status == "dead"):
                # Sent before a crash or failed before: the same delivery again, same id.
                return Alert(entry.delivery_id, sub.name, entry.kind or "alert", event,  # type: ignore[arg-type]
                             entry.changed, entry.previous, thread_ref)
            log.debug("alert_skipped", subscription=sub.name, event_id=event.event_id, revision=event.revision,
                      reason="already_handled", status=entry.status, delivery_id=entry.delivery_id)
            return Outcome(sub.name, "done_before", entry.status)
        decision = decide(sub, event, memory, self._clock())
        if decision.action == "skip":
            self._ledger.mark_skipped(subscription=sub.name, event_id=event.event_id, revision=event.revision,
                                      delivery_id=delivery_id, reason=decision.reason)
            log.info("alert_skipped", subscription=sub.name, event_id=event.event_id, revision=event.revision,
                     reason=decision.reason, detail=decision.detail)
            return Outcome(sub.name, "skipped", decision.reason)
        self._ledger.mark_pending(subscription=sub.name, event_id=event.event_id, revision=event.revision,
                                  delivery_id=delivery_id, kind=decision.action, changed=decision.changed,
                                  previous=decision.previous, facts=snapshot(event))
        return Alert(delivery_id, sub.name, decision.action, event, decision.changed, decision.previous, thread_ref)

    async def _one(self, sub: SubscriptionSettings, event: LaunchEvent, record: Record | None,
                   replay: bool) -> Outcome:
        prepared = self._alert_for(sub, event, replay)
        if isinstance(prepared, Outcome):
            return prepared
        alert = prepared
        channel = self._channels[sub.channel]
        fields = dict(subscription=sub.name, event_id=event.event_id, channel=sub.channel,
                      delivery_id=alert.delivery_id, revision=event.revision)
        log = get_logger().bind(**fields)
        attempts = 0

        async def attempt() -> str | None:
            nonlocal attempts
            attempts += 1
            try:
                # The slot is held per attempt, not across backoff sleeps.
                async with self._semaphore:
                    return await channel.send(alert, sub)
            except (RetryableError, PermanentError) as exc:
                log.warning("delivery_failed", attempt=attempts, retryable=isinstance(exc, RetryableError),
                            error=str(exc))
                raise

        try:
            remote_ref = await retry(attempt, self._backoff, sleep=self._sleep)
        except PermanentError as exc:  # RetriesExhausted is one
            # The letter first: if the bus cannot take it, the row stays pending and the
            # record is handled again, so a failure is never only in the ledger.
            await self._dead_letters.send(exc, record=record, value=None if record else event.to_bytes(),
                                          subscription=sub.name, event_id=event.event_id)
            self._ledger.mark_dead(sub.name, event.event_id, event.revision, attempts=attempts, reason=str(exc))
            return Outcome(sub.name, "dead", str(exc))
        self._ledger.mark_delivered(sub.name, event.event_id, event.revision, attempts=attempts,
                                    remote_ref=remote_ref)
        extra = {"summary": summary_line(event)} if sub.channel == "console" else {}
        log.info("alert_delivered", attempts=attempts, kind=alert.kind, **extra)
        return Outcome(sub.name, "delivered")
