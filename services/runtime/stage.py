"""The consume loop every consuming stage runs: read, handle in order, commit, repeat.

This is the one place that commits. A record's offset is committed only after its handler
returned (its outputs produced, its side effects done) or after it was dead-lettered, and
only when every record before it on its partition is done too, so delivery is
at-least-once and nothing is skipped.
"""

from __future__ import annotations

import asyncio
import gc
import sys
import time
from collections.abc import Awaitable, Callable
from typing import Any

from services.runtime.bus import Consumer, Record
from services.runtime.deadletter import DeadLetters
from services.runtime.errors import PermanentError, RetryableError, StateError
from services.runtime.http import current_readiness
from services.runtime.logs import get_logger
from services.runtime.postgres import STATE_ERRORS
from services.runtime.metrics import CONSUMER_LAG, MESSAGES_HANDLED, STEP_BY_TOPIC, STEP_LATENCY
from services.runtime.retry import Backoff, Sleep, retry

Handler = Callable[[Record], Awaitable[None]]

_heap_settled = False

# How long the event loop's thread may hold the GIL while another thread waits for it
# (CPython's default: 5 ms). The hand-over of every parse and classification to the worker
# processes crosses pebble's threads, each waiting for the GIL the busy loop holds: at 1 ms
# the in-memory p99 at 10 background items/s fell from 50-53 to 35-46 ms (docs/benchmarks.md).
SWITCH_INTERVAL_S = 0.001


def settle_heap_once() -> None:
    """Once per process, when the first stage starts consuming: collect what start-up left
    behind, then move every object made so far (modules, settings, schemas, the stages'
    clients and tables: most of the heap) out of the cyclic collector's way (`gc.freeze`).
    A full collection scanned them all each time, a pause of tens to hundreds of ms on the
    event loop every few seconds under load; now it scans what the stages made since.
    Objects made at start-up are still freed when nothing refers to them; only one caught
    in a reference cycle would be kept."""
    global _heap_settled
    if _heap_settled:
        return
    _heap_settled = True
    gc.collect()
    gc.freeze()
    sys.setswitchinterval(SWITCH_INTERVAL_S)


