"""The whole pipeline in this process, timed at every hand-over: what the latency and throughput
sections measure with.

- `Site`: one aiohttp app on 127.0.0.1 serving a feed of launch reports (ETag honoured) and
  a webhook receiver; it notes when each launch item was put into the feed, when a poll
  first served it and when its alert arrived.
- `TimingBus`: the real bus (memory or Kafka) with one producer that notes, per launch
  item, when the bus acknowledged it on `items`, `launch-reports` and `events`.
- `Pipeline`: the real ingest, classify, events and notify stages (`build_stage`, as
  `launchwatch run` wires them) over that bus, SQLite state in a temporary folder.

Launch items are numbered: item n links to `https://wire.example/launch/n`, the number
every mark is keyed by. Each is a separate launch: item n is dated `first_launch_at + n
days` (in the past), so no two fall in one event's time window and each opens an event
of its own and gets a first alert instead of joining the one before. As those dates are
old, the bench raises `[events] stale_after_s` and the subscription's `freshness_window_s`
to ten years, which the real-time deployment keeps at hours, and `inactive_close_s` to a
month (launches come from several feeds, so n+10 may overtake n). Topics have one partition.
"""

from __future__ import annotations

import asyncio
import random
import re
import statistics
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

from schemas import FeedItem
from services.config import Settings
from services.runtime.bus import TOPICS
from services.runtime.lifecycle import StageContext, make_bus
from services.stages import build_stage

LAUNCH_TITLE = "North Korea fires ballistic missile into East Sea, JCS says"
LAUNCH_SUMMARY = ("North Korea fired a short-range ballistic missile toward the East Sea, "
                  "South Korea's Joint Chiefs of Staff said, in its third launch this month.")
LAUNCH_LINK = re.compile(rb"wire\.example/launch/(\d+)")
TEN_YEARS_S = 10 * 365 * 86400.0
# The ledger must keep deliveries longer than a subscription's freshness window (a revision
# read again after they were forgotten would be news again): past the ten years.
REPLAY_LEDGER_DAYS = TEN_YEARS_S / 86400 + 1
FEED_WINDOW = 50  # entries the feed lists, newest first
DAYS_BETWEEN_LAUNCHES = 1  # more than every join tolerance of [events] (13 h at most)

# Ordinary news, none about weapons: background that classify must read and let go.
_SUBJECTS = ["Central bank", "City council", "Football club", "Tech giant", "Wildfire crews", "Airline",
             "University researchers", "Opposition party", "Carmaker", "Weather service", "Museum", "Port authority"]
_VERBS = ["announces", "delays", "wins approval for", "reports record", "cuts", "expands", "reviews", "celebrates"]
_OBJECTS = ["quarterly earnings", "new stadium plan", "rail strike talks", "heatwave warning", "vaccine trial",
            "housing reform", "festival programme", "budget for schools", "flood defences", "chip factory"]


def background_item(n: int, now: datetime) -> FeedItem:
    """The n-th ordinary (non-launch) item, as ingest would publish it from some feed."""
    rng = random.Random(n)
    title = f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)} ({n})"
    summary = (f"{title}. Officials said on {now:%A} that the figures for {rng.randint(2019, 2026)} "
               f"came in at {rng.randint(2, 98)} percent of the forecast, according to a statement.")
    return FeedItem(item_id=f"bg-{n:08d}", feed=f"Background {n % 40}", feed_url=f"https://bg{n % 40}.example/rss",
                    url=f"https://bg{n % 40}.example/a/{n}", title=title, summary=summary, lang="en",
                    published_at=now, first_seen_at=now, source_kind="news")


def launch_item(n: int, first_launch_at: datetime) -> FeedItem:
    """Launch item n as a FeedItem (for runs that skip ingest and publish onto `items`)."""
    when = first_launch_at + timedelta(days=DAYS_BETWEEN_LAUNCHES * n)
    return FeedItem(item_id=f"launch-{n:08d}", feed="Loopback Wire", feed_url="https://wire.example/rss",
                    url=f"https://wire.example/launch/{n}", title=LAUNCH_TITLE, summary=LAUNCH_SUMMARY, lang="en",
                    published_at=when, first_seen_at=datetime.now(timezone.utc), source_kind="wire")


