"""The ledger's outbox: what each subscription is owed, in order, once."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone

from services.notify.ledger import Ledger

READ_AT = datetime(2026, 11, 25, 1, 30, tzinfo=timezone.utc)


def owe(ledger: Ledger, event_id: str, revision: int = 1, subs=("a", "b")) -> int:
    return ledger.enqueue(list(subs), event_id, revision, [f"dlv-{s}-{event_id}-{revision}" for s in subs],
                          event_json=f'{{"event_id": "{event_id}"}}', received_at=READ_AT)


def test_each_subscription_is_owed_its_rows_in_the_order_they_were_read_and_only_once():
    ledger = Ledger(sqlite3.connect(":memory:", isolation_level=None))
    assert owe(ledger, "evt-2") == 2
    assert owe(ledger, "evt-1") == 2
    assert owe(ledger, "evt-2") == 0  # the same record read again after a crash
    assert ledger.owed() == {"a": 2, "b": 2}
    head = ledger.next_owed("a")
    assert (head.event_id, head.status, head.delivery_id, head.received_at) == ("evt-2", "outbox", "dlv-a-evt-2-1",
                                                                                READ_AT)
    # Until it is decided, an owed row is not something the subscription was told.
    assert ledger.memory("a", "evt-2") is None
    ledger.mark_skipped(subscription="a", event_id="evt-2", revision=1, delivery_id=head.delivery_id, reason="x")
    assert ledger.next_owed("a").event_id == "evt-1" and ledger.next_owed("b").event_id == "evt-2"
    assert ledger.owed() == {"a": 1, "b": 2}


def test_a_pending_row_from_before_the_outbox_is_resumed_once_its_record_is_read_again():
    ledger = Ledger(sqlite3.connect(":memory:", isolation_level=None))
    ledger.mark_pending(subscription="a", event_id="evt-1", revision=1, delivery_id="dlv-old", kind="alert",
                        changed=(), previous={}, facts={})
    assert ledger.next_owed("a") is None  # its event is not known yet
    assert owe(ledger, "evt-1", subs=("a",)) == 1
    head = ledger.next_owed("a")
    assert (head.status, head.delivery_id) == ("pending", "dlv-old")


def test_sync_flushes_the_state_file_and_keeps_what_was_written(tmp_path):
    from services.runtime.db import connect

    ledger = Ledger(connect(tmp_path / "state.db"))
    owe(ledger, "evt-1")
    assert (tmp_path / "state.db-wal").exists()
    ledger.sync()
    assert Ledger(connect(tmp_path / "state.db")).owed() == {"a": 1, "b": 1}


def supersedes_the_owed_revisions_below_the_newest(conn) -> None:
    """Of one subscription's owed revisions of an event, all but the newest are skipped as
    superseded; a revision being sent (pending), other events and other subscriptions keep
    theirs. On `conn` (SQLite here, PostgreSQL in the integration tests)."""
    ledger = Ledger(conn)
    owe(ledger, "evt-1", 1)
    ledger.mark_pending(subscription="a", event_id="evt-1", revision=1, delivery_id="dlv-a-evt-1-1", kind="alert",
                        changed=(), previous={}, facts={})
    for revision in (2, 3, 4):
        owe(ledger, "evt-1", revision)
    owe(ledger, "evt-2", 1)
    newest = ledger.newest_owed("a", "evt-1")
    assert (newest.revision, newest.status, newest.event_json) == (4, "outbox", '{"event_id": "evt-1"}')
    assert ledger.supersede_owed("a", "evt-1", below=4) == [2, 3]
    assert ledger.supersede_owed("a", "evt-1", below=4) == []  # the newest alone is owed now
    assert ledger.newest_owed("a", "evt-2").revision == 1 and ledger.newest_owed("a", "evt-3") is None
    assert ledger.owed() == {"a": 3, "b": 5}
    assert [(e.revision, e.status, e.reason) for e in (ledger.get("a", "evt-1", r) for r in (1, 2, 3, 4))] == [
        (1, "pending", None), (2, "skipped", "superseded"), (3, "skipped", "superseded"), (4, "outbox", None)]
    # The subscription was told nothing by a superseded row, and the newest is what it decides on.
    assert ledger.memory("a", "evt-1").alerted is False


def test_owed_revisions_below_the_newest_are_superseded():
    supersedes_the_owed_revisions_below_the_newest(sqlite3.connect(":memory:", isolation_level=None))
