"""The stages' state on PostgreSQL (`[state] url`): the same modules as on SQLite, a real
private cluster (see tests/postgres.py), and the locks that let instances share it."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
from datetime import datetime, timedelta, timezone

import pytest

from schemas import LaunchEvent
from services.events.clusterer import Clusterer
from services.ingest.state import IngestState, PublishedItem, SourceState
from services.notify.alert import delivery_id_for
from services.notify.delivery import Deliverer
from services.notify.ledger import Ledger
from services.notify.settings import SubscriptionSettings
from services.runtime.errors import ConfigError, StateError
from services.runtime.postgres import StateUnavailable, connect_postgres, translate, try_lock
from services.runtime.retry import Backoff
from tests.unit.test_clusterer import T0, FakeClock, morning
from tests.unit.test_clusterer_retention import forgets_a_closed_event
from tests.unit.test_notify_ledger import supersedes_the_owed_revisions_below_the_newest
from tests.unit.test_notify_retention import forgets_only_finished_deliveries

EPOCH_S = 1_767_225_600.123456  # 2026-01-01: PostgreSQL's 4-byte REAL would round this by minutes


def test_sqlite_flavoured_sql_is_translated_for_postgresql():
    assert translate("SELECT a FROM t WHERE b = ? AND c LIKE '5%'") == "SELECT a FROM t WHERE b = %s AND c LIKE '5%%'"
    assert translate("INSERT OR IGNORE INTO t (a) VALUES (?)") == "INSERT INTO t (a) VALUES (%s) ON CONFLICT DO NOTHING"
    assert translate("CREATE TABLE t (a REAL, b INTEGER, c TEXT)") == "CREATE TABLE t (a DOUBLE PRECISION, b BIGINT, c TEXT)"
    assert translate("SELECT real_value FROM t") == "SELECT real_value FROM t"


@pytest.fixture(params=["sqlite", "postgresql"])
def connect(request, tmp_path):
    """A factory of connections to one state, SQLite or PostgreSQL: the same tests on both."""
    made = []

    def open_one():
        if request.param == "sqlite":
            conn = sqlite3.connect(tmp_path / "state.db", isolation_level=None)
        else:
            conn = connect_postgres(request.getfixturevalue("pg_url"))
        made.append(conn)
        return conn

    yield open_one
    for conn in made:
        conn.close()


def test_ingest_state_keeps_sources_and_items_exactly(connect):
    state = IngestState(connect())
    saved = SourceState("https://a.example/feed", "https://a.example/moved", etag='"x"', error_count=2,
                        last_polled_at=EPOCH_S, next_check_at=EPOCH_S + 60.5)
    state.save_source(saved)
    state.save_source(saved)  # an upsert, not a second row
    first = datetime(2026, 1, 1, tzinfo=timezone.utc)
    state.record_published([PublishedItem("i1", saved.source_key, "h1", 1, first)], EPOCH_S)
    state.record_published([PublishedItem("i1", saved.source_key, "h2", 2, first, "h1")], EPOCH_S + 1)
    again = IngestState(connect())  # another instance's session sees it
    assert again.source(saved.source_key) == saved
    known = again.known_items(["i1", "i2"])
    assert list(known) == ["i1"] and (known["i1"].content_hash, known["i1"].revision) == ("h2", 2)
    assert known["i1"].is_flap("h1") and not known["i1"].is_flap("h3")  # its earlier text is remembered


def test_the_clusterer_reloads_what_another_instance_left(connect):
    reports = morning()
    clock = FakeClock(T0 + timedelta(minutes=5))
    first = Clusterer(connect(), clock)
    published = [event for r in reports[:5] for event in first.add(r)]
    second = Clusterer(connect(), clock)  # a standby, taking over
    assert second.open_events == first.open_events
    # A report handled again returns what it caused the first time, from the store.
    assert second.add(reports[4]) == first.add(reports[4])
    later = [event for r in reports[5:] for event in second.add(r)]
    revisions = [e.revision for e in published + later if e.event_id == published[0].event_id]
    assert revisions == list(range(1, len(revisions) + 1))


def test_the_clusterer_forgets_closed_events_past_their_retention(connect):
    forgets_a_closed_event(connect())


def test_the_ledger_forgets_finished_deliveries_past_their_retention(connect):
    forgets_only_finished_deliveries(connect())


def test_the_ledger_supersedes_owed_revisions_below_the_newest(connect):
    supersedes_the_owed_revisions_below_the_newest(connect())


def test_the_web_pages_store_keeps_the_latest_revision(connect):
    from services.web.store import EventStore as WebStore

    store = WebStore(connect())
    assert store.add(event("evt-1", 2), datetime.now(timezone.utc)) is True
    assert store.add(event("evt-1", 1), datetime.now(timezone.utc)) is True
    assert store.add(event("evt-1", 1), datetime.now(timezone.utc)) is False  # seen before
    again = WebStore(connect())
    assert again.get("evt-1").revision == 2 and [r.event.revision for r in again.revisions("evt-1")] == [1, 2]


def event(event_id: str, revision: int = 1) -> LaunchEvent:
    now = datetime.now(timezone.utc)
    return LaunchEvent(event_id=event_id, revision=revision, status="reported", actor="PRK", kind="ballistic",
                       confidence=0.9, headline="North Korea fires a ballistic missile", first_reported_at=now,
                       updated_at=now, sources=[])


class Recorder:
    """A channel that records every send, from whichever instance."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []

    async def send(self, alert, sub) -> str | None:  # noqa: ANN001
        self.sent.append((alert.delivery_id, sub.name))
        await asyncio.sleep(0.01)
        return None


