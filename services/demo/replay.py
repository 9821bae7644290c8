"""Replaying recorded items through classification, clustering and one subscriber's alert
decisions, in one process and in order: what a subscriber would have been sent.

Used by the demo's tests and by `bench/events_replay.py`. The notify side is the real one
(`services.notify.subscriptions.decide` with its ledger in SQLite); only delivery is left
out, every alert and update counting as delivered.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from schemas import FeedItem, LaunchEvent, LaunchReport
from services.events.clusterer import Clusterer, reaches_clusterer
from services.classify.worker import report_for
from services.notify.alert import delivery_id_for
from services.notify.ledger import Ledger
from services.notify.settings import SubscriptionSettings
from services.notify.subscriptions import decide, snapshot


@dataclass(frozen=True)
class Delivery:
    """An alert or update the subscriber got."""

    event_id: str
    revision: int
    kind: str  # alert | update
    changed: tuple[str, ...]
    item_id: str  # the item whose arrival caused it
    previous: dict[str, str | None] = field(default_factory=dict)  # changed facts as last sent
    count: int | None = None  # the event's count in this delivery

    @property
    def only_fills_in_one(self) -> bool:
        """An update whose only news is a count of 1 where none was known: what "a missile"
        in the first alert already said."""
        return (self.kind == "update" and self.changed == ("count",) and self.previous.get("count") is None
                and self.count == 1)


@dataclass
class Outcome:
    """What a replay produced, and how long each step took."""

    reports: list[LaunchReport] = field(default_factory=list)
    revisions: list[LaunchEvent] = field(default_factory=list)
    deliveries: list[Delivery] = field(default_factory=list)
    # Seconds from an item's arrival to the revisions (and decisions) it caused.
    revision_latency_s: list[float] = field(default_factory=list)
    first_revision_latency_s: list[float] = field(default_factory=list)
    alert_latency_s: list[float] = field(default_factory=list)

    def latest(self) -> dict[str, LaunchEvent]:
        """The last revision of every event."""
        out: dict[str, LaunchEvent] = {}
        for event in self.revisions:
            out[event.event_id] = event
        return out


def replay(items: Iterable[tuple[FeedItem, str | None]], clusterer: Clusterer, subscription: SubscriptionSettings,
           *, min_confidence: float, now: Callable[[FeedItem], datetime],
           timer: Callable[[], float] = time.perf_counter, launch_model: Any = None) -> Outcome:
    """Run `(item, source timezone)` pairs through report_for, the clusterer and the
    subscription's decisions, in order. `now(item)` is the moment the item is handled;
    `launch_model` replaces the shipped classifier model (see `report_for`)."""
    ledger = Ledger(sqlite3.connect(":memory:", isolation_level=None))
    out = Outcome()
    for item, source_tz in items:
        started = timer()
        moment = now(item)
        report = report_for(item, moment, source_tz, launch_model)
        out.reports.append(report)
        if not reaches_clusterer(report, min_confidence):
            continue
        events = clusterer.add(report)
        after_cluster = timer()
        for event in events:
            out.revisions.append(event)
            out.revision_latency_s.append(after_cluster - started)
            if event.revision == 1:
                out.first_revision_latency_s.append(after_cluster - started)
            memory = ledger.memory(subscription.name, event.event_id)
            decision = decide(subscription, event, memory, moment)
            delivery_id = delivery_id_for(subscription.name, event.event_id, event.revision)
            if decision.action == "skip":
                ledger.mark_skipped(subscription=subscription.name, event_id=event.event_id,
                                    revision=event.revision, delivery_id=delivery_id, reason=decision.reason)
                continue
            ledger.mark_pending(subscription=subscription.name, event_id=event.event_id, revision=event.revision,
                                delivery_id=delivery_id, kind=decision.action, changed=decision.changed,
                                previous=decision.previous, facts=snapshot(event))
            ledger.mark_delivered(subscription.name, event.event_id, event.revision, attempts=1, remote_ref=None)
            out.deliveries.append(Delivery(event.event_id, event.revision, decision.action, decision.changed,
                                           item.item_id, dict(decision.previous), event.count))
            if decision.action == "alert":
                out.alert_latency_s.append(timer() - started)
    return out