class StageRunner:
    """Feeds records from `consumer` to `handler` until `stop` is set.

    - `PermanentError` (and `InvalidMessage`): dead-lettered with the reason; the stage goes on.
    - `RetryableError`: retried with `backoff`; when attempts run out, dead-lettered.
    - A state database error (SQLite: a corrupt page, a full disk, a locked file; PostgreSQL:
      the server lost or the session ended) is no fault of the
      record: going on would dead-letter every record after it. One `state_failed` line is
      logged and `StateError` raised: the stage stops, its record uncommitted.
    - Any other exception is a bug: logged with its traceback and dead-lettered, never retried.

    A handler with a `many(records)` method is given each polled batch whole: it returns,
    per record in order, None (done) or the exception handling it raised. Records it
    failed then go the one-record way: a `RetryableError` is retried by calling the handler
    with the record alone, any other exception is dead-lettered (or stops the stage) as
    above. If `many` itself raises, the batch is handled a record at a time.

    `before_commit`, when given, runs after each batch's handlers and before its offsets are
    committed: a handler that only writes to local storage makes those writes durable there
    once per batch instead of once per record.

    It reports `<group>:partitions_assigned` to the process's readiness, counts what it
    finished (`launchwatch_messages_handled_total`), how old each record was when done
    (`launchwatch_step_latency_seconds`) and, every `lag_every_s`, the consumer lag.
    """

    def __init__(
        self,
        *,
        consumer: Consumer,
        handler: Handler,
        dead_letters: DeadLetters,
        max_batch: int = 100,
        poll_timeout_s: float = 0.5,
        backoff: Backoff = Backoff(base_s=0.5, max_s=30.0, max_attempts=8),
        sleep: Sleep = asyncio.sleep,
        before_commit: Callable[[], Awaitable[None]] | None = None,
        lag_every_s: float = 1.0,
    ) -> None:
        self._consumer = consumer
        self._handler = handler
        self._dead_letters = dead_letters
        self._max_batch = max_batch
        self._poll_timeout_s = poll_timeout_s
        self._backoff = backoff
        self._sleep = sleep
        self._before_commit = before_commit
        self._lag_every_s = lag_every_s
        self._group = getattr(consumer, "group", "")
        self._lag_at = 0.0
        self._lag_labels: set[tuple[str, str]] = set()
        self._meters: dict[str, tuple[Any, Any]] = {}

    async def run(self, stop: asyncio.Event) -> None:
        log = get_logger()
        readiness = current_readiness()
        condition = f"{self._group}:partitions_assigned"
        if readiness is not None:
            readiness.check(condition, lambda: bool(getattr(self._consumer, "joined", True)))
        settle_heap_once()
        try:
            while not stop.is_set():
                records = await self._consumer.poll(self._poll_timeout_s, self._max_batch)
                done: dict[tuple[str, int], int] = {}
                outcomes = await self._many(records) if records and not stop.is_set() else None
                for index, record in enumerate(records):
                    if outcomes is None:
                        if stop.is_set():
                            break
                        await self._handle(record)
                    elif outcomes[index] is not None:
                        await self._settle(record, outcomes[index])
                    done[(record.topic, record.partition)] = record.offset + 1
                    self._count(record)
                if done and self._before_commit is not None:
                    await self._before_commit()
                await self._consumer.commit(done)
                await self._measure_lag()
        finally:
            if readiness is not None:
                readiness.forget(condition)
            try:
                await self._consumer.close()
            except Exception as exc:  # closing must not hide why we stopped
                log.warning("consumer_close_failed", error=repr(exc))

    def _count(self, record: Record) -> None:
        meters = self._meters.get(record.topic)
        if meters is None:
            # Looked up once per topic: labels() takes a lock and a dict walk per call, at
            # every record of every stage.
            step = next((step for short, step in STEP_BY_TOPIC.items() if record.topic.endswith(short)), None)
            meters = self._meters[record.topic] = (MESSAGES_HANDLED.labels(record.topic, self._group),
                                                   STEP_LATENCY.labels(step) if step is not None else None)
        handled, latency = meters
        handled.inc()
        if latency is not None and record.timestamp_ms:
            latency.observe(max(0.0, time.time() - record.timestamp_ms / 1000))

    async def _measure_lag(self) -> None:
        now = time.monotonic()
        if now - self._lag_at < self._lag_every_s:
            return
        self._lag_at = now
        lag = getattr(self._consumer, "lag", None)
        if lag is None:
            return
        seen: set[tuple[str, str]] = set()
        for (topic, partition), behind in (await lag()).items():
            CONSUMER_LAG.labels(topic, str(partition), self._group).set(behind)
            seen.add((topic, str(partition)))
        for topic, partition in self._lag_labels - seen:  # no longer ours: another member reports it
            CONSUMER_LAG.remove(topic, partition, self._group)
        self._lag_labels = seen

    async def _many(self, records: list[Record]) -> list[BaseException | None] | None:
        """The batch handler's outcomes, or None when there is none or it failed as a whole."""
        many = getattr(self._handler, "many", None)
        if many is None:
            return None
        try:
            outcomes = list(await many(records))
            if len(outcomes) != len(records):
                raise RuntimeError(f"the batch handler gave {len(outcomes)} outcomes for {len(records)} records")
            return outcomes
        except (asyncio.CancelledError, KeyboardInterrupt, StateError):
            raise
        except Exception as exc:
            get_logger().error("batch_handler_crashed", topic=records[0].topic, offset=records[0].offset,
                               records=len(records), exc_info=exc)
            return None

    async def _settle(self, record: Record, error: BaseException) -> None:
        """A record the batch handler failed: retried alone, or dead-lettered."""
        if isinstance(error, RetryableError):
            await self._handle(record)
        elif isinstance(error, Exception):
            await self._failed(record, error)
        else:
            raise error

    async def _handle(self, record: Record) -> None:
        try:
            await retry(lambda: self._handler(record), self._backoff, sleep=self._sleep,
                        on_retry=lambda n, exc, delay: get_logger().warning(
                            "handler_retry", attempt=n, error=str(exc), delay_s=round(delay, 3),
                            topic=record.topic, offset=record.offset))
        except Exception as exc:
            await self._failed(record, exc)

    async def _failed(self, record: Record, exc: Exception) -> None:
        """Dead-letter what the handler failed; stop the stage on a state database error."""
        if isinstance(exc, PermanentError):
            await self._dead_letters.send(exc, record=record)
        elif isinstance(exc, STATE_ERRORS):  # (a privilege refused among them: `PostgresRefused`)
            get_logger().error("state_failed", topic=record.topic, offset=record.offset,
                               error=type(exc).__name__, message=str(exc))
            raise StateError(f"state database error while handling {record.topic} offset {record.offset}: "
                             f"{exc}") from exc
        elif isinstance(exc, StateError):
            raise exc
        else:
            get_logger().error("handler_crashed", topic=record.topic, offset=record.offset, exc_info=exc)
            await self._dead_letters.send(exc, record=record)
