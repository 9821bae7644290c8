"""Notify isolation: healthy subscribers' latency with one webhook receiver that never answers.

    python bench/notify_isolation.py [--events 100] [--healthy 4] [--gap-ms 20] [--timeout-s 15]

Runs the real notify stage (ledger on a temporary SQLite file, JSON logs at info level
written to /dev/null, default `[notify]` retry settings) over the in-memory bus, with
`--healthy` webhook subscriptions whose aiohttp receiver on 127.0.0.1 answers at once and,
in the second phase, one more subscription whose receiver accepts the connection and
never answers (each attempt ends at `[notify] timeout_s`). Events are published one at a
time, `--gap-ms` apart, after one warm-up event that is not counted; latency is per
healthy alert, from publish to receiver.

Prints one JSON object: p50/p99/max latency of the healthy alerts without and with the
hanging receiver, and how many attempts the hanging receiver saw meanwhile. A short
warm-up phase runs first and is not reported.
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
from services.config import Settings  # noqa: E402
from services.notify.worker import build_stage  # noqa: E402
from services.runtime.lifecycle import StageContext  # noqa: E402
from services.runtime.logs import configure_logging  # noqa: E402
from services.runtime.memory_bus import MemoryBus  # noqa: E402


class Receivers:
    """One aiohttp app: `/ok/<n>` answers at once, `/hang` never does."""

    def __init__(self) -> None:
        self.arrivals: list[tuple[str, float]] = []  # healthy only: (event_id, perf_counter)
        self.hang_attempts = 0
        self._forever = asyncio.Event()

    async def ok(self, request: web.Request) -> web.Response:
        body = await request.read()
        self.arrivals.append((json.loads(body)["event"]["event_id"], time.perf_counter()))
        return web.Response(status=204)

    async def hang(self, request: web.Request) -> web.Response:
        self.hang_attempts += 1
        await self._forever.wait()
        return web.Response(status=204)

    async def wait_for(self, count: int, timeout_s: float = 120) -> None:
        deadline = time.perf_counter() + timeout_s
        while len(self.arrivals) < count:
            if time.perf_counter() > deadline:
                raise TimeoutError(f"only {len(self.arrivals)} of {count} healthy alerts arrived")
            await asyncio.sleep(0.001)


def event(n: int, now: datetime) -> LaunchEvent:
    return LaunchEvent(
        event_id=f"evt-{n:05d}", revision=1, status="confirmed", actor="PRK", kind="ballistic", count=2,
        distance_km=650.0, direction="East Sea", confidence=0.9, source_agency="JCS",
        headline=f"North Korea fires two ballistic missiles ({n})", first_reported_at=now - timedelta(minutes=2),
        updated_at=now, source_count=2,
        sources=[EventSource(item_id=f"i{n}", feed="Yonhap", url="https://en.yna.co.kr/a", title="t")],
    )


async def run_phase(args: argparse.Namespace, *, hanging: bool) -> dict[str, float]:
    receivers = Receivers()
    app = web.Application()
    app.router.add_post("/ok/{n}", receivers.ok)
    app.router.add_post("/hang", receivers.hang)
    runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.1)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    url = f"http://127.0.0.1:{runner.addresses[0][1]}"
    subscriptions = [{"name": f"hook-{i}", "channel": "webhook", "url": f"{url}/ok/{i}",
                      "secret": "bench-secret-123456"} for i in range(args.healthy)]
    if hanging:
        subscriptions.append({"name": "hanging", "channel": "webhook", "url": f"{url}/hang"})
    published: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings.model_validate({
            "state": {"path": str(Path(tmp) / "state.db")},
            "notify": {"timeout_s": args.timeout_s, "allowed_networks": ["127.0.0.1/32"]},
            "subscriptions": subscriptions,
        })
        async with aiohttp.ClientSession() as http:
            ctx = StageContext(settings, MemoryBus(), http)
            stage = await build_stage(ctx)
            stop = asyncio.Event()
            task = asyncio.create_task(stage.run(stop))
            now = datetime.now(timezone.utc)
            topic = ctx.topic("events")
            # One event first, not counted: its alerts open the connections and warm the caches.
            warmup = event(-1, now)
            await ctx.bus.producer().send(topic, warmup.to_bytes(), key=warmup.event_id.encode())
            await receivers.wait_for(args.healthy)
            receivers.arrivals.clear()
            for n in range(args.events):
                e = event(n, now)
                published[e.event_id] = time.perf_counter()
                await ctx.bus.producer().send(topic, e.to_bytes(), key=e.event_id.encode())
                await asyncio.sleep(args.gap_ms / 1000)
            await receivers.wait_for(args.events * args.healthy)
            stop.set()
            try:
                # The hanging receiver's attempt in flight would hold shutdown for timeout_s.
                await asyncio.wait_for(task, 1.0)
            except TimeoutError:
                pass
            ctx.close()
    await runner.cleanup()
    latencies_ms = sorted((at - published[eid]) * 1000 for eid, at in receivers.arrivals)
    q = statistics.quantiles(latencies_ms, n=100)
    return {"healthy_alerts": len(latencies_ms), "p50_ms": round(q[49], 2), "p99_ms": round(q[98], 2),
            "max_ms": round(latencies_ms[-1], 2), "hanging_attempts": receivers.hang_attempts}


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=100)
    parser.add_argument("--healthy", type=int, default=4)
    parser.add_argument("--gap-ms", type=float, default=20.0)
    parser.add_argument("--timeout-s", type=float, default=15.0, help="[notify] timeout_s")
    args = parser.parse_args()
    configure_logging(fmt="json", level="info", stream=open(os.devnull, "w"))
    # A short phase first, not reported: the first one in a process pays for lazy imports
    # and first-use setup, which would count against whichever phase came first.
    await run_phase(argparse.Namespace(**{**vars(args), "events": 10}), hanging=False)
    none = await run_phase(args, hanging=False)
    one = await run_phase(args, hanging=True)
    print(json.dumps({"events": args.events, "healthy_subscriptions": args.healthy, "gap_ms": args.gap_ms,
                      "timeout_s": args.timeout_s, "no_hanging_receiver": none, "one_hanging_receiver": one}))


if __name__ == "__main__":
    asyncio.run(main())
