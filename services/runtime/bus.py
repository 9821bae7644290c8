"""The bus: one narrow interface, two implementations (in-memory and Kafka).

Stage code sees only `Bus`, `Producer`, `Consumer` and `Record`, so the same stage runs in
one process over memory or as many processes over Kafka. Consumers never auto-commit:
`Consumer.commit` is called by the stage runner alone, after the work is done.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

Headers = tuple[tuple[str, bytes], ...]

TOPICS = ("items", "reports", "launch-reports", "events", "dlq")


@dataclass(frozen=True)
class Record:
    """A message as read from the bus, with its broker metadata beside the payload."""

    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes | None  # None: a tombstone (a record a compacted topic deletes by)
    headers: Headers = field(default=())
    timestamp_ms: int | None = None

    def header(self, name: str) -> bytes | None:
        for key, value in self.headers:
            if key == name:
                return value
        return None


class Producer(Protocol):
    async def send(self, topic: str, value: bytes, *, key: bytes | None = None, headers: Headers = ()) -> None:
        """Send one message and wait until the bus has it (acknowledged)."""


class Consumer(Protocol):
    async def poll(self, timeout_s: float, max_records: int) -> list[Record]:
        """Up to `max_records` records, waiting at most `timeout_s` when there are none."""

    async def commit(self, offsets: dict[tuple[str, int], int]) -> None:
        """Store, per (topic, partition), the offset of the next record to read."""

    async def close(self) -> None:
        """Leave the group; uncommitted records go to whoever reads the partition next."""

    @property
    def joined(self) -> bool:
        """True once the group has assigned this member its partitions (possibly none)."""

    async def lag(self) -> dict[tuple[str, int], int]:
        """Per assigned (topic, partition) whose end is known: records not yet read."""


class Bus(Protocol):
    topic_prefix: str

    async def start(self) -> None: ...

    async def close(self) -> None: ...

    async def ensure_topics(self, names: Sequence[str], partitions: int) -> None:
        """Create the topics (full names) that do not exist yet."""

    def producer(self) -> Producer:
        """The process's one producer, made at start()."""

    async def consumer(self, topics: Sequence[str], group: str, *, assign: bool = False) -> Consumer:
        """A new member of consumer group `group` reading `topics` (full names); with
        `assign`, a reader of every partition that joins no group (it reads at once)."""


def topic_name(prefix: str, short: str) -> str:
    """`items` → `launchwatch.items` with the default prefix."""
    return f"{prefix}{short}"
