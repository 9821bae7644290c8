"""The notify stage: event revisions in, alerts out to every matching subscription.

Reads `launchwatch.events` (group `launchwatch.notify`) through the `StageRunner`. Each
event record is written to the ledger's outbox, one row per subscription in one
transaction, and is committed after that; one sender per subscription then delivers its
own rows in order, so a slow or failing receiver holds up nobody else (see
`services.notify.delivery`). With no `[[subscriptions]]` configured, one implicit console
subscription (min_confidence 0) shows every alert, so a first run shows something.

With a shared state (`[state] url`) any number of instances run side by side: the consumer
group splits the events topic between them, each writes what it reads to the one shared
outbox, and each subscription is sent by the one instance that holds it (see
`services.notify.ledger.Ledger.claim`); the others take it over when that one dies.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import TextIO

import aiohttp

from schemas import LaunchEvent
from services.notify.alert import Alert, Digest
from services.notify.channels import (
    Channel,
    ConsoleChannel,
    DestinationPacer,
    EmailChannel,
    SlackApiChannel,
    SlackWebhookChannel,
    WebhookChannel,
)
from services.notify.delivery import Deliverer
from services.notify.ledger import Ledger
from services.notify.settings import SubscriptionSettings
from services.runtime.bus import Record
from services.runtime.codec import decode
from services.runtime.errors import StateError
from services.runtime.http import report_role
from services.runtime.lifecycle import StageContext
from services.runtime.statelock import StateLock
from services.runtime.retry import Backoff, Sleep
from services.config import Settings
from services.runtime.stage import StageRunner

IMPLICIT_CONSOLE = SubscriptionSettings(name="console", channel="console", min_confidence=0.0)


def effective_subscriptions(settings: Settings) -> list[SubscriptionSettings]:
    """The configured subscriptions, or the implicit console one when there are none."""
    return list(settings.subscriptions) or [IMPLICIT_CONSOLE]


class SlackChannel:
    """Routes a Slack subscription to the Web API (token) or its incoming webhook (url)."""

    def __init__(self, webhook: SlackWebhookChannel, api: SlackApiChannel) -> None:
        self._webhook, self._api = webhook, api

    async def send(self, alert: Alert, sub: SubscriptionSettings) -> str | None:
        if sub.token is not None:
            return await self._api.send(alert, sub)
        return await self._webhook.send(alert, sub)

    async def send_digest(self, digest: Digest, sub: SubscriptionSettings) -> str | None:
        if sub.token is not None:
            return await self._api.send_digest(digest, sub)
        return await self._webhook.send_digest(digest, sub)


def make_channels(settings: Settings, http: aiohttp.ClientSession, clock: Callable[[], datetime], *,
                  sleep: Sleep = asyncio.sleep, stdout: TextIO | None = None) -> dict[str, Channel]:
    """One sender per channel kind for the process (they share the HTTP session and SMTP config)."""
    notify = settings.notify
    pacer = DestinationPacer(notify.slack_interval_s, sleep=sleep)
    addresses = notify.address_policy()
    # Slack fetches the map from the web app itself, so it is offered only at a public address.
    public_url = settings.web.public_url
    return {
        "slack": SlackChannel(
            SlackWebhookChannel(http, pacer, timeout_s=notify.timeout_s, clock=clock, addresses=addresses,
                                public_url=public_url),
            SlackApiChannel(http, pacer, api_url=notify.slack_api_url, timeout_s=notify.timeout_s, clock=clock,
                            addresses=addresses, public_url=public_url),
        ),
        "webhook": WebhookChannel(http, timeout_s=notify.timeout_s, clock=clock, addresses=addresses),
        "email": EmailChannel(settings.smtp, notify.smtp_policy(), public_url=public_url),
        "console": ConsoleChannel(notify.console_output, stdout or sys.stdout),
    }


def backoff_for(settings: Settings) -> Backoff:
    n = settings.notify
    return Backoff(base_s=n.backoff_base_s, max_s=n.backoff_max_s, jitter=n.backoff_jitter,
                   max_attempts=n.max_attempts)


class NotifyHandler:
    """Writes each event record to the outbox; the record is committed once this returns."""

    def __init__(self, deliverer: Deliverer, subscriptions: Sequence[SubscriptionSettings]) -> None:
        self._deliverer = deliverer
        self._subscriptions = list(subscriptions)

    async def __call__(self, record: Record) -> None:
        event = decode(LaunchEvent, record)
        self._deliverer.enqueue(event, self._subscriptions)


class NotifyStage:
    """Runs the consume loop, one sender per subscription and, for each subscription in
    digest mode, its digest timer."""

    def __init__(self, runner: StageRunner, channels: Mapping[str, Channel], deliverer: Deliverer,
                 subscriptions: Sequence[SubscriptionSettings], digest_check_s: float) -> None:
        self._runner = runner
        self._channels = channels
        self._deliverer = deliverer
        self._subscriptions = list(subscriptions)
        self._digest_subs = [s for s in subscriptions if s.mode == "digest"]
        self._digest_check_s = digest_check_s

    async def _digests(self, sub: SubscriptionSettings, stop: asyncio.Event) -> None:
        """The digest timer of one subscription: a receiver that hangs, and the retries of
        its digest, delay no other subscription's digest."""
        while not stop.is_set():
            await self._deliverer.flush_digests([sub])
            try:
                await asyncio.wait_for(stop.wait(), self._digest_check_s)
            except TimeoutError:
                pass

    async def run(self, stop: asyncio.Event) -> None:
        try:
            # Owed and queued alerts live in the ledger, so stopping anywhere loses nothing.
            async with asyncio.TaskGroup() as group:
                group.create_task(self._runner.run(stop), name="notify-consumer")
                for sub in self._subscriptions:
                    group.create_task(self._deliverer.drain(sub, stop), name=f"notify-sender-{sub.name}")
                for sub in self._digest_subs:
                    group.create_task(self._digests(sub, stop), name=f"notify-digests-{sub.name}")
        except BaseExceptionGroup as failed:
            # One failure stopped every task; the state's error says in one line what happened.
            state = failed.subgroup(StateError)
            if state is not None:
                raise _first(state) from failed
            raise
        finally:
            for channel in self._channels.values():
                close = getattr(channel, "close", None)
                if close is not None:
                    await close()


