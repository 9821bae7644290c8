"""The web app's own copy of the launch events: every revision, in the state file.

The web stage reads `launchwatch.events` with its own consumer group and keeps what it read
here, so the pages work alike in `launchwatch run` and in `launchwatch serve web` on
another host (with its own state file). SQLite rather than memory: the revision history
is what the event page shows, a restart must not lose it, and 10,000 events are a few
megabytes. Revisions are deduplicated on (event_id, revision), so a redelivered message
changes nothing.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime

from schemas import LaunchEvent
from schemas.labels import fact_text_of, tally_of_several_classes
from services.runtime.postgres import is_shared

SCHEMA = """
CREATE TABLE IF NOT EXISTS web_revisions (
    event_id TEXT NOT NULL,
    revision INTEGER NOT NULL,
    received_at TEXT NOT NULL,
    body TEXT NOT NULL,                   -- the LaunchEvent JSON as the topic carried it
    PRIMARY KEY (event_id, revision)
);
CREATE TABLE IF NOT EXISTS web_events (
    event_id TEXT PRIMARY KEY,
    revision INTEGER NOT NULL,            -- the latest revision seen
    first_reported_at TEXT NOT NULL,      -- ISO 8601 UTC: orders the list, newest first
    body TEXT NOT NULL,
    list_row TEXT                         -- EventRow JSON: what the events list shows
);
CREATE INDEX IF NOT EXISTS web_events_newest ON web_events (first_reported_at DESC, event_id DESC);
"""

MAX_REVISIONS_KEPT = 100
"""Revisions of one event kept for its page: the first and the 99 latest."""


@dataclass(frozen=True)
class Revision:
    event: LaunchEvent
    received_at: datetime


@dataclass(frozen=True)
class EventRow:
    """What the events list shows of an event at its latest revision.

    Kept beside the event when it is stored, so that listing 100 events reads a few small
    values each instead of validating 100 whole events with their sources.
    """

    event_id: str
    revision: int
    status: str
    stale: bool
    headline: str
    actor: str | None
    kind: str | None
    count: int | None
    since: datetime               # launched_at, else first_reported_at: "time since launch"
    first_reported_at: datetime   # the list's order and its page cursor
    source_count: int
    since_day: str | None = None  # the launch day where the reports give no hour ("2023-02-18")
    launched: bool = True         # whether `since` is the launch's time (else the first report's)
    confirmed: bool = False       # LaunchEvent.confirmed (a corrected event shows it beside its status)
    count_text: str | None = None  # a count that is no plain number of the kind ("81 missiles in all")

    @classmethod
    def of(cls, event: LaunchEvent) -> EventRow:
        return cls(event_id=event.event_id, revision=event.revision, status=event.status, stale=event.stale,
                   headline=event.headline, actor=event.actor, kind=event.kind, count=event.count,
                   since=event.launched_at or event.first_reported_at, first_reported_at=event.first_reported_at,
                   source_count=event.source_count,
                   since_day=event.launched_on.isoformat() if event.launched_at and event.launched_on else None,
                   launched=event.launched_at is not None, confirmed=event.confirmed,
                   count_text=_count_text(event))

    def to_json(self) -> str:
        return json.dumps({**self.__dict__, "since": self.since.isoformat(),
                           "first_reported_at": self.first_reported_at.isoformat()})

    @classmethod
    def from_json(cls, text: str) -> EventRow:
        """The row `to_json` wrote (a later version's keys left aside: replicas of two
        versions share a database while one is rolled out); raises ValueError (or
        TypeError) on anything else."""
        values = {k: v for k, v in json.loads(text).items() if k in cls.__dataclass_fields__}
        values["since"] = datetime.fromisoformat(values["since"])
        values["first_reported_at"] = datetime.fromisoformat(values["first_reported_at"])
        return cls(**values)


def _count_text(event: LaunchEvent) -> str | None:
    """The list's count where a number beside the kind would mislead: "81 missiles in all"
    for a tally of several classes ("hypersonic missile · 81" read as 81 of them), "150
    missiles and drones" for a tally with drones."""
    if event.count is not None and event.count_includes is None and tally_of_several_classes(event):
        return f"{event.count} missiles in all"
    return fact_text_of(event, "count") if event.count_includes is not None else None


def _iso(moment: datetime) -> str:
    return moment.isoformat()


