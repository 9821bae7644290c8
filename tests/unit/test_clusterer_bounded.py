"""Bounded event state: one feed flooding an event with long reports keeps the event, its
messages and the state file small."""

from __future__ import annotations

import sqlite3

from services.events.clusterer import Clusterer
from services.events.state import FIRST_SOURCES, MAX_SOURCES, MAX_TITLE_CHARS
from services.events.store import EventStore
from services.runtime.db import connect
from tests.unit.test_clusterer import T0, FakeClock, report

PADDING = "x" * 10_000


def flood(n: int) -> list:
    """`n` launch reports of 10 KB each from one feed, a minute apart; the 15th is JCS's."""
    out = []
    for i in range(n):
        if i == 14:
            out.append(report("jcs", "Yonhap", "N. Korea fires 2 SRBMs: JCS " + PADDING, minutes=i + 1,
                              kind_of_source="wire", agency="JCS", kind="srbm", count=2))
        else:
            out.append(report(f"r{i}", "Spam Wire", f"North Korea fires missile {i} " + PADDING, minutes=i + 1))
    return out


def test_two_hundred_long_reports_make_one_bounded_event_and_a_small_state_file(tmp_path):
    path = tmp_path / "state.db"
    clusterer = Clusterer(connect(path), FakeClock(T0))
    published = [event for r in flood(200) for event in clusterer.add(r)]
    last = published[-1]
    assert {e.event_id for e in published} == {last.event_id} and last.revision == 200
    assert len(last.sources) == MAX_SOURCES and last.sources_omitted == 200 - MAX_SOURCES
    assert [s.item_id for s in last.sources[:FIRST_SOURCES]] == [f"r{i}" for i in range(FIRST_SOURCES)]
    # The agency's report gives the facts and the status, and stays among the sources.
    assert "jcs" in {s.item_id for s in last.sources}
    assert (last.status, last.kind, last.count) == ("confirmed", "srbm", 2)
    assert len(last.headline) <= MAX_TITLE_CHARS and all(len(s.title) <= MAX_TITLE_CHARS for s in last.sources)
    assert len(last.to_bytes()) < 32_000  # the message on launchwatch.events, and every webhook body
    connect(path).execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert path.stat().st_size < 1_000_000  # 200 revisions of what changed, not 200 whole events

    # What was stored is what was published, revision for revision.
    store = EventStore(sqlite3.connect(path))
    for event in (published[0], published[20], published[-1]):
        assert store.revision(last.event_id, event.revision) == event
    assert [e.revision for e in store.revisions(last.event_id)] == list(range(1, 201))

    # A restart continues the same event from the bounded state.
    again = Clusterer(connect(path), FakeClock(T0))
    (next_revision,) = again.add(report("late", "Other Wire", "North Korea fires missile", minutes=205))
    assert (next_revision.event_id, next_revision.revision) == (last.event_id, 201)
    assert next_revision.sources_omitted == 201 - MAX_SOURCES and next_revision.source_count == 3
    # A report handled again gives back the revision it caused, rebuilt from what changed,
    # then the event's latest, so that the latest is again the last record of its key.
    assert again.add(flood(200)[30]) == [published[30], next_revision]
