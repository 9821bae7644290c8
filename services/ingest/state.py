"""What ingest remembers across restarts, in the shared SQLite file.

- per source: the URL now used (after permanent redirects), the HTTP validators (ETag,
  Last-Modified), the error counter and the next check time;
- per item: the hash of its text and its revision, written only after the bus
  acknowledged the item, so a restart publishes nothing twice and loses nothing, and the
  hashes of its last earlier revisions, so that an item flapping between two texts is
  published as each text's first revision only (`is_flap`). Items
  that their source stopped listing long ago are forgotten (`prune`), so the table stays
  the size of what sources show;
- per WebSub subscription (keyed by callback id): topic, hub, secret, the lease the hub
  granted and when it ends, whether a request awaits the hub's verification, and when to
  ask the hub next, so a restart keeps the lease and the secret instead of subscribing again.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import astuple, dataclass, field
from datetime import datetime

from services.runtime.postgres import StateConnection, is_shared, upsert_sql

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
    last_document_at REAL,                -- last time it answered with a document (not 304)
    next_check_at REAL
);
CREATE TABLE IF NOT EXISTS ingest_items (
    item_id TEXT PRIMARY KEY,
    source_key TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    revision INTEGER NOT NULL,
    first_seen_at TEXT NOT NULL,
    published_at REAL NOT NULL,           -- when it (or its latest revision) went on the topic
    last_seen_at REAL NOT NULL,           -- last time its source still listed it
    earlier_hashes TEXT NOT NULL DEFAULT ''  -- the hashes of its revisions before, newest first, space-separated
);
CREATE INDEX IF NOT EXISTS ingest_items_last_seen ON ingest_items (last_seen_at);
CREATE TABLE IF NOT EXISTS ingest_websub (
    callback_id TEXT PRIMARY KEY,         -- the last path segment of the callback URL
    source_key TEXT NOT NULL,
    topic TEXT NOT NULL,
    hub TEXT NOT NULL,
    secret TEXT NOT NULL,                 -- HMAC key of pushes; kept across renewals
    state TEXT NOT NULL,                  -- pending | active | denied
    requested_at REAL,                    -- last subscription request sent to the hub
    awaiting_verification INTEGER NOT NULL DEFAULT 0,  -- 1 until the hub verifies or denies it
    verified_at REAL,                     -- last verification of intent by the hub
    lease_s REAL,                         -- lease the hub granted at that verification
    lease_expires_at REAL,
    next_attempt_at REAL NOT NULL,        -- when to ask the hub next (renewal or retry)
    attempts INTEGER NOT NULL DEFAULT 0,  -- requests sent since the hub last verified one
    last_error TEXT
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
    last_document_at: float | None = None
    next_check_at: float | None = None


@dataclass(frozen=True)
class WebSubRecord:
    """One WebSub subscription as stored; `state` is pending, active (verified) or denied."""

    callback_id: str
    source_key: str
    topic: str
    hub: str
    secret: str = field(repr=False)  # never in logs or reprs
    state: str = "pending"
    requested_at: float | None = None
    awaiting_verification: bool = False
    verified_at: float | None = None
    lease_s: float | None = None
    lease_expires_at: float | None = None
    next_attempt_at: float = 0.0
    attempts: int = 0
    last_error: str | None = None


WEBSUB_COLUMNS = ("callback_id, source_key, topic, hub, secret, state, requested_at, awaiting_verification, "
                  "verified_at, lease_s, lease_expires_at, next_attempt_at, attempts, last_error")
_SAVE_SOURCE = upsert_sql("ingest_sources", (
    "source_key", "url", "etag", "last_modified", "error_count", "last_error", "last_status", "last_polled_at",
    "last_success_at", "last_document_at", "next_check_at"), key=("source_key",))
_RECORD_ITEM = upsert_sql("ingest_items", (
    "item_id", "source_key", "content_hash", "revision", "first_seen_at", "published_at", "last_seen_at",
    "earlier_hashes"), key=("item_id",))
# How many earlier revisions' hashes an item keeps: a text seen among them again is a flap.
EARLIER_KEPT = 8
_SAVE_WEBSUB = upsert_sql("ingest_websub", tuple(WEBSUB_COLUMNS.split(", ")), key=("callback_id",))


@dataclass(frozen=True)
class KnownItem:
    item_id: str
    content_hash: str
    revision: int
    first_seen_at: str
    earlier_hashes: str = ""

    def is_flap(self, digest: str) -> bool:
        """Whether text hashed `digest` is not this item's latest but one of its earlier
        revisions': a source flapping between texts (a headline A/B test, a count that
        goes back and forth), whose every swing would otherwise be news again."""
        return digest != self.content_hash and digest in self.earlier_hashes.split()

    def earlier_after(self) -> str:
        """`earlier_hashes` once a new revision replaces the latest."""
        return " ".join([self.content_hash, *self.earlier_hashes.split()][:EARLIER_KEPT])


@dataclass(frozen=True)
class PublishedItem:
    item_id: str
    source_key: str
    content_hash: str
    revision: int
    first_seen_at: datetime
    earlier_hashes: str = ""


class IngestState:
    """Ingest's tables in one state connection, SQLite or PostgreSQL (autocommit; explicit
    transactions)."""

    def __init__(self, conn: StateConnection) -> None:
        self._conn = conn
        conn.executescript(SCHEMA)
        if is_shared(conn):
            conn.execute("ALTER TABLE ingest_items ADD COLUMN IF NOT EXISTS earlier_hashes TEXT NOT NULL DEFAULT ''")
        elif "earlier_hashes" not in {row[1] for row in conn.execute("PRAGMA table_info(ingest_items)")}:
            # a state file from before items kept their earlier hashes
            conn.execute("ALTER TABLE ingest_items ADD COLUMN earlier_hashes TEXT NOT NULL DEFAULT ''")

    def source(self, source_key: str) -> SourceState:
        """The stored state of a source, or a fresh one (url = key) when never polled."""
        row = self._conn.execute(
            "SELECT source_key, url, etag, last_modified, error_count, last_error, last_status, "
            "last_polled_at, last_success_at, last_document_at, next_check_at FROM ingest_sources "
            "WHERE source_key = ?",
            (source_key,),
        ).fetchone()
        return SourceState(*row) if row else SourceState(source_key=source_key, url=source_key)

    def save_source(self, state: SourceState) -> None:
        self._conn.execute(
            _SAVE_SOURCE,
            (state.source_key, state.url, state.etag, state.last_modified, state.error_count, state.last_error,
             state.last_status, state.last_polled_at, state.last_success_at, state.last_document_at,
             state.next_check_at),
        )

    def known_items(self, item_ids: Sequence[str]) -> dict[str, KnownItem]:
        """The stored hash and revision of each of `item_ids` that was published before."""
        found: dict[str, KnownItem] = {}
        for start in range(0, len(item_ids), 500):  # SQLite's variable limit
            chunk = item_ids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for row in self._conn.execute(
                f"SELECT item_id, content_hash, revision, first_seen_at, earlier_hashes FROM ingest_items"
                f" WHERE item_id IN ({marks})",
                chunk,
            ):
                found[row[0]] = KnownItem(*row)
        return found

    def record_published(self, items: Iterable[PublishedItem], at: float) -> None:
        """Remember items the bus acknowledged, in one transaction."""
        rows = [(i.item_id, i.source_key, i.content_hash, i.revision, i.first_seen_at.isoformat(), at, at,
                 i.earlier_hashes) for i in items]
        if not rows:
            return
        self._conn.execute("BEGIN")
        try:
            self._conn.executemany(_RECORD_ITEM, rows)
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    def mark_seen(self, item_ids: Sequence[str], at: float) -> None:
        """Note that the source still lists these items (known ones; others are ignored)."""
        for start in range(0, len(item_ids), 500):
            chunk = item_ids[start:start + 500]
            self._conn.execute(
                f"UPDATE ingest_items SET last_seen_at = ? WHERE item_id IN ({','.join('?' * len(chunk))})",
                (at, *chunk),
            )

    def prune(self, seen_before: float) -> int:
        """Forget items last listed before `seen_before` that a later document of their source
        no longer listed; returns how many. A source answering 304 all along keeps its items.

        Such an item, should it reappear, is published again as new.
        """
        return self._conn.execute(
            "DELETE FROM ingest_items WHERE last_seen_at < ? AND last_seen_at < "
            "(SELECT last_document_at FROM ingest_sources s WHERE s.source_key = ingest_items.source_key)",
            (seen_before,),
        ).rowcount

    def websub_subscriptions(self) -> list[WebSubRecord]:
        """Every stored WebSub subscription, in callback id order."""
        rows = self._conn.execute(f"SELECT {WEBSUB_COLUMNS} FROM ingest_websub ORDER BY callback_id").fetchall()
        return [WebSubRecord(*row[:7], bool(row[7]), *row[8:]) for row in rows]

    def save_websub(self, record: WebSubRecord) -> None:
        self._conn.execute(_SAVE_WEBSUB, astuple(record))

    def delete_websub(self, callback_ids: Sequence[str]) -> None:
        self._conn.executemany("DELETE FROM ingest_websub WHERE callback_id = ?", [(c,) for c in callback_ids])
