"""`attempts` in `alert_delivered` counts every attempt the receiver may have had, an attempt a
stop cut off mid-send included; one cut off before it began to send does not count."""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import datetime, timezone

from structlog.testing import capture_logs

from schemas import LaunchEvent
from services.notify.delivery import Deliverer
from services.notify.ledger import Ledger
from services.notify.settings import SubscriptionSettings
from services.runtime.retry import Backoff

NOW = datetime(2026, 3, 5, 7, 10, tzinfo=timezone.utc)
SUB = SubscriptionSettings(name="partner", channel="webhook", url="https://hooks.example/x", min_confidence=0)
EVENT = LaunchEvent(event_id="evt-1", revision=1, status="reported", actor="PRK", kind="ballistic", confidence=0.9,
                    headline="North Korea fires a ballistic missile", first_reported_at=NOW, updated_at=NOW, sources=[])


class Receiver:
    """A webhook that hangs while `hang` is set, else answers."""

    def __init__(self) -> None:
        self.calls = 0
        self.hang = True
        self.began = asyncio.Event()

    async def send(self, alert, sub) -> None:  # noqa: ANN001
        self.calls += 1
        self.began.set()
        if self.hang:
            await asyncio.Event().wait()


class NoLetters:
    async def send(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        raise AssertionError("nothing should be dead-lettered")


def deliverer(ledger: Ledger, receiver: Receiver, concurrency: int = 4) -> Deliverer:
    return Deliverer(ledger=ledger, channels={"webhook": receiver}, dead_letters=NoLetters(),
                     backoff=Backoff(base_s=0.01, max_s=0.1, max_attempts=3), concurrency=concurrency,
                     clock=lambda: NOW)


async def test_an_attempt_a_stop_cut_off_mid_send_counts():
    ledger = Ledger(sqlite3.connect(":memory:", isolation_level=None))
    receiver = Receiver()
    first = asyncio.create_task(deliverer(ledger, receiver).deliver(EVENT, [SUB], None))
    await receiver.began.wait()
    first.cancel()  # the stage stops while the receiver hangs
    await asyncio.gather(first, return_exceptions=True)
    receiver.hang = False
    with capture_logs() as logs:
        await deliverer(ledger, receiver).deliver(EVENT, [SUB], None)
    (delivered,) = [line for line in logs if line["event"] == "alert_delivered"]
    assert receiver.calls == 2 and delivered["attempts"] == 2


async def test_an_attempt_cut_off_while_waiting_for_a_slot_does_not_count():
    ledger = Ledger(sqlite3.connect(":memory:", isolation_level=None))
    hanging, receiver = Receiver(), Receiver()
    busy = deliverer(ledger, hanging, concurrency=1)
    busy._channels["other"] = receiver  # one slot for both channels, held by the hanging one
    other = SUB.model_copy(update={"name": "ops", "channel": "other"})
    holder = asyncio.create_task(busy.deliver(EVENT.model_copy(update={"event_id": "evt-0"}), [SUB], None))
    await hanging.began.wait()
    waiting = asyncio.create_task(busy.deliver(EVENT, [other], None))
    await asyncio.sleep(0.05)  # queued for the slot, nothing sent
    for task in (waiting, holder):
        task.cancel()
    await asyncio.gather(waiting, holder, return_exceptions=True)
    receiver.hang = False
    fresh = deliverer(ledger, receiver)
    fresh._channels["other"] = receiver
    with capture_logs() as logs:
        await fresh.deliver(EVENT, [other], None)
    (delivered,) = [line for line in logs if line["event"] == "alert_delivered"]
    assert receiver.calls == 1 and delivered["attempts"] == 1
