"""The in-memory bus: partitions, keys, headers, consumer groups and commits, in one process.

It behaves like Kafka where stage code can tell: a key always lands on the same partition,
a group's members split the partitions, and a member that leaves without committing hands
its uncommitted records to the next reader.

With a `journal` (a SQLite connection, the state file in `launchwatch run`) every record
and every commit is also written to disk, so a process that crashes or stops resumes at
each group's committed offsets: what was in flight is handled again, not lost. Records
every group has committed are dropped, from memory and journal alike; topics nobody reads
in-process keep their last `retain_records` per partition.

Journal writes are grouped: the sends and commits made during one turn of the event loop
are written in one transaction at the end of it (a transaction per message cost a fifth of
the stages' process time), in the order they were made, so the journal always holds a
prefix of what happened. A send returns, and its record becomes readable, only once its
transaction is written; a commit returns once it is written.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import time
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field

from services.runtime.bus import Headers, Record

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS bus_topics (topic TEXT PRIMARY KEY, partitions INTEGER NOT NULL)",
    "CREATE TABLE IF NOT EXISTS bus_records (topic TEXT NOT NULL, partition INTEGER NOT NULL,"
    " offset INTEGER NOT NULL, key BLOB, value BLOB NOT NULL, headers TEXT NOT NULL, timestamp_ms INTEGER,"
    " PRIMARY KEY (topic, partition, offset))",
    "CREATE TABLE IF NOT EXISTS bus_offsets (grp TEXT NOT NULL, topic TEXT NOT NULL, partition INTEGER NOT NULL,"
    " offset INTEGER NOT NULL, PRIMARY KEY (grp, topic, partition))",
)
# Dropping the head of a partition copies what remains: do it in batches.
_TRIM_BATCH = 256


def partition_for(key: bytes | None, partitions: int, counter: int) -> int:
    """Keyed messages go by hash; keyless ones round-robin."""
    if key is None:
        return counter % partitions
    return zlib.crc32(key) % partitions


@dataclass
class _Group:
    members: list["MemoryConsumer"] = field(default_factory=list)
    committed: dict[tuple[str, int], int] = field(default_factory=dict)
    topics: set[str] = field(default_factory=set)


class MemoryBus:
    """A bus held in this process's memory, optionally journaled to SQLite."""

    def __init__(self, topic_prefix: str = "launchwatch.", default_partitions: int = 1, *,
                 journal: sqlite3.Connection | None = None, retain_records: int = 10_000) -> None:
        self.topic_prefix = topic_prefix
        self.default_partitions = default_partitions
        self.retain_records = retain_records
        # logs[topic][partition] holds the records not yet dropped; `_base` is the offset
        # of the first of them.
        self.logs: dict[str, list[list[Record]]] = {}
        self._base: dict[tuple[str, int], int] = {}
        self._groups: dict[str, _Group] = {}
        # Set when records arrive, then replaced: what waiting consumers wait for.
        self._arrived = asyncio.Event()
        self._sent = 0
        self._producer = MemoryProducer(self)
        self._journal = journal
        # What this turn of the event loop sent and committed, not yet in the journal: records
        # (readable once written) and other statements, each in the order they were made.
        self._unwritten: list[tuple[str, int, bytes | None, bytes, Headers, int]] = []
        self._statements: list[tuple[str, tuple]] = []
        self._written: asyncio.Future[None] | None = None
        if journal is not None:
            self._load(journal)

    async def start(self) -> None:
        return None

    async def close(self) -> None:
        """Forget the members; write what is still unwritten and close the journal (the bus
        owns it)."""
        for group in self._groups.values():
            group.members.clear()
        if self._journal is not None:
            if self._written is not None:
                self._write()
            self._journal.close()
            self._journal = None

    async def ensure_topics(self, names: Sequence[str], partitions: int) -> None:
        for name in names:
            self._topic(name, partitions)

    def producer(self) -> "MemoryProducer":
        return self._producer

    async def consumer(self, topics: Sequence[str], group: str, *, assign: bool = False) -> "MemoryConsumer":
        # (`assign`: every member here reads at once already.)
        for name in topics:
            self._topic(name, self.default_partitions)
        member = MemoryConsumer(self, tuple(topics), group)
        state = self._groups.setdefault(group, _Group())
        state.topics.update(topics)
        state.members.append(member)
        self._rebalance(group)
        return member

    def records(self, topic: str) -> list[Record]:
        """Every record of `topic` still held, partition by partition (for tests and tools)."""
        return [r for part in self.logs.get(topic, []) for r in part]

    def end_offset(self, topic: str, partition: int) -> int:
        """The offset the next record of the partition will get."""
        return self._base.get((topic, partition), 0) + len(self.logs[topic][partition])

    def committed(self, group: str, topic: str, partition: int) -> int:
        """The offset `group` has committed on the partition (0 when nothing yet)."""
        state = self._groups.get(group)
        return state.committed.get((topic, partition), 0) if state else 0

    def _topic(self, name: str, partitions: int) -> list[list[Record]]:
        parts = self.logs.get(name)
        if parts is None:
            parts = self.logs[name] = [[] for _ in range(partitions)]
            if self._journal is not None:
                self._journal.execute("INSERT OR IGNORE INTO bus_topics (topic, partitions) VALUES (?, ?)",
                                      (name, partitions))
        return parts

    async def _append(self, topic: str, value: bytes, key: bytes | None, headers: Headers) -> None:
        parts = self._topic(topic, self.default_partitions)
        p = partition_for(key, len(parts), self._sent)
        self._sent += 1
        timestamp_ms = int(time.time() * 1000)
        if self._journal is None:
            parts[p].append(Record(topic, p, self.end_offset(topic, p), key, value, headers, timestamp_ms))
            self._trim(topic, p)
            self._wake()
            return
        # Written before the send counts as done (and before anyone reads it): what the
        # producer was told is on the bus survives a crash.
        self._unwritten.append((topic, p, key, value, headers, timestamp_ms))
        await self._when_written()

    def _wake(self) -> None:
        self._arrived.set()
        self._arrived = asyncio.Event()

    def _when_written(self) -> asyncio.Future[None]:
        """The future of this turn's journal transaction, scheduled at the end of the turn."""
        if self._written is None:
            loop = asyncio.get_running_loop()
            self._written = loop.create_future()
            loop.call_soon(self._write)
        return self._written

    def _statement(self, sql: str, params: tuple) -> None:
        self._statements.append((sql, params))
        if self._written is None:
            try:
                self._when_written()
            except RuntimeError:  # no event loop (closing): written by close() or the next turn
                pass

    def _write(self) -> None:
        """Write this turn's records and statements in one transaction, then make the records
        readable and settle the senders' and committers' future (with the error, if the
        write failed: nothing of the turn is then readable or committed in the journal)."""
        written, self._written = self._written, None
        unwritten, self._unwritten = self._unwritten, []
        statements, self._statements = self._statements, []
        if self._journal is None:  # closed meanwhile, by close()
            return
        records: list[Record] = []
        ends: dict[tuple[str, int], int] = {}
        for topic, p, key, value, headers, timestamp_ms in unwritten:
            offset = ends.get((topic, p)) or self.end_offset(topic, p)
            ends[(topic, p)] = offset + 1
            records.append(Record(topic, p, offset, key, value, headers, timestamp_ms))
        try:
            self._journal.execute("BEGIN")
            try:
                self._journal.executemany(
                    "INSERT INTO bus_records (topic, partition, offset, key, value, headers, timestamp_ms)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [(r.topic, r.partition, r.offset, r.key, r.value,
                      json.dumps([[k, v.hex()] for k, v in r.headers]) if r.headers else "[]", r.timestamp_ms)
                     for r in records])
                for sql, params in statements:
                    self._journal.execute(sql, params)
                self._journal.execute("COMMIT")
            except BaseException:
                self._journal.execute("ROLLBACK")
                raise
        except Exception as exc:
            if written is not None and not written.done():
                written.set_exception(exc)
            return
        for record in records:
            self.logs[record.topic][record.partition].append(record)
        for topic, p in ends:
            self._trim(topic, p)
        if records:
            self._wake()
        if written is not None and not written.done():
            written.set_result(None)

    async def _commit(self, group: str, offsets: dict[tuple[str, int], int]) -> None:
        committed = self._groups[group].committed
        for tp, offset in offsets.items():
            committed[tp] = max(committed.get(tp, 0), offset)
            if self._journal is not None:
                self._statement(
                    "INSERT INTO bus_offsets (grp, topic, partition, offset) VALUES (?, ?, ?, ?)"
                    " ON CONFLICT (grp, topic, partition) DO UPDATE SET offset = max(offset, excluded.offset)",
                    (group, tp[0], tp[1], committed[tp]),
                )
            self._trim(*tp)
        if offsets and self._written is not None:
            await self._written

    def _trim(self, topic: str, partition: int) -> None:
        """Drop the records no group needs any more (or past the retention of unread topics)."""
        readers = [g for g in self._groups.values() if topic in g.topics]
        end = self.end_offset(topic, partition)
        if readers:
            keep_from = min(g.committed.get((topic, partition), 0) for g in readers)
        else:
            keep_from = end - self.retain_records
        base = self._base.get((topic, partition), 0)
        drop = keep_from - base
        if drop < _TRIM_BATCH and not (drop > 0 and keep_from == end):
            return
        del self.logs[topic][partition][:drop]
        self._base[(topic, partition)] = keep_from
        if self._journal is not None:
            self._statement("DELETE FROM bus_records WHERE topic = ? AND partition = ? AND offset < ?",
                            (topic, partition, keep_from))

    def _load(self, journal: sqlite3.Connection) -> None:
        for statement in _SCHEMA:
            journal.execute(statement)
        for topic, partitions in journal.execute("SELECT topic, partitions FROM bus_topics"):
            self.logs[topic] = [[] for _ in range(partitions)]
        for topic, p, offset, key, value, headers, ts in journal.execute(
                "SELECT topic, partition, offset, key, value, headers, timestamp_ms FROM bus_records"
                " ORDER BY topic, partition, offset"):
            part = self.logs[topic][p]
            if not part:
                self._base[(topic, p)] = offset
            headers_t = tuple((k, bytes.fromhex(v)) for k, v in json.loads(headers))
            part.append(Record(topic, p, offset, key, value, headers_t, ts))
        for group, topic, p, offset in journal.execute("SELECT grp, topic, partition, offset FROM bus_offsets"):
            state = self._groups.setdefault(group, _Group())
            state.committed[(topic, p)] = offset
            state.topics.add(topic)
        for topic, parts in self.logs.items():
            for p, part in enumerate(parts):
                if not part:
                    # Trimmed empty: every reader had committed its end, which is where it goes on.
                    ends = [g.committed[(topic, p)] for g in self._groups.values() if (topic, p) in g.committed]
                    self._base[(topic, p)] = max(ends, default=0)

    def _rebalance(self, group: str) -> None:
        state = self._groups[group]
        for member in state.members:
            member.assigned.clear()
        for index, member in enumerate(state.members):
            for topic in member.topics:
                for p in range(len(self.logs[topic])):
                    if p % len(state.members) == index:
                        start = max(state.committed.get((topic, p), 0), self._base.get((topic, p), 0))
                        member.assigned[(topic, p)] = start

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
        self.joined = True  # the in-memory group assigns partitions as a member joins

    async def lag(self) -> dict[tuple[str, int], int]:
        """Per assigned partition: records not yet handed to this member."""
        return {(t, p): max(0, self._bus.end_offset(t, p) - pos) for (t, p), pos in self.assigned.items()}

    def _take(self, max_records: int) -> list[Record]:
        out: list[Record] = []
        for tp, position in self.assigned.items():
            log = self._bus.logs[tp[0]][tp[1]]
            base = self._bus._base.get(tp, 0)
            position = max(position, base)
            if position < base + len(log):
                batch = log[position - base: position - base + max_records - len(out)]
                out.extend(batch)
                self.assigned[tp] = position + len(batch)
            if len(out) >= max_records:
                break
        return out

    async def poll(self, timeout_s: float, max_records: int) -> list[Record]:
        records = self._take(max_records)
        if records or timeout_s <= 0:
            return records
        deadline = time.monotonic() + timeout_s
        while not self._has_data():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return []
            try:
                await asyncio.wait_for(self._bus._arrived.wait(), remaining)
            except TimeoutError:
                return []
        return self._take(max_records)

    def _has_data(self) -> bool:
        return any(pos < self._bus.end_offset(t, p) for (t, p), pos in self.assigned.items())

    async def commit(self, offsets: dict[tuple[str, int], int]) -> None:
        await self._bus._commit(self.group, offsets)

    async def close(self) -> None:
        self._bus._leave(self)
