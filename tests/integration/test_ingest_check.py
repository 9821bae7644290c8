"""`feeds_check` fetches each configured source once and tabulates the answers."""

from __future__ import annotations

import aiohttp

from services.ingest.check import feeds_check, format_table
from services.config import Settings
from tests.integration.feedsite import Doc, FeedSite, rss


async def test_feeds_check_rows_and_table(tmp_path):
    site = await FeedSite().start()
    try:
        site.docs["/ok.xml"] = Doc(rss([("a", "one"), ("b", "two")]))
        site.docs["/page.html"] = Doc(b"<html><body>nope</body></html>", "text/html")
        settings = Settings.model_validate({
            "state": {"path": str(tmp_path / "s.db")},
            "ingest": {"allow_private_networks": True},
            "feeds": [
                {"url": site.url("/ok.xml"), "name": "連合 Wire", "interval_s": 60},
                {"url": site.url("/gone.xml"), "name": "Gone", "interval_s": 60},
                {"url": site.url("/page.html"), "name": "Not a feed", "interval_s": 60},
            ],
        })
        async with aiohttp.ClientSession() as http:
            rows = await feeds_check(settings, http)
    finally:
        await site.close()
    ok, gone, page = rows
    assert ok["ok"] and ok["status"] == 200 and ok["format"] == "rss" and ok["items"] == 2
    assert not gone["ok"] and gone["status"] == "http_4xx" and "404" in gone["error"]
    assert not page["ok"] and page["error"].startswith("not_a_feed")
    assert not (tmp_path / "s.db").exists()  # a check writes no state
    table = format_table(rows)
    lines = table.splitlines()
    assert lines[0].split()[:4] == ["OK", "STATUS", "FORMAT", "ITEMS"]
    assert "1 of 3 sources answered with a feed" in table
    # columns stay aligned with wide characters: "LAST ERROR" starts at the same place on each row
    assert len({line.index("Gone") for line in lines if "Gone" in line}) == 1


async def test_a_feed_cut_short_fails_and_one_read_past_broken_xml_says_so(tmp_path):
    site = await FeedSite().start()
    try:
        site.docs["/cut.xml"] = Doc(b'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire')
        # A bare "&" breaks the XML; the lenient parser still reads the item.
        site.docs["/amp.xml"] = Doc(b'<rss version="2.0"><channel><title>A & B</title>'
                                    b'<item><title>Missile fired</title><link>https://x.example/1</link></item>'
                                    b'</channel></rss>')
        settings = Settings.model_validate({
            "state": {"path": str(tmp_path / "s.db")},
            "ingest": {"allow_private_networks": True},
            "feeds": [{"url": site.url("/cut.xml"), "name": "Cut"}, {"url": site.url("/amp.xml"), "name": "Amp"}],
        })
        async with aiohttp.ClientSession() as http:
            cut, amp = await feeds_check(settings, http)
    finally:
        await site.close()
    assert not cut["ok"] and cut["error"].startswith("not_a_feed: not a feed: not well-formed XML at line 1")
    assert amp["ok"] and amp["items"] == 1 and amp["format"] == "rss"
    assert amp["error"].startswith("read leniently: not well-formed XML at line ")