def _first(group: BaseExceptionGroup) -> BaseException:
    error = group.exceptions[0]
    return _first(error) if isinstance(error, BaseExceptionGroup) else error


async def build_stage(ctx: StageContext, *, sleep: Sleep = asyncio.sleep,
                      channels: Mapping[str, Channel] | None = None, group: str | None = None,
                      digest_check_s: float = 5.0) -> NotifyStage:
    """The notify stage for `ctx`. `sleep`, `channels` and `digest_check_s` (how often due
    digests are looked for) are seams for tests."""
    settings = ctx.settings
    channels = channels or make_channels(settings, ctx.http, ctx.clock, sleep=sleep)
    subscriptions = effective_subscriptions(settings)
    if not ctx.shared_state:
        # On SQLite the ledger is one process's: a second sender on the file would send
        # every delivery again. (Several share a PostgreSQL state, `[state] url`.)
        lock = StateLock(settings.state.path, role="notify", hint=(
            "one notify process per SQLite state file; several notify processes share a PostgreSQL state "
            "([state] url)")).acquire()
        ctx.on_close(lock.release)
    ledger = Ledger(ctx.db(), clock=ctx.clock, retention_s=settings.notify.ledger_retention_days * 86400)
    if ledger.shared:
        report_role("notify", f"sending for 0 of {len(subscriptions)} subscriptions")

    def claimed(names: set[str]) -> None:
        report_role("notify", f"sending for {len(names)} of {len(subscriptions)} subscriptions")

    deliverer = Deliverer(
        ledger=ledger,
        channels=channels,
        dead_letters=ctx.dead_letters("notify"),
        backoff=backoff_for(settings),
        concurrency=settings.notify.concurrency,
        clock=ctx.clock,
        sleep=sleep,
        poll_s=settings.state.poll_s,
        on_claimed=claimed,
        label=settings.notify.label,
    )
    consumer = await ctx.bus.consumer([ctx.topic("events")], group or ctx.group("notify"))
    # Kafka keeps the offsets away from the state file, so the outbox must reach the disk
    # before they are committed. The memory bus journals its offsets in the same file's
    # log, after the outbox rows: what survives a power cut is a prefix of that log, so
    # an offset never survives without its rows and no extra fsync is needed.
    before_commit = deliverer.make_durable if settings.bus.kind == "kafka" and not ledger.shared else None
    runner = StageRunner(consumer=consumer, handler=NotifyHandler(deliverer, subscriptions),
                         dead_letters=ctx.dead_letters("notify"), max_batch=settings.bus.max_batch, sleep=sleep,
                         before_commit=before_commit)
    return NotifyStage(runner, channels, deliverer, subscriptions, digest_check_s)
