"""The delivery ledger and outbox: what is owed to whom and what was sent, so nothing is
sent twice or lost and no subscription waits for another.

One row per (subscription, event_id, revision). When an event record is read, the event
(once, with the time it was read) and one `outbox` row per subscription (with an order
number `seq`) are written in a single transaction; only then is the record's offset
committed.
Each subscription's sender takes its own oldest row: the decision (alert, update or skip)
is made then, marked `pending` (with what changed) before anything is sent and
`delivered` after the channel accepted it. After a crash the senders resume from the
rows: a delivered row sends nothing; a pending row is sent again, identical and with the
same delivery id. Revisions that sent nothing are kept as `skipped` so a replay of an old
revision cannot pass for news, and failures as `dead` (with the reason) until a replay
from the DLQ.

Digest subscriptions park their alerts and updates as `queued` (with the event itself);
a flush stamps them with one digest id (still `queued`, so a crash resends the same
digest) and marks them `delivered` once the digest went out.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, Literal

from services.notify.settings import LEDGER_RETENTION_DAYS
from services.notify.subscriptions import Memory
from services.runtime.postgres import StateConnection, begin_exclusive, is_alive, is_shared, try_lock

Status = Literal["outbox", "pending", "delivered", "skipped", "dead", "queued"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS notify_ledger (
    subscription TEXT NOT NULL,
    event_id TEXT NOT NULL,
    revision INTEGER NOT NULL,
    delivery_id TEXT NOT NULL,
    status TEXT NOT NULL,
    kind TEXT,
    reason TEXT,
    changed TEXT NOT NULL DEFAULT '[]',
    previous TEXT NOT NULL DEFAULT '{}',
    facts TEXT NOT NULL DEFAULT '{}',
    remote_ref TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL,
    event_json TEXT,
    queued_at TEXT,
    digest_id TEXT,
    seq INTEGER,
    PRIMARY KEY (subscription, event_id, revision)
);
CREATE TABLE IF NOT EXISTS notify_outbox_events (
    event_id TEXT NOT NULL,
    revision INTEGER NOT NULL,
    event_json TEXT NOT NULL,
    received_at TEXT NOT NULL,
    PRIMARY KEY (event_id, revision)
);
CREATE INDEX IF NOT EXISTS notify_ledger_delivery ON notify_ledger (delivery_id);
"""
# Created after the columns exist (a state file from before the outbox gains them first);
# (subscription, status, seq) also serves the lookups the older (subscription, status) did.
_OUTBOX_INDEXES = """
DROP INDEX IF EXISTS notify_ledger_queued;
CREATE INDEX IF NOT EXISTS notify_ledger_seq ON notify_ledger (seq);
CREATE INDEX IF NOT EXISTS notify_ledger_outbox ON notify_ledger (subscription, status, seq);
CREATE INDEX IF NOT EXISTS notify_ledger_revision ON notify_ledger (event_id, revision);
"""
# Events nobody owes any more, and deliveries past the retention, are dropped at most this
# often (by the ledger's clock).
PRUNE_EVERY = timedelta(seconds=60)
# What a subscription's sender still has to do, oldest first.
_OPEN = ("outbox", "pending")


@dataclass(frozen=True)
class Entry:
    subscription: str
    event_id: str
    revision: int
    delivery_id: str
    status: Status
    kind: str | None
    reason: str | None
    changed: tuple[str, ...]
    previous: dict[str, str | None]
    facts: dict[str, Any]
    remote_ref: str | None
    attempts: int


@dataclass(frozen=True)
class OutboxRow:
    """The next delivery a subscription owes: an event revision, in the order it was read."""

    subscription: str
    event_id: str
    revision: int
    delivery_id: str
    status: Status  # outbox: not decided yet; pending: decided and maybe sent before a crash
    seq: int
    event_json: str
    received_at: datetime


@dataclass(frozen=True)
class Queued:
    """A row waiting for its subscription's next digest."""

    event_id: str
    revision: int
    delivery_id: str
    kind: str
    changed: tuple[str, ...]
    previous: dict[str, str | None]
    event_json: str
    queued_at: datetime
    digest_id: str | None


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


# Finished: nothing more is owed or replayable. A pair of (subscription, event) with a row
# in any other status (owed, queued for a digest, dead) is kept whole.
_FINISHED = ("delivered", "skipped")