def first_launch_date(items: int) -> datetime:
    """A date such that `items` launches a day apart all lie at least a day in the past."""
    return datetime.now(timezone.utc) - timedelta(days=DAYS_BETWEEN_LAUNCHES * (items + 2))


def quantiles_ms(values_s: Sequence[float]) -> dict[str, float | None]:
    """p50/p95/p99/max (ms) of durations in seconds; None when there are too few values."""
    if len(values_s) < 2:
        only = round(values_s[0] * 1000, 2) if values_s else None
        return {"p50_ms": only, "p95_ms": only, "p99_ms": only, "max_ms": only, "mean_ms": only}
    ms = sorted(v * 1000 for v in values_s)
    q = statistics.quantiles(ms, n=100, method="inclusive")
    return {"p50_ms": round(q[49], 2), "p95_ms": round(q[94], 2), "p99_ms": round(q[98], 2),
            "max_ms": round(ms[-1], 2), "mean_ms": round(statistics.fmean(ms), 2)}


class Site:
    """The feed of launch reports and the webhook receiver, on 127.0.0.1."""

    def __init__(self, first_launch_at: datetime, feeds: int = 1) -> None:
        self.first_launch_at = first_launch_at
        self.feeds = feeds
        self.base = ""
        self.released: dict[int, float] = {}  # launch n -> put into the feed (perf_counter)
        self.served: dict[int, float] = {}  # launch n -> arrival of the first poll that served it
        self.alerted: dict[int, float] = {}  # launch n -> its alert arrived at the receiver
        self.polls = 0
        self.alert_arrived = asyncio.Event()
        self._order: list[list[int]] = [[] for _ in range(feeds)]
        self._runner: web.AppRunner | None = None

    async def start(self) -> "Site":
        app = web.Application()
        app.router.add_get("/feed/{k}.xml", self._feed)
        app.router.add_post("/alerts", self._alert)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.base = f"http://127.0.0.1:{self._runner.addresses[0][1]}"
        return self

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def release(self, n: int) -> None:
        """Put launch item n at the top of feed n % feeds, now."""
        self._order[n % self.feeds].append(n)
        self.released[n] = time.perf_counter()

    async def _feed(self, request: web.Request) -> web.Response:
        arrived = time.perf_counter()
        self.polls += 1
        order = self._order[int(request.match_info["k"])]
        etag = f'"{len(order)}"'
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers={"ETag": etag})
        window = order[-FEED_WINDOW:][::-1]
        entries = []
        for n in window:
            self.served.setdefault(n, arrived)
            when = self.first_launch_at + timedelta(days=DAYS_BETWEEN_LAUNCHES * n)
            entries.append(f"<item><title>{LAUNCH_TITLE}</title><link>https://wire.example/launch/{n}</link>"
                           f"<guid isPermaLink='false'>launch-{n}</guid><pubDate>{format_datetime(when)}</pubDate>"
                           f"<description>{LAUNCH_SUMMARY}</description></item>")
        body = ("<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Loopback Wire</title>"
                f"<link>https://wire.example/</link>{''.join(entries)}</channel></rss>")
        return web.Response(text=body, content_type="application/rss+xml", headers={"ETag": etag})

    async def _alert(self, request: web.Request) -> web.Response:
        arrived = time.perf_counter()
        body = await request.read()
        match = LAUNCH_LINK.search(body)
        if match is not None:
            self.alerted.setdefault(int(match.group(1)), arrived)
            self.alert_arrived.set()
        return web.Response(text="ok")

    async def wait_polls(self, count: int, timeout_s: float) -> None:
        """Until the feed has been polled `count` times. Raises RuntimeError after `timeout_s`."""
        deadline = time.perf_counter() + timeout_s
        while self.polls < count:
            if time.perf_counter() > deadline:
                raise RuntimeError(f"the feed was polled {self.polls} times in {timeout_s:g} s, not {count}")
            await asyncio.sleep(0.02)

    async def wait_alerts(self, wanted: Sequence[int], deadline: float) -> None:
        """Until every wanted launch has its alert or `deadline` (perf_counter) passed."""
        missing = [n for n in wanted if n not in self.alerted]
        while missing and time.perf_counter() < deadline:
            self.alert_arrived.clear()
            try:
                await asyncio.wait_for(self.alert_arrived.wait(), max(0.01, deadline - time.perf_counter()))
            except TimeoutError:
                pass
            missing = [n for n in missing if n not in self.alerted]


