"""Starting and stopping stages: shared resources made once, SIGTERM as a flag and a deadline."""

from __future__ import annotations

import asyncio
import signal
import sys
import time
from pathlib import Path
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Protocol

import aiohttp
from aiohttp import web

from services.runtime.bus import TOPICS, Bus, topic_name
from services.runtime.db import check_state_file, connect, remove_state_file
from services.runtime.deadletter import DeadLetters
from services.runtime.errors import BusUnavailable, ConfigError, RetryableError, StateError, StateInUse
from services.runtime.http import Listener, ListenFailed, Readiness, bind_readiness, make_app
from services.runtime.logs import bind_service, get_logger
from services.runtime.metrics import BUS_CONNECT_ATTEMPTS
from services.runtime.postgres import StateConnection, StateUnavailable, connect_postgres, redact_url
from services.runtime.retry import Backoff, retry
from services.runtime.settings import RuntimeSettings, setting_origin
from services.runtime.statelock import StateLock

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)
"""What stops the stages cleanly: SIGTERM, Ctrl-C, and the hang-up of a closed terminal
(but where the process was started ignoring it, as `nohup` does: `_stop_signals`)."""
NOT_READY_SAID_EVERY_S = 60.0
"""How often a process that is not ready says so, naming what it waits for: a wait with no
end (a consumer group that never admits it) is seen in the logs, not only at /readyz."""


async def say_while_not_ready(readiness: Readiness, every_s: float,
                             sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> None:
    """Every `every_s` while the process is not ready, one `not_ready` warning naming the
    conditions it waits for (as /readyz does) and for how long; nothing while it is ready."""
    waited_s = 0.0
    while True:
        await sleep(every_s)
        if readiness.ready():
            waited_s = 0.0
            continue
        waited_s += every_s
        get_logger().warning("not_ready", not_ready=readiness.not_ready() or ["starting"], for_s=round(waited_s),
                             message="still waiting; /readyz answers 503 meanwhile")


def _stop_signals() -> tuple[signal.Signals, ...]:
    return tuple(sig for sig in STOP_SIGNALS if sig != signal.SIGHUP or signal.getsignal(sig) is not signal.SIG_IGN)


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


class Stage(Protocol):
    async def run(self, stop: asyncio.Event) -> None:
        """Work until `stop` is set, then finish what is in hand and return."""


@dataclass
class StageContext:
    """What a stage gets from the process: settings, the bus, one HTTP session, a clock,
    the process's readiness and its HTTP application.

    `settings` is the root configuration the process was started with (the top assembles
    it from every stage's sections); each stage reads its own sections. `http_app` is the
    application served on `[http] listen`: a stage adds routes or sub-applications to it in
    its `prepare` hook, before the listener starts (aiohttp freezes it then).
    """

    settings: Any
    bus: Bus
    http: aiohttp.ClientSession
    clock: Callable[[], datetime] = utc_now
    readiness: Readiness = field(default_factory=Readiness)
    http_app: web.Application | None = None
    _dbs: list[StateConnection] = field(default_factory=list)
    _closers: list[Callable[[], None]] = field(default_factory=list)

    def topic(self, short: str) -> str:
        return topic_name(self.bus.topic_prefix, short)

    def group(self, stage: str) -> str:
        """The consumer group of a stage: `[bus] group_names` when it names the stage, else
        `launchwatch.classify` with the default prefix."""
        bus = getattr(self.settings, "bus", None)
        return group_name(getattr(bus, "group_names", None) or {}, self.bus.topic_prefix, stage)

    def db(self) -> StateConnection:
        """A new connection to the state (the SQLite file, or the PostgreSQL database of
        `[state] url`), closed when the process stops. Raises `StateCorrupt` or
        `StateUnavailable` naming the file or the URL."""
        conn = open_state(self.settings)
        self._dbs.append(conn)
        return conn

    @property
    def shared_state(self) -> bool:
        """True when the state is a database other processes may share (`[state] url`):
        stages then coordinate their instances through it."""
        return self.settings.state.url is not None

    def dead_letters(self, stage: str) -> DeadLetters:
        return DeadLetters(self.bus.producer(), self.topic("dlq"), stage, self.clock)

    def on_close(self, closer: Callable[[], None]) -> None:
        """Call `closer` when the process's stages are closed (after their connections)."""
        self._closers.append(closer)

    def close(self) -> None:
        for conn in self._dbs:
            conn.close()
        self._dbs.clear()
        for closer in self._closers:
            closer()
        self._closers.clear()


def group_name(group_names: dict[str, str], topic_prefix: str, stage: str) -> str:
    """The consumer group of `stage` (classify, cluster, notify, web): its `[bus] group_names`
    entry, else `<topic_prefix><stage>`."""
    return group_names.get(stage) or f"{topic_prefix}{stage}"


def open_state(settings: RuntimeSettings) -> StateConnection:
    """A new connection to the state `settings` name: PostgreSQL when `[state] url` is set,
    else the SQLite file `[state] path`."""
    if settings.state.url is not None:
        return connect_postgres(settings.state.url.get_secret_value(), connect_timeout_s=settings.state.connect_timeout_s,
                                dead_peer_s=settings.state.dead_peer_s)
    return connect(settings.state.path)


def describe_state(settings: RuntimeSettings) -> str:
    """The state as logs may show it: the SQLite path, or the URL without its password."""
    if settings.state.url is not None:
        return redact_url(settings.state.url.get_secret_value())
    return str(Path(settings.state.path).resolve())


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
            security=kafka_security(settings),
            compression_type=settings.bus.compression_type,
            acks=settings.bus.acks,
            retention_ms=settings.bus.retention_ms,
            assigned_groups=[group_name(settings.bus.group_names, settings.bus.topic_prefix, stage)
                             for stage in settings.bus.assign_partitions],
        )
    from services.runtime.memory_bus import MemoryBus

    journal = connect(settings.state.path) if settings.bus.journal else None
    return MemoryBus(settings.bus.topic_prefix, default_partitions=settings.bus.partitions, journal=journal)


