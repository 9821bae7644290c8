"""One suite, two buses: the in-memory bus and Kafka (tansu) must behave alike for stages."""

from __future__ import annotations

import asyncio

from services.runtime.memory_bus import MemoryBus


async def drain(consumer, want: int, timeout_s: float = 15.0):
    got = []
    deadline = asyncio.get_running_loop().time() + timeout_s
    while len(got) < want and asyncio.get_running_loop().time() < deadline:
        got.extend(await consumer.poll(0.2, 100))
    return got


async def test_keys_headers_and_partitions_are_kept(bus, topic_prefix):
    topic = f"{topic_prefix}items"
    for i in range(12):
        await bus.producer().send(topic, f"v{i}".encode(), key=f"k{i % 3}".encode(), headers=(("h", b"x"),))
    consumer = await bus.consumer([topic], f"{topic_prefix}g")
    records = await drain(consumer, 12)
    assert sorted(r.value for r in records) == sorted(f"v{i}".encode() for i in range(12))
    by_key = {}
    for r in records:
        by_key.setdefault(r.key, set()).add(r.partition)
        assert r.header("h") == b"x"
    assert all(len(parts) == 1 for parts in by_key.values()), by_key
    # within one key, order is the send order
    k0 = [r.value for r in records if r.key == b"k0"]
    assert k0 == [f"v{i}".encode() for i in range(0, 12, 3)]
    await consumer.close()


async def test_uncommitted_records_are_read_again_by_the_next_member(bus, topic_prefix):
    topic = f"{topic_prefix}items"
    for i in range(6):
        await bus.producer().send(topic, f"v{i}".encode(), key=b"same")
    group = f"{topic_prefix}g"
    first = await bus.consumer([topic], group)
    records = await drain(first, 6)
    assert len(records) == 6
    # commit only the first four: the last two were "not done"
    done = records[3]
    await first.commit({(done.topic, done.partition): done.offset + 1})
    await first.close()
    second = await bus.consumer([topic], group)
    again = await drain(second, 2)
    assert [r.value for r in again] == [b"v4", b"v5"]
    await second.close()


async def test_every_group_sees_every_record(bus, topic_prefix):
    topic = f"{topic_prefix}items"
    for i in range(5):
        await bus.producer().send(topic, f"v{i}".encode(), key=f"{i}".encode())
    a = await bus.consumer([topic], f"{topic_prefix}a")
    b = await bus.consumer([topic], f"{topic_prefix}b")
    assert len(await drain(a, 5)) == 5
    assert len(await drain(b, 5)) == 5
    await a.close()
    await b.close()


async def test_memory_group_members_split_partitions(topic_prefix):
    # (Kafka splits partitions too, but tansu takes seconds per rebalance: memory only.)
    bus = MemoryBus(topic_prefix, default_partitions=4)
    topic = f"{topic_prefix}items"
    await bus.ensure_topics([topic], 4)
    for i in range(40):
        await bus.producer().send(topic, b"v", key=f"{i}".encode())
    one = await bus.consumer([topic], "g")
    two = await bus.consumer([topic], "g")
    got_one = await one.poll(0, 100)
    got_two = await two.poll(0, 100)
    assert len(got_one) + len(got_two) == 40
    assert {r.partition for r in got_one}.isdisjoint({r.partition for r in got_two})
