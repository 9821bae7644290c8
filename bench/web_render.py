"""Web app speed: the events page with many events stored, and the event page with its map.

    python bench/web_render.py [--events 10000] [--requests 200]

Stores `--events` launch events (two revisions each) in a temporary SQLite state file
through the web store, serves the real app on 127.0.0.1 in this process, and times
`--requests` GETs of each page with one aiohttp client (one request at a time, after 20
warm-up requests): the events page `/` (the newest 100), the event page (facts,
provenance, revisions and the inline SVG map) and the map alone (`/events/{id}/map.svg`,
`/events/{id}/map.png`). Also times `event_svg` and `event_png` (the map drawn, without
HTTP) over `--requests` events spread across every launch area. Reports p50/p95/p99 in
milliseconds.

`section(ctx)` is the same measurement for `python -m bench` (10,000 events; 60 requests
each with `ctx.quick`, about 20 s), with a table and a plot of the latency distributions.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.report import Context, Section, Table  # noqa: E402
from services.web.app import build_web_app  # noqa: E402
from services.web.geo import LAUNCH_AREAS  # noqa: E402
from services.web.mapdraw import event_png, event_svg  # noqa: E402
from services.web.store import EventStore, LiveFeed  # noqa: E402
from tests.web_samples import T0, korean_event  # noqa: E402

ACTORS = list(LAUNCH_AREAS)
WARM_UP = 20
# What is measured, its target in ms (None: no target), in the order reported.
TARGETS_MS: dict[str, float | None] = {
    "GET / (events page)": 100.0,
    "GET /events/{id}": None,
    "GET /events/{id}/map.svg": None,
    "GET /events/{id}/map.png": 300.0,
    "event_svg (map, no HTTP)": 300.0,
    "event_png (map, no HTTP)": 300.0,
}


def fill(store: EventStore, n: int) -> str:
    """Store `n` events, two revisions each; returns the newest event's id."""
    for i in range(n):
        for revision in (1, 2):
            event = korean_event(revision).model_copy(update={
                "event_id": f"evt_{i:020d}", "actor": ACTORS[i % len(ACTORS)],
                "first_reported_at": T0 + timedelta(minutes=i)})
            store.add(event, T0)
    return f"evt_{n - 1:020d}"


def percentile(samples_ms: list[float], q: float) -> float:
    """The `q` quantile (0..1) by the nearest-rank method."""
    ordered = sorted(samples_ms)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))]


def summary(name: str, samples_ms: list[float]) -> str:
    return (f"{name:<28} p50 {percentile(samples_ms, 0.5):7.2f} ms   p95 {percentile(samples_ms, 0.95):7.2f} ms   "
            f"p99 {percentile(samples_ms, 0.99):7.2f} ms   (n={len(samples_ms)})")


async def timed_gets(http: aiohttp.ClientSession, url: str, requests: int) -> list[float]:
    """Milliseconds of `requests` GETs of `url`, one at a time, after the warm-up ones."""
    samples = []
    for i in range(requests + WARM_UP):
        start = time.perf_counter()
        async with http.get(url) as response:
            await response.read()
            assert response.status == 200, (url, response.status)
        if i >= WARM_UP:
            samples.append((time.perf_counter() - start) * 1000)
    return samples


def timed_draws(draw: Callable[[Any], Any], requests: int) -> list[float]:
    events = [korean_event(2).model_copy(update={"actor": actor}) for actor in ACTORS]
    draw(events[0])  # the basemap is read once per process
    samples = []
    for i in range(requests):
        start = time.perf_counter()
        draw(events[i % len(events)])
        samples.append((time.perf_counter() - start) * 1000)
    return samples


