"""The ingest stage: schedule → fetch (conditional GET) → parse → dedup → FeedItem on the bus.

Every source has its own next-check time (see `scheduler`). Fetches run as tasks bounded
by one semaphore (`[ingest] concurrency`) and a per-host gate, so a slow or dead host only
holds its own slots. Parsing runs in `parse_workers` worker processes with a time limit per
document (`parse_timeout_s`), so a hostile document neither freezes the event loop nor holds
up another source's items: it is refused with a named error and its source is marked
unhealthy at once. A state database error stops the stage (`StateError`): going on would
republish or lose items. An item is remembered in SQLite only after the bus acknowledged
it, and a source's validators (ETag, Last-Modified) only after all its new items were acknowledged,
so a crash republishes at worst and never loses an item.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import os
import random
import secrets
import socket
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

import aiohttp
from aiohttp import web

from schemas import FeedItem
from services.ingest.budget import ItemBudget
from services.ingest.claims import SourceClaims, SourceOwnership
from services.ingest.errors import ParseCrashed, ParseTimeout, PublishFailed, RefusedDocument, error_code
from services.ingest.fetcher import FetchResult, fetch
from services.ingest.identity import content_hash, item_id_for
from services.ingest.metrics import IngestMetrics
from services.ingest.documents import parse_body, parse_body_timed
from services.ingest.parser import ParsedFeed
from services.ingest.scheduler import (
    DueQueue,
    HostGate,
    SchedulePolicy,
    failure_delay_s,
    next_interval_s,
    publishing_gap_s,
)
from services.ingest.settings import IngestSettings, WebSubSettings
from services.ingest.sources import Source, sources_from_settings
from services.ingest.state import IngestState, PublishedItem, SourceState
from services.ingest.websub import PushBusy, WebSubscriber
from services.runtime.bus import Producer
from services.runtime.cpu_pool import CpuPool, TimeLimitExceeded, WorkerDied, preload
from services.runtime.errors import PermanentError, RetryableError, StateError
from services.runtime.http import Listener, report_ready, report_role
from services.runtime.postgres import STATE_ERRORS
from services.runtime.lifecycle import StageContext
from services.runtime.logs import get_logger
from services.runtime.statelock import StateLock

MAX_LOOP_WAIT_S = 1.0
PRUNE_EVERY_S = 3600.0
# Items whose flapping this process has logged, remembered so that each is logged once.
FLAPPING_LOGGED = 10_000
# Failures that say the network, not the source, is at fault when every source has them.
NETWORK_ERRORS = frozenset({"dns", "connect", "timeout", "tls"})


class FirstRound:
    """Watches the first poll of every source and tells once, in one line, when none of
    them could be reached: a machine without network access, not 23 broken sources."""

    def __init__(self, sources: Sequence[str]) -> None:
        self._waiting = set(sources)
        self._errors: dict[str, int] = {}
        self._answered = False

    def polled(self, source: str, error: str | None) -> dict[str, int] | None:
        """Record the outcome of a poll (`error` None on success). Returns the error counts
        once, when the last source's first poll is in and every one failed on the network."""
        if source not in self._waiting:
            return None
        self._waiting.discard(source)
        if error is None:
            self._answered = True
        else:
            self._errors[error] = self._errors.get(error, 0) + 1
        if self._waiting or self._answered or not self._errors or not set(self._errors) <= NETWORK_ERRORS:
            return None
        return dict(sorted(self._errors.items()))

preload("services.ingest.documents")  # see services.runtime.cpu_pool


@dataclass(frozen=True)
class PollOutcome:
    """What one poll of one source did."""

    source: Source
    status: int | None  # HTTP status (200, 304), None when the fetch failed
    items: int = 0  # entries in the document
    new_items: int = 0  # items put on the topic (new ones and new revisions)
    error: str | None = None  # error code, e.g. "timeout", "http_5xx"
    message: str | None = None
    duration_s: float = 0.0
    next_check_in_s: float = 0.0
    format: str | None = None  # rss, atom, rdf, json, html, or feedparser's name for older formats


def parse_document(source: Source, result: FetchResult, max_entries: int) -> ParsedFeed:
    """The parser for the source's kind (feed or page), as a pure function of the fetch."""
    return parse_body(*_parse_args(source, result, max_entries))


