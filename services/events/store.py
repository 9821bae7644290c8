"""SQLite state of the clusterer: open events, every published revision, what each report did.

One transaction per report, so a crash leaves either all of a report's effects or none;
the clusterer rebuilds its open events from here on start-up.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from schemas import LaunchEvent
from services.events.state import EventState, Source

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS cluster_events ("
    " event_id TEXT PRIMARY KEY, is_open INTEGER NOT NULL, last_reported_at TEXT NOT NULL,"
    " state TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS cluster_revisions ("
    " event_id TEXT NOT NULL, revision INTEGER NOT NULL, body TEXT NOT NULL,"
    " PRIMARY KEY (event_id, revision))",
    # One row per revision a report caused; a row with a null event_id marks a report that
    # caused none, so handling it again changes nothing either.
    "CREATE TABLE IF NOT EXISTS cluster_effects ("
    " item_id TEXT NOT NULL, item_revision INTEGER NOT NULL, ord INTEGER NOT NULL,"
    " event_id TEXT, revision INTEGER, PRIMARY KEY (item_id, item_revision, ord))",
    "CREATE TABLE IF NOT EXISTS cluster_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
)


class EventStore:
    """Reads and writes the clusterer's tables on one connection."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db
        for statement in _SCHEMA:
            db.execute(statement)
        if db.in_transaction:
            db.commit()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes inside happen together or not at all."""
        if self._db.isolation_level is None and not self._db.in_transaction:
            self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.rollback()
            raise
        self._db.commit()

    def effects(self, item_id: str, item_revision: int) -> list[LaunchEvent] | None:
        """The revisions a report caused when it was handled, None if it never was."""
        rows = self._db.execute(
            "SELECT e.event_id, r.body FROM cluster_effects e LEFT JOIN cluster_revisions r"
            " ON r.event_id = e.event_id AND r.revision = e.revision"
            " WHERE e.item_id = ? AND e.item_revision = ? ORDER BY e.ord",
            (item_id, item_revision),
        ).fetchall()
        if not rows:
            return None
        return [LaunchEvent.model_validate_json(body) for event_id, body in rows if event_id is not None]

    def record(self, item_id: str, item_revision: int, events: list[LaunchEvent]) -> None:
        """Remember what a report caused (possibly nothing)."""
        if not events:
            self._db.execute("INSERT OR REPLACE INTO cluster_effects VALUES (?, ?, 0, NULL, NULL)",
                             (item_id, item_revision))
        for order, event in enumerate(events):
            self._db.execute("INSERT OR REPLACE INTO cluster_effects VALUES (?, ?, ?, ?, ?)",
                             (item_id, item_revision, order, event.event_id, event.revision))

    def save(self, state: EventState) -> None:
        """Store an event's sources and its newest revision; the event is open."""
        self._db.execute(
            # An upsert keeps the row (and its rowid, the event's age order) in place.
            "INSERT INTO cluster_events VALUES (?, 1, ?, ?) ON CONFLICT (event_id) DO UPDATE"
            " SET last_reported_at = excluded.last_reported_at, state = excluded.state",
            (state.event_id, state.last_reported_at.isoformat(), json.dumps(state.to_json())),
        )
        self._db.execute("INSERT OR REPLACE INTO cluster_revisions VALUES (?, ?, ?)",
                         (state.event_id, state.revision, state.published.model_dump_json()))

    def close(self, event_id: str) -> None:
        """The event takes no more reports; it is no longer loaded on start-up."""
        self._db.execute("UPDATE cluster_events SET is_open = 0 WHERE event_id = ?", (event_id,))

    def load_open(self) -> list[EventState]:
        """Every open event, oldest first, as the clusterer held it."""
        rows = self._db.execute(
            "SELECT e.state, r.body FROM cluster_events e JOIN cluster_revisions r"
            " ON r.event_id = e.event_id AND r.revision = json_extract(e.state, '$.revision')"
            " WHERE e.is_open = 1 ORDER BY e.rowid"
        ).fetchall()
        states = []
        for state_json, body in rows:
            data = json.loads(state_json)
            states.append(EventState(
                event_id=data["event_id"], revision=data["revision"],
                sources=tuple(Source.from_json(s) for s in data["sources"]),
                published=LaunchEvent.model_validate_json(body),
            ))
        return states

    def revisions(self, event_id: str) -> list[LaunchEvent]:
        """Every revision of one event, in order (for tools and tests)."""
        rows = self._db.execute("SELECT body FROM cluster_revisions WHERE event_id = ? ORDER BY revision",
                                (event_id,)).fetchall()
        return [LaunchEvent.model_validate_json(body) for (body,) in rows]

    def watermark(self) -> datetime | None:
        """The latest report time seen; events fed nothing for a window before it close."""
        row = self._db.execute("SELECT value FROM cluster_meta WHERE key = 'watermark'").fetchone()
        return datetime.fromisoformat(row[0]) if row else None

    def set_watermark(self, moment: datetime) -> None:
        self._db.execute("INSERT OR REPLACE INTO cluster_meta VALUES ('watermark', ?)", (moment.isoformat(),))