def kafka_security(settings: RuntimeSettings) -> dict[str, object]:
    """aiokafka's security arguments for the `[bus]` keys (secrets unwrapped here, at the edge)."""
    from services.runtime.kafka_bus import client_security

    b = settings.bus
    return client_security(
        security_protocol=b.security_protocol, ssl_cafile=b.ssl_cafile, ssl_certfile=b.ssl_certfile,
        ssl_keyfile=b.ssl_keyfile,
        ssl_key_password=b.ssl_key_password.get_secret_value() if b.ssl_key_password else None,
        ssl_check_hostname=b.ssl_check_hostname, sasl_mechanism=b.sasl_mechanism, sasl_username=b.sasl_username,
        sasl_password=b.sasl_password.get_secret_value() if b.sasl_password else None,
    )


StageBuilder = Callable[[str, StageContext], Awaitable[Stage]]
StagePrepare = Callable[[str, StageContext], None]


class _Stopped(Exception):
    """Asked to stop while waiting for the bus."""


async def connect_bus(
    settings: RuntimeSettings,
    stop: asyncio.Event,
    make: Callable[[], Bus],
    topics: Sequence[str],
) -> Bus | None:
    """A started bus with `topics` created, or None when `stop` was set first.

    While no broker answers (`BusUnavailable`), logs one `bus_unavailable` line per failed
    attempt and tries again with capped backoff (0.5 s doubling up to
    `[bus] connect_retry_max_s`), for as long as it takes; each attempt uses a new client.
    """
    log = get_logger()
    backoff = Backoff(base_s=0.5, max_s=settings.bus.connect_retry_max_s, max_attempts=sys.maxsize)

    async def attempt() -> Bus:
        if stop.is_set():
            raise _Stopped()
        bus = make()
        try:
            await bus.start()
            await bus.ensure_topics(topics, settings.bus.partitions)
        except BusUnavailable:
            BUS_CONNECT_ATTEMPTS.labels("unavailable").inc()
            await bus.close()
            raise
        BUS_CONNECT_ATTEMPTS.labels("connected").inc()
        return bus

    def on_retry(attempt_no: int, exc: BaseException, delay_s: float) -> None:
        log.warning("bus_unavailable", attempt=attempt_no, retry_in_s=round(delay_s, 2), message=str(exc))

    try:
        return await retry(attempt, backoff, sleep=_sleep_unless(stop), on_retry=on_retry)
    except _Stopped:
        return None


def _sleep_unless(stop: asyncio.Event) -> Callable[[float], Awaitable[None]]:
    """A sleep that raises `_Stopped` as soon as `stop` is set."""
    async def sleep(delay_s: float) -> None:
        try:
            await asyncio.wait_for(stop.wait(), delay_s)
        except TimeoutError:
            return
        raise _Stopped()
    return sleep


