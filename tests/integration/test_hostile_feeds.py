"""A hostile feed on one loopback site never holds up another site's items, and is refused
with a named error that marks its source unhealthy at once; `feeds check` still prints its
table when a page is hostile."""

from __future__ import annotations

import json
from datetime import datetime, timezone

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


def json_feed_with_lone_surrogates() -> bytes:
    """A JSON Feed whose second item's id, title and text hold lone surrogates ("\\ud800" is
    valid JSON, but no UTF-8 text)."""
    return json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "Wire", "items": [
        {"id": "j1", "url": "http://x/j1", "title": "China fires ballistic missile into the sea"},
        {"id": "j2\ud800", "url": "http://x/j2", "title": "Syria \ud800 fires rockets",
         "content_text": "Rockets \udc00 were fired."},
    ]}).encode()


def rss_with_an_impossible_zone() -> bytes:
    return (b"<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title>"
            b"<item><guid>r1</guid><title>Iran fires missiles</title><link>http://x/r1</link>"
            b"<pubDate>Sun, 06 Dec 2026 19:00:00 +9999</pubDate></item>"
            b"<item><guid>r2</guid><title>Markets open</title><link>http://x/r2</link>"
            b"<pubDate>Sun, 06 Dec 2026 10:00:00 +0900</pubDate></item></channel></rss>")


def utf7_page_with_script_links() -> bytes:
    """A press page in UTF-7 (whose decoder yields a lone surrogate for "+2AA-"), with links
    that lead to no web page beside one that does."""
    links = ("<li><a href='JavaScript:alert(document.cookie)'>Iran fires ballistic missiles at Israel</a></li>"
             "<li><a href='data:text/html;base64,PHNjcmlwdD4='>North Korea fires missile</a></li>"
             "<li><a href='MAILTO:press@example.org'>Write to us</a></li>"
             "<li><a href='/press/1'>Ministry statement +2AA- on the launch</a></li>")
    return (f"<html><head><meta charset='utf-7'></head><body><ul class='news'>{links}</ul></body></html>"
            ).encode("ascii")


async def test_one_hostile_item_costs_its_feed_none_of_its_other_items(sites, tmp_path):
    site, _ = sites
    site.docs["/feed.json"] = Doc(json_feed_with_lone_surrogates(), content_type="application/feed+json")
    site.docs["/wire.xml"] = Doc(rss_with_an_impossible_zone())
    site.docs["/press.html"] = Doc(utf7_page_with_script_links(), content_type="text/html")
    settings = Settings.model_validate({
        "state": {"path": str(tmp_path / "state.db")},
        "ingest": {"allow_private_networks": True, "per_host_spacing_s": 0},
        "feeds": [{"url": site.url("/feed.json"), "name": "json"}, {"url": site.url("/wire.xml"), "name": "rss"}],
        "pages": [{"url": site.url("/press.html"), "name": "press", "selector": "ul.news a"}],
    })
    bus = MemoryBus()
    async with aiohttp.ClientSession() as http:
        stage, ctx = await make_stage(settings, bus, http, Clock())
        try:
            results = await stage.poll_all()
        finally:
            stage.close()
            ctx.close()
    assert [r.error for r in results] == [None, None, None]
    items = {i.title: i for i in published(bus)}
    assert set(items) == {"China fires ballistic missile into the sea", "Syria \ufffd fires rockets",
                          "Iran fires missiles", "Markets open", "Ministry statement \ufffd on the launch"}
    assert items["Syria \ufffd fires rockets"].summary == "Rockets \ufffd were fired."
    # A date no zone on Earth has is no date: the item counts from when it was first seen.
    assert items["Iran fires missiles"].published_at is None
    assert items["Markets open"].published_at == datetime(2026, 12, 6, 1, 0, tzinfo=timezone.utc)
    # Links that lead to no web page (script, data, mail) make no items.
    assert all(i.url.startswith("http://") for i in items.values())


def slow_to_refuse() -> bytes:
    """No feed (its root is no feed element, and it is never closed): refused as `not_a_feed`,
    but only after over a second of feedparser's time here."""
    return b"<?xml version='1.0'?><foo>" + b"<a/>" * 30_000 + b"</foo"


@pytest.mark.parametrize(("body", "timeout_s", "refusal"), [(slow_to_parse, 0.5, "ParseTimeout"),
                                                            (slow_to_refuse, 30.0, "NotAFeed")],
                         ids=["past-the-time-limit", "refused-after-long-work"])
async def test_documents_slow_to_parse_leave_a_parse_worker_to_the_other_sources(monkeypatch, body, timeout_s,
                                                                                 refusal):
    """As many sources with documents slow to parse as there are parse workers held both at
    every poll: a healthy feed's launch flash waited for their time limit (or for their
    refusal), every round. Once a source's document has been slow, its documents take turns
    for all workers but one: the healthy feed is parsed at once."""
    import asyncio
    import time

    from services.ingest import worker
    from services.ingest.fetcher import FetchResult
    from services.ingest.sources import Source
    from services.ingest.worker import DocumentParser

    monkeypatch.setattr(worker, "SLOW_PARSE_S", 0.3)  # (a faster machine refuses sooner)

    def fetched(source: Source, body: bytes) -> FetchResult:
        return FetchResult(200, source.url, body, "application/rss+xml", None, None, None, None, 0.0)

    hostile = [Source(f"http://hostile-{n}.example/feed.xml", f"hostile-{n}") for n in range(3)]
    healthy = Source("http://wire.example/rss", "wire")
    flash = rss([("w1", "North Korea fires ballistic missile, JCS says")])
    parser = DocumentParser(workers=2, timeout_s=timeout_s, max_entries=100)
    await parser.start()
    try:
        await parser.parse(healthy, fetched(healthy, flash))  # both workers are warm
        for round_ in range(2):
            slow = [asyncio.create_task(parser.parse(s, fetched(s, body()))) for s in hostile]
            await asyncio.sleep(0.05)  # the hostile documents are in the workers, or waiting for one
            started = time.perf_counter()
            parsed = await parser.parse(healthy, fetched(healthy, flash))
            waited = time.perf_counter() - started
            outcomes = await asyncio.gather(*slow, return_exceptions=True)
            assert [type(o).__name__ for o in outcomes] == [refusal] * 3, outcomes
            assert parsed.entries[0].title.startswith("North Korea fires")
            if round_ == 1:  # the first round taught which sources are slow
                assert waited < 0.25, waited
    finally:
        parser.close()
