"""Fetch failures and politeness against real servers on loopback: every failure has a
name, the source backs off and recovers, redirects and sizes are handled."""

from __future__ import annotations

import asyncio
import ssl

import aiohttp
import pytest
import trustme
from aiohttp import web
from structlog.testing import capture_logs

from services.ingest.errors import BodyTooLarge, DnsError, FetchTimeout, TlsError
from services.ingest.fetcher import fetch
from services.runtime.retry import retry_after_s
from services.ingest.state import IngestState
from services.runtime.db import connect
from services.runtime.memory_bus import MemoryBus
from tests.integration.feedsite import Doc, rss
from tests.integration.test_ingest_stage import Clock, make_stage, published, settings_for


@pytest.fixture
async def http():
    async with aiohttp.ClientSession() as session:
        yield session


async def one_poll(stage):
    (outcome,) = await stage.poll_all()
    return outcome


async def test_retry_after_on_429_is_honoured(site, http, tmp_path):
    site.script["/wire.xml"] = [lambda: web.Response(status=429, headers={"Retry-After": "900"})]
    site.docs["/wire.xml"] = Doc(rss([("a", "x")]))
    stage, ctx = await make_stage(settings_for(site, tmp_path, jitter_ratio=0), MemoryBus(), http, Clock())
    outcome = await one_poll(stage)
    assert outcome.error == "rate_limited"
    assert outcome.next_check_in_s == 900  # longer than the 60 s backoff: the server's wish wins
    assert IngestState(connect(tmp_path / "state.db")).source(site.url("/wire.xml")).error_count == 1
    ctx.close()


async def test_backoff_grows_marks_unhealthy_then_recovers(site, http, tmp_path):
    site.script["/wire.xml"] = [500, 502, 503, 500]
    site.docs["/wire.xml"] = Doc(rss([("a", "North Korea fires missile")]))
    bus = MemoryBus()
    clock = Clock()
    stage, ctx = await make_stage(settings_for(site, tmp_path, jitter_ratio=0, max_interval_s=300), bus, http, clock)
    delays = []
    with capture_logs() as logs:
        for _ in range(5):
            outcome = await one_poll(stage)
            delays.append(outcome.next_check_in_s)
            clock.advance(outcome.next_check_in_s)
    assert delays == [60, 120, 240, 300, 60]  # doubles, capped at max_interval_s, back to the interval
    events = [l["event"] for l in logs]
    assert events.count("feed_failed") == 4
    assert events.count("feed_unhealthy") == 1  # once, at the third failure
    assert "feed_recovered" in events
    assert [l["error"] for l in logs if l["event"] == "feed_failed"] == ["http_5xx"] * 4
    assert len(published(bus)) == 1
    ctx.close()


async def test_permanent_redirect_updates_the_stored_url(site, http, tmp_path):
    site.redirects["/wire.xml"] = (301, "/moved/wire.xml")
    site.docs["/moved/wire.xml"] = Doc(rss([("a", "x")]))
    bus = MemoryBus()
    stage, ctx = await make_stage(settings_for(site, tmp_path), bus, http, Clock())
    with capture_logs() as logs:
        assert (await one_poll(stage)).new_items == 1
    assert any(l["event"] == "feed_moved" for l in logs)
    assert IngestState(connect(tmp_path / "state.db")).source(site.url("/wire.xml")).url == site.url("/moved/wire.xml")
    site.requests.clear()
    assert (await one_poll(stage)).status == 304
    assert [p for p, _ in site.requests] == ["/moved/wire.xml"]  # straight to the new address
    assert published(bus)[0].feed_url == site.url("/wire.xml")  # identity stays with the configured URL
    ctx.close()


async def test_temporary_redirect_keeps_the_url(site, http, tmp_path):
    site.redirects["/wire.xml"] = (302, "/today.xml")
    site.docs["/today.xml"] = Doc(rss([("a", "x")]))
    stage, ctx = await make_stage(settings_for(site, tmp_path), MemoryBus(), http, Clock())
    await one_poll(stage)
    assert IngestState(connect(tmp_path / "state.db")).source(site.url("/wire.xml")).url == site.url("/wire.xml")
    ctx.close()


@pytest.mark.parametrize("case, error", [
    ("html", "not_a_feed"), ("bomb", "unsafe_document"), ("large", "too_large"), ("404", "http_4xx"),
    ("slow", "timeout"), ("endless", "too_large"),
])
async def test_each_failure_has_a_name(site, http, tmp_path, case, error):
    if case == "html":
        site.docs["/wire.xml"] = Doc(b"<!DOCTYPE html><html><body>Sorry</body></html>", "text/html")
    elif case == "bomb":
        entities = b'<!ENTITY a "aaaaaaaaaa">' + b"".join(
            b'<!ENTITY %s "%s">' % (bytes([98 + i]), (b"&%s;" % bytes([97 + i])) * 10) for i in range(9))
        site.docs["/wire.xml"] = Doc(b'<?xml version="1.0"?><!DOCTYPE rss [' + entities
                                     + b']><rss version="2.0"><channel><item><title>&j;</title></item></channel></rss>')
    elif case == "large":
        site.docs["/wire.xml"] = Doc(rss([(f"g{i}", "x" * 100) for i in range(200)]))
    elif case == "slow":
        site.docs["/wire.xml"] = Doc(rss([("a", "x")]))
        site.delay_s["/wire.xml"] = 3
    elif case == "endless":
        async def endless(request):
            response = web.StreamResponse(headers={"Content-Type": "application/rss+xml"})
            await response.prepare(request)
            while True:  # never ends; the client must stop reading at the limit
                await response.write(b"<item>" + b"x" * 8192 + b"</item>")
        site.handlers["/wire.xml"] = endless
    settings = settings_for(site, tmp_path, max_body_bytes=16 * 1024, timeout_s=0.5)
    stage, ctx = await make_stage(settings, MemoryBus(), http, Clock())
    loop = asyncio.get_running_loop()
    started = loop.time()
    outcome = await one_poll(stage)
    assert outcome.error == error, outcome.message
    assert loop.time() - started < 2.0  # refused fast, never a hang
    ctx.close()