ITEM_ID = re.compile(rb'"item_id":"([^"]+)"')


class TimingProducer:
    """The bus's producer, noting when each launch item's message was acknowledged per topic
    and, with `track_reports`, when every item's report was (`reported`, by item id)."""

    def __init__(self, inner: Any, steps: dict[str, str], reports_topic: str = "", track_reports: bool = False) -> None:
        self._inner = inner
        self._steps = steps  # topic -> mark name
        self._reports_topic = reports_topic if track_reports else None
        self.marks: dict[str, dict[int, float]] = {name: {} for name in steps.values()}
        self.sent: dict[str, int] = {name: 0 for name in steps.values()}
        self.reported: dict[bytes, float] = {}

    async def send(self, topic: str, value: bytes, *, key: bytes | None = None, headers=()) -> None:
        await self._inner.send(topic, value, key=key, headers=headers)
        if topic == self._reports_topic:
            found = ITEM_ID.search(value)
            if found is not None:
                self.reported[found.group(1)] = time.perf_counter()
        step = self._steps.get(topic)
        if step is None:
            return
        self.sent[step] += 1
        match = LAUNCH_LINK.search(value)
        if match is not None:
            self.marks[step].setdefault(int(match.group(1)), time.perf_counter())


class TimingBus:
    """The real bus, with every stage sharing one `TimingProducer`; remembers its consumers."""

    def __init__(self, inner: Any, track_reports: bool = False) -> None:
        self._inner = inner
        prefix = inner.topic_prefix
        self.timing = TimingProducer(inner.producer(), {f"{prefix}items": "items", f"{prefix}reports": "reports",
                                                        f"{prefix}launch-reports": "launch_reports",
                                                        f"{prefix}events": "events"},
                                     reports_topic=f"{prefix}reports", track_reports=track_reports)
        self.consumers: list[Any] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def producer(self) -> TimingProducer:
        return self.timing

    async def consumer(self, topics: Sequence[str], group: str) -> Any:
        consumer = await self._inner.consumer(topics, group)
        self.consumers.append(consumer)
        return consumer


def settings_for(state_dir: Path, site: Site, *, kafka: str | None, prefix: str, interval_s: float = 1.0,
                 fetch_max_wait_ms: int = 25) -> Settings:
    """Settings of a bench pipeline: the site's feed polled every `interval_s`, one webhook
    subscription to its receiver, one partition per topic; on Kafka when `kafka` is a
    bootstrap address."""
    bus: dict[str, Any] = {"partitions": 1, "topic_prefix": prefix}
    if kafka:
        bus.update(kind="kafka", bootstrap_servers=kafka, fetch_max_wait_ms=fetch_max_wait_ms)
    return Settings.model_validate({
        "bus": bus,
        "state": {"path": str(state_dir / "state.db")},
        "ingest": {"allow_private_networks": True, "min_interval_s": interval_s, "per_host_spacing_s": 0,
                   # The launches are dated days apart: adaptive scheduling would poll less often.
                   "adaptive_schedule": False},
        "feeds": [{"url": f"{site.base}/feed/{k}.xml", "name": f"Loopback Wire {k}", "interval_s": interval_s}
                  for k in range(site.feeds)],
        # Feeds polled at different moments may hand launch n+10 over before launch n: a
        # month of open events keeps n from arriving after its event was closed.
        "events": {"stale_after_s": TEN_YEARS_S, "inactive_close_s": 30 * 86400.0},
        "notify": {"allowed_networks": ["127.0.0.1/32"], "ledger_retention_days": REPLAY_LEDGER_DAYS},
        "subscriptions": [{"name": "bench-hook", "channel": "webhook", "url": f"{site.base}/alerts",
                           "secret": "bench-secret-0123456789", "freshness_window_s": TEN_YEARS_S}],
    })


