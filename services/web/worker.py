"""The web stage: `launchwatch.events` in (its own consumer group), pages, feeds and API out.

It keeps its own copy of the events (`services.web.store`), so `launchwatch run` and
`launchwatch serve web` (on any host that reaches the broker) behave alike. Source health
and deliveries are read from the state file this process is configured with: in `run` that
is the one ingest and notify write; elsewhere those pages show what that file holds.
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from datetime import datetime, timezone
from typing import Any

from aiohttp import web

from schemas import LaunchEvent
from services.runtime.bus import Record
from services.runtime.codec import decode
from services.runtime.errors import ConfigError, StateError
from services.runtime.http import app_runner
from services.runtime.lifecycle import StageContext
from services.runtime.logs import get_logger
from services.runtime.stage import StageRunner
from services.web.app import build_web_app
from services.web.store import EventStore, LiveFeed


class EventsHandler:
    """One LaunchEvent revision in: kept in the store and, when new, pushed to open pages."""

    def __init__(self, store: EventStore, live: LiveFeed, clock) -> None:  # type: ignore[no-untyped-def]
        self._store = store
        self._live = live
        self._clock = clock

    async def __call__(self, record: Record) -> None:
        event = decode(LaunchEvent, record)
        if self._store.add(event, self._clock()):
            self._live.publish(event)


def _from_epoch(value: float | None) -> datetime | None:
    return datetime.fromtimestamp(value, timezone.utc) if value else None


def source_health(settings: Any, conn: sqlite3.Connection, now: datetime) -> list[dict[str, Any]]:
    """Every source ingest watches (its `[[feeds]]` and `[[pages]]`, or the shipped catalogue
    when none is configured) with what ingest's state says about it.

    Reads `ingest_sources` and `ingest_items` (read-only); a source never polled has empty
    fields. `last_error` is the error's kind as ingest recorded it.
    """
    from services.ingest.sources import sources_from_settings  # ingest's own list of what it watches
    from services.ingest.state import IngestState  # ingest's own reader of its rows

    state = IngestState(conn)
    day_ago = now.timestamp() - 86400
    counts = dict(conn.execute(
        "SELECT source_key, COUNT(*) FROM ingest_items WHERE published_at >= ? GROUP BY source_key", (day_ago,)))
    rows = []
    for source in sources_from_settings(settings):
        s = state.source(source.url)
        rows.append({
            "name": source.name, "url": source.url, "kind": "page" if source.is_page else "feed",
            "publisher": source.kind, "country": source.country, "lang": source.lang,
            "error_count": s.error_count, "last_error": s.last_error, "last_status": s.last_status,
            "last_polled_at": _iso(s.last_polled_at), "last_success_at": _iso(s.last_success_at),
            "next_check_at": _iso(s.next_check_at), "items_per_day": counts.get(source.url, 0),
            "last_success_at_dt": _from_epoch(s.last_success_at),
            "next_check_at_dt": _from_epoch(s.next_check_at),
        })
    return rows


def _iso(value: float | None) -> str | None:
    moment = _from_epoch(value)
    return moment.isoformat() if moment else None


def delivery_summary(conn: sqlite3.Connection) -> dict[str, Any]:
    """Deliveries per outcome and the dead ones, through the notify ledger's own reader."""
    from services.notify.ledger import Ledger

    ledger = Ledger(conn)
    dead = [{"subscription": s, "event_id": e, "revision": r, "reason": reason, "at": at}
            for s, e, r, reason, _json, at in ledger.dead()]
    return {"counts": ledger.counts(), "dead": dead[-200:]}


def event_deliveries(conn: sqlite3.Connection, event_id: str) -> list[dict[str, Any]]:
    """The deliveries of one event, each revision to each subscription, from the notify ledger."""
    from services.notify.ledger import Ledger

    return [{"subscription": s, "revision": r, "status": status, "kind": kind, "reason": reason, "at": at}
            for s, r, status, kind, reason, at in Ledger(conn).of_event(event_id)]


class _WhenOpen:
    """Stands for an object made once the state database answers (`open`): the pages are
    added to the process's listener before that, and a page asked for meanwhile is a 503."""

    def __init__(self) -> None:
        self._target: Any = None

    def open(self, target: Any) -> None:
        self._target = target

    def opened(self) -> Any:
        """The object itself, for code that asks what it is (a PostgreSQL session or a
        SQLite file: `services.runtime.postgres.is_shared`)."""
        if self._target is None:
            raise web.HTTPServiceUnavailable(text="not ready yet: the state database or the broker does not answer: "
                                                  "see /readyz", headers={"Retry-After": "5"})
        return self._target

    def __getattr__(self, name: str) -> Any:
        return getattr(self.opened(), name)


