"""The stage runner: commit after work, dead-letter what cannot be handled, go on."""

from __future__ import annotations

import pytest

import asyncio
import json

from schemas import DeadLetter
from services.runtime.deadletter import DeadLetters
from services.runtime.errors import InvalidMessage, RetryableError
from services.runtime.memory_bus import MemoryBus
from services.runtime.retry import Backoff
from services.runtime.stage import StageRunner


async def run_until(runner: StageRunner, condition, timeout_s: float = 5.0) -> None:
    stop = asyncio.Event()
    task = asyncio.create_task(runner.run(stop))
    deadline = asyncio.get_running_loop().time() + timeout_s
    while not condition() and asyncio.get_running_loop().time() < deadline:
        await asyncio.sleep(0.01)
    stop.set()
    await asyncio.wait_for(task, 5)


async def no_sleep(_):
    return None


async def make(bus: MemoryBus, handler, group: str = "g", max_attempts: int = 3) -> StageRunner:
    consumer = await bus.consumer(["in"], group)
    return StageRunner(
        consumer=consumer,
        handler=handler,
        dead_letters=DeadLetters(bus.producer(), "dlq", "test"),
        poll_timeout_s=0.05,
        backoff=Backoff(max_attempts=max_attempts),
        sleep=no_sleep,
    )


async def test_invalid_message_goes_to_dlq_with_reason_and_the_rest_is_handled():
    bus = MemoryBus(default_partitions=1)
    for value in (b"1", b"bad", b"3"):
        await bus.producer().send("in", value, key=b"k")
    handled = []

    async def handler(record):
        if record.value == b"bad":
            raise InvalidMessage("not a number: 'bad'")
        handled.append(record.value)

    await run_until(await make(bus, handler), lambda: len(handled) == 2)
    assert handled == [b"1", b"3"]
    (letter,) = [DeadLetter.from_bytes(r.value) for r in bus.records("dlq")]
    assert letter.reason == "not a number: 'bad'"
    assert letter.error == "InvalidMessage"
    assert letter.value == "bad" and letter.offset == 1 and letter.stage == "test"


async def test_a_record_too_big_to_quote_whole_is_dead_lettered_by_its_start_size_and_hash():
    """900 KB of NUL bytes quoted whole would make a 5 MB letter, over the broker's 1 MB: the
    letter could not be sent and the stage would stop on the record at every start."""
    import hashlib

    bus = MemoryBus(default_partitions=1)
    junk = b"\x00" * 900_000
    for value in (junk, b"3"):
        await bus.producer().send("in", value, key=b"k")
    handled = []

    async def handler(record):
        if record.value == junk:
            raise InvalidMessage("not JSON")
        handled.append(record.value)

    await run_until(await make(bus, handler), lambda: len(handled) == 1)
    (raw,) = [r.value for r in bus.records("dlq")]
    letter = DeadLetter.from_bytes(raw)
    assert len(raw) < 1_000_000 and handled == [b"3"]
    assert letter.value == "\x00" * 64 * 1024
    assert (letter.value_bytes, letter.value_sha256) == (900_000, hashlib.sha256(junk).hexdigest())


async def test_retryable_failure_is_retried_then_succeeds():
    bus = MemoryBus(default_partitions=1)
    await bus.producer().send("in", b"x")
    attempts = []

    async def handler(record):
        attempts.append(1)
        if len(attempts) < 3:
            raise RetryableError("broker busy")

    await run_until(await make(bus, handler), lambda: len(attempts) == 3)
    assert len(attempts) == 3
    assert bus.records("dlq") == []


async def test_exhausted_retries_are_dead_lettered():
    bus = MemoryBus(default_partitions=1)
    await bus.producer().send("in", b"x")

    async def handler(record):
        raise RetryableError("503 forever")

    await run_until(await make(bus, handler), lambda: bus.records("dlq"))
    letter = DeadLetter.from_bytes(bus.records("dlq")[0].value)
    assert letter.error == "RetriesExhausted" and "503 forever" in letter.reason