@dataclass
class Pipeline:
    """The four stages running over a `TimingBus`; use `async with`."""

    settings: Settings
    stages: Sequence[str] = ("ingest", "classify", "events", "notify")
    track_reports: bool = False
    bus: TimingBus | None = None
    ctx: StageContext | None = None
    started_s: float = 0.0
    _stop: asyncio.Event = field(default_factory=asyncio.Event)
    _tasks: list[asyncio.Task] = field(default_factory=list)
    _http: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> "Pipeline":
        started = time.perf_counter()
        inner = make_bus(self.settings)
        await inner.start()
        await inner.ensure_topics([f"{inner.topic_prefix}{t}" for t in TOPICS], self.settings.bus.partitions)
        self.bus = TimingBus(inner, self.track_reports)
        self._http = aiohttp.ClientSession(headers={"User-Agent": self.settings.ingest.user_agent},
                                           timeout=aiohttp.ClientTimeout(total=self.settings.ingest.timeout_s))
        self.ctx = StageContext(self.settings, self.bus, self._http)
        for name in self.stages:
            stage = await build_stage(name, self.ctx)
            self._tasks.append(asyncio.create_task(stage.run(self._stop), name=f"bench-{name}"))
        deadline = time.monotonic() + 120
        while not all(getattr(c, "joined", True) for c in self.bus.consumers):
            if time.monotonic() > deadline:
                raise RuntimeError("the stages' consumers were not assigned partitions within 120 s")
            self._raise_if_failed()
            await asyncio.sleep(0.05)
        self.started_s = time.perf_counter() - started
        return self

    def _raise_if_failed(self) -> None:
        for task in self._tasks:
            if task.done() and not task.cancelled() and task.exception() is not None:
                raise RuntimeError(f"stage {task.get_name()} failed: {task.exception()!r}")

    async def __aexit__(self, *exc_info: object) -> None:
        self._stop.set()
        done, pending = await asyncio.wait(self._tasks, timeout=30)
        for task in pending:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._http is not None:
            await self._http.close()
        if self.ctx is not None:
            self.ctx.close()
        if self.bus is not None:
            await self.bus.close()


async def feed_background(producer: Any, topic: str, rate_per_s: float, stop: asyncio.Event,
                          counter: list[int], start_at: int = 0) -> None:
    """Publish background items onto `topic` at `rate_per_s` until `stop`; `counter[0]` counts
    those the bus acknowledged, `counter[1]` those it refused (a broker that cannot keep up).

    Sends in ticks of 10 ms, the tick's items concurrently (a Kafka send waits for its
    acknowledgement); a tick that falls behind is made up in the next ones, at most one
    second's worth at a time."""
    from services.runtime.errors import RetryableError

    while len(counter) < 2:
        counter.append(0)
    tick_s = 0.01
    begun = time.perf_counter()
    n = start_at
    while not stop.is_set():
        due = min(int((time.perf_counter() - begun) * rate_per_s) + start_at, n + max(1, int(rate_per_s)))
        now = datetime.now(timezone.utc)
        batch = [background_item(i, now) for i in range(n, due)]
        if batch:
            results = await asyncio.gather(*(producer.send(topic, item.to_bytes(), key=item.item_id.encode())
                                             for item in batch), return_exceptions=True)
            for result in results:
                if isinstance(result, RetryableError):
                    counter[1] += 1
                elif isinstance(result, BaseException):
                    raise result
                else:
                    counter[0] += 1
            n = due
        await asyncio.sleep(tick_s)


def new_state_dir() -> tempfile.TemporaryDirectory:
    return tempfile.TemporaryDirectory(prefix="bench-pipeline-")
