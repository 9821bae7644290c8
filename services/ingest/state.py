"""What ingest remembers across restarts, in the shared SQLite file.

- per source: the URL now used (after permanent redirects), the HTTP validators (ETag,
  Last-Modified), the error counter and the next check time;
- per item: the hash of its text and its revision, written only after the bus
  acknowledged the item, so a restart publishes nothing twice and loses nothing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

SCHEMA = """
CREATE TABLE IF NOT EXISTS ingest_sources (
    source_key TEXT PRIMARY KEY,          -- the configured URL
    url TEXT NOT NULL,                    -- the URL fetched now (after permanent redirects)
    etag TEXT,
    last_modified TEXT,
    error_count INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    last_status INTEGER,
    last_polled_at REAL,
    last_success_at REAL,
    next_check_at REAL
);
CREATE TABLE IF NOT EXISTS ingest_items (
    item_id TEXT PRIMARY KEY,
    source_key TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    revision INTEGER NOT NULL,
    first_seen_at TEXT NOT NULL,
    published_at REAL NOT NULL            -- when it (or its latest revision) went on the topic
);
"""


@dataclass(frozen=True)
class SourceState:
    source_key: str
    url: str
    etag: str | None = None
    last_modified: str | None = None
    error_count: int = 0
    last_error: str | None = None
    last_status: int | None = None
    last_polled_at: float | None = None
    last_success_at: float | None = None
    next_check_at: float | None = None


@dataclass(frozen=True)
class KnownItem:
    item_id: str
    content_hash: str
    revision: int
    first_seen_at: str


@dataclass(frozen=True)
class PublishedItem:
    item_id: str
    source_key: str
    content_hash: str
    revision: int
    first_seen_at: datetime


class IngestState:
    """Ingest's tables in one SQLite connection (autocommit; explicit transactions)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        conn.executescript(SCHEMA)

    def source(self, source_key: str) -> SourceState:
        """The stored state of a source, or a fresh one (url = key) when never polled."""
        row = self._conn.execute(
            "SELECT source_key, url, etag, last_modified, error_count, last_error, last_status, "
            "last_polled_at, last_success_at, next_check_at FROM ingest_sources WHERE source_key = ?",
            (source_key,),
        ).fetchone()
        return SourceState(*row) if row else SourceState(source_key=source_key, url=source_key)

    def save_source(self, state: SourceState) -> None:
        self._conn.execute(
            "INSERT OR REPLACE INTO ingest_sources (source_key, url, etag, last_modified, error_count, "
            "last_error, last_status, last_polled_at, last_success_at, next_check_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (state.source_key, state.url, state.etag, state.last_modified, state.error_count, state.last_error,
             state.last_status, state.last_polled_at, state.last_success_at, state.next_check_at),
        )

    def known_items(self, item_ids: Sequence[str]) -> dict[str, KnownItem]:
        """The stored hash and revision of each of `item_ids` that was published before."""
        found: dict[str, KnownItem] = {}
        for start in range(0, len(item_ids), 500):  # SQLite's variable limit
            chunk = item_ids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for row in self._conn.execute(
                f"SELECT item_id, content_hash, revision, first_seen_at FROM ingest_items WHERE item_id IN ({marks})",
                chunk,
            ):
                found[row[0]] = KnownItem(*row)
        return found

    def record_published(self, items: Iterable[PublishedItem], at: float) -> None:
        """Remember items the bus acknowledged, in one transaction."""
        rows = [(i.item_id, i.source_key, i.content_hash, i.revision, i.first_seen_at.isoformat(), at)
                for i in items]
        if not rows:
            return
        self._conn.execute("BEGIN")
        try:
            self._conn.executemany(
                "INSERT OR REPLACE INTO ingest_items (item_id, source_key, content_hash, revision, "
                "first_seen_at, published_at) VALUES (?,?,?,?,?,?)",
                rows,
            )
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")
