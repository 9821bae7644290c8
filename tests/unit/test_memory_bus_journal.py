"""The embedded bus's journal: a restart resumes at committed offsets; done records go."""

from __future__ import annotations

from services.runtime.db import connect
from services.runtime.memory_bus import MemoryBus


def reopen(path) -> MemoryBus:
    """A new process on the same state file (the old one died without closing anything)."""
    return MemoryBus("lw.", default_partitions=1, journal=connect(path))


async def test_uncommitted_records_survive_a_crash_and_committed_ones_are_not_read_again(tmp_path):
    path = tmp_path / "state.db"
    bus = reopen(path)
    await bus.ensure_topics(["lw.items"], 1)
    for i in range(5):
        await bus.producer().send("lw.items", f"v{i}".encode(), key=b"k", headers=(("h", b"\x00\x01"),))
    consumer = await bus.consumer(["lw.items"], "classify")
    got = await consumer.poll(0, 100)
    assert [r.value for r in got] == [b"v0", b"v1", b"v2", b"v3", b"v4"]
    await consumer.commit({("lw.items", 0): 3})  # v3 and v4 were in flight when it died

    again = reopen(path)
    resumed = await (await again.consumer(["lw.items"], "classify")).poll(0, 100)
    assert [(r.offset, r.value) for r in resumed] == [(3, b"v3"), (4, b"v4")]
    assert resumed[0].header("h") == b"\x00\x01"
    # Offsets go on where they were, not from zero.
    await again.producer().send("lw.items", b"v5", key=b"k")
    assert again.records("lw.items")[-1].offset == 5


async def test_records_every_reader_committed_are_dropped_from_memory_and_journal(tmp_path):
    path = tmp_path / "state.db"
    bus = reopen(path)
    await bus.ensure_topics(["lw.items"], 1)
    consumer = await bus.consumer(["lw.items"], "classify")
    for i in range(600):
        await bus.producer().send("lw.items", b"x" * 100)
    records = await consumer.poll(0, 1000)
    await consumer.commit({("lw.items", 0): records[-1].offset + 1})
    assert bus.records("lw.items") == []
    conn = connect(path)
    assert conn.execute("SELECT count(*) FROM bus_records").fetchone()[0] == 0
    again = reopen(path)
    await again.producer().send("lw.items", b"next")
    assert again.records("lw.items")[0].offset == 600
    assert await (await again.consumer(["lw.items"], "classify")).poll(0, 10) == again.records("lw.items")


async def test_a_topic_nobody_reads_keeps_its_latest_records_only(tmp_path):
    bus = MemoryBus("lw.", journal=connect(tmp_path / "state.db"), retain_records=100)
    for i in range(1000):
        await bus.producer().send("lw.reports", str(i).encode())
    held = bus.records("lw.reports")
    assert 100 <= len(held) < 100 + 300
    assert held[-1].value == b"999"


async def test_sends_made_together_are_all_in_the_journal_in_order_when_they_return(tmp_path):
    import asyncio

    path = tmp_path / "state.db"
    bus = reopen(path)
    await bus.ensure_topics(["lw.items"], 1)
    await asyncio.gather(*(bus.producer().send("lw.items", f"v{i}".encode(), key=b"k") for i in range(50)))
    # The process dies here, without closing anything.
    again = reopen(path)
    resumed = await (await again.consumer(["lw.items"], "classify")).poll(0, 100)
    assert [(r.offset, r.value) for r in resumed] == [(i, f"v{i}".encode()) for i in range(50)]


async def test_a_send_the_journal_cannot_take_fails_and_nobody_reads_it(tmp_path):
    import sqlite3

    import pytest

    path = tmp_path / "state.db"
    bus = reopen(path)
    await bus.ensure_topics(["lw.items"], 1)
    consumer = await bus.consumer(["lw.items"], "classify")
    await bus.producer().send("lw.items", b"kept")
    blocker = connect(path)
    blocker.execute("PRAGMA busy_timeout=0")
    blocker.execute("BEGIN IMMEDIATE")  # another writer holds the file
    bus._journal.execute("PRAGMA busy_timeout=0")
    try:
        with pytest.raises(sqlite3.OperationalError):
            await bus.producer().send("lw.items", b"lost")
    finally:
        blocker.execute("ROLLBACK")
    assert [r.value for r in await consumer.poll(0, 10)] == [b"kept"]
    await bus.producer().send("lw.items", b"next")  # the bus goes on once the file is free
    assert [(r.offset, r.value) for r in await consumer.poll(0, 10)] == [(1, b"next")]
