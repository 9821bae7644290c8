"""Digest subscriptions: alerts wait in the ledger and go out as one message per interval."""

from __future__ import annotations

import asyncio
import json
from datetime import timedelta

import pytest
from structlog.testing import capture_logs

from schemas import DeadLetter
from services.notify.delivery import Deliverer
from services.notify.ledger import Ledger
from services.notify.worker import build_stage
from services.runtime.db import connect
from services.runtime.lifecycle import StageContext
from services.runtime.memory_bus import MemoryBus
from tests.integration.test_notify_stage import (
    NOW,
    FakeSleep,
    make_event,
    publish,
    settings_for,
)


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self):
        return self.now


class DigestChecks:
    """Counts the stage's looks for due digests, so a test can wait until it has looked
    again instead of sleeping and hoping nothing more arrives."""

    def __init__(self, monkeypatch) -> None:
        self.done = 0
        flush = Deliverer.flush_digests

        async def counted(deliverer, subscriptions):
            try:
                return await flush(deliverer, subscriptions)
            finally:
                self.done += 1

        monkeypatch.setattr(Deliverer, "flush_digests", counted)

    async def two_more(self) -> None:
        """Return once two more checks have finished: one of them started after this call."""
        target = self.done + 2
        await until(lambda: self.done >= target)


@pytest.fixture
def checks(monkeypatch) -> DigestChecks:
    return DigestChecks(monkeypatch)


async def run_while(ctx: StageContext, steps) -> None:
    """Run the stage, checking digests every 10 ms, through `steps` (async callables)."""
    stage = await build_stage(ctx, sleep=FakeSleep(), digest_check_s=0.01)
    stop = asyncio.Event()
    task = asyncio.create_task(stage.run(stop))
    try:
        for step in steps:
            await step()
    finally:
        stop.set()
        await asyncio.wait_for(task, 5)


