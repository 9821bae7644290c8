"""Slack, a webhook receiver and the SMTP server all down for 60 s at once (Slack and SMTP
refuse connections, the webhook answers 503), while event revisions arrive over tansu:
once they are back, every alert arrives, in the order the revisions were read, once.

The notify stage runs in this process with its clock and its sleeps running ten times
faster than real time (the receivers' outage is timed on that clock), so the 60 s
outage and the retries across it take 6 s. Prints the time from the receivers' return to
the first alert (the next retry, on the stage's clock) and from it to the last (real
time): run with `-s` to see it."""

from __future__ import annotations

import asyncio
import email
import json
import time
from datetime import datetime, timedelta, timezone

import aiohttp
import pytest
from aiohttp import web
from aiosmtpd.controller import Controller

from schemas import LaunchEvent
from services.config import Settings
from services.notify.worker import build_stage
from services.runtime.bus import TOPICS
from services.runtime.kafka_bus import KafkaBus
from services.runtime.lifecycle import StageContext
from tests.integration.harness import wait_for
from tests.loopback import free_port

OUTAGE_S = 60.0
SPEED = 10.0  # stage seconds per real second
EVENTS = 3
REVISIONS = 3


class ScaledTime:
    """A clock and a sleep running `speed` times faster than real time."""

    def __init__(self, speed: float) -> None:
        self.speed = speed
        self._real0 = time.monotonic()
        self._wall0 = datetime.now(timezone.utc)

    def elapsed_s(self) -> float:
        return (time.monotonic() - self._real0) * self.speed

    def now(self) -> datetime:
        return self._wall0 + timedelta(seconds=self.elapsed_s())

    async def sleep(self, delay_s: float) -> None:
        await asyncio.sleep(delay_s / self.speed)


class HttpReceiver:
    """Slack or a webhook on a fixed loopback port: `down()` refuses connections (port
    closed) or answers 503, `up()` accepts again. Keeps each accepted body with its time."""

    def __init__(self, clock: ScaledTime, *, refuse: bool) -> None:
        self.port = free_port()
        self.refuse = refuse
        self.failing = False
        self.attempts = 0
        self.accepted: list[tuple[float, bytes]] = []
        self._clock = clock
        self._runner: web.AppRunner | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hook/T000/B000/secret"

    async def _handle(self, request: web.Request) -> web.Response:
        body = await request.read()
        self.attempts += 1
        if self.failing:
            return web.Response(status=503, text="unavailable")
        self.accepted.append((self._clock.elapsed_s(), body))
        return web.Response(text="ok")

    async def up(self) -> None:
        self.failing = False
        if self._runner is None:
            app = web.Application()
            app.router.add_post("/{tail:.*}", self._handle)
            self._runner = web.AppRunner(app)
            await self._runner.setup()
            await web.TCPSite(self._runner, "127.0.0.1", self.port, reuse_address=True).start()

    async def down(self) -> None:
        if self.refuse:
            await self.close()
        else:
            self.failing = True

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None


class MailServer:
    """aiosmtpd on a fixed loopback port, stopped (connections refused) and started again."""

    def __init__(self, clock: ScaledTime) -> None:
        self.port = free_port()
        self.accepted: list[tuple[float, email.message.Message]] = []
        self._clock = clock
        self._controller: Controller | None = None

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        self.accepted.append((self._clock.elapsed_s(), email.message_from_bytes(envelope.content)))
        return "250 OK"

    async def up(self) -> None:
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)
        await asyncio.to_thread(self._controller.start)

    async def down(self) -> None:
        if self._controller is not None:
            await asyncio.to_thread(self._controller.stop)
            self._controller = None


def revision(n: int, rev: int, now: datetime) -> LaunchEvent:
    """Revision `rev` of launch `n`: each revision reports one missile more (an update)."""
    return LaunchEvent(event_id=f"evt-{n}", revision=rev, actor="PRK", kind="ballistic", count=rev, confidence=0.9,
                       headline=f"Launch L{n}R{rev} reported", first_reported_at=now - timedelta(minutes=1),
                       updated_at=now)


def plain_text(message: email.message.Message) -> str:
    part = next(p for p in message.walk() if p.get_content_type() == "text/plain")
    return part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")


