"""Notify throughput and latency: alerts/s to a local receiver, and revision-to-receiver latency.

    python bench/notify_throughput.py [--events 200] [--subscriptions 20] [--concurrency 16]

Runs the real notify stage (ledger on a temporary SQLite file, JSON logs at info level
written to /dev/null) over the in-memory bus, delivering signed webhooks to an aiohttp
receiver on 127.0.0.1 in the same process.

- throughput: every event is published first, then the stage delivers events x
  subscriptions alerts; alerts/s = alerts / time from start to the last one received.
- latency: events are published one at a time, each after the previous one's alerts
  arrived plus a short gap, so it measures one revision's path (bus, ledger, render,
  sign, HTTP) without queueing; reported per alert, from publish to receiver, p50/p99.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import aiohttp
from aiohttp import web

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from schemas import EventSource, LaunchEvent  # noqa: E402
from services.notify.worker import build_stage  # noqa: E402
from services.runtime.lifecycle import StageContext  # noqa: E402
from services.runtime.logs import configure_logging  # noqa: E402
from services.runtime.memory_bus import MemoryBus  # noqa: E402
from services.config import Settings  # noqa: E402


class Receiver:
    def __init__(self) -> None:
        self.arrivals: list[tuple[str, float]] = []
        self.changed = asyncio.Event()

    async def handle(self, request: web.Request) -> web.Response:
        body = await request.read()
        self.arrivals.append((json.loads(body)["event"]["event_id"], time.perf_counter()))
        self.changed.set()
        return web.Response(text="ok")

    async def wait_for(self, count: int, timeout_s: float = 300) -> None:
        deadline = time.perf_counter() + timeout_s
        while len(self.arrivals) < count:
            self.changed.clear()
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                raise TimeoutError(f"only {len(self.arrivals)} of {count} alerts arrived")
            try:
                await asyncio.wait_for(self.changed.wait(), remaining)
            except TimeoutError:
                pass


def event(n: int, now: datetime) -> LaunchEvent:
    return LaunchEvent(
        event_id=f"evt-{n:05d}", revision=1, status="confirmed", actor="PRK", kind="ballistic", count=2,
        distance_km=650.0, direction="East Sea", confidence=0.9, source_agency="JCS",
        headline=f"North Korea fires two ballistic missiles ({n})", first_reported_at=now - timedelta(minutes=2),
        updated_at=now, source_count=2,
        sources=[EventSource(item_id=f"i{n}", feed="Yonhap", url="https://en.yna.co.kr/a", title="t")],
    )


def settings_for(state: Path, url: str, subscriptions: int, concurrency: int) -> Settings:
    return Settings.model_validate({
        "state": {"path": str(state)},
        "bus": {"max_batch": 100},
        # The receiver listens on loopback, which the address guard refuses unless allowed.
        "notify": {"concurrency": concurrency, "slack_interval_s": 0, "allowed_networks": ["127.0.0.1/32"]},
        "subscriptions": [
            {"name": f"hook-{i:03d}", "channel": "webhook", "url": f"{url}/{i}", "secret": "bench-secret-123456"}
            for i in range(subscriptions)
        ],
    })


async def run_phase(args: argparse.Namespace, *, paced: bool) -> dict[str, float]:
    receiver = Receiver()
    app = web.Application()
    app.router.add_post("/{n}", receiver.handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    url = f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}"  # type: ignore[union-attr]
    events = args.latency_events if paced else args.events
    total = events * args.subscriptions
    with tempfile.TemporaryDirectory() as tmp:
        settings = settings_for(Path(tmp) / "state.db", url, args.subscriptions, args.concurrency)
        bus = MemoryBus()
        connector = aiohttp.TCPConnector(limit=max(100, args.concurrency))
        async with aiohttp.ClientSession(connector=connector) as http:
            ctx = StageContext(settings, bus, http)
            now = datetime.now(timezone.utc)
            topic = ctx.topic("events")
            published: dict[str, float] = {}
            if not paced:
                for n in range(events):
                    e = event(n, now)
                    await bus.producer().send(topic, e.to_bytes(), key=e.event_id.encode())
            stage = await build_stage(ctx)
            stop = asyncio.Event()
            started = time.perf_counter()
            task = asyncio.create_task(stage.run(stop))
            if paced:
                for n in range(events):
                    e = event(n, now)
                    published[e.event_id] = time.perf_counter()
                    await bus.producer().send(topic, e.to_bytes(), key=e.event_id.encode())
                    await receiver.wait_for((n + 1) * args.subscriptions)
                    await asyncio.sleep(0.005)
            else:
                await receiver.wait_for(total)
            elapsed = time.perf_counter() - started
            stop.set()
            await task
            ctx.close()
    await runner.cleanup()
    if not paced:
        return {"alerts": total, "seconds": round(elapsed, 3), "alerts_per_s": round(total / elapsed, 1)}
    latencies_ms = sorted((at - published[eid]) * 1000 for eid, at in receiver.arrivals)
    q = statistics.quantiles(latencies_ms, n=100)
    return {"alerts": total, "p50_ms": round(q[49], 2), "p99_ms": round(q[98], 2), "max_ms": round(latencies_ms[-1], 2)}


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=200)
    parser.add_argument("--subscriptions", type=int, default=20)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--latency-events", type=int, default=100)
    args = parser.parse_args()
    configure_logging(fmt="json", level="info", stream=open(os.devnull, "w"))
    throughput = await run_phase(args, paced=False)
    latency = await run_phase(args, paced=True)
    print(json.dumps({"subscriptions": args.subscriptions, "concurrency": args.concurrency,
                      "throughput": throughput, "latency": latency}))


if __name__ == "__main__":
    asyncio.run(main())
