"""A webhook receiver that never answers delays only its own subscription.

Three webhook subscriptions, 20 events published at once; one receiver's handler awaits
forever. The two healthy receivers must get every alert, in order, within 1 s of when
they get them with no hanging receiver at all, and the events must be committed without
waiting for the hanging one, whose deliveries time out, are retried and dead-lettered on
its own schedule. (Before each subscription had its own outbox and sender, every event
waited for the hanging receiver's attempts: about 0.4 s per event here, 127 s with the
default settings.)
"""

from __future__ import annotations

import asyncio
import json
import time

from aiohttp import web
from structlog.testing import capture_logs

from schemas import DeadLetter
from services.notify.ledger import Ledger
from services.runtime.db import connect
from services.runtime.lifecycle import StageContext
from services.runtime.memory_bus import MemoryBus
from tests.integration.test_notify_stage import NOW, FakeSleep, make_event, publish, run_until
from tests.loopback import serve

EVENTS = 20
TIMEOUT_S = 0.2
MAX_ATTEMPTS = 2


class Hook:
    """A webhook receiver on loopback that records when each delivery arrived, or never answers."""

    def __init__(self, *, hang: bool = False, status: int = 204) -> None:
        self.hang = hang
        self.status = status  # what it answers: a 500 for a receiver that is down
        self.arrivals: list[tuple[float, str, str]] = []  # (monotonic time, event_id, delivery_id)
        self.tried: list[tuple[str, int]] = []  # (event_id, revision) of each arrival
        self._forever = asyncio.Event()
        self.url = ""
        self._runner: web.AppRunner | None = None

    async def _handle(self, request: web.Request) -> web.Response:
        body = json.loads(await request.read())
        self.arrivals.append((time.monotonic(), body["event"]["event_id"], body["delivery_id"]))
        self.tried.append((body["event"]["event_id"], body["event"]["revision"]))
        if self.hang:
            await self._forever.wait()  # never set: the connection stays open until the sender gives up
        return web.Response(status=self.status)

    async def start(self) -> "Hook":
        app = web.Application()
        app.router.add_post("/hook", self._handle)
        self._runner, port = await serve(app, shutdown_timeout=0.1)
        self.url = f"http://127.0.0.1:{port}/hook"
        return self

    async def close(self) -> None:
        if self._runner:
            await self._runner.cleanup()


def settings_for(tmp_path, hooks: dict[str, Hook]):
    from services.config import Settings

    return Settings.model_validate({
        "state": {"path": str(tmp_path / "state.db")},
        "notify": {"timeout_s": TIMEOUT_S, "max_attempts": MAX_ATTEMPTS, "backoff_base_s": 1, "backoff_max_s": 10,
                   "allowed_networks": ["127.0.0.1/32"]},
        "subscriptions": [{"name": name, "channel": "webhook", "url": hook.url} for name, hook in hooks.items()],
    })


async def deliver_events(tmp_path, http, *, hanging: bool):
    """Publish EVENTS events at once and run the stage until both healthy receivers have
    every alert, every event is committed and a hanging receiver's first two events were
    dead-lettered. Returns (receivers, latencies in s of the
    healthy alerts from publish to arrival, dead letters, the stage's sleeps, rows still owed)."""
    hooks = {"a-hook": await Hook().start(), "b-hook": await Hook().start(), "c-hook": await Hook(hang=hanging).start()}
    bus = MemoryBus()
    sleep = FakeSleep()
    settings = settings_for(tmp_path, hooks)
    ctx = StageContext(settings, bus, http, clock=lambda: NOW)
    published_at = time.monotonic()
    await publish(bus, *(make_event(f"evt-{n:02d}") for n in range(EVENTS)))
    healthy = (hooks["a-hook"], hooks["b-hook"])
    try:
        # With a hanging receiver, also until it has given up on two events (on its own schedule).
        await run_until(ctx, lambda: all(len(h.arrivals) == EVENTS for h in healthy)
                        and (not hanging or len(bus.records("launchwatch.dlq")) >= 2), sleep=sleep, timeout_s=15)
        conn = connect(settings.state.path)
        owed = Ledger(conn).owed()
        conn.close()
        letters = [DeadLetter.from_bytes(r.value) for r in bus.records("launchwatch.dlq")]
    finally:
        ctx.close()
        for hook in hooks.values():
            await hook.close()
    latencies = [at - published_at for hook in healthy for at, _, _ in hook.arrivals]
    return hooks, latencies, letters, sleep.waits, owed


