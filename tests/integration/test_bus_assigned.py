"""`[bus] assign_partitions`: a stage's consumer takes every partition itself, at once, and
keeps its place in the consumer group's committed offsets (Kafka, on tansu)."""

from __future__ import annotations

import time

import pytest

from services.runtime.bus import TOPICS
from services.runtime.kafka_bus import KafkaBus, TopicMissing
from tests.broker import FAST_GROUPS
from tests.integration.test_bus import drain

# tansu holds a new group's first join for half the session timeout: with the timings the
# stages use by default (6 s), 3 s.
DEFAULT_GROUPS = dict(session_timeout_ms=6000, heartbeat_interval_ms=1000, rebalance_timeout_ms=10000)


@pytest.fixture
async def kafka(kafka_broker, topic_prefix):
    made: list[KafkaBus] = []

    async def make(assigned: tuple[str, ...] = (), **timing) -> KafkaBus:
        bus = KafkaBus(kafka_broker.bootstrap_servers, topic_prefix=topic_prefix, fetch_max_wait_ms=50,
                       assigned_groups=assigned, **(timing or FAST_GROUPS))
        await bus.start()
        await bus.ensure_topics([f"{topic_prefix}{t}" for t in TOPICS], partitions=3)
        made.append(bus)
        return bus

    yield make
    for bus in made:
        await bus.close()


async def test_an_assigned_consumer_reads_every_partition_at_once(kafka, topic_prefix):
    group = f"{topic_prefix}g"
    bus = await kafka((group,), **DEFAULT_GROUPS)
    topic = f"{topic_prefix}items"
    for i in range(6):
        await bus.producer().send(topic, f"v{i}".encode(), key=f"k{i}".encode())
    started = time.monotonic()
    consumer = await bus.consumer([topic], group)
    assert consumer.joined  # ready at once: no group join to wait for
    records = await drain(consumer, 6)
    took_s = time.monotonic() - started
    assert sorted(r.value for r in records) == [f"v{i}".encode() for i in range(6)]
    assert len({r.partition for r in records}) > 1
    # A group member would wait at least the 3 s tansu holds the first join with these timings.
    assert took_s < 2.9, took_s
    await consumer.close()


async def test_a_restarted_assigned_consumer_resumes_at_the_committed_offset(kafka, topic_prefix):
    group = f"{topic_prefix}g"
    bus = await kafka((group,))
    topic = f"{topic_prefix}items"
    for i in range(6):
        await bus.producer().send(topic, f"v{i}".encode(), key=b"same")
    first = await bus.consumer([topic], group)
    records = await drain(first, 6)
    done = records[3]
    await first.commit({(done.topic, done.partition): done.offset + 1})
    await first.close()
    second = await bus.consumer([topic], group)
    again = await drain(second, 2)
    assert [r.value for r in again] == [b"v4", b"v5"]
    assert await drain(second, 1, timeout_s=1.0) == []
    await second.close()


async def test_offsets_carry_over_between_assigned_and_group_members(kafka, topic_prefix):
    # Turning the key on or off keeps the stage's place: the offsets live in the group either way.
    group = f"{topic_prefix}g"
    assigned_bus = await kafka((group,))
    group_bus = await kafka(())
    topic = f"{topic_prefix}items"
    for i in range(4):
        await assigned_bus.producer().send(topic, f"v{i}".encode(), key=b"same")
    assigned = await assigned_bus.consumer([topic], group)
    records = await drain(assigned, 4)
    await assigned.commit({(records[1].topic, records[1].partition): records[1].offset + 1})
    await assigned.close()
    member = await group_bus.consumer([topic], group)
    again = await drain(member, 2)
    assert [r.value for r in again] == [b"v2", b"v3"]
    await member.commit({(again[-1].topic, again[-1].partition): again[-1].offset + 1})
    await member.close()
    await assigned_bus.producer().send(topic, b"v4", key=b"same")
    assigned = await assigned_bus.consumer([topic], group)
    assert [r.value for r in await drain(assigned, 1)] == [b"v4"]
    await assigned.close()


async def test_an_unknown_topic_is_named(kafka, topic_prefix):
    group = f"{topic_prefix}g"
    bus = await kafka((group,))
    with pytest.raises(TopicMissing, match=f"{topic_prefix}nowhere"):
        await bus.consumer([f"{topic_prefix}nowhere"], group)