async def wait_for_state(settings: RuntimeSettings, stop: asyncio.Event) -> bool:
    """True once the PostgreSQL database of `[state] url` takes a session, False when `stop`
    was set first.

    While it cannot be reached, or is starting or stopping (a restart, a failover), logs one
    `state_unavailable` line per failed attempt and tries again with the broker's capped
    backoff (0.5 s doubling up to `[bus] connect_retry_max_s`), for as long as it takes, so
    that a supervisor does not restart the process in a loop meanwhile. A session the
    server refuses (a wrong password, user or database) raises `StateUnavailable` at once.
    """
    log = get_logger()
    backoff = Backoff(base_s=0.5, max_s=settings.bus.connect_retry_max_s, max_attempts=sys.maxsize)

    async def attempt() -> None:
        if stop.is_set():
            raise _Stopped()
        try:
            conn = await asyncio.to_thread(open_state, settings)
        except StateUnavailable as exc:
            if exc.refused:
                raise
            raise RetryableError(str(exc)) from None
        conn.close()

    def on_retry(attempt_no: int, exc: BaseException, delay_s: float) -> None:
        log.warning("state_unavailable", attempt=attempt_no, retry_in_s=round(delay_s, 2), message=str(exc))

    try:
        await retry(attempt, backoff, sleep=_sleep_unless(stop), on_retry=on_retry)
    except _Stopped:
        return False
    return True


