"""WebSub push to item published to alert: latency through the real stages, over loopback.

    python bench/websub_latency.py [--pushes 200] [--warmup 10] [--gap-ms 20] [--limit-s 60]

On 127.0.0.1, in one process: a feed site whose feed names a hub, a WebSub hub that
verifies subscriptions and pushes signed content, and a webhook receiver. The real ingest
stage (WebSub callback server, SQLite state, parser), classify stage (detector, extractor,
clusterer) and notify stage (ledger, webhook rendering and signing) run over the in-memory
bus as `launchwatch run` wires them, with JSON logs at info level written to /dev/null.

Ingest polls the feed once, finds the hub and subscribes; the hub verifies the intent. Then
the hub pushes, one at a time, a feed document holding one new launch report (a new guid
and link each time) signed with the subscription's secret, and waits for that report's
alert (plus `--gap-ms`) before the next, so each push's path is measured without queueing:

- push → published: from just before the hub's POST to when the bus acknowledged the
  item (ingest's producer is wrapped to note the time; the item is the pushed one);
- push → acknowledged: until the hub has the callback's 202 (ingest answers after
  publishing, so this is what a hub sees);
- push → alert: until the webhook receiver has the alert naming that report.

Each push reports a separate launch: classify and notify run on a clock that moves three
days ahead before each push, and the pushed report is dated at that moment, so every report
opens an event of its own and gets a first alert instead of joining the one before. Ingest
keeps the real clock, so its lease and the renewal schedule are the real ones; the hub's
subscription requests during the run are counted (renewals would show there).

A push whose alert has not arrived `--limit-s` after it (a loaded machine) is counted as
missed, with how far it got (published or not), and the run goes on with the next; the
figures are over the pushes that were alerted. If the hub's verification does not come
within the same limit the run stops with that reason.

`BENCH_LOG=/path` keeps the stages' JSON log lines there instead of discarding them.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import hmac
import json
import os
import socket
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path

import aiohttp
from aiohttp import web

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from schemas import FeedItem  # noqa: E402
from services.ingest.sources import sources_from_settings  # noqa: E402
from services.ingest.state import IngestState  # noqa: E402
from services.ingest.worker import IngestStage  # noqa: E402
from services.runtime.bus import TOPICS  # noqa: E402
from services.runtime.lifecycle import StageContext  # noqa: E402
from services.stages import build_stage  # noqa: E402
from services.runtime.logs import configure_logging  # noqa: E402
from services.runtime.memory_bus import MemoryBus  # noqa: E402
from services.config import Settings  # noqa: E402

TITLE = "North Korea fires ballistic missile into East Sea, JCS says"
SUMMARY = ("North Korea fired a short-range ballistic missile toward the East Sea, "
           "South Korea's Joint Chiefs of Staff said, in its third launch this month.")


def feed(hub_url: str, topic: str, n: int | None, when: datetime) -> bytes:
    item = ""
    if n is not None:
        item = (f"<item><title>{TITLE}</title><link>https://wire.example/launch/{n}</link>"
                f"<guid isPermaLink='false'>launch-{n}</guid><pubDate>{format_datetime(when)}</pubDate>"
                f"<description>{SUMMARY}</description></item>")
    return (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0' xmlns:atom='http://www.w3.org/2005/Atom'>"
            f"<channel><title>Loopback Wire</title><link>https://wire.example/</link>"
            f"<atom:link rel='hub' href='{hub_url}'/><atom:link rel='self' href='{topic}'/>"
            f"{item}</channel></rss>").encode()


class Loopback:
    """The feed site, the hub and the webhook receiver: one aiohttp app on 127.0.0.1."""

    def __init__(self) -> None:
        self.base = ""
        self.subscriptions: list[dict[str, str]] = []
        self.verified = asyncio.Event()
        self.alerts: dict[str, float] = {}  # report link -> arrival (perf_counter)
        self.alert_arrived = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self._http: aiohttp.ClientSession | None = None
        self._tasks: set[asyncio.Task] = set()

    async def start(self) -> "Loopback":
        app = web.Application()
        app.router.add_get("/feed.xml", self._feed)
        app.router.add_post("/hub", self._subscribe)
        app.router.add_post("/alerts", self._alert)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.base = f"http://127.0.0.1:{self._runner.addresses[0][1]}"
        self._http = aiohttp.ClientSession()
        return self

    async def close(self) -> None:
        for task in self._tasks:
            task.cancel()
        await self._http.close()
        await self._runner.cleanup()

    async def _feed(self, request: web.Request) -> web.Response:
        return web.Response(body=feed(f"{self.base}/hub", f"{self.base}/feed.xml", None, datetime.now(timezone.utc)),
                            content_type="application/rss+xml")

    async def _subscribe(self, request: web.Request) -> web.Response:
        form = dict(await request.post())
        self.subscriptions.append(form)
        task = asyncio.create_task(self._verify(form))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return web.Response(status=202)

    async def _verify(self, form: dict[str, str]) -> None:
        params = {"hub.mode": "subscribe", "hub.topic": form["hub.topic"], "hub.challenge": "bench",
                  "hub.lease_seconds": form["hub.lease_seconds"]}
        async with self._http.get(form["hub.callback"], params=params) as resp:
            if resp.status == 200 and await resp.text() == "bench":
                self.verified.set()

    async def _alert(self, request: web.Request) -> web.Response:
        arrived = time.perf_counter()
        body = json.loads(await request.read())
        if body["kind"] == "alert":
            for source in body["event"]["sources"]:
                self.alerts.setdefault(source["url"], arrived)
            self.alert_arrived.set()
        return web.Response(text="ok")

    async def push(self, body: bytes) -> tuple[float, float]:
        """POST `body` to the callback signed as a hub does; (sent, acknowledged) perf_counter times."""
        form = self.subscriptions[-1]
        signature = hmac.new(form["hub.secret"].encode(), body, hashlib.sha256).hexdigest()
        sent = time.perf_counter()
        async with self._http.post(form["hub.callback"], data=body, headers={
                "Content-Type": "application/rss+xml", "X-Hub-Signature": f"sha256={signature}"}) as resp:
            await resp.read()
            if resp.status != 202:
                raise SystemExit(f"the callback answered {resp.status}")
        return sent, time.perf_counter()


class TimingProducer:
    """Ingest's producer, noting when the bus acknowledged each item (by its link)."""

    def __init__(self, inner) -> None:
        self._inner = inner
        self.acked: dict[str, float] = {}

    async def send(self, topic, value, *, key=None, headers=()):
        await self._inner.send(topic, value, key=key, headers=headers)
        self.acked[FeedItem.from_bytes(value).url or ""] = time.perf_counter()