async def until(condition, timeout_s: float = 5.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout_s
    while not condition():
        assert loop.time() < deadline, "condition not reached in time"
        await asyncio.sleep(0.01)


async def test_alerts_wait_for_the_interval_then_go_as_one_message(tmp_path, receivers, http, checks):
    slack, hook, _, mailbox, smtp_port = receivers
    settings = settings_for(tmp_path, [
        {"name": "digest-slack", "channel": "slack", "url": slack.url, "mode": "digest", "digest_interval_s": 600},
        {"name": "digest-mail", "channel": "email", "to": ["desk@example.org"], "mode": "digest",
         "digest_interval_s": 600},
        {"name": "instant-hook", "channel": "webhook", "url": hook.url},
    ], smtp_port)
    bus = MemoryBus()
    clock = Clock()
    ctx = StageContext(settings, bus, http, clock=clock)

    async def publish_three():
        await publish(bus, make_event("evt-a"), make_event("evt-b", actor="IRN", kind="cruise", count=1,
                                                           direction=None))
        await until(lambda: len(hook.accepted) == 2)
        clock.now = NOW + timedelta(minutes=5)
        await publish(bus, make_event("evt-a", revision=2, count=3, changes=["count"]))
        await until(lambda: len(hook.accepted) == 3)
        await checks.two_more()
        assert slack.requests == [] and mailbox.messages == []  # still inside the interval

    async def time_passes():
        clock.now = NOW + timedelta(minutes=11)
        await until(lambda: len(slack.accepted) == 1 and len(mailbox.messages) == 1)
        await checks.two_more()

    with capture_logs() as logs:
        await run_while(ctx, [publish_three, time_passes])
    message = json.loads(slack.accepted[0][1])
    assert message["text"].startswith("launchwatch digest: 2 new launch events")
    text = json.dumps(message["blocks"], ensure_ascii=False)
    assert "North Korea: 3 ballistic missiles" in text and "Iran: a cruise missile" in text
    _, mail = mailbox.messages[0]
    assert mail["Subject"] == "launchwatch digest: 2 launch events (North Korea, Iran)"
    assert mail["X-Launchwatch-Delivery"].startswith("dgs_")
    delivered = [line for line in logs if line["event"] == "alert_delivered" and line.get("digest_id")]
    assert sorted((d["subscription"], d["event_id"]) for d in delivered) == [
        ("digest-mail", "evt-a"), ("digest-mail", "evt-b"), ("digest-slack", "evt-a"), ("digest-slack", "evt-b")]
    # evt-a's revisions 1 and 2 went as one item: its line closes both queued deliveries.
    queued = {(q["subscription"], q["delivery_id"]) for q in logs if q["event"] == "alert_queued"}
    assert len(queued) == 6 and queued == {(d["subscription"], closed) for d in delivered for closed in d["delivery_ids"]}

    # A restart sends no digest again.
    ctx.close()  # the first process is gone
    ctx2 = StageContext(settings, bus, http, clock=clock)

    await run_while(ctx2, [checks.two_more])
    ctx2.close()
    assert len(slack.requests) == 1 and len(mailbox.messages) == 1


async def test_a_digest_cut_short_by_a_crash_is_resent_with_the_same_id(tmp_path, receivers, http):
    _, _, _, mailbox, smtp_port = receivers
    settings = settings_for(tmp_path, [{"name": "digest-mail", "channel": "email", "to": ["desk@example.org"],
                                        "mode": "digest", "digest_interval_s": 60}], smtp_port)
    bus = MemoryBus()
    clock = Clock()
    ctx = StageContext(settings, bus, http, clock=clock)
    await publish(bus, make_event("evt-a"))

    async def queued_then_stamped():
        await until(lambda: Ledger(connect(settings.state.path)).counts().get("queued") == 1)

    await run_while(ctx, [queued_then_stamped])
    ctx.close()
    # The process stamped the digest and died before the server answered.
    ledger = Ledger(connect(settings.state.path))
    ledger.assign_digest("digest-mail", ledger.queued("digest-mail"), "dgs_stamped_before_the_crash")
    clock.now = NOW + timedelta(minutes=2)

    async def delivered():
        await until(lambda: len(mailbox.messages) == 1)

    await run_while(StageContext(settings, bus, http, clock=clock), [delivered])
    assert mailbox.messages[0][1]["X-Launchwatch-Delivery"] == "dgs_stamped_before_the_crash"
    assert ledger.counts() == {"delivered": 1}


async def test_a_digest_that_cannot_be_sent_becomes_one_letter_per_event(tmp_path, receivers, http, checks):
    _, _, broken, _, _ = receivers
    settings = settings_for(tmp_path, [{"name": "digest-slack", "channel": "slack", "url": broken.url,
                                        "mode": "digest", "digest_interval_s": 60}])
    bus = MemoryBus()
    clock = Clock()
    await publish(bus, make_event("evt-a"), make_event("evt-b"))

    async def fails():
        await until(lambda: Ledger(connect(settings.state.path)).counts().get("queued") == 2)
        clock.now = NOW + timedelta(minutes=2)
        await until(lambda: len(bus.records("launchwatch.dlq")) == 2)
        await checks.two_more()

    await run_while(StageContext(settings, bus, http, clock=clock), [fails])
    letters = [DeadLetter.from_bytes(r.value) for r in bus.records("launchwatch.dlq")]
    assert sorted(d.event_id for d in letters) == ["evt-a", "evt-b"]
    assert all("HTTP 500" in d.reason and d.subscription == "digest-slack" for d in letters)
    assert len(broken.requests) == 3  # max_attempts, then no further digest of the same alerts


async def test_a_digest_receiver_that_hangs_delays_no_other_subscriptions_digest(tmp_path, receivers, http):
    slack, _, _, _, _ = receivers
    held: list[asyncio.StreamWriter] = []

    async def never_answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        held.append(writer)  # reads the request, answers nothing, keeps the connection open

    tarpit = await asyncio.start_server(never_answer, "127.0.0.1", 0)
    hang_url = f"http://127.0.0.1:{tarpit.sockets[0].getsockname()[1]}/services/T0/B0/hang"
    settings = settings_for(tmp_path, [
        {"name": "digest-hang", "channel": "slack", "url": hang_url, "mode": "digest", "digest_interval_s": 60},
        {"name": "digest-slack", "channel": "slack", "url": slack.url, "mode": "digest", "digest_interval_s": 60}])
    bus = MemoryBus()
    clock = Clock()
    await publish(bus, make_event("evt-a"))

    async def healthy_digest_goes_while_the_other_hangs():
        await until(lambda: Ledger(connect(settings.state.path)).counts().get("queued") == 2)
        clock.now = NOW + timedelta(minutes=2)
        await until(lambda: len(slack.accepted) == 1 and held)
        assert Ledger(connect(settings.state.path)).queued("digest-hang")  # still owed, not lost
        tarpit.close()  # the hanging receiver goes away: its digest fails out, the stage can stop
        for writer in held:
            writer.close()

    await run_while(StageContext(settings, bus, http, clock=clock), [healthy_digest_goes_while_the_other_hangs])
    assert json.loads(slack.accepted[0][1])["text"].startswith("launchwatch digest: 1 new launch event")