async def test_dns_failure_is_named(http):
    with pytest.raises(DnsError, match="no-such-host.invalid"):
        await fetch(http, "http://no-such-host.invalid/feed.xml")


async def test_untrusted_certificate_is_a_tls_error(http):
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1")
    server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    cert.configure_cert(server_ctx)
    async def feed(request):
        return web.Response(body=rss([("a", "x")]))

    app = web.Application()
    app.router.add_get("/feed.xml", feed)
    runner = web.AppRunner(app)
    await runner.setup()
    tls_site = web.TCPSite(runner, "127.0.0.1", 0, ssl_context=server_ctx)
    await tls_site.start()
    port = tls_site._server.sockets[0].getsockname()[1]
    try:
        with pytest.raises(TlsError):
            await fetch(http, f"https://127.0.0.1:{port}/feed.xml", allow_private_networks=True)
    finally:
        await runner.cleanup()


async def test_timeout_bounds_the_whole_fetch(site, http):
    site.docs["/slow.xml"] = Doc(rss([("a", "x")]))
    site.delay_s["/slow.xml"] = 5
    with pytest.raises(FetchTimeout, match="0.2 s"):
        await fetch(http, site.url("/slow.xml"), timeout_s=0.2, allow_private_networks=True)


async def test_gzip_body_is_limited_after_decompression(http):
    import gzip

    payload = gzip.compress(b"<rss>" + b" " * 2_000_000 + b"</rss>")  # ~2 KB on the wire
    async def bomb(request):
        return web.Response(body=payload, headers={"Content-Encoding": "gzip", "Content-Type": "application/rss+xml"})

    app = web.Application()
    app.router.add_get("/z.xml", bomb)
    runner = web.AppRunner(app)
    await runner.setup()
    tcp = web.TCPSite(runner, "127.0.0.1", 0)
    await tcp.start()
    port = tcp._server.sockets[0].getsockname()[1]
    try:
        with pytest.raises(BodyTooLarge):
            await fetch(http, f"http://127.0.0.1:{port}/z.xml", max_body_bytes=100_000, allow_private_networks=True)
    finally:
        await runner.cleanup()


def test_retry_after_forms():
    from datetime import datetime, timezone

    now = datetime(2026, 11, 25, 0, 0, tzinfo=timezone.utc)
    assert retry_after_s("120", now) == 120
    assert retry_after_s("Wed, 25 Nov 2026 00:05:00 GMT", now) == 300
    assert retry_after_s("soon", now) is None


async def test_connection_goes_to_the_checked_address(site, http):
    """The name is resolved once, by the check, and the request goes to that address with
    the original Host: a DNS answer that changes afterwards cannot redirect the connection."""
    site.docs["/wire.xml"] = Doc(rss([("a", "x")]))
    checked = []

    async def resolve_once(host: str, port: int):
        checked.append(host)
        return ["127.0.0.1"]  # what the check saw; the name itself resolves nowhere

    result = await fetch(http, f"http://feeds.example.invalid:{site.port}/wire.xml", host_check=resolve_once)
    assert result.status == 200 and checked == ["feeds.example.invalid"]
    assert site.requests[-1][1]["Host"] == f"feeds.example.invalid:{site.port}"
    assert result.url == f"http://feeds.example.invalid:{site.port}/wire.xml"


async def test_https_to_the_checked_address_verifies_the_name():
    """HTTPS keeps working when pinned: SNI and the certificate check use the feed's name."""
    ca = trustme.CA()
    server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("feeds.example.invalid").configure_cert(server_ctx)
    client_ctx = ssl.create_default_context()
    ca.configure_trust(client_ctx)

    async def feed(request):
        return web.Response(body=rss([("a", request.host)]), content_type="application/rss+xml")

    app = web.Application()
    app.router.add_get("/feed.xml", feed)
    runner = web.AppRunner(app)
    await runner.setup()
    tls_site = web.TCPSite(runner, "127.0.0.1", 0, ssl_context=server_ctx)
    await tls_site.start()
    port = tls_site._server.sockets[0].getsockname()[1]

    async def resolve_once(host: str, port: int):
        return ["127.0.0.1"]

    try:
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(ssl=client_ctx)) as tls_http:
            result = await fetch(tls_http, f"https://feeds.example.invalid:{port}/feed.xml", host_check=resolve_once)
            assert result.status == 200 and b"feeds.example.invalid" in result.body
    finally:
        await runner.cleanup()
