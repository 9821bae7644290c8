"""Starting and stopping stages: shared resources made once, SIGTERM as a flag and a deadline."""

from __future__ import annotations

import asyncio
import signal
import sqlite3
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Protocol

import aiohttp

from services.runtime.bus import TOPICS, Bus, topic_name
from services.runtime.db import check_state_file, connect
from services.runtime.deadletter import DeadLetters
from services.runtime.errors import StateError
from services.runtime.logs import bind_service, get_logger
from services.runtime.settings import RuntimeSettings
from services.runtime.statelock import StateLock


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


class Stage(Protocol):
    async def run(self, stop: asyncio.Event) -> None:
        """Work until `stop` is set, then finish what is in hand and return."""


@dataclass
class StageContext:
    """What a stage gets from the process: settings, the bus, one HTTP session, a clock.

    `settings` is the root configuration the process was started with (the top assembles
    it from every stage's sections); each stage reads its own sections.
    """

    settings: Any
    bus: Bus
    http: aiohttp.ClientSession
    clock: Callable[[], datetime] = utc_now
    _dbs: list[sqlite3.Connection] = field(default_factory=list)

    def topic(self, short: str) -> str:
        return topic_name(self.bus.topic_prefix, short)

    def group(self, stage: str) -> str:
        """The consumer group of a stage: `launchwatch.classify` with the default prefix."""
        return f"{self.bus.topic_prefix}{stage}"

    def db(self) -> sqlite3.Connection:
        """A new connection to the state file, closed when the process stops."""
        conn = connect(self.settings.state.path)
        self._dbs.append(conn)
        return conn

    def dead_letters(self, stage: str) -> DeadLetters:
        return DeadLetters(self.bus.producer(), self.topic("dlq"), stage, self.clock)

    def close(self) -> None:
        for conn in self._dbs:
            conn.close()
        self._dbs.clear()


def make_bus(settings: RuntimeSettings) -> Bus:
    """The bus the config names."""
    if settings.bus.kind == "kafka":
        from services.runtime.kafka_bus import KafkaBus

        return KafkaBus(
            settings.bus.bootstrap_servers,
            topic_prefix=settings.bus.topic_prefix,
            client_id=settings.bus.client_id,
            fetch_max_wait_ms=settings.bus.fetch_max_wait_ms,
            enable_idempotence=settings.bus.enable_idempotence,
            replication_factor=settings.bus.replication_factor,
            session_timeout_ms=settings.bus.session_timeout_ms,
            heartbeat_interval_ms=settings.bus.heartbeat_interval_ms,
            rebalance_timeout_ms=settings.bus.rebalance_timeout_ms,
        )
    from services.runtime.memory_bus import MemoryBus

    journal = connect(settings.state.path) if settings.bus.journal else None
    return MemoryBus(settings.bus.topic_prefix, default_partitions=settings.bus.partitions, journal=journal)


StageBuilder = Callable[[str, StageContext], Awaitable[Stage]]


async def run_stages(
    settings: RuntimeSettings,
    names: Sequence[str],
    build: StageBuilder,
    *,
    user_agent: str,
    http_timeout_s: float,
    stop: asyncio.Event | None = None,
    bus: Bus | None = None,
    service: str = "run",
    own_state: bool = False,
) -> None:
    """Run the named stages in this process until SIGTERM/SIGINT (or `stop`), then shut down.

    `build(name, ctx)` makes each stage; the process's one HTTP session sends `user_agent`
    and gives up on a request after `http_timeout_s`.

    On the signal every stage is asked to finish and commit what it holds; after
    `[run] shutdown_grace_s` whatever still runs is cancelled. Clients close in `finally`.
    A stage that fails stops the others, and the failure is re-raised.

    With `own_state` (or an in-memory bus, whose journal is in the state file) the process
    holds the state file's lock for its life. Raises `StateInUse` when another process holds
    it and `BusUnavailable` when the broker cannot be reached, before any stage starts.
    """
    bind_service(service)
    log = get_logger()
    check_state_file(settings.state.path)  # StateCorrupt before anything starts
    stop = stop or asyncio.Event()
    lock = StateLock(settings.state.path)
    if own_state or (bus is None and settings.bus.kind == "memory"):
        lock.acquire()
    try:
        bus = bus or make_bus(settings)
        await bus.start()
    except BaseException:
        lock.release()
        raise
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        try:
            loop.add_signal_handler(sig, stop.set)
        except (NotImplementedError, RuntimeError):
            pass  # not the main thread (tests): the caller sets `stop`
    timeout = aiohttp.ClientTimeout(total=http_timeout_s)
    http = aiohttp.ClientSession(timeout=timeout, headers={"User-Agent": user_agent})
    ctx = StageContext(settings, bus, http)
    tasks: list[asyncio.Task[None]] = []
    try:
        await bus.ensure_topics([ctx.topic(t) for t in TOPICS], settings.bus.partitions)
        for name in names:
            tasks.append(asyncio.create_task(_run_one(name, build, ctx, stop), name=f"stage-{name}"))
        log.info("started", stages=list(names), bus=settings.bus.kind, state=settings.state.path)
        stopping = asyncio.create_task(stop.wait())
        await asyncio.wait([stopping, *tasks], return_when=asyncio.FIRST_COMPLETED)
        stop.set()
        stopping.cancel()
        _, pending = await asyncio.wait(tasks, timeout=settings.run.shutdown_grace_s)
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        failures = [t.exception() for t in tasks if not t.cancelled() and t.exception() is not None]
        for exc in failures:
            if isinstance(exc, StateError):
                log.error("stage_failed", error=type(exc).__name__, message=str(exc))  # said in one line
            else:
                log.error("stage_failed", exc_info=exc)
        log.info("stopped", stages=list(names), cancelled=len(pending))
        if failures:
            raise failures[0]  # type: ignore[misc]
    finally:
        await http.close()
        await bus.close()
        ctx.close()
        lock.release()
        for sig in (signal.SIGTERM, signal.SIGINT):
            try:
                loop.remove_signal_handler(sig)
            except (NotImplementedError, RuntimeError):
                pass


async def _run_one(name: str, build: StageBuilder, ctx: StageContext, stop: asyncio.Event) -> None:
    bind_service(name)  # this task's context: every line it logs says which stage
    stage = await build(name, ctx)
    await stage.run(stop)
