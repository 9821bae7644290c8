"""A machine with no network: after the first round of polls, one line says that no source
is reachable and what to check, instead of only one failure per source and then silence."""

from __future__ import annotations

from structlog.testing import capture_logs

from services.config import Settings
from services.runtime.memory_bus import MemoryBus
from tests.integration.feedsite import Doc, rss
from tests.integration.test_ingest_stage import Clock, make_stage
from tests.loopback import free_port


def settings_for(tmp_path, urls: list[str]) -> Settings:
    return Settings.model_validate({
        "state": {"path": str(tmp_path / "state.db")},
        "ingest": {"allow_private_networks": True, "per_host_spacing_s": 0, "timeout_s": 5},
        "feeds": [{"url": url, "name": f"Source {n}", "interval_s": 60} for n, url in enumerate(urls)],
    })


async def test_no_source_reachable_is_said_once_after_the_first_round(tmp_path, http):
    dead = [f"http://127.0.0.1:{free_port()}/feed.xml" for _ in range(3)]  # nothing listens there
    clock = Clock()
    stage, ctx = await make_stage(settings_for(tmp_path, dead), MemoryBus(), http, clock)
    with capture_logs() as logs:
        await stage.poll_all()
        first_round = [line for line in logs if line["event"] == "no_source_reachable"]
        clock.advance(600)
        await stage.poll_all()
    ctx.close()
    assert len([line for line in logs if line["event"] == "feed_failed"]) == 6
    (line,) = [line for line in logs if line["event"] == "no_source_reachable"]
    assert first_round == [line]
    assert line["sources"] == 3 and line["errors"] == {"connect": 3}
    assert "network" in line["hint"] and "launchwatch feeds check" in line["hint"]


async def test_one_source_answering_is_not_an_outage(tmp_path, http, site):
    site.docs["/wire.xml"] = Doc(rss([("a", "Markets open")]))
    urls = [site.url("/wire.xml"), f"http://127.0.0.1:{free_port()}/feed.xml"]
    stage, ctx = await make_stage(settings_for(tmp_path, urls), MemoryBus(), http, Clock())
    with capture_logs() as logs:
        await stage.poll_all()
    ctx.close()
    assert [line["event"] for line in logs if line["event"] in ("feed_failed", "no_source_reachable")] == [
        "feed_failed"]


async def test_a_restart_still_offline_says_so_at_once_though_every_source_waits_out_its_backoff(tmp_path, http):
    """Restarted on the same state, every source kept its backoff (minutes), so the first
    round, and its one line, came only when the longest backoff ended."""
    import asyncio

    dead = [f"http://127.0.0.1:{free_port()}/feed.xml" for _ in range(3)]
    clock = Clock()
    first, ctx = await make_stage(settings_for(tmp_path, dead), MemoryBus(), http, clock)
    await first.poll_all()
    ctx.close()
    clock.advance(5)  # restarted at once: every source is still in its backoff
    again, ctx = await make_stage(settings_for(tmp_path, dead), MemoryBus(), http, clock)
    stop = asyncio.Event()
    with capture_logs() as logs:
        running = asyncio.create_task(again.run(stop))
        for _ in range(100):
            if any(line["event"] == "ingest_started" for line in logs):
                break
            await asyncio.sleep(0.05)
        stop.set()
        await asyncio.wait_for(running, 10)
    ctx.close()
    assert not [line for line in logs if line["event"] == "feed_failed"]  # nothing polled again yet
    (line,) = [line for line in logs if line["event"] == "no_source_reachable"]
    assert line["sources"] == 3 and line["errors"] == {"connect": 3}
