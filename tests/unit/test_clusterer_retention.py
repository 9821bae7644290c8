"""The events stage's state forgets closed events a retention after their last report, so it
does not grow with every launch ever told; open events and recent ones stay."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest

from services.events.clusterer import Clusterer
from services.events.settings import EventsSettings
from services.events.store import EventStore
from tests.unit.test_clusterer import T0, FakeClock, report

DAY_MINUTES = 24 * 60


def rows(db: sqlite3.Connection) -> dict[str, int]:
    return {table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("cluster_events", "cluster_revisions", "cluster_effects")}


def test_a_closed_event_is_forgotten_a_retention_after_its_last_report_and_a_replayed_report_of_it_opens_nothing():
    forgets_a_closed_event(sqlite3.connect(":memory:", isolation_level=None))


def forgets_a_closed_event(db) -> None:
    """The first test's course on `db` (SQLite here, PostgreSQL in the integration tests)."""
    clock = FakeClock(T0)
    clusterer = Clusterer(db, clock, retention_s=10 * 86400)
    old = [report("a1", "Wire A", "North Korea fires ballistic missile", minutes=1),
           report("a2", "Wire B", "North Korea fires two ballistic missiles", minutes=5, count=2)]
    first = [e for r in old for e in clusterer.add(r)]
    assert {e.event_id for e in first} == {first[0].event_id}
    clusterer.add(report("noise", "Wire C", "Russia says nothing", minutes=6, actor=None, is_launch=False))

    # Nine days on (report time), another launch: the first event has closed but is kept.
    clock.now = T0 + timedelta(days=9)
    (second,) = clusterer.add(report("b1", "Wire A", "Iran fires missile", minutes=9 * DAY_MINUTES, actor="IRN"))
    assert clusterer.last_pruned == (0, 0)
    store = EventStore(db)
    assert store.revision(first[0].event_id, first[-1].revision) == first[-1]

    # Eleven days after the first event's last report: it is forgotten, revisions and all;
    # the second event is not (closed a day and a half after its report, within retention).
    clock.now = T0 + timedelta(days=11)
    clusterer.add(report("c1", "Wire A", "Pakistan tests Shaheen missile", minutes=11 * DAY_MINUTES, actor="PAK"))
    assert clusterer.last_pruned == (1, 0)
    with pytest.raises(LookupError):
        store.revision(first[0].event_id, 1)
    assert store.revision(second.event_id, 1) == second
    assert db.execute("SELECT count(*) FROM cluster_effects WHERE item_id IN ('a1', 'a2')").fetchone()[0] == 0

    # A report of the forgotten launch read again (a topic replayed from its start) is
    # older than every open event: it opens no event and publishes nothing.
    assert clusterer.add(old[0]) == []
    assert clusterer.last_decision is not None and clusterer.last_decision.action == "ignore"


def test_pruning_keeps_the_state_bounded_over_months_of_launches():
    db = sqlite3.connect(":memory:", isolation_level=None)
    clock = FakeClock(T0)
    clusterer = Clusterer(db, clock, retention_s=30 * 86400)
    sizes = []
    for day in range(120):  # a launch told by three outlets every day for four months
        clock.now = T0 + timedelta(days=day)
        for n, outlet in enumerate(("Wire A", "Wire B", "Wire C")):
            clusterer.add(report(f"d{day}-{n}", outlet, "North Korea fires ballistic missile",
                                 minutes=day * DAY_MINUTES + 2 * n + 1))
        sizes.append(rows(db)["cluster_events"])
    # About a retention's worth of days is held, not every day since the start.
    assert max(sizes[60:]) <= 33 and sizes[-1] == sizes[60]
    assert rows(db)["cluster_revisions"] <= 3 * 33 and rows(db)["cluster_effects"] <= 3 * 33


def test_a_state_from_before_handled_at_counts_its_reports_from_its_watermark():
    """A report that caused nothing, stored before reports had a time, is forgotten a
    retention after the state's watermark when the store was opened, not at once."""
    db = sqlite3.connect(":memory:", isolation_level=None)
    db.execute("CREATE TABLE cluster_effects (item_id TEXT NOT NULL, item_revision INTEGER NOT NULL,"
               " ord INTEGER NOT NULL, event_id TEXT, revision INTEGER, PRIMARY KEY (item_id, item_revision, ord))")
    db.execute("INSERT INTO cluster_effects VALUES ('old', 1, 0, NULL, NULL)")
    db.execute("CREATE TABLE cluster_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute("INSERT INTO cluster_meta VALUES ('watermark', ?)", (T0.isoformat(),))
    clock = FakeClock(T0)
    clusterer = Clusterer(db, clock, retention_s=2 * 86400)
    clusterer.add(report("n1", "Wire A", "North Korea fires ballistic missile", minutes=60))
    assert db.execute("SELECT handled_at FROM cluster_effects WHERE item_id = 'old'").fetchone() == (T0.isoformat(),)
    clock.now = T0 + timedelta(days=3)
    clusterer.add(report("n2", "Wire A", "Iran fires missile", minutes=3 * DAY_MINUTES, actor="IRN"))
    assert clusterer.last_pruned[1] == 1
    assert db.execute("SELECT count(*) FROM cluster_effects WHERE item_id = 'old'").fetchone()[0] == 0


def test_a_retention_shorter_than_an_event_stays_open_is_refused():
    with pytest.raises(ValueError, match="events.retention_days .* is shorter than events.inactive_close_s"):
        EventsSettings(retention_days=1)
    assert EventsSettings(retention_days=2).retention_days == 2
