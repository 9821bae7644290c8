"""The Kafka bus over aiokafka: one producer per process, manual commits, topics at start-up."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from collections.abc import Collection, Iterator, Sequence

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRebalanceListener, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import CommitFailedError, KafkaError, TopicAlreadyExistsError

from services.runtime.bus import Headers, Record
from services.runtime.errors import BusUnavailable, ConfigError, RetryableError, TopicMissing
from services.runtime.http import report_ready
from services.runtime.logs import get_logger

# aiokafka logs every failed bootstrap attempt (and a producer id refused) as an error of
# its own before it raises; the error we raise says it once, with the reason those lines give.
_AIOKAFKA_LOGGERS = ("aiokafka", "aiokafka.producer.sender")
_UNREACHABLE_PREFIX = "Unable connect to"
_PRODUCER_ID_PREFIX = "Unexpected error during InitProducerIdRequest"


@contextlib.contextmanager
def _unreachable_reasons() -> Iterator[list[str]]:
    """Collect (and keep off stderr) aiokafka's "Unable connect to ..." lines, and keep its
    refused-producer-id line off stderr, while in the block."""
    reasons: list[str] = []

    def keep(record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if message.startswith(_UNREACHABLE_PREFIX):
            # 'Unable connect to "host:port": [Errno 111] Connect call failed ...': the reason
            reasons.append(message.partition(": ")[2] or message)
            return False
        return not message.startswith(_PRODUCER_ID_PREFIX)

    loggers = [logging.getLogger(name) for name in _AIOKAFKA_LOGGERS]
    for logger in loggers:
        logger.addFilter(keep)
    try:
        yield reasons
    finally:
        for logger in loggers:
            logger.removeFilter(keep)


def _unavailable(bootstrap_servers: str, exc: BaseException, reasons: list[str]) -> BusUnavailable:
    reason = reasons[-1] if reasons else str(exc)
    return BusUnavailable(f"no Kafka broker answers at {bootstrap_servers} ([bus] bootstrap_servers): {reason}",
                          bootstrap_servers=bootstrap_servers)


def topic_configs(name: str, retention_ms: int | None = None) -> dict[str, str]:
    """`launchwatch.events` is compacted: every revision holds the whole event, so the latest
    per key is all a consumer needs; the other topics keep everything for their retention
    (`retention_ms`, or the broker's default when None)."""
    if name.endswith("events"):
        return {"cleanup.policy": "compact"}
    configs = {"cleanup.policy": "delete"}
    if retention_ms is not None:
        configs["retention.ms"] = str(retention_ms)
    return configs


def client_security(
    *,
    security_protocol: str = "PLAINTEXT",
    ssl_cafile: str | None = None,
    ssl_certfile: str | None = None,
    ssl_keyfile: str | None = None,
    ssl_key_password: str | None = None,
    ssl_check_hostname: bool = True,
    sasl_mechanism: str | None = None,
    sasl_username: str | None = None,
    sasl_password: str | None = None,
) -> dict[str, object]:
    """The aiokafka keyword arguments for the `[bus]` security keys (same for every client).

    TLS gets an `ssl_context` from aiokafka's `create_ssl_context` (the CA file, or the
    system's CAs; the client certificate when given). Raises `ConfigError` naming the key
    when a certificate or key file cannot be read."""
    from services.runtime.errors import ConfigError

    options: dict[str, object] = {"security_protocol": security_protocol}
    if security_protocol in ("SSL", "SASL_SSL"):
        from aiokafka.helpers import create_ssl_context

        for key, path in (("ssl_cafile", ssl_cafile), ("ssl_certfile", ssl_certfile), ("ssl_keyfile", ssl_keyfile)):
            if path is not None and not os.access(path, os.R_OK):
                problem = "no such file" if not os.path.exists(path) else "not readable"
                raise ConfigError(f"bus.{key}: {path}: {problem}")
        try:
            context = create_ssl_context(cafile=ssl_cafile, certfile=ssl_certfile, keyfile=ssl_keyfile,
                                         password=ssl_key_password)
        except (OSError, ValueError) as exc:
            # Readable but not a certificate or key (or the key's password is wrong).
            given = ", ".join(f"bus.{k} {p}" for k, p in (("ssl_cafile", ssl_cafile), ("ssl_certfile", ssl_certfile),
                                                          ("ssl_keyfile", ssl_keyfile)) if p)
            raise ConfigError(f"{given or 'bus TLS'}: cannot load: {exc}") from None
        context.check_hostname = ssl_check_hostname
        options["ssl_context"] = context
    if security_protocol.startswith("SASL"):
        options.update(sasl_mechanism=sasl_mechanism, sasl_plain_username=sasl_username,
                       sasl_plain_password=sasl_password)
    return options


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
        session_timeout_ms: int = 6000,
        heartbeat_interval_ms: int = 1000,
        rebalance_timeout_ms: int = 10000,
        security: dict[str, object] | None = None,
        compression_type: str | None = None,
        acks: str | int = "all",
        retention_ms: int | None = None,
        assigned_groups: Collection[str] = (),
    ) -> None:
        self.topic_prefix = topic_prefix
        # Groups whose consumers take every partition of their topics themselves (see `consumer`).
        self.assigned_groups = frozenset(assigned_groups)
        self.retention_ms = retention_ms
        # aiokafka's names: ssl_context, sasl_mechanism, sasl_plain_username/password.
        self._security = dict(security or {})
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
            acks=int(acks) if acks in ("0", "1") else acks,
            enable_idempotence=enable_idempotence,
            compression_type=None if compression_type in (None, "none") else compression_type,
            # Every stage awaits each send before its next record, so waiting for more
            # messages to batch only delays each one: 5 ms here cost a classify stage on
            # Kafka two sends x 5 ms per item and capped it below 100 items/s. Sends made
            # while a request is in flight are still batched.
            linger_ms=0,
            **self._security,
        )
        self._producer = KafkaProducer(self._producer_client, bootstrap_servers)
        self._consumers: list[KafkaConsumer] = []
        self._idempotent = enable_idempotence

    async def start(self) -> None:
        """Connect the producer. Raises `BusUnavailable` naming the brokers when none answers
        (the producer is closed again, so nothing is left half-open), and `ConfigError` when
        a broker answers but will not give an idempotent producer its id (a broker without
        InitProducerId, such as tansu, with `[bus] enable_idempotence = true`): waiting would
        not mend that."""
        with _unreachable_reasons() as reasons:
            try:
                await self._producer_client.start()
            except KafkaError as exc:
                await self._producer_client.stop()
                if self._idempotent and not exc.retriable and not reasons:
                    raise ConfigError(
                        f"bus.enable_idempotence: the Kafka broker at {self.bootstrap_servers} answered but gave "
                        f"the idempotent producer no id ({exc}); set [bus] enable_idempotence = false for a broker "
                        "without idempotent producers (tansu)") from exc
                raise _unavailable(self.bootstrap_servers, exc, reasons) from exc

    async def reachable(self, timeout_s: float) -> bool:
        """True when a broker answers a metadata request within `timeout_s` (over the
        producer's connections, opening one when they were lost); never raises for a
        broker that is down."""
        client = self._producer_client.client
        with _unreachable_reasons():  # one failed probe is not worth aiokafka's error lines
            try:
                await asyncio.wait_for(client.fetch_all_metadata(), timeout_s)
            except (KafkaError, OSError, TimeoutError):
                return False
        return True

    def answering(self, ok: bool) -> None:
        """What the bus watch (`lifecycle.watch_bus`) found: while no broker answers, or
        while the topics of a broker that answers again are made again, sends wait."""
        if ok:
            self._producer.answering.set()
        else:
            self._producer.answering.clear()

    async def close(self) -> None:
        for consumer in list(self._consumers):
            await consumer.close()
        await self._producer_client.stop()

    async def ensure_topics(self, names: Sequence[str], partitions: int) -> None:
        admin = AIOKafkaAdminClient(bootstrap_servers=self.bootstrap_servers, client_id=self.client_id,
                                    **self._security)
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
            new = [NewTopic(n, partitions, self.replication_factor, topic_configs=topic_configs(n, self.retention_ms))
                   for n in missing]
            try:
                await admin.create_topics(new)
            except TopicAlreadyExistsError:
                pass  # another stage created it between our list and create
            get_logger().info("topics_created", topics=missing, partitions=partitions)
        finally:
            await admin.close()

    def producer(self) -> "KafkaProducer":
        return self._producer

    async def consumer(self, topics: Sequence[str], group: str, *, assign: bool = False) -> "KafkaConsumer":
        """A member of consumer group `group` reading `topics`, started.

        With `assign`, or for a group of `assigned_groups` (`[bus] assign_partitions`), the consumer joins no
        group: it assigns itself every partition of `topics` and reads each from the offset
        the group committed (the earliest when none), and its commits are stored in the
        group as usual. It reads at once, where a group member waits for the broker to hand
        out partitions (Apache Kafka holds a new group's first join for
        `group.initial.rebalance.delay.ms`, tansu for half the session timeout). Partitions
        added later are read after a restart.

        Raises `BusUnavailable` when no broker answers, `TopicMissing` when a topic is unknown
        to the broker (assigned groups only)."""
        assigned = assign or group in self.assigned_groups
        client = AIOKafkaConsumer(
            bootstrap_servers=self.bootstrap_servers,
            client_id=self.client_id,
            group_id=group,
            enable_auto_commit=False,  # the stage runner commits, after the work
            auto_offset_reset="earliest",
            fetch_max_wait_ms=self.fetch_max_wait_ms,
            **self._group_timing,
            **self._security,
        )
        listener = _Joined(group, quiet=assign)  # a one-off reader's assignment is no news to an operator
        if not assigned:
            # Subscribing with a listener (rather than naming the topics above) tells us when
            # the group has handed this member its partitions: readiness waits for that.
            client.subscribe(list(topics), listener=listener)
        # While the broker's group coordinator keeps this member waiting, /readyz names the
        # group, not the stage's state that is opened around it.
        joining = f"{group}:consumer_started"
        report_ready(joining, False)
        with _unreachable_reasons() as reasons:
            try:
                await client.start()
                if assigned:
                    await self._assign_all(client, topics, listener)
            except KafkaError as exc:
                await client.stop()
                raise _unavailable(self.bootstrap_servers, exc, reasons) from exc
            except BaseException:
                await client.stop()
                raise
        report_ready(joining, True)
        consumer = KafkaConsumer(client, self, group, listener)
        self._consumers.append(consumer)
        return consumer

    async def _assign_all(self, client: AIOKafkaConsumer, topics: Sequence[str], listener: "_Joined") -> None:
        await client.topics()  # fresh metadata: every topic's partitions
        partitions: list[TopicPartition] = []
        for topic in topics:
            numbers = client.partitions_for_topic(topic)
            if not numbers:
                raise TopicMissing(f"topic {topic} is unknown to the broker at {self.bootstrap_servers}: "
                                   "cannot assign its partitions")
            partitions.extend(TopicPartition(topic, n) for n in sorted(numbers))
        client.assign(partitions)
        await listener.on_partitions_assigned(partitions, mode="assigned")