async def test_a_bug_is_dead_lettered_not_retried():
    bus = MemoryBus(default_partitions=1)
    await bus.producer().send("in", b"x")
    calls = []

    async def handler(record):
        calls.append(1)
        return json.loads("{")

    await run_until(await make(bus, handler), lambda: bus.records("dlq"))
    assert len(calls) == 1
    assert DeadLetter.from_bytes(bus.records("dlq")[0].value).error == "JSONDecodeError"


async def test_restart_resumes_after_the_last_committed_record():
    bus = MemoryBus(default_partitions=1)
    for i in range(3):
        await bus.producer().send("in", str(i).encode())
    seen = []

    async def handler(record):
        seen.append(record.value)

    await run_until(await make(bus, handler), lambda: len(seen) == 3)
    await bus.producer().send("in", b"3")
    await run_until(await make(bus, handler), lambda: len(seen) == 4)
    assert seen == [b"0", b"1", b"2", b"3"]


async def test_before_commit_runs_once_per_batch_after_its_handlers_and_before_its_commit():
    bus = MemoryBus(default_partitions=1)
    for value in (b"1", b"2", b"3"):
        await bus.producer().send("in", value, key=b"k")
    steps: list[str] = []
    consumer = await bus.consumer(["in"], "g")

    async def handler(record):
        steps.append(f"handle {record.value.decode()}")

    async def before_commit():
        steps.append(f"durable (committed so far: {bus._groups['g'].committed.get(('in', 0), 0)})")

    runner = StageRunner(consumer=consumer, handler=handler, dead_letters=DeadLetters(bus.producer(), "dlq", "test"),
                         poll_timeout_s=0.05, sleep=no_sleep, before_commit=before_commit)
    await run_until(runner, lambda: bus._groups["g"].committed.get(("in", 0), 0) == 3)
    # One batch: all three handled, made durable once, and only then committed; empty polls call nothing.
    assert steps == ["handle 1", "handle 2", "handle 3", "durable (committed so far: 0)"]


class BatchHandler:
    """Handles a polled batch whole; fails b"bad" for good and b"flaky" once (retryable)."""

    def __init__(self) -> None:
        self.batches: list[list[bytes]] = []
        self.alone: list[bytes] = []

    async def many(self, records):
        self.batches.append([r.value for r in records])
        return [InvalidMessage("bad value") if r.value == b"bad" else
                RetryableError("broker busy") if r.value == b"flaky" else None for r in records]

    async def __call__(self, record):
        self.alone.append(record.value)


async def test_a_batch_handler_gets_the_batch_whole_and_what_it_failed_is_retried_alone_or_dead_lettered():
    bus = MemoryBus(default_partitions=1)
    for value in (b"1", b"bad", b"flaky", b"4"):
        await bus.producer().send("in", value, key=b"k")
    handler = BatchHandler()
    runner = await make(bus, handler)
    await run_until(runner, lambda: bus.committed("g", "in", 0) == 4)
    assert handler.batches == [[b"1", b"bad", b"flaky", b"4"]]
    assert handler.alone == [b"flaky"]  # the retryable failure, retried alone; it succeeded
    (letter,) = [DeadLetter.from_bytes(r.value) for r in bus.records("dlq")]
    assert letter.value == "bad" and letter.reason == "bad value"


async def test_the_heap_made_at_start_up_is_out_of_the_collectors_way_once_a_stage_runs():
    # A full collection no longer walks every module, model and table loaded at start-up.
    import gc

    bus = MemoryBus("t.")
    runner = await make(bus, lambda record: asyncio.sleep(0))
    await bus.producer().send("in", b"x")
    await run_until(runner, lambda: bus.committed("g", "in", 0) == 1)
    assert gc.get_freeze_count() > 10_000


async def test_a_thread_waiting_for_the_interpreter_gets_it_within_a_millisecond_once_a_stage_runs():
    # The hand-over to the worker processes crosses threads that wait for the event loop's GIL.
    import sys

    bus = MemoryBus("t.")
    runner = await make(bus, lambda record: asyncio.sleep(0))
    await bus.producer().send("in", b"x")
    await run_until(runner, lambda: bus.committed("g", "in", 0) == 1)
    assert sys.getswitchinterval() == pytest.approx(0.001)
