"""Crash test: `launchwatch serve notify` over a real Kafka-protocol broker, killed with
SIGKILL at random points while it delivers 200 alerts. Afterwards every alert arrived,
and no alert arrived under two delivery ids (a delivery interrupted between send and
ledger may arrive once more, with the same id, which receivers dedup on)."""

from __future__ import annotations

import asyncio
import random
import signal
from collections import Counter, defaultdict
from datetime import datetime, timedelta, timezone

import pytest
from aiohttp import web

from schemas import LaunchEvent
from services.notify.ledger import Ledger
from services.runtime.bus import TOPICS
from services.runtime.db import connect
from services.runtime.kafka_bus import KafkaBus
from tests.integration.harness import LaunchwatchProcess, verify_signature, wait_for
from tests.loopback import serve

EVENTS = 100
SUBSCRIPTIONS = ("hook-a", "hook-b")
SECRET = "crash-test-secret-123"


class SlowReceiver:
    """Answers every webhook after a short delay, so kills land in the middle of deliveries."""

    def __init__(self) -> None:
        self.received: list[tuple[str, str, str]] = []  # (subscription, event_id, delivery_id)
        self.bad_signatures = 0
        self.port = 0

    async def handle(self, request: web.Request) -> web.Response:
        body = await request.read()
        if verify_signature(SECRET, request.headers, body) is not None:
            self.bad_signatures += 1
            return web.Response(status=401)
        await asyncio.sleep(random.uniform(0.002, 0.02))
        payload = LaunchEvent.model_validate((await request.json())["event"])
        self.received.append((request.match_info["sub"], payload.event_id, request.headers["X-Launchwatch-Delivery"]))
        return web.Response(text="ok")

    def distinct(self) -> set[tuple[str, str]]:
        return {(s, e) for s, e, _ in self.received}


def delivered_in_ledger(state_path) -> int:
    conn = connect(state_path)
    try:
        return Ledger(conn).counts().get("delivered", 0)
    finally:
        conn.close()


# Each restart waits out the killed member's Kafka session (about 18 s with the bus's
# 10 s session timeout), so three kills keep the test near a minute.
KILLS = 3


@pytest.mark.kafka
async def test_killed_notifier_delivers_every_alert_once_by_delivery_id(tmp_path, kafka_broker, topic_prefix):
    rng = random.Random()
    receiver = SlowReceiver()
    app = web.Application()
    app.router.add_post("/{sub}", receiver.handle)
    runner, receiver.port = await serve(app)

    subs = "".join(
        f'[[subscriptions]]\nname = "{name}"\nchannel = "webhook"\nurl = "http://127.0.0.1:{receiver.port}/{name}"\n'
        f'secret = "{SECRET}"\nmin_confidence = 0.5\n\n' for name in SUBSCRIPTIONS)
    config = tmp_path / "notify.toml"
    config.write_text(
        f'[bus]\nkind = "kafka"\nbootstrap_servers = "{kafka_broker.bootstrap_servers}"\n'
        f'topic_prefix = "{topic_prefix}"\nfetch_max_wait_ms = 20\npartitions = 3\nmax_batch = 20\n'
        f'session_timeout_ms = 2000\nheartbeat_interval_ms = 200\nrebalance_timeout_ms = 500\n\n'
        f'[state]\npath = "{tmp_path / "state.db"}"\n\n[notify]\nallowed_networks = ["127.0.0.1/32"]\nmax_attempts = 10\nbackoff_base_s = 0.05\n'
        f'backoff_max_s = 0.5\n\n{subs}', encoding="utf-8")

    bus = KafkaBus(kafka_broker.bootstrap_servers, topic_prefix=topic_prefix)
    await bus.start()
    try:
        await bus.ensure_topics([f"{topic_prefix}{t}" for t in TOPICS], 3)
        now = datetime.now(timezone.utc)
        for n in range(EVENTS):
            event = LaunchEvent(event_id=f"evt-{n:03d}", revision=1, actor="PRK", kind="ballistic", count=1,
                                confidence=0.9, headline=f"Launch {n}", first_reported_at=now - timedelta(minutes=1),
                                updated_at=now)
            await bus.producer().send(f"{topic_prefix}events", event.to_bytes(), key=event.event_id.encode())
    finally:
        await bus.close()

    expected = {(s, f"evt-{n:03d}") for s in SUBSCRIPTIONS for n in range(EVENTS)}
    kills = 0
    try:
        for round_no in range(12):
            proc = await LaunchwatchProcess(["serve", "notify", "--config", str(config)],
                                            tmp_path / f"notify-{round_no}.log").start()
            if kills < KILLS and len(receiver.distinct()) < len(expected) - 20:
                # Kill once it has delivered a random number more alerts in this run.
                target = len(receiver.received) + rng.randint(5, 40)
                await wait_for(lambda: len(receiver.received) >= target or len(receiver.distinct()) == len(expected),
                               60, "deliveries before the kill", check_alive=[proc])
                await asyncio.sleep(rng.uniform(0, 0.05))
                proc.process.send_signal(signal.SIGKILL)  # type: ignore[union-attr]
                await proc.stop()
                kills += 1
                continue
            await wait_for(lambda: receiver.distinct() >= expected, 90, "every alert", check_alive=[proc])
            # Nothing left in flight: the ledger has marked every alert delivered.
            await wait_for(lambda: delivered_in_ledger(tmp_path / "state.db") == len(expected), 30,
                           "every alert marked delivered", check_alive=[proc])
            assert await proc.stop() == 0
            break
    finally:
        await runner.cleanup()

    assert kills == KILLS
    assert receiver.bad_signatures == 0
    assert receiver.distinct() == expected
    ids_per_alert: dict[tuple[str, str], set[str]] = defaultdict(set)
    for sub, event_id, delivery_id in receiver.received:
        ids_per_alert[(sub, event_id)].add(delivery_id)
    assert all(len(ids) == 1 for ids in ids_per_alert.values()), "an alert arrived under two delivery ids"
    repeats = sum(c - 1 for c in Counter(d for _, _, d in receiver.received).values())
    # Only deliveries cut between the receiver's answer and the ledger may repeat: at most
    # one per kill per subscription in flight.
    assert repeats <= kills * 20
    print(f"kills={kills} deliveries={len(receiver.received)} repeats_same_id={repeats}")
