"""SQLite state of the clusterer: open events, every published revision, what each report did.

One transaction per report, so a crash leaves either all of a report's effects or none;
the clusterer rebuilds its open events from here on start-up.

Sizes: an event row holds its bounded sources (see `state.MAX_SOURCES`) and its current
resolution, so it does not grow with the reports the event takes. A revision row holds
what changed since the revision before (the first one, the whole event), so the revisions
of an event grow by about the size of one source each, not by the whole event.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from schemas import LaunchEvent
from services.events.state import EventState, Omitted, Source

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS cluster_events ("
    " event_id TEXT PRIMARY KEY, is_open INTEGER NOT NULL, last_reported_at TEXT NOT NULL,"
    " state TEXT NOT NULL, published TEXT)",
    # body: the whole event for an event's first revision, {"diff": ...} for the others.
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


def revision_diff(previous: dict, current: dict) -> dict:
    """What `current` (an event as JSON) changed relative to `previous`: the top-level
    fields that differ, and for `sources` the order of item ids plus the sources that are
    new or changed."""
    diff = {name: value for name, value in current.items() if name != "sources" and previous.get(name) != value}
    if "sources" in current and current["sources"] != previous.get("sources"):
        before = {s["item_id"]: s for s in previous.get("sources", [])}
        diff["sources"] = {"order": [s["item_id"] for s in current["sources"]],
                           "new": [s for s in current["sources"] if before.get(s["item_id"]) != s]}
    return diff


def apply_diff(previous: dict, diff: dict) -> dict:
    """`previous` (an event as JSON) with `diff` (from `revision_diff`) applied."""
    out = {**previous, **{name: value for name, value in diff.items() if name != "sources"}}
    if "sources" in diff:
        known = {s["item_id"]: s for s in previous.get("sources", [])}
        known.update({s["item_id"]: s for s in diff["sources"]["new"]})
        out["sources"] = [known[item_id] for item_id in diff["sources"]["order"]]
    return out


class EventStore:
    """Reads and writes the clusterer's tables on one connection."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db
        for statement in _SCHEMA:
            db.execute(statement)
        columns = {row[1] for row in db.execute("PRAGMA table_info(cluster_events)")}
        if "published" not in columns:  # a state file from before events kept their resolution
            db.execute("ALTER TABLE cluster_events ADD COLUMN published TEXT")
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
            "SELECT event_id, revision FROM cluster_effects WHERE item_id = ? AND item_revision = ? ORDER BY ord",
            (item_id, item_revision),
        ).fetchall()
        if not rows:
            return None
        return [self.revision(event_id, revision) for event_id, revision in rows if event_id is not None]

    def record(self, item_id: str, item_revision: int, events: list[LaunchEvent]) -> None:
        """Remember what a report caused (possibly nothing)."""
        if not events:
            self._db.execute("INSERT OR REPLACE INTO cluster_effects VALUES (?, ?, 0, NULL, NULL)",
                             (item_id, item_revision))
        for order, event in enumerate(events):
            self._db.execute("INSERT OR REPLACE INTO cluster_effects VALUES (?, ?, ?, ?, ?)",
                             (item_id, item_revision, order, event.event_id, event.revision))

    def save(self, state: EventState, *, published_after: LaunchEvent | None = None, publish: bool) -> None:
        """Store an event's sources and current resolution; the event is open. With
        `publish`, `state.published` is also stored as a new revision: what changed since
        `published_after` (the revision before), or the whole event when there is none."""
        current = state.published.model_dump(mode="json")
        self._db.execute(
            # An upsert keeps the row (and its rowid, the event's age order) in place.
            "INSERT INTO cluster_events VALUES (?, 1, ?, ?, ?) ON CONFLICT (event_id) DO UPDATE"
            " SET last_reported_at = excluded.last_reported_at, state = excluded.state,"
            " published = excluded.published",
            (state.event_id, state.last_reported_at.isoformat(), json.dumps(state.to_json()), json.dumps(current)),
        )
        if not publish:
            return
        if published_after is None:
            body = current
        else:
            body = {"diff": revision_diff(published_after.model_dump(mode="json"), current)}
        self._db.execute("INSERT OR REPLACE INTO cluster_revisions VALUES (?, ?, ?)",
                         (state.event_id, state.revision, json.dumps(body)))

    def close(self, event_id: str) -> None:
        """The event takes no more reports; it is no longer loaded on start-up."""
        self._db.execute("UPDATE cluster_events SET is_open = 0 WHERE event_id = ?", (event_id,))

    def load_open(self) -> list[EventState]:
        """Every open event, oldest first, as the clusterer held it."""
        rows = self._db.execute(
            "SELECT state, published FROM cluster_events WHERE is_open = 1 ORDER BY rowid"
        ).fetchall()
        states = []
        for state_json, published in rows:
            data = json.loads(state_json)
            event = (LaunchEvent.model_validate_json(published) if published is not None
                     else self.revision(data["event_id"], data["revision"]))
            states.append(EventState(
                event_id=data["event_id"], revision=data["revision"],
                sources=tuple(Source.from_json(s) for s in data["sources"]),
                published=event, omitted=Omitted.from_json(data.get("omitted")),
            ))
        return states

    def revision(self, event_id: str, revision: int) -> LaunchEvent:
        """Revision `revision` of an event, as it was published. Raises LookupError when it
        was never stored."""
        rows = self._db.execute("SELECT body FROM cluster_revisions WHERE event_id = ? AND revision <= ?"
                                " ORDER BY revision", (event_id, revision)).fetchall()
        event = self._fold([body for (body,) in rows])
        if not event or event.get("revision") != revision:
            raise LookupError(f"event {event_id} has no stored revision {revision}")
        return LaunchEvent.model_validate(event)

    def revisions(self, event_id: str) -> list[LaunchEvent]:
        """Every revision of one event, in order (for tools and tests)."""
        rows = self._db.execute("SELECT body FROM cluster_revisions WHERE event_id = ? ORDER BY revision",
                                (event_id,)).fetchall()
        out, event = [], {}
        for (body,) in rows:
            event = self._fold([body], event)
            out.append(LaunchEvent.model_validate(event))
        return out

    @staticmethod
    def _fold(bodies: list[str], event: dict | None = None) -> dict:
        event = event or {}
        for body in bodies:
            data = json.loads(body)
            event = apply_diff(event, data["diff"]) if "diff" in data else data
        return event

    def watermark(self) -> datetime | None:
        """The latest report time seen; events fed nothing for a window before it close."""
        row = self._db.execute("SELECT value FROM cluster_meta WHERE key = 'watermark'").fetchone()
        return datetime.fromisoformat(row[0]) if row else None

    def set_watermark(self, moment: datetime) -> None:
        self._db.execute("INSERT OR REPLACE INTO cluster_meta VALUES ('watermark', ?)", (moment.isoformat(),))