def _parse_args(source: Source, result: FetchResult, max_entries: int) -> tuple:
    return result.body, result.url, result.content_type, source.selector, source.timezone, max_entries


SLOW_PARSE_S = 1.0
"""A source whose last document took longer than this to parse (feeds take milliseconds)
is parsed in the slow lane (`DocumentParser`) until one parses faster."""


class DocumentParser:
    """Parses fetched documents in `workers` worker processes, `timeout_s` at most each.

    Sources whose last document was slow to parse (`SLOW_PARSE_S`, or past the time limit)
    take turns for `workers - 1` of the workers at most: however many hostile documents
    come, one worker stays for the others, so a launch flash never waits seconds behind them
    (with one worker there is nothing to keep). The workers start on `start()` or the first
    document and stop on `close()`.
    """

    def __init__(self, *, workers: int, timeout_s: float, max_entries: int) -> None:
        self._pool = CpuPool(workers, preload=["services.ingest.documents"])
        self._timeout_s = timeout_s
        self._max_entries = max_entries
        self._slow: set[str] = set()  # the URLs of the sources in the slow lane
        self._slow_lane = asyncio.Semaphore(max(1, workers - 1))

    async def parse(self, source: Source, result: FetchResult) -> ParsedFeed:
        """`parse_document` in a worker. Raises what it raises, `ParseTimeout` past the time
        limit and `ParseCrashed` when the worker dies."""
        lane = self._slow_lane if source.url in self._slow else contextlib.nullcontext()
        took_s = math.inf  # past the time limit, or the worker died of it
        try:
            async with lane:
                try:
                    parsed, took_s = await self._pool.run(parse_body_timed,
                                                          *_parse_args(source, result, self._max_entries),
                                                          timeout_s=self._timeout_s)
                except TimeLimitExceeded:
                    raise ParseTimeout(f"parsing took longer than {self._timeout_s:g} s: document refused") from None
                except WorkerDied as exc:
                    raise ParseCrashed(f"parsing failed: {exc}") from None
                except Exception as exc:  # refused (not a feed, too complex, ...), maybe after long work
                    took_s = getattr(exc, "parse_s", 0.0)
                    raise
        finally:
            (self._slow.add if took_s > SLOW_PARSE_S else self._slow.discard)(source.url)
        return parsed

    async def start(self) -> None:
        """Start the parse workers now rather than at the first document."""
        await self._pool.start()

    def close(self) -> None:
        self._pool.close()


PUSH_SHUTDOWN_S = 2.0
"""How long a stopping ingest stage lets WebSub pushes being read finish."""