async def test_a_hanging_receiver_delays_only_its_own_subscription(tmp_path, http):
    _, baseline, _, _, _ = await deliver_events(tmp_path / "healthy", http, hanging=False)
    hooks, latencies, letters, waits, owed = await deliver_events(tmp_path / "hanging", http, hanging=True)

    # Every healthy alert arrived, in publish order, within 1 s of the healthy path's slowest.
    for name in ("a-hook", "b-hook"):
        assert [event_id for _, event_id, _ in hooks[name].arrivals] == [f"evt-{n:02d}" for n in range(EVENTS)]
    assert max(latencies) <= max(baseline) + 1.0, (max(latencies), max(baseline))
    # Every event was committed while the hanging subscription still owed all it had not
    # given up on yet.
    assert set(owed) == {"c-hook"} and owed["c-hook"] == EVENTS - len(letters) > 0
    # The hanging subscription works through its own rows in order: each attempt timed
    # out, was retried once with the same delivery id after its own backoff, then dead-lettered.
    hang = hooks["c-hook"].arrivals
    assert [event_id for _, event_id, _ in hang][:4] == ["evt-00", "evt-00", "evt-01", "evt-01"]
    assert len({delivery_id for _, _, delivery_id in hang[:2]}) == 1
    assert all(0.8 <= w <= 1.2 for w in waits)  # backoff base 1 s, +-20 % jitter, only for c-hook
    assert len(waits) <= len(hang)
    assert all(d.subscription == "c-hook" and d.error == "RetriesExhausted" for d in letters)
    assert [d.event_id for d in letters] == [f"evt-{n:02d}" for n in range(len(letters))]
    assert all(f"did not answer within {TIMEOUT_S:g} s" in d.reason for d in letters)


async def test_the_hanging_subscription_resumes_from_its_outbox_after_a_restart(tmp_path, http):
    """What the hanging receiver was owed when the stage stopped is sent once it answers again."""
    hooks, _, letters, _, owed = await deliver_events(tmp_path, http, hanging=True)
    still_owed = owed["c-hook"]
    recovered = await Hook().start()
    try:
        settings = settings_for(tmp_path, {"a-hook": hooks["a-hook"], "b-hook": hooks["b-hook"], "c-hook": recovered})
        ctx = StageContext(settings, MemoryBus(), http, clock=lambda: NOW)  # nothing new on the topic
        await run_until(ctx, lambda: len(recovered.arrivals) >= still_owed)
        ctx.close()
    finally:
        await recovered.close()
    dead = {d.event_id for d in letters}
    got = [event_id for _, event_id, _ in recovered.arrivals]
    # Each owed alert once, in order, after those already dead-lettered; none of the dead ones again.
    assert got == sorted(got) and len(got) == len(set(got)) == still_owed
    assert not dead & set(got) and len(dead) + len(got) == EVENTS