@pytest.mark.kafka
async def test_alerts_wait_out_60_s_of_slack_webhook_and_smtp_down_and_arrive_in_order_once(
        tmp_path, kafka_broker, topic_prefix):
    clock = ScaledTime(SPEED)
    slack, hook = HttpReceiver(clock, refuse=True), HttpReceiver(clock, refuse=False)
    mail = MailServer(clock)
    settings = Settings.model_validate({
        "state": {"path": str(tmp_path / "notify.db")},
        "bus": {"kind": "kafka", "bootstrap_servers": kafka_broker.bootstrap_servers, "topic_prefix": topic_prefix},
        "smtp": {"host": "127.0.0.1", "port": mail.port, "sender": "launchwatch@example.org", "timeout_s": 2},
        # On the stage's clock: retries at most 8 s apart, and enough of them to outlast 60 s.
        "notify": {"allowed_networks": ["127.0.0.1/32"], "backoff_base_s": 1, "backoff_max_s": 8,
                   "max_attempts": 30, "timeout_s": 2},
        "subscriptions": [
            {"name": "ops-slack", "channel": "slack", "url": slack.url, "min_confidence": 0.0},
            {"name": "partner", "channel": "webhook", "url": hook.url, "min_confidence": 0.0},
            {"name": "duty", "channel": "email", "to": ["duty@example.org"], "min_confidence": 0.0},
        ],
    })
    bus = KafkaBus(kafka_broker.bootstrap_servers, topic_prefix=topic_prefix, fetch_max_wait_ms=50,
                   session_timeout_ms=2000, heartbeat_interval_ms=200, rebalance_timeout_ms=500)
    await bus.start()
    # One partition: the order the revisions are read in is the order they were sent in.
    await bus.ensure_topics([f"{topic_prefix}{t}" for t in TOPICS], 1)
    stop = asyncio.Event()
    task = None
    sent: list[tuple[str, int]] = []
    async with aiohttp.ClientSession() as http:
        ctx = StageContext(settings, bus, http, clock=clock.now)
        try:
            for receiver in (slack, hook, mail):
                await receiver.up()
                await receiver.down()
            down_at = clock.elapsed_s()
            stage = await build_stage(ctx, sleep=clock.sleep)
            task = asyncio.create_task(stage.run(stop))
            for rev in range(1, REVISIONS + 1):
                for n in range(EVENTS):
                    event = revision(n, rev, clock.now())
                    await bus.producer().send(f"{topic_prefix}events", event.to_bytes(), key=event.event_id.encode())
                    sent.append((event.event_id, rev))
            # The receivers stay down for 60 s on the stage's clock.
            while clock.elapsed_s() - down_at < OUTAGE_S:
                assert not task.done(), task
                await asyncio.sleep(0.05)
            assert slack.accepted == [] and hook.accepted == [] and mail.accepted == []
            assert hook.attempts >= 5  # it kept trying meanwhile
            back_at = clock.elapsed_s()
            for receiver in (slack, hook, mail):
                await receiver.up()
            want = len(sent)
            await wait_for(lambda: min(len(slack.accepted), len(hook.accepted), len(mail.accepted)) >= want,
                           30, "every alert on every channel")
            await asyncio.sleep(1)  # a little longer: anything sent twice would show now
        finally:
            stop.set()
            if task is not None:
                await asyncio.wait_for(task, 15)
            ctx.close()
            await bus.close()
            for receiver in (slack, hook):
                await receiver.close()
            await mail.down()

    def tags(bodies: list[str]) -> list[tuple[str, int]]:
        out = []
        for body in bodies:
            n, rev = body.split("Launch L", 1)[1].split(" ", 1)[0].split("R")
            out.append((f"evt-{n}", int(rev)))
        return out

    assert [(e["event"]["event_id"], e["event"]["revision"]) for e in
            (json.loads(b) for _, b in hook.accepted)] == sent
    assert tags([b.decode() for _, b in slack.accepted]) == sent
    assert tags([plain_text(m) for _, m in mail.accepted]) == sent
    arrivals = sorted(at for r in (slack, hook, mail) for at, _ in r.accepted)
    # The wait for the first retry after the return is on the stage's clock (backoff); the
    # sending after it is real work, so it is given in real seconds.
    print(f"\nreceivers down {OUTAGE_S:g} s (stage clock x{SPEED:g}): back -> first alert {arrivals[0] - back_at:.1f} s "
          f"(the next retry, at most backoff_max_s = 8 s), then all {len(arrivals)} alerts on 3 channels in "
          f"{(arrivals[-1] - arrivals[0]) / SPEED:.2f} s real time; webhook attempts during the outage "
          f"{hook.attempts - len(hook.accepted)}")