class IngestStage:
    """Polls `sources` until stopped and publishes their new and changed entries."""

    def __init__(
        self,
        *,
        sources: Sequence[Source],
        http: aiohttp.ClientSession,
        producer: Producer,
        items_topic: str,
        state: IngestState,
        settings: IngestSettings,
        clock: Callable[[], datetime],
        rng: random.Random | None = None,
        metrics: IngestMetrics | None = None,
        websub: WebSubSettings | None = None,
        ownership: SourceOwnership | None = None,
    ) -> None:
        self._sources = {s.url: s for s in sources}
        # None: this instance polls every source (its state is its own); else the sources
        # are shared out between the instances of a shared state (see `claims`).
        self._ownership = ownership
        self._http = http
        self._producer = producer
        self._topic = items_topic
        self._state = state
        self._settings = settings
        self._clock = clock
        self._rng = rng or random.Random()
        self._policy = SchedulePolicy(
            min_interval_s=settings.min_interval_s,
            max_interval_s=max(settings.max_interval_s, settings.min_interval_s),
            jitter_ratio=settings.jitter_ratio,
            adaptive=settings.adaptive_schedule,
            adaptive_max_factor=settings.adaptive_max_factor,
        )
        self._queue = DueQueue()
        self._gate = HostGate(settings.per_host_concurrency, settings.per_host_spacing_s)
        self._slots = asyncio.Semaphore(settings.concurrency)
        self._parser = DocumentParser(workers=settings.parse_workers, timeout_s=settings.parse_timeout_s,
                                      max_entries=settings.max_entries_per_feed)
        self._fatal: StateError | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._polling: set[str] = set()  # sources whose poll is in flight
        self._wake = asyncio.Event()
        self.metrics = metrics or IngestMetrics()
        self._websub_settings = websub
        self.websub: WebSubscriber | None = None
        if websub is not None and websub.public_url:
            self.websub = WebSubscriber(
                public_url=websub.public_url, http=http, clock=clock, on_content=self._on_push, state=state,
                lease_s=websub.lease_s, timeout_s=settings.timeout_s, max_body_bytes=settings.max_body_bytes,
                allow_private_networks=settings.allow_private_networks, rng=self._rng,
            )
            self.websub.restore(self._sources)
        self._servers: list[Listener] = []
        self._renewal: asyncio.Task[None] | None = None
        self._pruned_at: float | None = None
        self._first_round = FirstRound(list(self._sources))
        self._budget = ItemBudget(settings.max_items_per_source_hour)
        self._held_back: set[str] = set()  # sources whose last document was not all published
        self._flapping: set[str] = set()  # items whose flapping was logged (at most FLAPPING_LOGGED)
        self._pushes: dict[str, int] = {}  # pushes of a source being read or waiting
        self._push_turns: dict[str, asyncio.Lock] = {}

    @property
    def sources(self) -> list[Source]:
        return list(self._sources.values())

    def _now(self) -> float:
        return self._clock().timestamp()

    async def start_parsers(self) -> None:
        """Start the parse worker processes (`run` does it first thing; the first poll
        would otherwise wait for them)."""
        await self._parser.start()

    async def run(self, stop: asyncio.Event) -> None:
        """Poll every source on its schedule until `stop` is set, then let the fetches in
        flight finish (each is bounded by `timeout_s`)."""
        log = get_logger()
        report_ready("ingest:sources_scheduled", False)
        if self._ownership is None:
            for source in self._sources.values():
                self.metrics.scheduled(source.name)
            self._schedule(self._sources)
        else:
            self._share_sources()
        await self.start_parsers()
        await self.start_servers()
        report_ready("ingest:sources_scheduled", True)
        log.info("ingest_started", sources=len(self._sources), websub=self.websub is not None)
        stopping = asyncio.ensure_future(stop.wait())
        try:
            while not stop.is_set():
                if self._fatal is not None:
                    raise self._fatal
                await self._launch_due(stop)
                self._share_sources()
                self._renew_leases()
                self._prune()
                next_at = self._queue.next_at()
                wait_s = MAX_LOOP_WAIT_S if next_at is None else min(max(0.0, next_at - self._now()), MAX_LOOP_WAIT_S)
                if wait_s > 0:
                    self._wake.clear()
                    waking = asyncio.ensure_future(self._wake.wait())
                    await asyncio.wait({stopping, waking}, timeout=wait_s, return_when=asyncio.FIRST_COMPLETED)
                    waking.cancel()
            if self._tasks:
                await asyncio.gather(*self._tasks, return_exceptions=True)
            if self._fatal is not None:
                raise self._fatal
        finally:
            stopping.cancel()
            for task in [*self._tasks, *([self._renewal] if self._renewal else [])]:
                task.cancel()
            if self._tasks:
                await asyncio.gather(*self._tasks, return_exceptions=True)
            await self.stop_servers()
            self.close()
            if self._ownership is not None:
                try:
                    self._ownership.leave()  # the other instances take these sources over at once
                except STATE_ERRORS as exc:  # their claims expire instead
                    get_logger().warning("sources_not_released", error=type(exc).__name__, message=str(exc))

    async def start_servers(self) -> None:
        """Serve WebSub callbacks on their configured address. Raises `ListenFailed`, naming
        the setting, when it cannot be bound. (`/metrics` is on the process's `[http] listen`; the old `[ingest]
        metrics_listen` and `parse_threads` are accepted, ignored, and said so once.)"""
        by_address: dict[str, list[web.RouteDef]] = {}
        if self.websub is not None and self._websub_settings is not None:
            by_address.setdefault(self._websub_settings.listen, []).extend(self.websub.routes())
        if self._settings.metrics_listen:
            get_logger().warning("config_deprecated", key="ingest.metrics_listen",
                                 hint="/metrics is served on [http] listen; remove ingest.metrics_listen")
        if "parse_threads" in self._settings.model_fields_set:
            get_logger().warning("config_deprecated", key="ingest.parse_threads",
                                 hint="documents are parsed in worker processes: set ingest.parse_workers and "
                                      "remove ingest.parse_threads")
        for address, routes in by_address.items():
            app = web.Application(client_max_size=self._settings.max_body_bytes)
            app.add_routes(routes)
            app.on_response_prepare.append(_nothing_to_render)
            # On stop, a push still being read is cut off after PUSH_SHUTDOWN_S: its hub got no
            # 2xx and pushes it again (aiohttp would wait a minute, past the stop's grace).
            listener = Listener(app, address, "[websub] listen", shutdown_timeout=PUSH_SHUTDOWN_S)
            bound = await listener.start()  # (raises ListenFailed naming the key)
            self._servers.append(listener)
            get_logger().info("ingest_listening", address=bound, paths=sorted({r.path for r in routes}))

    async def stop_servers(self) -> None:
        for listener in self._servers:
            await listener.close()
        self._servers.clear()

    def _schedule(self, keys) -> None:
        """Put sources on the schedule at their stored next check."""
        now = self._now()
        for key in keys:
            stored = self._state.source(key)
            at = max(now, stored.next_check_at or now)
            if stored.error_count == 0:
                # A healthy source is due within its (maybe newly shortened) interval; a failing
                # one keeps its backoff and Retry-After across a restart (or a takeover).
                at = min(at, now + self._sources[key].interval_s)
            elif at > now and stored.last_error:
                # Not polled again before its backoff ends: its last poll, before this start,
                # is its part of the first round (a machine still offline is told at once).
                self._tell_unreachable(self._first_round.polled(self._sources[key].url,
                                                                stored.last_error.partition(":")[0]))
            self._queue.schedule(key, at)

    def _share_sources(self) -> None:
        """With a shared state: renew this instance's claims and take or give sources when
        a round is due (see `claims`); sources gained are scheduled, sources lost dropped."""
        ownership = self._ownership
        now = self._now()
        if ownership is None or not ownership.due(now):
            return
        try:
            gained, lost = ownership.tick(now, busy=self._polling)
        except STATE_ERRORS as exc:
            get_logger().error("state_failed", error=type(exc).__name__, message=str(exc))
            raise StateError(f"state database error while sharing sources: {exc}") from exc
        # Each instance reports the health of the sources it polls, so a sum over instances
        # counts each source once (`LaunchwatchNoSourceHealthy`), not its stale view of others'.
        for key in lost:
            self._queue.discard(key)
            self.metrics.forget(self._sources[key].name)
        for key in gained:
            self.metrics.scheduled(self._sources[key].name,
                                   healthy=self._state.source(key).error_count < self._settings.unhealthy_after_errors)
        self._schedule(sorted(gained))
        if gained or lost:
            get_logger().info("sources_shared", gained=len(gained), lost=len(lost), polling=len(ownership.held),
                              sources=len(self._sources))
        report_role("ingest", f"polling {len(ownership.held)} of {len(self._sources)} sources")

    def _reports_health(self, source: Source) -> bool:
        """Whether this instance reports the source's health: it polls it (a poll that ends
        after its claim moved to another instance is that instance's to report)."""
        return self._ownership is None or source.url in self._ownership.held

    def _prune(self) -> None:
        now = self._now()
        if self._pruned_at is not None and now - self._pruned_at < PRUNE_EVERY_S:
            return
        self._pruned_at = now
        forgotten = self._state.prune(now - self._settings.item_retention_days * 86400)
        if forgotten:
            get_logger().info("items_forgotten", items=forgotten, retention_days=self._settings.item_retention_days)

    def _renew_leases(self) -> None:
        # One renewal task at a time: renewals are rare, and this bounds them.
        if self.websub is None:
            return
        if self._renewal is not None:
            if not self._renewal.done():
                return
            if not self._renewal.cancelled() and self._renewal.exception() is not None:
                get_logger().error("websub_renewal_failed", exc_info=self._renewal.exception())
            self._renewal = None
        if self.websub.due_for_renewal():
            self._renewal = asyncio.create_task(self.websub.renew_due(), name="websub renewal")

    async def _on_push(self, source_key: str, body: bytes, content_type: str | None) -> int:
        """Content a hub pushed for a source: parsed and published like a polled document,
        one push of a source at a time, and one more waiting at most (else `PushBusy`):
        a hub pushing hostile documents as fast as it can holds one parse worker, not all."""
        source = self._sources.get(source_key)
        if source is None:
            return 0
        if self._pushes.get(source_key, 0) >= 2:
            raise PushBusy(source_key)
        self._pushes[source_key] = self._pushes.get(source_key, 0) + 1
        try:
            async with self._push_turns.setdefault(source_key, asyncio.Lock()):
                log = get_logger().bind(feed=source.name)
                url = self._state.source(source_key).url
                result = FetchResult(200, url, body, content_type, None, None, None, None, 0.0)
                try:
                    parsed = await self._parse(source, result)
                except PermanentError as exc:
                    log.warning("websub_push_dropped", reason=error_code(exc), message=str(exc))
                    return 0
                return await self._publish(source, parsed, self._clock())
        finally:
            self._pushes[source_key] -= 1

    async def _maybe_subscribe(self, source: Source, parsed: ParsedFeed, result: FetchResult) -> None:
        if self.websub is None:
            return
        hub = parsed.hub_url or result.hub_url  # in the document, or in a Link header
        if not hub:
            self.websub.forget_source(source.url)  # the feed stopped naming a hub: stop renewing
            return
        topic = parsed.self_url or result.self_url or result.url
        if self.websub.wants(source.url, hub, topic):
            # A failing hub is logged and retried on the subscriber's backoff, not at each poll.
            await self.websub.subscribe(source.url, hub, topic)

    def close(self) -> None:
        self._parser.close()

    async def _launch_due(self, stop: asyncio.Event) -> None:
        now = self._now()
        for key in self._queue.pop_due(now):
            source = self._sources[key]
            if self._ownership is not None and not self._ownership.may_poll(key, now):
                if key in self._ownership.held:
                    self._queue.schedule(key, now + 1.0)  # a renewal round is late: poll once it is done
                continue  # another instance polls it
            wait_s = self._gate.wait_s(source.host, now)
            if wait_s > 0:
                self._queue.schedule(key, now + wait_s)
                continue
            # The semaphore is taken before the task exists: when every slot is busy the
            # loop stops here instead of piling up tasks.
            await self._slots.acquire()
            if stop.is_set():
                self._slots.release()
                self._queue.schedule(key, now)
                return
            now = self._now()
            self._gate.start(source.host, now)
            self._polling.add(key)
            task = asyncio.create_task(self._poll_scheduled(source), name=f"poll {source.name}")
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _poll_scheduled(self, source: Source) -> None:
        try:
            outcome = await self.poll_source(source)
            self._queue.schedule(source.url, self._now() + outcome.next_check_in_s)
        except STATE_ERRORS as exc:  # while recording the failure of a poll (a privilege refused too)
            get_logger().error("state_failed", error=type(exc).__name__, message=str(exc))
            self._fatal = StateError(f"state database error: {exc}")
        except StateError as exc:
            self._fatal = exc  # the run loop raises it: the stage stops
        finally:
            self._polling.discard(source.url)
            self._gate.finish(source.host)
            self._slots.release()
            self._wake.set()

    async def poll_all(self) -> list[PollOutcome]:
        """Poll every source once now, `concurrency` at a time; for tools, benchmarks and tests.

        A fixed pool of workers takes sources from a shared iterator, so 10,000 sources make
        `concurrency` tasks, not 10,000. Outcomes come back in source order.
        """
        sources = list(self._sources.values())
        outcomes: list[PollOutcome | None] = [None] * len(sources)
        todo = iter(enumerate(sources))

        async def worker() -> None:
            for index, source in todo:
                outcomes[index] = await self.poll_source(source)

        await asyncio.gather(*(worker() for _ in range(min(self._settings.concurrency, len(sources)) or 1)))
        return [o for o in outcomes if o is not None]

    async def poll_source(self, source: Source) -> PollOutcome:
        """Fetch, parse and publish one source once; store its state and next check time.

        Never raises for a failing source: the failure is logged (`feed_failed`), counted,
        and turned into a backoff delay. A failing bus send is a failure of the poll too:
        the items acknowledged before it are remembered, the rest come again next poll.
        Raises `StateError` when the state database fails: no source can be polled safely.
        """
        log = get_logger().bind(feed=source.name)
        state = self._state.source(source.url)
        now = self._clock()
        started = time.perf_counter()
        parsed: ParsedFeed | None = None
        try:
            result = await fetch(
                self._http, state.url, etag=state.etag, last_modified=state.last_modified,
                timeout_s=self._settings.timeout_s, max_body_bytes=self._settings.max_body_bytes,
                allow_private_networks=self._settings.allow_private_networks,
                max_redirects=self._settings.max_redirects, now=now,
            )
            published = 0
            if not result.not_modified:
                parsed = await self._parse(source, result)
                self._held_back.discard(source.url)
                published = await self._publish(source, parsed, now, fetch_started=started)
        except (RetryableError, PermanentError) as exc:
            return self._failed(source, state, exc, now, time.perf_counter() - started, log)
        except PublishFailed as exc:
            return self._unpublished(source, state, exc, now, time.perf_counter() - started, log)
        except STATE_ERRORS as exc:
            log.error("state_failed", error=type(exc).__name__, message=str(exc))
            raise StateError(f"state database error: {exc}") from exc
        except Exception as exc:  # a bug or a bus failure: this source backs off, the others go on
            log.exception("feed_failed", url=state.url, error=type(exc).__name__, message=str(exc))
            return self._failed(source, state, exc, now, time.perf_counter() - started, log, logged=True)
        duration_s = time.perf_counter() - started
        interval = next_interval_s(
            self._policy, source.interval_s,
            ttl_s=parsed.ttl_s if parsed else None,
            max_age_s=result.max_age_s,
            gap_s=publishing_gap_s([e.published_at for e in parsed.entries]) if parsed else None,
            rng=self._rng,
        )
        if parsed is not None:
            await self._maybe_subscribe(source, parsed, result)
        if self.websub is not None and self._websub_settings is not None and self.websub.is_active(source.url):
            # The hub pushes; polling stays as the net for a silent hub, at its own pace.
            interval = max(interval, min(self._websub_settings.poll_interval_s, self._policy.max_interval_s))
        if state.error_count >= self._settings.unhealthy_after_errors:
            log.info("feed_recovered", url=state.url, after_errors=state.error_count)
        if result.permanent_url:
            log.info("feed_moved", old_url=state.url, new_url=result.permanent_url)
        # A document whose entries were held back past the source's budget is fetched whole
        # again next time, not answered 304: what was held back is still to be read.
        whole = source.url in self._held_back
        self._state.save_source(replace(
            state,
            url=result.permanent_url or state.url,
            etag=None if whole else result.etag if not result.not_modified else (result.etag or state.etag),
            last_modified=None if whole else result.last_modified if not result.not_modified
            else (result.last_modified or state.last_modified),
            error_count=0, last_error=None, last_status=result.status,
            last_polled_at=now.timestamp(), last_success_at=now.timestamp(),
            last_document_at=state.last_document_at if result.not_modified else now.timestamp(),
            next_check_at=now.timestamp() + interval,
        ))
        items = len(parsed.entries) if parsed else 0
        self._first_round.polled(source.url, None)
        self.metrics.polled(source.name, result.status, duration_s, entries=items, health=self._reports_health(source))
        damaged = parsed.damaged if parsed else None
        # A feed read leniently past broken XML is said at warning level, where it is seen.
        (log.warning if damaged else log.info)(
            "feed_polled", status=result.status, items=items, new_items=published,
            duration_ms=round(duration_s * 1000, 1), next_check_s=round(interval, 1),
            **({"damaged": damaged} if damaged else {}))
        return PollOutcome(source, result.status, items, published, duration_s=duration_s,
                           next_check_in_s=interval, format=parsed.format if parsed else None)

    def _unpublished(self, source: Source, state: SourceState, exc: PublishFailed, now: datetime,
                     duration_s: float, log) -> PollOutcome:
        """The source answered, and the bus did not take its items: no failure of the source
        (its error count and health stand). Its validators are not stored, so the next poll,
        one interval later, fetches the document whole and sends what was not acknowledged."""
        delay = failure_delay_s(self._policy, source.interval_s, 1, rng=self._rng)
        self._state.save_source(replace(state, last_polled_at=now.timestamp(), next_check_at=now.timestamp() + delay))
        log.warning("publish_failed", url=state.url, error=type(exc.cause).__name__, message=str(exc.cause),
                    retry_in_s=round(delay, 1))
        self._first_round.polled(source.url, None)
        return PollOutcome(source, None, error="publish_failed", message=str(exc), duration_s=duration_s,
                           next_check_in_s=delay)

    def _failed(self, source: Source, state: SourceState, exc: BaseException, now: datetime, duration_s: float,
                log, *, logged: bool = False) -> PollOutcome:
        code = error_code(exc)
        errors = state.error_count + 1
        if isinstance(exc, RefusedDocument):
            # A hostile or unreasonably costly document: unhealthy now, not after a few more.
            errors = max(errors, self._settings.unhealthy_after_errors)
        delay = failure_delay_s(self._policy, source.interval_s, errors,
                                retry_after_s=getattr(exc, "retry_after_s", None), rng=self._rng)
        status = getattr(exc, "status", None)
        self._state.save_source(replace(
            state, error_count=errors, last_error=f"{code}: {exc}", last_status=status,
            last_polled_at=now.timestamp(), next_check_at=now.timestamp() + delay,
        ))
        self.metrics.failed(source.name, code, duration_s, unhealthy=errors >= self._settings.unhealthy_after_errors,
                            health=self._reports_health(source))
        if not logged:
            log.warning("feed_failed", url=state.url, error=code, message=str(exc), error_count=errors,
                        retry_in_s=round(delay, 1))
        if errors == self._settings.unhealthy_after_errors:
            log.error("feed_unhealthy", url=state.url, error=code, error_count=errors)
        self._tell_unreachable(self._first_round.polled(source.url, code))
        return PollOutcome(source, None, error=code, message=str(exc), duration_s=duration_s, next_check_in_s=delay)

    def _tell_unreachable(self, errors: dict[str, int] | None) -> None:
        if errors is not None:
            get_logger().error(
                "no_source_reachable", sources=len(self._sources), errors=errors,
                hint="no source answered its first poll (or, in backoff since before this start, its last): check "
                     "this machine's network connection and DNS (`launchwatch feeds check` tries each source "
                     "once); polling goes on",
            )

    async def _parse(self, source: Source, result: FetchResult) -> ParsedFeed:
        return await self._parser.parse(source, result)

    async def _publish(self, source: Source, parsed: ParsedFeed, now: datetime,
                       fetch_started: float | None = None) -> int:
        """Put new entries and changed ones (as the next revision) on the topic, oldest first.
        `fetch_started` (`time.perf_counter()` at the fetch's start) times fetch-to-publish."""
        log = get_logger().bind(feed=source.name)
        candidates: dict[str, tuple] = {}
        for entry in parsed.entries:
            try:
                item_id = item_id_for(source.url, entry.guid, entry.link, entry.title)
            except ValueError:
                continue  # nothing identifies it; it cannot be deduplicated, so it is not published
            if item_id in candidates:
                continue
            title = entry.title or entry.summary[:200]
            candidates[item_id] = (entry, title, content_hash(title, entry.summary, entry.link))
        known = self._state.known_items(list(candidates))
        # Feeds list newest first: the newest the source's budget allows, published oldest
        # first to keep the topic in time order. The rest stay unpublished, for a later poll.
        due = [(item_id, entry, title, digest) for item_id, (entry, title, digest) in candidates.items()
               if known.get(item_id) is None or known[item_id].content_hash != digest]
        # A text the item had before, back again: each swing would be news again, so only
        # a text's first revision is published.
        flapping = {item_id for item_id, _, _, digest in due if item_id in known and known[item_id].is_flap(digest)}
        for item_id in flapping - self._flapping:
            if len(self._flapping) >= FLAPPING_LOGGED:
                self._flapping.clear()
            self._flapping.add(item_id)
            log.warning("item_flapping", item_id=item_id, revision=known[item_id].revision,
                        message="the source went back to an earlier text of this item: not published again")
        due = [d for d in due if d[0] not in flapping]
        allowed = self._budget.available(source.url, now.timestamp())
        if len(due) > allowed:
            log.warning("source_throttled", held_back=len(due) - allowed, published=allowed,
                        budget_per_hour=self._settings.max_items_per_source_hour)
            self.metrics.throttled(source.name, len(due) - allowed)
            self._held_back.add(source.url)
            due = due[:allowed]
        acked: list[PublishedItem] = []
        try:
            for item_id, entry, title, digest in reversed(due):
                previous = known.get(item_id)
                revision = previous.revision + 1 if previous else 1
                first_seen = datetime.fromisoformat(previous.first_seen_at) if previous else now
                item = FeedItem(
                    item_id=item_id, revision=revision, feed=source.name, feed_url=source.url,
                    url=entry.link, title=title, summary=entry.summary, lang=source.lang or entry.lang or parsed.lang,
                    published_at=entry.published_at, first_seen_at=first_seen,
                    source_kind=source.kind, source_country=source.country, source_tz=source.timezone,
                )
                try:
                    await self._producer.send(self._topic, item.to_bytes(), key=item_id.encode())
                except Exception as exc:
                    raise PublishFailed(exc) from exc
                acked.append(PublishedItem(item_id, source.url, digest, revision, first_seen,
                                           previous.earlier_after() if previous else ""))
                self.metrics.published(source.name, entry.published_at, self._clock(),
                                       None if fetch_started is None else time.perf_counter() - fetch_started)
                log.info("item_published", item_id=item_id, title=title, revision=revision, url=entry.link)
        finally:
            self._budget.spend(source.url, len(acked), now.timestamp())
            self._state.record_published(acked, now.timestamp())
            # After the sends, so that a new item's send does not wait for this write (the
            # source's document time, which pruning compares with, changes only after it).
            self._state.mark_seen(list(known), now.timestamp())
        return len(acked)