async def test_e_mail_to_a_relay_that_never_answers_takes_no_webhooks_turn(tmp_path, http):
    """The e-mail channel sends through one SMTP connection, one message at a time. Its
    senders used to take their `[notify] concurrency` slot before waiting for that
    connection, so e-mail subscriptions to a relay that never answers held every slot and a
    webhook waited for the relay's timeouts."""
    from services.config import Settings

    held: list[asyncio.StreamWriter] = []

    async def silent_relay(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        held.append(writer)  # accepts, never greets

    relay = await asyncio.start_server(silent_relay, "127.0.0.1", 0)
    hook = await Hook().start()
    settings = Settings.model_validate({
        "state": {"path": str(tmp_path / "state.db")},
        "notify": {"concurrency": 2, "max_attempts": 1, "allowed_networks": ["127.0.0.1/32"]},
        "smtp": {"host": "127.0.0.1", "port": relay.sockets[0].getsockname()[1], "sender": "lw@example.org",
                 "timeout_s": 1.5},
        "subscriptions": [{"name": f"desk-{n}", "channel": "email", "to": [f"desk{n}@example.org"]} for n in range(2)]
        + [{"name": "partner-hook", "channel": "webhook", "url": hook.url}],
    })
    bus = MemoryBus()
    ctx = StageContext(settings, bus, http, clock=lambda: NOW)
    published_at = time.monotonic()
    await publish(bus, make_event("evt-00"))
    try:
        await run_until(ctx, lambda: len(hook.arrivals) == 1, timeout_s=10)
    finally:
        ctx.close()
        relay.close()
        for writer in held:
            writer.close()
        await hook.close()
    assert hook.arrivals[0][0] - published_at < 1.0  # not after the relay's 1.5 s timeout
    assert held  # the e-mail was being tried meanwhile


async def healthy_latencies(tmp_path, http, *, hanging: int) -> list[float]:
    """Seconds from publish to arrival of each of EVENTS alerts at one healthy receiver,
    beside `hanging` receivers that never answer, with two delivery slots in all."""
    from services.config import Settings

    hooks = {"healthy": await Hook().start(), **{f"down-{n}": await Hook(hang=True).start() for n in range(hanging)}}
    settings = Settings.model_validate({
        "state": {"path": str(tmp_path / "state.db")},
        "notify": {"concurrency": 2, "timeout_s": TIMEOUT_S, "max_attempts": 10, "backoff_base_s": 1,
                   "allowed_networks": ["127.0.0.1/32"]},
        "subscriptions": [{"name": name, "channel": "webhook", "url": hook.url} for name, hook in hooks.items()],
    })
    bus = MemoryBus()
    ctx = StageContext(settings, bus, http, clock=lambda: NOW)
    published_at = time.monotonic()
    await publish(bus, *(make_event(f"evt-{n:02d}") for n in range(EVENTS)))
    try:
        await run_until(ctx, lambda: len(hooks["healthy"].arrivals) == EVENTS, timeout_s=20)
    finally:
        ctx.close()
        for hook in hooks.values():
            await hook.close()
    assert all(len(hook.arrivals) >= 1 for hook in hooks.values())  # the hanging ones were tried meanwhile
    return [at - published_at for at, _, _ in hooks["healthy"].arrivals]


async def test_receivers_that_are_down_never_take_the_delivery_slots_of_one_that_answers(tmp_path, http):
    """As many hanging receivers as there are delivery slots held every slot at each retry
    (the backoff waits are instant here), and the healthy receiver got each of its 20 alerts
    about one every other timeout: 2 s for all. Once a receiver has failed, its attempts take slots
    from a pool of their own: the healthy one waits at most for the first timeouts."""
    baseline = await healthy_latencies(tmp_path / "alone", http, hanging=0)
    latencies = await healthy_latencies(tmp_path / "beside", http, hanging=2)
    assert max(latencies) <= max(baseline) + 2 * TIMEOUT_S + 0.5, (latencies, max(baseline))


async def to_a_receiver_that_is_down(tmp_path, http, events, letters: int):
    """Publish `events` to one webhook subscription whose receiver answers 500 (two attempts
    each) and run the stage until `letters` dead letters: (the receiver, the letters' event
    ids, the revisions logged as superseded)."""
    from services.config import Settings

    hook = await Hook(status=500).start()
    settings = Settings.model_validate({
        "state": {"path": str(tmp_path / "state.db")},
        "notify": {"max_attempts": 2, "backoff_base_s": 1, "allowed_networks": ["127.0.0.1/32"]},
        "subscriptions": [{"name": "partner-hook", "channel": "webhook", "url": hook.url}],
    })
    bus = MemoryBus()
    ctx = StageContext(settings, bus, http, clock=lambda: NOW)
    await publish(bus, *events)
    try:
        with capture_logs() as logs:
            await run_until(ctx, lambda: len(bus.records("launchwatch.dlq")) == letters, sleep=FakeSleep())
    finally:
        ctx.close()
        await hook.close()
    dead = [DeadLetter.from_bytes(r.value).event_id for r in bus.records("launchwatch.dlq")]
    superseded = [line["revision"] for line in logs
                  if line["event"] == "alert_skipped" and line["reason"] == "superseded"]
    return hook, dead, superseded


async def test_a_receiver_that_is_down_is_not_tried_once_per_stale_revision(tmp_path, http):
    """Six revisions of one launch came while the receiver answered 500: each was tried
    max_attempts times and dead-lettered in turn, a new launch waiting behind them all, and
    the receiver, once back, got an old revision as its first alert. Now the revisions owed
    while it fails are superseded by the newest: it is tried with revision 1 (already
    sending) and then the newest, and the new launch comes next."""
    events = [*(make_event("evt-launch", revision=n, count=n) for n in range(1, 7)), make_event("evt-next")]
    hook, dead, superseded = await to_a_receiver_that_is_down(tmp_path, http, events, letters=3)
    assert hook.tried == [("evt-launch", 1)] * 2 + [("evt-launch", 6)] * 2 + [("evt-next", 1)] * 2
    assert dead == ["evt-launch", "evt-launch", "evt-next"]
    assert superseded == [2, 3, 4, 5]


async def test_a_launch_whose_newest_revision_would_not_alert_is_not_superseded_away(tmp_path, http):
    """Superseding decided nothing: while the receiver failed, a launch's first revision was
    skipped for its newest, which was stale and alerted no one, and the launch was told by
    none, not even by a dead letter to replay. The first revision is tried and dead-lettered
    instead, as before."""
    events = [make_event("evt-first"), make_event("evt-launch", revision=1),
              make_event("evt-launch", revision=2, stale=True)]
    hook, dead, superseded = await to_a_receiver_that_is_down(tmp_path, http, events, letters=2)
    assert dead == ["evt-first", "evt-launch"] and superseded == []
    assert hook.tried == [("evt-first", 1)] * 2 + [("evt-launch", 1)] * 2
