"""The Kafka bus over aiokafka: one producer per process, manual commits, topics at start-up."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator, Sequence

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import CommitFailedError, KafkaError, TopicAlreadyExistsError

from services.runtime.bus import Headers, Record
from services.runtime.errors import BusUnavailable, RetryableError
from services.runtime.logs import get_logger

# aiokafka logs every failed bootstrap attempt as an error of its own before it raises;
# the error we raise says it once, with the reason those lines give.
_AIOKAFKA_LOGGER = "aiokafka"
_UNREACHABLE_PREFIX = "Unable connect to"


@contextlib.contextmanager
def _unreachable_reasons() -> Iterator[list[str]]:
    """Collect (and keep off stderr) aiokafka's "Unable connect to ..." lines while in the block."""
    reasons: list[str] = []

    def keep(record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if message.startswith(_UNREACHABLE_PREFIX):
            # 'Unable connect to "host:port": [Errno 111] Connect call failed ...': the reason
            reasons.append(message.partition(": ")[2] or message)
            return False
        return True

    logger = logging.getLogger(_AIOKAFKA_LOGGER)
    logger.addFilter(keep)
    try:
        yield reasons
    finally:
        logger.removeFilter(keep)


def _unavailable(bootstrap_servers: str, exc: BaseException, reasons: list[str]) -> BusUnavailable:
    reason = reasons[-1] if reasons else str(exc)
    return BusUnavailable(f"no Kafka broker answers at {bootstrap_servers} ([bus] bootstrap_servers): {reason}",
                          bootstrap_servers=bootstrap_servers)


def topic_configs(name: str) -> dict[str, str]:
    """`launchwatch.events` is compacted: every revision holds the whole event, so the latest
    per key is all a consumer needs; the other topics keep everything for their retention."""
    return {"cleanup.policy": "compact"} if name.endswith("events") else {}


class KafkaBus:
    """A bus on Apache Kafka (or any broker speaking its protocol)."""

    def __init__(
        self,
        bootstrap_servers: str,
        *,
        topic_prefix: str = "launchwatch.",
        client_id: str = "launchwatch",
        fetch_max_wait_ms: int = 500,
        enable_idempotence: bool = False,
        replication_factor: int = 1,
        session_timeout_ms: int = 10000,
        heartbeat_interval_ms: int = 3000,
        rebalance_timeout_ms: int = 10000,
    ) -> None:
        self.topic_prefix = topic_prefix
        self.bootstrap_servers = bootstrap_servers
        self.client_id = client_id
        self.fetch_max_wait_ms = fetch_max_wait_ms
        self.replication_factor = replication_factor
        self._group_timing = dict(
            session_timeout_ms=session_timeout_ms,
            heartbeat_interval_ms=heartbeat_interval_ms,
            rebalance_timeout_ms=rebalance_timeout_ms,
        )
        self._producer_client = AIOKafkaProducer(
            bootstrap_servers=bootstrap_servers,
            client_id=client_id,
            acks="all",
            enable_idempotence=enable_idempotence,
            linger_ms=5,
        )
        self._producer = KafkaProducer(self._producer_client)
        self._consumers: list[KafkaConsumer] = []

    async def start(self) -> None:
        """Connect the producer. Raises `BusUnavailable` naming the brokers when none answers
        (the producer is closed again, so nothing is left half-open)."""
        with _unreachable_reasons() as reasons:
            try:
                await self._producer_client.start()
            except KafkaError as exc:
                await self._producer_client.stop()
                raise _unavailable(self.bootstrap_servers, exc, reasons) from exc

    async def close(self) -> None:
        for consumer in list(self._consumers):
            await consumer.close()
        await self._producer_client.stop()

    async def ensure_topics(self, names: Sequence[str], partitions: int) -> None:
        admin = AIOKafkaAdminClient(bootstrap_servers=self.bootstrap_servers, client_id=self.client_id)
        with _unreachable_reasons() as reasons:
            try:
                await admin.start()
            except KafkaError as exc:
                await admin.close()
                raise _unavailable(self.bootstrap_servers, exc, reasons) from exc
        try:
            existing = set(await admin.list_topics())
            missing = [n for n in names if n not in existing]
            if not missing:
                return
            new = [NewTopic(n, partitions, self.replication_factor, topic_configs=topic_configs(n)) for n in missing]
            try:
                await admin.create_topics(new)
            except TopicAlreadyExistsError:
                pass  # another stage created it between our list and create
            get_logger().info("topics_created", topics=missing, partitions=partitions)
        finally:
            await admin.close()

    def producer(self) -> "KafkaProducer":
        return self._producer

    async def consumer(self, topics: Sequence[str], group: str) -> "KafkaConsumer":
        client = AIOKafkaConsumer(
            *topics,
            bootstrap_servers=self.bootstrap_servers,
            client_id=self.client_id,
            group_id=group,
            enable_auto_commit=False,  # the stage runner commits, after the work
            auto_offset_reset="earliest",
            fetch_max_wait_ms=self.fetch_max_wait_ms,
            **self._group_timing,
        )
        with _unreachable_reasons() as reasons:
            try:
                await client.start()
            except KafkaError as exc:
                await client.stop()
                raise _unavailable(self.bootstrap_servers, exc, reasons) from exc
        consumer = KafkaConsumer(client, self)
        self._consumers.append(consumer)
        return consumer


class KafkaProducer:
    def __init__(self, client: AIOKafkaProducer) -> None:
        self._client = client

    async def send(self, topic: str, value: bytes, *, key: bytes | None = None, headers: Headers = ()) -> None:
        try:
            await self._client.send_and_wait(topic, value, key=key, headers=list(headers))
        except KafkaError as exc:
            raise RetryableError(f"send to {topic} failed: {exc!r}") from exc


class KafkaConsumer:
    def __init__(self, client: AIOKafkaConsumer, bus: KafkaBus) -> None:
        self._client = client
        self._bus = bus

    async def poll(self, timeout_s: float, max_records: int) -> list[Record]:
        batches = await self._client.getmany(timeout_ms=int(timeout_s * 1000), max_records=max_records)
        records = [
            Record(m.topic, m.partition, m.offset, m.key, m.value, tuple(m.headers or ()), m.timestamp)
            for messages in batches.values()
            for m in messages
        ]
        return records

    async def commit(self, offsets: dict[tuple[str, int], int]) -> None:
        if not offsets:
            return
        try:
            await self._client.commit({TopicPartition(t, p): o for (t, p), o in offsets.items()})
        except CommitFailedError as exc:
            # The group rebalanced under us: the new owner re-reads from the last commit,
            # and every stage is idempotent, so this costs repeated work, not lost work.
            get_logger().warning("commit_failed", error=str(exc))

    async def close(self) -> None:
        if self in self._bus._consumers:
            self._bus._consumers.remove(self)
            await self._client.stop()