async def watch_bus(bus: Bus, readiness: Readiness, stop: asyncio.Event, every_s: float,
                    topics: Sequence[str] = (), partitions: int = 1) -> None:
    """Every `every_s`, ask the bus whether a broker answers (buses that can tell: Kafka) and
    report it as the `bus_connected` readiness condition, until `stop` is set.

    Logs one `bus_lost` line when the broker stops answering and one `bus_restored` line
    (with `down_s`) when it answers again; the clients reconnect by themselves meanwhile.
    A broker that answers again is connected once `topics` exist on it (created if missing,
    `topics_created`, as at start-up): a broker restarted without its data has none. Until
    then the bus is told (`answering`) to hold sends: one sent before its topic is made
    again may make the broker invent one of its own.
    """
    reachable = getattr(bus, "reachable", None)
    if reachable is None:
        return
    answering = getattr(bus, "answering", lambda ok: None)
    log = get_logger()
    lost_at: float | None = None
    try:
        while not stop.is_set():
            try:
                await asyncio.wait_for(stop.wait(), every_s)
                return
            except TimeoutError:
                pass
            # A busy broker may take a moment to answer; 2 s at least keeps readiness from flapping.
            ok = await reachable(max(2.0, every_s))
            if ok and lost_at is not None and topics:
                try:
                    await bus.ensure_topics(topics, partitions)
                except Exception as exc:  # noqa: BLE001 - any failure: not connected yet, asked again next round
                    log.warning("bus_topics_unavailable", message=f"{type(exc).__name__}: {exc}")
                    ok = False
            readiness.set("bus_connected", ok)
            answering(ok)
            if not ok and lost_at is None:
                lost_at = time.monotonic()
                servers = getattr(bus, "bootstrap_servers", "")
                log.warning("bus_lost", message=f"no Kafka broker answers at {servers} ([bus] bootstrap_servers)")
            elif ok and lost_at is not None:
                log.info("bus_restored", down_s=round(time.monotonic() - lost_at, 1))
                lost_at = None
    finally:
        answering(True)  # a watch that has ended (a stop, a fault of its own) holds no send


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
    needs_state: bool = True,
    prepare: StagePrepare | None = None,
    fail_fast: bool = False,
    on_listening: Callable[[str], None] | None = None,
    on_started: Callable[[], None] | None = None,
    service_of: Callable[[str], str] = str,
) -> None:
    """Run the named stages in this process until SIGTERM/SIGINT (or `stop`), then shut down.

    `build(name, ctx)` makes each stage; the process's one HTTP session sends `user_agent`
    and gives up on a request after `http_timeout_s`.

    On the signal every stage is asked to finish and commit what it holds; after
    `[run] shutdown_grace_s` whatever still runs is cancelled. Clients close in `finally`.
    A stage that fails stops the others, and the failure is re-raised.

    Without `needs_state` (stages that keep no state), a `[state] url` database is not
    awaited: such a process starts, and goes on, while the database is away.

    With `own_state` (or an in-memory bus, whose journal is in the state file) the process
    holds the state file's lock for its life. Raises `StateInUse` when another process holds
    it, before anything starts.

    The HTTP listener (`[http] listen`: /healthz, /readyz, /metrics) starts before the bus:
    `prepare(name, ctx)` is called for each stage first, to add its routes to
    `ctx.http_app`. Raises `ListenFailed` when the address cannot be bound;
    `on_listening(address)` is called with the bound `host:port` once it listens, and
    `on_started()` once every stage has started (the `started` line). Each
    stage's lines name `service_of(name)` as their `service` and the stage as `stage`. While the broker
    cannot be reached the process waits and retries (see `connect_bus`), not ready; with
    `fail_fast` it raises `BusUnavailable` at once instead; a `[state] url` database that cannot
    be reached is waited for the same way first (see `wait_for_state`). Once connected, the broker is
    asked every `[bus] health_check_s` whether it answers (see `watch_bus`).
    """
    bind_service(service)
    log = get_logger()
    # The SQLite file is used for the stages' state unless `[state] url` names a shared
    # database, and always for the in-memory bus's journal.
    uses_file = settings.state.url is None or settings.bus.kind == "memory"
    created = uses_file and check_state_file(settings.state.path)  # StateCorrupt before anything starts
    stop = stop or asyncio.Event()
    lock = StateLock(settings.state.path)
    owned = uses_file and (own_state or (bus is None and settings.bus.kind == "memory"))
    if owned:
        lock.acquire()
    readiness = Readiness()
    bind_readiness(readiness)
    app = make_app(readiness)
    injected = bus
    try:
        made_bus = bus or make_bus(settings)  # built, not connected: stages may look at its prefix in prepare
    except BaseException:
        lock.release()
        raise
    timeout = aiohttp.ClientTimeout(total=http_timeout_s)
    http = aiohttp.ClientSession(timeout=timeout, headers={"User-Agent": user_agent})
    ctx = StageContext(settings, made_bus, http, readiness=readiness, http_app=app)
    listener = Listener(app, settings.http.listen, setting_origin("http", "listen"))
    loop = asyncio.get_running_loop()
    connected: Bus | None = None
    tasks: list[asyncio.Task[None]] = []
    watcher: asyncio.Task[None] | None = None
    nagger: asyncio.Task[None] | None = None
    try:
        for name in names:
            if prepare is not None:
                prepare(name, ctx)
        address = await listener.start()
        nagger = asyncio.create_task(say_while_not_ready(readiness, NOT_READY_SAID_EVERY_S), name="not-ready")
        if created:
            # Said, so that a mistyped path is not a silent fresh start.
            log.info("state_created", path=str(Path(settings.state.path).resolve()),
                     message="no state file there: a new, empty one (no event, source or delivery known)")
        log.info("http_listening", address=address, paths=sorted({r.resource.canonical for r in app.router.routes()
                                                                  if r.resource is not None}))
        if on_listening is not None:
            on_listening(address)
        hurry = asyncio.Event()  # a second signal: what still runs is cancelled at once

        def signalled() -> None:
            (hurry if stop.is_set() else stop).set()

        for sig in _stop_signals():
            try:
                loop.add_signal_handler(sig, signalled)
            except (NotImplementedError, RuntimeError):
                pass  # not the main thread (tests): the caller sets `stop`
        if settings.state.url is not None and needs_state and not fail_fast:
            readiness.set("state_connected", False)
            if not await wait_for_state(settings, stop):
                log.info("stopped", stages=list(names), cancelled=0)
                return
            readiness.set("state_connected", True)
        # (Not before: while the state database is awaited, the broker is not asked yet.)
        readiness.set("bus_connected", False)
        if fail_fast:
            await made_bus.start()
            connected = made_bus
            await connected.ensure_topics([ctx.topic(t) for t in TOPICS], settings.bus.partitions)
        else:
            first = [made_bus]
            connected = await connect_bus(
                settings, stop, lambda: first.pop() if first else (injected or make_bus(settings)),
                [ctx.topic(t) for t in TOPICS])
        if connected is None:
            log.info("stopped", stages=list(names), cancelled=0)
            return
        ctx.bus = connected
        readiness.set("bus_connected", True)
        watcher = asyncio.create_task(watch_bus(connected, readiness, stop, settings.bus.health_check_s,
                                                [ctx.topic(t) for t in TOPICS], settings.bus.partitions),
                                      name="bus-watch")
        built = [asyncio.Event() for _ in names]
        for name, done in zip(names, built):
            tasks.append(asyncio.create_task(_run_one(name, service_of(name), build, ctx, stop, done),
                                                name=f"stage-{name}"))
        stopping = asyncio.create_task(stop.wait())
        # `started` once every stage has opened and restored its state: a stage refused its
        # state (another process holds it) has not started.
        all_built = asyncio.ensure_future(asyncio.gather(*(event.wait() for event in built)))
        await asyncio.wait([all_built, stopping, *tasks], return_when=asyncio.FIRST_COMPLETED)
        if all_built.done():
            log.info("started", stages=list(names), bus=settings.bus.kind, state=describe_state(settings),
                     http=address)
            if on_started is not None:
                on_started()
        else:
            all_built.cancel()
            await asyncio.gather(all_built, return_exceptions=True)
        await asyncio.wait([stopping, *tasks], return_when=asyncio.FIRST_COMPLETED)
        asked = stopping.done() and not any(task.done() for task in tasks)  # not a stage's failure
        stop.set()
        stopping.cancel()
        finished = asyncio.create_task(asyncio.wait(tasks))
        hurried = asyncio.create_task(hurry.wait())
        await asyncio.wait([finished, hurried], timeout=0.5, return_when=asyncio.FIRST_COMPLETED)
        if asked and not finished.done() and not hurry.is_set():
            # A delivery still in hand (a receiver that hangs): said, not silent for seconds.
            log.info("stopping", waiting=sorted(t.get_name().removeprefix("stage-") for t in tasks if not t.done()),
                     grace_s=settings.run.shutdown_grace_s,
                     message="finishing what is in hand; a second Ctrl-C or SIGTERM stops at once")
        await asyncio.wait([finished, hurried], timeout=max(0.0, settings.run.shutdown_grace_s - 0.5),
                           return_when=asyncio.FIRST_COMPLETED)
        for waiter in (finished, hurried):
            waiter.cancel()
        pending = [task for task in tasks if not task.done()]
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        failures = [t.exception() for t in tasks if not t.cancelled() and t.exception() is not None]
        for exc in failures:
            if isinstance(exc, (StateError, StateInUse, ListenFailed, ConfigError)):
                log.error("stage_failed", error=type(exc).__name__, message=str(exc))  # said in one line
            else:
                log.error("stage_failed", exc_info=exc)
        # A stop that a stage's failure caused is no clean stop: said at error level, naming it.
        if failures:
            log.error("stopped", stages=list(names), cancelled=len(pending),
                      failed=[t.get_name().removeprefix("stage-") for t in tasks
                              if not t.cancelled() and t.exception() is not None])
        else:
            log.info("stopped", stages=list(names), cancelled=len(pending))
        if failures:
            raise failures[0]  # type: ignore[misc]
    finally:
        if nagger is not None:
            nagger.cancel()
            await asyncio.gather(nagger, return_exceptions=True)
        if watcher is not None:
            watcher.cancel()
            (outcome,) = await asyncio.gather(watcher, return_exceptions=True)
            if isinstance(outcome, Exception):  # a bug in the probe: said, not swallowed
                log.error("bus_watch_failed", exc_info=outcome)
        await listener.close()
        await http.close()
        if connected is not None:
            await connected.close()
        elif injected is None:
            # Built but never connected (the listener could not bind, or stopped while
            # waiting): its clients, and a memory bus's journal, are closed all the same.
            await made_bus.close()
        ctx.close()
        lock.release()
        if created and owned and connected is None:
            # No stage ran (the address could not be bound, the broker refused the settings,
            # a stop while waiting for it): the state file made for this run holds nothing,
            # and is not left behind to puzzle the next one.
            remove_state_file(settings.state.path, lock.path)
        for sig in _stop_signals():
            try:
                loop.remove_signal_handler(sig)
            except (NotImplementedError, RuntimeError):
                pass


async def _run_one(name: str, service: str, build: StageBuilder, ctx: StageContext, stop: asyncio.Event,
                   built: asyncio.Event) -> None:
    bind_service(service, stage=name)  # this task's context: every line it logs says which stage
    condition = f"{name}:state_restored"
    ctx.readiness.set(condition, False)
    stage = await build(name, ctx)  # opens and restores the stage's state
    ctx.readiness.set(condition, True)
    built.set()
    await stage.run(stop)
