"""Grouping launch reports into launch events.

This first version opens one event per launch report; its API is what the worker relies on.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable
from datetime import datetime, timezone

from schemas import EventSource, LaunchEvent, LaunchReport


class Clusterer:
    """Turns launch reports into event revisions, remembering events in SQLite."""

    def __init__(self, db: sqlite3.Connection, clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc)) -> None:
        self._db = db
        self._clock = clock
        db.execute(
            "CREATE TABLE IF NOT EXISTS launch_events ("
            " event_id TEXT PRIMARY KEY, revision INTEGER NOT NULL, body TEXT NOT NULL)"
        )

    def add(self, report: LaunchReport) -> list[LaunchEvent]:
        """The event revisions this report causes (none when it changes nothing).

        Idempotent and replay-safe: adding a report again returns the same revisions it
        caused the first time (same event_id and revision), so a stage that crashed before
        sending them sends them now, and consumers dedup on (event_id, revision).
        """
        if not report.is_launch or report.retrospective:
            return []
        event_id = "evt_" + hashlib.sha256(f"{report.item_id}".encode()).hexdigest()[:20]
        row = self._db.execute("SELECT revision, body FROM launch_events WHERE event_id = ?", (event_id,)).fetchone()
        if row is not None:
            return [LaunchEvent.model_validate_json(row[1])]
        f = report.fields
        first = report.published_at or report.first_seen_at or report.classified_at
        event = LaunchEvent(
            event_id=event_id,
            revision=1,
            status="reported",
            actor=f.actor,
            kind=f.kind,
            count=f.count,
            distance_km=f.distance_km,
            apogee_km=f.apogee_km,
            direction=f.direction,
            source_agency=f.source_agency,
            launched_at=f.launched_at,
            confidence=report.confidence,
            headline=report.title,
            first_reported_at=first,
            updated_at=self._clock(),
            sources=[EventSource(item_id=report.item_id, feed=report.feed, url=report.url, title=report.title,
                                 source_kind=report.source_kind, source_agency=f.source_agency,
                                 published_at=report.published_at, fields=f)],
            source_count=1,
            changes=["new"],
        )
        self._db.execute(
            "INSERT INTO launch_events (event_id, revision, body) VALUES (?, ?, ?)",
            (event_id, 1, event.model_dump_json()),
        )
        return [event]
