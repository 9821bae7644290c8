"""The ledger forgets a subscription's finished deliveries of an event a retention after the
newest, so it does not grow with every alert ever sent; nothing owed, queued or dead is
forgotten, and a revision read again after it was forgotten is not sent a second time."""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import datetime, timedelta, timezone

import pytest
from structlog.testing import capture_logs

from schemas import LaunchEvent
from services.config import Settings
from services.notify.delivery import Deliverer
from services.notify.ledger import Ledger
from services.notify.settings import SubscriptionSettings
from services.runtime.retry import Backoff

T0 = datetime(2026, 3, 5, 7, 10, tzinfo=timezone.utc)
SUB = SubscriptionSettings(name="partner", channel="webhook", url="https://hooks.example/x", min_confidence=0)


def event(event_id: str, at: datetime) -> LaunchEvent:
    return LaunchEvent(event_id=event_id, revision=1, status="reported", actor="PRK", kind="ballistic",
                       confidence=0.9, headline="North Korea fires a ballistic missile", first_reported_at=at,
                       updated_at=at, sources=[])


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


class Receiver:
    def __init__(self) -> None:
        self.sent: list[str] = []
        self.got = asyncio.Event()

    async def send(self, alert, sub) -> None:  # noqa: ANN001
        self.sent.append(alert.event.event_id)
        self.got.set()


class NoLetters:
    async def send(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        raise AssertionError("nothing should be dead-lettered")


async def drained(deliverer: Deliverer, ledger: Ledger) -> None:
    """Run the subscription's sender until nothing is owed."""
    stop = asyncio.Event()
    sender = asyncio.create_task(deliverer.drain(SUB, stop))
    while ledger.owed().get(SUB.name):
        await asyncio.sleep(0.01)
    stop.set()
    await sender


async def test_an_alert_forgotten_after_the_retention_is_not_sent_again_when_its_revision_is_read_again():
    clock, receiver = Clock(), Receiver()
    ledger = Ledger(sqlite3.connect(":memory:", isolation_level=None), clock=clock, retention_s=30 * 86400)
    deliverer = Deliverer(ledger=ledger, channels={"webhook": receiver}, dead_letters=NoLetters(),
                          backoff=Backoff(base_s=0.01, max_s=0.1, max_attempts=3), concurrency=2, clock=clock)
    old = event("evt-old", T0)
    deliverer.enqueue(old, [SUB])
    await drained(deliverer, ledger)
    assert receiver.sent == ["evt-old"] and ledger.of_event("evt-old")

    # Twenty days on, the ledger still holds it; thirty-one days on it is forgotten.
    clock.now = T0 + timedelta(days=20)
    deliverer.enqueue(event("evt-new", clock.now), [SUB])
    assert ledger.last_forgotten == 0 and ledger.of_event("evt-old")
    await drained(deliverer, ledger)
    clock.now = T0 + timedelta(days=31)
    with capture_logs() as logs:
        deliverer.enqueue(event("evt-later", clock.now), [SUB])
    assert [line["rows"] for line in logs if line["event"] == "deliveries_forgotten"] == [1]
    assert ledger.of_event("evt-old") == [] and ledger.of_event("evt-new")

    # The old revision read again (a topic replayed from its start): judged as news of a
    # month ago, skipped as too old, not sent twice.
    deliverer.enqueue(old, [SUB])
    await drained(deliverer, ledger)
    assert receiver.sent == ["evt-old", "evt-new", "evt-later"]
    (row,) = ledger.of_event("evt-old")
    assert (row[2], row[4]) == ("skipped", "too_old")


def test_nothing_owed_or_dead_is_forgotten_however_old():
    forgets_only_finished_deliveries(sqlite3.connect(":memory:", isolation_level=None))


def forgets_only_finished_deliveries(conn) -> None:
    """The test above on `conn` (SQLite here, PostgreSQL in the integration tests)."""
    clock = Clock()
    ledger = Ledger(conn, clock=clock, retention_s=86400)
    for event_id in ("evt-owed", "evt-dead", "evt-done"):
        ledger.enqueue(["a"], event_id, 1, [f"d-{event_id}"], event_json="{}", received_at=T0)
    ledger.mark_dead("a", "evt-dead", 1, attempts=6, reason="HTTP 500", event_json="{}")
    ledger.mark_skipped(subscription="a", event_id="evt-done", revision=1, delivery_id="d-evt-done", reason="x")
    clock.now = T0 + timedelta(days=5)
    ledger.enqueue(["a"], "evt-now", 1, ["d-now"], event_json="{}", received_at=clock.now)
    assert ledger.last_forgotten == 1
    assert ledger.counts() == {"outbox": 2, "dead": 1}
    assert [d[1] for d in ledger.dead()] == ["evt-dead"]


def test_a_freshness_window_as_long_as_the_ledger_retention_is_refused():
    sub = {"name": "ops", "channel": "console", "freshness_window_s": 40 * 86400}
    with pytest.raises(ValueError, match=r"subscriptions\.0\.freshness_window_s .* is not shorter than "
                                         r"notify\.ledger_retention_days \(30\)"):
        Settings(notify={"ledger_retention_days": 30}, subscriptions=[sub])
    assert Settings(subscriptions=[sub]).notify.ledger_retention_days == 90
