"""The run loop against a real site: a slow host never delays the others; concurrency is bounded."""

from __future__ import annotations

import asyncio
import time
from datetime import datetime, timezone

import aiohttp
from aiohttp import web

from services.runtime.memory_bus import MemoryBus
from services.config import Settings
from tests.integration.feedsite import Doc, rss
from tests.integration.test_ingest_stage import make_stage


def wall_clock() -> datetime:
    return datetime.now(timezone.utc)


async def run_until(stage, condition, timeout_s: float = 5.0) -> None:
    """Run the stage's loop until `condition()` holds (failing after `timeout_s`), then stop it."""
    await stage.start_parsers()  # worker processes: their start is not what these tests time
    stop = asyncio.Event()
    task = asyncio.create_task(stage.run(stop))
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout_s
    try:
        while not condition():
            assert loop.time() < deadline, "the loop did not get there in time"
            assert not task.done(), task.exception() if not task.cancelled() else "cancelled"
            await asyncio.sleep(0.01)
    finally:
        stop.set()
        await asyncio.wait_for(task, 5)


async def test_a_slow_host_does_not_delay_another(site, tmp_path):
    site.docs["/slow.xml"] = Doc(rss([("s", "slow")]))
    site.delay_s["/slow.xml"] = 1.5
    site.docs["/fast.xml"] = Doc(rss([("f", "fast")]))
    settings = Settings.model_validate({
        "state": {"path": str(tmp_path / "s.db")},
        "ingest": {"allow_private_networks": True, "min_interval_s": 0.2, "per_host_spacing_s": 0,
                   "jitter_ratio": 0, "timeout_s": 5},
        "feeds": [
            # two host names for one loopback site: the gate counts per host name
            {"url": f"http://localhost:{site.port}/slow.xml", "name": "slow", "interval_s": 0.2},
            {"url": site.url("/fast.xml"), "name": "fast", "interval_s": 0.2},
        ],
    })
    async with aiohttp.ClientSession() as http:
        stage, ctx = await make_stage(settings, MemoryBus(), http, wall_clock)
        # Polled every 0.2 s while the slow host takes 1.5 s to answer once.
        await run_until(stage, lambda: site.hits("/fast.xml") >= 4)
        ctx.close()
    assert site.hits("/slow.xml") == 1  # was still in flight all along


async def test_global_concurrency_is_bounded(site, tmp_path):
    in_flight = 0
    peak = 0

    async def slowish(request):
        nonlocal in_flight, peak
        in_flight += 1
        peak = max(peak, in_flight)
        await asyncio.sleep(0.1)
        in_flight -= 1
        return web.Response(body=rss([("a", request.path)]), content_type="application/rss+xml")

    feeds = []
    for i in range(12):
        site.handlers[f"/f{i}.xml"] = slowish
        feeds.append({"url": site.url(f"/f{i}.xml"), "name": f"f{i}", "interval_s": 60})
    settings = Settings.model_validate({
        "state": {"path": str(tmp_path / "s.db")},
        "ingest": {"allow_private_networks": True, "concurrency": 3, "per_host_concurrency": 10,
                   "per_host_spacing_s": 0},
        "feeds": feeds,
    })
    async with aiohttp.ClientSession() as http:
        stage, ctx = await make_stage(settings, MemoryBus(), http, wall_clock)
        started = time.perf_counter()
        await run_until(stage, lambda: len(site.statuses) == 12)
        ctx.close()
    assert peak == 3
    assert all(site.hits(f"/f{i}.xml") == 1 for i in range(12)) and time.perf_counter() - started < 3


async def test_per_host_limit_and_spacing(site, tmp_path):
    starts: list[float] = []

    async def record(request):
        starts.append(time.perf_counter())
        return web.Response(body=rss([("a", request.path)]), content_type="application/rss+xml")

    feeds = []
    for i in range(4):
        site.handlers[f"/h{i}.xml"] = record
        feeds.append({"url": site.url(f"/h{i}.xml"), "name": f"h{i}", "interval_s": 60})
    settings = Settings.model_validate({
        "state": {"path": str(tmp_path / "s.db")},
        "ingest": {"allow_private_networks": True, "per_host_concurrency": 1, "per_host_spacing_s": 0.2},
        "feeds": feeds,
    })
    async with aiohttp.ClientSession() as http:
        stage, ctx = await make_stage(settings, MemoryBus(), http, wall_clock)
        await run_until(stage, lambda: len(site.statuses) == 4)
        ctx.close()
    assert len(starts) == 4
    gaps = [b - a for a, b in zip(starts, starts[1:])]
    # Seen by the server, so a request's own way over loopback (which a loaded machine can
    # stretch for one request and not the next) shifts a gap; the spacing is 0.2 s at the client.
    assert min(gaps) >= 0.15
    assert sum(gaps) >= 0.2 * len(gaps) - 0.05


async def test_restart_keeps_backoff_of_failing_sources_only(site, tmp_path):
    from dataclasses import replace

    from services.ingest.state import IngestState
    from services.runtime.db import connect

    for path in ("/healthy.xml", "/failing.xml"):
        site.docs[path] = Doc(rss([("a", path)]))
    settings = Settings.model_validate({
        "state": {"path": str(tmp_path / "s.db")},
        "ingest": {"allow_private_networks": True, "min_interval_s": 0.2, "per_host_spacing_s": 0},
        "feeds": [{"url": site.url(p), "name": p, "interval_s": 0.2} for p in ("/healthy.xml", "/failing.xml")],
    })
    state = IngestState(connect(tmp_path / "s.db"))
    later = wall_clock().timestamp() + 3600
    state.save_source(replace(state.source(site.url("/healthy.xml")), next_check_at=later))
    state.save_source(replace(state.source(site.url("/failing.xml")), next_check_at=later, error_count=4))
    async with aiohttp.ClientSession() as http:
        stage, ctx = await make_stage(settings, MemoryBus(), http, wall_clock)
        # A second poll of the healthy source: the loop has passed the failing one's interval.
        await run_until(stage, lambda: len([p for p, _ in site.statuses if p == "/healthy.xml"]) >= 2)
        ctx.close()
    assert site.hits("/healthy.xml") >= 2  # due within its interval, whatever was stored
    assert site.hits("/failing.xml") == 0  # still backing off (or honouring Retry-After)
