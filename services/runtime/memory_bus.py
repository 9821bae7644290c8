"""The in-memory bus: partitions, keys, headers, consumer groups and commits, in one process.

It behaves like Kafka where stage code can tell: a key always lands on the same partition,
a group's members split the partitions, and a member that leaves without committing hands
its uncommitted records to the next reader. Nothing survives the process.
"""

from __future__ import annotations

import asyncio
import time
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field

from services.runtime.bus import Headers, Record


def partition_for(key: bytes | None, partitions: int, counter: int) -> int:
    """Keyed messages go by hash; keyless ones round-robin."""
    if key is None:
        return counter % partitions
    return zlib.crc32(key) % partitions


@dataclass
class _Group:
    members: list["MemoryConsumer"] = field(default_factory=list)
    committed: dict[tuple[str, int], int] = field(default_factory=dict)


class MemoryBus:
    """A bus held in this process's memory."""

    def __init__(self, topic_prefix: str = "launchwatch.", default_partitions: int = 1) -> None:
        self.topic_prefix = topic_prefix
        self.default_partitions = default_partitions
        self.logs: dict[str, list[list[Record]]] = {}
        self._groups: dict[str, _Group] = {}
        self._changed = asyncio.Condition()
        self._sent = 0
        self._producer = MemoryProducer(self)

    async def start(self) -> None:
        return None

    async def close(self) -> None:
        for group in self._groups.values():
            group.members.clear()

    async def ensure_topics(self, names: Sequence[str], partitions: int) -> None:
        for name in names:
            self.logs.setdefault(name, [[] for _ in range(partitions)])

    def producer(self) -> "MemoryProducer":
        return self._producer

    async def consumer(self, topics: Sequence[str], group: str) -> "MemoryConsumer":
        for name in topics:
            self.logs.setdefault(name, [[] for _ in range(self.default_partitions)])
        member = MemoryConsumer(self, tuple(topics), group)
        state = self._groups.setdefault(group, _Group())
        state.members.append(member)
        self._rebalance(group)
        return member

    def records(self, topic: str) -> list[Record]:
        """Every record of `topic`, partition by partition (for tests and tools)."""
        return [r for part in self.logs.get(topic, []) for r in part]

    async def _append(self, topic: str, value: bytes, key: bytes | None, headers: Headers) -> None:
        parts = self.logs.setdefault(topic, [[] for _ in range(self.default_partitions)])
        p = partition_for(key, len(parts), self._sent)
        self._sent += 1
        parts[p].append(Record(topic, p, len(parts[p]), key, value, headers, int(time.time() * 1000)))
        async with self._changed:
            self._changed.notify_all()

    def _rebalance(self, group: str) -> None:
        state = self._groups[group]
        for member in state.members:
            member.assigned.clear()
        for index, member in enumerate(state.members):
            for topic in member.topics:
                for p in range(len(self.logs[topic])):
                    if p % len(state.members) == index:
                        member.assigned[(topic, p)] = state.committed.get((topic, p), 0)

    def _leave(self, member: "MemoryConsumer") -> None:
        state = self._groups[member.group]
        if member in state.members:
            state.members.remove(member)
            self._rebalance(member.group)


class MemoryProducer:
    def __init__(self, bus: MemoryBus) -> None:
        self._bus = bus

    async def send(self, topic: str, value: bytes, *, key: bytes | None = None, headers: Headers = ()) -> None:
        await self._bus._append(topic, value, key, tuple(headers))


class MemoryConsumer:
    def __init__(self, bus: MemoryBus, topics: tuple[str, ...], group: str) -> None:
        self._bus = bus
        self.topics = topics
        self.group = group
        # (topic, partition) -> next offset to hand out
        self.assigned: dict[tuple[str, int], int] = {}

    def _take(self, max_records: int) -> list[Record]:
        out: list[Record] = []
        for tp, position in self.assigned.items():
            log = self._bus.logs[tp[0]][tp[1]]
            if position < len(log):
                batch = log[position : position + max_records - len(out)]
                out.extend(batch)
                self.assigned[tp] = position + len(batch)
            if len(out) >= max_records:
                break
        return out

    async def poll(self, timeout_s: float, max_records: int) -> list[Record]:
        records = self._take(max_records)
        if records or timeout_s <= 0:
            return records
        try:
            async with self._bus._changed:
                await asyncio.wait_for(
                    self._bus._changed.wait_for(lambda: self._has_data()), timeout_s
                )
        except TimeoutError:
            return []
        return self._take(max_records)

    def _has_data(self) -> bool:
        return any(pos < len(self._bus.logs[t][p]) for (t, p), pos in self.assigned.items())

    async def commit(self, offsets: dict[tuple[str, int], int]) -> None:
        committed = self._bus._groups[self.group].committed
        for tp, offset in offsets.items():
            committed[tp] = max(committed.get(tp, 0), offset)

    async def close(self) -> None:
        self._bus._leave(self)