async def measure(events: int, requests: int, say: Callable[[str], None] = lambda line: None,
                  state_dir: str | None = None) -> dict[str, Any]:
    """Every measurement: {"fill_s": float, "samples_ms": {name: [ms, ...]}}. The state file
    goes in a temporary folder inside `state_dir` (default: the system's temporary folder)."""
    samples: dict[str, list[float]] = {}

    def keep(name: str, values: list[float]) -> None:
        samples[name] = values
        say(summary(name, values))

    with tempfile.TemporaryDirectory(dir=state_dir) as tmp:
        conn = sqlite3.connect(str(Path(tmp) / "state.db"), isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")  # as the state file is opened by every stage
        store = EventStore(conn)
        started = time.perf_counter()
        newest = fill(store, events)
        fill_s = time.perf_counter() - started
        say(f"stored {store.count()} events ({2 * events} revisions) in {fill_s:.1f} s")
        app = build_web_app(store, LiveFeed(), clock=lambda: T0 + timedelta(days=7))
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        base = f"http://127.0.0.1:{runner.addresses[0][1]}"
        try:
            async with aiohttp.ClientSession() as http:
                for name, path in (("GET / (events page)", "/"), ("GET /events/{id}", f"/events/{newest}"),
                                   ("GET /events/{id}/map.svg", f"/events/{newest}/map.svg"),
                                   ("GET /events/{id}/map.png", f"/events/{newest}/map.png")):
                    keep(name, await timed_gets(http, base + path, requests))
        finally:
            await runner.cleanup()
            conn.close()
    keep("event_svg (map, no HTTP)", timed_draws(event_svg, requests))
    keep("event_png (map, no HTTP)", timed_draws(event_png, requests))
    return {"fill_s": fill_s, "samples_ms": samples}


def plot(samples: dict[str, list[float]], path: Path) -> Path:
    """Latency distributions, one box per measurement, with the targets marked."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = list(samples)
    fig, ax = plt.subplots(figsize=(9, 4.5))
    ax.boxplot([samples[n] for n in names], orientation="horizontal", whis=(1, 99), showfliers=True,
               flierprops={"markersize": 3})
    ax.set_yticks(range(1, len(names) + 1), names)
    ax.invert_yaxis()
    ax.set_xscale("log")
    ax.set_xlabel("milliseconds (log scale); whiskers at p1 and p99")
    for i, name in enumerate(names, start=1):
        target = TARGETS_MS.get(name)
        if target:
            ax.plot([target, target], [i - 0.4, i + 0.4], color="#c0392b", linewidth=2)
    ax.plot([], [], color="#c0392b", linewidth=2, label="target")
    ax.legend(loc="upper right")
    ax.set_title("launchwatch web: time per request")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


EVENTS = 10000


def section(ctx: Context) -> Section:
    """The web app's speed for the benchmark report (`ctx.quick`: 60 requests each, ~20 s)."""
    events, requests = EVENTS, (60 if ctx.quick else 200)
    # Quick: the state file in memory, so storing 20,000 revisions (one commit each) takes
    # seconds, not most of the budget; the pages read it from the page cache either way.
    in_memory = ctx.quick and os.path.isdir("/dev/shm")
    result = asyncio.run(measure(events, requests, state_dir="/dev/shm" if in_memory else None))
    samples = result["samples_ms"]
    rows = []
    for name, values in samples.items():
        target = TARGETS_MS.get(name)
        p99 = percentile(values, 0.99)
        rows.append([name, len(values), percentile(values, 0.5), percentile(values, 0.95), p99,
                     f"< {target:.0f}" if target else "", ("yes" if p99 < target else "no") if target else ""])
    ctx.out.mkdir(parents=True, exist_ok=True)
    figure = plot(samples, ctx.out / "web_render.png")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    return Section(
        key="web_render",
        title="Web pages and maps",
        command=f".venv/bin/python bench/web_render.py --events {events} --requests {requests}",
        intro=(f"{events:,} events ({2 * events:,} revisions) stored in a temporary state file; the app served on "
               "127.0.0.1 and each page requested one at a time after 20 warm-up requests; the maps also drawn "
               "without HTTP, across every launch area."),
        tables=[Table(title="Time per request (ms)", headers=["what", "n", "p50", "p95", "p99", "target", "p99 met"],
                      rows=rows, note=f"Load average when done: {load:.1f}." if load is not None else "")],
        figures=[figure],
        notes=[f"Filling the store took {result['fill_s']:.1f} s (one transaction per revision"
               + (", state file in /dev/shm)." if in_memory else ").")],
        raw={"events": events, "requests": requests, "fill_s": result["fill_s"], "samples_ms": samples,
             "load_average": load},
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10000)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    asyncio.run(measure(args.events, args.requests, say=print))


if __name__ == "__main__":
    main()