class JumpingClock:
    """The real time plus an offset that `jump` moves forward."""

    def __init__(self) -> None:
        self.offset = timedelta(0)

    def __call__(self) -> datetime:
        return datetime.now(timezone.utc) + self.offset

    def jump(self, days: float) -> datetime:
        self.offset += timedelta(days=days)
        return self()


def quantiles_ms(values: list[float]) -> dict[str, float]:
    ms = sorted(v * 1000 for v in values)
    q = statistics.quantiles(ms, n=100, method="inclusive")
    return {"p50_ms": round(q[49], 2), "p95_ms": round(q[94], 2), "p99_ms": round(q[98], 2),
            "max_ms": round(ms[-1], 2)}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def run(args: argparse.Namespace) -> dict:
    loopback = await Loopback().start()
    try:
        return await measure(args, loopback)
    finally:
        await loopback.close()


async def measure(args: argparse.Namespace, loopback: Loopback) -> dict:
    callback_port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings.model_validate({
            "state": {"path": f"{tmp}/state.db"},
            "ingest": {"allow_private_networks": True},
            # The receiver is on loopback, which notify refuses unless allowed.
            "notify": {"allowed_networks": ["127.0.0.1/32"]},
            # Each push is dated days after the last (a launch of its own) while ingest keeps
            # the real clock for its leases: the stamps are trusted however far ahead of it.
            "events": {"publish_skew_s": 1e9},
            "feeds": [{"url": f"{loopback.base}/feed.xml", "name": "Loopback Wire", "interval_s": 3600}],
            "websub": {"public_url": f"http://127.0.0.1:{callback_port}", "listen": f"127.0.0.1:{callback_port}"},
            "subscriptions": [{"name": "bench-hook", "channel": "webhook", "url": f"{loopback.base}/alerts",
                               "secret": "bench-secret-0123456789"}],
        })
        bus = MemoryBus(settings.bus.topic_prefix)
        await bus.start()
        clock = JumpingClock()
        async with aiohttp.ClientSession(headers={"User-Agent": settings.ingest.user_agent}) as http:
            real = StageContext(settings, bus, http)
            shifted = StageContext(settings, bus, http, clock=clock)
            await bus.ensure_topics([real.topic(t) for t in TOPICS], settings.bus.partitions)
            producer = TimingProducer(bus.producer())
            ingest = IngestStage(
                sources=sources_from_settings(settings), http=http, producer=producer, items_topic=real.topic("items"),
                state=IngestState(real.db()), settings=settings.ingest, clock=real.clock, websub=settings.websub,
            )
            stages = [ingest, *[await build_stage(name, shifted) for name in ("classify", "events", "notify")]]
            stop = asyncio.Event()
            tasks = [asyncio.create_task(stage.run(stop)) for stage in stages]
            try:
                try:
                    await asyncio.wait_for(loopback.verified.wait(), args.limit_s)
                except TimeoutError:
                    raise SystemExit(f"the hub's verification of the subscription did not come within "
                                     f"{args.limit_s:g} s") from None
                requests_before = len(loopback.subscriptions)
                published, acknowledged, alerted = [], [], []
                missed: dict[int, str] = {}
                for n in range(args.warmup + args.pushes):
                    when = clock.jump(3)
                    link = f"https://wire.example/launch/{n}"
                    sent, acked = await loopback.push(feed(f"{loopback.base}/hub", f"{loopback.base}/feed.xml", n, when))
                    deadline = time.perf_counter() + args.limit_s
                    while link not in loopback.alerts and time.perf_counter() < deadline:
                        loopback.alert_arrived.clear()
                        try:
                            await asyncio.wait_for(loopback.alert_arrived.wait(), deadline - time.perf_counter())
                        except TimeoutError:
                            pass
                    if link not in loopback.alerts:
                        missed[n] = "published, no alert" if link in producer.acked else "not published"
                        continue
                    if n >= args.warmup:
                        published.append(producer.acked[link] - sent)
                        acknowledged.append(acked - sent)
                        alerted.append(loopback.alerts[link] - sent)
                    await asyncio.sleep(args.gap_ms / 1000)
                hub_requests = len(loopback.subscriptions) - requests_before
            finally:
                stop.set()
                await asyncio.wait_for(asyncio.gather(*tasks, return_exceptions=True), 30)
                real.close()
                shifted.close()
                await bus.close()
    if len(alerted) < 2:
        raise SystemExit(f"{len(alerted)} of {args.pushes} pushes alerted within {args.limit_s:g} s each "
                         f"(missed: {missed})")
    return {"pushes": args.pushes, "warmup": args.warmup, "gap_ms": args.gap_ms, "limit_s": args.limit_s,
            "alerted": len(alerted), "missed": missed,
            "push_to_published": quantiles_ms(published), "push_to_acknowledged": quantiles_ms(acknowledged),
            "push_to_alert": quantiles_ms(alerted), "subscription_requests_during_run": hub_requests}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pushes", type=int, default=200, help="pushes measured")
    parser.add_argument("--warmup", type=int, default=10, help="pushes before those measured")
    parser.add_argument("--gap-ms", type=float, default=20.0, help="pause after each push's alert")
    parser.add_argument("--limit-s", type=float, default=60.0,
                        help="how long to wait for a push's alert before counting it missed")
    args = parser.parse_args()
    if args.pushes < 2:
        parser.error("--pushes must be at least 2")
    configure_logging(fmt="json", level="info", stream=open(os.environ.get("BENCH_LOG", os.devnull), "w"))
    print(json.dumps(asyncio.run(run(args))))


if __name__ == "__main__":
    main()
