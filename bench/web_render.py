"""Web app speed: the events page with many events stored, and the event page with its map.

    python bench/web_render.py [--events 10000] [--requests 200]

Stores `--events` launch events (two revisions each) in a temporary SQLite state file
through the web store, serves the real app on 127.0.0.1 in this process, and times
`--requests` GETs of each page with one aiohttp client (one request at a time, after 20
warm-up requests): the events page `/` (the newest 100), the event page (facts,
provenance, revisions and the inline SVG map) and the map alone (`/events/{id}/map.svg`,
`/events/{id}/map.png`). Also times `event_svg` and `event_png` (the map drawn, without
HTTP) over `--requests` events spread across every launch area. Reports p50/p99 in
milliseconds.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sqlite3
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import aiohttp
from aiohttp import web

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from services.web.app import build_web_app  # noqa: E402
from services.web.geo import LAUNCH_AREAS  # noqa: E402
from services.web.mapdraw import event_png, event_svg  # noqa: E402
from services.web.store import EventStore, LiveFeed  # noqa: E402
from tests.web_samples import T0, korean_event  # noqa: E402

ACTORS = list(LAUNCH_AREAS)


def fill(store: EventStore, n: int) -> str:
    for i in range(n):
        for revision in (1, 2):
            event = korean_event(revision).model_copy(update={
                "event_id": f"evt_{i:020d}", "actor": ACTORS[i % len(ACTORS)],
                "first_reported_at": T0 + timedelta(minutes=i)})
            store.add(event, T0)
    return f"evt_{n - 1:020d}"


def summary(name: str, samples_s: list[float]) -> str:
    ms = sorted(s * 1000 for s in samples_s)
    p99 = ms[min(len(ms) - 1, int(len(ms) * 0.99))]
    return f"{name:<28} p50 {statistics.median(ms):7.2f} ms   p99 {p99:7.2f} ms   (n={len(ms)})"


async def timed_gets(http: aiohttp.ClientSession, url: str, requests: int) -> list[float]:
    samples = []
    for i in range(requests + 20):
        start = time.perf_counter()
        async with http.get(url) as response:
            await response.read()
            assert response.status == 200, (url, response.status)
        if i >= 20:
            samples.append(time.perf_counter() - start)
    return samples


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10000)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        conn = sqlite3.connect(str(Path(tmp) / "state.db"), isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")  # as the state file is opened by every stage
        store = EventStore(conn)
        started = time.perf_counter()
        newest = fill(store, args.events)
        print(f"stored {store.count()} events ({2 * args.events} revisions) in {time.perf_counter() - started:.1f} s")
        app = build_web_app(store, LiveFeed(), clock=lambda: T0 + timedelta(days=7))
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        base = f"http://127.0.0.1:{runner.addresses[0][1]}"
        try:
            async with aiohttp.ClientSession() as http:
                print(summary("GET / (events page)", await timed_gets(http, f"{base}/", args.requests)))
                print(summary("GET /events/{id}", await timed_gets(http, f"{base}/events/{newest}", args.requests)))
                print(summary("GET /events/{id}/map.svg",
                              await timed_gets(http, f"{base}/events/{newest}/map.svg", args.requests)))
                print(summary("GET /events/{id}/map.png",
                              await timed_gets(http, f"{base}/events/{newest}/map.png", args.requests)))
        finally:
            await runner.cleanup()
        events = [korean_event(2).model_copy(update={"actor": actor}) for actor in ACTORS]
        for name, draw in (("event_svg (map, no HTTP)", event_svg), ("event_png (map, no HTTP)", event_png)):
            draw(events[0])  # the basemap is read once per process
            samples = []
            for i in range(args.requests):
                start = time.perf_counter()
                draw(events[i % len(events)])
                samples.append(time.perf_counter() - start)
            print(summary(name, samples))


if __name__ == "__main__":
    asyncio.run(main())