class WebStage:
    """The events consumer and the pages. With `app` (the process's application, see
    `prepare`), the pages are served on the process's one listener; without, on a listener
    of the stage's own (`serve_http`). Its state is opened by `open_state`, once the
    database answers: the pages are made before, with the process's listener."""

    def __init__(self, ctx: StageContext, app: web.Application | None = None) -> None:
        settings = ctx.settings
        self._own_listener = app is None
        self._ctx = ctx
        self._live = LiveFeed()
        self._store: Any = _WhenOpen()
        self._runner = None
        self._state_error: BaseException | None = None
        self._state_lost_during = ""
        self._state_failed = asyncio.Event()
        self._health_db: Any = _WhenOpen()
        self._probe_db: Any = None
        health_db = self._health_db
        token = settings.web.admin_token.get_secret_value() if settings.web.admin_token else None

        async def replay(subscription: str, event_id: str) -> dict[str, int]:
            from dataclasses import asdict

            import structlog

            from services.notify.dlq import dlq_replay

            # A request is served by the process's listener: its lines say who works here
            # (the web pages are a face of notify), as every line a stage logs does.
            with structlog.contextvars.bound_contextvars(service="notify", stage="web"):
                result = asdict(await dlq_replay(settings, ctx.bus, http=ctx.http, subscription=subscription,
                                                 event_id=event_id))
                get_logger().info("dlq_replayed_from_web", subscription=subscription, event_id=event_id, **result)
            return result

        self.app = build_web_app(
            self._store, self._live, clock=ctx.clock, public_url=settings.web.public_url,
            page_size=settings.web.page_size,
            sources=lambda: source_health(settings, health_db.opened(), ctx.clock()),
            deliveries=lambda: delivery_summary(health_db.opened()),
            event_deliveries=lambda event_id: event_deliveries(health_db.opened(), event_id),
            replay=replay if token else None, admin_token=token, app=app, on_state_error=self._state_lost)

    def open_state(self) -> None:
        """Open the stage's sessions of the state: its events, the health and deliveries the
        pages show and, on a shared database, a probe of its own that asks whether the
        server still answers (a web stage whose pages are idle would otherwise stay ready
        with no database)."""
        self._store.open(EventStore(self._ctx.db()))
        self._health_db.open(self._ctx.db())
        self._probe_db = self._ctx.db() if self._ctx.shared_state else None

    def _state_lost(self, exc: BaseException, during: str = "serving a page") -> None:
        """A page met a state database error: the stage stops (`run` raises `StateError`),
        as a consuming stage does, and its supervisor starts it on a new session."""
        if self._state_error is None:
            self._state_error = exc
            self._state_lost_during = during
            get_logger().error("state_failed", error=type(exc).__name__, message=f"{type(exc).__name__}: {exc}")
        self._state_failed.set()

    async def _stop_on_state_error(self) -> None:
        await self._state_failed.wait()
        raise StateError(f"state database error while {self._state_lost_during}: "
                         f"{type(self._state_error).__name__}: {self._state_error}")

    async def _watch_state(self, stop: asyncio.Event) -> None:
        """Every `[bus] health_check_s`, one `SELECT 1` on the probe's session; an error is
        the state lost, as when a page meets it."""
        from services.runtime.postgres import STATE_ERRORS

        assert self._probe_db is not None
        every_s = self._ctx.settings.bus.health_check_s
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), every_s)
                return
            try:
                await asyncio.to_thread(self._probe_db.execute, "SELECT 1")
            except STATE_ERRORS as exc:
                self._state_lost(exc, "checking that it answers")
                return

    async def run(self, stop: asyncio.Event) -> None:
        runner = StageRunner(
            consumer=await self._ctx.bus.consumer([self._ctx.topic("events")], self._ctx.group("web")),
            handler=EventsHandler(self._store, self._live, self._ctx.clock),
            dead_letters=self._ctx.dead_letters("web"),
            max_batch=self._ctx.settings.bus.max_batch,
        )
        state = asyncio.create_task(self._stop_on_state_error(), name="web-state")
        tasks = [asyncio.create_task(runner.run(stop), name="web-consume"), state]
        if self._probe_db is not None:
            tasks.append(asyncio.create_task(self._watch_state(stop), name="web-state-probe"))
        if self._own_listener:
            tasks.append(asyncio.create_task(serve_http(self.app, self._ctx.settings.http.listen, stop),
                                             name="web-http"))
        try:
            await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        finally:
            stop.set()  # any part ending (a listener that cannot bind, the state lost) ends the stage
            if not state.done():
                state.cancel()
            results = await asyncio.gather(*tasks, return_exceptions=True)
        for task, result in zip(tasks, results):
            if isinstance(result, BaseException) and not (task is state and isinstance(result, asyncio.CancelledError)):
                raise result


async def serve_http(app: web.Application, listen: str, stop: asyncio.Event) -> None:
    """Serve `app` on `listen` ("host:port") until `stop` is set: for a web stage built
    without the process's application (embedded on its own)."""
    host, _, port = listen.rpartition(":")
    runner = app_runner(app, shutdown_timeout=1.0)
    await runner.setup()
    try:
        site = web.TCPSite(runner, host.strip("[]") or "127.0.0.1", int(port))
        try:
            await site.start()
        except OSError as exc:
            raise ConfigError(f"http.listen: cannot listen on {listen}: {exc.strerror or exc}") from None
        get_logger().info("web_listening", listen=listen)
        await stop.wait()
    finally:
        await runner.cleanup()


_PREPARED = web.AppKey("web_stage", WebStage)


def prepare(ctx: StageContext) -> None:
    """Add the pages to the process's application before its listener starts. On a SQLite
    state they are served from then on, whatever the broker does; a PostgreSQL state is
    opened once the database (and the broker) answer (`build_stage`): until then a page is
    a 503. (With `[web] enabled = false` no web stage runs: `services.stages.run`.)"""
    if ctx.http_app is not None:
        stage = ctx.http_app[_PREPARED] = WebStage(ctx, ctx.http_app)
        if not ctx.shared_state:
            stage.open_state()


async def build_stage(ctx: StageContext) -> WebStage:
    if ctx.http_app is not None and _PREPARED in ctx.http_app:
        stage = ctx.http_app[_PREPARED]
        if ctx.shared_state:
            stage.open_state()
        return stage
    stage = WebStage(ctx)
    stage.open_state()
    return stage