class _Joined(ConsumerRebalanceListener):
    """Notes that the group assigned this member its partitions (possibly none), and says
    which in a `partitions_assigned` line: after a member is lost, the line of each survivor
    shows who took its partitions over."""

    def __init__(self, group: str = "", *, quiet: bool = False) -> None:
        self.joined = False
        self.group = group
        self.quiet = quiet

    async def on_partitions_revoked(self, revoked) -> None:  # noqa: ANN001 - aiokafka's signature
        self.joined = False

    async def on_partitions_assigned(self, assigned, mode: str = "group") -> None:  # noqa: ANN001
        self.joined = True
        log = get_logger()
        (log.debug if self.quiet else log.info)("partitions_assigned", group=self.group, mode=mode,
                                                 partitions=sorted(f"{tp.topic}:{tp.partition}" for tp in assigned))


SEND_HELD_S = 40.0
"""How long a send waits for the broker to answer again: aiokafka's request timeout, which
a send into a broker that is down took before failing."""


class KafkaProducer:
    def __init__(self, client: AIOKafkaProducer, bootstrap_servers: str = "") -> None:
        self._client = client
        self._servers = bootstrap_servers
        # Cleared while the bus watch finds no broker, or the topics of a broker restarted
        # without its data are made again: a send then would make the broker invent its
        # topic (one partition, not compacted), so it waits, as long as the client's request
        # timeout would have, and fails then.
        self.answering = asyncio.Event()
        self.answering.set()

    async def send(self, topic: str, value: bytes, *, key: bytes | None = None, headers: Headers = ()) -> None:
        if not self.answering.is_set():
            try:
                await asyncio.wait_for(self.answering.wait(), SEND_HELD_S)
            except TimeoutError:
                raise RetryableError(f"send to {topic} failed: no Kafka broker at {self._servers} ([bus] "
                                     f"bootstrap_servers) answered for {SEND_HELD_S:g} s") from None
        try:
            await self._client.send_and_wait(topic, value, key=key, headers=list(headers))
        except KafkaError as exc:
            raise RetryableError(f"send to {topic} failed: {exc!r}") from exc


class KafkaConsumer:
    def __init__(self, client: AIOKafkaConsumer, bus: KafkaBus, group: str, listener: _Joined) -> None:
        self._client = client
        self._bus = bus
        self.group = group
        self._listener = listener

    @property
    def joined(self) -> bool:
        """True once the group has assigned this member its partitions."""
        return self._listener.joined

    async def lag(self) -> dict[tuple[str, int], int]:
        """Per assigned partition whose high-water mark is known (after a fetch): records not
        yet read by this member."""
        out: dict[tuple[str, int], int] = {}
        for tp in self._client.assignment():
            highwater = self._client.highwater(tp)
            if highwater is None:
                continue
            try:
                position = await self._client.position(tp)
            except KafkaError:
                continue  # reassigned meanwhile: the next call sees the new assignment
            out[(tp.topic, tp.partition)] = max(0, highwater - position)
        return out

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
