"""A hostile feed on one loopback site never holds up another site's items, and is refused
with a named error that marks its source unhealthy at once; `feeds check` still prints its
table when a page is hostile."""

from __future__ import annotations

import aiohttp
import pytest
from structlog.testing import capture_logs

from services.config import Settings
from services.ingest.check import feeds_check, format_table
from services.runtime.memory_bus import MemoryBus
from tests.integration.test_ingest_stage import Clock, Doc, FeedSite, make_stage, published, rss

MB = 1024 * 1024
HEALTHY_DELAY_S = 0.3  # the healthy site answers after this: the hostile document is in a parser by then


def slow_to_parse() -> bytes:
    """Ill-formed (a bare &), under every size bound, and about 5 s of feedparser's time."""
    return (b"<?xml version='1.0'?><rss version='2.0'><channel><title>A & B</title><item><title>t</title>"
            b"<link>http://x/1</link><description>" + b"<a/>" * 50_000 + b"</description></item></channel></rss>")


def nested_ten_megabytes() -> bytes:
    head = b"<?xml version='1.0'?><rss version='2.0'><channel><title>x</title><item><title>t</title><description>"
    return head + b"<a>" * ((10 * MB - len(head)) // 3)


@pytest.fixture
async def sites():
    hostile, healthy = await FeedSite().start(), await FeedSite().start()
    yield hostile, healthy
    await hostile.close()
    await healthy.close()


@pytest.mark.parametrize(("body", "code"), [(slow_to_parse, "parse_timeout"), (nested_ten_megabytes, "too_complex")],
                         ids=["slow", "nested-10MB"])
async def test_a_hostile_feed_neither_delays_nor_loses_another_feeds_items(sites, tmp_path, body, code):
    hostile, healthy = sites
    hostile.docs["/feed.xml"] = Doc(rss([("h0", "Harmless first")]))
    healthy.docs["/wire.xml"] = Doc(rss([("w0", "Markets open")]))
    settings = Settings.model_validate({
        "state": {"path": str(tmp_path / "state.db")},
        "ingest": {"allow_private_networks": True, "per_host_spacing_s": 0, "parse_timeout_s": 1.0},
        "feeds": [{"url": f"http://localhost:{hostile.port}/feed.xml", "name": "hostile"},
                  {"url": healthy.url("/wire.xml"), "name": "healthy"}],
    })
    bus = MemoryBus()
    async with aiohttp.ClientSession() as http:
        stage, ctx = await make_stage(settings, bus, http, Clock())
        try:
            await stage.poll_all()  # both parse workers are up and have parsed once
            hostile.docs["/feed.xml"] = Doc(body())
            new = [(f"w{i}", f"Wire story {i}") for i in range(30, 0, -1)]
            healthy.docs["/wire.xml"] = Doc(rss(new + [("w0", "Markets open")]))
            healthy.delay_s["/wire.xml"] = HEALTHY_DELAY_S
            with capture_logs() as logs:
                bad, good = await stage.poll_all()
        finally:
            stage.close()
            ctx.close()
    assert good.error is None and good.new_items == 30  # none lost
    assert good.duration_s - HEALTHY_DELAY_S < 1.0  # fetched, parsed and published while the hostile one was refused
    assert {i.title for i in published(bus)} >= {t for _, t in new}
    assert bad.error == code
    unhealthy = [e for e in logs if e["event"] == "feed_unhealthy"]
    assert [(e["feed"], e["error"]) for e in unhealthy] == [("hostile", code)]  # at the first refusal


async def test_feeds_check_prints_its_table_when_a_page_is_hostile(sites, tmp_path):
    hostile, healthy = sites
    page = b"<html><body><ul class='news'><li><a href='/x'>x</a></li></ul>"
    hostile.docs["/press.html"] = Doc(page + b"<div>" * ((10 * MB - len(page)) // 5), content_type="text/html")
    healthy.docs["/wire.xml"] = Doc(rss([("w1", "Markets open")]))
    settings = Settings.model_validate({
        "ingest": {"allow_private_networks": True},
        "pages": [{"url": hostile.url("/press.html"), "name": "Press", "selector": "ul.news a"}],
        "feeds": [{"url": healthy.url("/wire.xml"), "name": "Wire"}],
    })
    async with aiohttp.ClientSession() as http:
        rows = await feeds_check(settings, http)
    by_name = {row["name"]: row for row in rows}
    assert by_name["Wire"]["ok"] and by_name["Wire"]["items"] == 1
    assert not by_name["Press"]["ok"]
    assert by_name["Press"]["error"].startswith("too_complex: ")
    table = format_table(rows)
    assert "1 of 2 sources answered with a feed" in table
