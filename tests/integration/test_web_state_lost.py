"""`serve web` on a shared PostgreSQL state whose session is ended (a failover, an
administrator's command): the page that meets it is answered 503, the stage stops with one
`state_failed` line and exit status 1, as the consuming stages do, so that its supervisor
restarts it on a new session; it does not answer 500 for ever while /readyz says ready."""

from __future__ import annotations

import asyncio
from urllib.parse import urlsplit

import aiohttp
import pytest

from tests.integration.harness import LaunchwatchProcess, shared_state_config, wait_for

pytestmark = pytest.mark.kafka


def end_sessions(postgres, pg_url: str) -> int:
    """End every session on the test's database, as a failover or an administrator does."""
    import psycopg

    database = urlsplit(pg_url).path.lstrip("/")
    with psycopg.connect(postgres.url(), autocommit=True) as admin:
        return admin.execute("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = %s",
                             (database,)).fetchone()[0]


async def started_web(tmp_path, kafka_broker, topic_prefix: str, pg_url: str,
                      **config) -> tuple[LaunchwatchProcess, str]:
    """`serve web` on the shared state, started; and the base URL of its pages."""
    path = shared_state_config(tmp_path, kafka_broker.bootstrap_servers, topic_prefix, pg_url, **config)
    web = await LaunchwatchProcess(["serve", "web", "--config", str(path)], tmp_path / "web.log").start()
    try:
        await wait_for(lambda: bool(web.events("started")), 60, "serve web started", [web])
    except BaseException:
        await web.stop()
        raise
    return web, f"http://{web.events('http_listening')[-1]['address']}"


async def test_a_web_stage_whose_database_session_ends_stops_to_be_restarted(tmp_path, kafka_broker, topic_prefix,
                                                                            pg_url, postgres):
    web, base = await started_web(tmp_path, kafka_broker, topic_prefix, pg_url)
    try:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=5)) as http:
            async with http.get(f"{base}/api/events") as response:
                assert response.status == 200
            assert end_sessions(postgres, pg_url) >= 1
            async with http.get(f"{base}/api/events") as response:
                assert response.status == 503
                assert "state database" in await response.text()
        code = await asyncio.wait_for(web.process.wait(), 20)
    finally:
        await web.stop()
    stopped_on_the_lost_session(web, code)
    stopped = web.events("stopped")[-1]
    assert stopped["level"] == "error" and stopped["failed"] == ["web"]


async def test_a_web_stage_on_a_shared_database_serves_its_deliveries_and_sources_pages(tmp_path, kafka_broker,
                                                                                         topic_prefix, pg_url):
    """The pages that read notify's ledger and ingest's state ask those readers which
    database they are on: PostgreSQL, not the SQLite file's PRAGMA (which stopped the stage
    at each visit)."""
    web, base = await started_web(tmp_path, kafka_broker, topic_prefix, pg_url)
    try:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=5)) as http:
            # (a NUL, which PostgreSQL's text cannot hold, asked for: no event, not a lost database)
            for path in ("/deliveries", "/sources", "/api/sources", "/events/evt_00000000000000000000",
                         "/events/%00", "/api/events/a%00b"):
                async with http.get(f"{base}{path}") as response:
                    assert response.status == (404 if "/events/" in path else 200), path
            async with http.get(f"{base}/api/events") as response:
                assert response.status == 200
        assert web.process.returncode is None and not web.events("state_failed")
    finally:
        await web.stop()


async def test_an_idle_web_stage_notices_its_database_session_ended_and_stops(tmp_path, kafka_broker, topic_prefix,
                                                                             pg_url, postgres):
    """No page asked: its probe of the database (every `[bus] health_check_s`) finds the
    session ended, and the stage stops as when a page meets it, instead of staying ready."""
    web, _ = await started_web(tmp_path, kafka_broker, topic_prefix, pg_url, health_check_s=0.5)
    try:
        end_sessions(postgres, pg_url)
        code = await asyncio.wait_for(web.process.wait(), 20)
    finally:
        await web.stop()
    stopped_on_the_lost_session(web, code)


def stopped_on_the_lost_session(web: LaunchwatchProcess, code: int) -> None:
    """The stage exited 1 with one `state_failed` line naming the server's ending of its session."""
    assert code == 1
    failed = web.events("state_failed")
    assert len(failed) == 1 and "AdminShutdown" in failed[0]["message"], failed