class EventStore:
    """Launch events by id with their revision history (one SQLite connection, autocommit)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        conn.executescript(SCHEMA)
        self._add_rows()

    def _add_rows(self) -> None:
        """A state file written before events kept their list row gets the column and the
        rows, once, on opening."""
        if is_shared(self._conn):  # PostgreSQL says it itself; SQLite has no IF NOT EXISTS here
            self._conn.execute("ALTER TABLE web_events ADD COLUMN IF NOT EXISTS list_row TEXT")
        elif "list_row" not in {name for _, name, *_ in self._conn.execute("PRAGMA table_info(web_events)")}:
            self._conn.execute("ALTER TABLE web_events ADD COLUMN list_row TEXT")
        # (Rows written before `count_text` are written again: a tally shows as one.)
        missing = self._conn.execute("SELECT event_id, body FROM web_events WHERE list_row IS NULL "
                                     "OR list_row NOT LIKE '%\"count_text\"%'").fetchall()
        if missing:
            with self._conn:
                self._conn.execute("BEGIN")
                self._conn.executemany("UPDATE web_events SET list_row = ? WHERE event_id = ?", [
                    (EventRow.of(LaunchEvent.model_validate_json(body)).to_json(), event_id)
                    for event_id, body in missing])

    def add(self, event: LaunchEvent, received_at: datetime) -> bool:
        """Keep `event`; True when this (event_id, revision) was new. A revision older than
        the latest one seen joins the history but does not replace the current state."""
        body = event.model_dump_json()
        with self._conn:  # one transaction: the history and the current state move together
            self._conn.execute("BEGIN")
            cursor = self._conn.execute(
                "INSERT OR IGNORE INTO web_revisions (event_id, revision, received_at, body) VALUES (?, ?, ?, ?)",
                (event.event_id, event.revision, _iso(received_at), body))
            if cursor.rowcount == 0:
                return False
            # The first revision and the latest ones: an event some source floods with
            # reports keeps a page that loads, and a file that does not grow with them.
            self._conn.execute(
                "DELETE FROM web_revisions WHERE event_id = ? "
                "AND revision > (SELECT min(revision) FROM web_revisions WHERE event_id = ?) "
                "AND revision <= (SELECT revision FROM web_revisions WHERE event_id = ? "
                "ORDER BY revision DESC LIMIT 1 OFFSET ?)",
                (event.event_id, event.event_id, event.event_id, MAX_REVISIONS_KEPT - 1))
            self._conn.execute(
                "INSERT INTO web_events (event_id, revision, first_reported_at, body, list_row) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (event_id) DO UPDATE SET revision = excluded.revision, "
                "first_reported_at = excluded.first_reported_at, body = excluded.body, list_row = excluded.list_row "
                "WHERE excluded.revision > web_events.revision",
                (event.event_id, event.revision, _iso(event.first_reported_at), body, EventRow.of(event).to_json()))
        return True

    def get(self, event_id: str) -> LaunchEvent | None:
        row = self._conn.execute("SELECT body FROM web_events WHERE event_id = ?", (event_id,)).fetchone()
        return LaunchEvent.model_validate_json(row[0]) if row else None

    def newest(self, limit: int, before: tuple[str, str] | None = None) -> list[LaunchEvent]:
        """Up to `limit` events, newest first report first; `before` = (first_reported_at
        ISO, event_id) of the last one of the previous page."""
        return [LaunchEvent.model_validate_json(body) for (body,) in self._newest("body", limit, before)]

    def newest_rows(self, limit: int, before: tuple[str, str] | None = None) -> list[EventRow]:
        """As `newest`, but only what the events list shows of each."""
        return [EventRow.from_json(row) for (row,) in self._newest("list_row", limit, before)]

    def _newest(self, column: str, limit: int, before: tuple[str, str] | None) -> sqlite3.Cursor:
        # Both orders walk the web_events_newest index: no sort, whatever the number stored.
        if before is None:
            return self._conn.execute(
                f"SELECT {column} FROM web_events ORDER BY first_reported_at DESC, event_id DESC LIMIT ?", (limit,))
        return self._conn.execute(
            f"SELECT {column} FROM web_events WHERE (first_reported_at, event_id) < (?, ?) "
            "ORDER BY first_reported_at DESC, event_id DESC LIMIT ?", (*before, limit))

    def revisions(self, event_id: str) -> list[Revision]:
        """The revisions of the event kept (`MAX_REVISIONS_KEPT`), oldest first."""
        rows = self._conn.execute(
            "SELECT body, received_at FROM web_revisions WHERE event_id = ? ORDER BY revision", (event_id,))
        return [Revision(LaunchEvent.model_validate_json(body), datetime.fromisoformat(at)) for body, at in rows]

    def count(self) -> int:
        return self._conn.execute("SELECT COUNT(*) FROM web_events").fetchone()[0]


class LiveFeed:
    """Fan-out of new revisions to the open pages (Server-Sent Events streams).

    Each listener has a bounded queue: a page that does not read (a stalled browser) is
    dropped when its queue is full, never allowed to hold memory or slow the consumer.
    """

    def __init__(self, queue_size: int = 100, max_listeners: int = 1000) -> None:
        self._queue_size = queue_size
        self.max_listeners = max_listeners
        """Streams open at once at most (`full` beyond): each holds a connection, and a client
        opening thousands would take every file descriptor, `/healthz` with them."""
        self._listeners: set[asyncio.Queue[LaunchEvent | None]] = set()

    @property
    def full(self) -> bool:
        return len(self._listeners) >= self.max_listeners

    def listen(self) -> asyncio.Queue[LaunchEvent | None]:
        queue: asyncio.Queue[LaunchEvent | None] = asyncio.Queue(self._queue_size)
        self._listeners.add(queue)
        return queue

    def leave(self, queue: asyncio.Queue[LaunchEvent | None]) -> None:
        self._listeners.discard(queue)

    def publish(self, event: LaunchEvent) -> None:
        for queue in list(self._listeners):
            try:
                queue.put_nowait(event)
            except asyncio.QueueFull:
                self._drop(queue)

    def close(self) -> None:
        """End every stream (None tells a stream to finish), so shutdown does not wait on them."""
        for queue in list(self._listeners):
            self._drop(queue)

    def _drop(self, queue: asyncio.Queue[LaunchEvent | None]) -> None:
        self._listeners.discard(queue)
        while not queue.empty():
            queue.get_nowait()
        queue.put_nowait(None)

    @property
    def listeners(self) -> int:
        return len(self._listeners)
