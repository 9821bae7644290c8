"""The web stage over the in-memory bus: it reads the events topic with its own group, serves
what it read on `[http] listen`, and shows source health from ingest's state."""

from __future__ import annotations

import asyncio
from pathlib import Path

import aiohttp
import pytest

from services.config import load_settings
from services.ingest.state import IngestState, SourceState
from services.runtime.errors import ConfigError
from services.runtime.lifecycle import StageContext
from services.runtime.memory_bus import MemoryBus
from services.web.worker import build_stage
from tests.loopback import free_port
from tests.web_samples import T0, korean_event


async def get_json(http: aiohttp.ClientSession, url: str, *, until, timeout_s: float = 5.0):  # type: ignore[no-untyped-def]
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout_s
    while True:
        try:
            async with http.get(url) as response:
                body = await response.json()
                if until(body):
                    return body
        except aiohttp.ClientConnectionError:
            pass
        if loop.time() > deadline:
            raise TimeoutError(url)
        await asyncio.sleep(0.05)


def settings_for(tmp_path: Path, port: int, **extra: str):  # type: ignore[no-untyped-def]
    config = tmp_path / "launchwatch.toml"
    config.write_text('[[feeds]]\nurl = "https://feeds.example.org/a.xml"\nname = "Agency A"\n'
                      '[[feeds]]\nurl = "https://feeds.example.org/b.xml"\nname = "Broken B"\n')
    return load_settings(config, {"LAUNCHWATCH_STATE__PATH": str(tmp_path / "state.db"),
                                  "LAUNCHWATCH_HTTP__LISTEN": f"127.0.0.1:{port}", **extra})


async def test_stage_serves_what_it_read_once_per_revision_and_source_health(tmp_path: Path) -> None:
    port = free_port()
    settings = settings_for(tmp_path, port)
    bus = MemoryBus("t-webstage.", default_partitions=1)
    await bus.start()
    stop = asyncio.Event()
    async with aiohttp.ClientSession() as http:
        ctx = StageContext(settings, bus, http, clock=lambda: T0)
        state = IngestState(ctx.db())
        state.save_source(SourceState(source_key="https://feeds.example.org/b.xml", url="https://feeds.example.org/b.xml",
                                      error_count=3, last_error="timeout", last_polled_at=T0.timestamp()))
        state.save_source(SourceState(source_key="https://feeds.example.org/a.xml", url="https://feeds.example.org/a.xml",
                                      last_success_at=T0.timestamp()))
        stage = await build_stage(ctx)
        running = asyncio.create_task(stage.run(stop))
        try:
            producer = bus.producer()
            for revision in (1, 2, 2):  # revision 2 redelivered
                event = korean_event(revision)
                await producer.send(ctx.topic("events"), event.to_bytes(), key=event.event_id.encode())
            base = f"http://127.0.0.1:{port}"
            events = await get_json(http, f"{base}/api/events", until=lambda b: b and b[0]["revision"] == 2)
            assert len(events) == 1
            sources = await get_json(http, f"{base}/api/sources", until=bool)
            assert [s["name"] for s in sources] == ["Agency A", "Broken B"]
            async with http.get(f"{base}/sources") as response:
                html = await response.text()
            assert html.index("Broken B") < html.index("Agency A")  # the failing one first
            assert "timeout" in html
            async with http.get(f"{base}/events/evt_0123456789abcdef0123") as response:
                page = await response.text()
            assert page.count("<strong>Revision ") == 2  # the redelivered revision 2 added nothing
        finally:
            stop.set()
            await asyncio.wait_for(running, 10)
            ctx.close()
            await bus.close()


async def test_with_no_feeds_configured_the_sources_page_lists_the_catalogue_ingest_watches(tmp_path: Path) -> None:
    from services.ingest.catalogue import load_catalogue

    port = free_port()
    config = tmp_path / "launchwatch.toml"
    config.write_text("")  # no [[feeds]], no [[pages]]: ingest watches the shipped catalogue
    settings = load_settings(config, {"LAUNCHWATCH_STATE__PATH": str(tmp_path / "state.db"),
                                      "LAUNCHWATCH_HTTP__LISTEN": f"127.0.0.1:{port}"})
    catalogue = load_catalogue()
    bus = MemoryBus("t-webstage4.", default_partitions=1)
    await bus.start()
    stop = asyncio.Event()
    async with aiohttp.ClientSession() as http:
        ctx = StageContext(settings, bus, http, clock=lambda: T0)
        failing = catalogue[0]
        IngestState(ctx.db()).save_source(SourceState(source_key=failing.url, url=failing.url, error_count=2,
                                                      last_error="dns", last_polled_at=T0.timestamp()))
        running = asyncio.create_task((await build_stage(ctx)).run(stop))
        try:
            sources = await get_json(http, f"http://127.0.0.1:{port}/api/sources", until=bool)
            assert sorted(s["url"] for s in sources) == sorted(e.url for e in catalogue)
            health = next(s for s in sources if s["url"] == failing.url)
            assert (health["error_count"], health["last_error"]) == (2, "dns")
            # Who publishes it, as the catalogue says.
            assert (health["publisher"], health["country"], health["lang"]) == (
                failing.kind, failing.country, failing.lang)
            page = await (await http.get(f"http://127.0.0.1:{port}/sources")).text()
            assert f"feed · {failing.kind} · {failing.country} · {failing.lang}" in page
        finally:
            stop.set()
            await asyncio.wait_for(running, 10)
            ctx.close()
            await bus.close()


async def test_a_listen_address_in_use_stops_the_stage_with_a_one_line_error(tmp_path: Path) -> None:
    port = free_port()
    blocker = await asyncio.start_server(lambda r, w: None, "127.0.0.1", port)
    bus = MemoryBus("t-webstage2.", default_partitions=1)
    await bus.start()
    try:
        async with aiohttp.ClientSession() as http:
            ctx = StageContext(settings_for(tmp_path, port), bus, http)
            stage = await build_stage(ctx)
            with pytest.raises(ConfigError, match=f"http.listen: cannot listen on 127.0.0.1:{port}"):
                await asyncio.wait_for(stage.run(asyncio.Event()), 10)
            ctx.close()
    finally:
        blocker.close()
        await bus.close()


async def test_web_disabled_runs_no_web_stage_and_serves_no_page(tmp_path: Path) -> None:
    """`[web] enabled = false`: no web stage runs, nor is one named in the started line; the
    process's health endpoints answer, the pages do not exist."""
    import structlog
    from structlog.testing import capture_logs

    from services.stages import run

    port = free_port()
    settings = settings_for(tmp_path, port, LAUNCHWATCH_WEB__ENABLED="false")
    stop = asyncio.Event()
    with capture_logs(processors=[structlog.contextvars.merge_contextvars]) as logs:
        running = asyncio.create_task(run(settings, ["events", "web"], stop=stop, service="classify"))
        async with aiohttp.ClientSession() as http:
            for _ in range(200):
                if any(line["event"] == "started" for line in logs) or running.done():
                    break
                await asyncio.sleep(0.05)
            page = await http.get(f"http://127.0.0.1:{port}/")
            health = await http.get(f"http://127.0.0.1:{port}/healthz")
        stop.set()
        await asyncio.wait_for(running, 10)
    (started,) = [line for line in logs if line["event"] == "started"]
    assert started["stages"] == ["events"]
    assert (page.status, health.status) == (404, 200)