class NoLetters:
    async def send(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        raise AssertionError("nothing should be dead-lettered")


def deliverer(conn, channel: Recorder) -> Deliverer:
    return Deliverer(ledger=Ledger(conn), channels={"webhook": channel}, dead_letters=NoLetters(),
                     backoff=Backoff(base_s=0.01, max_s=0.1, max_attempts=3), concurrency=4,
                     clock=lambda: datetime.now(timezone.utc), poll_s=0.05)


async def test_two_notify_instances_send_each_delivery_once_and_the_survivor_takes_over(pg_url):
    subs = [SubscriptionSettings(name=n, channel="webhook", url="https://hooks.example/x", min_confidence=0)
            for n in ("ops", "partner")]
    channel = Recorder()
    conn_a, conn_b = connect_postgres(pg_url), connect_postgres(pg_url)
    a, b = deliverer(conn_a, channel), deliverer(conn_b, channel)
    stop_a, stop_b = asyncio.Event(), asyncio.Event()
    tasks = [asyncio.create_task(d.drain(sub, stop)) for d, stop in ((a, stop_a), (b, stop_b)) for sub in subs]
    try:
        for n in range(10):  # each instance enqueues what its partitions carry
            (a if n % 2 else b).enqueue(event(f"evt-{n}"), subs)
        for _ in range(200):
            if len(channel.sent) >= 20 and not a._ledger.owed():
                break
            await asyncio.sleep(0.02)
        # The instance holding a subscription loses its session between two deliveries (a
        # kill during a send would send that one again, same delivery id): its claims end with it.
        holder = a if "ops" in a._ledger.claimed else b
        other = b if holder is a else a
        (conn_a if holder is a else conn_b).close()
        for n in range(10, 16):
            other.enqueue(event(f"evt-{n}"), subs)
        for _ in range(300):
            if len(channel.sent) >= 32:
                break
            await asyncio.sleep(0.02)
    finally:
        stop_a.set()
        stop_b.set()
        results = await asyncio.gather(*tasks, return_exceptions=True)
        conn_a.close()
        conn_b.close()
    # The holder's senders stopped, saying why, instead of retrying without a session.
    stopped = [r for r in results if isinstance(r, StateError)]
    assert stopped and all("session" in str(r) for r in stopped)
    expected = {(delivery_id_for(sub.name, f"evt-{n}", 1), sub.name) for sub in subs for n in range(16)}
    assert sorted(channel.sent) == sorted(expected)  # every delivery, each once
    assert other._ledger.claimed == {"ops", "partner"}


def _within(seconds: float, condition) -> bool:
    """Whether `condition()` comes true within `seconds` (asked every 20 ms)."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def test_a_lock_is_held_by_one_session_and_freed_when_it_ends(pg_url):
    first, second = connect_postgres(pg_url), connect_postgres(pg_url)
    assert try_lock(first, "events") and try_lock(first, "events")
    assert not try_lock(second, "events")
    first.close()
    # The server frees a session's locks when its backend exits, a moment after the client
    # has gone (on a busy machine, not always before the next query of another session).
    assert _within(5, lambda: try_lock(second, "events"))
    second.close()


def test_instances_creating_the_schema_together_do_not_collide(pg_url):
    errors: list[BaseException] = []

    def start_one() -> None:
        try:
            conn = connect_postgres(pg_url)
            Ledger(conn)
            IngestState(conn)
            Clusterer(conn)
            conn.close()
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=start_one) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


def test_a_role_that_may_not_create_tables_is_told_which_grant_it_lacks_in_one_line(pg_url, postgres):
    """A DBA's usual database on PostgreSQL 15: owned by another role, `public` open to its
    owner alone. The stage stops on one line naming the grant, not a traceback."""
    import psycopg

    from services.runtime.postgres import STATE_ERRORS, PostgresRefused

    database = pg_url.split("?")[0].rsplit("/", 1)[1]
    role = f"lw_{database}"[:60]  # (roles are the cluster's: one per test's database)
    with psycopg.connect(pg_url, autocommit=True) as admin:
        admin.execute(f'CREATE ROLE "{role}" LOGIN')
        admin.execute(f'GRANT CONNECT ON DATABASE "{database}" TO "{role}"')
        admin.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
        try:
            conn = connect_postgres(pg_url.replace(f"//{postgres.url().split('//')[1].split('@')[0]}@", f"//{role}@"))
            try:
                with pytest.raises(PostgresRefused) as refused:
                    Ledger(conn)
            finally:
                conn.close()
        finally:
            admin.execute(f'REVOKE CONNECT ON DATABASE "{database}" FROM "{role}"')
            admin.execute(f'DROP ROLE "{role}"')
    message = str(refused.value)
    assert isinstance(refused.value, StateError) and isinstance(refused.value, STATE_ERRORS)
    assert "permission denied for schema public" in message and "GRANT CREATE, USAGE ON SCHEMA" in message
    assert "\n" not in message


def test_an_unreachable_database_is_one_line_naming_the_key_without_the_password(tmp_path):
    with pytest.raises(StateUnavailable) as raised:
        connect_postgres(f"postgresql://lw:hunter2secret@/none?host={tmp_path}&port=1", connect_timeout_s=1)
    message = str(raised.value)
    assert "[state] url" in message and "hunter2secret" not in message and "\n" not in message


def test_a_shared_state_needs_the_kafka_bus_and_a_postgresql_url():
    from services.config import load_settings

    with pytest.raises(ConfigError, match="needs bus.kind"):
        load_settings(environ={"LAUNCHWATCH_STATE__URL": "env:PGURL", "PGURL": "postgresql://db/lw"})
    with pytest.raises(ConfigError, match="state.url: must be a postgresql:// URL"):
        load_settings(environ={"LAUNCHWATCH_STATE__URL": "env:PGURL", "PGURL": "mysql://db/lw",
                               "LAUNCHWATCH_BUS__KIND": "kafka"})