async def _nothing_to_render(request: web.Request, response: web.StreamResponse) -> None:
    """The callbacks answer hubs in plain text (a challenge echoed as it came): no browser
    may read one as a page, nor keep it."""
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; frame-ancestors 'none'"
    response.headers["Cache-Control"] = "no-store"


async def build_stage(ctx: StageContext) -> IngestStage:
    """The ingest stage over the context's bus, HTTP session, clock and state file."""
    sources = sources_from_settings(ctx.settings)
    configured = ctx.settings.feeds or ctx.settings.pages
    origin = "config" if configured else "catalogue" if ctx.settings.ingest.use_default_catalogue else "none"
    if sources:
        get_logger().info("sources_loaded", sources=len(sources), origin=origin)
    else:  # a run that can never alert, said where it is seen
        get_logger().warning("sources_loaded", sources=0, origin=origin, message=(
            "no source to read: [ingest] use_default_catalogue = false and no [[feeds]] or [[pages]], "
            "so nothing will be polled or alerted"))
    if not ctx.shared_state:
        # On SQLite the sources' state is one process's: a second poller on the file would
        # publish every item again. (Several share the sources on a PostgreSQL state.)
        lock = StateLock(ctx.settings.state.path, role="ingest", hint=(
            "one ingest process per SQLite state file; several ingest processes share the sources on a "
            "PostgreSQL state ([state] url)")).acquire()
        ctx.on_close(lock.release)
    db = ctx.db()
    ownership = None
    if ctx.shared_state:
        owner = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"
        claims = SourceClaims(db, owner=owner, lease_s=ctx.settings.ingest.lease_s)
        ownership = SourceOwnership(claims, [s.url for s in sources])
    return IngestStage(
        sources=sources, http=ctx.http, producer=ctx.bus.producer(), items_topic=ctx.topic("items"),
        state=IngestState(db), settings=ctx.settings.ingest, clock=ctx.clock,
        websub=ctx.settings.websub, ownership=ownership,
    )