class Ledger:
    """Ledger rows in the notify stage's state connection (autocommit: each write is durable).

    On SQLite the ledger is one process's. On PostgreSQL (`[state] url`) the instances of
    the stage share it: each writes the event records it reads, and a subscription's rows
    are sent by the one instance whose session holds that subscription's advisory lock
    (`claim`), so a delivery id is sent by one instance, in order, and when that instance
    dies the lock goes with its session and another instance claims it.
    """

    def __init__(self, conn: StateConnection, *, namespace: str = "launchwatch",
                 clock: Callable[[], datetime] = _utc_now, retention_s: float = LEDGER_RETENTION_DAYS * 86400) -> None:
        self._conn = conn
        self._clock = clock
        self._retention = timedelta(seconds=retention_s)
        self.last_forgotten = 0
        """Rows the last `enqueue` forgot: a subscription's finished deliveries of an event
        whose newest is older than the retention."""
        self._namespace = namespace
        self.shared = is_shared(conn)
        self._conn.executescript(_SCHEMA)
        if not self.shared:
            columns = {row[1] for row in self._conn.execute("PRAGMA table_info(notify_ledger)")}
            for column, kind in (("event_json", "TEXT"), ("queued_at", "TEXT"), ("digest_id", "TEXT"),
                                 ("seq", "INTEGER")):
                if column not in columns:  # a state file from before digests or the outbox
                    self._conn.execute(f"ALTER TABLE notify_ledger ADD COLUMN {column} {kind}")
        self._conn.executescript(_OUTBOX_INDEXES)
        self._pruned_at: datetime | None = None
        main = "" if self.shared else next(
            (row[2] for row in self._conn.execute("PRAGMA database_list") if row[1] == "main"), "")
        # An in-memory ledger (tests, the demo replay) has nothing to flush, nor has
        # PostgreSQL, whose commits are durable when they return.
        self._durable_files = [f"{main}-wal", main] if main else []
        self._claimed: set[str] = set()

    def _stamp(self) -> str:
        return self._clock().isoformat()

    def claim(self, subscription: str) -> bool:
        """True when this instance sends `subscription`'s rows: always on SQLite; on
        PostgreSQL when this session holds (or now takes) the subscription's lock."""
        if subscription in self._claimed:
            return True
        if try_lock(self._conn, f"{self._namespace} notify sender {subscription}"):
            self._claimed.add(subscription)
            return True
        return False

    @property
    def claimed(self) -> set[str]:
        return set(self._claimed)

    def alive(self) -> bool:
        """True while the state session answers (on PostgreSQL: still holds its claims)."""
        return is_alive(self._conn)

    def sync(self) -> None:
        """Make every write before this durable against a power cut too, not only against a
        crash of the process (which WAL with `synchronous=NORMAL` already survives).

        The outbox is written with NORMAL, record by record; the stage calls this once per
        batch, before it commits the batch's offsets on the bus. It flushes the state file's
        write-ahead log with one fsync: frames written before it are then on disk, and
        frames that left the log were copied by a checkpoint, which NORMAL syncs. It uses
        no SQLite connection, so it may run in a worker thread while the loop goes on.
        Raises `OSError` when the file cannot be flushed.
        """
        for path in self._durable_files:
            try:
                fd = os.open(path, os.O_RDONLY)
            except FileNotFoundError:
                continue  # no log right now: everything is in the database file
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
            return

    def enqueue(self, subscriptions: list[str], event_id: str, revision: int, delivery_ids: list[str], *,
                event_json: str, received_at: datetime) -> int:
        """Owe this revision to each subscription: one `outbox` row each, in one transaction,
        numbered after every row before. A (subscription, event, revision) already in the
        ledger is left as it is (a record read again after a crash adds nothing), except
        that a `pending` row from before the outbox gets a number. Returns how many rows
        were added. The rows survive a crash of the process once this returns, a power cut
        once `sync` has returned too."""
        moment = self._clock()
        prune = self._pruned_at is None or moment - self._pruned_at >= PRUNE_EVERY
        with self._conn:
            begin_exclusive(self._conn, f"{self._namespace} notify outbox")  # the next numbers are ours until commit
            self.last_forgotten = 0
            if prune:
                self._conn.execute(
                    "DELETE FROM notify_outbox_events WHERE NOT EXISTS (SELECT 1 FROM notify_ledger l"
                    " WHERE l.event_id=notify_outbox_events.event_id AND l.revision=notify_outbox_events.revision"
                    " AND l.status IN (?, ?))", _OPEN)
                cutoff = (moment - self._retention).isoformat()
                # A re-read revision of a forgotten event finds no memory and is judged as a
                # first alert: past every freshness window by then, so it is skipped.
                self.last_forgotten = self._conn.execute(
                    "DELETE FROM notify_ledger WHERE status IN (?, ?) AND updated_at < ? AND NOT EXISTS"
                    " (SELECT 1 FROM notify_ledger l WHERE l.subscription=notify_ledger.subscription"
                    " AND l.event_id=notify_ledger.event_id AND (l.status NOT IN (?, ?) OR l.updated_at >= ?))",
                    (*_FINISHED, cutoff, *_FINISHED, cutoff)).rowcount
            (last,) = self._conn.execute("SELECT coalesce(max(seq), 0) FROM notify_ledger").fetchone()
            self._conn.execute(
                "INSERT OR IGNORE INTO notify_outbox_events (event_id, revision, event_json, received_at)"
                " VALUES (?, ?, ?, ?)", (event_id, revision, event_json, received_at.isoformat()))
            now = self._stamp()
            added = self._conn.executemany(
                "INSERT INTO notify_ledger (subscription, event_id, revision, delivery_id, status, seq, updated_at)"
                " VALUES (?, ?, ?, ?, 'outbox', ?, ?)"
                " ON CONFLICT (subscription, event_id, revision) DO UPDATE SET seq=excluded.seq"
                " WHERE notify_ledger.status='pending' AND notify_ledger.seq IS NULL",
                [(subscription, event_id, revision, delivery_id, last + n, now)
                 for n, (subscription, delivery_id) in enumerate(zip(subscriptions, delivery_ids), start=1)],
            ).rowcount
        if prune:
            self._pruned_at = moment
        return added

    def next_owed(self, subscription: str) -> OutboxRow | None:
        """The subscription's oldest row still to send, or None: its `pending` row if it has
        one (a row turns pending only at the head of its outbox, so it comes first), else
        its oldest `outbox` row."""
        # One status at a time, so each lookup walks the (subscription, status, seq) index
        # instead of sorting the whole backlog. A pending row from before the outbox has no
        # event here until its record is read again.
        for status in ("pending", "outbox"):
            row = self._outbox_row("l.subscription=? AND l.status=? ORDER BY l.seq", (subscription, status))
            if row is not None:
                return row
        return None

    def newest_owed(self, subscription: str, event_id: str) -> OutboxRow | None:
        """The subscription's newest revision of the event still in the outbox, or None."""
        return self._outbox_row("l.subscription=? AND l.event_id=? AND l.status='outbox' ORDER BY l.revision DESC",
                                (subscription, event_id))

    def _outbox_row(self, where: str, args: tuple[Any, ...]) -> OutboxRow | None:
        row = self._conn.execute(
            "SELECT l.subscription, l.event_id, l.revision, l.delivery_id, l.status, l.seq, e.event_json,"
            " e.received_at FROM notify_ledger l JOIN notify_outbox_events e"
            " ON e.event_id=l.event_id AND e.revision=l.revision"
            f" WHERE {where} LIMIT 1", args,
        ).fetchone()
        if row is None:
            return None
        sub, event_id, revision, delivery_id, status, seq, event_json, received_at = row
        return OutboxRow(sub, event_id, revision, delivery_id, status, seq or 0, event_json,
                         datetime.fromisoformat(received_at))

    def owed(self) -> dict[str, int]:
        """Rows still to send, per subscription (the outbox depth)."""
        return dict(self._conn.execute(
            "SELECT subscription, count(*) FROM notify_ledger WHERE status IN (?, ?) GROUP BY subscription", _OPEN
        ).fetchall())

    def get(self, subscription: str, event_id: str, revision: int) -> Entry | None:
        row = self._conn.execute(
            "SELECT subscription, event_id, revision, delivery_id, status, kind, reason, changed, previous,"
            " facts, remote_ref, attempts FROM notify_ledger WHERE subscription=? AND event_id=? AND revision=?",
            (subscription, event_id, revision),
        ).fetchone()
        return _entry(row) if row else None

    def memory(self, subscription: str, event_id: str) -> Memory | None:
        """What this subscription was told about the event: whether a first alert was
        delivered (or queued for a digest), the facts of the last such message, the first alert's thread handle,
        and the highest revision handled in any way. None when nothing is recorded. Rows still
        in the outbox are not handled yet, so they do not count."""
        rows = self._conn.execute(
            "SELECT revision, status, kind, facts, remote_ref FROM notify_ledger"
            " WHERE subscription=? AND event_id=? AND status != 'outbox' ORDER BY revision",
            (subscription, event_id),
        ).fetchall()
        if not rows:
            return None
        alerted, facts, thread_ref = False, {}, None
        for revision, status, kind, facts_json, remote_ref in rows:
            if status not in ("delivered", "queued"):
                continue
            facts = json.loads(facts_json)
            if kind == "alert":
                alerted = True
                thread_ref = remote_ref if status == "delivered" else thread_ref
        return Memory(alerted=alerted, sent_facts=facts, max_revision=max(r[0] for r in rows), thread_ref=thread_ref)

    def mark_pending(self, *, subscription: str, event_id: str, revision: int, delivery_id: str, kind: str,
                     changed: tuple[str, ...], previous: dict[str, str | None], facts: dict[str, Any]) -> None:
        self._conn.execute(
            "INSERT INTO notify_ledger (subscription, event_id, revision, delivery_id, status, kind, changed,"
            " previous, facts, updated_at) VALUES (?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?)"
            " ON CONFLICT (subscription, event_id, revision) DO UPDATE SET status='pending', reason=NULL,"
            # Attempts made before a crash still count; a replay of a dead one starts afresh.
            " attempts=CASE WHEN notify_ledger.status='pending' THEN notify_ledger.attempts ELSE 0 END,"
            " kind=excluded.kind, changed=excluded.changed, previous=excluded.previous, facts=excluded.facts,"
            " updated_at=excluded.updated_at",
            (subscription, event_id, revision, delivery_id, kind, json.dumps(list(changed)),
             json.dumps(previous), json.dumps(facts, default=str), self._stamp()),
        )

    def count_attempt(self, subscription: str, event_id: str, revision: int) -> None:
        """One more failed attempt at a pending delivery (or a dead one a replay tries again),
        kept across a crash: a process that restarts again and again does not retry a dead
        receiver without end, and `attempts` counts every one the receiver had."""
        self._conn.execute(
            "UPDATE notify_ledger SET attempts=attempts+1 WHERE subscription=? AND event_id=? AND revision=?"
            " AND status IN ('pending', 'dead')", (subscription, event_id, revision))

    def mark_delivered(self, subscription: str, event_id: str, revision: int, *, attempts: int,
                       remote_ref: str | None) -> None:
        self._conn.execute(
            "UPDATE notify_ledger SET status='delivered', attempts=attempts+?, remote_ref=?, reason=NULL,"
            " updated_at=? WHERE subscription=? AND event_id=? AND revision=?",
            (attempts, remote_ref, self._stamp(), subscription, event_id, revision),
        )

    def mark_dead(self, subscription: str, event_id: str, revision: int, *, attempts: int, reason: str,
                  event_json: str) -> None:
        """Record a failed delivery with the event, so it can be listed and replayed from here too."""
        self._conn.execute(
            "UPDATE notify_ledger SET status='dead', attempts=attempts+?, reason=?, event_json=?, updated_at=?"
            " WHERE subscription=? AND event_id=? AND revision=?",
            (attempts, reason, event_json, self._stamp(), subscription, event_id, revision),
        )

    def dead(self) -> list[tuple[str, str, int, str, str, str]]:
        """Deliveries that are still dead: (subscription, event_id, revision, reason, event_json, updated_at)."""
        return self._conn.execute(
            "SELECT subscription, event_id, revision, coalesce(reason, ''), event_json, updated_at FROM notify_ledger"
            " WHERE status='dead' AND event_json IS NOT NULL ORDER BY updated_at, subscription, event_id, revision"
        ).fetchall()

    def of_event(self, event_id: str) -> list[tuple[str, int, str, str | None, str | None, str]]:
        """Every delivery of one event: (subscription, revision, status, kind, reason,
        updated_at), by revision, then subscription."""
        return self._conn.execute(
            "SELECT subscription, revision, status, kind, reason, updated_at FROM notify_ledger WHERE event_id=?"
            " ORDER BY revision, subscription", (event_id,)).fetchall()

    def newest_sent(self, subscription: str, event_id: str) -> int:
        """The highest revision of the event sent to the subscription, or tried and dead,
        or on its way (0 for none): a dead revision older than it is no news to replay."""
        row = self._conn.execute(
            "SELECT MAX(revision) FROM notify_ledger WHERE subscription=? AND event_id=?"
            " AND status IN ('delivered', 'queued', 'pending', 'dead')", (subscription, event_id)).fetchone()
        return row[0] or 0

    def supersede_owed(self, subscription: str, event_id: str, below: int) -> list[int]:
        """Skip as superseded the subscription's rows of the event still in the outbox (never
        attempted) below revision `below`, which tells the event as it now stands. Returns
        the revisions skipped."""
        rows = self._conn.execute(
            "UPDATE notify_ledger SET status='skipped', reason='superseded', updated_at=?"
            " WHERE subscription=? AND event_id=? AND status='outbox' AND revision < ? RETURNING revision",
            (self._stamp(), subscription, event_id, below)).fetchall()
        return sorted(r[0] for r in rows)

    def mark_superseded(self, subscription: str, event_id: str, revision: int) -> None:
        """A dead delivery that a later revision of its event replaces: skipped, not replayed."""
        self._conn.execute(
            "UPDATE notify_ledger SET status='skipped', reason='superseded', updated_at=?"
            " WHERE subscription=? AND event_id=? AND revision=? AND status='dead'",
            (self._stamp(), subscription, event_id, revision))

    def mark_skipped(self, *, subscription: str, event_id: str, revision: int, delivery_id: str,
                     reason: str) -> None:
        self._conn.execute(
            "INSERT INTO notify_ledger (subscription, event_id, revision, delivery_id, status, reason,"
            " updated_at) VALUES (?, ?, ?, ?, 'skipped', ?, ?)"
            " ON CONFLICT (subscription, event_id, revision) DO UPDATE SET status='skipped', reason=excluded.reason,"
            " updated_at=excluded.updated_at WHERE notify_ledger.status='outbox'",
            (subscription, event_id, revision, delivery_id, reason, self._stamp()),
        )

    def mark_queued(self, *, subscription: str, event_id: str, revision: int, delivery_id: str, kind: str,
                    changed: tuple[str, ...], previous: dict[str, str | None], facts: dict[str, Any],
                    event_json: str, queued_at: datetime) -> None:
        self._conn.execute(
            "INSERT INTO notify_ledger (subscription, event_id, revision, delivery_id, status, kind, changed,"
            " previous, facts, event_json, queued_at, updated_at) VALUES (?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (subscription, event_id, revision) DO UPDATE SET status='queued', kind=excluded.kind,"
            " changed=excluded.changed, previous=excluded.previous, facts=excluded.facts,"
            " event_json=excluded.event_json, queued_at=excluded.queued_at, updated_at=excluded.updated_at"
            " WHERE notify_ledger.status='outbox'",
            (subscription, event_id, revision, delivery_id, kind, json.dumps(list(changed)), json.dumps(previous),
             json.dumps(facts, default=str), event_json, queued_at.isoformat(), self._stamp()),
        )

    def queued(self, subscription: str) -> list[Queued]:
        """The subscription's queued rows, oldest first."""
        rows = self._conn.execute(
            "SELECT event_id, revision, delivery_id, kind, changed, previous, event_json, queued_at, digest_id"
            " FROM notify_ledger WHERE subscription=? AND status='queued' ORDER BY queued_at, event_id, revision",
            (subscription,),
        ).fetchall()
        return [Queued(e, r, d, k, tuple(json.loads(c)), json.loads(p), ej, datetime.fromisoformat(q), dg)
                for e, r, d, k, c, p, ej, q, dg in rows]

    def assign_digest(self, subscription: str, rows: list[Queued], digest_id: str) -> None:
        with self._conn:
            self._conn.execute("BEGIN")
            self._conn.executemany(
                "UPDATE notify_ledger SET digest_id=?, updated_at=? WHERE subscription=? AND event_id=? AND revision=?",
                [(digest_id, self._stamp(), subscription, r.event_id, r.revision) for r in rows],
            )

    def finish_digest(self, subscription: str, digest_id: str, *, status: str, attempts: int,
                      reason: str | None = None) -> None:
        """Mark every row of a digest `delivered` or `dead`."""
        self._conn.execute(
            "UPDATE notify_ledger SET status=?, attempts=attempts+?, reason=?, updated_at=?"
            " WHERE subscription=? AND digest_id=? AND status='queued'",
            (status, attempts, reason, self._stamp(), subscription, digest_id),
        )

    def counts(self) -> dict[str, int]:
        """Rows per status (for tools and tests)."""
        return dict(self._conn.execute("SELECT status, count(*) FROM notify_ledger GROUP BY status").fetchall())


def _entry(row: tuple[Any, ...]) -> Entry:
    (subscription, event_id, revision, delivery_id, status, kind, reason, changed, previous, facts,
     remote_ref, attempts) = row
    return Entry(subscription, event_id, revision, delivery_id, status, kind, reason,
                 tuple(json.loads(changed)), json.loads(previous), json.loads(facts), remote_ref, attempts)
